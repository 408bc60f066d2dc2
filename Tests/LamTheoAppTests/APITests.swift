import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("JSON API")
struct APITests {
    struct ProblemBody: Decodable {
        struct InvalidField: Decodable {
            let field: String
            let detail: String
        }

        let type: String
        let title: String
        let status: Int
        let errors: [InvalidField]?
    }

    @Test("organisations: create, read, list with q and within, children, move, merge, history", arguments: TestBackend.allCases)
    func organizations(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            let created = try await tester.sendRequest(.POST, "/api/v1/organizations", headers: admin.api) {
                try $0.content.encode(NewOrganization(name: "Chi bộ Khu phố 4", code: "pa-4", kindCode: "cell", parentId: tree.wardA, validFrom: "18/05/2023"))
            }
            #expect(created.status == .created)
            let unit = try created.content.decode(OrganizationAPI.OrganizationDTO.self)
            #expect(unit.code == "PA-4")
            #expect(unit.validFrom.iso == "2023-05-18")
            #expect(unit.depth == 2)

            let search = try await tester.sendRequest(.GET, "/api/v1/organizations?q=KHU%20PHO&within=\(tree.wardA)&per=2", headers: admin.api)
            #expect(search.status == .ok)
            let page = try search.content.decode(PageDTO<OrganizationAPI.OrganizationDTO>.self)
            #expect(page.total == 3)
            #expect(page.items.map(\.name) == ["Chi bộ Khu phố 1", "Chi bộ Khu phố 2"])

            try await app.createMember("Nguyễn Văn An", card: "A1", in: tree.cellA1)
            let city = try await tester.sendRequest(.GET, "/api/v1/organizations/\(tree.city)", headers: admin.api).content.decode(OrganizationAPI.OrganizationDTO.self)
            #expect(city.subtreeMemberCount == 1)
            #expect(city.childCount == 2)
            let children = try await tester.sendRequest(.GET, "/api/v1/organizations/\(tree.city)/children", headers: admin.api).content.decode([OrganizationAPI.OrganizationDTO].self)
            #expect(children.map(\.name) == ["Đảng bộ phường Bến Nghé", "Đảng bộ phường Đa Kao"])

            let moved = try await tester.sendRequest(.POST, "/api/v1/organizations/\(unit.id)/move", headers: admin.api) {
                try $0.content.encode(["parentId": tree.wardB])
            }
            #expect(moved.status == .ok)
            let merged = try await tester.sendRequest(.POST, "/api/v1/organizations/\(tree.wardA)/merge", headers: admin.api) {
                try $0.content.encode(["targetId": tree.wardB])
            }
            #expect(merged.status == .ok)
            #expect(try merged.content.decode(OrganizationAPI.OrganizationDTO.self).subtreeMemberCount == 1)
            let history = try await tester.sendRequest(.GET, "/api/v1/organizations/\(tree.wardA)/history", headers: admin.api).content.decode([OrganizationAPI.VersionDTO].self)
            #expect(history.map(\.change) == [.created, .merged])

            let asOf = try await tester.sendRequest(.GET, "/api/v1/organizations/\(tree.wardA)/as-of/2021-01-01", headers: admin.api)
            #expect(asOf.status == .ok)
            let snapshot = try asOf.content.decode(OrganizationAPI.AsOfDTO.self)
            #expect(snapshot.lineage.map(\.organizationId) == [tree.city, tree.wardA])
            #expect(snapshot.children.map(\.name) == ["Chi bộ Khu phố 1", "Chi bộ Khu phố 2"])
        }
    }

    @Test("errors are problem+json naming the field, in Vietnamese or English", arguments: TestBackend.allCases)
    func problems(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            let invalid = try await tester.sendRequest(.POST, "/api/v1/organizations", headers: admin.api) {
                try $0.content.encode(NewOrganization(name: "", code: "X", kindCode: "cell", parentId: tree.wardA))
            }
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(buffer: invalid.body))
            #expect(problem.type == "urn:lamtheo:problem:invalid")
            #expect(problem.errors?.map(\.field) == ["name"])
            #expect(problem.errors?.first?.detail == "Tên không được để trống")

            let english = try await tester.sendRequest(.POST, "/api/v1/organizations/\(tree.city)/move", headers: admin.api.adding("Accept-Language", "en-GB,en;q=0.9")) {
                try $0.content.encode(["parentId": tree.cellA1])
            }
            #expect(english.status == .unprocessableEntity)
            let cycle = try JSONDecoder().decode(ProblemBody.self, from: Data(buffer: english.body))
            #expect(cycle.errors?.contains { $0.field == "parentId" && $0.detail.contains("cannot be moved under itself") } == true)

            let duplicate = try await tester.sendRequest(.POST, "/api/v1/members", headers: admin.api) {
                try $0.content.encode(MemberInput(fullName: "Nguyễn Văn A", gender: "male", cardNumber: "1", organizationId: tree.cellA1))
            }
            #expect(duplicate.status == .created)
            let again = try await tester.sendRequest(.POST, "/api/v1/members?lang=en", headers: admin.api) {
                try $0.content.encode(MemberInput(fullName: "Trần Văn B", gender: "male", cardNumber: "1", organizationId: tree.cellA1))
            }
            #expect(again.status == .conflict)
            let conflict = try JSONDecoder().decode(ProblemBody.self, from: Data(buffer: again.body))
            #expect(conflict.errors?.map(\.field) == ["cardNumber"])
            #expect(conflict.title == "Party card number 1 already belongs to another member")
            #expect(try await app.rowCount("members") == 1)

            let malformed = try await tester.sendRequest(.POST, "/api/v1/organizations", headers: admin.api.adding("Content-Type", "application/json"),
                                                         body: ByteBuffer(string: #"{"name": 5}"#))
            #expect(malformed.status == .badRequest)
            #expect(try JSONDecoder().decode(ProblemBody.self, from: Data(buffer: malformed.body)).errors?.first?.field == "name")

            // Invalid UTF-8 in the body: refused, nothing written.
            var bytes = ByteBuffer(string: #"{"name": "Chi b"#)
            bytes.writeBytes([0xC3, 0x28])
            bytes.writeString(#"", "code": "BAD", "kindCode": "cell", "parentId": \#(tree.wardA)}"#)
            let badText = try await tester.sendRequest(.POST, "/api/v1/organizations", headers: admin.api.adding("Content-Type", "application/json"), body: bytes)
            #expect(badText.status == .badRequest || badText.status == .unprocessableEntity)
            #expect(try await app.rowCount("organizations") == 6)

            let missing = try await tester.sendRequest(.GET, "/api/v1/members/999999", headers: admin.api)
            #expect(missing.status == .notFound)
            #expect(missing.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let badPage = try await tester.sendRequest(.GET, "/api/v1/members?per=5000", headers: admin.api)
            #expect(badPage.status == .unprocessableEntity)
        }
    }

    @Test("members: create, read with history, update, transfer, positions, list filters", arguments: TestBackend.allCases)
    func members(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            let created = try await tester.sendRequest(.POST, "/api/v1/members", headers: admin.api) {
                try $0.content.encode(MemberInput(familyName: "Tôn Nữ", middleName: "Thị", givenName: "Ninh", gender: "female",
                                                           birthDate: "28/06/1970", cardNumber: "12.345.678", admittedOn: "1995-02-03",
                                                           fullMemberOn: "1996-02-03", phone: "0903 123 456", organizationId: tree.cellA1))
            }
            #expect(created.status == .created)
            let detail = try created.content.decode(MemberAPI.MemberDetailDTO.self)
            #expect(detail.member.fullName == "Tôn Nữ Thị Ninh")
            #expect(detail.member.cardNumber == "12345678")
            #expect(detail.member.phone == "0903123456")
            let id = detail.member.id

            let updated = try await tester.sendRequest(.PATCH, "/api/v1/members/\(id)", headers: admin.api) { try $0.content.encode(["address": "Số 1 Lê Duẩn"]) }
            #expect(updated.status == .ok)
            #expect(try updated.content.decode(MemberAPI.MemberDetailDTO.self).member.address == "Số 1 Lê Duẩn")
            #expect(try updated.content.decode(MemberAPI.MemberDetailDTO.self).member.givenName == "Ninh")

            let moved = try await tester.sendRequest(.POST, "/api/v1/members/\(id)/transfer", headers: admin.api) { try $0.content.encode(["organizationId": tree.cellB1]) }
            #expect(moved.status == .ok)
            #expect(try moved.content.decode(MemberAPI.MemberDetailDTO.self).transfers.count == 2)

            let position = try await tester.sendRequest(.POST, "/api/v1/members/\(id)/positions", headers: admin.api) { try $0.content.encode(["title": "Bí thư chi bộ"]) }
            #expect(position.status == .created)
            let positionId = try position.content.decode(MemberAPI.PositionDTO.self).id
            let ended = try await tester.sendRequest(.POST, "/api/v1/members/\(id)/positions/\(positionId)/end", headers: admin.api) { try $0.content.encode(["endedOn": "2099-01-01"]) }
            #expect(ended.status == .ok)

            let list = try await tester.sendRequest(.GET, "/api/v1/members?q=ton%20nu&within=\(tree.wardB)&gender=female", headers: admin.api)
            #expect(try list.content.decode(PageDTO<MemberAPI.MemberDTO>.self).items.map(\.id) == [id])
            let none = try await tester.sendRequest(.GET, "/api/v1/members?within=\(tree.wardA)", headers: admin.api)
            #expect(try none.content.decode(PageDTO<MemberAPI.MemberDTO>.self).total == 0)
            let badStatus = try await tester.sendRequest(.GET, "/api/v1/members?status=alive", headers: admin.api)
            #expect(badStatus.status == .badRequest)
            #expect(badStatus.body.string.contains("probationary, full, exempt"))
        }
    }
}
