import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/rating-periods`, `/api/v1/ratings` and `/api/v1/rating-rules`.
enum RatingAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(RatingRoute.periods, use: listPeriods).requiring(.signedIn)
        api.post(RatingRoute.periods, use: createPeriod).requiring(.administrator)
        api.put(RatingRoute.period(.key), use: updatePeriod).requiring(.administrator)
        api.get(RatingRoute.figures(period: .key), use: figures).requiring(.capability(.read))
        api.post(RatingRoute.closures(period: .key), use: close).requiring(.capability(.edit))
        api.post(RatingRoute.reopen(closure: .key), use: reopen).requiring(.capability(.edit))
        api.get(RatingRoute.ratings, use: sheet).requiring(.capability(.read))
        api.get(RatingRoute.mine, use: mine).requiring(.selfService)
        api.get(RatingRoute.evidence, use: evidence).requiring(.signedIn)
        api.post(RatingRoute.steps, use: record).requiring(.signedIn)
        api.get(RatingRoute.rules, use: listRules).requiring(.signedIn)
        api.put(RatingRoute.rule(.key), use: updateRule).requiring(.administrator)
    }

    struct PeriodDTO: Content {
        let id: Int
        let kind: RatingPeriodKind
        let title: String
        let startsOn: CalendarDate
        let endsOn: CalendarDate

        init(_ period: RatingPeriod) {
            id = period.requireID()
            kind = period.kind
            title = period.title
            startsOn = period.startsOn
            endsOn = period.endsOn
        }
    }

    struct StepDTO: Content {
        let id: Int
        let kind: RatingStepKind
        let score: Int
        let level: RatingLevel
        let explanation: String?
        let disciplined: Bool
        let tasks: TaskCompletion?
        let username: String
        let recordedAt: Date?

        init(_ step: RatingStep) {
            id = step.requireID()
            kind = step.kind
            score = step.score
            level = step.level
            explanation = step.explanation
            disciplined = step.disciplined
            tasks = step.tasks
            username = step.username
            recordedAt = step.recordedAt
        }
    }

    struct SheetRowDTO: Content {
        let memberId: Int
        let fullName: String
        let organizationId: Int
        /// `recently_admitted` or `exempt`: "không đánh giá".
        let notRated: NotRatedReason?
        let decidedLevel: RatingLevel?
        let steps: [StepDTO]
    }

    struct TallyDTO: Content {
        let tally: RatingTally
        /// "chưa báo cáo" / "not reported" while nothing has been decided.
        let text: String

        init(_ tally: RatingTally, language: UILanguage) {
            self.tally = tally
            text = tally.decided == 0 ? CoverageFigure.notReported(language) : tally.figure(.excellent).text(language)
        }
    }

    struct ClosureDTO: Content {
        let id: Int
        let periodId: Int
        let organizationId: Int
        let closedOn: CalendarDate
        let reopenedOn: CalendarDate?
        let reopenReason: String?
        let snapshot: RatingTally?
    }

    struct FiguresDTO: Content {
        let periodId: Int
        let organizationId: Int
        let organizationName: String
        let subtree: TallyDTO
        let children: [ChildDTO]
        let closures: [ClosureDTO]
        let quota: ExcellentQuota?

        struct ChildDTO: Content {
            let organizationId: Int
            let name: String
            let figures: TallyDTO
        }
    }

    struct RuleDTO: Content {
        let id: Int
        let kind: RatingRuleKind
        let parameter: Double?
        let textVi: String
        let textEn: String
        let active: Bool

        init(_ record: RatingRuleRecord) {
            id = record.requireID()
            kind = record.kind
            parameter = record.parameter
            textVi = record.textVi
            textEn = record.textEn
            active = record.active
        }
    }

    struct MineDTO: Content {
        let period: PeriodDTO
        let decidedLevel: RatingLevel?
        let steps: [StepDTO]
    }

    static func listPeriods(request: Request) async throws -> [PeriodDTO] {
        try await RatingQueries.periods(on: request.reads).map(PeriodDTO.init)
    }

    static func createPeriod(request: Request) async throws -> Response {
        let period = try await RatingActions.createPeriod(try request.content.decode(RatingPeriodInput.self), request: request)
        return try await PeriodDTO(period).encodeResponse(status: .created, for: request)
    }

    static func updatePeriod(request: Request) async throws -> PeriodDTO {
        PeriodDTO(try await RatingActions.updatePeriod(try request.id(), try request.content.decode(RatingPeriodInput.self), request: request))
    }

    static func figures(request: Request) async throws -> FiguresDTO {
        let period = try await RatingQueries.requirePeriod(try request.id(), on: request.reads)
        let unit = try await request.readableUnit()
        let db = request.reads
        let children = try await RatingQueries.children(of: unit, period: period, on: db)
        var closures: [ClosureDTO] = []
        for closure in try await RatingQueries.closures(of: period, around: unit, on: db) {
            closures.append(try await closureDTO(closure, on: db))
        }
        return FiguresDTO(
            periodId: period.requireID(), organizationId: unit.requireID(), organizationName: unit.name,
            subtree: TallyDTO(try await RatingQueries.tally(period: period, at: unit, on: db), language: request.language),
            children: children.map { .init(organizationId: $0.unit.id, name: $0.unit.name, figures: TallyDTO($0.tally, language: request.language)) },
            closures: closures, quota: try await RatingQueries.quota(deciding: unit, period: period, on: db))
    }

    static func close(request: Request) async throws -> Response {
        let closure = try await RatingActions.close(try request.id(), try request.content.decode(RatingClosureInput.self), request: request)
        return try await closureDTO(closure, on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func reopen(request: Request) async throws -> ClosureDTO {
        try await closureDTO(try await RatingActions.reopen(try request.id(), try request.content.decode(RatingReopenInput.self), request: request), on: request.reads)
    }

    static func sheet(request: Request) async throws -> PageDTO<SheetRowDTO> {
        guard let periodId = try request.queryInteger("period") else {
            throw DomainError.invalid(field: "period", LocalizedText(vi: "Chọn kỳ đánh giá", en: "Choose the period"))
        }
        let period = try await RatingQueries.requirePeriod(periodId, on: request.reads)
        let unit = try await request.readableUnit()
        let paging = try Paging(request)
        let page = try await RatingQueries.sheet(period: period, unit: unit, page: paging.page, perPage: paging.perPage, on: request.reads)
        return PageDTO(items: page.items.map { row in
            SheetRowDTO(memberId: row.member.requireID(), fullName: row.member.fullName, organizationId: row.member.organizationId, notRated: row.notRated,
                        decidedLevel: row.rating?.decidedLevel, steps: RatingStepKind.allCases.compactMap { row.steps[$0] }.map(StepDTO.init))
        }, page: page.page, perPage: page.perPage, total: page.total)
    }

    static func mine(request: Request) async throws -> [MineDTO] {
        let member = try await request.ownMember()
        return try await RatingQueries.ofMember(member, on: request.reads).map { entry in
            MineDTO(period: PeriodDTO(entry.period), decidedLevel: entry.rating?.decidedLevel,
                    steps: RatingStepKind.allCases.compactMap { entry.steps[$0] }.map(StepDTO.init))
        }
    }

    static func evidence(request: Request) async throws -> [EvidenceSection] {
        guard let periodId = try request.queryInteger("period"), let memberId = try request.queryInteger("member") else {
            throw DomainError.invalid(field: "period", LocalizedText(vi: "Cần period và member", en: "period and member are required"))
        }
        let member = try await requireReadableMember(memberId, request: request)
        return try await RatingEvidence.of(member, in: try await RatingQueries.requirePeriod(periodId, on: request.reads), on: request.reads)
    }

    static func record(request: Request) async throws -> Response {
        let step = try await RatingActions.record(try request.content.decode(RatingStepInput.self), request: request)
        return try await StepDTO(step).encodeResponse(status: .created, for: request)
    }

    static func listRules(request: Request) async throws -> [RuleDTO] {
        try await RatingQueries.ruleRecords(on: request.reads).map(RuleDTO.init)
    }

    static func updateRule(request: Request) async throws -> RuleDTO {
        RuleDTO(try await RatingActions.updateRule(try request.id(), try request.content.decode(RatingRuleInput.self), request: request))
    }

    /// The member, when it is the caller themself or within the caller's scope.
    static func requireReadableMember(_ id: Int, request: Request) async throws -> Member {
        let member = try await MemberQueries.require(id, on: request.reads)
        if try request.requireActor().memberId != id {
            try request.require(.read, at: TreePath(rawValue: member.organizationPath)!)
        }
        return member
    }

    static func closureDTO(_ closure: PeriodClosure, on db: any Database) async throws -> ClosureDTO {
        ClosureDTO(id: closure.requireID(), periodId: closure.periodId, organizationId: closure.organizationId, closedOn: closure.closedOn,
                   reopenedOn: closure.reopenedOn, reopenReason: closure.reopenReason, snapshot: try await RatingQueries.snapshot(of: closure, on: db)?.tally)
    }
}

extension RatingPeriodInput: Content {}
extension RatingStepInput: Content {}
extension RatingRuleInput: Content {}
extension RatingClosureInput: Content {}
extension RatingReopenInput: Content {}
