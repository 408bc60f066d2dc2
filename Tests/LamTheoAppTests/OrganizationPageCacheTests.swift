import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

@Suite("The API's pages of units kept between requests")
struct OrganizationPageCacheTests {
    private func generation(_ db: any Database) async throws -> Int64 {
        try await db.sql.raw("SELECT generation FROM organization_generation WHERE id = 1").first()!.decode(column: "generation", as: Int64.self)
    }

    @Test("every change to the units' table moves the organization generation, whoever writes it; PostgreSQL counts a transaction once",
          arguments: TestBackend.allCases)
    func generationMoves(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let sql = app.db.sql
            var before = try await generation(app.db)
            try await sql.raw("UPDATE users SET is_active = is_active").run()
            #expect(try await generation(app.db) == before, "another table")
            let moving: [SQLQueryString] = [
                "UPDATE organizations SET name = \(bind: "Đảng bộ phường Bến Thành") WHERE id = \(bind: tree.wardA)",
                "UPDATE organizations SET member_count = member_count + 1 WHERE id = \(bind: tree.cellA1)",
                "UPDATE organizations SET status = status WHERE id = \(bind: tree.wardB)",
            ]
            for statement in moving {
                before = try await generation(app.db)
                try await sql.raw(statement).run()
                #expect(try await generation(app.db) > before, "\(sql.serialize(statement).sql)")
            }
            before = try await generation(app.db)
            let cell = try await app.createUnit("Chi bộ Khu phố 4", code: "PB-2", kind: .cell, parent: tree.wardB, on: "2020-01-01")
            #expect(try await generation(app.db) > before, "a unit added")

            before = try await generation(app.db)
            try await app.db.transaction { db in
                for unit in [tree.cellA1, tree.cellA2, cell] {
                    try await db.sql.raw("UPDATE organizations SET member_count = member_count + 1 WHERE id = \(bind: unit)").run()
                }
            }
            let moved = try await generation(app.db) - before
            #expect(app.db.isPostgres ? moved == 1 : moved == 3, "one transaction of three changes: \(moved)")
        }
    }

    @Test("a page of units is kept for callers with the same scope and question, until the units' table changes: through another process at the next reading of the number, through this process at once",
          arguments: TestBackend.allCases)
    func keptPages(_ backend: TestBackend) async throws {
        // As a serving process: the number is read at most once per interval (an hour here, so that the test decides
        // when it is read again).
        try await withTestApp(backend, configuring: { $0.generationCheckInterval = 3_600 }) { app in
            let tree = try await SmallTree.make(on: app)
            let officer = try await app.caller("thanhuy", .officer, scope: tree.city, level: .editor)
            let wardOfficer = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .viewer)
            let tester = try app.testing()
            func names(_ caller: Caller, _ query: String = "", headers extra: HTTPHeaders = [:]) async throws -> [String] {
                var headers = caller.api
                headers.add(contentsOf: extra)
                let response = try await tester.sendRequest(.GET, "/api/v1/organizations" + query, headers: headers)
                #expect(response.status == .ok)
                return try response.content.decode(PageDTO<OrganizationAPI.OrganizationDTO>.self).items.map(\.name)
            }
            let old = "Đảng bộ phường Bến Nghé", renamed = "Đảng bộ phường Bến Thành"
            #expect(try await names(officer).contains(old))

            // Another process (here: SQL, not this application's write) renames a ward: not seen until the number is read again.
            try await app.db.sql.raw("UPDATE organizations SET name = \(bind: renamed) WHERE id = \(bind: tree.wardA)").run()
            #expect(try await names(officer).contains(old), "within the interval, the kept page")
            #expect(try await names(officer, headers: ["Cache-Control": "no-cache"]).contains(renamed), "asked afresh")
            app.organizationPages.generation.checkSoon()  // the interval has passed
            #expect(try await names(officer).contains(renamed), "the change elsewhere, seen")

            // Another scope, another question: never the page kept for the city's officer.
            #expect(try await names(wardOfficer).sorted() == [renamed, "Chi bộ Khu phố 1", "Chi bộ Khu phố 2"].sorted())
            #expect(try await names(officer, "?q=khu%20pho").sorted() == ["Chi bộ Khu phố 1", "Chi bộ Khu phố 2", "Chi bộ Khu phố 3"])
            #expect(try await names(officer, "?per=2").count == 2)

            // Through this process: its own write makes the next request read the number.
            #expect(try await !names(officer).contains("Chi bộ Khu phố 4"))
            _ = try await app.createUnit("Chi bộ Khu phố 4", code: "PB-2", kind: .cell, parent: tree.wardB, on: "2020-01-01")
            #expect(try await names(officer).contains("Chi bộ Khu phố 4"), "a unit added through this process, at once")
        }
    }
}
