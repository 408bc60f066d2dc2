import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

/// A signed-in caller for HTTP tests: a user with one role, reachable by bearer token (API) and by
/// session cookie plus anti-forgery token (web).
struct Caller: Sendable {
    let userId: Int
    let username: String
    let token: String
    let session: String

    /// The anti-forgery token of this caller's browser session.
    var csrf: String { CSRFMiddleware.token(forSession: session) }

    /// Headers for an API call.
    var api: HTTPHeaders { ["Authorization": "Bearer \(token)"] }

    /// Headers for a browser request, with the session cookie.
    var web: HTTPHeaders { ["Cookie": "\(SessionCookie.name)=\(session)"] }

    /// Form fields with the session's anti-forgery token added.
    func form(_ fields: [String: String]) -> [String: String] {
        fields.merging([CSRFMiddleware.fieldName: csrf]) { first, _ in first }
    }
}

extension Application {
    static let testPassword = "correct horse battery"

    /// Creates an account with one role and signs it in both ways.
    func caller(_ username: String, _ role: Role, scope: Int? = nil, level: OfficerLevel? = nil, member: Int? = nil,
                startsOn: String? = nil, endsOn: String? = nil) async throws -> Caller {
        let hasher = password.async
        let user = try await write { db in
            let user = try await AccountCommands.createUser(NewUser(username: username, displayName: username, password: Application.testPassword),
                                                            hasher: hasher, on: db)
            _ = try await AccountCommands.grant(NewGrant(role: role.rawValue, organizationId: scope, level: level?.rawValue, memberId: member,
                                                         startsOn: startsOn, endsOn: endsOn), to: user.requireID(), by: nil, on: db)
            return user
        }
        let token = SecretToken.make(prefix: "lt_")
        let session = SecretToken.make(prefix: "ls_")
        _ = try await write { db in
            _ = try await SessionCookie.start(session, for: user, ip: nil, on: db)
            return try await AccountCommands.issueToken(token, for: user, name: "test", days: 1, on: db)
        }
        return Caller(userId: user.requireID(), username: username, token: token, session: session)
    }

    /// An administrator, for tests about something other than access.
    func admin() async throws -> Caller {
        try await caller("admin", .administrator)
    }
}

extension HTTPHeaders {
    func adding(_ name: String, _ value: String) -> HTTPHeaders {
        var headers = self
        headers.add(name: name, value: value)
        return headers
    }
}
