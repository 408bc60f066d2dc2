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
        try await Campaign.query(on: db)
            .filter(\.$organizationPath ~~ unit.treePath.lineage.map(\.rawValue))
            .filter(\.$status == .active)
            .sort(\.$startsOn, .descending).sort(\.$id, .descending)
            .all()
    }
}
