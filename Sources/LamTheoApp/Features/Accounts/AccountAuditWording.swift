import Fluent
import LamTheoCore

/// How the audit trail words accounts, and how it names the person who acted: by name and role ("Bí thư Nguyễn Văn
/// Bình"), never by id.
struct AccountAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(User.auditEntity, noun: LocalizedText(vi: "tài khoản", en: "account"), naming: .name("displayName"), fields: [
                AuditField("username", LocalizedText(vi: "Tên đăng nhập", en: "Username")),
                AuditField("displayName", LocalizedText(vi: "Họ tên", en: "Name")),
                AuditField("isActive", LocalizedText(vi: "Đang hoạt động", en: "Active"), .flag),
                AuditField("mustChangePassword", LocalizedText(vi: "Phải đổi mật khẩu", en: "Must change the password"), .flag),
                AuditField("passwordChangedAt", LocalizedText(vi: "Đổi mật khẩu lúc", en: "Password changed at"), .instant),
                AuditField("sessions", LocalizedText(vi: "Phiên đăng nhập đang mở", en: "Open sessions"), .number),
                AuditField("tokens", LocalizedText(vi: "Khóa API còn hiệu lực", en: "API tokens in force"), .number),
            ]),
            AuditRecordWording(RoleGrant.auditEntity, noun: LocalizedText(vi: "quyền cho", en: "a role to"), naming: .reference("userId", .user), fields: [
                AuditField("role", LocalizedText(vi: "Vai trò", en: "Role"), .choice { Role(rawValue: $0).map { role in LocalizedText { role.label($0) } } }),
                AuditField("level", LocalizedText(vi: "Mức", en: "Level"), .choice { OfficerLevel(rawValue: $0).map { level in LocalizedText { level.label($0) } } }),
                AuditField("organizationId", LocalizedText(vi: "Phạm vi", en: "Scope"), .reference(.unit)),
                AuditField("memberId", LocalizedText(vi: "Hồ sơ đảng viên", en: "Member record"), .reference(.member)),
                AuditField("startsOn", LocalizedText(vi: "Từ ngày", en: "From"), .day),
                AuditField("endsOn", LocalizedText(vi: "Đến ngày", en: "Until"), .day),
                AuditField("grantedBy", LocalizedText(vi: "Người giao", en: "Granted by"), .reference(.user)),
                AuditField("revoked", LocalizedText(vi: "Đã thu hồi", en: "Revoked"), .flag),
            ]),
            AuditRecordWording(APIToken.auditEntity, noun: LocalizedText(vi: "khóa API", en: "API token"), naming: .title("name"), fields: [
                AuditField("name", LocalizedText(vi: "Tên", en: "Name")),
                AuditField("expiresAt", LocalizedText(vi: "Hết hạn lúc", en: "Expires at"), .instant),
                AuditField("revoked", LocalizedText(vi: "Đã thu hồi", en: "Revoked"), .flag),
            ]),
            AuditRecordWording(UserSession.auditEntity, noun: LocalizedText(vi: "phiên đăng nhập", en: "session"), fields: [
                AuditField("ip", LocalizedText(vi: "Địa chỉ", en: "Address")),
                AuditField("expiresAt", LocalizedText(vi: "Hết hạn lúc", en: "Expires at"), .instant),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("session.start", LocalizedText(vi: "đăng nhập", en: "signed in"), showsNoun: false, listsChanges: false),
            AuditActionWording("session.end", LocalizedText(vi: "kết thúc", en: "ended"), listsChanges: false),
            AuditActionWording("user.create", LocalizedText(vi: "tạo", en: "created")),
            AuditActionWording("user.deactivate", LocalizedText(vi: "vô hiệu hóa", en: "deactivated")),
            AuditActionWording("user.reactivate", LocalizedText(vi: "kích hoạt lại", en: "reactivated")),
            AuditActionWording("user.password.change", LocalizedText(vi: "đổi mật khẩu", en: "changed the password of")),
            AuditActionWording("user.password.reset", LocalizedText(vi: "đặt lại mật khẩu", en: "reset the password of")),
            AuditActionWording("user.sessions.end", LocalizedText(vi: "kết thúc các phiên đăng nhập của", en: "ended the sessions of")),
            AuditActionWording("grant.create", LocalizedText(vi: "giao", en: "granted")),
            AuditActionWording("grant.revoke", LocalizedText(vi: "thu hồi", en: "revoked")),
            AuditActionWording("token.issue", LocalizedText(vi: "cấp", en: "issued")),
            AuditActionWording("token.revoke", LocalizedText(vi: "thu hồi", en: "revoked")),
        ]
    }

    var references: [any AuditReferenceSource] { [AccountNames()] }
}

/// Accounts by their holder's role and name: "Bí thư Nguyễn Văn Bình", "Cán bộ Trần Thị Hoa".
private struct AccountNames: AuditReferenceSource {
    var reference: AuditReference { .user }

    func names(of ids: Set<Int>, on db: any Database) async throws -> [Int: LocalizedText] {
        let users = try await User.query(on: db).filter(\.$id ~~ Array(ids)).all()
        let grants = try await RoleGrant.query(on: db).filter(\.$userId ~~ Array(ids)).filter(\.$revokedAt == nil).all()
        let roles = Dictionary(grouping: grants, by: \.userId).mapValues { $0.map(\.role) }
        return users.reduce(into: [:]) { names, user in
            // A name that already says the role ("Quản trị hệ thống", "Bí thư chi bộ …") is not titled twice.
            let title = Self.title(of: roles[user.requireID()] ?? []).flatMap { title in
                Self.saysRole(user.displayName, title) ? nil : title
            }
            names[user.requireID()] = LocalizedText { language in (title.map { $0(language) + " " } ?? "") + user.displayName }
        }
    }

    /// The display names holding `folded`, for the trail's search by person.
    func ids(matching folded: String, limit: Int, on db: any Database) async throws -> [Int] {
        try await User.query(on: db).all().filter {
            VietnameseText.searchKey($0.displayName).contains(folded) || $0.username.contains(folded)
        }.prefix(limit).map { $0.requireID() }
    }

    /// Whether the name begins with the title's first two words, as "Quản trị hệ thống" does "Quản trị viên".
    private static func saysRole(_ name: String, _ title: LocalizedText) -> Bool {
        let words = VietnameseText.searchWords(title.vi).prefix(2).joined(separator: " ")
        return VietnameseText.searchKey(name).hasPrefix(words)
    }

    /// The account's highest role, as a title before the name.
    private static func title(of roles: [Role]) -> LocalizedText? {
        if roles.contains(.administrator) { return LocalizedText(vi: "Quản trị viên", en: "Administrator") }
        if roles.contains(.officer) { return LocalizedText(vi: "Cán bộ", en: "Officer") }
        if roles.contains(.secretary) { return LocalizedText(vi: "Bí thư", en: "Secretary") }
        if roles.contains(.member) { return LocalizedText(vi: "Đảng viên", en: "Member") }
        if roles.contains(.portalEditor) { return LocalizedText(vi: "Biên tập viên", en: "Editor") }
        return nil
    }
}
