import Fluent
import Foundation
import LamTheoCore
import NIOConcurrencyHelpers
import Vapor

/// A kind of record that lends read-only access for a time — an inspection lends its team the units it
/// inspects —, registered by its feature at start-up so that Access needs not know it. The grants are asked
/// for on every request with that day's date: they end by themselves, no job takes them back.
struct GrantLending: Sendable {
    /// `GrantLender.kind`: "inspection".
    let kind: String
    /// The subtrees lent to the user on `today`, each with the id of the record lending it.
    let lent: @Sendable (_ userId: Int, _ today: CalendarDate, _ db: any Database) async throws -> [(lenderId: Int, scope: TreePath)]
    /// Keeps one read made under the grant alone (who, which unit, which page).
    let log: @Sendable (_ read: LentRead, _ db: any Database) async throws -> Void
}

/// A read made only through a lent grant.
struct LentRead: Sendable, Hashable {
    let lenderId: Int
    let userId: Int
    let username: String
    /// The unit read: the last of the path's ids.
    let organizationId: Int
    /// The method and address of the request: "GET /members?unit=12".
    let page: String
}

enum GrantLendings {
    private static let registered = NIOLockedValueBox([String: GrantLending]())

    static func register(_ lending: GrantLending) {
        registered.withLockedValue { $0[lending.kind] = lending }
    }

    /// Every grant lent to the user today, read-only.
    static func grants(for userId: Int, today: CalendarDate, on db: any Database) async throws -> [Grant] {
        var grants: [Grant] = []
        for lending in registered.withLockedValue({ Array($0.values) }).sorted(by: { $0.kind < $1.kind }) {
            for lent in try await lending.lent(userId, today, db) {
                grants.append(.lentReading(lent.scope, by: GrantLender(kind: lending.kind, id: lent.lenderId)))
            }
        }
        return grants
    }

    fileprivate static func log(_ reads: [(GrantLender, LentRead)], app: Application) async throws {
        let lendings = registered.withLockedValue { $0 }
        let logged = reads.compactMap { lender, read in lendings[lender.kind].map { ($0, read) } }
        guard !logged.isEmpty else { return }
        _ = try await app.writeBookkeeping { db in
            for (lending, read) in logged { try await lending.log(read, db) }
        }
    }
}

extension Request {
    /// Notes a read at `path` when the caller reads it only under lent grants; `LentReadLogMiddleware` keeps it.
    func noteLentReading(at path: TreePath) {
        guard let actor else { return }
        let page = "\(method.rawValue) \(url.string)"
        for lender in actor.lendersOnlyReading(at: path) {
            let read = LentRead(lenderId: lender.id, userId: actor.userId, username: actor.username,
                                organizationId: path.ids.last ?? 0, page: page)
            if !lentReads.contains(where: { $0.0 == lender && $0.1 == read }) { lentReads.append((lender, read)) }
        }
    }

    fileprivate var lentReads: [(GrantLender, LentRead)] {
        get { storage[LentReadsKey.self] ?? [] }
        set { storage[LentReadsKey.self] = newValue }
    }

    private struct LentReadsKey: StorageKey {
        typealias Value = [(GrantLender, LentRead)]
    }
}

/// Keeps the reads a request made under lent grants alone, once it is answered (or refused).
struct LentReadLogMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            try await GrantLendings.log(request.lentReads, app: request.application)
            throw error
        }
        try await GrantLendings.log(request.lentReads, app: request.application)
        return response
    }
}
