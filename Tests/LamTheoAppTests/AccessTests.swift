import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

/// Roles × scopes × routes. The tree is `SmallTree`; one member in cell A1 and one in cell B1.
@Suite("Access by role and scope")
struct AccessTests {
    struct World {
        let tree: SmallTree
        let memberA: Int
        let memberB: Int
        let admin: Caller
        let cityManager: Caller
        let wardAEditor: Caller
        let wardAViewer: Caller
        let wardBEditor: Caller
        let secretaryA1: Caller
        let memberSelf: Caller

        static func make(_ app: Application) async throws -> World {
            let tree = try await SmallTree.make(on: app)
            let memberA = try await app.createMember("Nguyễn Văn An", card: "A-1".filter(\.isNumber) + "101", in: tree.cellA1)
            let memberB = try await app.createMember("Trần Thị Bích", card: "202", in: tree.cellB1)
            return World(
                tree: tree, memberA: memberA, memberB: memberB,
                admin: try await app.caller("admin", .administrator),
                cityManager: try await app.caller("thanhuy", .officer, scope: tree.city, level: .manager),
                wardAEditor: try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor),
                wardAViewer: try await app.caller("xema", .officer, scope: tree.wardA, level: .viewer),
                wardBEditor: try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor),
                secretaryA1: try await app.caller("bithua1", .secretary, scope: tree.cellA1),
                memberSelf: try await app.caller("dangvien", .member, member: memberA))
        }
    }

    @Test("reading units and members: inside the scope allowed, outside not found, without roles forbidden", arguments: TestBackend.allCases)
    func readMatrix(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await World.make(app)
            let tree = world.tree
            let paths = [
                "wardA": "/api/v1/organizations/\(tree.wardA)", "wardB": "/api/v1/organizations/\(tree.wardB)",
                "cellA1": "/api/v1/organizations/\(tree.cellA1)", "memberA": "/api/v1/members/\(world.memberA)",
                "memberB": "/api/v1/members/\(world.memberB)",
            ]
            let expected: [(String, Caller, [String: HTTPStatus])] = [
                ("admin", world.admin, ["wardA": .ok, "wardB": .ok, "cellA1": .ok, "memberA": .ok, "memberB": .ok]),
                ("city manager", world.cityManager, ["wardA": .ok, "wardB": .ok, "cellA1": .ok, "memberA": .ok, "memberB": .ok]),
                ("ward A editor", world.wardAEditor, ["wardA": .ok, "wardB": .notFound, "cellA1": .ok, "memberA": .ok, "memberB": .notFound]),
                ("ward A viewer", world.wardAViewer, ["wardA": .ok, "wardB": .notFound, "cellA1": .ok, "memberA": .ok, "memberB": .notFound]),
                ("ward B editor", world.wardBEditor, ["wardA": .notFound, "wardB": .ok, "cellA1": .notFound, "memberA": .notFound, "memberB": .ok]),
                ("cell A1 secretary", world.secretaryA1, ["wardA": .notFound, "wardB": .notFound, "cellA1": .ok, "memberA": .ok, "memberB": .notFound]),
                ("member", world.memberSelf, ["wardA": .forbidden, "wardB": .forbidden, "cellA1": .forbidden, "memberA": .forbidden, "memberB": .forbidden]),
            ]
            let tester = try app.testing()
            for (name, caller, statuses) in expected {
                for (target, status) in statuses {
                    let api = try await tester.sendRequest(.GET, paths[target]!, headers: caller.api)
                    #expect(api.status == status, "\(name) GET \(target) (API)")
                    let web = try await tester.sendRequest(.GET, paths[target]!.replacingOccurrences(of: "/api/v1", with: ""), headers: caller.web)
                    #expect(web.status == status, "\(name) GET \(target) (web)")
                }
            }
            for path in paths.values {
                #expect(try await tester.sendRequest(.GET, path).status == .unauthorized, "anonymous \(path)")
                let web = try await tester.sendRequest(.GET, path.replacingOccurrences(of: "/api/v1", with: ""))
                #expect(web.status == .seeOther)
                #expect(web.headers.first(name: .location)?.hasPrefix("/login?next=") == true)
            }
        }
    }

    @Test("lists, searches and counts never reveal what lies outside the scope", arguments: TestBackend.allCases)
    func scopedLists(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await World.make(app)
            let tester = try app.testing()
            let viewer = world.wardAViewer.api

            let members = try await tester.sendRequest(.GET, "/api/v1/members", headers: viewer).content.decode(PageDTO<MemberAPI.MemberDTO>.self)
            #expect(members.items.map(\.id) == [world.memberA])
            #expect(members.total == 1)
            let search = try await tester.sendRequest(.GET, "/api/v1/members?q=tran%20thi%20bich", headers: viewer).content.decode(PageDTO<MemberAPI.MemberDTO>.self)
            #expect(search.total == 0)
            let byCard = try await tester.sendRequest(.GET, "/api/v1/members?q=202", headers: viewer).content.decode(PageDTO<MemberAPI.MemberDTO>.self)
            #expect(byCard.total == 0)
            #expect(try await tester.sendRequest(.GET, "/api/v1/members?within=\(world.tree.wardB)", headers: viewer).status == .unprocessableEntity)
            #expect(try await tester.sendRequest(.GET, "/api/v1/organizations/\(world.tree.city)/children", headers: viewer).status == .notFound)

            let units = try await tester.sendRequest(.GET, "/api/v1/organizations?q=phuong", headers: viewer).content.decode(PageDTO<OrganizationAPI.OrganizationDTO>.self)
            #expect(units.items.map(\.id) == [world.tree.wardA])
            let everything = try await tester.sendRequest(.GET, "/api/v1/organizations?per=200", headers: viewer).content.decode(PageDTO<OrganizationAPI.OrganizationDTO>.self)
            #expect(Set(everything.items.map(\.id)) == [world.tree.wardA, world.tree.cellA1, world.tree.cellA2])

            // The web tree starts at the viewer's own ward; the city above it stays out of the breadcrumbs.
            let tree = String(buffer: try await tester.sendRequest(.GET, "/organizations", headers: world.wardAViewer.web).body)
            #expect(tree.contains("Đảng bộ phường Bến Nghé"))
            #expect(!tree.contains("Đảng bộ phường Đa Kao"))
            let cell = String(buffer: try await tester.sendRequest(.GET, "/organizations/\(world.tree.cellA1)", headers: world.wardAViewer.web).body)
            #expect(!cell.contains("Thành phố Hồ Chí Minh"))
            let memberList = String(buffer: try await tester.sendRequest(.GET, "/members?q=bich", headers: world.wardAViewer.web).body)
            #expect(!memberList.contains("Trần Thị Bích"))

            let asOf = try await tester.sendRequest(.GET, "/api/v1/organizations/\(world.tree.cellA1)/as-of/2024-01-01", headers: viewer)
            #expect(try asOf.content.decode(OrganizationAPI.AsOfDTO.self).lineage.map(\.organizationId) == [world.tree.wardA, world.tree.cellA1])
        }
    }

    @Test("writes need the right level at every unit they touch", arguments: TestBackend.allCases)
    func writeMatrix(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await World.make(app)
            let tester = try app.testing()
            let edit = "/api/v1/members/\(world.memberA)"
            let editors: [(String, Caller, HTTPStatus)] = [
                ("admin", world.admin, .ok), ("city manager", world.cityManager, .ok), ("ward A editor", world.wardAEditor, .ok),
                ("cell A1 secretary", world.secretaryA1, .ok), ("ward A viewer", world.wardAViewer, .forbidden),
                ("ward B editor", world.wardBEditor, .notFound), ("member", world.memberSelf, .forbidden),
            ]
            for (name, caller, status) in editors {
                let response = try await tester.sendRequest(.PATCH, edit, headers: caller.api) { try $0.content.encode(["address": "Số 1 \(name)"]) }
                #expect(response.status == status, "\(name) PATCH member")
            }
            let events = try await app.rowCount("audit_events")

            let move = "/api/v1/organizations/\(world.tree.cellA2)/move"
            let movers: [(String, Caller, HTTPStatus)] = [
                ("ward A editor", world.wardAEditor, .forbidden), ("ward A viewer", world.wardAViewer, .forbidden),
                ("cell A1 secretary", world.secretaryA1, .forbidden), ("ward B editor", world.wardBEditor, .forbidden),
                ("member", world.memberSelf, .forbidden),
            ]
            for (name, caller, status) in movers {
                let response = try await tester.sendRequest(.POST, move, headers: caller.api) { try $0.content.encode(["parentId": world.tree.wardB]) }
                #expect(response.status == status, "\(name) move")
            }
            #expect(try await app.rowCount("audit_events") == events, "refused writes leave no event")
            #expect(try await app.unit(world.tree.cellA2).parentId == world.tree.wardA)
            let moved = try await tester.sendRequest(.POST, move, headers: world.cityManager.api) { try $0.content.encode(["parentId": world.tree.wardB]) }
            #expect(moved.status == .ok)

            // A manager of ward A cannot move a unit of ward A into ward B: the target is outside the scope.
            let wardAManager = try await app.caller("quanlya", .officer, scope: world.tree.wardA, level: .manager)
            let outward = try await tester.sendRequest(.POST, "/api/v1/organizations/\(world.tree.cellA1)/move", headers: wardAManager.api) {
                try $0.content.encode(["parentId": world.tree.wardB])
            }
            #expect(outward.status == .unprocessableEntity)
            #expect(try await app.unit(world.tree.cellA1).parentId == world.tree.wardA)

            // Adding a unit at the top of the tree is for administrators only.
            let top = try await tester.sendRequest(.POST, "/api/v1/organizations", headers: world.cityManager.api) {
                try $0.content.encode(NewOrganization(name: "Đảng bộ tỉnh mới", code: "NEW", kindCode: "province"))
            }
            #expect(top.status == .forbidden)
        }
    }

    @Test("the access list: newest first, 50 a page with a link to the earlier ones, one role at a time, members' accounts by their cell",
          arguments: TestBackend.allCases)
    func accessListPages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await World.make(app)
            let tester = try app.testing()
            let wardAManager = try await app.caller("quanlya", .officer, scope: world.tree.wardA, level: .manager)
            let memberB = try await app.caller("dangvienb", .member, member: world.memberB)
            // 55 secretaries' roles in ward A's cell, written directly (the list's paging is the point, not the accounts).
            for number in 100..<155 {
                let user = User()
                user.username = "bt-\(number)"
                user.displayName = "Bí thư \(number)"
                user.passwordHash = "-"
                user.isActive = true
                user.mustChangePassword = false
                try await user.create(on: app.db)
                let grant = RoleGrant()
                grant.userId = user.requireID()
                grant.role = .secretary
                grant.organizationId = world.tree.cellA1
                grant.startsOn = .today()
                try await grant.create(on: app.db)
            }

            let first = String(buffer: try await tester.sendRequest(.GET, "/access", headers: wardAManager.web).body)
            #expect(first.contains("bt-154") && first.contains("bt-105") && !first.contains("bt-104"), "the 50 newest roles")
            let before = try #require(first.firstMatch(of: /before=(\d+)/)?.1)
            let second = String(buffer: try await tester.sendRequest(.GET, "/access?before=\(before)", headers: wardAManager.web).body)
            #expect(second.contains("bt-104") && second.contains("bt-100") && !second.contains("bt-105"))
            #expect(second.contains(world.memberSelf.username) && second.contains(world.secretaryA1.username), "a member's account lies in their cell")
            #expect(!second.contains("before="), "the last page links to no earlier one")
            for page in [first, second] {
                #expect(!page.contains(memberB.username) && !page.contains(world.wardBEditor.username), "ward B's roles are not ward A's manager's")
            }

            let members = String(buffer: try await tester.sendRequest(.GET, "/access?role=member", headers: wardAManager.web).body)
            #expect(members.contains(world.memberSelf.username) && !members.contains("bt-1") && !members.contains(memberB.username))
            let everyone = String(buffer: try await tester.sendRequest(.GET, "/access?role=member", headers: world.admin.web).body)
            #expect(everyone.contains(world.memberSelf.username) && everyone.contains(memberB.username), "an administrator's list is everyone's")
            #expect(try await tester.sendRequest(.GET, "/access?role=chairman", headers: wardAManager.web).status == .badRequest)
        }
    }

    @Test("a role's place follows its member's transfer and its unit's move: the ward managers' lists change, the city's keeps all",
          arguments: TestBackend.allCases)
    func accessListFollowsMoves(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await World.make(app)
            let tester = try app.testing()
            let wardAManager = try await app.caller("quanlya", .officer, scope: world.tree.wardA, level: .manager)
            let wardBManager = try await app.caller("quanlyb", .officer, scope: world.tree.wardB, level: .manager)
            func list(_ caller: Caller) async throws -> String {
                String(buffer: try await tester.sendRequest(.GET, "/access", headers: caller.web).body)
            }
            /// Grants whose stored place is not their unit's or their member's cell's path now.
            func misplaced() async throws -> Int {
                try await app.db.sql.raw("""
                    SELECT COUNT(*) AS n FROM role_grants g LEFT JOIN organizations o ON o.id = g.organization_id LEFT JOIN members m ON m.id = g.member_id
                    WHERE g.organization_path IS DISTINCT FROM COALESCE(o.path, m.organization_path)
                    """).first()!.decode(column: "n", as: Int.self)
            }
            let (member, secretary) = (world.memberSelf.username, world.secretaryA1.username)
            var (wardA, wardB) = (try await list(wardAManager), try await list(wardBManager))
            #expect(wardA.contains(member) && !wardB.contains(member) && wardA.contains(secretary))
            #expect(try await misplaced() == 0)

            _ = try await app.write { try await MemberCommands.transfer(world.memberA, to: world.tree.cellB1, on: nil, reason: nil, db: $0) }
            (wardA, wardB) = (try await list(wardAManager), try await list(wardBManager))
            #expect(!wardA.contains(member) && wardB.contains(member), "the account went with its member")
            _ = try await app.write { try await OrganizationCommands.move(world.tree.cellA1, under: world.tree.wardB, effectiveOn: nil, on: $0) }
            (wardA, wardB) = (try await list(wardAManager), try await list(wardBManager))
            #expect(!wardA.contains(secretary) && wardB.contains(secretary), "the role went with its unit")
            #expect(try await misplaced() == 0)
            let city = try await list(world.cityManager)
            #expect(city.contains(member) && city.contains(secretary) && city.contains(wardBManager.username), "the root's manager sees every role")
        }
    }

    @Test("roles are delegated only inside one's own scope; a deputy's role ends on its date", arguments: TestBackend.allCases)
    func delegation(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let world = try await World.make(app)
            let tester = try app.testing()
            let wardAManager = try await app.caller("quanlya", .officer, scope: world.tree.wardA, level: .manager)
            let users = try await app.rowCount("users")

            let inside = try await tester.sendRequest(.POST, "/api/v1/users", headers: wardAManager.api) {
                try $0.content.encode(AccountAPI.NewUserRequest(username: "pho-bi-thu", displayName: "Phó Bí thư", password: "mat-khau-du-dai",
                                                                grant: NewGrant(role: "officer", organizationId: world.tree.cellA1, level: "editor", endsOn: "2099-12-31")))
            }
            #expect(inside.status == .created)
            let outside = try await tester.sendRequest(.POST, "/api/v1/users", headers: wardAManager.api) {
                try $0.content.encode(AccountAPI.NewUserRequest(username: "ngoai-pham-vi", displayName: "X", password: "mat-khau-du-dai",
                                                                grant: NewGrant(role: "officer", organizationId: world.tree.wardB, level: "viewer")))
            }
            #expect(outside.status == .forbidden)
            let escalate = try await tester.sendRequest(.POST, "/api/v1/users/\(world.wardAViewer.userId)/grants", headers: wardAManager.api) {
                try $0.content.encode(NewGrant(role: "administrator"))
            }
            #expect(escalate.status == .forbidden)
            let notManager = try await tester.sendRequest(.POST, "/api/v1/users", headers: world.wardAEditor.api) {
                try $0.content.encode(AccountAPI.NewUserRequest(username: "khong-quyen", displayName: "X", password: "mat-khau-du-dai",
                                                                grant: NewGrant(role: "officer", organizationId: world.tree.cellA1, level: "viewer")))
            }
            #expect(notManager.status == .forbidden)
            #expect(try await app.rowCount("users") == users + 1)

            // The same on the access page.
            let page = String(buffer: try await tester.sendRequest(.GET, "/access", headers: wardAManager.web).body)
            #expect(page.contains("pho-bi-thu"))
            #expect(!page.contains("phuongb"), "roles outside the manager's scope are not listed")
            let viaForm = try await tester.sendRequest(.POST, "/access/users", headers: wardAManager.web) {
                try $0.content.encode(wardAManager.form(["username": "uy-vien", "displayName": "Chi ủy viên", "password": "mat-khau-du-dai",
                                                   "role": "secretary", "organizationCode": "PA-2"]), as: .urlEncodedForm)
            }
            #expect(viaForm.status == .seeOther)
            let refused = try await tester.sendRequest(.POST, "/access/users", headers: wardAManager.web) {
                try $0.content.encode(wardAManager.form(["username": "ngoai", "displayName": "X", "password": "mat-khau-du-dai",
                                                   "role": "secretary", "organizationCode": "PB-1"]), as: .urlEncodedForm)
            }
            #expect(refused.status == .unprocessableEntity)
            #expect(String(buffer: refused.body).contains("nằm ngoài phạm vi"))
            #expect(try await app.rowCount("users") == users + 2)

            let expired = try await app.caller("pho-cu", .officer, scope: world.tree.wardA, level: .editor, startsOn: "2020-01-01", endsOn: "2020-12-31")
            #expect(try await tester.sendRequest(.GET, "/api/v1/organizations/\(world.tree.wardA)", headers: expired.api).status == .forbidden)

            // Revoking takes effect at once.
            let grant = try #require(try await RoleGrant.query(on: app.db).filter(\.$userId == world.wardAViewer.userId).first())
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/grants/\(grant.id!)", headers: world.wardBEditor.api).status == .forbidden)
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/grants/\(grant.id!)", headers: wardAManager.api).status == .ok)
            #expect(try await tester.sendRequest(.GET, "/api/v1/organizations/\(world.tree.wardA)", headers: world.wardAViewer.api).status == .forbidden)
        }
    }

    @Test("every route but the public ones turns an anonymous caller away")
    func anonymousEverywhere() async throws {
        try await withTestApp(.sqlite) { app in
            let tester = try app.testing()
            for route in app.routes.all where route.policy != .everyone && route.policy?.ignoresCaller != true {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter = component { return "1" }
                    return component.description
                }.joined(separator: "/")
                let response = try await tester.sendRequest(route.method, path)
                let isAPI = path.hasPrefix("/api/")
                if isAPI || route.method != .GET {
                    // Web forms are refused before the policy by the missing anti-forgery token (403).
                    #expect([.unauthorized, .forbidden].contains(response.status), "\(route.method) \(path): \(response.status)")
                } else {
                    #expect(response.status == .seeOther, "\(route.method) \(path)")
                }
            }
        }
    }
}
