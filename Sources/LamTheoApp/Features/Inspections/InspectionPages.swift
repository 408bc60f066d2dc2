import Fluent
import LamTheoCore
import Vapor

/// Inspections on the web: a unit's list, the form deciding one, an inspection's page with the form of each
/// step, and the confirmation before closing.
enum InspectionPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(InspectionRoute.list, use: list).requiring(.capability(.read))
        routes.get(InspectionRoute.new, use: new).requiring(.capability(.edit))
        routes.post(InspectionRoute.list, use: create).requiring(.capability(.edit))
        routes.get(InspectionRoute.show(.key), use: show).requiring(.capability(.read))
        routes.get(InspectionRoute.conclusionFile(.key), use: InspectionAPI.conclusionFile).requiring(.capability(.read))
        routes.post(InspectionRoute.plan(.key), use: plan).requiring(.capability(.edit))
        routes.post(InspectionRoute.selfReports(.key), use: selfReport).requiring(.capability(.edit))
        routes.post(InspectionRoute.sessions(.key), use: session).requiring(.capability(.edit))
        routes.post(InspectionRoute.findings(.key), use: finding).requiring(.capability(.edit))
        routes.post(InspectionRoute.criticisms(.key), use: criticism).requiring(.capability(.edit))
        routes.post(InspectionRoute.conclusion(.key), use: conclusion).requiring(.capability(.edit))
        routes.post(InspectionRoute.recommendations(.key), use: recommendation).requiring(.capability(.edit))
        routes.get(InspectionRoute.closure(.key), use: confirmClosure).requiring(.capability(.edit))
        routes.post(InspectionRoute.closure(.key), use: close).requiring(.capability(.edit))
    }

    static func list(request: Request) async throws -> Response {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let model = try await InspectionList.Query.run(unit: unit, actor: try request.requireActor(), page: paging.page, perPage: paging.perPage, on: request.reads)
        return InspectionList.View(model: model).response(for: request)
    }

    static func new(request: Request) async throws -> Response {
        let unit = try await request.readableUnit()
        try request.require(.edit, at: unit.treePath)
        return InspectionNew.View(model: try await InspectionNew.Query.run(committee: unit, on: request.reads)).response(for: request)
    }

    static func create(request: Request) async throws -> Response {
        let form = try request.content.decode(InspectionForm.self)
        do {
            let inspection = try await InspectionActions.create(form.input, request: request)
            return request.redirect(to: InspectionRoute.show(.value(inspection.requireID())).path,
                                    flash: LocalizedText(vi: "Đã ghi quyết định; bước tiếp theo: gửi kế hoạch, đề cương báo cáo.",
                                                         en: "Decision recorded; next, send the plan and the report outline."))
        } catch let error as DomainError where error.kind != .notFound && error.kind != .forbidden {
            guard let committee = try await form.input.organizationId.asyncMap({ try await Organization.find($0, on: request.reads) }) ?? nil else { throw error }
            var model = try await InspectionNew.Query.run(committee: committee, on: request.reads)
            model.ticked = Set(form.input.unitIds ?? [])
            return InspectionNew.View(model: model).response(for: request, errors: error.fieldErrors, refused: RefusedForm(form: InspectionNew.form, form),
                                                             status: .unprocessableEntity)
        }
    }

    static func show(request: Request) async throws -> Response {
        try await page(try request.id(), request: request)
    }

    static func plan(request: Request) async throws -> Response {
        let input = try request.content.decode(InspectionPlanInput.self)
        return try await form(InspectionShow.planForm, sent: input, request: request, renaming: ["note": "planNote"]) { id in
            _ = try await InspectionActions.sendPlan(id, input, request: request)
            return LocalizedText(vi: "Đã ghi gửi kế hoạch, đề cương báo cáo.", en: "The plan is recorded as sent.")
        }
    }

    static func selfReport(request: Request) async throws -> Response {
        let input = try request.content.decode(InspectionSelfReportInput.self)
        return try await form(InspectionShow.selfReportForm, sent: input, request: request,
                              renaming: ["organizationId": "selfReportUnit", "note": "selfReportNote"]) { id in
            let unit = try await InspectionActions.recordSelfReport(id, input, request: request)
            let inspection = try await InspectionQueries.require(id, on: request.reads)
            return (unit.selfReportOn ?? .today()) > inspection.selfReportDueOn
                ? LocalizedText(vi: "Đã ghi báo cáo tự kiểm tra (nộp chậm).", en: "Self-report recorded (late).")
                : LocalizedText(vi: "Đã ghi báo cáo tự kiểm tra.", en: "Self-report recorded.")
        }
    }

    static func session(request: Request) async throws -> Response {
        let input = try request.content.decode(InspectionSessionInput.self)
        return try await form(InspectionShow.sessionForm, sent: input, request: request, renaming: ["organizationId": "sessionUnit"]) { id in
            _ = try await InspectionActions.recordSession(id, input, request: request)
            return LocalizedText(vi: "Đã ghi buổi làm việc.", en: "Session recorded.")
        }
    }

    static func finding(request: Request) async throws -> Response {
        let input = try request.content.decode(InspectionFindingInput.self)
        return try await form(InspectionShow.findingForm, sent: input, request: request, renaming: ["organizationId": "findingUnit"]) { id in
            _ = try await InspectionActions.recordFinding(id, input, request: request)
            return LocalizedText(vi: "Đã ghi nội dung kết luận.", en: "Finding recorded.")
        }
    }

    static func criticism(request: Request) async throws -> Response {
        let input = try request.content.decode(InspectionCriticismInput.self)
        return try await form(InspectionShow.criticismForm, sent: input, request: request, renaming: ["text": "criticismText"]) { id in
            _ = try await InspectionActions.recordCriticism(id, input, request: request)
            return LocalizedText(vi: "Đã ghi phê bình.", en: "Criticism recorded.")
        }
    }

    static func conclusion(request: Request) async throws -> Response {
        let input = try request.content.decode(InspectionConclusionInput.self)
        return try await form(InspectionShow.conclusionForm, sent: input, request: request, renaming: ["documentId": "conclusionDocumentId"]) { id in
            _ = try await InspectionActions.conclude(id, input, request: request)
            return LocalizedText(vi: "Đã ghi thông báo kết luận; bước tiếp theo: giao kiến nghị.", en: "Conclusion recorded; next, the recommendations.")
        }
    }

    static func recommendation(request: Request) async throws -> Response {
        let input = try request.content.decode(InspectionRecommendationForm.self)
        return try await form(InspectionShow.recommendationForm, sent: input, request: request) { id in
            let tasks = try await InspectionActions.recommend(id, input.input, request: request)
            return LocalizedText(vi: "Đã giao kiến nghị, hạn \(tasks.first?.dueOn.vietnamese ?? "").", en: "Recommendation issued, due \(tasks.first?.dueOn.vietnamese ?? "").")
        }
    }

    static func confirmClosure(request: Request) async throws -> Response {
        try await closure(try request.id(), request: request)
    }

    static func close(request: Request) async throws -> Response {
        let id = try request.id()
        let input = try request.content.decode(InspectionClosureInput.self)
        do {
            _ = try await InspectionActions.close(id, input, request: request)
            return request.redirect(to: InspectionRoute.show(.value(id)).path,
                                    flash: LocalizedText(vi: "Đã kết thúc cuộc kiểm tra; đoàn thôi xem hồ sơ đơn vị.", en: "Closed; the team's read access has ended."))
        } catch let error as DomainError where error.kind != .notFound && error.kind != .forbidden {
            let errors = error.fieldErrors.isEmpty ? [FieldError(field: "id", message: error.title)] : error.fieldErrors
            return try await closure(id, errors: errors, status: .unprocessableEntity, request: request)
        }
    }

    private static func closure(_ id: Int, errors: [FieldError] = [], status: HTTPResponseStatus = .ok, request: Request) async throws -> Response {
        let inspection = try await InspectionActions.require(id, request: request)
        guard InspectionActions.mayRecord(inspection, actor: try request.requireActor()) else { throw Abort(.forbidden) }
        return ConfirmationView(
            title: LocalizedText(vi: "Kết thúc cuộc kiểm tra, giám sát", en: "Close the inspection"),
            consequences: [LocalizedText(vi: "Không ghi thêm được bước nào; không mở lại được.", en: "No step can be recorded any more; it cannot be reopened."),
                           LocalizedText(vi: "Đoàn kiểm tra thôi xem hồ sơ các đơn vị được kiểm tra.", en: "The team no longer reads the inspected units' records.")],
            action: InspectionRoute.closure(.value(id)).path, button: LocalizedText(vi: "Kết thúc", en: "Close"),
            back: InspectionRoute.show(.value(id)).path
        ).response(for: request, errors: errors, status: status)
    }

    /// Runs one of the inspection page's forms: back to the page with `action`'s note when it worked, the page with
    /// the refused form as typed and its messages when it was refused (`renaming` the fields the form names apart).
    private static func form(_ name: String, sent: some Encodable, request: Request, renaming: [String: String] = [:],
                             _ action: (Int) async throws -> LocalizedText) async throws -> Response {
        let id = try request.id()
        do {
            let note = try await action(id)
            return request.redirect(to: InspectionRoute.show(.value(id)).path, flash: note)
        } catch let error as DomainError where error.kind != .notFound && error.kind != .forbidden {
            let errors = (error.fieldErrors.isEmpty ? [FieldError(field: "id", message: error.title)] : error.fieldErrors)
                .map { FieldError(field: renaming[$0.field] ?? $0.field, message: $0.message) }
            return try await page(id, errors: errors, refused: RefusedForm(form: name, sent), status: .unprocessableEntity, request: request)
        }
    }

    private static func page(_ id: Int, errors: [FieldError] = [], refused: RefusedForm? = nil, status: HTTPResponseStatus = .ok,
                             request: Request) async throws -> Response {
        let inspection = try await InspectionActions.require(id, request: request)
        let model = try await InspectionShow.Query.run(inspection, actor: try request.requireActor(), today: .today(), on: request.reads)
        return InspectionShow.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }
}
