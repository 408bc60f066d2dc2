import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// Searches of members, units and documents through the trigram indexes (`TextSearch`, migration 042): tones and
/// marks optional, parts of card and ID numbers, one- and two-letter words, limited to the caller's scope, in
/// Vietnamese order, and the indexes follow every write.
@Suite("Text search")
struct TextSearchTests {
    private func names(_ text: String, scopes: [TreePath]? = nil, on app: Application) async throws -> [String] {
        try await MemberQueries.search(.init(text: text, scopes: scopes), page: 1, perPage: 50, on: app.db).items.map(\.fullName)
    }

    @Test("members: without tones, parts of card and ID numbers, short words, the caller's scope, Vietnamese order", arguments: TestBackend.allCases)
    func members(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            for (name, card, cell) in [("Nguyễn Văn Hùng", "34180162", tree.cellA1), ("Lê Thị Ánh", "34180163", tree.cellA2),
                                       ("Nguyễn Thị Lệ", "57000001", tree.cellB1), ("Trần Văn A", "57000002", tree.cellA1),
                                       ("Nguyễn Văn Ân", "57000003", tree.cellA1), ("Phạm Lên", "57000004", tree.cellB1)] {
                try await app.createMember(name, card: card, in: cell)
            }
            let input = MemberInput(fullName: "Hoàng Thị Hoa", gender: "female", birthDate: "02/09/1975", cardNumber: "61000001",
                                    admittedOn: "2005-05-19", status: "full", idNumber: "079175000123", organizationId: tree.cellB1)
            _ = try await app.write { try await MemberCommands.create(input, on: $0) }

            #expect(try await names("NGUYEN", on: app) == ["Nguyễn Văn Ân", "Nguyễn Văn Hùng", "Nguyễn Thị Lệ"], "Vietnamese order: Ân, Hùng, Lệ")
            #expect(try await names("guyễn hùng", on: app) == ["Nguyễn Văn Hùng"], "three letters anywhere, words in any order")
            #expect(try await names("0162", on: app) == ["Nguyễn Văn Hùng"], "a part of a card number")
            #expect(try await names("3418 016", on: app) == ["Lê Thị Ánh", "Nguyễn Văn Hùng"])
            #expect(try await names("175000", on: app) == ["Hoàng Thị Hoa"], "a part of an ID number")
            #expect(try await names("le", on: app) == ["Lê Thị Ánh", "Nguyễn Thị Lệ", "Phạm Lên"], "two letters start a word")
            #expect(try await names("a", on: app) == ["Trần Văn A"], "one letter is a whole word")
            #expect(try await names("an nguyen", on: app) == ["Nguyễn Văn Ân"])
            #expect(try await names("xyz", on: app).isEmpty)

            let wardB = try await app.unit(tree.wardB).treePath
            #expect(try await names("nguyen", scopes: [wardB], on: app) == ["Nguyễn Thị Lệ"], "a ward's officer sees only the ward's members")
            #expect(try await names("0162", scopes: [wardB], on: app).isEmpty)
            #expect(try await names("nguyen", scopes: [], on: app).isEmpty)
        }
    }

    @Test("every route SQLite may take (candidates, scope, walking the name order) gives the same pages; totals say 'more than' past the limit",
          arguments: TestBackend.allCases)
    func routesAgree(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let dataset = SyntheticDataset(scale: .demo, seed: DemoData.seed, referenceDate: CalendarDate(year: 2026, month: 1, day: 1)!)
            _ = try await SyntheticLoader.load(dataset, into: app)
            let everyone = try await Member.query(on: app.db).all()
            let root = try #require(try await Organization.query(on: app.db).filter(\.$parentId == nil).first())
            let ward = try #require(try await OrganizationQueries.children(of: root.requireID(), includeClosed: false, on: app.db)
                .max { $0.subtreeMembers < $1.subtreeMembers })
            for scope in [root.treePath, ward.treePath] {
                let expected = everyone.filter {
                    $0.status.isOnRoll && $0.organizationPath >= scope.rawValue && $0.organizationPath < scope.upperBound && $0.nameSearch.contains("thi")
                }
                    .sorted { ($0.nameSort, $0.id!) < ($1.nameSort, $1.id!) }.map(\.id!)
                #expect(expected.count > 20, "\(expected.count)")
                guard expected.count > 20 else { continue }
                var search = TextSearch(.members)
                search.allWords(of: "thi", in: .memberName)
                let filter: SQLQueryString = "\(column: "organization_path", in: scope) AND status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))"
                let inScope = try await OrganizationQueries.subtreeMemberCount(scope, on: app.db)
                // A candidate limit of 1 sends SQLite off the candidates; a tiny or a huge scope picks reading the scope or walking.
                for (limit, scopeRows) in [(10_000, inScope), (1, inScope), (1, 1), (1, 100_000_000)] {
                    let listing = TextSearch.Listing(filter: filter, order: "name_sort, id", orderIndex: "members_name_sort",
                                                     scope: (index: "members_path_name", rows: { scopeRows }), rows: { [everyone] in everyone.count },
                                                     candidateLimit: limit)
                    // Past the last page too: nothing, and still the total.
                    for range in [0..<10, 10..<20, expected.count + 10 ..< expected.count + 20] {
                        let page = try await search.page(listing, range: range, on: app.db)
                        let wanted = expected[min(range.lowerBound, expected.count) ..< min(range.upperBound, expected.count)]
                        #expect(page.ids == Array(wanted), "limit \(limit), scope \(scopeRows), \(range)")
                        #expect(page.total == min(expected.count, TextSearch.countLimit) && page.isLowerBound == (expected.count > TextSearch.countLimit))
                    }
                }
            }
        }
    }

    @Test("the indexes follow writes: a rename, a changed card, a deleted row, a bulk load with the triggers deferred", arguments: TestBackend.allCases)
    func indexFollowsWrites(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let id = try await app.createMember("Nguyễn Văn Hùng", card: "34180162", in: tree.cellA1)
            let renamed = MemberInput(fullName: "Đỗ Văn Hùng", gender: "male", birthDate: "1980-05-18", cardNumber: "99990001",
                                      admittedOn: "2005-05-19", status: "full", organizationId: tree.cellA1)
            _ = try await app.write { try await MemberCommands.update(id, renamed, on: $0) }
            #expect(try await names("nguyen", on: app).isEmpty)
            #expect(try await names("do hung", on: app) == ["Đỗ Văn Hùng"])
            #expect(try await names("0162", on: app).isEmpty)
            #expect(try await names("9990", on: app) == ["Đỗ Văn Hùng"])
            var withIdNumber = renamed
            withIdNumber.idNumber = "001080123456"
            _ = try await app.write { [withIdNumber] in try await MemberCommands.update(id, withIdNumber, on: $0) }
            #expect(try await names("080123", on: app) == ["Đỗ Văn Hùng"])

            func units(_ text: String) async throws -> [String] {
                try await OrganizationQueries.search(.init(text: text), page: 1, perPage: 50, on: app.db).items.map(\.name)
            }
            #expect(try await units("ben nghe") == ["Đảng bộ phường Bến Nghé"])
            #expect(try await units("khu pho") == ["Chi bộ Khu phố 1", "Chi bộ Khu phố 2", "Chi bộ Khu phố 3"])
            #expect(try await units("pa-1") == ["Chi bộ Khu phố 1"], "a unit's code")
            _ = try await app.write {
                try await OrganizationCommands.update(tree.wardA, OrganizationChanges(name: "Đảng bộ phường Sài Gòn", effectiveOn: "2025-07-01"), on: $0)
            }
            #expect(try await units("ben nghe").isEmpty)
            #expect(try await units("sai gon") == ["Đảng bộ phường Sài Gòn"])

            func documents(_ text: String) async throws -> [String] {
                try await DocumentQueries.search(.init(text: text), page: 1, perPage: 50, on: app.db).items.map(\.title)
            }
            let document = try await app.write {
                try await DocumentCommands.register(DocumentInput(symbol: "12-KH/ĐU", title: "Kế hoạch học tập Nghị quyết", issuedOn: "2024-03-01",
                                                                  organizationId: tree.wardA), on: $0)
            }
            #expect(try await documents("nghi quyet hoc tap") == ["Kế hoạch học tập Nghị quyết"])
            #expect(try await documents("ke") == ["Kế hoạch học tập Nghị quyết"], "two letters start a word")
            _ = try await app.write { try await DocumentCommands.update(document.requireID(), DocumentInput(symbol: "12-KH/ĐU", title: "Báo cáo sơ kết", issuedOn: "2024-03-01",
                                                                                                       organizationId: tree.wardA), on: $0) }
            #expect(try await documents("nghi quyet").isEmpty)
            #expect(try await documents("so ket") == ["Báo cáo sơ kết"])
            // Searched within a scope: ward A's document from ward A and from the city above it, not from ward B.
            func documents(_ text: String, within unit: Int) async throws -> [String] {
                try await DocumentQueries.search(.init(text: text, scopes: [try await app.unit(unit).treePath]), page: 1, perPage: 50, on: app.db).items.map(\.title)
            }
            #expect(try await documents("so ket", within: tree.wardA) == ["Báo cáo sơ kết"])
            #expect(try await documents("so ket", within: tree.city) == ["Báo cáo sơ kết"])
            #expect(try await documents("so ket", within: tree.wardB).isEmpty)
            try await app.db.sql.raw("DELETE FROM documents WHERE id = \(bind: document.requireID())").run()
            #expect(try await documents("so ket").isEmpty)

            // A bulk load large enough to defer indexes drops SQLite's search triggers and fills the index after it.
            _ = try await app.write { db in
                try await BulkInsert.deferringIndexesAndKeys(of: [Document.schema], adding: 10_000, on: db) {
                    try await DocumentCommands.register(DocumentInput(symbol: "13-KH/ĐU", title: "Kế hoạch nạp hàng loạt", issuedOn: "2024-03-02",
                                                                      organizationId: tree.wardA), on: db)
                }
            }
            #expect(try await documents("hang loat") == ["Kế hoạch nạp hàng loạt"])
            #expect(try await documents("so ket").isEmpty)
        }
    }

    @Test("a list past the count limit says 'hơn 1.000 kết quả' and still pages on")
    func pagerSaysMoreThan() {
        let page = Page(items: Array(repeating: 0, count: 50), page: 3, perPage: 50, total: 1_000, totalIsLowerBound: true)
        let html = Pager(page, link: { "/members?page=\($0)" }).node(.vi).render()
        #expect(html.contains("Trang 3 · hơn 1.000 kết quả") && html.contains("/members?page=4"))
        #expect(Pager(page, link: { "\($0)" }).node(.en).render().contains("more than 1,000 results"))
        #expect(PageDTO(page) { $0 }.totalIsLowerBound == true, "the API says so too")
    }
    @Test("a unit list of more than 1,000 units, read in name order, gives the pages a sort gives; a small scope's total is exact",
          arguments: TestBackend.allCases)
    func largeUnitLists(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let (wardA, wardB) = (try await app.unit(tree.wardA), try await app.unit(tree.wardB))
            try await app.createCells(1_050, under: wardA)
            try await app.createCells(20, under: wardB)

            let city = try await app.unit(tree.city).treePath
            let everyone = try await Organization.query(on: app.db).all().sorted { ($0.nameSort, $0.id!) < ($1.nameSort, $1.id!) }.map(\.id!)
            for page in [1, 2, 21] {
                let found = try await OrganizationQueries.search(.init(scopes: [city]), page: page, perPage: 50, on: app.db)
                #expect(found.items.map { $0.id } == Array(everyone[(page - 1) * 50 ..< min(page * 50, everyone.count)]),
                        "page \(page) in name order")
                #expect(found.total == 1_000 && found.totalIsLowerBound, "counted up to the limit, and said so")
            }
            let small = try await OrganizationQueries.search(.init(scopes: [wardB.treePath]), page: 1, perPage: 50, on: app.db)
            #expect(small.total == 22 && !small.totalIsLowerBound, "the ward, its first cell and the 20 new ones, counted exactly")
        }
    }
}
