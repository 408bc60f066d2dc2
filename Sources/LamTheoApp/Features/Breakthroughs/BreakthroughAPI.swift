import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/breakthroughs`: a subtree's breakthroughs and their roll-up, one breakthrough with its check-in
/// log, and the writes.
enum BreakthroughAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(BreakthroughRoute.list, use: list).requiring(.capability(.read))
        api.post(BreakthroughRoute.list, use: set).requiring(.capability(.edit))
        api.get(BreakthroughRoute.rollup, use: rollup).requiring(.capability(.read))
        api.get(BreakthroughRoute.show(.key), use: show).requiring(.capability(.read))
        api.patch(BreakthroughRoute.show(.key), use: update).requiring(.capability(.edit))
        api.post(BreakthroughRoute.checkIns(.key), bodyLimit: AttachmentType.uploadLimit, use: checkIn).requiring(.capability(.edit))
        api.get(BreakthroughRoute.evidence(.key, checkIn: .key), use: evidence).requiring(.capability(.read))
    }

    struct CheckInDTO: Content {
        let id: Int
        let checkedOn: CalendarDate
        let value: Double?
        let done: Bool
        let note: String?
        let evidence: String?
        /// The evidence file's name; download it from `…/check-ins/{id}/evidence`.
        let evidenceFileName: String?

        init(_ checkIn: BreakthroughCheckIn) {
            id = checkIn.id!
            checkedOn = checkIn.checkedOn
            value = checkIn.value
            done = checkIn.done
            note = checkIn.note
            evidence = checkIn.evidence
            evidenceFileName = checkIn.evidenceName
        }
    }

    struct BreakthroughDTO: Content {
        let id: Int
        let organizationId: Int
        let organizationName: String
        let periodId: Int
        let campaignId: Int?
        let content: String
        let targetKind: BreakthroughTargetKind
        let baselineValue: Double?
        let targetValue: Double?
        let measureUnit: String?
        let deliverable: String?
        let ownerMemberId: Int?
        let ownerRole: String?
        let startsOn: CalendarDate
        let endsOn: CalendarDate
        let latestValue: Double?
        /// nil: no check-in yet ("chưa báo cáo").
        let progressPercent: Double?
        let lastCheckInOn: CalendarDate?
        let status: BreakthroughStatus
        let checkIns: [CheckInDTO]?

        init(_ row: BreakthroughRow, today: CalendarDate, checkIns: [BreakthroughCheckIn]? = nil) {
            let breakthrough = row.breakthrough
            id = breakthrough.requireID()
            organizationId = breakthrough.organizationId
            organizationName = row.unitName
            periodId = breakthrough.periodId
            campaignId = breakthrough.campaignId
            content = breakthrough.content
            targetKind = breakthrough.targetKind
            baselineValue = breakthrough.baselineValue
            targetValue = breakthrough.targetValue
            measureUnit = breakthrough.measureUnit
            deliverable = breakthrough.deliverable
            ownerMemberId = breakthrough.ownerMemberId
            ownerRole = breakthrough.ownerRole
            startsOn = breakthrough.startsOn
            endsOn = breakthrough.endsOn
            latestValue = breakthrough.latestValue
            progressPercent = breakthrough.progressPercent
            lastCheckInOn = breakthrough.lastCheckInOn
            status = breakthrough.status(today: today)
            self.checkIns = checkIns?.map(CheckInDTO.init)
        }
    }

    struct TallyDTO: Content {
        let counts: [String: Int]
        let units: Int
        let reportingUnits: Int
        let done: CoverageAPI.FigureDTO

        init(_ tally: BreakthroughTally, language: UILanguage) {
            counts = Dictionary(uniqueKeysWithValues: BreakthroughStatus.allCases.map { ($0.rawValue, tally[$0]) })
            units = tally.units
            reportingUnits = tally.reportingUnits
            done = CoverageAPI.FigureDTO(tally.done, language: language)
        }
    }

    struct ChildDTO: Content {
        let organizationId: Int
        let name: String
        let tally: TallyDTO
    }

    struct RollupDTO: Content {
        let organizationId: Int
        let organizationName: String
        let periodId: Int?
        let subtree: TallyDTO
        let children: [ChildDTO]
    }

    static func list(request: Request) async throws -> PageDTO<BreakthroughDTO> {
        let paging = try Paging(request)
        let status = try statusFilter(request)
        let unit = try await request.readableUnit()
        let today = CalendarDate.today()
        let period = try await BreakthroughQueries.period(try request.queryInteger("period"), today: today, on: request.reads)
        let page = try await BreakthroughQueries.list(within: unit, period: period, status: status, today: today,
                                                      page: paging.page, perPage: paging.perPage, on: request.reads)
        return PageDTO(items: page.items.map { BreakthroughDTO($0, today: today) }, page: page.page, perPage: page.perPage, total: page.total)
    }

    static func rollup(request: Request) async throws -> RollupDTO {
        let unit = try await request.readableUnit()
        let today = CalendarDate.today()
        let period = try await BreakthroughQueries.period(try request.queryInteger("period"), today: today, on: request.reads)
        let (subtree, children) = try await BreakthroughQueries.rollup(of: unit, period: period, today: today, on: request.reads)
        return RollupDTO(organizationId: unit.requireID(), organizationName: unit.name, periodId: period?.id,
                         subtree: TallyDTO(subtree, language: request.language),
                         children: children.map { ChildDTO(organizationId: $0.organization.id, name: $0.organization.name,
                                                           tally: TallyDTO($0.tally, language: request.language)) })
    }

    static func set(request: Request) async throws -> Response {
        let breakthrough = try await BreakthroughActions.set(try request.content.decode(BreakthroughInput.self), request: request)
        return try await detail(breakthrough, on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func show(request: Request) async throws -> BreakthroughDTO {
        try await detail(try await BreakthroughActions.require(try request.id(), request: request), on: request.reads)
    }

    static func update(request: Request) async throws -> BreakthroughDTO {
        let breakthrough = try await BreakthroughActions.update(try request.id(), try request.content.decode(BreakthroughInput.self), request: request)
        return try await detail(breakthrough, on: request.reads)
    }

    static func checkIn(request: Request) async throws -> Response {
        let breakthrough = try await BreakthroughActions.checkIn(try request.id(), try request.content.decode(CheckInInput.self), request: request)
        return try await detail(breakthrough, on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func evidence(request: Request) async throws -> Response {
        try await BreakthroughActions.evidence(of: request.id("checkInId"), breakthrough: request.id(), request: request)
    }

    static func detail(_ breakthrough: Breakthrough, on db: any Database) async throws -> BreakthroughDTO {
        let names = try await OrganizationQueries.names([breakthrough.organizationId], on: db)
        return BreakthroughDTO(BreakthroughRow(breakthrough: breakthrough, unitName: names[breakthrough.organizationId] ?? ""),
                               today: CalendarDate.today(), checkIns: try await BreakthroughQueries.checkIns(of: breakthrough, on: db))
    }

    static func statusFilter(_ request: Request) throws -> BreakthroughStatus? {
        try request.queryChoice(BreakthroughStatus.self, at: "status")
    }
}

extension BreakthroughInput: Content {}
extension CheckInInput: Content {}
