import Fluent
import LamTheoCore

extension ObligationShow {
    enum Query {
        /// The campaign, the requirement, the unit and the submissions with their documents; the unit's documents
        /// when the reader may submit.
        static func run(_ obligation: Obligation, readableBy actor: Actor, today: CalendarDate, on db: any Database) async throws -> Model {
            let campaign = try await CampaignQueries.require(obligation.campaignId, on: db)
            let requirement = try await CampaignQueries.requirement(of: obligation, on: db)
            let unit = try await OrganizationQueries.require(obligation.organizationId, on: db)
            let submissions = try await CampaignQueries.submissions(of: obligation, on: db)
            let unitPath = TreePath(rawValue: obligation.organizationPath)!
            let canSubmit = actor.can(.edit, at: unitPath) && requirement.kind != .studySessions
                && obligation.state.submissionRefusal == nil && campaign.status == .active
            let plans = canSubmit ? try await CampaignQueries.documents(issuedBy: unit, on: db) : []
            let symbols = Dictionary(uniqueKeysWithValues: try await Document.query(on: db).filter(\.$id ~~ submissions.compactMap(\.documentId)).all()
                .map { ($0.requireID(), $0.symbol) })
            return Model(
                id: obligation.requireID(), campaign: CampaignHeading(campaign), unit: UnitLink(unit), requirementTitle: requirement.title,
                requirementKind: requirement.kind, minimumSessions: requirement.minimumSessions, standing: ObligationStanding(obligation, today: today),
                extensionReason: obligation.extensionReason,
                submissions: submissions.map { submission in
                    Model.Submission(number: submission.number, submittedOn: submission.submittedOn, documentId: submission.documentId,
                                     documentSymbol: submission.documentId.flatMap { symbols[$0] }, note: submission.note, outcome: submission.outcome,
                                     reviewComment: submission.reviewComment, late: submission.late)
                },
                canSubmit: canSubmit, canReview: unitPath.parent.map { actor.can(.edit, at: $0) } ?? false,
                plans: plans.map(Model.DocumentRef.init),
                // A resubmission the level above asked for is never late.
                deadlineNotice: canSubmit && obligation.state == .open ? obligation.submissionDeadline(in: campaign).notice(on: today) : nil)
        }
    }
}

extension ObligationShow.Model.DocumentRef {
    init(_ document: Document) {
        self.init(id: document.requireID(), symbol: document.symbol, title: document.title)
    }
}
