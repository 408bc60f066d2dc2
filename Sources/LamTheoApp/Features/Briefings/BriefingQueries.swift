import Fluent
import LamTheoCore
import SQLKit

/// A briefing with everything its page and the API show: the committee, the invited units and who of them has
/// contributed, the contributions, the conclusions with the tasks they became, and — when it follows another of
/// its series — the previous briefing's tasks by status.
struct BriefingDetail: Sendable {
    struct Unit: Sendable {
        let id: Int
        let name: String
        let contributions: Int
    }

    struct Contribution: Sendable {
        let id: Int
        let unitId: Int
        let unitName: String
        let summary: String
        let fileName: String?
        let submittedOn: CalendarDate
        let late: Bool
        let presented: Bool
    }

    struct Task: Sendable {
        let id: Int
        let unitId: Int
        let unitName: String
        let title: String
        let responsible: String
        let requiredEvidence: String?
        let deadline: CalendarDate
        let status: FollowUpStatus
    }

    struct Conclusion: Sendable {
        let id: Int
        let number: Int
        let text: String
        let tasks: [Task]
    }

    struct Previous: Sendable {
        let id: Int
        let title: String
        let heldOn: CalendarDate
        let tally: FollowUpTally
        let tasks: [Task]
    }

    struct DocumentRef: Sendable {
        let id: Int
        let symbol: String
        let title: String
    }

    let briefing: Briefing
    let committeeName: String
    let campaignTitle: String?
    let leadReport: DocumentRef?
    let notice: DocumentRef?
    let units: [Unit]
    let contributions: [Contribution]
    let presented: PresentedContributions
    let conclusions: [Conclusion]
    let previous: Previous?
}

enum BriefingQueries {
    static func require(_ id: Int, on db: any Database) async throws -> Briefing {
        guard let briefing = try await Briefing.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy hội nghị giao ban số \(id)", en: "Briefing \(id) not found"))
        }
        return briefing
    }

    static func contribution(_ id: Int, of briefingId: Int, on db: any Database) async throws -> BriefingContribution {
        guard let contribution = try await BriefingContribution.query(on: db).filter(\.$id == id).filter(\.$briefingId == briefingId).first() else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tham luận số \(id)", en: "Contribution \(id) not found"))
        }
        return contribution
    }

    static func invitedUnits(of briefingId: Int, on db: any Database) async throws -> [BriefingUnit] {
        try await BriefingUnit.query(on: db).filter(\.$briefingId == briefingId).all()
    }

    /// A unit's briefings, latest first: those convened in its subtree and those it is invited to.
    static func briefings(of unit: Organization, page: Int, perPage: Int, on db: any Database) async throws -> Page<Briefing> {
        let condition: SQLQueryString = """
            (\(column: "organization_path", in: unit.treePath)) OR id IN (SELECT briefing_id FROM briefing_units WHERE organization_id = \(bind: unit.requireID()))
            """
        let total = try await db.sql.raw("SELECT COUNT(*) AS n FROM briefings WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let ids = try await db.sql.raw("""
            SELECT id FROM briefings WHERE \(condition) ORDER BY held_on DESC, id DESC LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        let rows = try await Briefing.query(on: db).filter(\.$id ~~ ids).all()
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return Page(items: rows.sorted { order[$0.id!]! < order[$1.id!]! }, page: page, perPage: perPage, total: total)
    }

    /// The briefing of the same committee and series held last before this one.
    static func previous(of briefing: Briefing, on db: any Database) async throws -> Briefing? {
        guard let series = briefing.series else { return nil }
        return try await Briefing.query(on: db).filter(\.$organizationId == briefing.organizationId).filter(\.$series == series)
            .filter(\.$heldOn < briefing.heldOn).sort(\.$heldOn, .descending).sort(\.$id, .descending).first()
    }

    /// The tasks a briefing's conclusions became, in conclusion order then by unit.
    static func tasks(of briefingId: Int, on db: any Database) async throws -> [FollowUpTask] {
        try await FollowUpTask.query(on: db).filter(\.$originKind == BriefingCommands.originKind).filter(\.$originId == briefingId)
            .sort(\.$id).all()
    }

    static func detail(_ briefing: Briefing, today: CalendarDate, on db: any Database) async throws -> BriefingDetail {
        let id = briefing.requireID()
        let invited = try await invitedUnits(of: id, on: db)
        let contributions = try await BriefingContribution.query(on: db).filter(\.$briefingId == id).sort(\.$id).all()
        let conclusions = try await BriefingConclusion.query(on: db).filter(\.$briefingId == id).sort(\.$number).all()
        let links = try await BriefingConclusionTask.query(on: db).filter(\.$conclusionId ~~ conclusions.compactMap(\.id)).all()
        let tasks = try await tasks(of: id, on: db)
        let previousBriefing = try await previous(of: briefing, on: db)
        let previousTasks = try await previousBriefing.asyncMap { try await Self.tasks(of: $0.requireID(), on: db) } ?? []
        let unitIds = Set([briefing.organizationId] + invited.map(\.organizationId) + contributions.map(\.organizationId)
                          + (tasks + previousTasks).map(\.organizationId))
        let names = try await OrganizationQueries.names(unitIds, on: db)
        let documentIds = [briefing.leadReportId, briefing.noticeDocumentId].compactMap { $0 }
        let documents = Dictionary(uniqueKeysWithValues: try await Document.query(on: db).filter(\.$id ~~ documentIds).all().map {
            ($0.requireID(), BriefingDetail.DocumentRef(id: $0.requireID(), symbol: $0.symbol, title: $0.title))
        })
        let campaign = try await briefing.campaignId.asyncMap { try await Campaign.find($0, on: db) } ?? nil
        func task(_ row: FollowUpTask) -> BriefingDetail.Task {
            BriefingDetail.Task(id: row.requireID(), unitId: row.organizationId, unitName: names[row.organizationId] ?? "", title: row.title,
                                responsible: row.responsible, requiredEvidence: row.requiredEvidence, deadline: row.deadline, status: row.status(today: today))
        }
        let tasksById = Dictionary(uniqueKeysWithValues: tasks.map { ($0.requireID(), $0) })
        let contributed = Dictionary(grouping: contributions, by: \.organizationId)
        return BriefingDetail(
            briefing: briefing, committeeName: names[briefing.organizationId] ?? "", campaignTitle: campaign?.title,
            leadReport: briefing.leadReportId.flatMap { documents[$0] }, notice: briefing.noticeDocumentId.flatMap { documents[$0] },
            units: invited.sorted { $0.organizationPath < $1.organizationPath }.map {
                BriefingDetail.Unit(id: $0.organizationId, name: names[$0.organizationId] ?? "", contributions: contributed[$0.organizationId]?.count ?? 0)
            },
            contributions: contributions.map {
                BriefingDetail.Contribution(id: $0.requireID(), unitId: $0.organizationId, unitName: names[$0.organizationId] ?? "", summary: $0.summary,
                                            fileName: $0.evidenceName, submittedOn: $0.submittedOn, late: $0.late, presented: $0.presented)
            },
            presented: PresentedContributions(presentingUnits: contributions.filter(\.presented).map(\.organizationId)),
            conclusions: conclusions.map { conclusion in
                BriefingDetail.Conclusion(id: conclusion.requireID(), number: conclusion.number, text: conclusion.text,
                                          tasks: links.filter { $0.conclusionId == conclusion.id }.compactMap { tasksById[$0.taskId] }
                                              .sorted { $0.organizationPath < $1.organizationPath }.map(task))
            },
            previous: previousBriefing.map { earlier in
                BriefingDetail.Previous(id: earlier.requireID(), title: earlier.title, heldOn: earlier.heldOn,
                                        tally: previousTasks.reduce(into: FollowUpTally()) { $0.add($1.status(today: today), 1) },
                                        tasks: previousTasks.sorted {
                                            (FollowUpStatus.urgencyOrder.firstIndex(of: $0.status(today: today)) ?? 0, $0.deadline)
                                                < (FollowUpStatus.urgencyOrder.firstIndex(of: $1.status(today: today)) ?? 0, $1.deadline)
                                        }.map(task))
            })
    }
}
