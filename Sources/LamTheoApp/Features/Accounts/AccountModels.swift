import Fluent
import LamTheoCore
import Vapor

/// A person who signs in to LamTheo.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// Lowercase ASCII; what the person types to sign in.
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    /// bcrypt.
    @Field(key: "password_hash") var passwordHash: String
    /// False from deactivation to reactivation: no sign-in, no token.
    @Field(key: "is_active") var isActive: Bool
    /// Set by a reset: the password is a temporary one, and the account may do nothing but change it.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @OptionalField(key: "password_changed_at") var passwordChangedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A role held by a user over a part of the tree, from one day to (optionally) another.
final class RoleGrant: Model, @unchecked Sendable {
    static let schema = "role_grants"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "user_id") var userId: Int
    @Field(key: "role") var role: Role
    /// The root of the subtree an officer or secretary works in.
    @OptionalField(key: "organization_id") var organizationId: Int?
    @OptionalField(key: "level") var level: OfficerLevel?
    /// The member record a member-role user is.
    @OptionalField(key: "member_id") var memberId: Int?
    @Field(key: "starts_on") var startsOn: CalendarDate
    /// The last day the grant is in force (a deputy's stand-in ends); nil for open-ended.
    @OptionalField(key: "ends_on") var endsOn: CalendarDate?
    @OptionalField(key: "granted_by") var grantedBy: Int?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    func isInForce(on day: CalendarDate) -> Bool {
        revokedAt == nil && startsOn <= day && (endsOn.map { day <= $0 } ?? true)
    }
}

/// A bearer token for the API. Only its SHA-256 is stored; the token itself is shown once.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "user_id") var userId: Int
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    /// Kept to within `LastSeen.step`, like a session's last sight.
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A signed-in browser. The cookie carries a random token; only its SHA-256 is stored.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "user_id") var userId: Int
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "ip") var ip: String?
    /// The browser's `User-Agent`, as it said at sign-in (cut to 255 characters).
    @OptionalField(key: "user_agent") var userAgent: String?
    /// Kept to within `LastSeen.step`, so that a page view seldom writes.
    @OptionalField(key: "last_seen_at") var lastSeenAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// One failed sign-in, kept a short while to slow down and then stop password guessing, per account
/// (`user:name`) and per address (`ip:1.2.3.4`).
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "key") var key: String
    @Field(key: "failed_at") var failedAt: Date

    init() {}
}
