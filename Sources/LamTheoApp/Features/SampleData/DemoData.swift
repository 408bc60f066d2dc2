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
        if try await Document.query(on: app.db).count() == 0 {
            try await createDocuments(app)
        }
        if try await Campaign.query(on: app.db).count() == 0 {
            try await createCampaign(app)
        }
        let logins = try await createAccounts(app)
        try await createStudy(app)
        try await createFollowing(app)
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

    /// The directive the design starts from, its conclusion, the city's plan implementing it and the
    /// largest ward's plan implementing the city's.
    private static func createDocuments(_ app: Application) async throws {
        guard let city = try await Organization.query(on: app.db).filter(\.$parentId == nil).sort(\.$id).first() else { return }
        let ward = try await OrganizationQueries.children(of: city.requireID(), includeClosed: false, on: app.db)
            .max(by: { $0.subtreeMembers < $1.subtreeMembers })?.organization
        func register(_ symbol: String, _ title: String, on date: String, by unit: Organization?) async throws -> Int {
            let input = DocumentInput(symbol: symbol, title: title, issuedOn: date, organizationId: unit?.id)
            return try await app.write(AuditSubject("document.register", Document.self), origin: .commandLine(user: "demo")) {
                try await DocumentCommands.register(input, on: $0)
            }.requireID()
        }
        func relate(_ from: Int, _ to: Int, _ kind: DocumentRelationKind) async throws {
            _ = try await app.write(AuditSubject("document.relate", DocumentRelation.self), origin: .commandLine(user: "demo")) {
                try await DocumentCommands.relate(from: from, to: to, kind: kind, on: $0)
            }
        }
        let directive = try await register("05-CT/TW", "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                                           on: "15/05/2016", by: nil)
        let conclusion = try await register("01-KL/TW", "Về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị khóa XII "
                                            + "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", on: "18/05/2021", by: nil)
        try await relate(conclusion, directive, .continues)
        let cityPlan = try await register("89-KH/TU", "Kế hoạch thực hiện Kết luận số 01-KL/TW của Bộ Chính trị", on: "12/07/2021", by: city)
        try await relate(cityPlan, conclusion, .implements)
        if let ward {
            let wardPlan = try await register("05-KH/ĐU", "Kế hoạch thực hiện Kế hoạch số 89-KH/TU của \(city.name)", on: "02/08/2021", by: ward)
            try await relate(wardPlan, cityPlan, .implements)
        }
    }

    /// This year's topic at the city: 01-KL/TW, with a plan from every committee below it, a session in
    /// every cell and a report from every unit directly under the city; the largest ward's plan submitted and accepted.
    private static func createCampaign(_ app: Application) async throws {
        let db = app.db
        guard let city = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first(),
              let conclusion = try await Document.query(on: db).filter(\.$symbol == "01-KL/TW").first() else { return }
        let year = CalendarDate.today().year
        let committees = [StandardOrganizationKind.commune, .upperGrassroots, .grassroots].map(\.rawValue)
        let cells = [StandardOrganizationKind.cell, .grassrootsCell].map(\.rawValue)
        let input = CampaignInput(
            documentId: conclusion.id, organizationId: city.id, title: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm \(year)",
            startsOn: "01/01/\(year)", endsOn: "31/12/\(year)", topicYear: year, reflectionDueOn: "30/11/\(year)",
            requirements: [
                RequirementInput(kind: RequirementKind.plan.rawValue, unitKinds: committees, dueOn: "31/03/\(year)"),
                RequirementInput(kind: RequirementKind.studySessions.rawValue, unitKinds: cells, dueOn: "30/06/\(year)", minimumSessions: 1),
                RequirementInput(kind: RequirementKind.report.rawValue, unitKinds: [StandardOrganizationKind.commune, .upperGrassroots].map(\.rawValue), dueOn: "15/12/\(year)"),
            ])
        let origin = AuditOrigin.commandLine(user: "demo")
        let campaign = try await app.write(AuditSubject("campaign.launch", Campaign.self), origin: origin) { try await CampaignCommands.launch(input, on: $0) }
        guard let wardPlan = try await Document.query(on: db).filter(\.$symbol == "05-KH/ĐU").first(), let ward = wardPlan.organizationId,
              let obligation = try await Obligation.query(on: db).filter(\.$campaignId == campaign.requireID()).filter(\.$organizationId == ward)
                  .sort(\.$dueOn).first() else { return }
        let id = obligation.requireID()
        _ = try await app.write(AuditSubject("obligation.submit", Obligation.self, id: id), origin: origin) {
            try await ObligationCommands.submit(id, ObligationSubmissionInput(documentId: wardPlan.id, submittedOn: "20/03/\(year)"), on: $0)
        }
        _ = try await app.write(AuditSubject("obligation.review", Obligation.self, id: id), origin: origin) {
            try await ObligationCommands.review(id, ObligationReviewInput(outcome: ObligationState.accepted.rawValue, reviewedOn: "25/03/\(year)"), on: $0)
        }
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
