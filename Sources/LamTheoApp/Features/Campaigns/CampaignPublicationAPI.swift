import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/campaigns/{id}/publication?unit=`: which of a campaign's figures a site shows (GET), choosing them (PUT),
/// and withdrawing them (DELETE), for the site's editors.
enum CampaignPublicationAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(CampaignPublicationRoute.publication(.key), use: read).requiring(.capability(.publish))
        api.put(CampaignPublicationRoute.publication(.key), use: set).requiring(.capability(.publish))
        api.delete(CampaignPublicationRoute.publication(.key), use: withdraw).requiring(.capability(.publish))
    }

    struct FigureDTO: Content {
        let key: String
        let title: String
        let count: Int?
        let total: Int?
    }

    struct PublicationDTO: Content {
        let campaignId: Int
        let siteSlug: String
        let organizationId: Int
        /// The chosen figures' keys; empty when not published.
        let figures: [String]
        let publishedAt: Date?
        let publishedBy: String?
        /// The campaign's figures for the site's unit today, to choose among.
        let available: [FigureDTO]

        init(_ target: CampaignPublicationActions.Target, publication: CampaignPublication?) {
            campaignId = target.campaign.id ?? 0
            siteSlug = target.site.slug
            organizationId = target.site.organizationId
            figures = publication?.figureKeys ?? []
            publishedAt = publication?.publishedAt
            publishedBy = publication?.publishedBy
            available = (target.section?.figures ?? []).map { FigureDTO(key: $0.key, title: $0.title.vi, count: $0.count, total: $0.total) }
        }
    }

    static func read(request: Request) async throws -> PublicationDTO {
        let target = try await CampaignPublicationActions.target(try request.id(), request: request)
        return PublicationDTO(target, publication: target.publication)
    }

    static func set(request: Request) async throws -> PublicationDTO {
        let target = try await CampaignPublicationActions.target(try request.id(), request: request)
        let publication = try await CampaignPublicationActions.publish(try request.content.decode(CampaignPublicationInput.self), target, request: request)
        return PublicationDTO(target, publication: publication)
    }

    static func withdraw(request: Request) async throws -> PublicationDTO {
        let target = try await CampaignPublicationActions.target(try request.id(), request: request)
        try await CampaignPublicationActions.withdraw(target, request: request)
        return PublicationDTO(target, publication: nil)
    }
}

// The OpenAPI schemas of the publication's body and answer.
extension CampaignPublicationInput: OpenAPIDescribed {
    static let schemaName = "CampaignPublicationSet"
    static var schema: JSONValue {
        .object(properties: ["figures": JSONValue.array(of: .string).described("The keys of the figures to show, among `available`; one at least")],
                required: ["figures"])
    }
}

extension CampaignPublicationAPI.FigureDTO: OpenAPIDescribed {
    static let schemaName = "CampaignPublicationFigure"
    static var schema: JSONValue {
        .object(properties: ["key": .string, "title": .string, "count": .nullable(.integer), "total": .nullable(.integer)], required: ["key", "title"])
    }
}

extension CampaignPublicationAPI.PublicationDTO: OpenAPIDescribed {
    static let schemaName = "CampaignPublication"
    static var schema: JSONValue {
        .object(properties: [
            "campaignId": .integer, "siteSlug": .string, "organizationId": .integer,
            "figures": JSONValue.array(of: .string).described("The figures the site shows; empty when not published"),
            "publishedAt": .nullable(.dateTime), "publishedBy": .nullable(.string),
            "available": .array(of: .ref(CampaignPublicationAPI.FigureDTO.self)),
        ], required: ["campaignId", "siteSlug", "organizationId", "figures", "available"])
    }
}
