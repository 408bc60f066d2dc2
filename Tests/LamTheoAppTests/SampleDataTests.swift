import Fluent
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Sample data")
struct SampleDataTests {
    @Test("the demo organisation loads in bulk with every derived figure right", arguments: TestBackend.allCases)
    func demoLoads(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let dataset = SyntheticDataset(scale: .demo, seed: DemoData.seed, referenceDate: CalendarDate(year: 2026, month: 1, day: 1)!)
            let totals = try await SyntheticLoader.load(dataset, into: app)
            #expect(totals.organizations == dataset.organizations().count)
            #expect(totals.members == dataset.memberCount())
            #expect(totals.members > 1_500)
            #expect(try await app.rowCount("members") == totals.members)
            #expect(try await app.rowCount("member_transfers") == totals.members)
            #expect(try await app.rowCount("organization_versions") == totals.organizations)
            #expect(try await app.rowCount("member_positions") > 0)
            #expect(try await app.storedCountsMatchMembers())

            let root = try #require(try await Organization.query(on: app.db).filter(\.$parentId == nil).first())
            let onRoll = try await Member.query(on: app.db).filter(\.$status ~~ MemberStatus.onRoll).count()
            #expect(try await app.subtreeCount(root.requireID()) == onRoll)
            let children = try await OrganizationQueries.children(of: root.requireID(), includeClosed: false, on: app.db)
            #expect(children.count == 10)
            #expect(children.map(\.subtreeMembers).reduce(0, +) == onRoll)

            // Pages of a large subtree come in Vietnamese name order, whichever way the database walks them.
            let everyone = try await Member.query(on: app.db).filter(\.$status ~~ MemberStatus.onRoll).all()
                .sorted { ($0.nameSort, $0.id!) < ($1.nameSort, $1.id!) }.map(\.id)
            for page in [1, 2, 40] {
                let listed = try await MemberQueries.search(.init(within: root.treePath), page: page, perPage: 50, on: app.db)
                #expect(listed.items.map(\.id) == Array(everyone[(page - 1) * 50 ..< min(page * 50, everyone.count)]), "page \(page)")
                #expect(listed.total == everyone.count)
            }
            let scoped = try await MemberQueries.search(.init(scopes: [children[0].organization.treePath]), page: 1, perPage: 50, on: app.db)
            #expect(scoped.items.allSatisfy { $0.organizationPath.hasPrefix(children[0].organization.path) })
            #expect(scoped.total == children[0].subtreeMembers)

            // The loaded rows are ordinary rows: commands work on them, and new ids follow the loaded ones.
            let cell = try #require(try await Organization.query(on: app.db).filter(\.$kindCode == "cell").first())
            let member = try await app.createMember("Nguyễn Văn Mới", card: "NEW-1".filter(\.isLetter) + "1", in: cell.requireID())
            #expect(member > totals.members)
            let unit = try await app.createUnit("Chi bộ mới", code: "NEW", kind: .cell, parent: cell.parentId)
            #expect(unit > totals.organizations)

            // Loading again (a second dataset beside the first) keeps ids and codes apart.
            let district = SyntheticDataset(scale: .district, seed: 7, referenceDate: CalendarDate(year: 2026, month: 1, day: 1)!)
            let second = try await SyntheticLoader.load(district, into: app)
            #expect(try await app.rowCount("organizations") == totals.organizations + 1 + second.organizations)
            #expect(try await app.storedCountsMatchMembers())
        }
    }
}
