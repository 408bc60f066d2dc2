import Fluent
import LamTheoCore
import Vapor

/// Feedback on the officers' side: a unit's list with its subtree's figures, an item's page (its sender's contact
/// details logged as a personal-data view) and the forms of its steps.
enum FeedbackPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(FeedbackRoute.list, use: list).requiring(.capability(.read))
        routes.post(FeedbackRoute.settings, use: settings).requiring(.capability(.edit))
        routes.get(FeedbackRoute.show(.key), use: show).requiring(.capability(.read))
        routes.get(FeedbackRoute.attachment(.key, file: .key), use: FeedbackAPI.attachment).requiring(.capability(.read))
        routes.post(FeedbackRoute.acknowledgement(.key), use: acknowledge).requiring(.capability(.edit))
        routes.post(FeedbackRoute.forward(.key), use: forward).requiring(.capability(.edit))
        routes.post(FeedbackRoute.answer(.key), use: answer).requiring(.capability(.edit))
        routes.post(FeedbackRoute.rejection(.key), use: reject).requiring(.capability(.edit))
        routes.post(FeedbackRoute.publication(.key), use: publish).requiring(.capability(.edit))
        routes.post(FeedbackRoute.contactErasure(.key), use: eraseContact).requiring(.capability(.edit))
    }

    static func list(request: Request) async throws -> Response {
        try await listPage(request: request)
    }

    static func settings(request: Request) async throws -> Response {
        let input = try request.content.decode(FeedbackSettingInput.self)
        do {
            let setting = try await FeedbackActions.setAnswerDays(input, request: request)
            return request.redirect(to: FeedbackRoute.list.path(query: [.unit: setting.id]),
                                    flash: LocalizedText(vi: "Đã lưu thời hạn trả lời: \(setting.answerDays) ngày.", en: "Answer deadline saved: \(setting.answerDays) days."))
        } catch let error as DomainError where error.kind == .invalid {
            return try await listPage(errors: error.fieldErrors, refused: RefusedForm(form: FeedbackList.settingsForm, input), status: .unprocessableEntity,
                                      request: request)
        }
    }

    static func show(request: Request) async throws -> Response {
        try await page(try request.id(), request: request)
    }

    static func acknowledge(request: Request) async throws -> Response {
        try await form("acknowledgement", sent: [String: String](), request: request) { id in
            _ = try await FeedbackActions.acknowledge(id, request: request)
            return LocalizedText(vi: "Đã xác nhận đã nhận ý kiến.", en: "Acknowledged.")
        }
    }

    static func forward(request: Request) async throws -> Response {
        let input = try request.content.decode(FeedbackForwardInput.self)
        return try await form(FeedbackShow.forwardForm, sent: input, request: request) { id in
            let feedback = try await FeedbackActions.forward(id, input, request: request)
            let unit = try await OrganizationQueries.require(feedback.organizationId, on: request.reads)
            return LocalizedText(vi: "Đã chuyển cho \(unit.name) giải quyết.", en: "Forwarded to \(unit.name).")
        }
    }

    static func answer(request: Request) async throws -> Response {
        let input = try request.content.decode(FeedbackAnswerInput.self)
        return try await form(FeedbackShow.answerForm, sent: input, request: request) { id in
            let feedback = try await FeedbackActions.answer(id, input, request: request)
            return feedback.consentsToPublish
                ? LocalizedText(vi: "Đã trả lời. Người gửi đồng ý công khai: có thể công khai nội dung trả lời.",
                                en: "Answered. The sender agrees to publishing: the answer can be published.")
                : LocalizedText(vi: "Đã trả lời.", en: "Answered.")
        }
    }

    static func reject(request: Request) async throws -> Response {
        let input = try request.content.decode(FeedbackRejectionInput.self)
        return try await form(FeedbackShow.rejectionForm, sent: input, request: request) { id in
            _ = try await FeedbackActions.reject(id, input, request: request)
            return LocalizedText(vi: "Đã trả lời không thụ lý, kèm lý do.", en: "Rejected, with the reason.")
        }
    }

    static func publish(request: Request) async throws -> Response {
        try await form("publication", sent: [String: String](), request: request) { id in
            let feedback = try await FeedbackActions.publish(id, request: request)
            return LocalizedText(vi: "Đã công khai trả lời: người có mã \(feedback.code) xem được nội dung trả lời.",
                                 en: "Published: anyone with the code \(feedback.code) can read the answer.")
        }
    }

    static func eraseContact(request: Request) async throws -> Response {
        try await form("contact-erasure", sent: [String: String](), request: request) { id in
            _ = try await FeedbackActions.eraseContact(id, request: request)
            return LocalizedText(vi: "Đã xóa thông tin liên hệ và tệp đính kèm của người gửi; ý kiến và số liệu được giữ lại.",
                                 en: "The sender's contact details and files are erased; the feedback and its figures stay.")
        }
    }

    private static func listPage(errors: [FieldError] = [], refused: RefusedForm? = nil, status: HTTPResponseStatus = .ok,
                                 request: Request) async throws -> Response {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let model = try await FeedbackList.Query.run(unit: unit, status: try request.queryChoice(FeedbackListStatus.self, at: "status"),
                                                     actor: try request.requireActor(), today: .today(), page: paging.page, perPage: paging.perPage,
                                                     on: request.reads)
        return FeedbackList.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }

    /// Runs one of the item page's forms: back to the page with `action`'s note, or the page with the refused form.
    private static func form(_ name: String, sent: some Encodable, request: Request,
                             _ action: (Int) async throws -> LocalizedText) async throws -> Response {
        let id = try request.id()
        do {
            let note = try await action(id)
            return request.redirect(to: FeedbackRoute.show(.value(id)).path, flash: note)
        } catch let error as DomainError where error.kind == .invalid {
            return try await page(id, errors: error.fieldErrors, refused: RefusedForm(form: name, sent), status: .unprocessableEntity, request: request)
        }
    }

    private static func page(_ id: Int, errors: [FieldError] = [], refused: RefusedForm? = nil, status: HTTPResponseStatus = .ok,
                             request: Request) async throws -> Response {
        let feedback = try await FeedbackActions.require(id, request: request)
        try await FeedbackActions.logContactView(feedback, what: "feedback.page", request: request)
        let model = try await FeedbackShow.Query.run(feedback, actor: try request.requireActor(), today: .today(), on: request.reads)
        return FeedbackShow.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }
}
