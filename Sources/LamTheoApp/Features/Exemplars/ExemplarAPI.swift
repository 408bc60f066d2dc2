import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/exemplars`: a subtree's registry and figures, one exemplar with its facts, figures, evidence, log,
/// commendations and where it spread; the steps of its life; and the rules as data (who may grant which form,
/// the lowest rating of a collective nominated).
enum ExemplarAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(ExemplarRoute.list, use: list).requiring(.capability(.read))
        api.post(ExemplarRoute.list, use: nominate).requiring(.capability(.edit))
        api.get(ExemplarRoute.figures, use: figures).requiring(.capability(.read))
        api.get(ExemplarRoute.authority, use: authority).requiring(.capability(.read))
        api.post(ExemplarRoute.authority, use: addAuthorityVersion).requiring(.administrator)
        api.get(ExemplarRoute.nominationRule, use: nominationRule).requiring(.capability(.read))
        api.put(ExemplarRoute.nominationRule, use: setNominationRule).requiring(.administrator)
        api.get(ExemplarRoute.show(.key), use: show).requiring(.capability(.read))
        api.post(ExemplarRoute.verification(.key), use: verify).requiring(.capability(.edit))
        api.post(ExemplarRoute.commendations(.key), use: commend).requiring(.capability(.edit))
        api.post(ExemplarRoute.replicationRequests(.key), use: requestReplication).requiring(.capability(.edit))
        api.post(ExemplarRoute.adoptions(.key), use: adopt).requiring(.capability(.edit))
        api.post(ExemplarRoute.evidence(.key), bodyLimit: AttachmentType.uploadLimit, use: addEvidence).requiring(.capability(.edit))
        api.get(ExemplarRoute.evidenceFile(.key, evidence: .key), use: evidenceFile).requiring(.capability(.read))
    }

    struct FigureDTO: Content {
        let indicator: String
        let before: Double?
        let after: Double
        let unit: String?

        init(_ figure: ExemplarFigure) {
            indicator = figure.indicator
            before = figure.before
            after = figure.after
            unit = figure.measureUnit
        }
    }

    struct CommendationDTO: Content {
        let id: Int
        let form: CommendationForm
        let grantingOrganizationId: Int
        let grantingName: String
        let documentId: Int
        /// The decision's number and symbol: "12-QĐ/ĐU".
        let documentNumber: String
        let grantedOn: CalendarDate

        init(_ decision: ExemplarDetail.Decision) {
            let commendation = decision.commendation
            id = commendation.requireID()
            form = commendation.form
            grantingOrganizationId = commendation.grantingOrganizationId
            grantingName = decision.grantingName
            documentId = commendation.documentId
            documentNumber = decision.documentNumber
            grantedOn = commendation.grantedOn
        }
    }

    struct AdoptionDTO: Content {
        let id: Int
        let organizationId: Int
        let organizationName: String
        let adoptedOn: CalendarDate
        let results: String
        let taskId: Int?
        let figures: [FigureDTO]

        init(_ spread: ExemplarDetail.Spread) {
            let adoption = spread.adoption
            id = adoption.requireID()
            organizationId = adoption.organizationId
            organizationName = spread.unitName
            adoptedOn = adoption.adoptedOn
            results = adoption.results
            taskId = adoption.taskId
            figures = spread.figures.map(FigureDTO.init)
        }
    }

    struct EvidenceDTO: Content {
        let id: Int
        let description: String?
        /// Download it from `…/evidence/{evidenceId}`.
        let fileName: String
    }

    struct EventDTO: Content {
        let action: ExemplarAction
        let onDate: CalendarDate
        let actor: String?
        let organizationId: Int?
        let note: String?
    }

    /// An exemplar in a list.
    struct SummaryDTO: Content {
        let id: Int
        let kind: ExemplarKind
        let title: String
        let organizationId: Int
        let organizationName: String
        let state: ExemplarState
        let nominatedOn: CalendarDate
    }

    struct ExemplarDTO: Content {
        let id: Int
        let kind: ExemplarKind
        let title: String
        let summary: String?
        let organizationId: Int
        let organizationName: String
        let memberId: Int?
        let memberName: String?
        let campaignId: Int?
        let campaignTitle: String?
        let topic: String?
        let state: ExemplarState
        let nominatedById: Int
        let nominatedByName: String
        let nominatedOn: CalendarDate
        let verifiedById: Int?
        let verifiedByName: String?
        let verifiedOn: CalendarDate?
        let verificationNote: String?
        let figures: [FigureDTO]
        let commitmentIds: [Int]
        let breakthroughIds: [Int]
        let evidence: [EvidenceDTO]
        let commendations: [CommendationDTO]
        let adoptions: [AdoptionDTO]
        let events: [EventDTO]

        init(_ detail: ExemplarDetail) {
            let exemplar = detail.exemplar
            id = exemplar.requireID()
            kind = exemplar.kind
            title = exemplar.title
            summary = exemplar.summary
            organizationId = exemplar.organizationId
            organizationName = detail.unitName
            memberId = exemplar.memberId
            memberName = detail.memberName
            campaignId = exemplar.campaignId
            campaignTitle = detail.campaignTitle
            topic = exemplar.topic
            state = exemplar.state
            nominatedById = exemplar.nominatedById
            nominatedByName = detail.nominatedByName
            nominatedOn = exemplar.nominatedOn
            verifiedById = exemplar.verifiedById
            verifiedByName = detail.verifiedByName
            verifiedOn = exemplar.verifiedOn
            verificationNote = exemplar.verificationNote
            figures = detail.figures.map(FigureDTO.init)
            commitmentIds = detail.links.filter { $0.sourceKind == .commitment }.map(\.sourceId)
            breakthroughIds = detail.links.filter { $0.sourceKind == .breakthrough }.map(\.sourceId)
            evidence = detail.evidence.map { EvidenceDTO(id: $0.requireID(), description: $0.details, fileName: $0.evidenceName ?? "") }
            commendations = detail.commendations.map(CommendationDTO.init)
            adoptions = detail.adoptions.map(AdoptionDTO.init)
            events = detail.events.map { EventDTO(action: $0.action, onDate: $0.onDate, actor: $0.actor, organizationId: $0.organizationId, note: $0.note) }
        }
    }

    struct FiguresDTO: Content {
        let organizationId: Int
        let organizationName: String
        /// The unit's own exemplars and adoptions.
        let own: ExemplarTally
        /// Its whole subtree's, from the stored tally.
        let subtree: ExemplarTally
    }

    struct AuthorityRuleDTO: Content {
        let organizationKind: String
        let form: CommendationForm
        let validFrom: CalendarDate
        let validTo: CalendarDate?

        init(_ record: CommendationAuthorityRecord) {
            organizationKind = record.organizationKind
            form = record.form
            validFrom = record.validFrom
            validTo = record.validTo
        }
    }

    struct NominationRuleDTO: Content {
        let minimumRating: RatingLevel
    }

    static func list(request: Request) async throws -> PageDTO<SummaryDTO> {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let filter = ExemplarFilter(state: try request.queryChoice(ExemplarState.self, at: "state"), kind: try request.queryChoice(ExemplarKind.self, at: "kind"))
        let page = try await ExemplarQueries.list(within: unit, filter, page: paging.page, perPage: paging.perPage, on: request.reads)
        let names = try await OrganizationQueries.names(page.items.map(\.organizationId), on: request.reads)
        return PageDTO(items: page.items.map {
            SummaryDTO(id: $0.requireID(), kind: $0.kind, title: $0.title, organizationId: $0.organizationId, organizationName: names[$0.organizationId] ?? "",
                       state: $0.state, nominatedOn: $0.nominatedOn)
        }, page: page.page, perPage: page.perPage, total: page.total)
    }

    static func figures(request: Request) async throws -> FiguresDTO {
        let unit = try await request.readableUnit()
        let id = unit.requireID()
        return FiguresDTO(organizationId: id, organizationName: unit.name, own: try await ExemplarTallies.own(id, on: request.reads),
                          subtree: try await ExemplarTallies.read(id, on: request.reads))
    }

    static func show(request: Request) async throws -> ExemplarDTO {
        try await detail(try await ExemplarActions.require(try request.id(), request: request), on: request.reads)
    }

    static func nominate(request: Request) async throws -> Response {
        let exemplar = try await ExemplarActions.nominate(try request.content.decode(ExemplarInput.self), request: request)
        return try await detail(exemplar, on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func verify(request: Request) async throws -> ExemplarDTO {
        try await detail(try await ExemplarActions.verify(try request.id(), try request.content.decode(ExemplarVerificationInput.self), request: request),
                         on: request.reads)
    }

    static func commend(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await ExemplarActions.commend(id, try request.content.decode(CommendationInput.self), request: request)
        return try await detail(try await ExemplarQueries.require(id, on: request.reads), on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func requestReplication(request: Request) async throws -> Response {
        let tasks = try await ExemplarActions.requestReplication(try request.id(), try request.content.decode(ReplicationRequestInput.self), request: request)
        let names = try await FollowUpQueries.unitNames(of: tasks, on: request.reads)
        return try await tasks.map { FollowUpAPI.TaskDTO($0, names: names, today: .today()) }.encodeResponse(status: .created, for: request)
    }

    static func adopt(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await ExemplarActions.adopt(id, try request.content.decode(AdoptionInput.self), request: request)
        return try await detail(try await ExemplarQueries.require(id, on: request.reads), on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func addEvidence(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await ExemplarActions.addEvidence(id, try request.content.decode(ExemplarEvidenceInput.self), request: request)
        return try await detail(try await ExemplarQueries.require(id, on: request.reads), on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func evidenceFile(request: Request) async throws -> Response {
        try await ExemplarActions.evidenceFile(try request.id("evidenceId"), of: try request.id(), request: request)
    }

    static func authority(request: Request) async throws -> [AuthorityRuleDTO] {
        try await ExemplarQueries.authorityRules(on: request.reads).map(AuthorityRuleDTO.init)
    }

    static func addAuthorityVersion(request: Request) async throws -> Response {
        _ = try await ExemplarActions.addAuthorityVersion(try request.content.decode(CommendationAuthorityInput.self), request: request)
        return try await ExemplarQueries.authorityRules(on: request.reads).map(AuthorityRuleDTO.init).encodeResponse(status: .created, for: request)
    }

    static func nominationRule(request: Request) async throws -> NominationRuleDTO {
        NominationRuleDTO(minimumRating: try await ExemplarQueries.nominationRule(on: request.reads).minimum)
    }

    static func setNominationRule(request: Request) async throws -> NominationRuleDTO {
        NominationRuleDTO(minimumRating: try await ExemplarActions.setNominationRule(try request.content.decode(ExemplarNominationRuleInput.self),
                                                                                     request: request).minimum)
    }

    static func detail(_ exemplar: Exemplar, on db: any Database) async throws -> ExemplarDTO {
        ExemplarDTO(try await ExemplarQueries.detail(exemplar, on: db))
    }
}

extension ExemplarInput: Content {}
extension ExemplarVerificationInput: Content {}
extension CommendationInput: Content {}
extension ReplicationRequestInput: Content {}
extension AdoptionInput: Content {}
extension ExemplarEvidenceInput: Content {}
extension CommendationAuthorityInput: Content {}
extension ExemplarNominationRuleInput: Content {}
extension ExemplarTally: Content {}
