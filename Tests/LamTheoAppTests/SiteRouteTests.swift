import Foundation
@testable import LamTheoApp
import Testing
import VaporTesting

/// The route enums are the site's one vocabulary: every route served is one of their addresses, a link
/// is the registered address with its values, and the API's former names still answer.
@Suite("Site routes")
struct SiteRouteTests {
    /// Every feature's addresses. A new feature's enum goes here; a route registered from anything else
    /// fails the first test.
    static let routeKinds: [any SiteRoute.Type] = [
        PlatformRoute.self, AccountRoute.self, AuditRoute.self, APIDocsRoute.self, DocumentRoute.self, StudyRoute.self,
        CommitmentRoute.self, RatingRoute.self, BreakthroughRoute.self, SpreadsheetRoute.self, PrivacyRoute.self,
        OrganizationRoute.self, MemberRoute.self, CampaignRoute.self, CoverageRoute.self, HomeRoute.self, FollowUpRoute.self, BriefingRoute.self,
        InspectionRoute.self, ExemplarRoute.self, JobRoute.self, NotificationRoute.self, DashboardRoute.self, ReportRoute.self,
        PublicRoute.self, PortalRoute.self, PublicArticleRoute.self, CommentRoute.self,
        FeedbackRoute.self, ExemplarPublicRoute.self, CampaignPublicationRoute.self, CampaignPublicRoute.self, LibraryRoute.self, PublicLibraryRoute.self,
    ]

    @Test("every route served is an address of a route enum, and every address a route enum lists is served")
    func everyRouteComesFromAnEnum() async throws {
        try await withTestApp(.sqlite) { app in
            let served = Set(app.routes.all.map { "/" + $0.path.map(\.description).joined(separator: "/") })
            let described = Set(Self.routeKinds.flatMap { Self.addresses(of: $0) })
            #expect(served.subtracting(described).isEmpty, "served but described by no route enum: \(served.subtracting(described).sorted())")
            #expect(described.subtracting(served).isEmpty, "listed by a route enum but not served: \(described.subtracting(served).sorted())")
        }
    }

    /// A route kind's pages, its API routes under `/api/v1` and their former addresses, as registered.
    private static func addresses<Route: SiteRoute>(of kind: Route.Type) -> [String] {
        func path(_ components: [PathComponent]) -> String { "/" + components.map(\.description).joined(separator: "/") }
        return kind.pages.map { path($0.pathComponents) }
            + kind.api.flatMap { route in ([route.pathComponents] + route.formerAPIPathComponents).map { path(APIRoutes.prefix + $0) } }
    }

    @Test("a link is the registered address with its values: path values and query values percent-encoded, nil values left out")
    func linksFollowTheRegisteredAddress() {
        #expect(DocumentRoute.deleteRelation(.value(3), relation: .value(9)).path == "/documents/3/relations/9/delete")
        #expect(DocumentRoute.deleteRelation(.key, relation: .key).pathComponents.map(\.description)
            == ["documents", ":id", "relations", ":relationId", "delete"])
        #expect(PlatformRoute.home.path == "/")
        #expect(SpreadsheetRoute.job(.value("a b/c")).path == "/imports/a%20b%2Fc", "a value never adds a segment")
        #expect(SpreadsheetRoute.job(.value("42")).apiPath == "/api/v1/imports/42")
        #expect(CampaignRoute.list.path(query: ["q": "Nghị quyết & 5=5", .unit: nil as Int?, "page": 2])
            == "/campaigns?q=Ngh%E1%BB%8B%20quy%E1%BA%BFt%20%26%205%3D5&page=2")
        #expect(StudyRoute.reflections.path(query: [.unit: 7, .campaign: 3], fragment: "member-12") == "/reflections?unit=7&campaign=3#member-12")
        #expect(RatingRoute.mine.formerAPIComponents == [["ratings", "mine"]])
    }

    @Test("the API's former path and query names answer as the current ones do", arguments: TestBackend.allCases)
    func formerNamesAnswerLikeCurrentOnes(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let member = try await app.createMember("Nguyễn Văn An", card: "101", in: tree.cellA1)
            _ = try await app.createMember("Trần Thị Bích", card: "202", in: tree.cellB1)
            let admin = try await app.admin()
            let own = try await app.caller("dangvien", .member, member: member)
            let tester = try app.testing()

            func sameAnswer(_ current: String, _ former: String, _ caller: Caller, sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let now = try await tester.sendRequest(.GET, current, headers: caller.api)
                let before = try await tester.sendRequest(.GET, former, headers: caller.api)
                #expect(now.status == .ok, "\(current) answered \(now.status)", sourceLocation: sourceLocation)
                #expect(before.status == now.status && String(buffer: before.body) == String(buffer: now.body),
                        "\(former) answers unlike \(current)", sourceLocation: sourceLocation)
            }
            try await sameAnswer("/api/v1/me/ratings", "/api/v1/ratings/mine", own)
            try await sameAnswer("/api/v1/members?unit=\(tree.wardA)", "/api/v1/members?within=\(tree.wardA)", admin)
            try await sameAnswer("/api/v1/organizations?unit=\(tree.wardB)", "/api/v1/organizations?within=\(tree.wardB)", admin)
            try await sameAnswer("/api/v1/study-sessions?unit=\(tree.cellA1)&campaign=1", "/api/v1/study-sessions?within=\(tree.cellA1)&campaignId=1", admin)
            try await sameAnswer("/api/v1/reflections?campaign=1&unit=\(tree.cellA1)", "/api/v1/reflections?campaignId=1&organizationId=\(tree.cellA1)", admin)
            let members = try await tester.sendRequest(.GET, "/api/v1/members?unit=\(tree.wardA)", headers: admin.api)
            #expect(try members.content.decode(PageDTO<MemberAPI.MemberDTO>.self).items.map(\.fullName) == ["Nguyễn Văn An"])

            // A value the server cannot read is refused under the name the client used.
            let unreadable = try await tester.sendRequest(.GET, "/api/v1/members?within=null", headers: admin.api)
            #expect(unreadable.status == .badRequest)
            #expect(String(buffer: unreadable.body).contains("within"))
            // The page's form and links use the one name.
            let page = String(buffer: try await tester.sendRequest(.GET, "/members?within=\(tree.wardA)", headers: admin.web).body)
            #expect(page.contains(#"name="unit" value="\#(tree.wardA)""#))
        }
    }

    @Test("the API description lists every former address as a deprecated operation, and nothing else as deprecated")
    func formerAddressesAreDocumentedAsDeprecated() async throws {
        try await withTestApp(.sqlite) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
            var deprecated: Set<String> = []
            for (path, operations) in paths {
                for (method, operation) in operations where operation["deprecated"] as? Bool == true {
                    deprecated.insert("\(method.uppercased()) /api/v1\(path)")
                }
            }
            let former = Set(app.routes.all.filter(\.isFormerAddress).map { route in
                "\(route.method.rawValue) /" + route.path.map { component in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
            })
            #expect(!former.isEmpty)
            #expect(deprecated == former)
        }
    }
}
