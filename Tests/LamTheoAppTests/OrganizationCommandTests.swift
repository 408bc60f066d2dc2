import Fluent
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Organisation tree commands")
struct OrganizationCommandTests {
    @Test("creating units builds paths, depths and a first version", arguments: TestBackend.allCases)
    func create(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let city = try await app.unit(tree.city)
            let cell = try await app.unit(tree.cellA1)
            #expect(city.depth == 0)
            #expect(cell.depth == 2)
            #expect(cell.treePath.ids == [tree.city, tree.wardA, tree.cellA1])
            #expect(city.treePath.contains(cell.treePath))
            let versions = try await OrganizationHistory.versions(of: tree.cellA1, on: app.db)
            #expect(versions.map(\.change) == [.created])
            #expect(versions.first?.validFrom.iso == "2020-01-01")
        }
    }

    @Test("bad input is refused with every problem named, and nothing is written", arguments: TestBackend.allCases)
    func badInput(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let before = try await app.rowCount("organizations")
            let error = await domainError {
                _ = try await app.write { try await OrganizationCommands.create(
                    NewOrganization(name: "   ", code: "mã có dấu", kindCode: "no-such-kind", parentId: tree.city), on: $0) }
            }
            #expect(Set(error?.fields ?? []) == ["name", "code", "kindCode"])
            #expect(error?.fieldErrors.first { $0.field == "name" }?.message.vi == "Tên không được để trống")

            let replacement = await domainError {
                _ = try await app.write { try await OrganizationCommands.create(
                    NewOrganization(name: "Chi bộ \u{FFFD}\u{FFFD}", code: "X1", kindCode: "cell", parentId: tree.wardA), on: $0) }
            }
            #expect(replacement?.fields == ["name"])

            let underCell = await domainError {
                _ = try await app.write { try await OrganizationCommands.create(
                    NewOrganization(name: "Tổ đảng", code: "X2", kindCode: "cell", parentId: tree.cellA1), on: $0) }
            }
            #expect(underCell?.fields == ["parentId"])

            let duplicate = await domainError {
                _ = try await app.write { try await OrganizationCommands.create(
                    NewOrganization(name: "Chi bộ mới", code: "pa-1", kindCode: "cell", parentId: tree.wardA), on: $0) }
            }
            #expect(duplicate?.kind == .conflict)
            #expect(duplicate?.fields == ["code"])
            #expect(try await app.rowCount("organizations") == before)
            #expect(try await app.rowCount("organization_versions") == before)
        }
    }

    @Test("moving a subtree re-roots every descendant and its members", arguments: TestBackend.allCases)
    func move(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let group = try await app.createUnit("Đảng bộ khối cơ quan", code: "KCQ", kind: .upperGrassroots, parent: tree.city, on: "2020-01-01")
            try await app.createMember("Nguyễn Văn An", card: "100001", in: tree.cellA1)
            try await app.createMember("Trần Thị Bình", card: "100002", in: tree.cellA2)
            try await app.createMember("Lê Văn Cường", card: "100003", in: tree.cellB1)

            _ = try await app.write { try await OrganizationCommands.move(tree.wardA, under: group, effectiveOn: "2025-07-01", on: $0) }

            let ward = try await app.unit(tree.wardA)
            let cell = try await app.unit(tree.cellA2)
            #expect(ward.parentId == group)
            #expect(ward.depth == 2)
            #expect(cell.depth == 3)
            #expect(cell.treePath.ids == [tree.city, group, tree.wardA, tree.cellA2])
            #expect(try await app.subtreeCount(group) == 2)
            #expect(try await app.subtreeCount(tree.city) == 3)
            let moved = try await MemberQueries.search(.init(within: try await app.unit(group).treePath), page: 1, perPage: 10, on: app.db)
            #expect(moved.items.map(\.cardNumber).sorted() == ["100001", "100002"])
            #expect(moved.total == 2)

            // Read back where the ward stood before the move.
            let before = try await OrganizationHistory.lineage(of: tree.wardA, on: CalendarDate(year: 2024, month: 1, day: 1)!, db: app.db)
            #expect(before.map(\.organizationId) == [tree.city, tree.wardA])
            let after = try await OrganizationHistory.lineage(of: tree.wardA, on: CalendarDate(year: 2025, month: 7, day: 1)!, db: app.db)
            #expect(after.map(\.organizationId) == [tree.city, group, tree.wardA])
        }
    }

    @Test("a move that would make a cycle, or is dated before the last change, is refused", arguments: TestBackend.allCases)
    func moveRefused(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let pathBefore = try await app.unit(tree.wardA).path
            let cycle = await domainError {
                _ = try await app.write { try await OrganizationCommands.move(tree.city, under: tree.cellA1, effectiveOn: nil, on: $0) }
            }
            #expect(cycle?.fields.contains("parentId") == true)
            let itself = await domainError {
                _ = try await app.write { try await OrganizationCommands.move(tree.wardA, under: tree.wardA, effectiveOn: nil, on: $0) }
            }
            #expect(itself?.fields == ["parentId"])
            let backdated = await domainError {
                _ = try await app.write { try await OrganizationCommands.move(tree.cellA1, under: tree.wardB, effectiveOn: "31/12/2019", on: $0) }
            }
            #expect(backdated?.fields == ["effectiveOn"])
            #expect(try await app.unit(tree.wardA).path == pathBefore)
            #expect(try await app.rowCount("organization_versions") == 6)
        }
    }

    @Test("merging moves units and members to the target and closes the source with a link", arguments: TestBackend.allCases)
    func merge(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await app.createMember("Nguyễn Văn An", card: "200001", in: tree.cellA1)
            try await app.createMember("Phạm Thị Dung", card: "200002", in: tree.cellA2)
            try await app.createMember("Hồ Văn Em", card: "200003", in: tree.cellA2, status: .deceased)
            try await app.createMember("Lê Văn Cường", card: "200004", in: tree.cellB1)

            // Two cells merge: the members on the roll move, the record of a deceased member stays.
            _ = try await app.write { try await OrganizationCommands.merge(tree.cellA2, into: tree.cellA1, effectiveOn: "2025-07-01", on: $0) }
            let source = try await app.unit(tree.cellA2)
            #expect(source.status == .merged)
            #expect(source.mergedIntoId == tree.cellA1)
            #expect(source.validTo?.iso == "2025-07-01")
            #expect(source.memberCount == 0)
            #expect(try await app.unit(tree.cellA1).memberCount == 2)

            // Two wards merge: the cells go with their members.
            _ = try await app.write { try await OrganizationCommands.merge(tree.wardB, into: tree.wardA, effectiveOn: "2025-07-01", on: $0) }
            #expect(try await app.unit(tree.cellB1).parentId == tree.wardA)
            #expect(try await app.subtreeCount(tree.wardA) == 3)
            #expect(try await app.subtreeCount(tree.wardB) == 0)
            #expect(try await app.subtreeCount(tree.city) == 3)
            #expect(try await app.storedCountsMatchMembers())
            let transfers = try await MemberTransfer.query(on: app.db).filter(\.$fromOrganizationId == tree.cellA2).count()
            #expect(transfers == 1)

            // A closed unit's past is still readable.
            let then = try #require(try await OrganizationHistory.version(of: tree.wardB, on: CalendarDate(year: 2025, month: 6, day: 30)!, db: app.db))
            #expect(then.name == "Đảng bộ phường Đa Kao")
            #expect(try await OrganizationHistory.version(of: tree.wardB, on: CalendarDate(year: 2025, month: 7, day: 1)!, db: app.db) == nil)
            let oldChildren = try await OrganizationHistory.children(of: tree.wardB, on: CalendarDate(year: 2025, month: 6, day: 30)!, db: app.db)
            #expect(oldChildren.map(\.organizationId) == [tree.cellB1])
        }
    }

    @Test("merging into a closed unit, into itself or into a unit of another shape is refused", arguments: TestBackend.allCases)
    func mergeRefused(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await app.createMember("Nguyễn Văn An", card: "300001", in: tree.cellA1)
            _ = try await app.write { try await OrganizationCommands.merge(tree.cellA2, into: tree.cellA1, effectiveOn: nil, on: $0) }
            let versions = try await app.rowCount("organization_versions")

            let intoClosed = await domainError {
                _ = try await app.write { try await OrganizationCommands.merge(tree.cellB1, into: tree.cellA2, effectiveOn: nil, on: $0) }
            }
            #expect(intoClosed?.fields == ["targetId"])
            #expect(intoClosed?.fieldErrors.first?.message.vi.contains("đã đóng") == true)
            let intoChild = await domainError {
                _ = try await app.write { try await OrganizationCommands.merge(tree.wardA, into: tree.cellA1, effectiveOn: nil, on: $0) }
            }
            #expect(intoChild?.fields.contains("targetId") == true)
            let cellIntoWard = await domainError {
                _ = try await app.write { try await OrganizationCommands.merge(tree.cellA1, into: tree.wardB, effectiveOn: nil, on: $0) }
            }
            #expect(cellIntoWard?.fields == ["targetId"])
            let closedSource = await domainError {
                _ = try await app.write { try await OrganizationCommands.merge(tree.cellA2, into: tree.cellB1, effectiveOn: nil, on: $0) }
            }
            #expect(closedSource?.fields == ["id"])
            #expect(try await app.rowCount("organization_versions") == versions)
            #expect(try await app.unit(tree.cellA1).memberCount == 1)
        }
    }

    @Test("renaming keeps the old name in history; dissolving needs an empty unit", arguments: TestBackend.allCases)
    func renameAndDissolve(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await app.createMember("Nguyễn Văn An", card: "400001", in: tree.cellB1)
            _ = try await app.write {
                try await OrganizationCommands.update(tree.wardA, OrganizationChanges(name: "Đảng bộ phường Sài Gòn", effectiveOn: "2025-07-01"), on: $0)
            }
            let old = try await OrganizationHistory.version(of: tree.wardA, on: CalendarDate(year: 2025, month: 6, day: 30)!, db: app.db)
            let new = try await OrganizationHistory.version(of: tree.wardA, on: CalendarDate(year: 2025, month: 7, day: 1)!, db: app.db)
            #expect(old?.name == "Đảng bộ phường Bến Nghé")
            #expect(new?.name == "Đảng bộ phường Sài Gòn")
            #expect(try await app.unit(tree.wardA).nameSearch == "dang bo phuong sai gon")

            let notEmpty = await domainError {
                _ = try await app.write { try await OrganizationCommands.dissolve(tree.wardB, effectiveOn: nil, note: nil, on: $0) }
            }
            #expect(notEmpty?.fields == ["id"])
            #expect(try await app.unit(tree.wardB).status == .active)

            _ = try await app.write { try await OrganizationCommands.dissolve(tree.cellA2, effectiveOn: "2025-08-01", note: "Quyết định 12-QĐ/ĐU", on: $0) }
            let dissolved = try await app.unit(tree.cellA2)
            #expect(dissolved.status == .dissolved)
            #expect(dissolved.validTo?.iso == "2025-08-01")
            let children = try await OrganizationQueries.children(of: tree.wardA, includeClosed: false, on: app.db)
            #expect(children.map(\.id) == [tree.cellA1])
        }
    }

    @Test("changing kind is checked against what the unit holds", arguments: TestBackend.allCases)
    func kindChange(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await app.createMember("Nguyễn Văn An", card: "500001", in: tree.cellA1)
            let wardToCell = await domainError {
                _ = try await app.write { try await OrganizationCommands.update(tree.wardA, OrganizationChanges(kindCode: "cell"), on: $0) }
            }
            #expect(wardToCell?.fields == ["kindCode"])
            let cellToWard = await domainError {
                _ = try await app.write { try await OrganizationCommands.update(tree.cellA1, OrganizationChanges(kindCode: "commune"), on: $0) }
            }
            #expect(cellToWard?.fields == ["kindCode"])
        }
    }
}

@Suite("Organisation kinds")
struct OrganizationKindTests {
    @Test("kinds are a list an installation extends, and a new kind is usable at once", arguments: TestBackend.allCases)
    func addKind(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let admin = try await app.admin()
            let tester = try app.testing()
            let created = try await tester.sendRequest(.POST, "/api/v1/organization-kinds", headers: admin.api) {
                try $0.content.encode(NewOrganizationKind(code: "military-region", nameVi: "Đảng bộ Quân khu", nameEn: "Military region committee", holdsMembers: false))
            }
            #expect(created.status == .created)
            let kinds = try await tester.sendRequest(.GET, "/api/v1/organization-kinds", headers: admin.api).content.decode([OrganizationAPI.KindDTO].self)
            #expect(kinds.first?.code == "central")
            #expect(kinds.last?.name == "Đảng bộ Quân khu")
            #expect(kinds.count == StandardOrganizationKind.allCases.count + 1)
            let unit = try await app.createUnit("Đảng bộ Quân khu 7", code: "QK7", kind: .province, parent: nil)
            _ = try await app.write { try await OrganizationCommands.update(unit, OrganizationChanges(kindCode: "military-region"), on: $0) }
            #expect(try await app.unit(unit).kindCode == "military-region")

            let again = try await tester.sendRequest(.POST, "/api/v1/organization-kinds", headers: admin.api) {
                try $0.content.encode(NewOrganizationKind(code: "military-region", nameVi: "X", nameEn: "X", holdsMembers: false))
            }
            #expect(again.status == .conflict)
            let bad = try await tester.sendRequest(.POST, "/api/v1/organization-kinds", headers: admin.api) { try $0.content.encode(NewOrganizationKind(code: "Quân khu")) }
            #expect(bad.status == .unprocessableEntity)
            #expect(try await app.rowCount("organization_kinds") == StandardOrganizationKind.allCases.count + 1)
        }
    }
}
