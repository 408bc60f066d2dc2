import Fluent
import LamTheoCore
import Plot
import Vapor

/// The rating pages, phone first: the periods (and their editor, for administrators), a period's roll-up
/// at a unit with drill-down and closing, the rating sheet of a unit (a cell's proposals, a grassroots
/// organisation's decisions with the quota live), the member's own ratings and self-assessment, the rules.
enum RatingPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(RatingRoute.ratings, use: periods).requiring(.signedIn)
        routes.post(RatingRoute.periods, use: createPeriod).requiring(.administrator)
        routes.get(RatingRoute.period(.key), use: rollUp).requiring(.capability(.read))
        routes.get(RatingRoute.sheet(period: .key), use: sheet).requiring(.capability(.read))
        routes.post(RatingRoute.memberSteps(period: .key), use: recordStep).requiring(.capability(.edit))
        routes.post(RatingRoute.unitSteps(period: .key), use: recordUnitStep).requiring(.capability(.edit))
        routes.post(RatingRoute.closures(period: .key), use: close).requiring(.capability(.edit))
        routes.post(RatingRoute.reopen(closure: .key), use: reopen).requiring(.capability(.edit))
        routes.get(RatingRoute.rules, use: rules).requiring(.administrator)
        routes.post(RatingRoute.rule(.key), use: updateRule).requiring(.administrator)
        routes.get(RatingRoute.mine, use: mine).requiring(.selfService)
        routes.post(RatingRoute.selfAssessment(period: .key), use: selfAssess).requiring(.selfService)
    }

    // MARK: Periods

    struct PeriodForm: Content {
        var kind: String?
        var title: String?
        var startsOn: String?
        var endsOn: String?

        var input: RatingPeriodInput { RatingPeriodInput(kind: kind, title: title, startsOn: startsOn, endsOn: endsOn) }
    }

    static func periods(request: Request) async throws -> Response {
        try await renderPeriods(PeriodForm(kind: RatingPeriodKind.year.rawValue), errors: [], request: request)
    }

    static func createPeriod(request: Request) async throws -> Response {
        let form = try request.content.decode(PeriodForm.self)
        do {
            _ = try await RatingActions.createPeriod(form.input, request: request)
            return request.redirect(to: RatingRoute.ratings.path)
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderPeriods(form, errors: error.fieldErrors, request: request, status: .unprocessableEntity)
        }
    }

    private static func renderPeriods(_ form: PeriodForm, errors: [FieldError], request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let actor = try request.requireActor()
        let periods = try await RatingQueries.periods(on: request.db)
        let fields = FormFields(request, errors: errors)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(LocalizedText(vi: "Đánh giá, xếp loại", en: "Ratings")(language))),
            .if(actor.memberId != nil, .p(.a(.class("button"), .href(RatingRoute.mine.path), .text(LocalizedText(vi: "Đánh giá của tôi", en: "My ratings")(language))))),
            periods.isEmpty
                ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có kỳ đánh giá nào.", en: "No periods yet.")(language)))
                : .ul(.forEach(periods) { period in
                    .li(actor.canSomewhere(.read) ? .a(.href(RatingRoute.period(.value(period.requireID())).path), .text(period.title)) : .text(period.title),
                        .text(" · \(period.kind.label(language)) · \(span(period))"))
                }),
            .if(actor.isAdministrator, .group(
                .p(.a(.href(RatingRoute.rules.path), .text(LocalizedText(vi: "Quy tắc xếp loại", en: "Rating rules")(language)))),
                .h2(.text(LocalizedText(vi: "Thêm kỳ đánh giá", en: "New period")(language))),
                fields.summary,
                fields.postForm(RatingRoute.periods.path,
                    fields.select("kind", LocalizedText(vi: "Loại kỳ", en: "Kind"),
                                  options: RatingPeriodKind.allCases.map { ($0.rawValue, $0.label(language)) }, selected: form.kind, required: true),
                    fields.text("title", LocalizedText(vi: "Tên kỳ", en: "Title"), value: form.title, required: true),
                    fields.text("startsOn", LocalizedText(vi: "Từ ngày", en: "From"), value: form.startsOn, required: true, hint: dateHint),
                    fields.text("endsOn", LocalizedText(vi: "Đến ngày", en: "To"), value: form.endsOn, required: true, hint: dateHint),
                    fields.submit(LocalizedText(vi: "Thêm", en: "Add")))))
        )
        return Layout(title: LocalizedText(vi: "Đánh giá, xếp loại", en: "Ratings")(language), content: content).response(for: request, status: status)
    }

    // MARK: Roll-up and closing

    static func rollUp(request: Request) async throws -> Response {
        try await renderRollUp(errors: [], request: request)
    }

    private static func renderRollUp(errors: [FieldError], request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let db = request.db
        let actor = try request.requireActor()
        let period = try await RatingQueries.requirePeriod(try request.id(), on: db)
        let unit = try await RatingAPI.requireUnit(request)
        let id = period.requireID()
        let tally = try await RatingQueries.tally(period: period, at: unit, on: db)
        let children = try await RatingQueries.children(of: unit, period: period, on: db)
        let closures = try await RatingQueries.closures(of: period, around: unit, on: db)
        let closedHere = try await RatingPeriods.closure(of: period, covering: unit.treePath, on: db)
        let lineage = try await OrganizationQueries.lineage(of: unit, readableBy: actor, on: db)
        let unitRatings = try await RatingQueries.unitRatings(of: children.map { $0.unit.requireID() }, in: period, on: db)
        let fields = FormFields(request, errors: errors)
        let unitTitle = LocalizedText(vi: "Đơn vị", en: "Unit")(language)
        let columns = [unitTitle] + RatingLevel.allCases.map { $0.label(language) } + [LocalizedText(vi: "Chưa xếp loại", en: "Pending")(language)]
        var closureItems: [Node<HTML.ListContext>] = []
        for closure in closures {
            let snapshot = try await RatingQueries.snapshot(of: closure, on: db)?.tally
            let closedOn = closure.closedOn.vietnamese
            closureItems.append(.li(
                .text(LocalizedText(vi: "Khóa sổ ngày \(closedOn)", en: "Closed on \(closedOn)")(language)),
                .unwrap(snapshot) { .text(" · " + summary($0, language: language)) },
                .unwrap(closure.reopenedOn) { reopened in
                    .text(LocalizedText(vi: " · mở lại ngày \(reopened.vietnamese): \(closure.reopenReason ?? "")",
                                        en: " · reopened on \(reopened.vietnamese): \(closure.reopenReason ?? "")")(language))
                },
                .if(closure.reopenedOn == nil && actor.can(.edit, at: TreePath(rawValue: closure.organizationPath)!),
                    fields.postForm(RatingRoute.reopen(closure: .value(closure.requireID())).path(query: [.unit: unit.requireID()]),
                        fields.text("reason", LocalizedText(vi: "Lý do mở lại", en: "Reason for reopening"), value: nil, required: true),
                        fields.submit(LocalizedText(vi: "Mở lại", en: "Reopen"))))))
        }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("\(period.title) · \(unit.name)")),
            .p(.text(lineage.map(\.name).joined(separator: " › "))),
            fields.summary,
            .div(.class("figures"),
                 .forEach(RatingLevel.allCases) { level in
                     figureTile(level.label, tally.figure(level).text(language, counting: LocalizedText(vi: "đảng viên", en: "members")), link: nil, language: language)
                 },
                 figureTile(LocalizedText(vi: "Chưa xếp loại", en: "Pending"), NumberFormat(language).integer(tally.pending), link: nil, language: language),
                 figureTile(LocalizedText(vi: "Không đánh giá", en: "Not rated"), NumberFormat(language).integer(tally.notRated), link: nil, language: language)),
            .p(.a(.class("button"), .href(RatingRoute.sheet(period: .value(id)).path(query: [.unit: unit.requireID()])),
                  .text(LocalizedText(vi: "Phiếu đánh giá đảng viên", en: "Members' rating sheet")(language)))),
            .if(!children.isEmpty, .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                .thead(.tr(.forEach(columns) { .th(.text($0)) })),
                .tbody(.forEach(children) { child in
                    .tr(.td(.attribute(named: "data-label", value: unitTitle),
                            .a(.href(RatingRoute.period(.value(id)).path(query: [.unit: child.unit.requireID()])), .text(child.unit.name))),
                        .forEach(Array(RatingLevel.allCases.enumerated())) { index, level in
                            .td(.attribute(named: "data-label", value: columns[index + 1]), .text(child.tally.figure(level).text(language)))
                        },
                        .td(.class("num"), .attribute(named: "data-label", value: columns.last!), .text(NumberFormat(language).integer(child.tally.pending))))
                })))),
            .if(!children.isEmpty, .group(
                .h2(.text(LocalizedText(vi: "Xếp loại các tổ chức đảng trực thuộc", en: "Rating the units under it")(language))),
                .ul(.forEach(children) { child in
                    let rated = unitRatings[child.unit.requireID()]
                    return .li(.strong(.text(child.unit.name + ": ")),
                               .text(RatingStepKind.allCases.filter { $0 != .selfAssessment }.map { kind in
                                   kind.unitLabel(language) + " " + (rated?.steps[kind].map { stepText($0, language: language) } ?? LocalizedText(vi: "chưa có", en: "not yet")(language))
                               }.joined(separator: "; ")))
                }),
                .if(closedHere == nil && actor.can(.edit, at: unit.treePath), fields.postForm(RatingRoute.unitSteps(period: .value(id)).path(query: [.unit: unit.requireID()]),
                    fields.select("organizationId", LocalizedText(vi: "Tổ chức đảng", en: "Unit"),
                                  options: children.map { (String($0.unit.requireID()), $0.unit.name) }, selected: nil, required: true),
                    fields.select("step", LocalizedText(vi: "Bước", en: "Step"),
                                  options: [RatingStepKind.proposal, .decision].map { ($0.rawValue, $0.label(language)) }, selected: nil, required: true),
                    fields.text("score", LocalizedText(vi: "Điểm (0–100)", en: "Score (0–100)"), value: nil, required: true, type: .number),
                    fields.text("explanation", LocalizedText(vi: "Nhận xét", en: "Explanation"), value: nil),
                    fields.submit(LocalizedText(vi: "Ghi xếp loại", en: "Record")))))),
            .h2(.text(LocalizedText(vi: "Khóa sổ", en: "Closing")(language))),
            .if(!closureItems.isEmpty, .ul(.group(closureItems))),
            .if(closedHere == nil && actor.can(.edit, at: unit.treePath),
                fields.postForm(RatingRoute.closures(period: .value(id)).path(query: [.unit: unit.requireID()]),
                    .input(.type(.hidden), .name("organizationId"), .value(String(unit.requireID()))),
                    fields.submit(LocalizedText(vi: "Khóa sổ kỳ này cho \(unit.name) và các đơn vị trực thuộc",
                                                en: "Close this period for \(unit.name) and everything under it"))))
        )
        return Layout(title: period.title, crumbs: [Crumb(title: LocalizedText(vi: "Đánh giá", en: "Ratings")(language), url: RatingRoute.ratings.path),
                                                    Crumb(title: unit.name, url: nil)],
                      content: content).response(for: request, status: status)
    }

    static func close(request: Request) async throws -> Response {
        let periodId = try request.id()
        do {
            _ = try await RatingActions.close(periodId, try request.content.decode(RatingClosureInput.self), request: request)
            return request.redirect(to: RatingRoute.period(.value(periodId)).path(query: [.unit: try request.queryInteger(.unit)]))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderRollUp(errors: messages(error), request: request, status: .unprocessableEntity)
        }
    }

    static func reopen(request: Request) async throws -> Response {
        let closure = try await RatingQueries.requireClosure(try request.id(), on: request.db)
        let back = RatingRoute.period(.value(closure.periodId)).path(query: [.unit: try request.queryInteger(.unit) ?? closure.organizationId])
        do {
            _ = try await RatingActions.reopen(closure.requireID(), try request.content.decode(RatingReopenInput.self), request: request)
            return request.redirect(to: back)
        } catch let error as DomainError where error.kind != .notFound {
            // The roll-up reads the period from `:id`; here that is the closure, so answer with a short page.
            let content: Node<HTML.BodyContext> = .group(.div(.class("errors"), .ul(.forEach(messages(error)) { .li(.text($0.message(request.language))) })),
                                                         .p(.a(.href(back), .text(LocalizedText(vi: "Quay lại", en: "Back")(request.language)))))
            return Layout(title: error.title(request.language), content: content).response(for: request, status: .unprocessableEntity)
        }
    }

    // MARK: Rating sheet

    struct StepForm: Content {
        var memberId: Int?
        var organizationId: Int?
        var step: String?
        var score: String?
        var explanation: String?
        var disciplined: String?
        var tasksAssigned: String?
        var tasksOnTime: String?
        var tasksLate: String?
        var tasksExceeding: String?

        func input(period: Int) -> RatingStepInput {
            let number = { (text: String?) in text.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
            return RatingStepInput(periodId: period, memberId: memberId, organizationId: organizationId, step: step, score: number(score),
                                   explanation: explanation, disciplined: disciplined == "on",
                                   tasks: RatingTasksInput(assigned: number(tasksAssigned), onTime: number(tasksOnTime), late: number(tasksLate),
                                                           exceeding: number(tasksExceeding)))
        }
    }

    static func sheet(request: Request) async throws -> Response {
        try await renderSheet(errors: [:], request: request)
    }

    static func recordStep(request: Request) async throws -> Response {
        let periodId = try request.id()
        let form = try request.content.decode(StepForm.self)
        do {
            _ = try await RatingActions.record(form.input(period: periodId), request: request)
            return request.redirect(to: RatingRoute.sheet(period: .value(periodId)).path(query: [.unit: try request.queryInteger(.unit)],
                                                                                         fragment: form.memberId.map { "member-\($0)" }))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderSheet(errors: [form.memberId ?? 0: messages(error)], request: request,
                                         status: error.kind == .forbidden ? .forbidden : .unprocessableEntity)
        }
    }

    /// A unit's proposal or decision, from the roll-up page of the level above.
    static func recordUnitStep(request: Request) async throws -> Response {
        let periodId = try request.id()
        var form = try request.content.decode(StepForm.self)
        form.memberId = nil
        do {
            _ = try await RatingActions.record(form.input(period: periodId), request: request)
            return request.redirect(to: RatingRoute.period(.value(periodId)).path(query: [.unit: try request.queryInteger(.unit)]))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderRollUp(errors: messages(error), request: request, status: error.kind == .forbidden ? .forbidden : .unprocessableEntity)
        }
    }

    /// - Parameter errors: a refused form's messages, by the member it was for.
    private static func renderSheet(errors: [Int: [FieldError]], request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let db = request.db
        let actor = try request.requireActor()
        let period = try await RatingQueries.requirePeriod(try request.id(), on: db)
        let unit = try await RatingAPI.requireUnit(request)
        let paging = try Paging(request, defaultPerPage: 30)
        let page = try await RatingQueries.sheet(period: period, unit: unit, page: paging.page, perPage: paging.perPage, on: db)
        let closed = try await RatingPeriods.closure(of: period, covering: unit.treePath, on: db) != nil
        // The quota of the organisation that decides here: the unit itself, or a cell's grassroots organisation.
        let deciding = RatingQueries.decidesMembers(unit) ? unit
            : unit.kindCode == StandardOrganizationKind.cell.rawValue ? try await RatingQueries.grassroots(of: unit, on: db) : nil
        let quota = try await deciding.asyncMap { try await RatingQueries.quota(deciding: $0, period: period, on: db) } ?? nil
        var grassrootsOfCell: [Int: Organization] = [:]
        let rules = try await RatingQueries.rules(on: db)
        let months = RatingQueries.minimumMonths(rules) ?? 0
        let cells = try await MemberQueries.cellNames(for: page.items.map(\.member), on: db)
        var cards: [Node<HTML.BodyContext>] = []
        for row in page.items {
            let memberId = row.member.requireID()
            let cellPath = TreePath(rawValue: row.member.organizationPath)!
            let evidence = try await RatingEvidence.of(row.member, in: period, on: db)
            if grassrootsOfCell[row.member.organizationId] == nil {
                let cell = try await OrganizationQueries.require(row.member.organizationId, on: db)
                grassrootsOfCell[row.member.organizationId] = try await RatingQueries.grassroots(of: cell, on: db)
            }
            let grassroots = grassrootsOfCell[row.member.organizationId]!
            let fields = FormFields(request, errors: errors[memberId] ?? [])
            let canPropose = !closed && row.notRated == nil && actor.can(.edit, at: cellPath)
            let canDecide = !closed && row.notRated == nil && row.steps[.proposal] != nil && actor.can(.edit, at: grassroots.treePath)
            cards.append(.section(.id("member-\(memberId)"),
                .h2(.text(row.member.fullName)),
                .p(.class("muted"), .text(cells[row.member.organizationId] ?? "")),
                .unwrap(row.notRated, { reason in .p(.strong(.text(reason.text(months: months)(language)))) }, else: .group(
                    .ul(.forEach(evidence) { section in .li(.text("\(section.title(language)): \(section.summary(language))")) }),
                    .dl(.class("facts"), .forEach(RatingStepKind.allCases) { kind in
                        .group(.dt(.text(kind.label(language))), .dd(.text(row.steps[kind].map { stepText($0, language: language) }
                            ?? LocalizedText(vi: "chưa có", en: "not yet")(language))))
                    }),
                    fields.summary,
                    .if(canPropose, stepForm(.proposal, memberId: memberId, period: period, unit: unit, fields: fields)),
                    .if(canDecide, stepForm(.decision, memberId: memberId, period: period, unit: unit, fields: fields))))))
        }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("\(period.title) · \(unit.name)")),
            .if(closed, .p(.class("notice"), .text(LocalizedText(vi: "Kỳ đánh giá đã khóa sổ tại đơn vị này.", en: "The period is closed for this unit.")(language)))),
            .unwrap(quota) { .p(.class($0.isBroken ? "errors" : "notice"), .text($0.status(language))) },
            .if(!closed && page.total <= RatingSheetEntry.largestSheet, .p(.class("actions"), .forEach([RatingStepKind.proposal, .decision]) { kind in
                .a(.class("button secondary"), .href(RatingRoute.bulkSteps(period: .value(period.requireID())).path(query: [.unit: unit.requireID(), "step": kind.rawValue])),
                   .text(LocalizedText(vi: "Chấm cả bảng: \(kind.label.vi.lowercased())", en: "Whole sheet: \(kind.label.en.lowercased())")(language)))
            })),
            .group(cards),
            Pager(page: page.page, pageCount: page.pageCount, total: page.total, link: {
                RatingRoute.sheet(period: .value(period.requireID())).path(query: [.unit: unit.requireID(), "page": $0])
            }).node(language)
        )
        return Layout(title: period.title, crumbs: [Crumb(title: LocalizedText(vi: "Đánh giá", en: "Ratings")(language), url: RatingRoute.ratings.path),
                                                    Crumb(title: unit.name, url: RatingRoute.period(.value(period.requireID())).path(query: [.unit: unit.requireID()]))],
                      content: content).response(for: request, status: status)
    }

    private static func stepForm(_ kind: RatingStepKind, memberId: Int, period: RatingPeriod, unit: Organization, fields: FormFields) -> Node<HTML.BodyContext> {
        let suffix = "\(kind.rawValue)-\(memberId)"
        return fields.postForm(RatingRoute.memberSteps(period: .value(period.requireID())).path(query: [.unit: unit.requireID()]),
            .input(.type(.hidden), .name("memberId"), .value(String(memberId))),
            .input(.type(.hidden), .name("step"), .value(kind.rawValue)),
            fields.text("score-\(suffix)", LocalizedText(vi: "\(kind.label.vi): điểm (0–100)", en: "\(kind.label.en): score (0–100)"),
                        value: nil, required: true, type: .number, named: "score"),
            fields.text("explanation-\(suffix)", LocalizedText(vi: "Nhận xét", en: "Explanation"), value: nil, named: "explanation"),
            .if(kind == .decision, .group(
                .div(.class("choice"), .input(.type(.checkbox), .id("disciplined-\(suffix)"), .name("disciplined")),
                     .label(.for("disciplined-\(suffix)"), .text(LocalizedText(vi: "Bị kỷ luật trong kỳ", en: "Disciplined in the period")(fields.language)))),
                fields.text("tasksAssigned-\(suffix)", LocalizedText(vi: "Nhiệm vụ được giao trong kỳ", en: "Tasks assigned in the period"),
                            value: nil, type: .number, hint: LocalizedText(vi: "Để trống nếu không đánh giá theo nhiệm vụ (Quy định 366-QĐ/TW, Điều 11)",
                                                                           en: "Leave empty to rate without tasks (Regulation 366-QĐ/TW, art. 11)"),
                            named: "tasksAssigned"),
                fields.text("tasksOnTime-\(suffix)", LocalizedText(vi: "Hoàn thành đúng tiến độ", en: "Done on time"), value: nil, type: .number, named: "tasksOnTime"),
                fields.text("tasksLate-\(suffix)", LocalizedText(vi: "Hoàn thành chậm tiến độ", en: "Done late"), value: nil, type: .number, named: "tasksLate"),
                fields.text("tasksExceeding-\(suffix)", LocalizedText(vi: "Hoàn thành vượt yêu cầu", en: "Done beyond requirements"), value: nil,
                            type: .number, named: "tasksExceeding"))),
            fields.submit(kind == .decision ? LocalizedText(vi: "Quyết định", en: "Decide") : LocalizedText(vi: "Đề xuất", en: "Propose")))
    }

    // MARK: The member's own ratings

    static func mine(request: Request) async throws -> Response {
        try await renderMine(errors: [:], request: request)
    }

    static func selfAssess(request: Request) async throws -> Response {
        let member = try await request.ownMember()
        let periodId = try request.id()
        var form = try request.content.decode(StepForm.self)
        form.memberId = member.requireID()
        form.step = RatingStepKind.selfAssessment.rawValue
        do {
            _ = try await RatingActions.record(form.input(period: periodId), request: request)
            return request.redirect(to: RatingRoute.mine.path)
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderMine(errors: [periodId: messages(error)], request: request, status: .unprocessableEntity)
        }
    }

    /// - Parameter errors: a refused self-assessment's messages, by period.
    private static func renderMine(errors: [Int: [FieldError]], request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let db = request.db
        let member = try await request.ownMember()
        let cell = try await OrganizationQueries.require(member.organizationId, on: db)
        let rules = try await RatingQueries.rules(on: db)
        var sections: [Node<HTML.BodyContext>] = []
        for entry in try await RatingQueries.ofMember(member, on: db) {
            let period = entry.period
            let id = period.requireID()
            let open = try await RatingPeriods.closure(of: period, covering: cell.treePath, on: db) == nil
            let notRated = RatingQueries.notRated(member, in: period, rules: rules)
            let fields = FormFields(request, errors: errors[id] ?? [])
            let evidence = try await RatingEvidence.of(member, in: period, on: db)
            sections.append(.section(
                .h2(.text("\(period.title) · \(span(period))")),
                .unwrap(notRated, { .p(.strong(.text($0.text(months: RatingQueries.minimumMonths(rules) ?? 0)(language)))) }, else: .group(
                    .ul(.forEach(evidence) { section in
                        .li(.strong(.text(section.title(language) + ": ")), .text(section.summary(language)),
                            .ul(.forEach(section.items) { .li(.text($0(language))) }))
                    }),
                    .dl(.class("facts"), .forEach(RatingStepKind.allCases) { kind in
                        .group(.dt(.text(kind.label(language))), .dd(.text(entry.steps[kind].map { stepText($0, language: language) }
                            ?? LocalizedText(vi: "chưa có", en: "not yet")(language))))
                    }),
                    fields.summary,
                    .if(open && entry.rating?.decidedLevel == nil, fields.postForm(RatingRoute.selfAssessment(period: .value(id)).path,
                        fields.text("score-\(id)", LocalizedText(vi: "Tự chấm điểm (0–100)", en: "Your score (0–100)"), value: nil, required: true,
                                    type: .number, named: "score"),
                        .div(.label(.for("explanation-\(id)"), .text(LocalizedText(vi: "Tự nhận xét", en: "Your assessment")(language))),
                             .textarea(.id("explanation-\(id)"), .name("explanation"), .attribute(named: "rows", value: "4"))),
                        fields.submit(LocalizedText(vi: "Gửi tự đánh giá", en: "Send my self-assessment"))))))))
        }
        let title = LocalizedText(vi: "Đánh giá của tôi", en: "My ratings")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            sections.isEmpty ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có kỳ đánh giá nào.", en: "No periods yet.")(language))) : .group(sections))
        return Layout(title: title, crumbs: [Crumb(title: member.fullName, url: PrivacyRoute.me.path), Crumb(title: title, url: nil)], content: content)
            .response(for: request, status: status)
    }

    // MARK: Rules

    struct RuleForm: Content {
        var parameter: String?
        var textVi: String?
        var textEn: String?
        var active: String?
    }

    static func rules(request: Request) async throws -> Response {
        try await renderRules(errors: [:], request: request)
    }

    static func updateRule(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(RuleForm.self)
        let parameter = form.parameter.map { $0.replacingOccurrences(of: ",", with: ".").trimmingCharacters(in: .whitespaces) }
        if let parameter, !parameter.isEmpty, Double(parameter) == nil {
            return try await renderRules(errors: [id: [FieldError(field: "parameter", message: LocalizedText(vi: "Tham số phải là số", en: "The parameter must be a number"))]],
                                         request: request, status: .unprocessableEntity)
        }
        let input = RatingRuleInput(parameter: parameter.flatMap(Double.init), textVi: form.textVi, textEn: form.textEn, active: form.active == "on")
        do {
            _ = try await RatingActions.updateRule(id, input, request: request)
            return request.redirect(to: RatingRoute.rules.path)
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderRules(errors: [id: messages(error)], request: request, status: .unprocessableEntity)
        }
    }

    private static func renderRules(errors: [Int: [FieldError]], request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let records = try await RatingQueries.ruleRecords(on: request.db)
        let title = LocalizedText(vi: "Quy tắc xếp loại", en: "Rating rules")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .forEach(records) { record in
                let id = record.requireID()
                let fields = FormFields(request, errors: errors[id] ?? [])
                return .section(.h2(.text(record.kind.rawValue)), fields.summary,
                    fields.postForm(RatingRoute.rule(.value(id)).path,
                        fields.text("parameter-\(id)", LocalizedText(vi: "Tham số", en: "Parameter"), value: record.parameter.map { String($0) }, named: "parameter"),
                        fields.text("textVi-\(id)", LocalizedText(vi: "Nội dung (tiếng Việt)", en: "Text (Vietnamese)"), value: record.textVi, required: true, named: "textVi"),
                        fields.text("textEn-\(id)", LocalizedText(vi: "Nội dung (tiếng Anh)", en: "Text (English)"), value: record.textEn, required: true, named: "textEn"),
                        .div(.class("choice"), .input(.type(.checkbox), .id("active-\(id)"), .name("active"), .checked(record.active)),
                             .label(.for("active-\(id)"), .text(LocalizedText(vi: "Đang áp dụng", en: "Active")(language)))),
                        fields.submit(LocalizedText(vi: "Lưu", en: "Save"))))
            })
        return Layout(title: title, crumbs: [Crumb(title: LocalizedText(vi: "Đánh giá", en: "Ratings")(language), url: RatingRoute.ratings.path)], content: content)
            .response(for: request, status: status)
    }

    // MARK: Pieces

    private static let dateHint = LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")

    private static func span(_ period: RatingPeriod) -> String {
        "\(period.startsOn.vietnamese) – \(period.endsOn.vietnamese)"
    }

    private static func stepText(_ step: RatingStep, language: UILanguage) -> String {
        "\(step.score) · \(step.level.label(language))" + (step.tasks.map { " · \($0.summary(language))" } ?? "")
            + (step.explanation.map { " · \($0)" } ?? "") + " · \(step.username)"
    }

    private static func summary(_ tally: RatingTally, language: UILanguage) -> String {
        RatingLevel.allCases.map { "\($0.label(language)): \(tally[$0])" }.joined(separator: ", ")
            + LocalizedText(vi: ", chưa xếp loại: \(tally.pending), không đánh giá: \(tally.notRated)",
                            en: ", pending: \(tally.pending), not rated: \(tally.notRated)")(language)
    }

    /// A refusal's messages as field errors (a refusal without fields becomes one message).
    private static func messages(_ error: DomainError) -> [FieldError] {
        error.fieldErrors.isEmpty ? [FieldError(field: "score", message: error.title)] : error.fieldErrors
    }
}
