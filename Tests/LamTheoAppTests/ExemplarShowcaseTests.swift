import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

extension Application {
    /// A model of `unit`, verified and commended by `granting` under decision `symbol`: what a showcase shows.
    func commendedExemplar(in unit: Int, by granting: Int, decision symbol: String, title: String? = nil) async throws -> Int {
        var input = ExemplarFixture.model(in: unit)
        if let title { input.title = title }
        let id = try await nominate(input).requireID()
        _ = try await write {
            try await ExemplarCommands.verify(id, ExemplarVerificationInput(note: "Ghi chú thẩm định nội bộ"), by: "Phường", today: ExemplarFixture.today, on: $0)
        }
        _ = try await commend(id, form: .certificate, by: granting, document: try await registerDocument(symbol))
        return id
    }
}

/// The public showcase: the commended exemplars of the site's subtree, and of each only its public story.
@Suite("Exemplar showcase")
struct ExemplarShowcaseTests {
    @Test("the showcase lists only the commended exemplars of the site's subtree; a story shows none of the private fields",
          arguments: TestBackend.allCases)
    func showcase(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await PublicSiteTests.site("ben-nghe", of: tree.wardA, on: app)
            let member = try await app.createMember("Lê Thị Kín Đáo", card: "909", in: tree.cellA1)
            var person = ExemplarFixture.model(in: tree.cellA1, kind: .individual)
            person.title = "Đảng viên gương mẫu phân loại rác"
            person.memberId = member
            let individual = try await app.nominate(person).requireID()
            _ = try await app.write {
                try await ExemplarCommands.verify(individual, ExemplarVerificationInput(note: "Ghi chú thẩm định nội bộ"), by: "Phường",
                                                  today: ExemplarFixture.today, on: $0)
            }
            _ = try await app.commend(individual, form: .certificate, by: tree.wardA, document: try await app.registerDocument("12-QĐ/ĐU"))
            _ = try await app.write {
                try await ExemplarCommands.adopt(individual, AdoptionInput(organizationId: tree.cellA2, adoptedOn: "03/12/2026", results: "Áp dụng tại 4 tổ dân phố",
                                                                           figures: [ExemplarFigureInput(indicator: "Hộ phân loại rác", after: 80, unit: "%")]),
                                                 by: "Bí thư", today: ExemplarFixture.today, on: $0)
            }
            let uncommended = try await app.verifiedExemplar(in: tree.cellA2)
            let sibling = try await app.commendedExemplar(in: tree.cellB1, by: tree.wardB, decision: "13-QĐ/ĐU", title: "Mô hình của phường bên cạnh")

            let tester = try app.testing()
            let list = try await tester.sendRequest(.GET, "/site/ben-nghe/exemplars")
            let listed = String(buffer: list.body)
            #expect(list.status == .ok && listed.contains("Đảng viên gương mẫu phân loại rác"))
            #expect(listed.contains("href=\"/site/ben-nghe/exemplars/\(individual)\""))
            #expect(!listed.contains("/exemplars/\(uncommended)\"") && !listed.contains("/exemplars/\(sibling)\""), "only commended ones of the subtree")
            #expect(listed.contains(">Điển hình tiên tiến</a>"), "the menu has the showcase")

            let page = try await tester.sendRequest(.GET, "/site/ben-nghe/exemplars/\(individual)")
            let story = String(buffer: page.body)
            #expect(page.status == .ok)
            for shown in ["Chi bộ Khu phố 1", "Giấy khen", "12-QĐ/ĐU", "02/12/2026", "35%", "92%", "Chi bộ Khu phố 2", "Áp dụng tại 4 tổ dân phố", "80%"] {
                #expect(story.contains(shown), "\(shown)")
            }
            for hidden in ["Kín Đáo", "Ghi chú thẩm định", "Bí thư", "Phường,", "/exemplars/\(individual)/evidence"] {
                #expect(!story.contains(hidden), "the story shows \(hidden)")
            }
            for id in [uncommended, sibling, 999_999] {
                #expect(try await tester.sendRequest(.GET, "/site/ben-nghe/exemplars/\(id)").status == .notFound, "\(id)")
            }
            // A campaign filter that matches none shows none.
            #expect(!String(buffer: try await tester.sendRequest(.GET, "/site/ben-nghe/exemplars?campaign=999").body).contains("gương mẫu"))
        }
    }
}
