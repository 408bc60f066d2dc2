import Fluent
import LamTheoCore
@testable import LamTheoApp
import Testing
import Vapor

/// Writers of the stored figures meet: study sessions of two campaigns in cells of both wards, members moving
/// between the wards (which recounts every active campaign), a unit moved under the other ward, all at once. On
/// PostgreSQL such transactions can wait on each other's rows in opposite orders; none of them may fail for it.
@Suite("Concurrent writers")
struct ConcurrentWriterTests {
    @Test("many writers across campaigns and units at once: none fails, and every stored figure equals a recount afterwards",
          arguments: TestBackend.allCases)
    func writersAcrossCampaigns(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let tree = setup.tree
            let second = try await app.write { db in
                let document = try await DocumentCommands.register(DocumentInput(symbol: "05-CT/TW", title: "Chỉ thị về đẩy mạnh học tập và làm theo",
                                                                                 issuedOn: "15/05/2016", organizationId: nil), on: db)
                var input = CityCampaign.launchInput(document: document.requireID(), unit: tree.city)
                input.topicYear = nil // a city has one topic a year
                return try await CampaignCommands.launch(input, on: db)
            }
            let cells = [tree.cellA1, tree.cellA2, tree.cellB1]
            var members: [(cell: Int, member: Int)] = []
            // Nine writers at once: more than the eight connections a test server's pool holds would make the last wait for
            // one, on a loaded machine past the pool's timeout, which is not what this checks.
            for index in 0..<6 {
                let cell = cells[index % cells.count]
                members.append((cell, try await app.createMember("Trần Văn \(index)", card: "W\(index)", in: cell)))
            }

            let failures = try await withThrowingTaskGroup(of: String?.self) { group in
                func attempt(_ name: String, _ body: @escaping @Sendable () async throws -> Void) {
                    group.addTask {
                        do { try await body(); return nil } catch { return "\(name): \(String(reflecting: error))" }
                    }
                }
                for (index, entry) in members.enumerated() {
                    let campaign = index.isMultiple(of: 2) ? setup.campaign : second
                    attempt("session \(index)") { try await app.recordSession(campaign, at: entry.cell, present: [entry.member]) }
                }
                for (index, entry) in members.enumerated() where index % 3 == 0 {
                    let destination = entry.cell == tree.cellB1 ? tree.cellA2 : tree.cellB1
                    attempt("transfer \(index)") {
                        _ = try await app.write { try await MemberCommands.transfer(entry.member, to: destination, on: nil, reason: "Chuyển sinh hoạt", db: $0) }
                    }
                }
                attempt("move") { _ = try await app.write { try await OrganizationCommands.move(tree.cellA2, under: tree.wardB, effectiveOn: nil, on: $0) } }
                var failures: [String] = []
                for try await failure in group { if let failure { failures.append(failure) } }
                return failures
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            #expect(try await app.storedCountsMatchMembers())
            #expect(try await app.rollupsMatchSubtrees())
            #expect(try await app.pathCopyMismatches() == [])
        }
    }

    /// A write that copied a cell's path onto its rows (a reminder schedule, a launch's obligations) is still open when
    /// the cell is moved. The move waits for it (`TreeShapeLock`), so its rewrite of the copies sees those rows. Without
    /// the lock, on PostgreSQL, the move went ahead, rewrote only the copies already committed, and the write then
    /// committed the former path. A second move arrives at the same time: the two wait for each other's share, and the
    /// one PostgreSQL ends runs again after the other.
    @Test("a write copying a cell's path is still open when the cell and another move: every copy holds the unit's path afterwards",
          arguments: TestBackend.allCases)
    func pathCopiesBesideAMove(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await CityCampaign.make(on: app).tree
            let document = try await app.write { db in
                try await DocumentCommands.register(DocumentInput(symbol: "05-CT/TW", title: "Chỉ thị về đẩy mạnh học tập và làm theo",
                                                                  issuedOn: "15/05/2016", organizationId: nil), on: db)
            }.requireID()
            var launch = CityCampaign.launchInput(document: document, unit: tree.wardA)
            launch.topicYear = nil
            let schedule = ReminderRuleInput(kind: ReflectionReminders().kind.name, daysBefore: "3")
            let open = Task { [launch] in
                try await app.write { db in
                    _ = try await NotificationCommands.saveRule(schedule, at: OrganizationQueries.require(tree.cellA2, on: db), by: nil, on: db)
                    _ = try await CampaignCommands.launch(launch, on: db)
                    // Still open when the move arrives.
                    try await Task.sleep(for: .milliseconds(500))
                }
            }
            try await Task.sleep(for: .milliseconds(100))
            async let first = app.write { try await OrganizationCommands.move(tree.cellA2, under: tree.wardB, effectiveOn: nil, on: $0) }
            async let second = app.write { try await OrganizationCommands.move(tree.cellB1, under: tree.wardA, effectiveOn: nil, on: $0) }
            _ = try await (first, second, open.value)
            #expect(try await app.unit(tree.cellA2).parentId == tree.wardB)
            #expect(try await app.unit(tree.cellB1).parentId == tree.wardA)
            #expect(try await app.pathCopyMismatches() == [])
            #expect(try await app.rollupsMatchSubtrees())
        }
    }
}
