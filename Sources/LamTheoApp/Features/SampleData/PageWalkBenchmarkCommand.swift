import Fluent
import Foundation
import LamTheoCore
import Vapor

/// `lamtheo benchmark-pages`: every main page and API list at national scale, as five people would open them — an
/// officer of the root, of a province, of a ward, a cell's secretary and a member —, each request over a real socket,
/// p50 and p95 per route beside a plain indexed `COUNT(*)` of the person's scope in the same run. Fills an empty
/// database with the national synthetic organisation first and reuses it afterwards; the five accounts (`bench-…`)
/// are made once and kept.
///
/// "Every main page": each GET route without a parameter in its address that the person's roles admit (the lists, the
/// dashboards, the inboxes, the API's lists), and the person's own unit's page and the first active campaign's page.
/// Files to download are left out: their cost is the file's.
struct PageWalkBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "Synthetic organisation to load into an empty database (default: national)")
        var scale: String?

        @Option(name: "runs", help: "Requests measured per route and person (default: 20)")
        var runs: Int?

        @Option(name: "port", help: "Port LamTheo listens on during the run (default: 18090)")
        var port: Int?

        @Option(name: "only", help: "Measure only the routes whose address contains this text")
        var only: String?

        init() {}
    }

    var help: String { "Walks every main page and API list as five roles at national scale beside a plain COUNT(*)" }

    /// A request over this many milliseconds at p95 fails the issue's target.
    static let limit = 100.0

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        try await TreeBenchmarkCommand.loadIfEmpty(app, scale: signature.scale, console: console)
        let runs = max(signature.runs ?? 20, 3)
        let port = signature.port ?? 18_090
        let people = try await Person.all(on: app)
        console.print("database: \(app.dialect), \(try await Member.query(on: app.db).count()) members; \(runs) requests per route and person")

        app.logger.logLevel = .error
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        var slow: [String] = []
        var dashboards: [String: [Double]] = [:]
        do {
            for person in people {
                let credentials = try await HTTPBenchmarkCommand.Credentials.issue(for: person.user, on: app.db)
                do {
                    let baseline = try await BenchmarkTiming.measure(max(runs, 5)) { _ = try await TreeBenchmarkCommand.plainCount(person.unit.treePath, on: app.db) }
                    console.print("")
                    console.print("\(person.label) — \(person.unit.name); baseline: COUNT(*) of the members of \(person.unit.name)")
                    BenchmarkTiming.header(console)
                    for address in try await addresses(for: person, app: app) where signature.only.map(address.contains) ?? true {
                        let (samples, status) = try await Self.measure(address, credentials: credentials, port: port, runs: runs, client: app.client)
                        let label = status == .ok ? address : "\(address) (\(status.code))"
                        BenchmarkTiming.report(console, label, samples, baseline)
                        let p95 = BenchmarkTiming.percentile(samples, 0.95)
                        if p95 > Self.limit { slow.append(String(format: "%@ · %@: p95 %.1f ms", person.label, label, p95)) }
                        if address == DashboardRoute.show.path { dashboards[person.label] = samples }
                    }
                } catch {
                    try? await credentials.remove(on: app.db)
                    throw error
                }
                try await credentials.remove(on: app.db)
            }
        } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()

        console.print("")
        console.print(slow.isEmpty ? "every route under \(Int(Self.limit)) ms at p95" : "over \(Int(Self.limit)) ms at p95:\n  " + slow.joined(separator: "\n  "))
        if let root = dashboards[Person.Kind.root.label], let ward = dashboards[Person.Kind.ward.label] {
            let (rootP95, wardP95) = (BenchmarkTiming.percentile(root, 0.95), BenchmarkTiming.percentile(ward, 0.95))
            console.print(String(format: "dashboard p95: root %.1f ms, ward %.1f ms — root/ward %.2fx (target: within 2x)", rootP95, wardP95, rootP95 / max(wardP95, 0.001)))
        }
    }

    /// The GET routes without parameters the person's roles admit, then their unit's page and the campaign's.
    private func addresses(for person: Person, app: Application) async throws -> [String] {
        let actor = try await ActorLoader.actor(for: person.user, on: app.db)
        var addresses = app.routes.all.filter { route in
            guard route.method == .GET, let policy = route.policy, !policy.ignoresCaller, policy != .everyone, policy.admits(actor) else { return false }
            let words = route.path.map(\.description)
            return !route.path.contains { if case .constant = $0 { return false } else { return true } }
                && !words.contains { $0.contains(".") || $0 == "export" || $0 == "download" }
        }.map { "/" + $0.path.map(\.description).joined(separator: "/") }
        // A member reads neither page: their own record and their cell's work are theirs.
        if actor.can(.read, at: person.unit.treePath) {
            addresses.append(OrganizationRoute.show(.value(person.unit.requireID())).path)
            if let campaign = try await Campaign.query(on: app.db).sort(\.$id).first() {
                addresses.append(CampaignRoute.show(.value(campaign.requireID())).path)
            }
        }
        return Array(Set(addresses)).sorted()
    }

    /// `runs` requests one after another after a warm-up (three when the warm-up took over a second), sorted
    /// milliseconds and the last answer's status. API addresses carry the bearer token, pages the session cookie. Each asks
    /// for its figures afresh (`Cache-Control: no-cache`): the walk measures reading them, not a page kept from the
    /// warm-up (`DashboardPageCache`).
    private static func measure(_ address: String, credentials: HTTPBenchmarkCommand.Credentials, port: Int, runs: Int,
                                client: any Client) async throws -> ([Double], HTTPStatus) {
        let uri = URI(string: "http://127.0.0.1:\(port)\(address)")
        var headers: HTTPHeaders = [HTTPHeaders.Name.cacheControl.description: "no-cache"]
        if address.hasPrefix(APIRoutes.path + "/") {
            headers.bearerAuthorization = BearerAuthorization(token: credentials.token)
        } else {
            headers.cookie = HTTPCookies(dictionaryLiteral: (Cookies.session, HTTPCookies.Value(string: credentials.session)))
        }
        var status = HTTPStatus.ok
        let warmUp = ContinuousClock.now
        status = try await client.get(uri, headers: headers).status
        let count = (ContinuousClock.now - warmUp) > .seconds(1) ? 3 : runs
        var samples: [Double] = []
        for _ in 0..<count {
            let sent = ContinuousClock.now
            status = try await client.get(uri, headers: headers).status
            samples.append((ContinuousClock.now - sent).milliseconds)
        }
        return (samples.sorted(), status)
    }

    /// One of the five people the walk is made as, with the account it uses.
    struct Person {
        enum Kind: CaseIterable {
            case root, province, ward, secretary, member

            var label: String {
                switch self {
                case .root: return "officer of the root"
                case .province: return "officer of a province"
                case .ward: return "officer of a ward"
                case .secretary: return "secretary of a cell"
                case .member: return "member"
                }
            }
        }

        let kind: Kind
        let user: User
        /// The unit whose members are the baseline's count: the officer's scope, the cell.
        let unit: Organization

        var label: String { kind.label }

        /// The root, its largest level-1 unit, that one's largest unit, a cell under it with members, and a member of
        /// that cell, each with a `bench-…` account made on the first run.
        static func all(on app: Application) async throws -> [Person] {
            let db = app.db
            guard let root = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first() else {
                throw ImportBenchmarkCommand.Failure(description: "benchmark-pages: the database has no organisation")
            }
            let samples = try await TreeBenchmarkCommand.sampleUnits(under: root, on: db).map(\.1)
            guard samples.count == 4, let member = try await Member.query(on: db).filter(\.$organizationId == samples[3].requireID()).sort(\.$id).first() else {
                throw ImportBenchmarkCommand.Failure(description: "benchmark-pages needs a tree of at least three levels with members in its cells")
            }
            let grants: [(Kind, Organization, NewGrant)] = [
                (.root, root, NewGrant(role: Role.officer.rawValue, organizationId: root.id, level: OfficerLevel.manager.rawValue)),
                (.province, samples[1], NewGrant(role: Role.officer.rawValue, organizationId: samples[1].id, level: OfficerLevel.manager.rawValue)),
                (.ward, samples[2], NewGrant(role: Role.officer.rawValue, organizationId: samples[2].id, level: OfficerLevel.editor.rawValue)),
                (.secretary, samples[3], NewGrant(role: Role.secretary.rawValue, organizationId: samples[3].id)),
                (.member, samples[3], NewGrant(role: Role.member.rawValue, memberId: member.id)),
            ]
            var people: [Person] = []
            for (kind, unit, grant) in grants {
                let username = "bench-\(kind)"
                if let user = try await User.query(on: db).filter(\.$username == username).first() {
                    people.append(Person(kind: kind, user: user, unit: unit))
                    continue
                }
                let user = try await app.write(AuditSubject("user.create", User.self), origin: .commandLine(user: "benchmark-pages")) { db in
                    let user = try await AccountCommands.createUser(NewUser(username: username, displayName: kind.label, password: SecretToken.make(prefix: "pw_")),
                                                                    hasher: app.password.async, on: db)
                    _ = try await AccountCommands.grant(grant, to: user.requireID(), by: nil, on: db)
                    return user
                }
                people.append(Person(kind: kind, user: user, unit: unit))
            }
            return people
        }
    }
}
