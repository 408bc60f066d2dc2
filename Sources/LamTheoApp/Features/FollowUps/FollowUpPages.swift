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
        routes.get(FollowUpRoute.cancellation(.key), use: confirmCancel).requiring(.capability(.edit))
        routes.post(FollowUpRoute.cancellation(.key), use: cancel).requiring(.capability(.edit))
    }

    static func list(request: Request) async throws -> Response {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let filter = try FollowUpFilter(request)
        let model = try await FollowUpList.Query.run(unit: unit, filter: filter, today: .today(), page: paging.page, perPage: paging.perPage, on: request.reads)
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

    /// Cancelling cannot be undone: a page asks first, saying what stops, and takes the reason the log keeps.
    static func confirmCancel(request: Request) async throws -> Response {
        try await cancellation(try request.id(), request: request)
    }

    static func cancel(request: Request) async throws -> Response {
        let id = try request.id()
        let input = try request.content.decode(FollowUpCancellationInput.self)
        do {
            let task = try await FollowUpActions.cancel(id, input, request: request)
            let unit = try await OrganizationQueries.require(task.organizationId, on: request.reads)
            return request.redirect(to: FollowUpRoute.show(.value(id)).path,
                                    flash: LocalizedText(vi: "Đã hủy nhiệm vụ của \(unit.name).", en: "The task of \(unit.name) is cancelled."))
        } catch let error as DomainError where error.kind == .invalid {
            return try await cancellation(id, errors: error.fieldErrors, refused: RefusedForm(form: ConfirmationView.form, input), request: request)
        }
    }

    private static func cancellation(_ id: Int, errors: [FieldError] = [], refused: RefusedForm? = nil, request: Request) async throws -> Response {
        let task = try await FollowUpActions.require(id, request: request)
        let page = FollowUpRoute.show(.value(id)).path
        guard !FollowUpState.finished.contains(task.state) else { return request.redirect(to: page) }
        guard try await FollowUpActions.mayAsIssuer(task, request: request) else { throw Abort(.forbidden) }
        let unit = try await OrganizationQueries.require(task.organizationId, on: request.reads)
        return ConfirmationView(
            title: LocalizedText(vi: "Hủy nhiệm vụ “\(task.title)” của \(unit.name)?", en: "Cancel the task “\(task.title)” of \(unit.name)?"),
            consequences: [
                LocalizedText(vi: "\(unit.name) không còn phải thực hiện và báo cáo nhiệm vụ này; số liệu tính nhiệm vụ là đã hủy.",
                              en: "\(unit.name) no longer has to carry it out and report; the figures count it as cancelled."),
                LocalizedText(vi: "Nhật ký của nhiệm vụ giữ lý do hủy.", en: "The task's log keeps the reason."),
                LocalizedText(vi: "Không mở lại được.", en: "It cannot be reopened."),
            ],
            action: FollowUpRoute.cancellation(.value(id)).path, button: LocalizedText(vi: "Hủy nhiệm vụ", en: "Cancel the task"), back: page,
            reason: LocalizedText(vi: "Lý do hủy", en: "Reason")
        ).response(for: request, errors: errors, refused: refused, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// Runs one of the task page's forms: back to the page with `action`'s note when it worked, the page with the
    /// refused form as typed and its messages when it was refused.
    private static func form(_ name: String, sent: some Encodable, request: Request,
                             _ action: (Int) async throws -> LocalizedText) async throws -> Response {
        let id = try request.id()
        do {
            let note = try await action(id)
            return request.redirect(to: FollowUpRoute.show(.value(id)).path, flash: note)
        } catch let error as DomainError where error.kind != .notFound {
            let errors = error.fieldErrors.isEmpty ? [FieldError(field: "id", message: error.title)] : error.fieldErrors
            return try await page(id, errors: errors, refused: RefusedForm(form: name, sent),
                                  status: error.kind == .forbidden ? .forbidden : .unprocessableEntity, request: request)
        }
    }

    private static func page(_ id: Int, errors: [FieldError] = [], refused: RefusedForm? = nil, status: HTTPResponseStatus = .ok,
                             request: Request) async throws -> Response {
        let task = try await FollowUpActions.require(id, request: request)
        let model = try await FollowUpShow.Query.run(task, actor: try request.requireActor(), today: .today(), on: request.reads)
        return FollowUpShow.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }
}
