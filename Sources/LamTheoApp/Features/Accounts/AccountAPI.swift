import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/auth/tokens`, `/api/v1/me`, `/api/v1/users` and `/api/v1/grants`.
enum AccountAPI {
    static func register(on api: any RoutesBuilder) {
        api.post(AccountRoute.tokens, use: issueToken).requiring(.everyone)
        api.delete(AccountRoute.currentToken, use: revokeCurrentToken).requiring(.signedIn)
        api.get(AccountRoute.me, use: me).requiring(.signedIn)
        api.post(AccountRoute.users, use: createUser).requiring(.capability(.delegate))
        api.post(AccountRoute.userGrants(.key), use: grant).requiring(.capability(.delegate))
        api.delete(AccountRoute.grant(.key), use: revoke).requiring(.capability(.delegate))
    }

    struct TokenRequest: Content {
        var username: String?
        var password: String?
        var name: String?
        var expiresInDays: Int?
    }

    struct TokenDTO: Content {
        let id: Int
        /// Shown once: only its hash is kept.
        let token: String
        let expiresAt: Date
    }

    struct GrantDTO: Content {
        let id: Int
        let role: Role
        let organizationId: Int?
        let level: OfficerLevel?
        let memberId: Int?
        let startsOn: CalendarDate
        let endsOn: CalendarDate?

        init(_ grant: RoleGrant) {
            id = grant.id!
            role = grant.role
            organizationId = grant.organizationId
            level = grant.level
            memberId = grant.memberId
            startsOn = grant.startsOn
            endsOn = grant.endsOn
        }
    }

    struct MeDTO: Content {
        let userId: Int
        let username: String
        let displayName: String
        let grants: [Grant]
    }

    struct NewUserRequest: Content {
        var username: String?
        var displayName: String?
        var password: String?
        /// The first role, given in the same write: an account with no role sees nothing.
        var grant: NewGrant?
    }

    struct UserDTO: Content {
        let id: Int
        let username: String
        let displayName: String
        let grants: [GrantDTO]
    }

    static func issueToken(request: Request) async throws -> Response {
        let body = try request.content.decode(TokenRequest.self)
        let user = try await SignIn.verify(username: body.username, password: body.password, ip: request.remoteAddress?.ipAddress, app: request.application)
        let secret = SecretToken.make(prefix: "lt_")
        let token = try await request.write(AuditSubject("token.issue", APIToken.self), signingIn: (user.id, user.username)) {
            try await AccountCommands.issueToken(secret, for: user, name: body.name, days: body.expiresInDays, on: $0)
        }
        return try await TokenDTO(id: token.id!, token: secret, expiresAt: token.expiresAt).encodeResponse(status: .created, for: request)
    }

    static func revokeCurrentToken(request: Request) async throws -> HTTPStatus {
        let actor = try request.requireActor()
        guard let bearer = request.headers.bearerAuthorization,
              let token = try await APIToken.query(on: request.db).filter(\.$tokenHash == SecretToken.hash(bearer.token)).first() else {
            throw DomainError.invalid(field: "Authorization", LocalizedText(vi: "Yêu cầu này cần khóa truy cập (Bearer)", en: "This request needs a bearer token"))
        }
        try await request.write(AuditSubject("token.revoke", APIToken.self, id: token.id)) {
            try await AccountCommands.revokeToken(token.id!, of: actor.userId, on: $0)
        }
        return .noContent
    }

    static func me(request: Request) async throws -> MeDTO {
        let actor = try request.requireActor()
        return MeDTO(userId: actor.userId, username: actor.username, displayName: actor.displayName, grants: actor.grants)
    }

    static func createUser(request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let body = try request.content.decode(NewUserRequest.self)
        guard let grant = body.grant else {
            throw DomainError.invalid(field: "grant", LocalizedText(vi: "Cần giao ít nhất một vai trò cho tài khoản mới", en: "A new account needs a role"))
        }
        let hasher = request.password.async
        let user = try await request.write(AuditSubject("user.create", User.self)) { db in
            let user = try await AccountCommands.createUser(NewUser(username: body.username, displayName: body.displayName, password: body.password),
                                                            hasher: hasher, on: db)
            _ = try await AccountCommands.grant(grant, to: user.requireID(), by: actor, on: db)
            return user
        }
        let grants = try await RoleGrant.query(on: request.db).filter(\.$userId == user.requireID()).all()
        return try await UserDTO(id: user.requireID(), username: user.username, displayName: user.displayName, grants: grants.map(GrantDTO.init))
            .encodeResponse(status: .created, for: request)
    }

    static func grant(request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let userId = try request.id()
        let body = try request.content.decode(NewGrant.self)
        let grant = try await request.write(AuditSubject("grant.create", RoleGrant.self)) {
            try await AccountCommands.grant(body, to: userId, by: actor, on: $0)
        }
        return try await GrantDTO(grant).encodeResponse(status: .created, for: request)
    }

    static func revoke(request: Request) async throws -> GrantDTO {
        let actor = try request.requireActor()
        let id = try request.id()
        return GrantDTO(try await request.write(AuditSubject("grant.revoke", RoleGrant.self, id: id)) {
            try await AccountCommands.revokeGrant(id, by: actor, on: $0)
        })
    }
}

extension NewGrant: Content {}
