import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

@Suite("Campaign progress published to its followers")
struct CampaignProgressTests {
    @Test("Coverage counts a launch, an extension and an attendance inside the writer's transaction: seen there, undone with it",
          arguments: TestBackend.allCases)
    func countedInsideTheWrite(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let (tree, campaign) = (setup.tree, setup.campaign.requireID())
            let members = [try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1),
                           try await app.createMember("Trần Thị Bình", card: "2", in: tree.cellA1)]
            let session = try await app.cellSession(tree.cellA1, campaign: campaign)
            let plan = try #require(try await app.obligations(of: setup.campaign, at: tree.wardA).first).requireID()
            let launch: @Sendable (any Database) async throws -> Void = {
                _ = try await CampaignCommands.launch(CityCampaign.launchInput(document: setup.document, unit: tree.wardB), on: $0)
            }
            let extend: @Sendable (any Database) async throws -> Void = {
                _ = try await ObligationCommands.extend(plan, ObligationExtensionInput(until: "31/12/\(CityCampaign.year)", reason: "Chờ hướng dẫn"), on: $0)
            }
            let attend: @Sendable (any Database) async throws -> Void = {
                _ = try await StudyCommands.takeAttendance(of: session, AttendanceInput(entries: members.map { AttendanceEntry(memberId: $0, status: "present") }),
                                                           on: $0)
            }
            let tables = ["campaigns", "campaign_figures", "obligations", "study_attendance", "audit_events"]
            let rowsBefore = try await app.rowCounts(tables)
            let talliesBefore = try await tallies(campaign, on: app.db)

            // Inside each write's transaction, Coverage has already counted it: the launch's units have their
            // figures (the city, ward B, cell B1), the extension is in the tallies, the attendance in the figures.
            #expect(try await app.seenInside(launch) { try await CampaignFigures.query(on: $0).filter(\.$campaignId != campaign).count() } == 3)
            #expect(try await app.seenInside(extend) { try await tallies(campaign, on: $0) } != talliesBefore)
            #expect(try await app.seenInside(attend) { try await figures(campaign, tree.cellA1, on: $0)?.membersStudied } == 2)
            // Rolled back with the write.
            #expect(try await app.rowCounts(tables) == rowsBefore)
            #expect(try await tallies(campaign, on: app.db) == talliesBefore)
            #expect(try await figures(campaign, tree.cellA1, on: app.db)?.membersStudied == 0)

            // Committed with it.
            for write in [launch, extend, attend] {
                try await app.write(write)
            }
            #expect(try await app.rowCount("campaigns") == 2)
            #expect(try await tallies(campaign, on: app.db) != talliesBefore)
            #expect(try await figures(campaign, tree.cellA1, on: app.db)?.membersStudied == 2)
            #expect(try await figures(campaign, tree.city, on: app.db)?.subtreeMembersStudied == 2)
            #expect(try await app.rollupsMatchSubtrees())
        }
    }
}

/// What a test saw inside a transaction it then abandoned.
private struct Abandoned<Seen: Sendable>: Error {
    let seen: Seen
}

private extension Application {
    /// Runs `write` as an audited write, then `look` in the same transaction, and rolls it all back.
    func seenInside<Seen: Sendable>(_ write: @escaping @Sendable (any Database) async throws -> Void,
                                    _ look: @escaping @Sendable (any Database) async throws -> Seen) async throws -> Seen {
        do {
            try await self.write { db in
                try await write(db)
                throw Abandoned(seen: try await look(db))
            }
        } catch let abandoned as Abandoned<Seen> {
            return abandoned.seen
        }
        preconditionFailure("the transaction always ends by throwing")
    }

    func rowCounts(_ tables: [String]) async throws -> [Int] {
        var counts: [Int] = []
        for table in tables { counts.append(try await rowCount(table)) }
        return counts
    }
}

private func figures(_ campaign: Int, _ unit: Int, on db: any Database) async throws -> CampaignFigures? {
    try await CampaignFigures.query(on: db).filter(\.$campaignId == campaign).filter(\.$organizationId == unit).first()
}

/// A campaign's obligation tallies, a row per line.
private func tallies(_ campaign: Int, on db: any Database) async throws -> [String] {
    try await db.sql.raw("""
        SELECT organization_id, state, due_on, extended_until, obligations FROM obligation_tallies
        WHERE campaign_id = \(bind: campaign) ORDER BY organization_id, state, due_on, extended_until
        """).all().map { row in
            "\(try row.decode(column: "organization_id", as: Int.self)) \(try row.decode(column: "state", as: String.self)) "
                + "\(String(describing: try row.decode(column: "due_on", as: CalendarDate?.self))) "
                + "\(String(describing: try row.decode(column: "extended_until", as: CalendarDate?.self))) "
                + "\(try row.decode(column: "obligations", as: Int.self))"
        }
}
