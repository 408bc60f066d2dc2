import Fluent
import Foundation
import LamTheoCore
import Vapor

/// Feedback as its callers act on it, shared by the API and the pages. The public submits through `PublicFormGuard`;
/// readers of the responsible unit see an item (and its sender's contact details, each view logged); its editors
/// acknowledge, forward, answer, reject, publish and erase the contact details on request.
enum FeedbackActions {
    static let guardian = PublicFormGuard(form: "feedback")
    /// Lookups of tracking codes are limited per address like the form.
    static let trackGuard = PublicFormGuard(form: "feedback.track")

    /// Checks the form's defences, then records the item and the accepted submission in one audited transaction.
    static func submit(_ input: FeedbackInput, proof: PublicFormProof, site: PublicSite, request: Request) async throws -> Feedback {
        let pass = try await guardian.check(proof, target: site.slug, text: input.content ?? "", request: request)
        let store = files(request.application)
        return try await request.write(AuditSubject("feedback.submit", Feedback.self)) { db in
            // The unit as the write reads it (its path is copied onto the item), not as a replica or a moment before did.
            let unit = try await OrganizationQueries.require(site.organizationId, on: db)
            let feedback = try await FeedbackCommands.submit(input, to: unit, code: try await freshCode(on: db), store: store, on: db)
            try await guardian.record(pass, on: db)
            return feedback
        }
    }

    /// The item with `code`, for its sender; an unknown code counts toward the address's limit of lookups.
    static func track(_ code: String, site: PublicSite?, request: Request) async throws -> Feedback? {
        if try await trackGuard.isLimited(request: request) {
            throw DomainError(.tooManyAttempts, title: LocalizedText(vi: "Tra cứu quá nhiều lần. Vui lòng thử lại sau một giờ.",
                                                                     en: "Too many lookups. Please try again in an hour."), retryAfter: 3600)
        }
        let found = try await FeedbackQueries.find(code: code, on: request.reads)
        guard let feedback = found, site.map({ $0.organizationId == feedback.siteOrganizationId }) ?? true else {
            try await trackGuard.recordRefusal("unknown-code", target: site?.slug ?? "api", request: request)
            return nil
        }
        return feedback
    }

    static func acknowledge(_ id: Int, request: Request) async throws -> Feedback {
        try await edit(id, "feedback.acknowledge", request: request) { try await FeedbackCommands.acknowledge(id, by: $0, on: $1) }
    }

    static func forward(_ id: Int, _ input: FeedbackForwardInput, request: Request) async throws -> Feedback {
        try await edit(id, "feedback.forward", request: request) { try await FeedbackCommands.forward(id, input, by: $0, on: $1) }
    }

    static func answer(_ id: Int, _ input: FeedbackAnswerInput, request: Request) async throws -> Feedback {
        try await edit(id, "feedback.answer", request: request) { try await FeedbackCommands.answer(id, input, by: $0, on: $1) }
    }

    static func reject(_ id: Int, _ input: FeedbackRejectionInput, request: Request) async throws -> Feedback {
        try await edit(id, "feedback.reject", request: request) { try await FeedbackCommands.reject(id, input, by: $0, on: $1) }
    }

    static func publish(_ id: Int, request: Request) async throws -> Feedback {
        try await edit(id, "feedback.publish", request: request) { try await FeedbackCommands.publish(id, by: $0, on: $1) }
    }

    /// Erases the sender's contact details and files; the files' bytes go once the transaction has committed.
    static func eraseContact(_ id: Int, request: Request) async throws -> Feedback {
        let keys = try await edit(id, "feedback.erase-contact", request: request) { try await FeedbackCommands.eraseContact(id, by: $0, on: $1) }
        let store = files(request.application)
        for key in Set(keys) {
            // The same file sent with another item stays for it.
            if try await FeedbackAttachment.query(on: request.reads).filter(\.$fileKey == key).count() == 0 { store.remove(key) }
        }
        return try await FeedbackQueries.require(id, on: request.reads)
    }

    static func setAnswerDays(_ input: FeedbackSettingInput, request: Request) async throws -> FeedbackSetting {
        let unit = try await request.readableUnit()
        try request.require(.edit, at: unit.treePath)
        return try await request.write(AuditSubject("feedback.settings", FeedbackSetting.self, id: unit.requireID())) {
            try await FeedbackCommands.setAnswerDays(at: unit, input, on: $0)
        }
    }

    /// The item, if the caller reads its responsible unit; not found otherwise.
    static func require(_ id: Int, request: Request) async throws -> Feedback {
        let feedback = try await FeedbackQueries.require(id, on: request.reads)
        try request.require(.read, at: feedback.treePath)
        return feedback
    }

    /// Logs that the caller was shown the sender's contact details (personal data), when there were any.
    static func logContactView(_ feedback: Feedback, what: String, request: Request) async throws {
        guard feedback.contactErasedOn == nil else { return }
        let id = feedback.requireID()
        try await PersonalDataLog.logView("\(what):\(id)", request: request)
    }

    static func attachment(_ fileId: Int, of id: Int, request: Request) async throws -> Response {
        let feedback = try await require(id, request: request)
        let file = try await FeedbackQueries.attachment(fileId, of: id, on: request.reads)
        try await logContactView(feedback, what: "feedback.attachment", request: request)
        return try files(request.application).download(file.fileKey, named: file.fileName, mediaType: file.mediaType)
    }

    /// Citizens' files live apart from the members' documents, so that erasing them never touches a file another record shares.
    static func files(_ app: Application) -> DocumentFileStore {
        DocumentFileStore(directory: app.documentFiles.directory.appendingPathComponent("feedback", isDirectory: true))
    }

    private static func edit<T: Sendable>(_ id: Int, _ action: String, request: Request,
                                          _ command: @escaping @Sendable (String?, any Database) async throws -> T) async throws -> T {
        let feedback = try await require(id, request: request)
        try request.require(.edit, at: feedback.treePath)
        let actor = try request.requireActor().displayName
        return try await request.write(AuditSubject(action, Feedback.self, id: id)) { try await command(actor, $0) }
    }

    /// A code no item has yet (a clash of random codes is rare; the unique index guards the rest).
    private static func freshCode(on db: any Database) async throws -> String {
        while true {
            let code = FeedbackCode.make()
            if try await Feedback.query(on: db).filter(\.$code == code).count() == 0 { return code }
        }
    }
}
