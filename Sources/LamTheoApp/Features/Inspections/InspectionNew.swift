import Fluent
import LamTheoCore
import Plot

/// The form deciding a new inspection at a committee: kind, decision, subject, period and schedule, the units
/// directly under it to inspect, and the team one per line.
enum InspectionNew {
    static let title = LocalizedText(vi: "Quyết định kiểm tra, giám sát", en: "New inspection")
    static let form = "new"

    struct Model: Sendable {
        let committeeId: Int
        let committeeName: String
        let units: [(id: Int, name: String)]
        let documents: [(id: Int, title: String)]
        /// The units a refused form had ticked.
        var ticked: Set<Int> = []
    }

    enum Query {
        static func run(committee: Organization, on db: any Database) async throws -> Model {
            let units = try await Organization.query(on: db).filter(\.$parentId == committee.requireID()).filter(\.$status == .active)
                .sort(\.$nameSort).sort(\.$id).all()
            let documents = try await Document.query(on: db).sort(\.$issuedOn, .descending).sort(\.$id, .descending).limit(100).all()
            return Model(committeeId: committee.requireID(), committeeName: committee.name, units: units.map { ($0.requireID(), $0.name) },
                         documents: documents.map { ($0.requireID(), "\($0.symbol) — \($0.title)") })
        }
    }

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let fields = context.fields(for: InspectionNew.form)
            let date = LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text("\(InspectionNew.title(language)) · \(model.committeeName)")),
                fields.summary,
                fields.postForm(InspectionRoute.list.path,
                    .input(.type(.hidden), .name("organizationId"), .value(String(model.committeeId))),
                    fields.select("kind", LocalizedText(vi: "Hình thức", en: "Kind"), options: InspectionKind.allCases.map { ($0.rawValue, $0.label(language)) },
                                  selected: nil, required: true),
                    fields.select("decisionDocumentId", LocalizedText(vi: "Quyết định", en: "Decision"),
                                  options: [("", LocalizedText(vi: "— chọn văn bản —", en: "— choose —")(language))] + model.documents.map { (String($0.id), $0.title) },
                                  selected: nil, required: true),
                    fields.textArea("subject", LocalizedText(vi: "Nội dung kiểm tra, giám sát *", en: "Subject *"), value: nil, rows: 2),
                    fields.text("periodFrom", LocalizedText(vi: "Thời kỳ kiểm tra từ", en: "Period from"), value: nil, required: true, hint: date),
                    fields.text("periodTo", LocalizedText(vi: "Thời kỳ kiểm tra đến", en: "Period to"), value: nil, required: true, hint: date),
                    fields.text("startsOn", LocalizedText(vi: "Ngày bắt đầu", en: "Starts on"), value: nil, required: true, hint: date),
                    fields.text("endsOn", LocalizedText(vi: "Ngày kết thúc", en: "Ends on"), value: nil, required: true,
                                hint: LocalizedText(vi: "dd/mm/yyyy; đoàn xem hồ sơ đơn vị đến hết ngày này", en: "dd/mm/yyyy; the team reads the units' records until this day")),
                    fields.text("selfReportDueOn", LocalizedText(vi: "Hạn nộp báo cáo tự kiểm tra", en: "Self-reports due"), value: nil, required: true, hint: date),
                    .div(.id("unitIds"), .p(.strong(.text(LocalizedText(vi: "Đơn vị được kiểm tra *", en: "Units inspected *")(language)))),
                              .forEach(model.units) { unit in
                                  .div(.class("choice"), .input(.type(.checkbox), .id("unit-\(unit.id)"), .name("unitIds[]"), .value(String(unit.id)),
                                                                .attribute(named: "checked", value: model.ticked.contains(unit.id) ? "checked" : nil)),
                                       .label(.for("unit-\(unit.id)"), .text(unit.name)))
                              },
                              .forEach(fields.errors(for: "unitIds")) { .p(.class("field-error"), .text($0)) }),
                    fields.textArea("team", LocalizedText(vi: "Đoàn kiểm tra, mỗi dòng một người *", en: "Team, one per line *"), value: nil, rows: 4),
                    .p(.class("muted"), .text(LocalizedText(vi: "Ví dụ: “Trưởng đoàn: Nguyễn Văn A (tên tài khoản)”; vai trò: Trưởng đoàn, Thành viên, Thư ký.",
                                                            en: "E.g. “Trưởng đoàn: Nguyễn Văn A (account)”; roles: Trưởng đoàn, Thành viên, Thư ký.")(language))),
                    fields.submit(LocalizedText(vi: "Ghi quyết định", en: "Record the decision")))
            )
            return Layout(title: InspectionNew.title(language),
                          crumbs: [Crumb(title: InspectionList.title(language), url: InspectionRoute.list.path(query: [.unit: model.committeeId]))],
                          content: content)
        }
    }
}
