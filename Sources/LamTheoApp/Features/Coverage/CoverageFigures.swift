import Fluent
import LamTheoCore
import SQLKit

/// One unit's figures for one campaign, counted where its members are now: members on the roll, members
/// who attended at least one of the campaign's sessions, reflections submitted and accepted, sessions the
/// unit held; each for the unit itself and (`subtree…`) for its whole subtree, kept by `CampaignFigures.rollup`.
/// Recounted from the raw rows for the few units each write touches, so that a coverage figure at any
/// level, the root of a national tree included, is one row.
final class CampaignFigures: Model, @unchecked Sendable {
    static let schema = "campaign_figures"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "campaign_id") var campaignId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "members") var members: Int
    @Field(key: "members_studied") var membersStudied: Int
    @Field(key: "reflections_submitted") var reflectionsSubmitted: Int
    @Field(key: "reflections_accepted") var reflectionsAccepted: Int
    @Field(key: "sessions_held") var sessionsHeld: Int
    @Field(key: "subtree_members") var subtreeMembers: Int
    @Field(key: "subtree_members_studied") var subtreeMembersStudied: Int
    @Field(key: "subtree_reflections_submitted") var subtreeReflectionsSubmitted: Int
    @Field(key: "subtree_reflections_accepted") var subtreeReflectionsAccepted: Int
    @Field(key: "subtree_sessions_held") var subtreeSessionsHeld: Int
    /// Units in the subtree that have reported anything (a session, an attendance, a reflection).
    @Field(key: "subtree_reporting_units") var subtreeReportingUnits: Int
    @Field(key: "subtree_member_units") var subtreeMemberUnits: Int

    init() {}
}

extension CampaignFigures {
    static let rollup = RollupTable(
        table: schema, key: "campaign_id",
        columns: ["members", "members_studied", "reflections_submitted", "reflections_accepted", "sessions_held"],
        counts: [
            .init(name: "reporting_units", own: """
                CASE WHEN campaign_figures.members_studied + campaign_figures.reflections_submitted + campaign_figures.sessions_held > 0 THEN 1 ELSE 0 END
                """),
            .init(name: "member_units", own: "CASE WHEN campaign_figures.members > 0 THEN 1 ELSE 0 END"),
        ])

    /// Gives every unit of a campaign's subtree (and its ancestors) a row with its members on the roll, then
    /// rolls figures and obligations up the whole subtree: at launch, in a few set-based statements per
    /// tree level whatever the tree's size.
    static func start(_ campaign: Campaign, on db: any Database) async throws {
        let scope = campaign.treePath
        let id = campaign.requireID()
        try await rollup.seed(key: id, units: "(\(column: "o.path", in: scope)) OR o.id IN (\(binds: scope.ids))",
                              on: db)
        let units = try await RollupUnits.subtree(scope, andChainsOf: [], on: db)
        try await rollup.refresh(units, keys: [id], on: db)
        try await ObligationTallies.refresh(units, campaigns: [id], on: db)
    }

    /// Recounts the figures of `organizationIds` for every active campaign that covers them (or only
    /// `campaignId`), and rolls them up to the root. Every write that changes who is on a roll, who studied,
    /// who reflected or where a member is calls it inside its transaction, for the units it touched: a cell
    /// costs a few small index reads and one UPDATE along its chain of ancestors (`RollupTable.propagate`).
    /// Each count starts from the unit's members (never from a campaign's rows, which SQLite would scan
    /// whole), and only for the campaigns covering the unit.
    static func recount(_ organizationIds: Set<Int>, campaign campaignId: Int? = nil, on db: any Database) async throws {
        for ids in organizationIds.sorted().chunked(into: 500) {
            try await recount(ids: Array(ids), campaign: campaignId, on: db)
        }
    }

    private static func recount(ids: [Int], campaign campaignId: Int?, on db: any Database) async throws {
        let campaignFilter: SQLQueryString = campaignId.map { "c.id = \(bind: $0)" } ?? "1 = 1"
        // The units' paths, and the active campaigns covering them.
        let rows = try await db.sql.raw("""
            SELECT o.path, c.id AS campaign
            FROM organizations o LEFT JOIN campaigns c ON o.path >= c.organization_path AND o.path < c.organization_path || '~'
              AND c.status = \(bind: CampaignStatus.active.rawValue) AND \(campaignFilter)
            WHERE o.id IN (\(binds: ids))
            """).all()
        let keys = Set(try rows.compactMap { try $0.decode(column: "campaign", as: Int?.self) }).sorted()
        guard !keys.isEmpty else { return }
        let units = RollupUnits.chains(of: try rows.compactMap { TreePath(rawValue: try $0.decode(column: "path", as: String.self)) })
        let before = try await rollup.prepare(units, keys: keys, on: db)
        let onRoll = MemberStatus.onRoll.map(\.rawValue)
        let after = try await db.sql.raw("""
            UPDATE campaign_figures SET
              members = (SELECT o.member_count FROM organizations o WHERE o.id = campaign_figures.organization_id),
              members_studied = (SELECT COUNT(*) FROM members m
                WHERE m.organization_id = campaign_figures.organization_id AND m.status IN (\(binds: onRoll))
                  AND EXISTS (SELECT 1 FROM study_attendance a JOIN study_sessions s ON s.id = a.session_id
                              WHERE a.member_id = m.id AND a.status = \(bind: AttendanceStatus.present.rawValue) AND s.campaign_id = campaign_figures.campaign_id)),
              reflections_submitted = (SELECT COUNT(*) FROM members m
                WHERE m.organization_id = campaign_figures.organization_id AND m.status IN (\(binds: onRoll))
                  AND EXISTS (SELECT 1 FROM reflections r WHERE r.member_id = m.id AND r.campaign_id = campaign_figures.campaign_id)),
              reflections_accepted = (SELECT COUNT(*) FROM members m
                WHERE m.organization_id = campaign_figures.organization_id AND m.status IN (\(binds: onRoll))
                  AND EXISTS (SELECT 1 FROM reflections r WHERE r.member_id = m.id AND r.campaign_id = campaign_figures.campaign_id
                              AND r.state = \(bind: ReflectionState.accepted.rawValue))),
              sessions_held = (SELECT COUNT(*) FROM study_sessions s
                WHERE s.campaign_id = campaign_figures.campaign_id AND s.organization_id = campaign_figures.organization_id)
            WHERE organization_id IN (\(binds: ids)) AND campaign_id IN (\(binds: keys))
              AND EXISTS (SELECT 1 FROM organizations o JOIN campaigns c ON c.id = campaign_figures.campaign_id
                          WHERE o.id = campaign_figures.organization_id AND o.path >= c.organization_path AND o.path < c.organization_path || '~')
            RETURNING \(rollup.ownColumns)
            """).all()
        try await rollup.propagate(from: before, to: try rollup.ownFigures(after), along: units, on: db)
    }
}
