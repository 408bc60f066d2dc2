import Fluent
import LamTheoCore

extension FeedbackShow {
    enum Query {
        /// The most units offered to forward to; a larger subtree is reached a level at a time.
        static let forwardTargetLimit = 300

        static func run(_ feedback: Feedback, actor: Actor, today: CalendarDate, on db: any Database) async throws -> Model {
            let id = feedback.requireID()
            let events = try await FeedbackQueries.events(of: id, on: db)
            let names = try await OrganizationQueries.names([feedback.organizationId, feedback.siteOrganizationId] + events.compactMap(\.organizationId), on: db)
            let mayEdit = actor.can(.edit, at: feedback.treePath)
            let targets = mayEdit && feedback.state.isOpen
                ? try await Organization.query(on: db).filter(\.$path, in: feedback.treePath).filter(\.$path != feedback.organizationPath)
                    .filter(\.$status == .active).sort(\.$path).limit(forwardTargetLimit).all()
                : []
            return Model(
                id: id, code: feedback.code, topic: feedback.topicText, content: feedback.content, state: feedback.state,
                overdue: feedback.isOverdue(today: today), siteName: names[feedback.siteOrganizationId] ?? "", unitId: feedback.organizationId,
                unitName: names[feedback.organizationId] ?? "", receivedOn: feedback.receivedOn, answerDueOn: feedback.answerDueOn,
                consentsToPublish: feedback.consentsToPublish, answer: feedback.answer, answeredOn: feedback.answeredOn,
                rejectionReason: feedback.rejectionReason,
                contact: feedback.contactErasedOn == nil
                    ? Model.Contact(name: feedback.senderName, address: feedback.senderAddress, phone: feedback.senderPhone, email: feedback.senderEmail) : nil,
                contactErasedOn: feedback.contactErasedOn,
                attachments: try await FeedbackQueries.attachments(of: id, on: db).map { Model.Attachment(id: $0.id!, fileName: $0.fileName, size: $0.size) },
                events: events.map { Model.Event(action: $0.action, onDate: $0.onDate, actor: $0.actor, unitName: $0.organizationId.flatMap { names[$0] }, note: $0.note) },
                forwardTargets: targets.map { (id: $0.requireID(), name: $0.name) }, mayEdit: mayEdit)
        }
    }
}
