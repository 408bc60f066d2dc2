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
        routes.get(RatingRoute.closures(period: .key), use: confirmClose).requiring(.capability(.edit))
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
            let period = try await RatingActions.createPeriod(form.input, request: request)
            return request.redirect(to: RatingRoute.ratings.path, flash: LocalizedText(
                vi: "Đã thêm kỳ đánh giá “\(period.title)” (\(span(period))).", en: "Rating period “\(period.title)” (\(span(period))) added."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderPeriods(form, errors: error.fieldErrors, request: request, status: .unprocessableEntity)
        }
    }

    private static func renderPeriods(_ form: PeriodForm, errors: [FieldError], request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let actor = try request.requireActor()
        let periods = try await RatingQueries.periods(on: request.reads)
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
        try await renderRollUp(try request.id(), errors: [], request: request)
    }

    /// - Parameter refused: the unit-step form (`unitStepsForm`) or a reopening (`reopenForm`) refused, shown again as typed.
    private static func renderRollUp(_ periodId: Int, errors: [FieldError], refused: RefusedForm? = nil, request: Request,
                                     status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let db = request.reads
        let actor = try request.requireActor()
        let period = try await RatingQueries.requirePeriod(periodId, on: db)
        let unit = try await request.readableUnit()
        let id = period.requireID()
        let tally = try await RatingQueries.tally(period: period, at: unit, on: db)
        let children = try await RatingQueries.children(of: unit, period: period, on: db)
        let closures = try await RatingQueries.closures(of: period, around: unit, on: db)
        let closedHere = try await RatingPeriods.closure(of: period, covering: unit.treePath, on: db)
        let lineage = try await OrganizationQueries.lineage(of: unit, readableBy: actor, on: db)
        let unitRatings = try await RatingQueries.unitRatings(of: children.map { $0.unit.id }, in: period, on: db)
        let fields = FormFields(request, errors: errors)
        let unitSteps = fields.refilled(from: refused, form: unitStepsForm)
        let unitTitle = LocalizedText(vi: "Đơn vị", en: "Unit")(language)
        let columns = [unitTitle] + RatingLevel.allCases.map { $0.label(language) } + [LocalizedText(vi: "Chưa xếp loại", en: "Pending")(language)]
        var closureItems: [Node<HTML.ListContext>] = []
        for closure in closures {
            let snapshot = try await RatingQueries.snapshot(of: closure, on: db)?.tally
            let closedOn = closure.closedOn.vietnamese
            let reopening = fields.refilled(from: refused, form: reopenForm(closure.requireID()))
            closureItems.append(.li(
                .text(LocalizedText(vi: "Khóa sổ ngày \(closedOn)", en: "Closed on \(closedOn)")(language)),
                .unwrap(snapshot) { .text(" · " + summary($0, language: language)) },
                .unwrap(closure.reopenedOn) { reopened in
                    .text(LocalizedText(vi: " · mở lại ngày \(reopened.vietnamese): \(closure.reopenReason ?? "")",
                                        en: " · reopened on \(reopened.vietnamese): \(closure.reopenReason ?? "")")(language))
                },
                .if(closure.reopenedOn == nil && actor.can(.edit, at: TreePath(rawValue: closure.organizationPath)!),
                    reopening.postForm(RatingRoute.reopen(closure: .value(closure.requireID())).path(query: [.unit: unit.requireID()]),
                        reopening.text("reason-\(closure.requireID())", LocalizedText(vi: "Lý do mở lại", en: "Reason for reopening"), value: nil,
                                       required: true, named: "reason"),
                        reopening.submit(LocalizedText(vi: "Mở lại", en: "Reopen"))))))
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
                            .a(.href(RatingRoute.period(.value(id)).path(query: [.unit: child.unit.id])), .text(child.unit.name))),
                        .forEach(Array(RatingLevel.allCases.enumerated())) { index, level in
                            .td(.attribute(named: "data-label", value: columns[index + 1]), .text(child.tally.figure(level).text(language)))
                        },
                        .td(.class("num"), .attribute(named: "data-label", value: columns.last!), .text(NumberFormat(language).integer(child.tally.pending))))
                })))),
            .if(!children.isEmpty, .section(.id("units"),
                .h2(.text(LocalizedText(vi: "Xếp loại các tổ chức đảng trực thuộc", en: "Rating the units under it")(language))),
                .ul(.forEach(children) { child in
                    let rated = unitRatings[child.unit.id]
                    return .li(.strong(.text(child.unit.name + ": ")),
                               .text(RatingStepKind.allCases.filter { $0 != .selfAssessment }.map { kind in
                                   kind.unitLabel(language) + " " + (rated?.steps[kind].map { stepText($0, language: language) } ?? LocalizedText(vi: "chưa có", en: "not yet")(language))
                               }.joined(separator: "; ")))
                }),
                // The units under it are proposed and decided here, by the level above them: this unit.
                .if(closedHere == nil && RatingActions.mayTake(.decision, member: nil, unit: unit.treePath, deciding: unit.treePath, actor: actor),
                    unitSteps.postForm(RatingRoute.unitSteps(period: .value(id)).path(query: [.unit: unit.requireID()]),
                        unitSteps.select("organizationId", LocalizedText(vi: "Tổ chức đảng", en: "Unit"),
                                         options: children.map { (String($0.unit.id), $0.unit.name) }, selected: nil, required: true),
                        unitSteps.select("step", LocalizedText(vi: "Bước", en: "Step"),
                                         options: [RatingStepKind.proposal, .decision].map { ($0.rawValue, $0.unitLabel(language)) }, selected: nil, required: true),
                        unitSteps.text("score", LocalizedText(vi: "Điểm (0–100)", en: "Score (0–100)"), value: nil, required: true, type: .number),
                        unitSteps.text("explanation", LocalizedText(vi: "Nhận xét", en: "Explanation"), value: nil),
                        unitSteps.submit(LocalizedText(vi: "Ghi xếp loại", en: "Record")))))),
            .h2(.id("closing"), .text(LocalizedText(vi: "Khóa sổ", en: "Closing")(language))),
            .if(!closureItems.isEmpty, .ul(.group(closureItems))),
            // Closing freezes the period below: it asks first, on a page that says what stops.
            .if(closedHere == nil && actor.can(.edit, at: unit.treePath),
                .p(.a(.class("button danger"), .href(RatingRoute.closures(period: .value(id)).path(query: [.unit: unit.requireID()])),
                      .text(LocalizedText(vi: "Khóa sổ kỳ này cho \(unit.name) và các đơn vị trực thuộc…",
                                          en: "Close this period for \(unit.name) and everything under it…")(language)))))
        )
        return Layout(title: period.title, crumbs: [Crumb(title: LocalizedText(vi: "Đánh giá", en: "Ratings")(language), url: RatingRoute.ratings.path),
                                                    Crumb(title: unit.name, url: nil)],
                      content: content).response(for: request, status: status)
    }

    /// What closing freezes, counted now, before the secretary or officer confirms.
    static func confirmClose(request: Request) async throws -> Response {
        let period = try await RatingQueries.requirePeriod(try request.id(), on: request.reads)
        let unit = try await request.readableUnit()
        try request.require(.edit, at: unit.treePath)
        let tally = try await RatingQueries.tally(period: period, at: unit, on: request.reads)
        let units = try await OrganizationQueries.summaries(of: [unit], on: request.reads)[0].childCount
        let number = VietnameseFormat.integer
        let place = LocalizedText(vi: units == 0 ? unit.name : "\(unit.name) và \(number(units)) đơn vị trực thuộc",
                                  en: units == 0 ? unit.name : "\(unit.name) and the \(units) units under it")
        let rollUp = RatingRoute.period(.value(period.requireID())).path(query: [.unit: unit.requireID()])
        return ConfirmationView(
            title: LocalizedText(vi: "Khóa sổ \(period.title) cho \(place.vi)?", en: "Close \(period.title) for \(place.en)?"),
            consequences: [
                LocalizedText(vi: "Từ lúc khóa sổ, tại \(place.vi) không ai ghi hay sửa được tự đánh giá, đề xuất, quyết định xếp loại, đăng ký làm theo và khâu đột phá của kỳ này.",
                              en: "From then on nobody at \(place.en) records or changes a self-assessment, proposal, rating decision, commitment or breakthrough of this period."),
                LocalizedText(vi: "Số liệu được chụp lại như hôm nay: \(summary(tally, language: .vi)).",
                              en: "The figures are kept as they are today: \(summary(tally, language: .en))."),
                tally.pending > 0
                    ? LocalizedText(vi: "\(number(tally.pending)) đảng viên chưa được xếp loại sẽ ở lại “chưa xếp loại”.",
                                    en: "\(tally.pending) members not yet rated stay “pending”.")
                    : LocalizedText(vi: "Mọi đảng viên phải xếp loại đã có quyết định.", en: "Every member to be rated has a decision."),
                LocalizedText(vi: "Muốn sửa sau đó, người có quyền tại \(unit.name) phải mở lại kỳ, ghi rõ lý do.",
                              en: "To change anything afterwards, an editor at \(unit.name) must reopen the period, giving a reason."),
            ],
            action: RatingRoute.closures(period: .value(period.requireID())).path(query: [.unit: unit.requireID()]),
            button: LocalizedText(vi: "Khóa sổ", en: "Close the period"), back: rollUp
        ).response(for: request)
    }

    static func close(request: Request) async throws -> Response {
        let periodId = try request.id()
        var input = try request.content.decode(RatingClosureInput.self)
        // The confirmation page's form names the unit in its address.
        input.organizationId = try input.organizationId ?? request.queryInteger(.unit)
        do {
            let closure = try await RatingActions.close(periodId, input, request: request)
            let period = try await RatingQueries.requirePeriod(periodId, on: request.reads)
            let unit = try await OrganizationQueries.require(closure.organizationId, on: request.reads)
            let tally = try await RatingQueries.tally(period: period, at: unit, on: request.reads)
            return request.redirect(to: RatingRoute.period(.value(periodId)).path(query: [.unit: unit.requireID()], fragment: "closing"), flash: LocalizedText(
                vi: "Đã khóa sổ \(period.title) cho \(unit.name) ngày \(closure.closedOn.vietnamese): \(summary(tally, language: .vi)).",
                en: "\(period.title) closed for \(unit.name) on \(closure.closedOn.vietnamese): \(summary(tally, language: .en))."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderRollUp(periodId, errors: messages(error), request: request, status: .unprocessableEntity)
        }
    }

    static func reopen(request: Request) async throws -> Response {
        let closure = try await RatingQueries.requireClosure(try request.id(), on: request.reads)
        let id = closure.requireID()
        let unit = try request.queryInteger(.unit) ?? closure.organizationId
        let form = try request.content.decode(RatingReopenInput.self)
        do {
            _ = try await RatingActions.reopen(id, form, request: request)
            let period = try await RatingQueries.requirePeriod(closure.periodId, on: request.reads)
            let closed = try await OrganizationQueries.require(closure.organizationId, on: request.reads)
            return request.redirect(to: RatingRoute.period(.value(closure.periodId)).path(query: [.unit: unit], fragment: "closing"), flash: LocalizedText(
                vi: "Đã mở lại \(period.title) cho \(closed.name): lại ghi, sửa được xếp loại của kỳ này.",
                en: "\(period.title) reopened for \(closed.name): its ratings can be recorded and changed again."))
        } catch let error as DomainError where error.kind != .notFound {
            let errors = messages(error, field: "reason").map { FieldError(field: "reason-\(id)", message: $0.message) }
            return try await renderRollUp(closure.periodId, errors: errors, refused: RefusedForm(form: reopenForm(id), form), request: request,
                                          status: .unprocessableEntity)
        }
    }

    /// The names of the roll-up page's forms, for showing a refused one again.
    private static let unitStepsForm = "unit-steps"
    private static func reopenForm(_ closure: Int) -> String { "reopen-\(closure)" }

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

    /// The name of a member's step form on the sheet, and the suffix of its fields' ids: "proposal-12".
    private static func stepForm(_ kind: RatingStepKind, member: Int) -> String { "\(kind.rawValue)-\(member)" }

    static func recordStep(request: Request) async throws -> Response {
        let periodId = try request.id()
        let form = try request.content.decode(StepForm.self)
        let suffix = "\(form.step ?? "")-\(form.memberId ?? 0)"
        do {
            let step = try await RatingActions.record(form.input(period: periodId), request: request)
            let member = try await form.memberId.asyncMap { try await Member.find($0, on: request.reads)?.fullName } ?? nil
            return request.redirect(to: RatingRoute.sheet(period: .value(periodId)).path(query: [.unit: try request.queryInteger(.unit)],
                                                                                         fragment: form.memberId.map { "member-\($0)" }),
                                    flash: stepRecorded(step, of: member ?? ""))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderSheet(errors: [form.memberId ?? 0: stepErrors(error, suffix: suffix)], refused: RefusedForm(form: suffix, form),
                                         request: request, status: error.kind == .forbidden ? .forbidden : .unprocessableEntity)
        }
    }

    /// A unit's proposal or decision, from the roll-up page of the level above.
    static func recordUnitStep(request: Request) async throws -> Response {
        let periodId = try request.id()
        var form = try request.content.decode(StepForm.self)
        form.memberId = nil
        do {
            let step = try await RatingActions.record(form.input(period: periodId), request: request)
            let unit = try await form.organizationId.asyncMap { try await Organization.find($0, on: request.reads)?.name } ?? nil
            return request.redirect(to: RatingRoute.period(.value(periodId)).path(query: [.unit: try request.queryInteger(.unit)], fragment: "units"),
                                    flash: stepRecorded(step, of: unit ?? ""))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderRollUp(periodId, errors: messages(error), refused: RefusedForm(form: unitStepsForm, form), request: request,
                                          status: error.kind == .forbidden ? .forbidden : .unprocessableEntity)
        }
    }

    /// - Parameters:
    ///   - errors: a refused form's messages, by the member it was for.
    ///   - refused: that form, shown again as typed.
    private static func renderSheet(errors: [Int: [FieldError]], refused: RefusedForm? = nil, request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let db = request.reads
        let actor = try request.requireActor()
        let period = try await RatingQueries.requirePeriod(try request.id(), on: db)
        let unit = try await request.readableUnit()
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
        // The whole-sheet entries offered: only the steps the reader may take for some member on the page.
        var bulkSteps: [RatingStepKind] = []
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
            let may = { (step: RatingStepKind) in RatingActions.mayTake(step, member: memberId, unit: cellPath, deciding: grassroots.treePath, actor: actor) }
            let canPropose = !closed && row.notRated == nil && may(.proposal)
            let canDecide = !closed && row.notRated == nil && row.steps[.proposal] != nil && may(.decision)
            for step in [RatingStepKind.proposal, .decision] where !bulkSteps.contains(step) && !closed && row.notRated == nil && may(step) {
                bulkSteps.append(step)
            }
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
                    .if(canPropose, stepForm(.proposal, memberId: memberId, period: period, unit: unit,
                                             fields: fields.refilled(from: refused, form: stepForm(.proposal, member: memberId)))),
                    .if(canDecide, stepForm(.decision, memberId: memberId, period: period, unit: unit,
                                            fields: fields.refilled(from: refused, form: stepForm(.decision, member: memberId))))))))
        }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("\(period.title) · \(unit.name)")),
            .if(closed, .p(.class("notice"), .text(LocalizedText(vi: "Kỳ đánh giá đã khóa sổ tại đơn vị này.", en: "The period is closed for this unit.")(language)))),
            .unwrap(quota) { .p(.class($0.isBroken ? "errors" : "notice"), .text($0.status(language))) },
            .if(!bulkSteps.isEmpty && page.total <= RatingSheetEntry.largestSheet, .p(.class("actions"), .forEach([RatingStepKind.proposal, .decision].filter(bulkSteps.contains)) { kind in
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
        let suffix = stepForm(kind, member: memberId)
        return fields.postForm(RatingRoute.memberSteps(period: .value(period.requireID())).path(query: [.unit: unit.requireID()]),
            .input(.type(.hidden), .name("memberId"), .value(String(memberId))),
            .input(.type(.hidden), .name("step"), .value(kind.rawValue)),
            fields.text("score-\(suffix)", LocalizedText(vi: "\(kind.label.vi): điểm (0–100)", en: "\(kind.label.en): score (0–100)"),
                        value: nil, required: true, type: .number, named: "score"),
            fields.text("explanation-\(suffix)", LocalizedText(vi: "Nhận xét", en: "Explanation"), value: nil, named: "explanation"),
            .if(kind == .decision, .group(
                .div(.class("choice"), .input(.type(.checkbox), .id("disciplined-\(suffix)"), .name("disciplined"), .checked(fields.sent["disciplined"] == "on")),
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
            let step = try await RatingActions.record(form.input(period: periodId), request: request)
            let period = try await RatingQueries.requirePeriod(periodId, on: request.reads)
            return request.redirect(to: RatingRoute.mine.path(query: [:], fragment: "period-\(periodId)"), flash: LocalizedText(
                vi: "Đã gửi tự đánh giá \(period.title): \(step.score) điểm, \(step.level.label.vi). Chi bộ sẽ xem xét và đề xuất.",
                en: "Your self-assessment for \(period.title) was sent: \(step.score) points, \(step.level.label.en). The cell will review it and propose."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderMine(errors: [periodId: stepErrors(error, suffix: String(periodId))], refused: RefusedForm(form: String(periodId), form),
                                        request: request, status: .unprocessableEntity)
        }
    }

    /// - Parameters:
    ///   - errors: a refused self-assessment's messages, by period.
    ///   - refused: that self-assessment as typed (the form is named by its period).
    private static func renderMine(errors: [Int: [FieldError]], refused: RefusedForm? = nil, request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let db = request.reads
        let member = try await request.ownMember()
        let cell = try await OrganizationQueries.require(member.organizationId, on: db)
        let rules = try await RatingQueries.rules(on: db)
        var sections: [Node<HTML.BodyContext>] = []
        for entry in try await RatingQueries.ofMember(member, on: db) {
            let period = entry.period
            let id = period.requireID()
            let open = try await RatingPeriods.closure(of: period, covering: cell.treePath, on: db) == nil
            let notRated = RatingQueries.notRated(member, in: period, rules: rules)
            let fields = FormFields(request, errors: errors[id] ?? []).refilled(from: refused, form: String(id))
            let evidence = try await RatingEvidence.of(member, in: period, on: db)
            sections.append(.section(.id("period-\(id)"),
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
                        fields.textArea("explanation-\(id)", LocalizedText(vi: "Tự nhận xét", en: "Your assessment"), value: nil, named: "explanation"),
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
        // The rule's fields carry its id ("parameter-3"): a page holds one form per rule.
        let refused = { (errors: [FieldError]) async throws -> Response in
            try await renderRules(errors: [id: errors.map { FieldError(field: "\($0.field)-\(id)", message: $0.message) }],
                                  refused: RefusedForm(form: String(id), form), request: request, status: .unprocessableEntity)
        }
        if let parameter, !parameter.isEmpty, Double(parameter) == nil {
            return try await refused([FieldError(field: "parameter", message: LocalizedText(vi: "Tham số phải là số", en: "The parameter must be a number"))])
        }
        let input = RatingRuleInput(parameter: parameter.flatMap(Double.init), textVi: form.textVi, textEn: form.textEn, active: form.active == "on")
        do {
            let rule = try await RatingActions.updateRule(id, input, request: request)
            return request.redirect(to: RatingRoute.rules.path(query: [:], fragment: "rule-\(id)"), flash: LocalizedText(
                vi: "Đã lưu quy tắc \(rule.kind.rawValue)" + (rule.active ? ", đang áp dụng." : ", tạm ngừng áp dụng."),
                en: "Rule \(rule.kind.rawValue) saved" + (rule.active ? ", in force." : ", not in force.")))
        } catch let error as DomainError where error.kind != .notFound {
            return try await refused(messages(error, field: "textVi"))
        }
    }

    private static func renderRules(errors: [Int: [FieldError]], refused: RefusedForm? = nil, request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let records = try await RatingQueries.ruleRecords(on: request.reads)
        let title = LocalizedText(vi: "Quy tắc xếp loại", en: "Rating rules")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .forEach(records) { record in
                let id = record.requireID()
                let fields = FormFields(request, errors: errors[id] ?? []).refilled(from: refused, form: String(id))
                let active = refused?.form == String(id) ? fields.sent["active"] == "on" : record.active
                return .section(.id("rule-\(id)"), .h2(.text(record.kind.rawValue)), fields.summary,
                    fields.postForm(RatingRoute.rule(.value(id)).path,
                        fields.text("parameter-\(id)", LocalizedText(vi: "Tham số", en: "Parameter"), value: record.parameter.map { String($0) }, named: "parameter"),
                        fields.text("textVi-\(id)", LocalizedText(vi: "Nội dung (tiếng Việt)", en: "Text (Vietnamese)"), value: record.textVi, required: true, named: "textVi"),
                        fields.text("textEn-\(id)", LocalizedText(vi: "Nội dung (tiếng Anh)", en: "Text (English)"), value: record.textEn, required: true, named: "textEn"),
                        .div(.class("choice"), .input(.type(.checkbox), .id("active-\(id)"), .name("active"), .checked(active)),
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

    /// A refusal's messages as field errors (a refusal without fields becomes one message, on `field`).
    private static func messages(_ error: DomainError, field: String = "score") -> [FieldError] {
        error.fieldErrors.isEmpty ? [FieldError(field: field, message: error.title)] : error.fieldErrors
    }

    /// A step form's messages on the fields they are about, whose ids carry `suffix` because a page holds
    /// several such forms ("score-proposal-12"): the command's `tasks` is the first task count, and what
    /// the form has no field for (the step, the member, the period) is shown at the score.
    private static func stepErrors(_ error: DomainError, suffix: String) -> [FieldError] {
        let fields: Set = ["score", "explanation", "tasksAssigned", "tasksOnTime", "tasksLate", "tasksExceeding"]
        return messages(error).map { error in
            let field = fields.contains(error.field) ? error.field : error.field == "tasks" ? "tasksAssigned" : "score"
            return FieldError(field: "\(field)-\(suffix)", message: error.message)
        }
    }

    /// "Đề xuất xếp loại Nguyễn Văn An: 85 điểm, Hoàn thành tốt nhiệm vụ."
    private static func stepRecorded(_ step: RatingStep, of subject: String) -> LocalizedText {
        let what: LocalizedText = switch step.kind {
        case .selfAssessment: LocalizedText(vi: "tự đánh giá", en: "self-assessment")
        case .proposal: LocalizedText(vi: "đề xuất xếp loại", en: "proposed rating")
        case .decision: LocalizedText(vi: "quyết định xếp loại", en: "rating decision")
        }
        return LocalizedText(vi: "Đã ghi \(what.vi) \(subject): \(step.score) điểm, \(step.level.label.vi).",
                             en: "Recorded the \(what.en) of \(subject): \(step.score) points, \(step.level.label.en).")
    }
}
