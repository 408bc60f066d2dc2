import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/feedback`: the officers' list of a subtree's feedback, one item with its sender's contact details (each
/// view logged), its files and log, and its steps; and the public side of a site: a form token, the submission and
/// the lookup by tracking code, which never shows contact details.
enum FeedbackAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(FeedbackRoute.list, use: list).requiring(.capability(.read))
        api.get(FeedbackRoute.show(.key), use: show).requiring(.capability(.read))
        api.post(FeedbackRoute.acknowledgement(.key), use: acknowledge).requiring(.capability(.edit))
        api.post(FeedbackRoute.forward(.key), use: forward).requiring(.capability(.edit))
        api.post(FeedbackRoute.answer(.key), use: answer).requiring(.capability(.edit))
        api.post(FeedbackRoute.rejection(.key), use: reject).requiring(.capability(.edit))
        api.post(FeedbackRoute.publication(.key), use: publish).requiring(.capability(.edit))
        api.post(FeedbackRoute.contactErasure(.key), use: eraseContact).requiring(.capability(.edit))
        api.get(FeedbackRoute.attachment(.key, file: .key), use: attachment).requiring(.capability(.read))
        api.get(FeedbackRoute.formToken(.key), use: formToken).requiring(.publicSite)
        api.post(FeedbackRoute.submit(.key), bodyLimit: FeedbackCommands.uploadLimit, use: submit).requiring(.publicSite)
        api.post(FeedbackRoute.track, use: track).requiring(.publicSite)
    }

    /// The public form's fields and its proof, as one body.
    typealias SubmissionBody = PublicFormSubmission<FeedbackInput>

    /// A tracking code, sent in the body so that it stays out of addresses and their logs.
    struct TrackBody: Content {
        let code: String
    }

    struct FormTokenDTO: Content {
        let formToken: String
        /// The "mã bảo vệ" to answer in `challengeAnswer`, when the address has sent several forms lately.
        let challenge: String?
    }

    /// What the sender is given: the code to track it by and the day the answer is due.
    struct ReceiptDTO: Content {
        let code: String
        let state: FeedbackState
        let answerDueOn: CalendarDate
    }

    /// What anyone holding the code sees: where it stands and, once published, the answer; never who sent it.
    struct TrackDTO: Content {
        let code: String
        let state: FeedbackState
        let stateText: String
        let topic: FeedbackTopic
        let receivedOn: CalendarDate
        let answerDueOn: CalendarDate
        let answeredOn: CalendarDate?
        let answer: String?
        let rejectionReason: String?

        init(_ feedback: Feedback, language: UILanguage) {
            code = feedback.code
            state = feedback.state
            stateText = feedback.state.label(language)
            topic = feedback.topic
            receivedOn = feedback.receivedOn
            answerDueOn = feedback.answerDueOn
            answeredOn = feedback.answeredOn
            answer = feedback.state == .published ? feedback.answer : nil
            rejectionReason = feedback.rejectionReason
        }
    }

    struct SummaryDTO: Content {
        let id: Int
        let code: String
        let organizationId: Int
        let organizationName: String
        let topic: FeedbackTopic
        let state: FeedbackState
        let receivedOn: CalendarDate
        let answerDueOn: CalendarDate
        let overdue: Bool

        init(_ feedback: Feedback, names: [Int: String], today: CalendarDate) {
            id = feedback.id!
            code = feedback.code
            organizationId = feedback.organizationId
            organizationName = names[feedback.organizationId] ?? ""
            topic = feedback.topic
            state = feedback.state
            receivedOn = feedback.receivedOn
            answerDueOn = feedback.answerDueOn
            overdue = feedback.isOverdue(today: today)
        }
    }

    struct ContactDTO: Content {
        let name: String?
        let address: String?
        let phone: String?
        let email: String?
    }

    struct AttachmentDTO: Content {
        let id: Int
        let fileName: String
        let mediaType: String
        let size: Int
    }

    struct EventDTO: Content {
        let action: FeedbackAction
        let onDate: CalendarDate
        let actor: String?
        let organizationId: Int?
        let note: String?
    }

    struct FeedbackDTO: Content {
        let id: Int
        let code: String
        let siteOrganizationId: Int
        let organizationId: Int
        let organizationName: String
        let topic: FeedbackTopic
        let topicOther: String?
        let content: String
        let state: FeedbackState
        let overdue: Bool
        let receivedOn: CalendarDate
        let answerDueOn: CalendarDate
        let consentsToPublish: Bool
        let answer: String?
        let answeredOn: CalendarDate?
        let rejectionReason: String?
        let publishedOn: CalendarDate?
        /// Absent once erased at the sender's request.
        let contact: ContactDTO?
        let contactErasedOn: CalendarDate?
        let attachments: [AttachmentDTO]
        let events: [EventDTO]
    }

    static func list(request: Request) async throws -> PageDTO<SummaryDTO> {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let today = CalendarDate.today()
        let figures = try await FeedbackTallies.read([unit.requireID()], today: today, on: request.reads)[unit.requireID()] ?? FeedbackFigures()
        let page = try await FeedbackQueries.list(in: unit.treePath, figures: figures, status: try request.queryChoice(FeedbackListStatus.self, at: "status"),
                                                  today: today, page: paging.page, perPage: paging.perPage, on: request.reads)
        let names = try await OrganizationQueries.names(page.items.map(\.organizationId), on: request.reads)
        return PageDTO(items: page.items.map { SummaryDTO($0, names: names, today: today) }, page: page.page, perPage: page.perPage, total: page.total)
    }

    static func show(request: Request) async throws -> FeedbackDTO {
        let feedback = try await FeedbackActions.require(try request.id(), request: request)
        try await FeedbackActions.logContactView(feedback, what: "feedback.api", request: request)
        return try await detail(feedback, on: request.reads)
    }

    static func acknowledge(request: Request) async throws -> FeedbackDTO {
        try await detail(try await FeedbackActions.acknowledge(try request.id(), request: request), on: request.reads)
    }

    static func forward(request: Request) async throws -> FeedbackDTO {
        try await detail(try await FeedbackActions.forward(try request.id(), try request.content.decode(FeedbackForwardInput.self), request: request),
                         on: request.reads)
    }

    static func answer(request: Request) async throws -> FeedbackDTO {
        try await detail(try await FeedbackActions.answer(try request.id(), try request.content.decode(FeedbackAnswerInput.self), request: request),
                         on: request.reads)
    }

    static func reject(request: Request) async throws -> FeedbackDTO {
        try await detail(try await FeedbackActions.reject(try request.id(), try request.content.decode(FeedbackRejectionInput.self), request: request),
                         on: request.reads)
    }

    static func publish(request: Request) async throws -> FeedbackDTO {
        try await detail(try await FeedbackActions.publish(try request.id(), request: request), on: request.reads)
    }

    static func eraseContact(request: Request) async throws -> FeedbackDTO {
        try await detail(try await FeedbackActions.eraseContact(try request.id(), request: request), on: request.reads)
    }

    static func attachment(request: Request) async throws -> Response {
        try await FeedbackActions.attachment(try request.id("attachmentId"), of: try request.id(), request: request)
    }

    static func formToken(request: Request) async throws -> FormTokenDTO {
        let site = try await site(request)
        let ticket = try await FeedbackActions.guardian.ticket(target: site.slug, request: request)
        return FormTokenDTO(formToken: ticket.token, challenge: ticket.challenge.map { $0(request.language) })
    }

    static func submit(request: Request) async throws -> Response {
        let site = try await site(request)
        let body = try request.content.decode(SubmissionBody.self)
        let feedback = try await FeedbackActions.submit(body.input, proof: body.proof, site: site, request: request)
        return try await ReceiptDTO(code: feedback.code, state: feedback.state, answerDueOn: feedback.answerDueOn)
            .encodeResponse(status: .created, for: request)
    }

    static func track(request: Request) async throws -> TrackDTO {
        let code = try request.content.decode(TrackBody.self).code
        guard let feedback = try await FeedbackActions.track(code, site: nil, request: request) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy ý kiến với mã này", en: "No feedback has this code"))
        }
        return TrackDTO(feedback, language: request.language)
    }

    static func site(_ request: Request) async throws -> PublicSite {
        try await PublicSites.require(slug: request.parameters.get("slug") ?? "", on: request.reads)
    }

    static func detail(_ feedback: Feedback, on db: any Database) async throws -> FeedbackDTO {
        let id = feedback.requireID()
        let names = try await OrganizationQueries.names([feedback.organizationId], on: db)
        return FeedbackDTO(
            id: id, code: feedback.code, siteOrganizationId: feedback.siteOrganizationId, organizationId: feedback.organizationId,
            organizationName: names[feedback.organizationId] ?? "", topic: feedback.topic, topicOther: feedback.topicOther, content: feedback.content,
            state: feedback.state, overdue: feedback.isOverdue(today: .today()), receivedOn: feedback.receivedOn, answerDueOn: feedback.answerDueOn,
            consentsToPublish: feedback.consentsToPublish, answer: feedback.answer, answeredOn: feedback.answeredOn,
            rejectionReason: feedback.rejectionReason, publishedOn: feedback.publishedOn,
            contact: feedback.contactErasedOn == nil
                ? ContactDTO(name: feedback.senderName, address: feedback.senderAddress, phone: feedback.senderPhone, email: feedback.senderEmail) : nil,
            contactErasedOn: feedback.contactErasedOn,
            attachments: try await FeedbackQueries.attachments(of: id, on: db).map {
                AttachmentDTO(id: $0.requireID(), fileName: $0.fileName, mediaType: $0.mediaType, size: $0.size)
            },
            events: try await FeedbackQueries.events(of: id, on: db).map {
                EventDTO(action: $0.action, onDate: $0.onDate, actor: $0.actor, organizationId: $0.organizationId, note: $0.note)
            })
    }
}

extension FeedbackForwardInput: Content {}
extension FeedbackAnswerInput: Content {}
extension FeedbackRejectionInput: Content {}
extension FeedbackSettingInput: Content {}
