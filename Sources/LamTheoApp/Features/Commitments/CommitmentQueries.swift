import Fluent
import LamTheoCore
import SQLKit

/// How far a year's commitments have got in one place: the unit's own figures or its subtree's.
struct CommitmentCoverage: Sendable {
    let members: Int
    /// Members with at least one commitment, out of the members on the roll.
    let registered: CoverageFigure
    let commitments: Int
    /// Commitments the cell assessed as achieved, out of all commitments (the completion rate).
    let achieved: CoverageFigure
    let notAchieved: Int
    /// Registered members whose every commitment the cell assessed, out of the registered members.
    let assessed: CoverageFigure
    let reportingUnits: Int
    let unitsWithMembers: Int

    static let empty = CommitmentCoverage(members: 0, registered: CoverageFigure(count: nil, total: 0), commitments: 0,
                                          achieved: CoverageFigure(count: nil, total: 0), notAchieved: 0,
                                          assessed: CoverageFigure(count: nil, total: 0), reportingUnits: 0, unitsWithMembers: 0)
}

struct ChildCommitmentCoverage: Sendable {
    let organization: UnitLink
    let coverage: CommitmentCoverage
}

/// A commitment with its member, for lists.
struct CommitmentRow: Sendable {
    let commitment: Commitment
    let member: Member
    /// The member's open leader position, if they hold one (trách nhiệm nêu gương).
    let leaderTitle: String?
}

/// The rows behind a figure: a click on a figure lists them.
enum CommitmentList: String, Sendable, CaseIterable, Codable {
    case registered
    case notRegistered = "not-registered"
    case achieved
    case notAchieved = "not-achieved"
    case unassessed

    var label: LocalizedText {
        switch self {
        case .registered: return LocalizedText(vi: "Các cam kết đã đăng ký", en: "Commitments registered")
        case .notRegistered: return LocalizedText(vi: "Đảng viên chưa đăng ký", en: "Members not registered")
        case .achieved: return LocalizedText(vi: "Cam kết được đánh giá đạt", en: "Commitments assessed achieved")
        case .notAchieved: return LocalizedText(vi: "Cam kết được đánh giá không đạt", en: "Commitments assessed not achieved")
        case .unassessed: return LocalizedText(vi: "Cam kết chưa được chi bộ đánh giá", en: "Commitments the cell has not assessed")
        }
    }

    /// The condition on a commitment row `c`; `notRegistered` lists members instead.
    var condition: SQLQueryString {
        switch self {
        case .registered, .notRegistered: return "1 = 1"
        case .achieved: return "c.cell_result = \(bind: CommitmentResult.achieved.rawValue)"
        case .notAchieved: return "c.cell_result = \(bind: CommitmentResult.notAchieved.rawValue)"
        case .unassessed: return "c.cell_result IS NULL"
        }
    }
}

/// The reads of the commitments feature. A unit's figures, own or its subtree's, are one `commitment_figures` row.
enum CommitmentQueries {
    static func coverage(year: Int, at unit: Organization, _ extent: RollupExtent, on db: any Database) async throws -> CommitmentCoverage {
        try await coverage(year: year, units: "c.id = \(bind: unit.requireID())", extent, on: db)[unit.requireID()] ?? .empty
    }

    /// Every active child of `unit` with its subtree's figures, furthest behind in registering first (a child
    /// that reported nothing before any that did), then by completion. Two grouped queries whatever the
    /// number of children.
    static func children(of unit: Organization, year: Int, on db: any Database) async throws -> [ChildCommitmentCoverage] {
        let byUnit = try await coverage(year: year, units: "c.parent_id = \(bind: unit.requireID()) AND c.status = \(bind: OrganizationStatus.active.rawValue)", .subtree, on: db)
        let children = try await OrganizationQueries.activeChildLinks(of: unit.requireID(), on: db)
            .map { ChildCommitmentCoverage(organization: $0, coverage: byUnit[$0.id] ?? .empty) }
        let key = { (coverage: CommitmentCoverage) in [coverage.registered.ratio ?? -1, coverage.achieved.ratio ?? -1] }
        return children.enumerated().sorted { lhs, rhs in
            let (a, b) = (key(lhs.element.coverage), key(rhs.element.coverage))
            return a != b ? a.lexicographicallyPrecedes(b) : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// The figures of each unit `c` the predicate picks, from its `commitment_figures` row.
    static func coverage(year: Int, units: SQLQueryString, _ extent: RollupExtent,
                                 on db: any Database) async throws -> [Int: CommitmentCoverage] {
        try await CommitmentFigures.rollup.read(key: year, units: units, extent, on: db).mapValues { row in
            func value(_ column: String) throws -> Int { try row.decode(column: column, as: Int.self) }
            let reporting = try value("reporting_units")
            let reported = { (count: Int) in reporting == 0 ? nil : count }
            let (members, registered, commitments) = (try value("members"), try value("members_registered"), try value("commitments"))
            return CommitmentCoverage(
                members: members,
                registered: CoverageFigure(count: reported(registered), total: members),
                commitments: commitments,
                achieved: CoverageFigure(count: reported(try value("commitments_achieved")), total: commitments),
                notAchieved: try value("commitments_not_achieved"),
                assessed: CoverageFigure(count: reported(try value("members_assessed")), total: registered),
                reportingUnits: reporting, unitsWithMembers: try value("member_units"))
        }
    }

    /// One page of the commitments behind a figure in `unit`'s subtree, leaders' first, then in name order.
    ///
    /// The total is the subtree's stored figure, not a count of rows. SQLite, without statistics, puts the subtree's
    /// members outside the join (5.6 million at the national root, for however few commitments: 6.5 s with none);
    /// when the year's commitments in the whole tree are fewer than the subtree's members, they go outside instead.
    /// PostgreSQL's planner chooses from its statistics.
    static func commitments(_ list: CommitmentList, year: Int, within unit: Organization, page: Int, perPage: Int,
                            on db: any Database) async throws -> Page<CommitmentRow> {
        let figures = try await coverage(year: year, at: unit, .subtree, on: db)
        let achieved = figures.achieved.count ?? 0
        let total: Int
        switch list {
        case .registered, .notRegistered: total = figures.commitments
        case .achieved: total = achieved
        case .notAchieved: total = figures.notAchieved
        case .unassessed: total = figures.commitments - achieved - figures.notAchieved
        }
        guard total > 0 else { return Page(items: [], page: page, perPage: perPage, total: 0) }
        var join: SQLQueryString = "JOIN"
        if !db.isPostgres {
            let wholeTree = try await coverage(year: year, units: "c.parent_id IS NULL", .subtree, on: db).values.reduce(0) { $0 + $1.commitments }
            if wholeTree < figures.members { join = "CROSS JOIN" }
        }
        let filter: SQLQueryString = """
            FROM commitments c \(join) members m ON m.id = c.member_id
            WHERE c.year = \(bind: year) AND \(column: "m.organization_path", in: unit.treePath)
              AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue))) AND \(list.condition)
            """
        let ids = try await db.sql.raw("""
            SELECT c.id \(filter) ORDER BY m.name_sort, m.id, c.id LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        let items = try await rows(try await Commitment.query(on: db).filter(\.$id ~~ ids).all(), on: db)
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return Page(items: items.sorted { order[$0.commitment.requireID()]! < order[$1.commitment.requireID()]! }, page: page, perPage: perPage, total: total)
    }

    /// Members on the roll in `unit`'s subtree with no commitment for the year, in name order.
    ///
    /// Their number is the subtree's roll less its stored registered members (counting them took seconds at a province);
    /// when they are a large share of the whole roll, SQLite walks the members' name index instead of reading the subtree.
    static func unregistered(year: Int, within unit: Organization, page: Int, perPage: Int, on db: any Database) async throws -> Page<Member> {
        let members = try await OrganizationQueries.subtreeMemberCount(unit.treePath, on: db)
        let total = members - (try await coverage(year: year, at: unit, .subtree, on: db).registered.count ?? 0)
        guard total > 0 else { return Page(items: [], page: page, perPage: perPage, total: 0) }
        let walk = try await MemberQueries.walksNameIndex(matches: total, among: members, rows: page * perPage, on: db)
        let index: SQLQueryString = walk ? "INDEXED BY members_name_sort" : ""
        let ids = try await db.sql.raw("""
            SELECT m.id FROM members m \(index) WHERE \(column: "m.organization_path", in: unit.treePath)
              AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))
              AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.member_id = m.id AND c.year = \(bind: year))
            ORDER BY m.name_sort, m.id LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        return Page(items: try await Member.plainRows(ids, on: db), page: page, perPage: perPage, total: total)
    }

    /// Leaders' commitments for the year in `unit`'s subtree (trách nhiệm nêu gương), at most `limit`.
    static func leaders(year: Int, within unit: Organization, limit: Int = 50, on db: any Database) async throws -> [CommitmentRow] {
        let rows = try await db.sql.raw("""
            SELECT DISTINCT c.id AS id, p.title AS title FROM commitments c JOIN members m ON m.id = c.member_id
              JOIN member_positions p ON p.member_id = m.id AND p.ended_on IS NULL
            WHERE c.year = \(bind: year) AND \(column: "m.organization_path", in: unit.treePath)
              AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))
            ORDER BY c.id LIMIT 2000
            """).all()
        var ids: [Int] = []
        for row in rows where LeadershipTitle.marksLeader(try row.decode(column: "title", as: String.self)) {
            let id = try row.decode(column: "id", as: Int.self)
            if !ids.contains(id) { ids.append(id) }
            if ids.count == limit { break }
        }
        return try await self.rows(try await Commitment.query(on: db).filter(\.$id ~~ ids).sort(\.$id).all(), on: db)
    }

    /// A member's commitments (of one year, or all), newest year first.
    static func commitments(of memberId: Int, year: Int? = nil, on db: any Database) async throws -> [Commitment] {
        var query = Commitment.query(on: db).filter(\.$memberId == memberId)
        if let year { query = query.filter(\.$year == year) }
        return try await query.sort(\.$year, .descending).sort(\.$id).all()
    }

    /// The commitments of the members on the roll of one cell for a year, leaders first: what cell-mates see.
    static func cellCommitments(_ cell: Organization, year: Int, on db: any Database) async throws -> [CommitmentRow] {
        let members = try await Member.query(on: db).filter(\.$organizationId == cell.requireID())
            .filter(\.$status ~~ MemberStatus.onRoll).all().map { $0.requireID() }
        let commitments = try await Commitment.query(on: db).filter(\.$memberId ~~ members).filter(\.$year == year).sort(\.$id).all()
        return try await rows(commitments, on: db).sorted { lhs, rhs in
            lhs.leaderTitle != nil && rhs.leaderTitle == nil
                || (lhs.leaderTitle != nil) == (rhs.leaderTitle != nil) && lhs.member.nameSort < rhs.member.nameSort
        }
    }

    static func checkIns(of commitmentIds: [Int], on db: any Database) async throws -> [Int: [CommitmentCheckIn]] {
        Dictionary(grouping: try await CommitmentCheckIn.query(on: db).filter(\.$commitmentId ~~ commitmentIds).sort(\.$notedOn).sort(\.$id).all(),
                   by: \.commitmentId)
    }

    static func pledge(of memberId: Int, year: Int, on db: any Database) async throws -> CommitmentPledge? {
        try await CommitmentPledge.query(on: db).filter(\.$memberId == memberId).filter(\.$year == year).first()
    }

    static func reminders(of memberIds: [Int], year: Int? = nil, on db: any Database) async throws -> [CommitmentReminder] {
        var query = CommitmentReminder.query(on: db).filter(\.$memberId ~~ memberIds)
        if let year { query = query.filter(\.$year == year) }
        return try await query.sort(\.$id, .descending).all()
    }

    /// The topics of `year` (campaigns with `topicYear`) launched at or above the member's cell.
    static func topics(for member: Member, year: Int, on db: any Database) async throws -> [Campaign] {
        let lineage = TreePath(rawValue: member.organizationPath)!.lineage.map(\.rawValue)
        return try await Campaign.query(on: db).filter(\.$topicYear == year).filter(\.$organizationPath ~~ lineage).sort(\.$id).all()
    }

    static func templates(of campaignIds: [Int], on db: any Database) async throws -> [CommitmentTemplate] {
        try await CommitmentTemplate.query(on: db).filter(\.$campaignId ~~ campaignIds).sort(\.$id).all()
    }

    /// The open leader position of each of `memberIds` that holds one.
    static func leaderTitles(of memberIds: [Int], on db: any Database) async throws -> [Int: String] {
        let positions = try await MemberPosition.query(on: db).filter(\.$memberId ~~ memberIds).filter(\.$endedOn == nil).sort(\.$id).all()
        return Dictionary(positions.filter { LeadershipTitle.marksLeader($0.title) }.map { ($0.memberId, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    private static func rows(_ commitments: [Commitment], on db: any Database) async throws -> [CommitmentRow] {
        let memberIds = Array(Set(commitments.map(\.memberId)))
        let members = Dictionary(uniqueKeysWithValues: try await Member.plainRows(memberIds, on: db).map { ($0.requireID(), $0) })
        let leaders = try await leaderTitles(of: memberIds, on: db)
        return commitments.compactMap { commitment in
            members[commitment.memberId].map { CommitmentRow(commitment: commitment, member: $0, leaderTitle: leaders[commitment.memberId]) }
        }
    }
}
