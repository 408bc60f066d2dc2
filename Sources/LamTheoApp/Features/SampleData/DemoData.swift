import Fluent
import Foundation
import LamTheoCore
import Vapor

/// `lamtheo demo`: a realistic city organisation in a database of its own, filled once, with an account
/// for each role.
enum DemoData {
    static let seed: UInt64 = 2016
    static let password = "lamtheo-demo"

    struct Login {
        let username: String
        let role: LocalizedText
    }

    /// Fills an empty database with the demo organisation and its accounts; leaves a database that has
    /// data alone. Prints how to sign in.
    static func prepare(_ app: Application, database: DatabaseURL) async throws {
        let console = app.console
        if try await Organization.query(on: app.db).count() == 0 {
            console.print("Đang tạo dữ liệu mẫu / Creating demo data…")
            let dataset = SyntheticDataset(scale: .demo, seed: seed, referenceDate: CalendarDate.today())
            let totals = try await SyntheticLoader.load(dataset, into: app, origin: .commandLine(user: "demo"))
            console.print("Đã tạo \(VietnameseFormat.integer(totals.organizations)) tổ chức đảng và \(VietnameseFormat.integer(totals.members)) hồ sơ đảng viên.")
        }
        let logins = try await createAccounts(app)
        let host = app.http.server.configuration.hostname
        let port = app.http.server.configuration.port
        console.print("""

            LamTheo demo
              Cơ sở dữ liệu / database: \(database)
              Địa chỉ / address:        http://\(host):\(port)/
              Mật khẩu mọi tài khoản / password of every account: \(password)

            """)
        for login in logins {
            console.print("  \(login.username.padding(toLength: 10, withPad: " ", startingAt: 0)) \(login.role.vi) / \(login.role.en)")
        }
        console.print("")
    }

    /// One account per role, placed in the demo tree: the city committee, its largest ward, a cell of that
    /// ward and a member of that cell. Accounts that exist already are left as they are.
    private static func createAccounts(_ app: Application) async throws -> [Login] {
        let db = app.db
        guard let city = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first() else { return [] }
        let wards = try await OrganizationQueries.children(of: city.requireID(), includeClosed: false, on: db)
        guard let ward = wards.max(by: { $0.subtreeMembers < $1.subtreeMembers })?.organization,
              let cell = try await Organization.query(on: db).filter(\.$parentId == ward.requireID()).filter(\.$memberCount > 0).sort(\.$id).first(),
              let member = try await Member.query(on: db).filter(\.$organizationId == cell.requireID()).sort(\.$nameSort).first() else { return [] }
        let accounts: [(String, String, NewGrant, LocalizedText)] = [
            ("admin", "Quản trị hệ thống", NewGrant(role: Role.administrator.rawValue),
             LocalizedText(vi: "quản trị hệ thống", en: "system administrator")),
            ("thanhuy", "Cán bộ Văn phòng Thành ủy", NewGrant(role: Role.officer.rawValue, organizationId: city.id, level: OfficerLevel.manager.rawValue),
             LocalizedText(vi: "cán bộ quản lý, \(city.name)", en: "managing officer, \(city.name)")),
            ("phuong", "Cán bộ Đảng ủy phường", NewGrant(role: Role.officer.rawValue, organizationId: ward.id, level: OfficerLevel.editor.rawValue),
             LocalizedText(vi: "cán bộ cập nhật, \(ward.name)", en: "editing officer, \(ward.name)")),
            ("xem", "Cán bộ theo dõi", NewGrant(role: Role.officer.rawValue, organizationId: ward.id, level: OfficerLevel.viewer.rawValue),
             LocalizedText(vi: "cán bộ chỉ xem, \(ward.name)", en: "viewing officer, \(ward.name)")),
            ("bithu", "Bí thư \(cell.name)", NewGrant(role: Role.secretary.rawValue, organizationId: cell.id),
             LocalizedText(vi: "bí thư \(cell.name)", en: "secretary of \(cell.name)")),
            ("dangvien", member.fullName, NewGrant(role: Role.member.rawValue, memberId: member.id),
             LocalizedText(vi: "đảng viên \(member.fullName)", en: "member \(member.fullName)")),
        ]
        let hasher = app.password.async
        for (username, name, grant, _) in accounts where try await User.query(on: db).filter(\.$username == username).first() == nil {
            _ = try await app.write(AuditSubject("user.create", User.self), origin: .commandLine(user: "demo")) { db in
                let user = try await AccountCommands.createUser(NewUser(username: username, displayName: name, password: password), hasher: hasher, on: db)
                _ = try await AccountCommands.grant(grant, to: user.requireID(), by: nil, on: db)
                return user
            }
        }
        return accounts.map { Login(username: $0.0, role: $0.3) }
    }
}
