import Fluent
import LamTheoCore
import Vapor

/// Follow-up tasks on the web: a unit's tasks with its subtree's figures, overdue first; a task's page with
/// its log and the forms its reader may use.
enum FollowUpPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(FollowUpRoute.list, use: list).requiring(.capability(.read))
        routes.get(FollowUpRoute.show(.key), use: show).requiring(.capability(.read))
        routes.post(FollowUpRoute.reports(.key), use: report).requiring(.capability(.edit))
        routes.post(FollowUpRoute.review(.key), use: review).requiring(.capability(.edit))
        routes.post(FollowUpRoute.extension(.key), use: extend).requiring(.capability(.edit))
        routes.post(FollowUpRoute.cancellation(.key), use: cancel).requiring(.capability(.edit))
    }

    static func list(request: Request) async throws -> Response {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let filter = FollowUpFilter(extent: try request.queryChoice(FollowUpAPI.Scope.self, at: "scope")?.extent ?? .subtree,
                                    status: try request.queryChoice(FollowUpStatus.self, at: "status"))
        let model = try await FollowUpList.Query.run(unit: unit, filter: filter, today: .today(), page: paging.page, perPage: paging.perPage, on: request.db)
        return FollowUpList.View(model: model).response(for: request)
    }

    static func show(request: Request) async throws -> Response {
        try await page(try request.id(), request: request)
    }

    static func report(request: Request) async throws -> Response {
        let input = try request.content.decode(FollowUpReportInput.self)
        return try await form(FollowUpShow.reportForm, sent: input, request: request) { id in
            let task = try await FollowUpActions.report(id, input, request: request)
            return LocalizedText(vi: "Đã gửi báo cáo lần \(task.reportCount); cấp giao nhiệm vụ sẽ xem xét.",
                                 en: "Report \(task.reportCount) sent; the issuing level will review it.")
        }
    }

    static func review(request: Request) async throws -> Response {
        let input = try request.content.decode(FollowUpReviewInput.self)
        return try await form(FollowUpShow.reviewForm, sent: input, request: request) { id in
            let task = try await FollowUpActions.review(id, input, request: request)
            return task.state == .accepted
                ? LocalizedText(vi: "Đã công nhận nhiệm vụ hoàn thành.", en: "The task is accepted as done.")
                : LocalizedText(vi: "Đã trả lại để đơn vị làm tiếp và báo cáo lại.", en: "Returned for the unit to carry on and report again.")
        }
    }

    static func extend(request: Request) async throws -> Response {
        let input = try request.content.decode(FollowUpExtensionInput.self)
        return try await form(FollowUpShow.extensionForm, sent: input, request: request) { id in
            let task = try await FollowUpActions.extend(id, input, request: request)
            return LocalizedText(vi: "Đã gia hạn đến ngày \(task.deadline.vietnamese).", en: "Extended until \(task.deadline.vietnamese).")
        }
    }

    static func cancel(request: Request) async throws -> Response {
        let input = try request.content.decode(FollowUpCancellationInput.self)
        return try await form(FollowUpShow.cancellationForm, sent: input, request: request, renaming: ["reason": "cancelReason"]) { id in
            _ = try await FollowUpActions.cancel(id, input, request: request)
            return LocalizedText(vi: "Đã hủy nhiệm vụ.", en: "The task is cancelled.")
        }
    }

    /// Runs one of the task page's forms: back to the page with `action`'s note when it worked, the page with the
    /// refused form as typed and its messages when it was refused (`renaming` the fields the form gives ids of
    /// their own).
    private static func form(_ name: String, sent: some Encodable, request: Request, renaming: [String: String] = [:],
                             _ action: (Int) async throws -> LocalizedText) async throws -> Response {
        let id = try request.id()
        do {
            let note = try await action(id)
            return request.redirect(to: FollowUpRoute.show(.value(id)).path, flash: note)
        } catch let error as DomainError where error.kind != .notFound {
            let errors = (error.fieldErrors.isEmpty ? [FieldError(field: "id", message: error.title)] : error.fieldErrors)
                .map { FieldError(field: renaming[$0.field] ?? $0.field, message: $0.message) }
            return try await page(id, errors: errors, refused: RefusedForm(form: name, sent),
                                  status: error.kind == .forbidden ? .forbidden : .unprocessableEntity, request: request)
        }
    }

    private static func page(_ id: Int, errors: [FieldError] = [], refused: RefusedForm? = nil, status: HTTPResponseStatus = .ok,
                             request: Request) async throws -> Response {
        let task = try await FollowUpActions.require(id, request: request)
        let model = try await FollowUpShow.Query.run(task, actor: try request.requireActor(), today: .today(), on: request.db)
        return FollowUpShow.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }
}
