import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

@Suite("Callers kept between requests")
struct CallerCacheTests {
    private func generation(_ app: Application) async throws -> Int64 {
        try await app.db.sql.raw("SELECT generation FROM access_generation WHERE id = 1").first()!.decode(column: "generation", as: Int64.self)
    }

    @Test("every change to who may do what moves the access generation, whoever writes it; a session's last use, a grant's place or a unit's name do not",
          arguments: TestBackend.allCases)
    func generationMoves(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let officer = try await app.caller("thanhuy", .officer, scope: tree.city, level: .editor)
            let sql = app.db.sql
            let unchanged: [SQLQueryString] = [
                "UPDATE user_sessions SET last_seen_at = \(bind: Date()) WHERE user_id = \(bind: officer.userId)",
                "UPDATE api_tokens SET last_used_at = \(bind: Date()) WHERE user_id = \(bind: officer.userId)",
                "UPDATE role_grants SET organization_path = organization_path WHERE user_id = \(bind: officer.userId)",
                "UPDATE organizations SET name = name WHERE id = \(bind: tree.wardA)",
                "UPDATE users SET password_changed_at = password_changed_at WHERE id = \(bind: officer.userId)",
            ]
            for statement in unchanged {
                let before = try await generation(app)
                try await sql.raw(statement).run()
                #expect(try await generation(app) == before, "\(sql.serialize(statement).sql)")
            }
            let moving: [SQLQueryString] = [
                "UPDATE role_grants SET level = level WHERE user_id = \(bind: officer.userId)",
                "UPDATE users SET is_active = is_active WHERE id = \(bind: officer.userId)",
                "UPDATE api_tokens SET revoked_at = NULL WHERE user_id = \(bind: officer.userId)",
                "UPDATE organizations SET path = path WHERE id = \(bind: tree.wardA)",
                "UPDATE organizations SET status = status WHERE id = \(bind: tree.wardA)",
                "DELETE FROM user_sessions WHERE user_id = \(bind: officer.userId)",
            ]
            for statement in moving {
                let before = try await generation(app)
                try await sql.raw(statement).run()
                #expect(try await generation(app) > before, "\(sql.serialize(statement).sql)")
            }
            let before = try await generation(app)
            _ = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .viewer)
            #expect(try await generation(app) > before, "a new grant")
        }
    }

    @Test("a caller is read once and kept: a change through another process is seen at the next reading of the generation, one through this process at its next request",
          arguments: TestBackend.allCases)
    func keptCallers(_ backend: TestBackend) async throws {
        // As a serving process: the generation is read at most once per interval (an hour here, so that the test decides
        // when it is read again).
        try await withTestApp(backend, configuring: { $0.generationCheckInterval = 3_600 }) { app in
            let tree = try await SmallTree.make(on: app)
            let officer = try await app.caller("thanhuy", .officer, scope: tree.city, level: .editor)
            let admin = try await app.admin()
            let tester = try app.testing()
            let wardA = "/api/v1/organizations/\(tree.wardA)"
            // The first request writes the token's first use (and lets the copy holding none go); the second is kept.
            for _ in 1...2 { #expect(try await tester.sendRequest(.GET, wardA, headers: officer.api).status == .ok) }
            let key = CallerCache.Key(secretHash: SecretToken.hash(officer.token), kind: .apiToken, day: .today())
            let known = try #require(app.accessGeneration.known)
            #expect(app.callers.caller(key, generation: known)?.actor.username == "thanhuy", "kept")

            // Another process (here: SQL, not this application's write) revokes the grant: not seen until the number is read again.
            try await app.db.sql.raw("UPDATE role_grants SET revoked_at = \(bind: Date()) WHERE user_id = \(bind: officer.userId)").run()
            #expect(try await tester.sendRequest(.GET, wardA, headers: officer.api).status == .ok, "within the interval, the kept caller")
            app.accessGeneration.checkSoon()  // the interval has passed
            #expect(try await tester.sendRequest(.GET, wardA, headers: officer.api).status != .ok, "the grant revoked elsewhere, seen")
            #expect(app.callers.caller(key, generation: try #require(app.accessGeneration.known))?.actor.grants.isEmpty == true,
                    "read again under the new number")

            // Through this process: its own write makes the next request read the number.
            let writer = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .viewer)
            #expect(try await tester.sendRequest(.GET, wardA, headers: writer.api).status == .ok)
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/auth/tokens/current", headers: writer.api).status == .noContent)
            #expect(try await tester.sendRequest(.GET, wardA, headers: writer.api).status == .unauthorized, "its own token, ended at once")
            #expect(try await tester.sendRequest(.GET, "/organizations/\(tree.wardA)", headers: writer.web).status == .ok, "its browser session still works")
            let grant = try #require(try await RoleGrant.query(on: app.db).filter(\.$userId == writer.userId).first()).requireID()
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/grants/\(grant)", headers: admin.api).status == .ok)
            #expect(try await tester.sendRequest(.GET, "/organizations/\(tree.wardA)", headers: writer.web).status != .ok, "a grant revoked by another user of this process, at once")
        }
    }
}
