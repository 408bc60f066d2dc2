import Fluent
import LamTheoCore
import SQLKit

/// Reads of campaigns and obligations.
enum CampaignQueries {
    static func require(_ id: Int, on db: any Database) async throws -> Campaign {
        guard let campaign = try await Campaign.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy đợt triển khai", en: "Campaign not found"))
        }
        return campaign
    }

    static func requireObligation(_ id: Int, on db: any Database) async throws -> Obligation {
        guard let obligation = try await Obligation.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy nhiệm vụ", en: "Obligation not found"))
        }
        return obligation
    }

    static func requirement(of obligation: Obligation, on db: any Database) async throws -> CampaignRequirement {
        guard let requirement = try await CampaignRequirement.find(obligation.requirementId, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy yêu cầu", en: "Requirement not found"))
        }
        return requirement
    }

    static func requirements(of campaign: Campaign, on db: any Database) async throws -> [CampaignRequirement] {
        try await CampaignRequirement.query(on: db).filter(\.$campaignId == campaign.requireID()).sort(\.$dueOn).sort(\.$id).all()
    }

    /// The active campaigns a unit takes part in: those launched at the unit or above it, newest first.
    static func active(covering unit: Organization, on db: any Database) async throws -> [Campaign] {
        try await active(coveringAny: [unit.treePath], on: db)
    }

    /// The active campaigns any unit of `paths` takes part in, newest first.
    static func active(coveringAny paths: [TreePath], on db: any Database) async throws -> [Campaign] {
        try await Campaign.query(on: db)
            .filter(\.$organizationPath ~~ Set(paths.flatMap(\.lineage)).map(\.rawValue))
            .filter(\.$status == .active)
            .sort(\.$startsOn, .descending).sort(\.$id, .descending)
            .all()
    }
}

extension CampaignQueries {
    /// Campaigns the caller takes part in: launched inside their scope, or above it (a ward's officers see
    /// the city's campaigns). Newest first.
    static func list(scopes: [TreePath]?, status: CampaignStatus?, text: String?, page: Int, perPage: Int, on db: any Database) async throws -> Page<Campaign> {
        var query = Campaign.query(on: db)
        if let scopes {
            let above = Set(scopes.flatMap(\.lineage)).map(\.rawValue)
            query = query.group(.or) { any in
                any.filter(\.$organizationPath ~~ above)
                any.withinAny(scopes, \.$organizationPath)
            }
        }
        if let status { query = query.filter(\.$status == status) }
        if let text = text.map(VietnameseText.searchKey), !text.isEmpty {
            query = query.filter(\.$titleSearch, .custom("LIKE"), "%\(text.withoutLikeWildcards)%")
        }
        let total = try await query.count()
        let items = try await query.sort(\.$startsOn, .descending).sort(\.$id, .descending)
            .range((page - 1) * perPage ..< page * perPage).all()
        return Page(items: items, page: page, perPage: perPage, total: total)
    }

    /// An obligation with its unit's name, for lists.
    struct ObligationRow: Sendable {
        let obligation: Obligation
        let unitName: String
        let requirementTitle: String
    }

    /// A subtree's obligations in one campaign, optionally of one status, latest first among the late.
    static func obligations(of campaign: Campaign, within unit: Organization, status: ObligationStatus?, today: CalendarDate,
                            page: Int, perPage: Int, on db: any Database) async throws -> Page<ObligationRow> {
        let statusFilter: SQLQueryString = status.map { "AND \(obligationStatusCase(today: today)) = \(bind: $0.rawValue)" } ?? ""
        let predicate: SQLQueryString = """
            o.campaign_id = \(bind: campaign.requireID())
            AND \(column: "o.organization_path", in: unit.treePath) \(statusFilter)
            """
        let total = try await db.sql.raw("SELECT COUNT(*) AS n FROM obligations o WHERE \(predicate)").first()?.decode(column: "n", as: Int.self) ?? 0
        let ids = try await db.sql.raw("""
            SELECT o.id FROM obligations o WHERE \(predicate)
            ORDER BY COALESCE(o.extended_until, o.due_on), o.organization_path, o.id
            LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        let obligations = try await Obligation.query(on: db).filter(\.$id ~~ ids).all()
        let units = try await OrganizationQueries.names(obligations.map(\.organizationId), on: db)
        let requirements = Dictionary(uniqueKeysWithValues: try await CampaignRequirement.query(on: db)
            .filter(\.$campaignId == campaign.requireID()).all().map { ($0.requireID(), $0.title) })
        let byId = Dictionary(uniqueKeysWithValues: obligations.map { ($0.requireID(), $0) })
        let rows = ids.compactMap { id in byId[id].map {
            ObligationRow(obligation: $0, unitName: units[$0.organizationId] ?? "", requirementTitle: requirements[$0.requirementId] ?? "")
        } }
        return Page(items: rows, page: page, perPage: perPage, total: total)
    }

    /// The status of an obligation row, in SQL: mirrors `ObligationStatus.init(state:…)` (a test holds the two
    /// together); ISO dates compare as text.
    static func obligationStatusCase(today: CalendarDate) -> SQLQueryString {
        let soon = today.adding(days: ObligationStatus.dueSoonDays)
        return """
            CASE WHEN state = \(bind: ObligationState.accepted.rawValue) THEN \(bind: ObligationStatus.accepted.rawValue)
                 WHEN state = \(bind: ObligationState.submitted.rawValue) THEN \(bind: ObligationStatus.submitted.rawValue)
                 WHEN state = \(bind: ObligationState.returned.rawValue) THEN \(bind: ObligationStatus.returned.rawValue)
                 WHEN state = \(bind: ObligationState.handedOver.rawValue) THEN \(bind: ObligationStatus.handedOver.rawValue)
                 WHEN state = \(bind: ObligationState.withdrawn.rawValue) THEN \(bind: ObligationStatus.withdrawn.rawValue)
                 WHEN COALESCE(extended_until, due_on) < \(bind: today) THEN \(bind: ObligationStatus.late.rawValue)
                 WHEN extended_until IS NOT NULL THEN \(bind: ObligationStatus.extended.rawValue)
                 WHEN due_on <= \(bind: soon) THEN \(bind: ObligationStatus.dueSoon.rawValue)
                 ELSE \(bind: ObligationStatus.notYetDue.rawValue) END
            """
    }

    static func submissions(of obligation: Obligation, on db: any Database) async throws -> [ObligationSubmission] {
        try await ObligationSubmission.query(on: db).filter(\.$obligationId == obligation.requireID()).sort(\.$number).all()
    }
}

extension CampaignQueries {
    /// The kinds of unit each requirement applies to.
    static func unitKinds(of requirements: [CampaignRequirement], on db: any Database) async throws -> [Int: [String]] {
        guard !requirements.isEmpty else { return [:] }
        let rows = try await CampaignRequirementKind.query(on: db).filter(\.$requirementId ~~ requirements.map { $0.requireID() })
            .sort(\.$kindCode).all()
        return Dictionary(grouping: rows, by: \.requirementId).mapValues { $0.map(\.kindCode) }
    }
}

extension CampaignQueries {
    /// The documents a unit issued, newest first: what it may submit as its plan.
    static func documents(issuedBy unit: Organization, on db: any Database) async throws -> [Document] {
        try await Document.query(on: db).filter(\.$organizationId == unit.requireID()).sort(\.$issuedOn, .descending).sort(\.$id, .descending).all()
    }
}

