import Fluent
import LamTheoCore
import SQLKit

/// Which of a subtree's exemplars a list shows.
struct ExemplarFilter: Sendable, Hashable {
    var state: ExemplarState?
    var kind: ExemplarKind?
}

/// An exemplar with everything its page shows.
struct ExemplarDetail: Sendable {
    struct Decision: Sendable {
        let commendation: Commendation
        let grantingName: String
        /// The decision's number and symbol, as shown: "12-QĐ/ĐU".
        let documentNumber: String
        let documentTitle: String
    }

    struct Spread: Sendable {
        let adoption: ExemplarAdoption
        let unitName: String
        let figures: [ExemplarFigure]
    }

    let exemplar: Exemplar
    let unitName: String
    let nominatedByName: String
    let verifiedByName: String?
    let memberName: String?
    let campaignTitle: String?
    let figures: [ExemplarFigure]
    let links: [ExemplarLink]
    let evidence: [ExemplarEvidence]
    let events: [ExemplarEvent]
    let commendations: [Decision]
    let adoptions: [Spread]
}

enum ExemplarQueries {
    static let collectiveMinimumKey = "collective_minimum_rating"

    static func require(_ id: Int, on db: any Database) async throws -> Exemplar {
        guard let exemplar = try await Exemplar.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy điển hình số \(id)", en: "Exemplar \(id) not found"))
        }
        return exemplar
    }

    /// The rule in force for nominating a collective (a setting row).
    static func nominationRule(on db: any Database) async throws -> CollectiveNominationRule {
        let value = try await db.sql.raw("SELECT value FROM exemplar_settings WHERE key = \(bind: collectiveMinimumKey)").first()?
            .decode(column: "value", as: String.self)
        return CollectiveNominationRule(minimum: value.flatMap(RatingLevel.init(rawValue:)) ?? .good)
    }

    static func authorityRules(on db: any Database) async throws -> [CommendationAuthorityRecord] {
        try await CommendationAuthorityRecord.query(on: db).sort(\.$organizationKind).sort(\.$validFrom).sort(\.$form).all()
    }

    /// One page of the exemplars of `unit`'s subtree, latest nominated first.
    static func list(within unit: Organization, _ filter: ExemplarFilter, page: Int, perPage: Int, on db: any Database) async throws -> Page<Exemplar> {
        let query = Exemplar.query(on: db).filter(\.$organizationPath, in: unit.treePath)
        if let state = filter.state { query.filter(\.$state == state) }
        if let kind = filter.kind { query.filter(\.$kind == kind) }
        let total = try await query.copy().count()
        let items = try await query.sort(\.$nominatedOn, .descending).sort(\.$id, .descending).range(((page - 1) * perPage)..<(page * perPage)).all()
        return Page(items: items, page: page, perPage: perPage, total: total)
    }

    static func detail(_ exemplar: Exemplar, on db: any Database) async throws -> ExemplarDetail {
        let id = exemplar.requireID()
        let figures = try await ExemplarFigure.query(on: db).filter(\.$exemplarId == id).sort(\.$id).all()
        let commendations = try await Commendation.query(on: db).filter(\.$exemplarId == id).sort(\.$grantedOn).all()
        let adoptions = try await ExemplarAdoption.query(on: db).filter(\.$exemplarId == id).sort(\.$adoptedOn).all()
        let names = try await OrganizationQueries.names([exemplar.organizationId, exemplar.nominatedById] + [exemplar.verifiedById].compactMap { $0 }
                                                      + commendations.map(\.grantingOrganizationId) + adoptions.map(\.organizationId), on: db)
        let documentIds = commendations.map(\.documentId)
        let documents = documentIds.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Document.query(on: db).filter(\.$id ~~ documentIds).all()
            .map { ($0.requireID(), $0) })
        let member = try await exemplar.memberId.asyncMap { try await Member.find($0, on: db) } ?? nil
        let campaign = try await exemplar.campaignId.asyncMap { try await Campaign.find($0, on: db) } ?? nil
        return ExemplarDetail(
            exemplar: exemplar, unitName: names[exemplar.organizationId] ?? "", nominatedByName: names[exemplar.nominatedById] ?? "",
            verifiedByName: exemplar.verifiedById.flatMap { names[$0] }, memberName: member?.fullName, campaignTitle: campaign?.title,
            figures: figures.filter { $0.adoptionId == nil },
            links: try await ExemplarLink.query(on: db).filter(\.$exemplarId == id).sort(\.$sourceKind).sort(\.$sourceId).all(),
            evidence: try await ExemplarEvidence.query(on: db).filter(\.$exemplarId == id).sort(\.$id).all(),
            events: try await ExemplarEvent.query(on: db).filter(\.$exemplarId == id).sort(\.$id).all(),
            commendations: commendations.map { commendation in
                let document = documents[commendation.documentId]
                return ExemplarDetail.Decision(commendation: commendation, grantingName: names[commendation.grantingOrganizationId] ?? "",
                                               documentNumber: document?.documentNumber.symbol ?? "", documentTitle: document?.title ?? "")
            },
            adoptions: adoptions.map { adoption in
                ExemplarDetail.Spread(adoption: adoption, unitName: names[adoption.organizationId] ?? "",
                                      figures: figures.filter { $0.adoptionId == adoption.id })
            })
    }
}
