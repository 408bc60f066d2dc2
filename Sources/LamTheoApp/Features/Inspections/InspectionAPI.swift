import Fluent
import LamTheoCore
import LamTheoDocx
import Vapor

/// A recommendation as the API and the form send it: the follow-up task for each unit named.
struct InspectionRecommendationInput: Codable, Sendable {
    var organizationIds: [Int]?
    var title: String?
    var responsible: String?
    var requiredEvidence: String?
    var dueOn: String?

    var task: FollowUpTaskInput {
        FollowUpTaskInput(organizationIds: organizationIds, title: title, responsible: responsible, requiredEvidence: requiredEvidence, dueOn: dueOn)
    }
}

/// `/api/v1/inspections`: a unit's inspections, one inspection with every step's records, a write per step,
/// and the log of the team's reads under its grant.
enum InspectionAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(InspectionRoute.list, use: list).requiring(.capability(.read))
        api.post(InspectionRoute.list, use: create).requiring(.capability(.edit))
        api.get(InspectionRoute.show(.key), use: show).requiring(.capability(.read))
        api.get(InspectionRoute.reads(.key), use: reads).requiring(.capability(.read))
        api.get(InspectionRoute.conclusionFile(.key), use: conclusionFile).requiring(.capability(.read))
        api.post(InspectionRoute.plan(.key), use: plan).requiring(.capability(.edit))
        api.post(InspectionRoute.selfReports(.key), use: selfReport).requiring(.capability(.edit))
        api.post(InspectionRoute.sessions(.key), use: session).requiring(.capability(.edit))
        api.post(InspectionRoute.findings(.key), use: finding).requiring(.capability(.edit))
        api.post(InspectionRoute.criticisms(.key), use: criticism).requiring(.capability(.edit))
        api.post(InspectionRoute.conclusion(.key), use: conclusion).requiring(.capability(.edit))
        api.post(InspectionRoute.recommendations(.key), use: recommendation).requiring(.capability(.edit))
        api.post(InspectionRoute.closure(.key), use: closure).requiring(.capability(.edit))
    }

    struct SummaryDTO: Content {
        let id: Int
        let kind: InspectionKind
        let organizationId: Int
        let organizationName: String
        let subject: String
        let decisionDocumentId: Int
        let startsOn: CalendarDate
        let endsOn: CalendarDate
        let closedOn: CalendarDate?

        init(_ inspection: Inspection, names: [Int: String]) {
            id = inspection.requireID()
            kind = inspection.kind
            organizationId = inspection.organizationId
            organizationName = names[inspection.organizationId] ?? ""
            subject = inspection.subject
            decisionDocumentId = inspection.decisionDocumentId
            startsOn = inspection.startsOn
            endsOn = inspection.endsOn
            closedOn = inspection.closedOn
        }
    }

    struct TeamMemberDTO: Content {
        let role: InspectionTeamRole
        let name: String
        let userId: Int?
        let memberId: Int?
    }

    struct UnitDTO: Content {
        let organizationId: Int
        let organizationName: String
        let selfReportOn: CalendarDate?
        let selfReportDocumentId: Int?
        let selfReportNote: String?
        /// Sent after its date (or, not yet sent, its date is past).
        let late: Bool
    }

    struct SessionDTO: Content {
        let id: Int
        let organizationId: Int
        let heldOn: CalendarDate
        let minutesDocumentId: Int?
        let minutes: String?
    }

    struct CriticismDTO: Content {
        let id: Int
        let target: CriticismTarget
        let organizationId: Int?
        let memberId: Int?
        let name: String
        let text: String
    }

    struct FindingDTO: Content {
        let id: Int
        let organizationId: Int
        let organizationName: String
        let kind: FindingKind
        let text: String
        let commitmentId: Int?
        let breakthroughId: Int?
        let concerns: String?
        let criticisms: [CriticismDTO]
    }

    struct StepDTO: Content {
        let step: InspectionStep
        let done: Bool
    }

    struct DetailDTO: Content {
        let id: Int
        let kind: InspectionKind
        let organizationId: Int
        let organizationName: String
        let subject: String
        let decisionDocumentId: Int
        let periodFrom: CalendarDate
        let periodTo: CalendarDate
        let startsOn: CalendarDate
        let endsOn: CalendarDate
        let selfReportDueOn: CalendarDate
        let planSentOn: CalendarDate?
        let planNote: String?
        let conclusionDocumentId: Int?
        let concludedOn: CalendarDate?
        let closedOn: CalendarDate?
        let currentStep: InspectionStep?
        let steps: [StepDTO]
        let team: [TeamMemberDTO]
        let units: [UnitDTO]
        let sessions: [SessionDTO]
        let findings: [FindingDTO]
        let recommendations: [FollowUpAPI.TaskDTO]

        init(_ record: InspectionRecord, today: CalendarDate) {
            let inspection = record.inspection
            id = inspection.requireID()
            kind = inspection.kind
            organizationId = inspection.organizationId
            organizationName = record.unitNames[inspection.organizationId] ?? ""
            subject = inspection.subject
            decisionDocumentId = inspection.decisionDocumentId
            periodFrom = inspection.periodFrom
            periodTo = inspection.periodTo
            startsOn = inspection.startsOn
            endsOn = inspection.endsOn
            selfReportDueOn = inspection.selfReportDueOn
            planSentOn = inspection.planSentOn
            planNote = inspection.planNote
            conclusionDocumentId = inspection.conclusionDocumentId
            concludedOn = inspection.concludedOn
            closedOn = inspection.closedOn
            currentStep = record.progress.current
            steps = InspectionStep.allCases.map { StepDTO(step: $0, done: record.progress.isDone($0)) }
            team = record.team.map { TeamMemberDTO(role: $0.role, name: $0.name, userId: $0.userId, memberId: $0.memberId) }
            units = record.units.map { unit in
                UnitDTO(organizationId: unit.organizationId, organizationName: record.unitNames[unit.organizationId] ?? "", selfReportOn: unit.selfReportOn,
                        selfReportDocumentId: unit.selfReportDocumentId, selfReportNote: unit.selfReportNote,
                        late: (unit.selfReportOn ?? today) > inspection.selfReportDueOn)
            }
            sessions = record.sessions.map {
                SessionDTO(id: $0.requireID(), organizationId: $0.organizationId, heldOn: $0.heldOn, minutesDocumentId: $0.minutesDocumentId, minutes: $0.minutes)
            }
            findings = record.findings.map { finding in
                FindingDTO(id: finding.requireID(), organizationId: finding.organizationId, organizationName: record.unitNames[finding.organizationId] ?? "",
                           kind: finding.kind, text: finding.text, commitmentId: finding.commitmentId, breakthroughId: finding.breakthroughId,
                           concerns: finding.concerns, criticisms: record.criticisms.filter { $0.findingId == finding.id }.map { criticism in
                               CriticismDTO(id: criticism.requireID(), target: criticism.target, organizationId: criticism.organizationId,
                                            memberId: criticism.memberId, name: record.criticised(criticism), text: criticism.text)
                           })
            }
            recommendations = record.recommendations.map { FollowUpAPI.TaskDTO($0, names: record.unitNames, today: today) }
        }
    }

    struct ReadDTO: Content {
        let userId: Int
        let username: String
        let organizationId: Int
        let page: String
        let readAt: Date
    }

    static func list(request: Request) async throws -> PageDTO<SummaryDTO> {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let page = try await InspectionQueries.list(of: unit, page: paging.page, perPage: paging.perPage, on: request.reads)
        let names = try await OrganizationQueries.names(Set(page.items.map(\.organizationId)), on: request.reads)
        return PageDTO(items: page.items.map { SummaryDTO($0, names: names) }, page: page.page, perPage: page.perPage, total: page.total)
    }

    static func create(request: Request) async throws -> Response {
        let inspection = try await InspectionActions.create(try request.content.decode(InspectionInput.self), request: request)
        return try await detail(inspection, on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func show(request: Request) async throws -> DetailDTO {
        try await detail(try await InspectionActions.require(try request.id(), request: request), on: request.reads)
    }

    /// The conclusion drafted from the record (numbered and dated as registered, once it is), in the Party's format.
    static func conclusionFile(request: Request) async throws -> Response {
        let inspection = try await InspectionActions.require(try request.id(), request: request)
        let detail = try await detail(inspection, on: request.reads)
        let committee = try await Organization.find(inspection.organizationId, on: request.reads)
        let parent = try await committee?.parentId.asyncMap { try await Organization.find($0, on: request.reads) } ?? nil
        let decision = try await Document.find(detail.decisionDocumentId, on: request.reads)?.symbol ?? "…"
        let conclusion = try await detail.conclusionDocumentId.asyncMap { try await Document.find($0, on: request.reads) } ?? nil
        let document = InspectionConclusionDraft.document(detail, superiorBody: (parent ?? committee)?.name.uppercased() ?? "", decision: decision,
                                                          conclusion: conclusion.map { ($0.symbol, $0.issuedOn) })
        let name = conclusion.map { $0.symbol.replacingOccurrences(of: "/", with: "-") } ?? "Ket-luan-\(detail.id)"
        return .download(try document.docx(format: .inForce(on: document.date)), named: "\(name).docx", mediaType: MediaType.docx)
    }

    static func reads(request: Request) async throws -> [ReadDTO] {
        let inspection = try await InspectionActions.require(try request.id(), request: request)
        guard try request.requireActor().can(.read, at: inspection.treePath) else { throw Abort(.forbidden) }
        return try await InspectionQueries.reads(of: inspection.requireID(), on: request.reads).map {
            ReadDTO(userId: $0.userId, username: $0.username, organizationId: $0.organizationId, page: $0.page, readAt: $0.readAt)
        }
    }

    static func plan(request: Request) async throws -> DetailDTO {
        let id = try request.id()
        return try await detail(try await InspectionActions.sendPlan(id, try request.content.decode(InspectionPlanInput.self), request: request), on: request.reads)
    }

    static func selfReport(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await InspectionActions.recordSelfReport(id, try request.content.decode(InspectionSelfReportInput.self), request: request)
        return try await created(id, request: request)
    }

    static func session(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await InspectionActions.recordSession(id, try request.content.decode(InspectionSessionInput.self), request: request)
        return try await created(id, request: request)
    }

    static func finding(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await InspectionActions.recordFinding(id, try request.content.decode(InspectionFindingInput.self), request: request)
        return try await created(id, request: request)
    }

    static func criticism(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await InspectionActions.recordCriticism(id, try request.content.decode(InspectionCriticismInput.self), request: request)
        return try await created(id, request: request)
    }

    static func conclusion(request: Request) async throws -> DetailDTO {
        let id = try request.id()
        return try await detail(try await InspectionActions.conclude(id, try request.content.decode(InspectionConclusionInput.self), request: request),
                                on: request.reads)
    }

    static func recommendation(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await InspectionActions.recommend(id, try request.content.decode(InspectionRecommendationInput.self).task, request: request)
        return try await created(id, request: request)
    }

    static func closure(request: Request) async throws -> DetailDTO {
        let id = try request.id()
        return try await detail(try await InspectionActions.close(id, try request.content.decode(InspectionClosureInput.self), request: request),
                                on: request.reads)
    }

    private static func created(_ id: Int, request: Request) async throws -> Response {
        try await detail(try await InspectionQueries.require(id, on: request.reads), on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func detail(_ inspection: Inspection, on db: any Database) async throws -> DetailDTO {
        DetailDTO(try await InspectionRecord.load(inspection, on: db), today: .today())
    }
}

extension InspectionRecord {
    /// Who a criticism is of, by name.
    func criticised(_ criticism: InspectionCriticism) -> String {
        criticism.memberId.flatMap { memberNames[$0] } ?? criticism.organizationId.flatMap { unitNames[$0] } ?? ""
    }
}

extension InspectionInput: Content {}
extension InspectionPlanInput: Content {}
extension InspectionSelfReportInput: Content {}
extension InspectionSessionInput: Content {}
extension InspectionFindingInput: Content {}
extension InspectionCriticismInput: Content {}
extension InspectionConclusionInput: Content {}
extension InspectionRecommendationInput: Content {}
extension InspectionClosureInput: Content {}
