import Fluent
import LamTheoCore
import Vapor

/// A new account, from the CLI, the API or the access page.
struct NewUser: Codable, Sendable {
    var username: String?
    var displayName: String?
    var password: String?
}

/// A role to give. The unit may be named by id or by code (the CLI uses codes).
struct NewGrant: Codable, Sendable {
    var role: String?
    var organizationId: Int?
    var organizationCode: String?
    var level: String?
    var memberId: Int?
    var startsOn: String?
    /// The last day in force, for a deputy standing in.
    var endsOn: String?
}

/// The writes on accounts and roles.
enum AccountCommands {
    static let minimumPasswordLength = PasswordPolicy.minimumLength

    static func createUser(_ input: NewUser, hasher: AsyncPasswordHasher, on db: any Database) async throws -> User {
        var validator = Validator()
        let username = (input.username ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if !(3...40).contains(username.count) || !username.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }) {
            validator.add("username", LocalizedText(vi: "Tên đăng nhập gồm 3–40 chữ thường không dấu, chữ số hoặc . _ -",
                                                    en: "A username has 3–40 lowercase ASCII letters, digits or . _ -"))
        }
        let displayName = validator.requiredText(input.displayName ?? input.username, field: "displayName", label: LocalizedText(vi: "Họ tên", en: "Name"))
        let password = input.password ?? ""
        // Every new account comes here (API, access page, `lamtheo user create`, demo data); a changed password
        // meets the same rules in `changePassword`.
        if let problem = PasswordPolicy.problem(password, username: username) {
            validator.add("password", problem)
        }
        try validator.throwIfInvalid()
        if try await User.query(on: db).filter(\.$username == username).first() != nil {
            throw DomainError.conflict(field: "username", LocalizedText(vi: "Tên đăng nhập \(username) đã có người dùng", en: "Username \(username) is taken"))
        }
        let user = User()
        user.username = username
        user.displayName = displayName
        user.passwordHash = try await hasher.hash(password)
        user.isActive = true
        user.mustChangePassword = false
        user.passwordChangedAt = Date()
        try await user.create(on: db)
        return user
    }

    /// Gives a role. `granter` is nil for the command line (the first administrator of a new install);
    /// otherwise the grant must fall inside the granter's own scope and never exceed what they hold there.
    static func grant(_ input: NewGrant, to userId: Int, by granter: Actor?, on db: any Database) async throws -> RoleGrant {
        guard try await User.find(userId, on: db) != nil else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tài khoản", en: "Account not found"))
        }
        var validator = Validator()
        let role = Role(rawValue: input.role ?? "")
        if role == nil {
            validator.add("role", LocalizedText(vi: "Vai trò phải là administrator, officer, secretary, member hoặc portalEditor",
                                                en: "The role must be administrator, officer, secretary, member or portalEditor"))
        }
        var unit: Organization?
        if let id = input.organizationId {
            unit = try await Organization.find(id, on: db)
        } else if let code = input.organizationCode?.uppercased() {
            unit = try await Organization.query(on: db).filter(\.$code == code).first()
        }
        let needsUnit = role == .officer || role == .secretary || role == .portalEditor
        if needsUnit, unit == nil {
            validator.add("organizationId", LocalizedText(vi: "Vai trò này cần một tổ chức đảng (phạm vi)", en: "This role needs an organisation (its scope)"))
        }
        if let unit, !unit.isActive {
            validator.add("organizationId", LocalizedText(vi: "\(unit.name) đã đóng", en: "\(unit.name) is closed"))
        }
        if role == .secretary, let unit, try await OrganizationKind.find(unit.kindCode, on: db)?.holdsMembers != true {
            validator.add("organizationId", LocalizedText(vi: "Bí thư chi bộ được giao cho một chi bộ", en: "A secretary's scope is a cell"))
        }
        var level: OfficerLevel?
        if role == .officer {
            level = OfficerLevel(rawValue: input.level ?? "")
            if level == nil {
                validator.add("level", LocalizedText(vi: "Cấp quyền phải là viewer, editor hoặc manager", en: "The level must be viewer, editor or manager"))
            }
        }
        var member: Member?
        if role == .member {
            member = try await input.memberId.asyncMap { try await Member.find($0, on: db) } ?? nil
            if member == nil {
                validator.add("memberId", LocalizedText(vi: "Vai trò đảng viên cần hồ sơ đảng viên tương ứng", en: "The member role needs the member's record"))
            }
        }
        let startsOn = validator.optionalDate(input.startsOn, field: "startsOn", label: LocalizedText(vi: "Ngày bắt đầu", en: "Start date")) ?? CalendarDate.today()
        let endsOn = validator.optionalDate(input.endsOn, field: "endsOn", label: LocalizedText(vi: "Ngày kết thúc", en: "End date"))
        if let endsOn, endsOn < startsOn {
            validator.add("endsOn", LocalizedText(vi: "Ngày kết thúc phải sau ngày bắt đầu", en: "The end date must follow the start date"))
        }
        try validator.throwIfInvalid()

        if let granter {
            let place = unit?.treePath ?? member.flatMap { TreePath(rawValue: $0.organizationPath) }
            let withinScope = place.map { granter.can(.delegate, at: $0) } ?? granter.isAdministrator
            let exceeds = role == .administrator && !granter.isAdministrator
            if !withinScope || exceeds {
                throw DomainError(.forbidden, title: LocalizedText(vi: "Chỉ được giao vai trò trong phạm vi của mình", en: "Roles can only be given inside one's own scope"),
                                  fieldErrors: [FieldError(field: "organizationId", message: LocalizedText(
                                      vi: "Đơn vị này nằm ngoài phạm vi bạn được giao quyền", en: "This unit is outside the scope you may delegate in"))])
            }
        }
        let grant = RoleGrant()
        grant.userId = userId
        grant.role = role!
        grant.organizationId = role == .member ? nil : unit?.id
        grant.level = level
        grant.memberId = member?.id
        grant.startsOn = startsOn
        grant.endsOn = endsOn
        grant.grantedBy = granter?.userId
        try await grant.create(on: db)
        return grant
    }

    static func revokeGrant(_ id: Int, by granter: Actor, on db: any Database) async throws -> RoleGrant {
        let grant = try await revocableGrant(id, by: granter, on: db)
        try await requireAnotherAdministrator(besides: grant, on: db)
        grant.revokedAt = Date()
        try await grant.save(on: db)
        return grant
    }

    /// A role in force that `granter` may take back: one inside their scope (any, for an administrator); not
    /// found otherwise.
    static func revocableGrant(_ id: Int, by granter: Actor, on db: any Database) async throws -> RoleGrant {
        guard let grant = try await RoleGrant.find(id, on: db), grant.revokedAt == nil else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy vai trò", en: "Role not found"))
        }
        let place = try await grant.organizationId.asyncMap { try await Organization.find($0, on: db)?.treePath } ?? nil
        guard granter.isAdministrator || place.map({ granter.can(.delegate, at: $0) }) == true else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy vai trò", en: "Role not found"))
        }
        return grant
    }

    /// Refuses to take away the last administrator role in force: an install without one can no longer give
    /// roles at the top or read the audit. On PostgreSQL two revocations at once take turns here (an advisory
    /// lock held to the commit), so they cannot each leave the other as "the other administrator".
    static func requireAnotherAdministrator(besides grant: RoleGrant, on db: any Database) async throws {
        let today = CalendarDate.today()
        guard grant.role == .administrator, grant.isInForce(on: today) else { return }
        if db.isPostgres {
            try await db.sql.raw("SELECT pg_advisory_xact_lock(\(bind: 72_710_002))").run()
        }
        let id = grant.requireID()
        let holders = try await RoleGrant.query(on: db).filter(\.$role == .administrator).filter(\.$id != id).filter(\.$revokedAt == nil).all()
            .filter { $0.isInForce(on: today) }.map(\.userId)
        let others = holders.isEmpty ? 0 : try await User.query(on: db).filter(\.$id ~~ Set(holders)).filter(\.$isActive == true).count()
        if others == 0 {
            throw DomainError.conflict(field: "id", LocalizedText(
                vi: "Không thể thu hồi vai trò quản trị hệ thống cuối cùng: hãy giao vai trò này cho một tài khoản khác trước",
                en: "The last administrator role cannot be revoked: give the role to another account first"))
        }
    }

    /// Stores a new API token's hash; the clear `secret` is shown to the user once and never stored.
    static func issueToken(_ secret: String, for user: User, name rawName: String?, days: Int?, on db: any Database) async throws -> APIToken {
        var validator = Validator()
        let name = validator.optionalText(rawName, field: "name", label: LocalizedText(vi: "Tên khóa", en: "Token name"), maxLength: 100) ?? "API"
        let lifetime = days ?? 30
        validator.check((1...365).contains(lifetime), "expiresInDays", LocalizedText(vi: "Thời hạn từ 1 đến 365 ngày", en: "The lifetime is 1 to 365 days"))
        try validator.throwIfInvalid()
        let token = APIToken()
        token.userId = user.requireID()
        token.name = name
        token.tokenHash = SecretToken.hash(secret)
        token.expiresAt = Date().addingTimeInterval(Double(lifetime) * 86_400)
        try await token.create(on: db)
        return token
    }

    static func revokeToken(_ id: Int, of userId: Int, on db: any Database) async throws {
        guard let token = try await APIToken.query(on: db).filter(\.$id == id).filter(\.$userId == userId).filter(\.$revokedAt == nil).first() else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy khóa truy cập", en: "Token not found"))
        }
        token.revokedAt = Date()
        try await token.save(on: db)
    }
}

// MARK: Passwords, sessions and tokens

extension AccountCommands {
    /// What is wrong with a new password chosen by its owner: the password rules, the repetition typed on the form
    /// (nil from the API), and sameness with the current one.
    static func newPasswordErrors(_ new: String?, repeated: String?, current: String, username: String) -> [FieldError] {
        let new = new ?? ""
        var validator = Validator()
        if let problem = PasswordPolicy.problem(new, username: username) {
            validator.add("newPassword", problem)
        } else if new == current {
            validator.add("newPassword", LocalizedText(vi: "Mật khẩu mới phải khác mật khẩu hiện tại", en: "The new password must differ from the current one"))
        }
        if let repeated, repeated != new {
            validator.add("repeatedPassword", LocalizedText(vi: "Hai lần nhập mật khẩu mới không khớp nhau", en: "The two new passwords do not match"))
        }
        return validator.errors
    }

    /// Sets the password its owner chose, who has proved `current` (`SignIn.verify`, so guesses are throttled). A
    /// temporary password stops being one. The owner's other browser sessions end (`keeping` is the browser that
    /// asked); API tokens stay: their owner ends them one by one.
    static func changePassword(of userId: Int, from current: String, to new: String?, repeated: String?, keeping session: Int?,
                               hasher: AsyncPasswordHasher, on db: any Database) async throws -> User {
        guard let user = try await User.find(userId, on: db), user.isActive else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tài khoản", en: "Account not found"))
        }
        let errors = newPasswordErrors(new, repeated: repeated, current: current, username: user.username)
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        user.passwordHash = try await hasher.hash(new ?? "")
        user.mustChangePassword = false
        user.passwordChangedAt = Date()
        try await user.save(on: db)
        try await endSessions(of: userId, except: session, on: db)
        return user
    }

    /// A manager's or an administrator's reset: `temporary` (shown once to whoever reset it) replaces the password
    /// and must be changed at the next sign-in; every session and token of the account ends.
    static func resetPassword(of userId: Int, to temporary: String, by actor: Actor, hasher: AsyncPasswordHasher,
                              on db: any Database) async throws -> User {
        let user = try await accountLookedAfter(userId, by: actor, on: db)
        user.passwordHash = try await hasher.hash(temporary)
        user.mustChangePassword = true
        user.passwordChangedAt = Date()
        try await user.save(on: db)
        try await endAccess(of: userId, on: db)
        return user
    }

    /// No sign-in and no token from now on; the sessions and tokens in force end at once, and reactivation does
    /// not bring them back. (The last administrator cannot be deactivated: only another administrator, who stays,
    /// deactivates an administrator.)
    static func deactivate(_ userId: Int, by actor: Actor, on db: any Database) async throws -> User {
        let user = try await accountLookedAfter(userId, by: actor, on: db)
        guard user.isActive else {
            throw DomainError.conflict(field: "id", LocalizedText(vi: "Tài khoản \(user.username) đã bị vô hiệu hóa", en: "Account \(user.username) is already deactivated"))
        }
        user.isActive = false
        try await user.save(on: db)
        try await endAccess(of: userId, on: db)
        return user
    }

    static func reactivate(_ userId: Int, by actor: Actor, on db: any Database) async throws -> User {
        let user = try await accountLookedAfter(userId, by: actor, on: db)
        guard !user.isActive else {
            throw DomainError.conflict(field: "id", LocalizedText(vi: "Tài khoản \(user.username) đang hoạt động", en: "Account \(user.username) is active"))
        }
        user.isActive = true
        try await user.save(on: db)
        return user
    }

    /// Ends one of the owner's browser sessions.
    static func endSession(_ id: Int, of userId: Int, on db: any Database) async throws {
        guard let session = try await UserSession.query(on: db).filter(\.$id == id).filter(\.$userId == userId).first() else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy phiên đăng nhập", en: "Session not found"))
        }
        try await session.delete(on: db)
    }

    /// Ends the account's browser sessions, all of them or all but `kept`.
    static func endSessions(of userId: Int, except kept: Int?, on db: any Database) async throws {
        let sessions = UserSession.query(on: db).filter(\.$userId == userId)
        if let kept { sessions.filter(\.$id != kept) }
        try await sessions.delete()
    }

    /// Every session and token of the account ends.
    private static func endAccess(of userId: Int, on db: any Database) async throws {
        try await endSessions(of: userId, except: nil, on: db)
        try await APIToken.query(on: db).filter(\.$userId == userId).filter(\.$revokedAt == nil).set(\.$revokedAt, to: Date()).update()
    }

    /// The account, when `actor` looks after it (`AccountStewardship`); not found otherwise, so that ids reveal
    /// nothing. One's own account is looked after on one's own page, not here.
    static func accountLookedAfter(_ userId: Int, by actor: Actor, on db: any Database) async throws -> User {
        guard let user = try await User.find(userId, on: db),
              try await AccountStewardship.looksAfter(userId, actor: actor, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tài khoản", en: "Account not found"))
        }
        guard userId != actor.userId else {
            throw DomainError(.forbidden, title: LocalizedText(
                vi: "Đây là tài khoản của bạn: hãy đổi mật khẩu hoặc kết thúc phiên đăng nhập ở trang Tài khoản của tôi",
                en: "This is your own account: change your password or end your sessions on the My account page"))
        }
        return user
    }
}

extension User: Auditable {
    static var auditEntity: String { "user" }

    var auditFields: [String: String?] {
        ["username": username, "displayName": displayName, "isActive": String(isActive), "mustChangePassword": String(mustChangePassword),
         "passwordChangedAt": passwordChangedAt?.ISO8601Format()]
    }

    /// With the sessions and tokens in force, so that the trail shows what a password change, a reset or a
    /// deactivation ended ("sessions: 3 → 1").
    static func auditSnapshot(key: String, on db: any Database) async throws -> String? {
        guard let id = Int(key), let user = try await User.find(id, on: db) else { return nil }
        let access = try await AccountQueries.liveAccess(of: id, on: db)
        return try AuditSnapshot.json(user.auditFields.merging(["sessions": String(access.sessions), "tokens": String(access.tokens)]) { $1 })
    }
}

extension RoleGrant: Auditable {
    static var auditEntity: String { "role_grant" }

    var auditFields: [String: String?] {
        ["userId": String(userId), "role": role.rawValue, "organizationId": organizationId.map(String.init), "level": level?.rawValue,
         "memberId": memberId.map(String.init), "startsOn": startsOn.iso, "endsOn": endsOn?.iso, "grantedBy": grantedBy.map(String.init),
         "revoked": revokedAt == nil ? "false" : "true"]
    }
}

extension APIToken: Auditable {
    static var auditEntity: String { "api_token" }

    var auditFields: [String: String?] {
        ["userId": String(userId), "name": name, "expiresAt": expiresAt.ISO8601Format(), "revoked": revokedAt == nil ? "false" : "true"]
    }
}

extension UserSession: Auditable {
    static var auditEntity: String { "session" }

    var auditFields: [String: String?] {
        ["userId": String(userId), "ip": ip, "expiresAt": expiresAt.ISO8601Format()]
    }
}
