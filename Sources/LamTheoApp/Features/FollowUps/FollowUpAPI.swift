import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/follow-ups`: a unit's follow-up tasks (its own or its subtree's, overdue first), their figures
/// by origin, one task with its log, and the owner's and issuer's writes.
enum FollowUpAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(FollowUpRoute.list, use: list).requiring(.capability(.read))
        api.get(FollowUpRoute.figures, use: figures).requiring(.capability(.read))
        api.get(FollowUpRoute.show(.key), use: show).requiring(.capability(.read))
        api.post(FollowUpRoute.reports(.key), use: report).requiring(.capability(.edit))
        api.post(FollowUpRoute.review(.key), use: review).requiring(.capability(.edit))
        api.post(FollowUpRoute.extension(.key), use: extend).requiring(.capability(.edit))
        api.post(FollowUpRoute.cancellation(.key), use: cancel).requiring(.capability(.edit))
    }

    /// Whose tasks a list shows.
    enum Scope: String, CaseIterable, Codable, Sendable {
        case own
        case subtree
    }

    struct EventDTO: Content {
        let action: FollowUpAction
        let onDate: CalendarDate
        let actor: String?
        let note: String?
        let documentId: Int?
        let until: CalendarDate?

        init(_ event: FollowUpEvent) {
            action = event.action
            onDate = event.onDate
            actor = event.actor
            note = event.note
            documentId = event.documentId
            until = event.until
        }
    }

    struct TaskDTO: Content {
        let id: Int
        let originKind: String
        let originId: Int
        let origin: String
        let issuerOrganizationId: Int
        let issuerName: String
        let organizationId: Int
        let organizationName: String
        let title: String
        let responsible: String
        let requiredEvidence: String?
        let dueOn: CalendarDate
        let extendedUntil: CalendarDate?
        let state: FollowUpState
        let status: FollowUpStatus
        let reportCount: Int
        let events: [EventDTO]?

        init(_ task: FollowUpTask, names: [Int: String], today: CalendarDate, events: [FollowUpEvent]? = nil) {
            id = task.requireID()
            originKind = task.originKind
            originId = task.originId
            origin = task.originLabel
            issuerOrganizationId = task.issuerOrganizationId
            issuerName = names[task.issuerOrganizationId] ?? ""
            organizationId = task.organizationId
            organizationName = names[task.organizationId] ?? ""
            title = task.title
            responsible = task.responsible
            requiredEvidence = task.requiredEvidence
            dueOn = task.dueOn
            extendedUntil = task.extendedUntil
            state = task.state
            status = task.status(today: today)
            reportCount = task.reportCount
            self.events = events?.map(EventDTO.init)
        }
    }

    struct TallyDTO: Content {
        /// Every status, 0 included: a unit with no task at all has `total` 0, never a share.
        let counts: [String: Int]
        let total: Int
        let pending: Int

        init(_ tally: FollowUpTally) {
            counts = Dictionary(uniqueKeysWithValues: FollowUpStatus.allCases.map { ($0.rawValue, tally[$0]) })
            total = tally.total
            pending = tally.pending
        }
    }

    struct FiguresDTO: Content {
        let organizationId: Int
        let organizationName: String
        /// By origin kind, and `all`.
        let own: [String: TallyDTO]
        let subtree: [String: TallyDTO]
    }

    static func list(request: Request) async throws -> PageDTO<TaskDTO> {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let filter = try FollowUpFilter(request)
        let today = CalendarDate.today()
        let page = try await FollowUpQueries.tasks(of: unit, filter, today: today, page: paging.page, perPage: paging.perPage, on: request.reads)
        let names = try await FollowUpQueries.unitNames(of: page.items, on: request.reads)
        return PageDTO(items: page.items.map { TaskDTO($0, names: names, today: today) }, page: page.page, perPage: page.perPage, total: page.total)
    }

    static func figures(request: Request) async throws -> FiguresDTO {
        let unit = try await request.readableUnit()
        let figures = try await FollowUpQueries.figures(of: unit, today: .today(), on: request.reads)
        func byOrigin(_ tallies: [String: FollowUpTally]) -> [String: TallyDTO] {
            tallies.mapValues(TallyDTO.init).merging(["all": TallyDTO(FollowUpFigures.total(tallies))]) { first, _ in first }
        }
        return FiguresDTO(organizationId: unit.requireID(), organizationName: unit.name, own: byOrigin(figures.own), subtree: byOrigin(figures.subtree))
    }

    static func show(request: Request) async throws -> TaskDTO {
        try await detail(try await FollowUpActions.require(try request.id(), request: request), on: request.reads)
    }

    static func report(request: Request) async throws -> Response {
        let task = try await FollowUpActions.report(try request.id(), try request.content.decode(FollowUpReportInput.self), request: request)
        return try await detail(task, on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func review(request: Request) async throws -> TaskDTO {
        try await detail(try await FollowUpActions.review(try request.id(), try request.content.decode(FollowUpReviewInput.self), request: request),
                         on: request.reads)
    }

    static func extend(request: Request) async throws -> TaskDTO {
        try await detail(try await FollowUpActions.extend(try request.id(), try request.content.decode(FollowUpExtensionInput.self), request: request),
                         on: request.reads)
    }

    static func cancel(request: Request) async throws -> TaskDTO {
        try await detail(try await FollowUpActions.cancel(try request.id(), try request.content.decode(FollowUpCancellationInput.self), request: request),
                         on: request.reads)
    }

    static func detail(_ task: FollowUpTask, on db: any Database) async throws -> TaskDTO {
        TaskDTO(task, names: try await FollowUpQueries.unitNames(of: [task], on: db), today: .today(),
                events: try await FollowUpQueries.events(of: task.requireID(), on: db))
    }
}

extension FollowUpReportInput: Content {}
extension FollowUpReviewInput: Content {}
extension FollowUpExtensionInput: Content {}
extension FollowUpCancellationInput: Content {}

extension FollowUpFilter {
    /// The filter a list's query asks for — `scope`, `status`, `origin`, `issuer` —, the same on the pages and the API.
    init(_ request: Request) throws {
        self.init(extent: try request.queryChoice(FollowUpAPI.Scope.self, at: "scope") == .own ? .own : .subtree,
                  status: try request.queryChoice(FollowUpStatus.self, at: "status"),
                  origin: try request.queryText("origin").flatMap { $0.isEmpty ? nil : $0 },
                  issuerId: try request.queryInteger("issuer"))
    }
}
