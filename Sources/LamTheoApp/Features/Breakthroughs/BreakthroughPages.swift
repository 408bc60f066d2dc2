import Fluent
import LamTheoCore
import Plot
import Vapor

/// Breakthroughs on the web: a unit's page for a period (its subtree counted by status, each child, and
/// the list with the late and at-risk ones first), a breakthrough's page with its check-in log and a
/// progress line drawn on the server, and the forms to set, edit and check in.
enum BreakthroughPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(BreakthroughRoute.list, use: index).requiring(.capability(.read))
        routes.get(BreakthroughRoute.new, use: newForm).requiring(.capability(.edit))
        routes.post(BreakthroughRoute.new, use: create).requiring(.capability(.edit))
        routes.get(BreakthroughRoute.show(.key), use: show).requiring(.capability(.read))
        routes.get(BreakthroughRoute.edit(.key), use: editForm).requiring(.capability(.edit))
        routes.post(BreakthroughRoute.edit(.key), use: update).requiring(.capability(.edit))
        routes.post(BreakthroughRoute.checkIns(.key), bodyLimit: AttachmentType.uploadLimit, use: checkIn).requiring(.capability(.edit))
        routes.get(BreakthroughRoute.evidence(.key, checkIn: .key), use: BreakthroughAPI.evidence).requiring(.capability(.read))
    }

    private static let listTitle = LocalizedText(vi: "Khâu đột phá", en: "Breakthroughs")

    // MARK: A unit's breakthroughs

    static func index(request: Request) async throws -> Response {
        let language = request.language
        let db = request.reads
        let unit = try await request.readableUnit()
        let status = try BreakthroughAPI.statusFilter(request)
        let paging = try Paging(request)
        let today = CalendarDate.today()
        let period = try await BreakthroughQueries.period(try request.queryInteger("period"), today: today, on: db)
        let (tally, children) = try await BreakthroughQueries.rollup(of: unit, period: period, today: today, on: db)
        let page = try await BreakthroughQueries.list(within: unit, period: period, status: status, today: today,
                                                      page: paging.page, perPage: paging.perPage, on: db)
        let periods = try await BreakthroughQueries.periods(on: db)
        let list = { (status: BreakthroughStatus?, page: Int?) in
            BreakthroughRoute.list.path(query: [.unit: unit.requireID(), "period": period?.requireID(), "status": status?.rawValue, "page": page])
        }
        let unitTitle = LocalizedText(vi: "Đơn vị", en: "Unit")(language)
        let contentTitle = LocalizedText(vi: "Nội dung", en: "Content")(language)
        let progressTitle = LocalizedText(vi: "Tiến độ", en: "Progress")(language)
        let statusTitle = LocalizedText(vi: "Tình trạng", en: "Status")(language)
        let heading = "\(listTitle(language)) · \(unit.name)"
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(heading)),
            .form(.class("inline"), .method(.get), .action(BreakthroughRoute.list.path),
                  .input(.type(.hidden), .name(QueryName.unit.name), .value(String(unit.requireID()))),
                  .div(.label(.for("period"), .text(LocalizedText(vi: "Kỳ", en: "Period")(language))),
                       .element(named: "select", nodes: [
                           .attribute(named: "id", value: "period"), .attribute(named: "name", value: "period"),
                           .forEach(periods) { option in
                               .element(named: "option", nodes: [.attribute(named: "value", value: String(option.requireID())),
                                                                 .attribute(named: "selected", value: option.id == period?.id ? "selected" : nil),
                                                                 .text(option.title)])
                           },
                       ])),
                  .button(.type(.submit), .text(LocalizedText(vi: "Xem", en: "Show")(language)))),
            .if(try request.requireActor().can(.edit, at: unit.treePath), .div(.class("actions"),
                .a(.class("button"), .href(BreakthroughRoute.new.path(query: [.unit: unit.requireID(), "period": period?.requireID()])),
                   .text(LocalizedText(vi: "Đặt khâu đột phá", en: "Set a breakthrough")(language))))),
            // A unit with nothing under it is itself: its name alone, never "Toàn đảng bộ Chi bộ…".
            .h2(.text(UnitWording.whole(unit.name, isCell: children.isEmpty)(language))),
            .div(.class("figures"),
                 .forEach(BreakthroughStatus.allCases) { status in
                     figureTile(status.label, tally.total == 0 ? CoverageFigure.notReported(language) : VietnameseFormat.integer(tally[status]),
                                link: tally[status] > 0 ? list(status, nil) : nil, language: language)
                 },
                 figureTile(LocalizedText(vi: "Đơn vị đã đặt khâu đột phá", en: "Units with a breakthrough"),
                            "\(VietnameseFormat.integer(tally.reportingUnits))/\(VietnameseFormat.integer(tally.units))", link: nil, language: language)),
            .if(!children.isEmpty, childTable(children, period: period, language: language)),
            .h2(.text(status.map { "\(listTitle(language)) · \($0.label(language))" } ?? listTitle(language)),
                .if(status != nil, .a(.href(list(nil, nil)), .text(LocalizedText(vi: " (xem tất cả)", en: " (show all)")(language))))),
            page.items.isEmpty
                ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa báo cáo: chưa có khâu đột phá nào.", en: "Not reported: no breakthroughs yet.")(language)))
                : .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                    .thead(.tr(.th(.text(unitTitle)), .th(.text(contentTitle)), .th(.text(progressTitle)), .th(.text(statusTitle)))),
                    .tbody(.forEach(page.items) { row in
                        .tr(.td(.attribute(named: "data-label", value: unitTitle), .text(row.unitName)),
                            .td(.attribute(named: "data-label", value: contentTitle),
                                .a(.href(BreakthroughRoute.show(.value(row.breakthrough.requireID())).path), .text(row.breakthrough.content)),
                                .p(.class("muted"), .text(targetText(row.breakthrough)))),
                            .td(.attribute(named: "data-label", value: progressTitle), .text(progressText(row.breakthrough, language: language))),
                            .td(.attribute(named: "data-label", value: statusTitle), .text(row.breakthrough.status(today: today).label(language))))
                    }))),
            Pager(page: page.page, pageCount: page.pageCount, total: page.total, link: { list(status, $0) }).node(language)
        )
        return Layout(title: heading, content: content).response(for: request)
    }

    private static func childTable(_ children: [ChildBreakthroughs], period: RatingPeriod?, language: UILanguage) -> Node<HTML.BodyContext> {
        let unitTitle = LocalizedText(vi: "Đơn vị trực thuộc", en: "Unit below")(language)
        let unitsTitle = LocalizedText(vi: "Đơn vị đã đặt", en: "Units that set any")(language)
        return .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
            .thead(.tr(.th(.text(unitTitle)), .forEach(BreakthroughStatus.allCases) { .th(.class("num"), .text($0.label(language))) },
                       .th(.class("num"), .text(unitsTitle)))),
            .tbody(.forEach(children) { child in
                .tr(.td(.attribute(named: "data-label", value: unitTitle),
                        .a(.href(BreakthroughRoute.list.path(query: [.unit: child.organization.id, "period": period?.requireID()])),
                           .text(child.organization.name))),
                    .forEach(BreakthroughStatus.allCases) { status in
                        .td(.class("num"), .attribute(named: "data-label", value: status.label(language)),
                            .text(child.tally.total == 0 ? CoverageFigure.notReported(language) : VietnameseFormat.integer(child.tally[status])))
                    },
                    .td(.class("num"), .attribute(named: "data-label", value: unitsTitle),
                        .text("\(VietnameseFormat.integer(child.tally.reportingUnits))/\(VietnameseFormat.integer(child.tally.units))")))
            })))
    }

    // MARK: A breakthrough

    static func show(request: Request) async throws -> Response {
        let breakthrough = try await BreakthroughActions.require(try request.id(), request: request)
        return try await render(breakthrough, errors: [], request: request)
    }

    struct CheckInForm: Content {
        var checkedOn: String?
        var value: String?
        var done: String?
        var note: String?
        var evidence: String?
        var evidenceFile: File?

        var input: CheckInInput {
            CheckInInput(checkedOn: checkedOn, value: BreakthroughForm.number(value), done: done.map { $0 == "yes" }, note: note, evidence: evidence,
                         evidenceFile: evidenceFile)
        }
    }

    static func checkIn(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(CheckInForm.self)
        do {
            let breakthrough = try await BreakthroughActions.checkIn(id, form.input, request: request)
            let status = breakthrough.status(today: CalendarDate.today()).label
            return request.redirect(to: BreakthroughRoute.show(.value(id)).path(query: [:], fragment: checkInsSection), flash: LocalizedText(
                vi: "Đã ghi nhận kết quả: \(progressText(breakthrough, language: .vi)). Tình trạng: \(status.vi).",
                en: "Check-in recorded: \(progressText(breakthrough, language: .en)). Status: \(status.en)."))
        } catch let error as DomainError where error.kind != .notFound {
            let breakthrough = try await BreakthroughActions.require(id, request: request)
            let errors = error.fieldErrors.isEmpty ? [FieldError(field: "checkedOn", message: error.title)] : error.fieldErrors
            return try await render(breakthrough, errors: errors, refused: RefusedForm(form: checkInsSection, form), request: request,
                                    status: error.kind == .forbidden ? .forbidden : .unprocessableEntity)
        }
    }

    /// The check-ins' section, where a check-in returns; also the check-in form's name.
    private static let checkInsSection = "check-ins"

    /// - Parameter refused: a check-in refused, shown again as typed.
    private static func render(_ breakthrough: Breakthrough, errors: [FieldError], refused: RefusedForm? = nil, request: Request,
                               status: HTTPResponseStatus = .ok) async throws -> Response {
        let language = request.language
        let db = request.reads
        let fields = FormFields(request, errors: errors).refilled(from: refused, form: checkInsSection)
        let unit = try await OrganizationQueries.require(breakthrough.organizationId, on: db)
        let period = try await BreakthroughQueries.period(of: breakthrough, on: db)
        let checkIns = try await BreakthroughQueries.checkIns(of: breakthrough, on: db)
        let owner = try await breakthrough.ownerMemberId.asyncMap { try await Member.find($0, on: db) } ?? nil
        let canEdit = try request.requireActor().can(.edit, at: breakthrough.treePath)
        let today = CalendarDate.today()
        let id = breakthrough.requireID()
        let dateHint = LocalizedText(vi: "dd/mm/yyyy, để trống là hôm nay", en: "dd/mm/yyyy, blank for today")
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(breakthrough.content)),
            .dl(.class("facts"),
                .dt(.text(LocalizedText(vi: "Đơn vị", en: "Unit")(language))),
                .dd(.a(.href(BreakthroughRoute.list.path(query: [.unit: unit.requireID(), "period": period.requireID()])), .text(unit.name))),
                .dt(.text(LocalizedText(vi: "Kỳ", en: "Period")(language))), .dd(.text(period.title)),
                .dt(.text(LocalizedText(vi: "Chỉ tiêu", en: "Target")(language))), .dd(.text(targetText(breakthrough))),
                .dt(.text(LocalizedText(vi: "Người chịu trách nhiệm", en: "Responsible")(language))),
                .dd(.text([owner?.fullName, breakthrough.ownerRole].compactMap { $0 }.joined(separator: " · "))),
                .dt(.text(LocalizedText(vi: "Thời gian thực hiện", en: "Time frame")(language))),
                .dd(.text("\(breakthrough.startsOn.vietnamese) – \(breakthrough.endsOn.vietnamese)")),
                .dt(.text(LocalizedText(vi: "Tiến độ", en: "Progress")(language))), .dd(.text(progressText(breakthrough, language: language))),
                .dt(.text(LocalizedText(vi: "Tình trạng", en: "Status")(language))), .dd(.strong(.text(breakthrough.status(today: today).label(language))))),
            .if(canEdit, .div(.class("actions"), .a(.class("button secondary"), .href(BreakthroughRoute.edit(.value(id)).path),
                                                     .text(LocalizedText(vi: "Sửa", en: "Edit")(language))))),
            .h2(.id(checkInsSection), .text(LocalizedText(vi: "Diễn biến", en: "Progress over time")(language))),
            .raw(progressLine(breakthrough, checkIns: checkIns, language: language)),
            checkIns.isEmpty
                ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa báo cáo kết quả lần nào.", en: "No check-in yet.")(language)))
                : .ol(.forEach(checkIns.reversed()) { checkIn in
                    .li(.strong(.text(checkIn.checkedOn.vietnamese + ": " + checkInText(checkIn, of: breakthrough, language: language))),
                        .unwrap(checkIn.note) { .p(.text($0)) },
                        .unwrap(checkIn.evidence) { .p(.class("muted"), .text(LocalizedText(vi: "Minh chứng: ", en: "Evidence: ")(language) + $0)) },
                        .unwrap(checkIn.evidenceName) { name in
                            .p(.text(LocalizedText(vi: "Tệp minh chứng: ", en: "Evidence file: ")(language)),
                               .a(.href(BreakthroughRoute.evidence(.value(id), checkIn: .value(checkIn.id!)).path), .text(name)))
                        })
                }),
            .if(canEdit, .group(
                .h2(.text(LocalizedText(vi: "Báo cáo kết quả", en: "Check in")(language))),
                fields.summary,
                fields.postForm(BreakthroughRoute.checkIns(.value(id)).path, .enctype(.multipartData),
                    fields.text("checkedOn", LocalizedText(vi: "Ngày báo cáo", en: "Date"), value: nil, hint: dateHint),
                    breakthrough.targetKind == .numeric
                        ? fields.text("value", LocalizedText(vi: "Kết quả đạt được (\(breakthrough.measureUnit ?? ""))", en: "Result reached (\(breakthrough.measureUnit ?? ""))"),
                                      value: nil, required: true, hint: LocalizedText(vi: "Ví dụ 12,5", en: "For example 12.5"))
                        : fields.select("done", LocalizedText(vi: "Sản phẩm đã hoàn thành?", en: "Is the deliverable done?"),
                                        options: [("no", LocalizedText(vi: "Chưa", en: "Not yet")(language)), ("yes", LocalizedText(vi: "Đã hoàn thành", en: "Done")(language))],
                                        selected: nil, required: true),
                    fields.text("note", LocalizedText(vi: "Ghi chú", en: "Note"), value: nil),
                    fields.text("evidence", LocalizedText(vi: "Minh chứng (văn bản, biên bản, nơi lưu ảnh…)", en: "Evidence (a document, minutes, where photos are kept…)"), value: nil),
                    fields.text("evidenceFile", LocalizedText(vi: "Tệp minh chứng (PDF, DOCX, ảnh JPEG hoặc PNG)", en: "Evidence file (PDF, DOCX, a JPEG or PNG photo)"),
                                value: nil, type: .file),
                    fields.submit(LocalizedText(vi: "Ghi nhận", en: "Record")))))
        )
        return Layout(title: breakthrough.content,
                      crumbs: [Crumb(title: "\(listTitle(language)) · \(unit.name)", url: BreakthroughRoute.list.path(query: [.unit: unit.requireID(), "period": period.requireID()]))],
                      content: content).response(for: request, status: status)
    }

    /// Progress against time: the line a steady pace would follow (dashed) and the check-ins, in inline SVG.
    static func progressLine(_ breakthrough: Breakthrough, checkIns: [BreakthroughCheckIn], language: UILanguage) -> String {
        let (width, height, pad) = (320.0, 120.0, 10.0)
        let start = Double(breakthrough.startsOn.daysSinceEpoch)
        let span = max(1, Double(breakthrough.endsOn.daysSinceEpoch) - start)
        let points = checkIns.map { checkIn -> (x: Int, y: Int) in
            let percent = breakthrough.targetKind == .numeric
                ? BreakthroughProgress.percent(baseline: breakthrough.baselineValue ?? 0, target: breakthrough.targetValue ?? 0, value: checkIn.value ?? 0)
                : (checkIn.done ? 100 : 0)
            let x = pad + (Double(checkIn.checkedOn.daysSinceEpoch) - start) / span * (width - 2 * pad)
            let y = height - pad - percent / 100 * (height - 2 * pad)
            return (Int(x.rounded()), Int(y.rounded()))
        }
        let label = LocalizedText(vi: "Tiến độ theo thời gian: đường nét đứt là tiến độ đều, đường liền là kết quả báo cáo",
                                  en: "Progress over time: the dashed line is a steady pace, the solid line the check-ins")(language)
        let line = points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
        let dots = points.map { "<circle cx=\"\($0.x)\" cy=\"\($0.y)\" r=\"3\" fill=\"#a50e0e\"/>" }.joined()
        return """
            <svg role="img" aria-label="\(HTMLEscaping.attribute(label))" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" class="progress-line">\
            <rect x="\(pad)" y="\(pad)" width="\(width - 2 * pad)" height="\(height - 2 * pad)" fill="none" stroke="#ccc"/>\
            <line x1="\(pad)" y1="\(height - pad)" x2="\(width - pad)" y2="\(pad)" stroke="#999" stroke-dasharray="4 4"/>\
            <polyline points="\(line)" fill="none" stroke="#a50e0e" stroke-width="2"/>\(dots)</svg>
            """
    }

    // MARK: Setting and editing

    /// The form's fields as typed: numbers as text ("12,5"), the owner as a member id or a role.
    struct BreakthroughForm: Content {
        var organizationId: Int?
        var periodId: String?
        var campaignId: String?
        var content: String?
        var targetKind: String?
        var baselineValue: String?
        var targetValue: String?
        var measureUnit: String?
        var deliverable: String?
        var ownerMemberId: String?
        var ownerRole: String?
        var startsOn: String?
        var endsOn: String?

        var input: BreakthroughInput {
            BreakthroughInput(organizationId: organizationId, periodId: periodId.flatMap { Int($0) }, campaignId: campaignId.flatMap { Int($0) },
                              content: content, targetKind: targetKind, baselineValue: Self.number(baselineValue), targetValue: Self.number(targetValue),
                              measureUnit: measureUnit, deliverable: deliverable, ownerMemberId: ownerMemberId.flatMap { Int($0) },
                              ownerRole: ownerRole, startsOn: startsOn, endsOn: endsOn)
        }

        /// "12,5" or "12.5"; nil when blank or not a number.
        static func number(_ text: String?) -> Double? {
            Double((text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "."))
        }

        init(unit: Int?, period: Int?) {
            organizationId = unit
            periodId = period.map(String.init)
            targetKind = BreakthroughTargetKind.numeric.rawValue
        }

        init(_ breakthrough: Breakthrough) {
            organizationId = breakthrough.organizationId
            periodId = String(breakthrough.periodId)
            campaignId = breakthrough.campaignId.map(String.init)
            content = breakthrough.content
            targetKind = breakthrough.targetKind.rawValue
            baselineValue = breakthrough.baselineValue.map(BreakthroughPages.number)
            targetValue = breakthrough.targetValue.map(BreakthroughPages.number)
            measureUnit = breakthrough.measureUnit
            deliverable = breakthrough.deliverable
            ownerMemberId = breakthrough.ownerMemberId.map(String.init)
            ownerRole = breakthrough.ownerRole
            startsOn = breakthrough.startsOn.vietnamese
            endsOn = breakthrough.endsOn.vietnamese
        }
    }

    static func newForm(request: Request) async throws -> Response {
        let form = BreakthroughForm(unit: try await request.readableUnit().requireID(), period: try request.queryInteger("period"))
        return try await renderForm(form, editing: nil, errors: [], request: request)
    }

    static func create(request: Request) async throws -> Response {
        let form = try request.content.decode(BreakthroughForm.self)
        do {
            let breakthrough = try await BreakthroughActions.set(form.input, request: request)
            return request.redirect(to: BreakthroughRoute.show(.value(breakthrough.requireID())).path, flash: LocalizedText(
                vi: "Đã đặt khâu đột phá “\(breakthrough.content)”: \(targetText(breakthrough)), \(breakthrough.startsOn.vietnamese) – \(breakthrough.endsOn.vietnamese).",
                en: "Breakthrough “\(breakthrough.content)” set: \(targetText(breakthrough)), \(breakthrough.startsOn.vietnamese) – \(breakthrough.endsOn.vietnamese)."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderForm(form, editing: nil, errors: formErrors(error), request: request, status: status(of: error))
        }
    }

    static func editForm(request: Request) async throws -> Response {
        let breakthrough = try await BreakthroughActions.require(try request.id(), request: request)
        return try await renderForm(BreakthroughForm(breakthrough), editing: breakthrough.requireID(), errors: [], request: request)
    }

    static func update(request: Request) async throws -> Response {
        let id = try request.id()
        var form = try request.content.decode(BreakthroughForm.self)
        do {
            let breakthrough = try await BreakthroughActions.update(id, form.input, request: request)
            return request.redirect(to: BreakthroughRoute.show(.value(id)).path, flash: LocalizedText(
                vi: "Đã lưu khâu đột phá “\(breakthrough.content)”.", en: "Breakthrough “\(breakthrough.content)” saved."))
        } catch let error as DomainError where error.kind != .notFound {
            form.organizationId = try await BreakthroughActions.require(id, request: request).organizationId
            return try await renderForm(form, editing: id, errors: formErrors(error), request: request, status: status(of: error))
        }
    }

    private static func formErrors(_ error: DomainError) -> [FieldError] {
        error.fieldErrors.isEmpty ? [FieldError(field: "content", message: error.title)] : error.fieldErrors
    }

    private static func status(of error: DomainError) -> HTTPResponseStatus {
        error.kind == .forbidden ? .forbidden : error.kind == .conflict ? .conflict : .unprocessableEntity
    }

    private static func renderForm(_ form: BreakthroughForm, editing id: Int?, errors: [FieldError], request: Request,
                                   status: HTTPResponseStatus = .ok) async throws -> Response {
        let language = request.language
        let db = request.reads
        let fields = FormFields(request, errors: errors)
        guard let unitId = form.organizationId, let unit = try await Organization.find(unitId, on: db) else { throw Abort(.notFound) }
        try request.require(.edit, at: unit.treePath)
        let periods = try await BreakthroughQueries.periods(on: db)
        let campaigns = try await CampaignQueries.active(covering: unit, on: db)
        // The first 300 on the roll in name order, as the member list reads them (2.3 s at the national root sorted here).
        let members = try await MemberQueries.search(MemberQueries.Filter(within: unit.treePath), page: 1, perPage: 300, on: db).items
        let dateHint = LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")
        let title = id == nil ? LocalizedText(vi: "Đặt khâu đột phá", en: "Set a breakthrough")(language)
                              : LocalizedText(vi: "Sửa khâu đột phá", en: "Edit the breakthrough")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .p(.text(LocalizedText(vi: "Đơn vị: ", en: "Unit: ")(language) + unit.name)),
            .p(.class("notice"), .text(BreakthroughSpecificity.rule(language))),
            fields.summary,
            fields.postForm(id.map { BreakthroughRoute.edit(.value($0)).path } ?? BreakthroughRoute.new.path,
                .input(.type(.hidden), .name("organizationId"), .value(String(unitId))),
                fields.textArea("content", LocalizedText(vi: "Nội dung (làm việc gì, ở đâu, cho ai) *", en: "Content (what, where, for whom) *"),
                                value: form.content, rows: 3),
                fields.select("periodId", LocalizedText(vi: "Kỳ (để trống: năm của ngày bắt đầu)", en: "Period (blank: the year of the start)"),
                              options: [("", "—")] + periods.map { (String($0.requireID()), $0.title) }, selected: form.periodId),
                fields.select("campaignId", LocalizedText(vi: "Thuộc đợt triển khai", en: "Part of the campaign"),
                              options: [("", "—")] + campaigns.map { (String($0.requireID()), $0.title) }, selected: form.campaignId),
                fields.select("targetKind", LocalizedText(vi: "Loại chỉ tiêu", en: "Kind of target"),
                              options: [(BreakthroughTargetKind.numeric.rawValue, LocalizedText(vi: "Con số đo được", en: "A number")(language)),
                                        (BreakthroughTargetKind.deliverable.rawValue, LocalizedText(vi: "Sản phẩm cụ thể", en: "A concrete deliverable")(language))],
                              selected: form.targetKind, required: true),
                .fieldset(.element(named: "legend", text: LocalizedText(vi: "Nếu là con số", en: "For a number")(language)),
                    fields.text("baselineValue", LocalizedText(vi: "Giá trị hiện tại (để trống là 0)", en: "Baseline (blank: 0)"), value: form.baselineValue),
                    fields.text("targetValue", LocalizedText(vi: "Chỉ tiêu phải đạt", en: "Target value"), value: form.targetValue,
                                hint: LocalizedText(vi: "Thấp hơn giá trị hiện tại nếu là chỉ tiêu giảm (hộ nghèo…)", en: "Below the baseline for a reduction (poor households…)")),
                    fields.text("measureUnit", LocalizedText(vi: "Đơn vị tính (%, hộ, km, tỷ đồng…)", en: "Unit of measure (%, households, km…)"), value: form.measureUnit)),
                .fieldset(.element(named: "legend", text: LocalizedText(vi: "Nếu là sản phẩm", en: "For a deliverable")(language)),
                    fields.text("deliverable", LocalizedText(vi: "Sản phẩm phải hoàn thành", en: "Deliverable"), value: form.deliverable)),
                fields.select("ownerMemberId", LocalizedText(vi: "Đảng viên chịu trách nhiệm", en: "Responsible member"),
                              options: [("", "—")] + members.map { (String($0.requireID()), "\($0.fullName) · \($0.cardNumber)") }, selected: form.ownerMemberId),
                fields.text("ownerRole", LocalizedText(vi: "hoặc chức danh chịu trách nhiệm", en: "or the responsible role"), value: form.ownerRole),
                fields.text("startsOn", LocalizedText(vi: "Từ ngày", en: "From"), value: form.startsOn, required: true, hint: dateHint),
                fields.text("endsOn", LocalizedText(vi: "Đến ngày", en: "Until"), value: form.endsOn, required: true, hint: dateHint),
                fields.submit(LocalizedText(vi: "Lưu", en: "Save")))
        )
        return Layout(title: title, crumbs: [Crumb(title: "\(listTitle(language)) · \(unit.name)", url: BreakthroughRoute.list.path(query: [.unit: unitId]))],
                      content: content).response(for: request, status: status)
    }

    // MARK: Shared bits

    /// 12 → "12", 12.5 → "12,5".
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? VietnameseFormat.integer(Int(value)) : VietnameseFormat.decimal(value, fractionDigits: 2)
    }

    static func targetText(_ breakthrough: Breakthrough) -> String {
        switch breakthrough.targetKind {
        case .numeric:
            return "\(number(breakthrough.baselineValue ?? 0)) → \(number(breakthrough.targetValue ?? 0)) \(breakthrough.measureUnit ?? "")"
        case .deliverable:
            return breakthrough.deliverable ?? ""
        }
    }

    static func progressText(_ breakthrough: Breakthrough, language: UILanguage) -> String {
        guard let percent = breakthrough.progressPercent else { return CoverageFigure.notReported(language) }
        let value = breakthrough.latestValue.map { " (\(number($0)) \(breakthrough.measureUnit ?? ""))" } ?? ""
        return VietnameseFormat.decimal(percent, fractionDigits: 1) + "%" + value
    }

    static func checkInText(_ checkIn: BreakthroughCheckIn, of breakthrough: Breakthrough, language: UILanguage) -> String {
        switch breakthrough.targetKind {
        case .numeric: return "\(number(checkIn.value ?? 0)) \(breakthrough.measureUnit ?? "")"
        case .deliverable: return checkIn.done ? LocalizedText(vi: "Đã hoàn thành", en: "Done")(language) : LocalizedText(vi: "Chưa hoàn thành", en: "Not done yet")(language)
        }
    }
}

extension BreakthroughStatus {
    var label: LocalizedText {
        switch self {
        case .late: return LocalizedText(vi: "Trễ hạn", en: "Late")
        case .atRisk: return LocalizedText(vi: "Có nguy cơ chậm", en: "At risk")
        case .onTrack: return LocalizedText(vi: "Đúng tiến độ", en: "On track")
        case .done: return LocalizedText(vi: "Đã hoàn thành", en: "Done")
        }
    }
}
