import Fluent
import LamTheoCore
import Vapor

/// `lamtheo user create|grant`: accounts and roles without the web, for the first administrator of a new
/// install and for scripts. Each write is audited with the command line as its origin.
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create or grant")
        var action: String

        @Option(name: "username", help: "The account's username")
        var username: String?

        @Option(name: "password", help: "The new account's password (create)")
        var password: String?

        @Option(name: "name", help: "The person's name (create; the username when absent)")
        var name: String?

        @Option(name: "role", help: "admin, officer, secretary or member")
        var role: String?

        @Option(name: "org", help: "Code of the unit the role covers (officer, secretary)")
        var org: String?

        @Option(name: "level", help: "viewer, editor or manager (officer)")
        var level: String?

        @Option(name: "member", help: "Party card number of the member (member role)")
        var member: String?

        @Option(name: "until", help: "Last day the role is in force, dd/mm/yyyy (a deputy)")
        var until: String?

        init() {}
    }

    var help: String { "Creates accounts and gives them roles: user create --username U --password P --role admin" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let origin = AuditOrigin.commandLine()
        do {
            var memberId: Int?
            if let card = signature.member {
                memberId = try await Member.query(on: app.db).filter(\.$cardNumber == card).first()?.id
                if memberId == nil { throw DomainError.invalid(field: "member", LocalizedText(vi: "Không có đảng viên số thẻ \(card)", en: "No member with card \(card)")) }
            }
            let grant = NewGrant(role: signature.role == "admin" ? Role.administrator.rawValue : signature.role, organizationCode: signature.org,
                                 level: signature.level, memberId: memberId, endsOn: signature.until)
            switch signature.action {
            case "create":
                let hasher = app.password.async
                let input = NewUser(username: signature.username, displayName: signature.name, password: signature.password)
                let user = try await app.write(AuditSubject("user.create", User.self), origin: origin) { db in
                    let user = try await AccountCommands.createUser(input, hasher: hasher, on: db)
                    _ = try await AccountCommands.grant(grant, to: user.requireID(), by: nil, on: db)
                    return user
                }
                context.console.print("Đã tạo tài khoản / created account: \(user.username) (\(grant.role ?? ""))")
            case "grant":
                guard let user = try await User.query(on: app.db).filter(\.$username == (signature.username ?? "").lowercased()).first() else {
                    throw DomainError.invalid(field: "username", LocalizedText(vi: "Không có tài khoản \(signature.username ?? "")", en: "No account \(signature.username ?? "")"))
                }
                _ = try await app.write(AuditSubject("grant.create", RoleGrant.self), origin: origin) {
                    try await AccountCommands.grant(grant, to: user.requireID(), by: nil, on: $0)
                }
                context.console.print("Đã giao vai trò / role given: \(user.username) — \(grant.role ?? "")")
            default:
                throw DomainError.invalid(field: "action", LocalizedText(vi: "Dùng: user create … hoặc user grant …", en: "Use: user create … or user grant …"))
            }
        } catch let error as DomainError {
            // Name the command-line option, not the API field, that was wrong.
            let options = ["organizationId": "org", "memberId": "member", "endsOn": "until", "displayName": "name", "startsOn": "from"]
            throw DomainError(error.kind, title: error.title, fieldErrors: error.fieldErrors.map {
                FieldError(field: "--" + (options[$0.field] ?? $0.field), message: $0.message)
            })
        }
    }
}
