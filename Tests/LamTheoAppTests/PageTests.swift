import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Web pages")
struct PageTests {
    @Test("the tree, an organisation, the member list and a member page render", arguments: TestBackend.allCases)
    func pagesRender(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let member = try await app.createMember("Nguyễn Văn An", card: "111", in: tree.cellA1)
            let admin = try await app.admin()
            let tester = try app.testing()

            let root = try await tester.sendRequest(.GET, "/organizations", headers: admin.web)
            #expect(root.status == .ok)
            #expect(root.headers.contentType == .html)
            let rootHTML = String(buffer: root.body)
            #expect(rootHTML.contains(#"<html lang="vi">"#))
            #expect(rootHTML.contains("Đảng bộ Thành phố Hồ Chí Minh"))
            #expect(rootHTML.contains(#"name="viewport""#))

            let ward = String(buffer: try await tester.sendRequest(.GET, "/organizations/\(tree.wardA)", headers: admin.web).body)
            #expect(ward.contains("Chi bộ Khu phố 1"))
            #expect(ward.contains(#"href="/organizations/\#(tree.city)""#), "breadcrumb to the city")
            #expect(ward.contains("Đảng viên toàn đảng bộ"))

            let list = String(buffer: try await tester.sendRequest(.GET, "/members?within=\(tree.wardA)&q=nguyen%20van", headers: admin.web).body)
            #expect(list.contains("Nguyễn Văn An"))
            #expect(list.contains("Trang 1/1 · 1 kết quả"))

            let page = try await tester.sendRequest(.GET, "/members/\(member)", headers: admin.web)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("Chi bộ Khu phố 1"))

            let english = String(buffer: try await tester.sendRequest(.GET, "/organizations/\(tree.wardA)?lang=en", headers: admin.web).body)
            #expect(english.contains(#"<html lang="en">"#))
            #expect(english.contains("Members in subtree"))

            let asOf = String(buffer: try await tester.sendRequest(.GET, "/organizations/\(tree.wardA)?asOf=01/06/2021", headers: admin.web).body)
            #expect(asOf.contains("Cơ cấu ngày 01/06/2021"))

            for path in ["/organizations/new?parent=\(tree.city)", "/organizations/\(tree.wardA)/edit", "/organizations/\(tree.wardA)/move?q=phuong",
                         "/organizations/\(tree.cellA2)/merge", "/organizations/\(tree.cellA2)/dissolve", "/members/new?organization=\(tree.cellA1)",
                         "/members/\(member)/edit", "/members/\(member)/transfer?q=khu%20pho", "/assets/app.css", "/healthz"] {
                let response = try await tester.sendRequest(.GET, path, headers: admin.web)
                #expect(response.status == .ok, "\(path)")
            }
            let missing = try await tester.sendRequest(.GET, "/organizations/424242", headers: admin.web)
            #expect(missing.status == .notFound)
            #expect(String(buffer: missing.body).contains("Không tìm thấy"))
        }
    }

    @Test("forms save, and a refused form comes back with Vietnamese messages next to the fields", arguments: TestBackend.allCases)
    func forms(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            let refused = try await tester.sendRequest(.POST, "/organizations/new", headers: admin.web) {
                try $0.content.encode(admin.form(["name": "", "code": "PA-1", "kindCode": "cell", "parentId": "\(tree.wardA)"]), as: .urlEncodedForm)
            }
            #expect(refused.status == .unprocessableEntity)
            let html = String(buffer: refused.body)
            #expect(html.contains("Tên không được để trống"))
            #expect(html.contains(#"aria-invalid="true""#))
            #expect(try await app.rowCount("organizations") == 6)

            let saved = try await tester.sendRequest(.POST, "/organizations/new", headers: admin.web) {
                try $0.content.encode(admin.form(["name": "Chi bộ Khu phố 9", "code": "PA-9", "kindCode": "cell", "parentId": "\(tree.wardA)"]), as: .urlEncodedForm)
            }
            #expect(saved.status == .seeOther)
            #expect(try await app.rowCount("organizations") == 7)

            let member = try await tester.sendRequest(.POST, "/members/new", headers: admin.web) {
                try $0.content.encode(admin.form(["familyName": "Lê", "middleName": "Thị", "givenName": "Hoa", "gender": "female", "cardNumber": "777",
                                       "status": "full", "organizationId": "\(tree.cellA1)", "birthDate": "02/09/1975"]), as: .urlEncodedForm)
            }
            #expect(member.status == .seeOther)
            let duplicate = try await tester.sendRequest(.POST, "/members/new", headers: admin.web) {
                try $0.content.encode(admin.form(["familyName": "Lê", "givenName": "Mai", "gender": "female", "cardNumber": "777",
                                       "status": "full", "organizationId": "\(tree.cellA1)"]), as: .urlEncodedForm)
            }
            #expect(duplicate.status == .unprocessableEntity)
            #expect(String(buffer: duplicate.body).contains("Số thẻ đảng viên 777 đã được cấp cho một đảng viên khác"))

            let move = try await tester.sendRequest(.POST, "/organizations/\(tree.city)/move", headers: admin.web) {
                try $0.content.encode(admin.form(["targetId": "\(tree.cellA1)"]), as: .urlEncodedForm)
            }
            #expect(move.status == .unprocessableEntity)
            #expect(String(buffer: move.body).contains("Không thể chuyển đơn vị vào chính nó"))
        }
    }

    @Test("the language switch sets a cookie and returns to the page, never to another site")
    func languageSwitch() async throws {
        try await withTestApp(.sqlite) { app in
            let admin = try await app.admin()
            let tester = try app.testing()
            let switched = try await tester.sendRequest(.GET, "/language/en?back=/members", headers: admin.web)
            #expect(switched.status == .seeOther)
            #expect(switched.headers.first(name: .location) == "/members")
            #expect(switched.headers.setCookie?["lang"]?.string == "en")
            let offsite = try await tester.sendRequest(.GET, "/language/en?back=//evil.example", headers: admin.web)
            #expect(offsite.headers.first(name: .location) == "/")
        }
    }
}
