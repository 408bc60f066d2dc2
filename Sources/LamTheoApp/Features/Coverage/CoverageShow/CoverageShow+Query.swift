import Fluent
import LamTheoCore

extension CoverageShow {
    enum Query {
        /// The stored figures of the unit (subtree and own) and of its children, the campaign's requirements and
        /// document, the lineage, the unit's own obligations, whether it is a cell, and the campaign's history.
        static func run(_ campaign: Campaign, at unit: Organization, order: LaggingOrder, readableBy actor: Actor, today: CalendarDate,
                        on db: any Database) async throws -> Model {
            let subtree = try await CoverageQueries.coverage(of: campaign, at: unit, .subtree, today: today, on: db)
            let own = try await CoverageQueries.coverage(of: campaign, at: unit, .own, today: today, on: db)
            let children = order.sorted(try await CoverageQueries.children(of: unit, in: campaign, today: today, on: db))
            let requirements = try await CampaignQueries.requirements(of: campaign, on: db)
            let document = try await Document.find(campaign.documentId, on: db)
            let lineage = try await OrganizationQueries.lineage(of: unit, readableBy: actor, on: db)
                .filter { campaign.treePath.contains($0.treePath) }
            let ownObligations = try await Obligation.query(on: db).filter(\.$campaignId == campaign.requireID())
                .filter(\.$organizationId == unit.requireID()).sort(\.$dueOn).all()
            let isCell = try await OrganizationKind.find(unit.kindCode, on: db)?.holdsMembers ?? false
            let changes = try await AuditPages.history(of: Campaign.auditEntity, key: campaign.requireID(), on: db)
            let requirementTitles = Dictionary(uniqueKeysWithValues: requirements.map { ($0.requireID(), $0.title) })
            return Model(
                campaign: CampaignHeading(campaign), documentId: campaign.documentId, document: document.map { ($0.symbol, $0.title) },
                reflectionDueOn: campaign.reflectionDueOn, unit: UnitLink(unit), isCell: isCell, lineage: lineage.map(UnitLink.init),
                subtree: subtree, own: own,
                ownObligations: ownObligations.map { obligation in
                    Model.OwnObligation(id: obligation.requireID(), requirementTitle: requirementTitles[obligation.requirementId] ?? "",
                                     standing: ObligationStanding(obligation, today: today))
                },
                order: order,
                children: children.map { Model.Child(unit: $0.organization, coverage: $0.coverage) },
                requirements: requirements.map { Model.Requirement(title: $0.title, dueOn: $0.dueOn) },
                canClose: campaign.status == .active && actor.can(.edit, at: campaign.treePath), canPublish: actor.canSomewhere(.publish),
                changes: changes, moreFigures: try await CampaignPageFigures.figures(campaign: campaign.requireID(), unit: DashboardUnit(unit), on: db))
        }
    }
}
