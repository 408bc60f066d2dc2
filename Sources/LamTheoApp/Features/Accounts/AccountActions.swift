import Fluent
import LamTheoCore
import Vapor

/// The account writes as a caller makes them, from a page or the API: each one audited transaction, the
/// rights checked by the command (`AccountCommands.accountLookedAfter`), a password proved through the
/// sign-in throttle so that a stolen session cannot guess its way to a new password.
enum AccountActions {
    /// The caller changes their own password; their other browser sessions end, this one stays.
    static func changePassword(current: String?, new: String?, repeated: String?, request: Request) async throws -> User {
        let actor = try request.requireActor()
        let current = current ?? ""
        var errors = AccountCommands.newPasswordErrors(new, repeated: repeated, current: current, username: actor.username)
        if current.isEmpty {
            errors.insert(FieldError(field: "currentPassword", message: LocalizedText(vi: "Hãy nhập mật khẩu hiện tại", en: "Enter the current password")), at: 0)
        } else {
            do {
                _ = try await SignIn.verify(username: actor.username, password: current, ip: request.clientAddress, app: request.application)
            } catch let error as DomainError where error.kind == .unauthorized {
                errors.insert(FieldError(field: "currentPassword", message: LocalizedText(
                    vi: "Mật khẩu hiện tại không đúng", en: "The current password is wrong")), at: 0)
            }
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return try await setPassword(of: actor.userId, username: actor.username, current: current, new: new, repeated: repeated,
                                     keeping: request.browserSessionId, request: request)
    }

    /// A temporary password replaced in the token request that proved it (`POST /auth/tokens` with `newPassword`).
    static func replaceTemporaryPassword(of user: User, temporary: String, new: String?, request: Request) async throws -> User {
        try await setPassword(of: user.requireID(), username: user.username, current: temporary, new: new, repeated: nil, keeping: nil, request: request)
    }

    private static func setPassword(of userId: Int, username: String, current: String, new: String?, repeated: String?, keeping session: Int?,
                                    request: Request) async throws -> User {
        let hasher = request.password.async
        return try await request.write(AuditSubject("user.password.change", User.self, id: userId), signingIn: (userId, username)) {
            try await AccountCommands.changePassword(of: userId, from: current, to: new, repeated: repeated, keeping: session, hasher: hasher, on: $0)
        }
    }

    /// A new temporary password for an account the caller looks after, returned once with the account.
    static func resetPassword(of userId: Int, request: Request) async throws -> (user: User, temporaryPassword: String) {
        let actor = try request.requireActor()
        let temporary = TemporaryPassword.make()
        let hasher = request.password.async
        let user = try await request.write(AuditSubject("user.password.reset", User.self, id: userId)) {
            try await AccountCommands.resetPassword(of: userId, to: temporary, by: actor, hasher: hasher, on: $0)
        }
        return (user, temporary)
    }

    static func deactivate(_ userId: Int, request: Request) async throws -> User {
        let actor = try request.requireActor()
        return try await request.write(AuditSubject("user.deactivate", User.self, id: userId)) {
            try await AccountCommands.deactivate(userId, by: actor, on: $0)
        }
    }

    static func reactivate(_ userId: Int, request: Request) async throws -> User {
        let actor = try request.requireActor()
        return try await request.write(AuditSubject("user.reactivate", User.self, id: userId)) {
            try await AccountCommands.reactivate(userId, by: actor, on: $0)
        }
    }

    /// Ends one of the caller's own browser sessions.
    static func endSession(_ id: Int, request: Request) async throws {
        let actor = try request.requireActor()
        try await request.write(AuditSubject("session.end", UserSession.self, id: id)) {
            try await AccountCommands.endSession(id, of: actor.userId, on: $0)
        }
    }

    /// Ends the caller's browser sessions but the one the request came with (all of them, from the API).
    static func endOtherSessions(request: Request) async throws {
        let actor = try request.requireActor()
        let kept = request.browserSessionId
        try await request.write(AuditSubject("user.sessions.end", User.self, id: actor.userId)) {
            try await AccountCommands.endSessions(of: actor.userId, except: kept, on: $0)
        }
    }

    /// Revokes one of the caller's own API tokens.
    static func endToken(_ id: Int, request: Request) async throws {
        let actor = try request.requireActor()
        try await request.write(AuditSubject("token.revoke", APIToken.self, id: id)) {
            try await AccountCommands.revokeToken(id, of: actor.userId, on: $0)
        }
    }
}

/// A password for someone to type once, from a screen or read over the phone: 12 lowercase letters and digits in
/// three groups (`k7mq-3xtp-h9wd`), none that can be taken for another (no 0/o, 1/l/i), about 59 bits.
enum TemporaryPassword {
    private static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let groups = (0..<3).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }
            let password = groups.joined(separator: "-")
            // A run or a common word by chance is as guessable as one chosen.
            if PasswordPolicy.problem(password) == nil { return password }
        }
    }
}
