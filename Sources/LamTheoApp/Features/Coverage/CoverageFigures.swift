import Fluent
import LamTheoCore
import SQLKit

/// One unit's own figures for one campaign, counted where its members are now: members who attended at
/// least one of the campaign's sessions, reflections submitted and accepted, sessions the unit held.
/// Stored so that a subtree's figures are sums over a path range (national scale: ~200,000 units, not
/// 5.6 million members), and recounted from the raw rows for the few units each write touches.
final class CampaignFigures: Model, @unchecked Sendable {
    static let schema = "campaign_figures"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "campaign_id") var campaignId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "members_studied") var membersStudied: Int
    @Field(key: "reflections_submitted") var reflectionsSubmitted: Int
    @Field(key: "reflections_accepted") var reflectionsAccepted: Int
    @Field(key: "sessions_held") var sessionsHeld: Int

    init() {}
}

struct CreateCampaignFigures: AsyncMigration {
    var name: String { "012_CreateCampaignFigures" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CampaignFigures.schema)
            .field("id", .int, .identifier(auto: true))
            .field("campaign_id", .int, .required, .references(Campaign.schema, "id"))
            .field("organization_id", .int, .required, .references(Organization.schema, "id"))
            .field("organization_path", database.binaryText, .required)
            .field("members_studied", .int, .required)
            .field("reflections_submitted", .int, .required)
            .field("reflections_accepted", .int, .required)
            .field("sessions_held", .int, .required)
            .unique(on: "campaign_id", "organization_id")
            .create()
        // Subtree totals are sums over this index alone (it covers every figure).
        try await database.createIndex("campaign_figures_rollup", on: CampaignFigures.schema,
                                       columns: ["campaign_id", "organization_path", "members_studied", "reflections_submitted",
                                                 "reflections_accepted", "sessions_held"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CampaignFigures.schema).delete()
    }
}

extension CampaignFigures {
    /// Recounts the figures of `organizationIds` for every active campaign that covers them (or only
    /// `campaignId`). Every write that changes who studied, who reflected or where a member is calls it
    /// inside its transaction, for the units it touched: a cell costs a few small index reads. Each count
    /// starts from the unit's members (never from a campaign's rows, which SQLite would scan whole).
    ///
    /// On PostgreSQL two transactions may recount the same unit at once; each locks the unit's rows first
    /// and counts in a later statement, whose snapshot then includes whatever the other committed.
    static func recount(_ organizationIds: Set<Int>, campaign campaignId: Int? = nil, on db: any Database) async throws {
        for ids in organizationIds.sorted().chunked(into: 500) {
            try await recount(ids: Array(ids), campaign: campaignId, on: db)
        }
    }

    /// Recounts every unit holding members in `subtree`: after a move brought it into (or out of) a campaign.
    static func recount(subtree: TreePath, on db: any Database) async throws {
        let rows = try await db.sql.raw("""
            SELECT id FROM organizations WHERE path >= \(bind: subtree.rawValue) AND path < \(bind: subtree.upperBound) AND member_count > 0
            """).all()
        try await recount(Set(try rows.map { try $0.decode(column: "id", as: Int.self) }), on: db)
    }

    private static func recount(ids: [Int], campaign campaignId: Int?, on db: any Database) async throws {
        let campaignFilter: SQLQueryString = campaignId.map { "c.id = \(bind: $0)" } ?? "1 = 1"
        try await db.sql.raw("""
            INSERT INTO campaign_figures (campaign_id, organization_id, organization_path, members_studied, reflections_submitted, reflections_accepted, sessions_held)
            SELECT c.id, o.id, o.path, 0, 0, 0, 0
            FROM organizations o JOIN campaigns c ON o.path >= c.organization_path AND o.path < c.organization_path || '~'
            WHERE o.id IN (\(binds: ids)) AND c.status = 'active' AND \(campaignFilter)
            ON CONFLICT (campaign_id, organization_id) DO NOTHING
            """).run()
        let rows: SQLQueryString = """
            campaign_figures.organization_id IN (\(binds: ids))
            AND campaign_figures.campaign_id IN (SELECT c.id FROM campaigns c WHERE c.status = 'active' AND \(campaignFilter))
            """
        if db.isPostgres {
            try await db.sql.raw("SELECT id FROM campaign_figures WHERE \(rows) ORDER BY id FOR UPDATE").run()
        }
        let onRoll = MemberStatus.onRoll.map(\.rawValue)
        try await db.sql.raw("""
            UPDATE campaign_figures SET
              organization_path = (SELECT o.path FROM organizations o WHERE o.id = campaign_figures.organization_id),
              members_studied = (SELECT COUNT(*) FROM members m
                WHERE m.organization_id = campaign_figures.organization_id AND m.status IN (\(binds: onRoll))
                  AND EXISTS (SELECT 1 FROM study_attendance a JOIN study_sessions s ON s.id = a.session_id
                              WHERE a.member_id = m.id AND a.status = 'present' AND s.campaign_id = campaign_figures.campaign_id)),
              reflections_submitted = (SELECT COUNT(*) FROM members m
                WHERE m.organization_id = campaign_figures.organization_id AND m.status IN (\(binds: onRoll))
                  AND EXISTS (SELECT 1 FROM reflections r WHERE r.member_id = m.id AND r.campaign_id = campaign_figures.campaign_id)),
              reflections_accepted = (SELECT COUNT(*) FROM members m
                WHERE m.organization_id = campaign_figures.organization_id AND m.status IN (\(binds: onRoll))
                  AND EXISTS (SELECT 1 FROM reflections r WHERE r.member_id = m.id AND r.campaign_id = campaign_figures.campaign_id
                              AND r.state = 'accepted')),
              sessions_held = (SELECT COUNT(*) FROM study_sessions s
                WHERE s.campaign_id = campaign_figures.campaign_id AND s.organization_id = campaign_figures.organization_id)
            WHERE \(rows)
            """).run()
    }
}
