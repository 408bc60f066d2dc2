import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

@Suite("Audit trail")
struct AuditTests {
    @Test("every write through the API records one event: who, from where, what, before and after", arguments: TestBackend.allCases)
    func oneEventPerWrite(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            let before = try await app.rowCount("audit_events")
            _ = try await tester.sendRequest(.PATCH, "/api/v1/organizations/\(tree.wardA)", headers: admin.api) {
                try $0.content.encode(OrganizationChanges(name: "Đảng bộ phường Sài Gòn"))
            }
            _ = try await tester.sendRequest(.POST, "/api/v1/organizations/\(tree.cellA2)/merge", headers: admin.api) {
                try $0.content.encode(["targetId": tree.cellA1])
            }
            let refused = try await tester.sendRequest(.PATCH, "/api/v1/organizations/\(tree.wardA)", headers: admin.api) {
                try $0.content.encode(OrganizationChanges(name: ""))
            }
            #expect(refused.status == .unprocessableEntity)
            let events = try await AuditEvent.query(on: app.db).filter(\.$id > before).sort(\.$id).all()
            #expect(events.map(\.action) == ["organization.update", "organization.merge"])
            let rename = try #require(events.first)
            #expect(rename.actorName == "admin")
            #expect(rename.source == "api")
            #expect(rename.entity == "organization")
            #expect(rename.entityKey == String(tree.wardA))
            #expect(rename.before?.contains("Bến Nghé") == true)
            #expect(rename.after?.contains("Sài Gòn") == true)
            let words = try #require(try await AuditReading.entries([rename], on: app.db).first)
            #expect(words.changes.map { "\($0.label.vi): \($0.before?.vi ?? "") → \($0.after.vi)" } == ["Tên: Đảng bộ phường Bến Nghé → Đảng bộ phường Sài Gòn"])

            let page = String(buffer: try await tester.sendRequest(.GET, "/organizations/\(tree.wardA)", headers: admin.web).body)
            #expect(page.contains("sửa thông tin tổ chức"), "the history says what was done, in words")
            #expect(!page.contains("organization.update"))
            let search = String(buffer: try await tester.sendRequest(.GET, "/audit?q=merge", headers: admin.web).body)
            #expect(search.contains("hợp nhất tổ chức Chi bộ"), "a recorded action's name still finds it; the page says it in words")
            #expect(!search.contains("organization.merge"))
            let viewer = try await app.caller("xem", .officer, scope: tree.city, level: .viewer)
            #expect(try await tester.sendRequest(.GET, "/audit", headers: viewer.web).status == .forbidden)
        }
    }

    @Test("verify passes on an intact chain and names the event where an edit, a deletion or a reordering breaks it", arguments: TestBackend.allCases)
    func tamperEvidence(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await SmallTree.make(on: app)
            let sql = app.db as! any SQLDatabase
            let (count, head) = try await AuditTrail.verify(on: app.db)
            #expect(count == 6)
            #expect(head.count == 64)

            try await sql.raw("UPDATE audit_events SET after = '{\"name\":\"tampered\"}' WHERE seq = 3").run()
            await #expect(throws: AuditTrail.Break.self) { try await AuditTrail.verify(on: app.db) }
            await expectBreak(at: 3, app)
            // Cutting off the newest events leaves a shorter, valid chain: only the head hash that
            // `lamtheo audit verify` prints, kept elsewhere, shows it. The head differs.
            try await sql.raw("DELETE FROM audit_events WHERE seq >= 3").run()
            let (shorter, newHead) = try await AuditTrail.verify(on: app.db)
            #expect(shorter == 2)
            #expect(newHead != head)
        }
    }

    @Test("reordering two events breaks the chain", arguments: TestBackend.allCases)
    func reorder(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await SmallTree.make(on: app)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE audit_events SET seq = 1000 WHERE seq = 4").run()
            try await sql.raw("UPDATE audit_events SET seq = 4 WHERE seq = 5").run()
            try await sql.raw("UPDATE audit_events SET seq = 5 WHERE seq = 1000").run()
            await expectBreak(at: 4, app)
        }
    }

    @Test("a deleted event is found by the gap it leaves", arguments: TestBackend.allCases)
    func deletion(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await SmallTree.make(on: app)
            try await (app.db as! any SQLDatabase).raw("DELETE FROM audit_events WHERE seq = 2").run()
            await expectBreak(at: 2, app)
        }
    }

    private func expectBreak(at seq: Int, _ app: Application) async {
        do {
            _ = try await AuditTrail.verify(on: app.db)
            Issue.record("verify passed on a tampered chain")
        } catch let broken as AuditTrail.Break {
            #expect(broken.seq == seq, "\(broken)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite("Personal data")
struct PersonalDataTests {
    @Test("views of personal data are logged; a member downloads their data and asks for corrections that reach the secretary", arguments: TestBackend.allCases)
    func personalData(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let input = MemberInput(fullName: "Lê Thị Hoa", gender: "female", birthDate: "02/09/1975", cardNumber: "900", idNumber: "079175000123",
                                    phone: "0903123456", address: "Số 5 Lê Duẩn", organizationId: tree.cellA1)
            let member = try await app.write { try await MemberCommands.create(input, on: $0) }.requireID()
            let viewer = try await app.caller("xema", .officer, scope: tree.wardA, level: .viewer)
            let secretary = try await app.caller("bithu", .secretary, scope: tree.cellA1)
            let otherSecretary = try await app.caller("bithub", .secretary, scope: tree.cellB1)
            let own = try await app.caller("hoa", .member, member: member)
            let tester = try app.testing()

            let shown = try await tester.sendRequest(.GET, "/api/v1/members/\(member)", headers: viewer.api).content.decode(MemberAPI.MemberDetailDTO.self)
            #expect(shown.member.idNumber == "079175000123")
            _ = try await tester.sendRequest(.GET, "/members/\(member)", headers: viewer.web)
            let views = try await PersonalDataView.query(on: app.db).filter(\.$userId == viewer.userId).all()
            #expect(views.map(\.what).sorted() == ["member.api", "member.page"])
            #expect(views.allSatisfy { $0.memberId == member })

            // The member's own record and download; nobody else's.
            let mine = String(buffer: try await tester.sendRequest(.GET, "/me", headers: own.web).body)
            #expect(mine.contains("079175000123"))
            let download = try await tester.sendRequest(.GET, "/api/v1/me/data", headers: own.api)
            let export = try download.content.decode(MemberDataExport.self)
            #expect(export.member.phone == "0903123456")
            #expect(export.accounts == ["hoa"])
            #expect(export.personalDataViews.contains { $0.username == "xema" })
            #expect(try await tester.sendRequest(.GET, "/api/v1/members/\(member)", headers: own.api).status == .forbidden)
            #expect(try await tester.sendRequest(.GET, "/api/v1/me/data", headers: viewer.api).status == .forbidden)

            let asked = try await tester.sendRequest(.POST, "/api/v1/me/corrections", headers: own.api) {
                try $0.content.encode(["text": "Địa chỉ mới: Số 7 Lê Duẩn"])
            }
            #expect(asked.status == .created)
            let empty = try await tester.sendRequest(.POST, "/api/v1/me/corrections", headers: own.api) { try $0.content.encode(["text": " "]) }
            #expect(empty.status == .unprocessableEntity)
            let inbox = String(buffer: try await tester.sendRequest(.GET, "/corrections", headers: secretary.web).body)
            #expect(inbox.contains("Số 7 Lê Duẩn"))
            let elsewhere = String(buffer: try await tester.sendRequest(.GET, "/corrections", headers: otherSecretary.web).body)
            #expect(!elsewhere.contains("Số 7 Lê Duẩn"))
            let correction = try #require(try await CorrectionRequest.query(on: app.db).first())
            let resolved = try await tester.sendRequest(.POST, "/corrections/\(correction.id!)/resolve", headers: secretary.web) {
                try $0.content.encode(secretary.form([:]), as: .urlEncodedForm)
            }
            #expect(resolved.status == .seeOther)
            #expect(try await CorrectionRequest.find(correction.id, on: app.db)?.status == CorrectionRequest.resolved)
            let admin = try await app.admin()
            #expect(String(buffer: try await tester.sendRequest(.GET, "/audit/personal-data", headers: admin.web).body).contains("xema"))
        }
    }
}
