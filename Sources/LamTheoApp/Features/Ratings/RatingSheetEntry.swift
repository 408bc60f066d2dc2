import Fluent
import LamTheoCore
import Plot
import Vapor

/// A cell's proposals, or a grassroots organisation's decisions, for every member on one sheet: a score
/// and a remark per row, saved together. The rows are recorded in one transaction, each as the step it
/// is (same rules, same audit event per step, as the one-member form); one refused row refuses the
/// sheet, and the sheet comes back as typed with each message on its row. A row left blank, or with the
/// score its step already has, is not recorded again.
enum RatingSheetEntry {
    /// Past this, the paged sheet and the API are the tools: one form is for a cell or a small organisation.
    static let largestSheet = 200

    static func register(on routes: any RoutesBuilder) {
        routes.get(RatingRoute.bulkSteps(period: .key), use: form).requiring(.capability(.edit))
        routes.post(RatingRoute.bulkSteps(period: .key), use: save).requiring(.capability(.edit))
    }

    /// What a row of the sheet is: a member the caller may give this step to, or why not.
    struct Row {
        let member: Member
        let cell: String
        let latest: [RatingStepKind: RatingStep]
        /// Why the row takes no score; nil when it does.
        let closedReason: LocalizedText?
    }

    struct Sheet {
        let period: RatingPeriod
        let unit: Organization
        let step: RatingStepKind
        let rows: [Row]
        let quota: ExcellentQuota?
    }

    struct Form: Content {
        var step: String?
        var score: [String: String]?
        var explanation: [String: String]?
        var disciplined: [String: String]?
    }

    static func form(request: Request) async throws -> Response {
        let sheet = try await load(request)
        return render(sheet, form: Form(step: sheet.step.rawValue), errors: [:], request: request)
    }

    static func save(request: Request) async throws -> Response {
        let sheet = try await load(request)
        let form = try request.content.decode(Form.self)
        let actor = try request.requireActor()
        var inputs: [(memberId: Int, input: RatingStepInput)] = []
        var errors: [Int: [FieldError]] = [:]
        for row in sheet.rows {
            let id = row.member.requireID()
            let key = String(id)
            let text = (form.score?[key] ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, row.closedReason == nil else { continue }
            guard let score = Int(text) else {
                errors[id] = [FieldError(field: "score-\(id)", message: LocalizedText(vi: "Điểm phải là số từ 0 đến 100", en: "The score must be a number from 0 to 100"))]
                continue
            }
            let explanation = form.explanation?[key].flatMap { $0.trimmingCharacters(in: .whitespaces).nonEmpty }
            let disciplined = sheet.step == .decision && form.disciplined?[key] == "on"
            if let latest = row.latest[sheet.step], latest.score == score, latest.explanation == explanation, latest.disciplined == disciplined { continue }
            inputs.append((id, RatingStepInput(periodId: sheet.period.id, memberId: id, step: sheet.step.rawValue, score: score,
                                               explanation: explanation, disciplined: sheet.step == .decision ? disciplined : nil)))
        }
        guard errors.isEmpty else {
            return render(sheet, form: form, errors: errors, request: request, status: .unprocessableEntity)
        }
        guard !inputs.isEmpty else {
            return request.redirect(to: RatingRoute.sheet(period: .value(sheet.period.requireID())).path(query: [.unit: sheet.unit.requireID()]),
                                    flash: LocalizedText(vi: "Không có điểm nào mới để lưu.", en: "No new score to save."))
        }
        let author = RatingAuthor(userId: actor.userId, username: actor.username)
        let origin = request.auditOrigin()
        let action = "rating.\(sheet.step.rawValue)"
        let toRecord = inputs
        do {
            try await request.write(AuditSubject("rating.sheet", RatingStep.self)) { db in
                var refused: [Int: [FieldError]] = [:]
                for (memberId, input) in toRecord {
                    do {
                        let step = try await RatingCommands.record(input, by: author, on: db)
                        guard let key = step.auditKey else { preconditionFailure("a created step has its id") }
                        try await AuditTrail.append(AuditNote(action: action, entity: RatingStep.auditEntity, entityKey: key), origin: origin,
                                                    before: nil, after: try await RatingStep.auditSnapshot(key: key, on: db), on: db)
                    } catch let error as DomainError where error.kind != .notFound {
                        refused[memberId] = error.fieldErrors.isEmpty
                            ? [FieldError(field: "score-\(memberId)", message: error.title)]
                            : error.fieldErrors.map { FieldError(field: "score-\(memberId)", message: $0.message) }
                    }
                }
                // One refused row refuses the sheet: nothing of it is kept.
                if !refused.isEmpty { throw RefusedRows(errors: refused) }
            }
        } catch let refused as RefusedRows {
            return render(sheet, form: form, errors: refused.errors, request: request, status: .unprocessableEntity)
        }
        return request.redirect(to: RatingRoute.sheet(period: .value(sheet.period.requireID())).path(query: [.unit: sheet.unit.requireID()]),
                                flash: LocalizedText(vi: "Đã lưu \(sheet.step.label.vi.lowercased()) cho \(inputs.count) đảng viên.",
                                                     en: "\(sheet.step.label.en) saved for \(inputs.count) members."))
    }

    private struct RefusedRows: Error {
        let errors: [Int: [FieldError]]
    }

    /// The members of the unit's subtree with their latest steps, and for each whether the caller may give it
    /// the step now.
    private static func load(_ request: Request) async throws -> Sheet {
        let db = request.reads
        let actor = try request.requireActor()
        let period = try await RatingQueries.requirePeriod(try request.id(), on: db)
        let unit = try await request.readableUnit()
        let stepName = (try? request.content.get(String.self, at: "step")) ?? request.query[String.self, at: "step"] ?? RatingStepKind.proposal.rawValue
        guard let step = RatingStepKind(rawValue: stepName), step != .selfAssessment else {
            throw DomainError(.invalid, title: LocalizedText(vi: "Bảng chấm chỉ dùng cho đề xuất (proposal) hoặc quyết định (decision)",
                                                             en: "The sheet is for proposals or decisions"))
        }
        let page = try await RatingQueries.sheet(period: period, unit: unit, page: 1, perPage: largestSheet, on: db)
        guard page.total <= largestSheet else {
            throw DomainError.conflict(field: "unit", LocalizedText(
                vi: "\(unit.name) có \(page.total) đảng viên: bảng chấm một trang dành cho đơn vị đến \(largestSheet) đảng viên; hãy chấm theo từng chi bộ",
                en: "\(unit.name) has \(page.total) members: the one-page sheet is for units of up to \(largestSheet); rate cell by cell"))
        }
        let closed = try await RatingPeriods.closure(of: period, covering: unit.treePath, on: db) != nil
        let rules = try await RatingQueries.rules(on: db)
        let months = RatingQueries.minimumMonths(rules) ?? 0
        let cells = try await MemberQueries.cellNames(for: page.items.map(\.member), on: db)
        var grassrootsOfCell: [Int: Organization] = [:]
        var rows: [Row] = []
        for item in page.items {
            let cellId = item.member.organizationId
            if grassrootsOfCell[cellId] == nil {
                grassrootsOfCell[cellId] = try await RatingQueries.grassroots(of: try await OrganizationQueries.require(cellId, on: db), on: db)
            }
            let may = RatingActions.mayTake(step, member: item.member.id, unit: TreePath(rawValue: item.member.organizationPath)!,
                                            deciding: grassrootsOfCell[cellId]!.treePath, actor: actor)
            let reason: LocalizedText? = if closed {
                LocalizedText(vi: "đã khóa sổ", en: "closed")
            } else if let notRated = item.notRated {
                notRated.text(months: months)
            } else if !may {
                LocalizedText(vi: "không thuộc quyền của bạn", en: "not yours to rate")
            } else if step == .decision, item.steps[.proposal] == nil {
                LocalizedText(vi: "chưa có đề xuất", en: "no proposal yet")
            } else {
                nil
            }
            rows.append(Row(member: item.member, cell: cells[cellId] ?? "", latest: item.steps, closedReason: reason))
        }
        let deciding = RatingQueries.decidesMembers(unit) ? unit
            : unit.kindCode == StandardOrganizationKind.cell.rawValue ? try await RatingQueries.grassroots(of: unit, on: db) : nil
        let quota = try await deciding.asyncMap { try await RatingQueries.quota(deciding: $0, period: period, on: db) } ?? nil
        return Sheet(period: period, unit: unit, step: step, rows: rows, quota: quota)
    }

    private static func render(_ sheet: Sheet, form: Form, errors: [Int: [FieldError]], request: Request, status: HTTPStatus = .ok) -> Response {
        let language = request.language
        let fields = FormFields(request, errors: errors.values.flatMap { $0 })
        let title = "\(sheet.step.label(language)) · \(sheet.period.title) · \(sheet.unit.name)"
        let action = RatingRoute.bulkSteps(period: .value(sheet.period.requireID())).path(query: [.unit: sheet.unit.requireID()])
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .p(.text(LocalizedText(vi: "Nhập điểm cho những đảng viên cần chấm rồi bấm Lưu một lần. Dòng để trống thì bỏ qua; một dòng sai thì chưa lưu dòng nào.",
                                   en: "Enter the scores you are giving and save once. Blank rows are skipped; if one row is refused, nothing is saved.")(language))),
            .unwrap(sheet.quota) { .p(.class($0.isBroken ? "errors" : "notice"), .text($0.status(language))) },
            fields.summary,
            fields.postForm(action,
                .input(.type(.hidden), .name("step"), .value(sheet.step.rawValue)),
                .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .attribute(named: "role", value: "region"),
                     .attribute(named: "aria-label", value: title),
                     .table(.class("responsive"),
                        .thead(.tr(.th(.text(Titles.name(language))), .th(.text(Titles.earlier(language))), .th(.text(Titles.score(language))),
                                   .th(.text(Titles.remark(language))), .if(sheet.step == .decision, .th(.text(Titles.disciplined(language)))))),
                        .tbody(.forEach(sheet.rows) { row in rowNode(row, sheet: sheet, form: form, errors: errors[row.member.requireID()], language: language) }))),
                fields.submit(LocalizedText(vi: "Lưu cả bảng", en: "Save the sheet")))
        )
        return Layout(title: title, crumbs: [Crumb(title: LocalizedText(vi: "Đánh giá", en: "Ratings")(language), url: RatingRoute.ratings.path),
                                             Crumb(title: sheet.unit.name, url: RatingRoute.sheet(period: .value(sheet.period.requireID())).path(query: [.unit: sheet.unit.requireID()]))],
                      content: content).response(for: request, status: status)
    }

    private enum Titles {
        static let name = LocalizedText(vi: "Đảng viên", en: "Member")
        static let earlier = LocalizedText(vi: "Đã có", en: "So far")
        static let score = LocalizedText(vi: "Điểm (0–100)", en: "Score (0–100)")
        static let remark = LocalizedText(vi: "Nhận xét", en: "Remark")
        static let disciplined = LocalizedText(vi: "Bị kỷ luật", en: "Disciplined")
    }

    /// One member's row: what they have so far, and the score, remark (and for a decision, discipline) to give,
    /// as typed when the sheet was refused.
    private static func rowNode(_ row: Row, sheet: Sheet, form: Form, errors: [FieldError]?, language: UILanguage) -> Node<HTML.TableContext> {
        let id = row.member.requireID()
        let key = String(id)
        let name = row.member.fullName
        let message = errors?.map { $0.message(language) }.joined(separator: "; ")
        let earlier = RatingStepKind.allCases.filter { $0 != sheet.step }.compactMap { kind in
            row.latest[kind].map { "\(kind.label(language)): \($0.score) (\($0.level.label(language)))" }
        }.joined(separator: " · ")
        let typedScore = form.score?[key] ?? row.latest[sheet.step].map { String($0.score) } ?? ""
        let typedRemark = form.explanation?[key] ?? row.latest[sheet.step]?.explanation ?? ""
        let disciplined = form.disciplined?[key] == "on" || (form.score == nil && row.latest[.decision]?.disciplined == true)
        let who: Node<HTML.TableRowContext> = .td(.attribute(named: "data-label", value: Titles.name(language)),
                                                .span(.strong(.text(name)), .br(), .span(.class("muted"), .text(row.cell))))
        let sofar: Node<HTML.TableRowContext> = .td(.attribute(named: "data-label", value: Titles.earlier(language)), .text(earlier.isEmpty ? "—" : earlier))
        if let reason = row.closedReason {
            return .tr(.id("member-\(id)"), who, sofar,
                       .td(.attribute(named: "data-label", value: Titles.score(language)), .attribute(named: "colspan", value: sheet.step == .decision ? "3" : "2"),
                           .span(.class("muted"), .text(reason(language)))))
        }
        // One block beside the label on a phone's card: the box, and under it the message.
        let score: Node<HTML.TableRowContext> = .td(.attribute(named: "data-label", value: Titles.score(language)), .div(
            .input(.type(.number), .id("score-\(id)"), .name("score[\(id)]"), .value(typedScore),
                   .attribute(named: "min", value: "0"), .attribute(named: "max", value: "100"), .attribute(named: "inputmode", value: "numeric"),
                   .attribute(named: "aria-label", value: "\(Titles.score(language)): \(name)"),
                   .attribute(named: "aria-invalid", value: message == nil ? nil : "true")),
            .unwrap(message) { .p(.class("field-error"), .text($0)) }))
        let remark: Node<HTML.TableRowContext> = .td(.attribute(named: "data-label", value: Titles.remark(language)),
            .input(.type(.text), .name("explanation[\(id)]"), .value(typedRemark), .attribute(named: "aria-label", value: "\(Titles.remark(language)): \(name)")))
        let discipline: Node<HTML.TableRowContext> = .if(sheet.step == .decision, .td(.attribute(named: "data-label", value: Titles.disciplined(language)),
            .input(.type(.checkbox), .name("disciplined[\(id)]"), .checked(disciplined),
                   .attribute(named: "aria-label", value: "\(Titles.disciplined(language)): \(name)"))))
        return .tr(.id("member-\(id)"), who, sofar, score, remark, discipline)
    }
}
