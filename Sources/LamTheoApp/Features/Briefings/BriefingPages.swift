import Fluent
import LamTheoCore
import Plot
import Vapor

/// Briefings on the web: a unit's briefings, the form that sets one up, a briefing's page with its forms, and
/// the conclusion notice drafted, with the form that registers it.
enum BriefingPages {
    static let title = LocalizedText(vi: "Giao ban chuyên đề", en: "Thematic briefings")

    static func register(on routes: any RoutesBuilder) {
        routes.get(BriefingRoute.list, use: list).requiring(.capability(.read))
        routes.post(BriefingRoute.list, use: create).requiring(.capability(.edit))
        routes.get(BriefingRoute.new, use: newForm).requiring(.capability(.edit))
        routes.get(BriefingRoute.show(.key), use: show).requiring(.capability(.read))
        routes.post(BriefingRoute.contributions(.key), bodyLimit: AttachmentType.uploadLimit, use: contribute).requiring(.capability(.edit))
        routes.post(BriefingRoute.presented(.key, contribution: .key), use: present).requiring(.capability(.edit))
        routes.get(BriefingRoute.file(.key, contribution: .key), use: BriefingAPI.file).requiring(.capability(.read))
        routes.post(BriefingRoute.conclusions(.key), use: conclude).requiring(.capability(.edit))
        routes.get(BriefingRoute.notice(.key), use: notice).requiring(.capability(.read))
        routes.post(BriefingRoute.notice(.key), use: registerNotice).requiring(.capability(.edit))
        routes.get(BriefingRoute.noticeFile(.key), use: BriefingAPI.noticeFile).requiring(.capability(.read))
    }

    static func list(request: Request) async throws -> Response {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let model = try await BriefingList.Query.run(unit: unit, actor: try request.requireActor(), today: .today(), page: paging.page,
                                                     perPage: paging.perPage, on: request.reads)
        return BriefingList.View(model: model).response(for: request)
    }

    // MARK: Setting one up

    /// The set-up form's fields: lists one item a line, the invited units ticked, checkboxes present when ticked.
    struct NewForm: Content {
        var organizationId: Int?
        var title: String?
        var theme: String?
        var series: String?
        var heldOn: String?
        var startsAt: String?
        var place: String?
        var onlineLink: String?
        var bridgePoints: String?
        var agenda: String?
        var questions: String?
        var leadReportId: String?
        var campaignId: String?
        var invitedUnitIds: [Int]?
        var contributionsDueOn: String?
        var lateContributionsAllowed: String?

        var input: BriefingInput {
            BriefingInput(organizationId: organizationId, title: title, theme: theme, campaignId: campaignId.flatMap { Int($0) }, series: series,
                          heldOn: heldOn, startsAt: startsAt, place: place, onlineLink: onlineLink, bridgePoints: BriefingLines.items(bridgePoints),
                          agenda: BriefingLines.items(agenda), questions: BriefingLines.items(questions), leadReportId: leadReportId.flatMap { Int($0) },
                          invitedUnitIds: invitedUnitIds, contributionsDueOn: contributionsDueOn, lateContributionsAllowed: lateContributionsAllowed != nil)
        }
    }

    static func newForm(request: Request) async throws -> Response {
        let unit = try await request.readableUnit()
        try request.require(.edit, at: unit.treePath)
        return BriefingNew.View(model: try await BriefingNew.Query.run(committee: unit, invited: nil, on: request.reads)).response(for: request)
    }

    static func create(request: Request) async throws -> Response {
        let form = try request.content.decode(NewForm.self)
        do {
            let briefing = try await BriefingActions.create(form.input, request: request)
            return request.redirect(to: BriefingRoute.show(.value(briefing.requireID())).path,
                                    flash: LocalizedText(vi: "Đã tạo \(briefing.title).", en: "\(briefing.title) is set up."))
        } catch let error as DomainError where error.kind != .notFound {
            guard let unitId = form.organizationId, let unit = try await Organization.find(unitId, on: request.reads) else { throw error }
            try request.require(.edit, at: unit.treePath)
            let model = try await BriefingNew.Query.run(committee: unit, invited: Set(form.invitedUnitIds ?? []), on: request.reads)
            return BriefingNew.View(model: model).response(for: request, errors: error.fieldErrors, refused: RefusedForm(form: BriefingNew.form, form),
                                                           status: .unprocessableEntity)
        }
    }

    // MARK: A briefing

    static func show(request: Request) async throws -> Response {
        try await page(try request.id(), request: request)
    }

    struct ContributionForm: Content {
        var organizationId: Int?
        var summary: String?
        var file: File?
    }

    static func contribute(request: Request) async throws -> Response {
        let form = try request.content.decode(ContributionForm.self)
        let input = ContributionInput(organizationId: form.organizationId, summary: form.summary, file: form.file)
        return try await run(BriefingShow.contributionForm, refused: RefusedForm(form: BriefingShow.contributionForm,
                                                                                 values: ["summary": form.summary ?? ""]), request: request) { id in
            let contribution = try await BriefingActions.contribute(id, input, request: request)
            return contribution.late
                ? LocalizedText(vi: "Đã gửi tham luận (nộp muộn).", en: "Contribution sent (late).")
                : LocalizedText(vi: "Đã gửi tham luận.", en: "Contribution sent.")
        }
    }

    static func present(request: Request) async throws -> Response {
        let contributionId = try request.id("contributionId")
        return try await run("present", refused: nil, request: request) { id in
            _ = try await BriefingActions.markPresented(contributionId, of: id, request: request)
            return LocalizedText(vi: "Đã ghi nhận tham luận được trình bày.", en: "Marked as presented.")
        }
    }

    struct ConclusionForm: Content {
        var text: String?
        var taskUnitIds: [Int]?
        var responsible: String?
        var requiredEvidence: String?
        var dueOn: String?

        /// A task when any of its fields is given.
        var input: ConclusionInput {
            let given = !(taskUnitIds ?? []).isEmpty || [responsible, requiredEvidence, dueOn].contains { !($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
            return ConclusionInput(text: text, task: given ? FollowUpTaskInput(organizationIds: taskUnitIds, responsible: responsible,
                                                                                requiredEvidence: requiredEvidence, dueOn: dueOn) : nil)
        }

        var refused: RefusedForm {
            RefusedForm(form: BriefingShow.conclusionForm, values: [
                "text": text ?? "", "responsible": responsible ?? "", "requiredEvidence": requiredEvidence ?? "", "dueOn": dueOn ?? "",
                "taskUnitIds": (taskUnitIds ?? []).map(String.init).joined(separator: ","),
            ])
        }
    }

    static func conclude(request: Request) async throws -> Response {
        let form = try request.content.decode(ConclusionForm.self)
        return try await run(BriefingShow.conclusionForm, refused: form.refused, request: request,
                             renaming: ["task.organizationIds": "taskUnitIds", "task.title": "text", "task.responsible": "responsible",
                                        "task.requiredEvidence": "requiredEvidence", "task.dueOn": "dueOn"]) { id in
            let conclusion = try await BriefingActions.conclude(id, form.input, request: request)
            return LocalizedText(vi: "Đã ghi kết luận điểm \(conclusion.number).", en: "Conclusion point \(conclusion.number) recorded.")
        }
    }

    /// Runs one of the briefing page's forms: back to the page with `action`'s note when it worked; the page with
    /// the refused form as typed and its messages when it was refused.
    private static func run(_ name: String, refused: RefusedForm?, request: Request, renaming: [String: String] = [:],
                            _ action: (Int) async throws -> LocalizedText) async throws -> Response {
        let id = try request.id()
        do {
            let note = try await action(id)
            return request.redirect(to: BriefingRoute.show(.value(id)).path, flash: note)
        } catch let error as DomainError where error.kind != .notFound {
            let errors = (error.fieldErrors.isEmpty ? [FieldError(field: "id", message: error.title)] : error.fieldErrors)
                .map { FieldError(field: renaming[$0.field] ?? $0.field, message: $0.message) }
            return try await page(id, errors: errors, refused: refused, status: error.kind == .forbidden ? .forbidden : .unprocessableEntity,
                                  request: request)
        }
    }

    private static func page(_ id: Int, errors: [FieldError] = [], refused: RefusedForm? = nil, status: HTTPResponseStatus = .ok,
                             request: Request) async throws -> Response {
        let briefing = try await BriefingActions.require(id, request: request)
        let model = try await BriefingShow.Query.run(briefing, actor: try request.requireActor(), today: .today(), on: request.reads)
        return BriefingShow.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }

    // MARK: The notice

    static func notice(request: Request) async throws -> Response {
        try await noticePage(try request.id(), request: request)
    }

    static func registerNotice(request: Request) async throws -> Response {
        let id = try request.id()
        let input = try request.content.decode(NoticeInput.self)
        do {
            let briefing = try await BriefingActions.registerNotice(id, input, request: request)
            let symbol = try await briefing.noticeDocumentId.asyncMap { try await Document.find($0, on: request.reads)?.symbol } ?? nil
            return request.redirect(to: BriefingRoute.show(.value(id)).path,
                                    flash: LocalizedText(vi: "Đã đăng ký thông báo kết luận \(symbol ?? "").", en: "Conclusion notice \(symbol ?? "") registered."))
        } catch let error as DomainError where error.kind != .notFound {
            let errors = error.fieldErrors.isEmpty ? [FieldError(field: "symbol", message: error.title)] : error.fieldErrors
            return try await noticePage(id, errors: errors, refused: RefusedForm(form: BriefingNoticePage.form, input),
                                        status: error.kind == .forbidden ? .forbidden : .unprocessableEntity, request: request)
        }
    }

    private static func noticePage(_ id: Int, errors: [FieldError] = [], refused: RefusedForm? = nil, status: HTTPResponseStatus = .ok,
                                   request: Request) async throws -> Response {
        let briefing = try await BriefingActions.require(id, request: request)
        let detail = try await BriefingQueries.detail(briefing, today: .today(), on: request.reads)
        let model = BriefingNoticePage.Model(id: id, title: briefing.title, text: BriefingNotice.text(detail), notice: detail.notice,
                                             hasConclusions: !detail.conclusions.isEmpty,
                                             mayRegister: BriefingActions.mayRun(briefing, actor: try request.requireActor()))
        return BriefingNoticePage.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }
}
