import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Exemplars over HTTP")
struct ExemplarHTTPTests {
    @Test("the API: the cell nominates, its own editors may not verify, the ward verifies and commends, the city may not grant above a ward's head; a sibling reads it once commended; figures and rules",
          arguments: TestBackend.allCases)
    func api(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let decision = try await app.registerDocument("12-QĐ/ĐU")
            let cell = try await app.caller("bithu", .secretary, scope: tree.cellA1)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let other = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let admin = try await app.admin()
            let tester = try app.testing()
            let today = CalendarDate.today().iso

            let created = try await tester.sendRequest(.POST, "/api/v1/exemplars", headers: cell.api) { try $0.content.encode(ExemplarFixture.model(in: tree.cellA1)) }
            #expect(created.status == .created)
            let id = try created.content.decode(ExemplarAPI.ExemplarDTO.self).id
            #expect(try await tester.sendRequest(.GET, "/api/v1/exemplars/\(id)", headers: other.api).status == .notFound, "a sibling sees a nomination of nothing")
            let ownCheck = try await tester.sendRequest(.POST, "/api/v1/exemplars/\(id)/verification", headers: cell.api) {
                try $0.content.encode(ExemplarVerificationInput(note: "Tự thẩm định"))
            }
            #expect(ownCheck.status == .forbidden, "the level above verifies, not the unit itself")
            let verified = try await tester.sendRequest(.POST, "/api/v1/exemplars/\(id)/verification", headers: ward.api) {
                try $0.content.encode(ExemplarVerificationInput(note: "Kiểm tra thực tế"))
            }
            #expect(verified.status == .ok)
            let above = try await tester.sendRequest(.POST, "/api/v1/exemplars/\(id)/commendations", headers: ward.api) {
                try $0.content.encode(CommendationInput(form: "flag", grantingOrganizationId: tree.wardA, documentId: decision, grantedOn: today))
            }
            #expect(above.status == .unprocessableEntity)
            #expect(String(buffer: above.body).contains("Cờ thi đua vượt thẩm quyền của Đảng bộ phường Bến Nghé"))
            let byCity = try await tester.sendRequest(.POST, "/api/v1/exemplars/\(id)/commendations", headers: ward.api) {
                try $0.content.encode(CommendationInput(form: "merit_certificate", grantingOrganizationId: tree.city, documentId: decision, grantedOn: today))
            }
            #expect(byCity.status == .forbidden, "the ward does not grant for the city")
            let commended = try await tester.sendRequest(.POST, "/api/v1/exemplars/\(id)/commendations", headers: ward.api) {
                try $0.content.encode(CommendationInput(form: "certificate", grantingOrganizationId: tree.wardA, documentId: decision, grantedOn: today))
            }
            #expect(commended.status == .created)
            #expect(try commended.content.decode(ExemplarAPI.ExemplarDTO.self).commendations.first?.documentNumber == "12-QĐ/ĐU")
            #expect(try await tester.sendRequest(.GET, "/api/v1/exemplars/\(id)", headers: other.api).status == .ok, "once commended it is there to be copied")

            let adopted = try await tester.sendRequest(.POST, "/api/v1/exemplars/\(id)/adoptions", headers: other.api) {
                try $0.content.encode(AdoptionInput(organizationId: tree.wardB, results: "Áp dụng tại 5 khu phố"))
            }
            #expect(adopted.status == .created)
            let notTheirs = try await tester.sendRequest(.POST, "/api/v1/exemplars/\(id)/adoptions", headers: other.api) {
                try $0.content.encode(AdoptionInput(organizationId: tree.cellA2, results: "Áp dụng"))
            }
            #expect(notTheirs.status == .forbidden, "a unit records its own adoption")

            let figures = try await tester.sendRequest(.GET, "/api/v1/exemplars/figures?unit=\(tree.city)", headers: admin.api).content.decode(ExemplarAPI.FiguresDTO.self)
            #expect(figures.subtree == ExemplarTally(exemplars: 1, commended: 1, replicated: 1, adoptions: 1) && figures.own == ExemplarTally())
            let list = try await tester.sendRequest(.GET, "/api/v1/exemplars?unit=\(tree.wardA)&state=replicated", headers: ward.api)
            #expect(try list.content.decode(PageDTO<ExemplarAPI.SummaryDTO>.self).total == 1)

            let version = CommendationAuthorityInput(organizationKind: "cell", forms: ["praise", "certificate"], validFrom: CalendarDate.today().adding(days: 1).iso)
            #expect(try await tester.sendRequest(.POST, "/api/v1/exemplars/authority", headers: ward.api) { try $0.content.encode(version) }.status == .forbidden)
            let added = try await tester.sendRequest(.POST, "/api/v1/exemplars/authority", headers: admin.api) { try $0.content.encode(version) }
            #expect(added.status == .created)
            #expect(try added.content.decode([ExemplarAPI.AuthorityRuleDTO].self).filter { $0.organizationKind == "cell" }.count == 3)
            let rule = try await tester.sendRequest(.PUT, "/api/v1/exemplars/nomination-rule", headers: admin.api) {
                try $0.content.encode(ExemplarNominationRuleInput(minimumRating: "excellent"))
            }
            #expect(try rule.content.decode(ExemplarAPI.NominationRuleDTO.self).minimumRating == .excellent)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "exemplar.commend").count() == 1)
        }
    }

    @Test("the pages: the registry with the subtree's figures, the nomination form refused as typed, the exemplar's forms only for who may use them, the city asking wards to replicate",
          arguments: TestBackend.allCases)
    func pages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let city = try await app.caller("thanhpho", .officer, scope: tree.city, level: .editor)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let other = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let tester = try app.testing()

            let refused = try await FeedbackTests.post("/exemplars", ["organizationId": String(tree.wardA), "kind": "model", "title": "Dân vận khéo",
                                                                     "indicator": "Hộ tham gia", "after": "90"], as: ward, on: tester)
            #expect(refused.status == .unprocessableEntity)
            let refusedPage = String(buffer: refused.body)
            #expect(refusedPage.contains(#"value="Dân vận khéo""#) && refusedPage.contains("Chọn đợt triển khai hoặc ghi chủ đề"))
            #expect(refusedPage.contains("cần số liệu trước và sau"))
            let sent = try await FeedbackTests.post("/exemplars", ["organizationId": String(tree.wardA), "kind": "model", "title": "Dân vận khéo",
                                                                  "topic": "Dân vận", "indicator": "Hộ tham gia", "before": "40", "after": "90",
                                                                  "measureUnit": "%"], as: ward, on: tester)
            let landed = try await FeedbackTests.landing(sent, as: ward, on: tester)
            #expect(landed.html.contains("Đã gửi đề nghị; cấp trên sẽ thẩm định."))
            #expect(landed.html.contains("90%") && !landed.html.contains("Xác nhận đã thẩm định"), "the ward does not verify its own")
            let id = try #require(try await Exemplar.query(on: app.db).first()).requireID()

            let cityPage = try await FeedbackTests.page("/exemplars/\(id)", as: city, on: tester)
            #expect(cityPage.contains("Xác nhận đã thẩm định") && !cityPage.contains("Ghi nhận khen thưởng"))
            _ = try await FeedbackTests.post("/exemplars/\(id)/verification", ["note": "Kiểm tra tại 3 khu phố"], as: city, on: tester)
            let decision = try await app.registerDocument("45-QĐ/TU")
            let commended = try await FeedbackTests.post("/exemplars/\(id)/commendations", ["grantingOrganizationId": String(tree.city), "form": "merit_certificate",
                                                                                         "documentId": String(decision), "grantedOn": CalendarDate.today().vietnamese],
                                                         as: city, on: tester)
            #expect(try await FeedbackTests.landing(commended, as: city, on: tester).html.contains("Đã ghi nhận khen thưởng (bằng khen)."))
            let asking = try await FeedbackTests.page("/exemplars/\(id)", as: city, on: tester)
            #expect(asking.contains("Giao nhân rộng") && asking.contains("Đơn vị thuộc Đảng bộ Thành phố Hồ Chí Minh"))
            let asked = try await FeedbackTests.post("/exemplars/\(id)/replication-requests",
                                                     ["issuerOrganizationId": String(tree.city), "organizationIds[]": String(tree.wardB),
                                                      "responsible": "Bí thư Đảng ủy phường", "dueOn": CalendarDate.today().adding(days: 60).vietnamese],
                                                     as: city, on: tester)
            #expect(try await FeedbackTests.landing(asked, as: city, on: tester).html.contains("Đã giao nhân rộng cho 1 đơn vị."))
            let task = try #require(try await FollowUpTask.query(on: app.db).filter(\.$originKind == "replication").first())
            #expect(task.organizationId == tree.wardB)

            let otherPage = try await FeedbackTests.page("/exemplars/\(id)", as: other, on: tester)
            #expect(otherPage.contains("Báo cáo kết quả nhân rộng") && !otherPage.contains("Đơn vị thuộc"), "ward B adopts; it asks no one")
            let adopted = try await FeedbackTests.post("/exemplars/\(id)/adoptions", ["organizationId": String(tree.wardB), "results": "Áp dụng tại 5 khu phố"],
                                                       as: other, on: tester)
            let after = try await FeedbackTests.landing(adopted, as: other, on: tester)
            #expect(after.html.contains("Đã ghi nhận kết quả nhân rộng.") && after.html.contains("Áp dụng tại 5 khu phố"))
            #expect(try await FollowUpQueries.require(task.requireID(), on: app.db).state == .reported)

            let registry = try await FeedbackTests.page("/exemplars?unit=\(tree.city)", as: city, on: tester)
            #expect(registry.contains("<h1>Điển hình, khen thưởng · Đảng bộ Thành phố Hồ Chí Minh</h1>") && registry.contains(#"href="/exemplars/\#(id)""#))
            #expect(registry.contains("Điển hình, khen thưởng</a>"), "the menu entry")
        }
    }
}
