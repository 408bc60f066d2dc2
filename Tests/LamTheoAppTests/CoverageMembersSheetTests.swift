import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import LamTheoSpreadsheet
import Testing
import VaporTesting

@Suite("Coverage: the members behind a figure as a spreadsheet")
struct CoverageMembersSheetTests {
    @Test("“ai chưa học tập?” downloads whole as XLSX, in name order, within the reader's scope, and is logged as a view of personal data",
          arguments: TestBackend.allCases)
    func notStudied(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city)
            let an = try await app.createMember("Nguyễn Văn An", card: "79.001", in: tree.cellA1)
            _ = try await app.createMember("Trần Thị Bình", card: "79.002", in: tree.cellA1)
            _ = try await app.createMember("Lê Văn Cường", card: "79.003", in: tree.cellB1)
            let session = try await app.cellSession(tree.cellA1, campaign: campaign)
            _ = try await app.write { try await StudyCommands.takeAttendance(of: session, AttendanceInput(entries: [AttendanceEntry(memberId: an, status: "present")]), on: $0) }
            let city = try await app.caller("thanhuy", .officer, scope: tree.city, level: .viewer)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .viewer)
            let tester = try app.testing()

            let page = String(buffer: try await tester.sendRequest(.GET, "/campaigns/\(campaign)/members?unit=\(tree.city)&list=not-studied", headers: city.web).body)
            #expect(page.contains("/campaigns/\(campaign)/members.xlsx?unit=\(tree.city)&amp;list=not-studied"))
            #expect(page.contains("Tải danh sách (Excel, 2 đảng viên)"))

            let sheet = try await tester.sendRequest(.GET, "/campaigns/\(campaign)/members.xlsx?unit=\(tree.city)&list=not-studied", headers: city.web)
            #expect(sheet.status == .ok)
            #expect(sheet.headers.contentType?.description == MediaType.xlsx)
            let disposition = try #require(sheet.headers.first(name: .contentDisposition))
            #expect(disposition.hasPrefix("attachment; filename=\"") && disposition.contains("filename*=UTF-8''Ch%C6%B0a%20h%E1%BB%8Dc%20t%E1%BA%ADp"))
            let rows = try XLSXReader.read(Data(buffer: sheet.body)).rows
            #expect(rows.first == ["STT", "Họ và tên", "Số thẻ đảng viên", "Chi bộ"])
            #expect(rows.dropFirst().map { $0[1] } == ["Trần Thị Bình", "Lê Văn Cường"], "name order: given name first")
            #expect(rows.dropFirst().map(\.[0]) == ["1", "2"])
            #expect(try await PersonalDataView.query(on: app.db).filter(\.$what == "coverage.members.xlsx").first()?.count == 2)

            // A ward officer's list holds only their ward; another ward's unit is not theirs to export.
            let own = try await tester.sendRequest(.GET, "/campaigns/\(campaign)/members.xlsx?unit=\(tree.wardA)&list=not-studied", headers: ward.web)
            #expect(try XLSXReader.read(Data(buffer: own.body)).rows.dropFirst().map { $0[1] } == ["Trần Thị Bình"])
            let other = try await tester.sendRequest(.GET, "/campaigns/\(campaign)/members.xlsx?unit=\(tree.wardB)&list=not-studied", headers: ward.web)
            #expect(other.status == .notFound)
        }
    }
}
