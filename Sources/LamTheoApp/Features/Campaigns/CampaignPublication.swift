import Fluent
import Foundation
import LamTheoCore

/// A campaign's results on a committee's site: the figures of the campaign's dashboard section for the site's unit that
/// its editors chose to make public. A figure not chosen is never shown.
final class CampaignPublication: Model, @unchecked Sendable {
    static let schema = "campaign_publications"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "campaign_id") var campaignId: Int
    /// The site's unit: the figures are its subtree's.
    @Field(key: "organization_id") var organizationId: Int
    /// The chosen figures' keys ("campaign-3.studied"), a JSON array, in the section's order.
    @Field(key: "figure_keys") var figureKeysJSON: String
    @Field(key: "published_at") var publishedAt: Date
    @Field(key: "published_by") var publishedBy: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var figureKeys: [String] {
        get { (try? JSONDecoder().decode([String].self, from: Data(figureKeysJSON.utf8))) ?? [] }
        set { figureKeysJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }
}

extension CampaignPublication: Auditable {
    static var auditEntity: String { "campaign_publication" }
    var auditFields: [String: String?] {
        ["campaignId": String(campaignId), "organizationId": String(organizationId), "figures": figureKeys.joined(separator: ", "),
         "publishedBy": publishedBy]
    }
}

/// What an editor publishes: the keys of the figures to show (the form's `figures[]` checkboxes).
struct CampaignPublicationInput: Codable, Sendable {
    var figures: [String]?
}

enum CampaignPublications {
    /// The dashboard section of `campaign` whose figures a publication chooses among.
    static func sectionKey(_ campaign: Int) -> String { "campaign-\(campaign)" }

    /// The campaign's section for `unit`'s subtree today, from the stored roll-ups; nil when it has no figures there.
    static func section(_ campaign: Int, unit: Organization, on db: any Database) async throws -> DashboardSection? {
        let sections = try await Dashboards.sections(of: [DashboardUnit(unit)], explaining: nil, day: .today(), on: db)
        return sections[unit.requireID()]?.first { $0.key == sectionKey(campaign) }
    }

    static func find(_ campaign: Int, unit: Int, on db: any Database) async throws -> CampaignPublication? {
        try await CampaignPublication.query(on: db).filter(\.$campaignId == campaign).filter(\.$organizationId == unit).first()
    }

    /// Publishes the chosen figures of `section` (or changes the choice): one of them at least, each one of the section's.
    static func publish(_ input: CampaignPublicationInput, campaign: Int, unit: Int, section: DashboardSection?, by name: String,
                        on db: any Database) async throws -> CampaignPublication {
        let chosen = Set(input.figures ?? [])
        let available = section?.figures.map(\.key) ?? []
        guard !chosen.isEmpty else {
            throw DomainError.invalid(field: "figures", LocalizedText(vi: "Số liệu công bố: chọn ít nhất một số liệu", en: "Figures: choose at least one"))
        }
        guard chosen.isSubset(of: available) else {
            throw DomainError.invalid(field: "figures", LocalizedText(vi: "Số liệu công bố: chỉ chọn trong các số liệu của đợt tại đơn vị",
                                                                     en: "Figures: choose only among the campaign's figures for the unit"))
        }
        let publication = try await find(campaign, unit: unit, on: db) ?? CampaignPublication()
        if publication.id == nil {
            publication.campaignId = campaign
            publication.organizationId = unit
        }
        publication.figureKeys = available.filter(chosen.contains)
        publication.publishedAt = Date()
        publication.publishedBy = name
        try await publication.save(on: db)
        return publication
    }

    static func withdraw(_ publication: CampaignPublication, on db: any Database) async throws {
        try await publication.delete(on: db)
    }
}
