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
        api.post(AccountRoute.password, use: changePassword).requiring(.signedIn)
        api.get(AccountRoute.sessions, use: sessions).requiring(.signedIn)
        api.delete(AccountRoute.sessions, use: endSessions).requiring(.signedIn)
        api.delete(AccountRoute.session(.key), use: endSession).requiring(.signedIn)
        api.get(AccountRoute.myTokens, use: tokens).requiring(.signedIn)
        api.delete(AccountRoute.myToken(.key), use: endToken).requiring(.signedIn)
        api.post(AccountRoute.passwordReset(.key), use: resetPassword).requiring(.capability(.delegate))
        api.post(AccountRoute.deactivation(.key), use: deactivate).requiring(.capability(.delegate))
        api.post(AccountRoute.reactivation(.key), use: reactivate).requiring(.capability(.delegate))
    }

    struct TokenRequest: Content {
        var username: String?
        var password: String?
        var name: String?
        var expiresInDays: Int?
        /// When `password` is a temporary one (after a reset), the new password to replace it with: no token is
        /// issued for a temporary password.
        var newPassword: String?
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
        /// False once deactivated: no sign-in, no token.
        let active: Bool
        /// The password is a temporary one, to be changed at the next sign-in.
        let mustChangePassword: Bool
        let grants: [GrantDTO]

        /// The account with its roles not revoked.
        static func of(_ user: User, on db: any Database) async throws -> UserDTO {
            let grants = try await RoleGrant.query(on: db).filter(\.$userId == user.requireID()).filter(\.$revokedAt == nil).sort(\.$id).all()
            return UserDTO(id: user.requireID(), username: user.username, displayName: user.displayName, active: user.isActive,
                           mustChangePassword: user.mustChangePassword, grants: grants.map(GrantDTO.init))
        }
    }

    struct PasswordChange: Content {
        var currentPassword: String?
        var newPassword: String?
    }

    /// A browser session of the caller's.
    struct SessionDTO: Content {
        let id: Int
        let startedAt: Date?
        let lastSeenAt: Date?
        let expiresAt: Date
        let ip: String?
        let userAgent: String?

        init(_ line: MyAccount.SessionLine) {
            id = line.id
            startedAt = line.startedAt
            lastSeenAt = line.lastSeenAt
            expiresAt = line.expiresAt
            ip = line.ip
            userAgent = line.userAgent
        }
    }

    /// An API token of the caller's (never the token itself, which is not kept).
    struct TokenInfoDTO: Content {
        let id: Int
        let name: String
        let createdAt: Date?
        let expiresAt: Date
        let lastUsedAt: Date?
        /// The token this request carries.
        let current: Bool
    }

    struct PasswordResetDTO: Content {
        let user: UserDTO
        /// Shown once: only its hash is kept. The account must replace it at its next sign-in.
        let temporaryPassword: String
    }

    static func issueToken(request: Request) async throws -> Response {
        let body = try request.content.decode(TokenRequest.self)
        let verified = try await SignIn.verify(username: body.username, password: body.password, ip: request.clientAddress, app: request.application)
        let user: User
        if verified.mustChangePassword {
            guard body.newPassword != nil else {
                throw DomainError(.forbidden, title: temporaryPassword, fieldErrors: [FieldError(field: "newPassword", message: temporaryPassword)])
            }
            user = try await AccountActions.replaceTemporaryPassword(of: verified, temporary: body.password ?? "", new: body.newPassword, request: request)
        } else {
            user = verified
        }
        let secret = SecretToken.make(prefix: "lt_")
        let token = try await request.write(AuditSubject("token.issue", APIToken.self), signingIn: (user.id, user.username)) {
            try await AccountCommands.issueToken(secret, for: user, name: body.name, days: body.expiresInDays, on: $0)
        }
        return try await TokenDTO(id: token.id!, token: secret, expiresAt: token.expiresAt).encodeResponse(status: .created, for: request)
    }

    static let temporaryPassword = LocalizedText(
        vi: "Mật khẩu này là mật khẩu tạm thời: hãy đặt mật khẩu mới (gửi kèm newPassword, hoặc đăng nhập trên trang web) trước khi lấy khóa truy cập",
        en: "This password is a temporary one: set a new one (send newPassword too, or sign in on the web) before asking for a token")

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
        return try await UserDTO.of(user, on: request.db).encodeResponse(status: .created, for: request)
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

    // MARK: Looking after accounts

    static func changePassword(request: Request) async throws -> HTTPStatus {
        let body = try request.content.decode(PasswordChange.self)
        _ = try await AccountActions.changePassword(current: body.currentPassword, new: body.newPassword, repeated: nil, request: request)
        return .noContent
    }

    static func sessions(request: Request) async throws -> [SessionDTO] {
        try await MyAccount.Query.sessions(of: try request.requireActor().userId, thisBrowser: nil, on: request.db).map(SessionDTO.init)
    }

    static func endSessions(request: Request) async throws -> HTTPStatus {
        try await AccountActions.endOtherSessions(request: request)
        return .noContent
    }

    static func endSession(request: Request) async throws -> HTTPStatus {
        try await AccountActions.endSession(try request.id(), request: request)
        return .noContent
    }

    static func tokens(request: Request) async throws -> [TokenInfoDTO] {
        let userId = try request.requireActor().userId
        let current = try await request.headers.bearerAuthorization.asyncMap {
            try await APIToken.query(on: request.db).filter(\.$tokenHash == SecretToken.hash($0.token)).first()?.id
        } ?? nil
        return try await MyAccount.Query.tokens(of: userId, on: request.db).map {
            TokenInfoDTO(id: $0.id, name: $0.name, createdAt: $0.createdAt, expiresAt: $0.expiresAt, lastUsedAt: $0.lastUsedAt, current: $0.id == current)
        }
    }

    static func endToken(request: Request) async throws -> HTTPStatus {
        try await AccountActions.endToken(try request.id(), request: request)
        return .noContent
    }

    static func resetPassword(request: Request) async throws -> PasswordResetDTO {
        let reset = try await AccountActions.resetPassword(of: try request.id(), request: request)
        return PasswordResetDTO(user: try await UserDTO.of(reset.user, on: request.db), temporaryPassword: reset.temporaryPassword)
    }

    static func deactivate(request: Request) async throws -> UserDTO {
        try await UserDTO.of(try await AccountActions.deactivate(try request.id(), request: request), on: request.db)
    }

    static func reactivate(request: Request) async throws -> UserDTO {
        try await UserDTO.of(try await AccountActions.reactivate(try request.id(), request: request), on: request.db)
    }
}

extension NewGrant: Content {}
