import Fluent
import Foundation
import LamTheoCore
import Vapor

/// `lamtheo demo`: a realistic city organisation in a database of its own, filled once, with an account
/// for each role. Its dates follow the day it is filled, so that on any day every user has something to do:
/// the same day gives the same demo.
enum DemoData {
    static let seed: UInt64 = 2016
    static let password = "lamtheo-demo"

    struct Login {
        let username: String
        let role: LocalizedText
    }

    /// Fills an empty database with the demo organisation and its accounts, dated around `today`; leaves a
    /// database that has data alone. Prints how to sign in.
    static func prepare(_ app: Application, database: DatabaseURL, today: CalendarDate = .today()) async throws {
        let console = app.console
        if try await Organization.query(on: app.db).count() == 0 {
            console.print("Đang tạo dữ liệu mẫu / Creating demo data…")
            let dataset = SyntheticDataset(scale: .demo, seed: seed, referenceDate: today)
            let totals = try await SyntheticLoader.load(dataset, into: app, origin: .commandLine(user: "demo"))
            console.print("Đã tạo \(VietnameseFormat.integer(totals.organizations)) tổ chức đảng và \(VietnameseFormat.integer(totals.members)) hồ sơ đảng viên.")
        }
        if try await Document.query(on: app.db).count() == 0 {
            try await createDocuments(app)
        }
        if try await Campaign.query(on: app.db).count() == 0 {
            try await createCampaign(app, today: today)
        }
        let logins = try await createAccounts(app)
        try await createStudy(app, today: today)
        try await createFollowing(app, today: today)
        try await createBriefings(app, today: today)
        try await createInspections(app, today: today)
        try await createExemplars(app, today: today)
        try await createPortal(app, today: today)
        try await createFeedback(app, today: today)
        try await createLibrary(app, today: today)
        try await createNotifications(app, today: today)
        try await createDashboardHistory(app, today: today)
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
        let ward = try await wards(under: city, on: app.db).first
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

    /// This year's topic at the city: 01-KL/TW, taking late work, with the reflections due three weeks from
    /// today. Every committee's plan was due three weeks ago: the largest ward's was submitted and accepted,
    /// the next unit's came late and waits for the city's review. Every cell reports within the week (one of
    /// the demo secretary's sibling cells has, and waits for the ward's review) and holds a session within
    /// two months; the wards report on 15 December. Dates stay inside the year.
    private static func createCampaign(_ app: Application, today: CalendarDate) async throws {
        let db = app.db
        guard let city = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first(),
              let conclusion = try await Document.query(on: db).filter(\.$symbol == "01-KL/TW").first() else { return }
        let year = today.year
        // A city founded this year launches from its founding.
        let startsOn = max(CalendarDate(year: year, month: 1, day: 1)!, city.validFrom)
        let endsOn = CalendarDate(year: year, month: 12, day: 31)!
        @Sendable func day(_ offset: Int) -> String { min(endsOn, max(startsOn, today.adding(days: offset))).iso }
        let committees = [StandardOrganizationKind.commune, .upperGrassroots, .grassroots].map(\.rawValue)
        let cells = [StandardOrganizationKind.cell, .grassrootsCell].map(\.rawValue)
        let input = CampaignInput(
            documentId: conclusion.id, organizationId: city.id, title: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm \(year)",
            startsOn: startsOn.iso, endsOn: endsOn.iso, topicYear: year, reflectionDueOn: day(21), acceptsLateWork: true,
            requirements: [
                RequirementInput(kind: RequirementKind.plan.rawValue, unitKinds: committees, dueOn: day(-20)),
                RequirementInput(kind: RequirementKind.studySessions.rawValue, unitKinds: cells, dueOn: day(60), minimumSessions: 1),
                RequirementInput(kind: RequirementKind.report.rawValue, title: "Báo cáo kết quả học tập chuyên đề của chi bộ", unitKinds: cells, dueOn: day(4)),
                RequirementInput(kind: RequirementKind.report.rawValue, unitKinds: [StandardOrganizationKind.commune, .upperGrassroots].map(\.rawValue),
                                 dueOn: "\(year)-12-15"),
            ])
        let demo = DemoWriter(app: app)
        let campaign = try await demo.write("campaign.launch", Campaign.self) { try await CampaignCommands.launch(input, on: $0) }
        let campaignId = campaign.requireID()
        func obligation(of unit: Int, _ kind: RequirementKind) async throws -> Int? {
            let requirements = try await CampaignRequirement.query(on: db).filter(\.$campaignId == campaignId).filter(\.$kind == kind).all().compactMap(\.id)
            return try await Obligation.query(on: db).filter(\.$campaignId == campaignId).filter(\.$organizationId == unit)
                .filter(\.$requirementId ~~ requirements).first()?.id
        }
        func submit(_ id: Int, document: Int?, note: String? = nil, on date: String) async throws {
            _ = try await demo.write("obligation.submit", Obligation.self, id: id) {
                try await ObligationCommands.submit(id, ObligationSubmissionInput(documentId: document, submittedOn: date, note: note), on: $0)
            }
        }
        // The demo ward (as `createDocuments` and `createAccounts` choose it), then the next.
        let wards = try await wards(under: city, on: db)
        guard let largest = wards.first else { return }
        let next = wards.dropFirst().first
        if let wardPlan = try await Document.query(on: db).filter(\.$symbol == "05-KH/ĐU").first(),
           let id = try await obligation(of: largest.requireID(), .plan) {
            try await submit(id, document: wardPlan.id, on: day(-25))
            _ = try await demo.write("obligation.review", Obligation.self, id: id) {
                try await ObligationCommands.review(id, ObligationReviewInput(outcome: ObligationState.accepted.rawValue, reviewedOn: day(-22)), on: $0)
            }
        }
        if let next, let id = try await obligation(of: next.requireID(), .plan) {
            let plan = try await demo.write("document.register", Document.self) {
                try await DocumentCommands.register(DocumentInput(symbol: "07-KH/ĐU", title: "Kế hoạch học tập và làm theo chuyên đề năm \(year)",
                                                                  issuedOn: "16/08/2021", organizationId: next.id), on: $0)
            }
            try await submit(id, document: plan.id, note: "Nộp chậm do Đảng ủy kiện toàn nhân sự", on: day(-3))
        }
        // The demo secretary's cell is the first of the ward's cells (see `createAccounts`); the next one has reported.
        let wardCells = try await Organization.query(on: db).filter(\.$parentId == largest.requireID()).filter(\.$memberCount > 0).sort(\.$id).limit(2).all()
        if wardCells.count > 1, let id = try await obligation(of: wardCells[1].requireID(), .report) {
            try await submit(id, document: nil, note: "Chi bộ đã học tập đầy đủ; 100% đảng viên viết bài thu hoạch", on: day(-1))
        }
    }

    /// The units under the city in the order the demo uses them: wards (phường, xã) before the other
    /// committees, the largest first. The first is the demo ward, where the ward officer works.
    static func wards(under city: Organization, on db: any Database) async throws -> [Organization] {
        func order(_ unit: OrganizationSummary) -> (Int, Int) {
            (unit.kindCode == StandardOrganizationKind.commune.rawValue ? 0 : 1, -unit.subtreeMembers)
        }
        let ordered = try await OrganizationQueries.children(of: city.requireID(), includeClosed: false, on: db).sorted { order($0) < order($1) }
        let units = Dictionary(uniqueKeysWithValues: try await Organization.query(on: db).filter(\.$id ~~ ordered.map(\.id)).all().map { ($0.requireID(), $0) })
        return ordered.compactMap { units[$0.id] }
    }

    /// One account per role, placed in the demo tree: the city committee, its largest ward, a cell of that
    /// ward and a member of that cell. Accounts that exist already are left as they are.
    private static func createAccounts(_ app: Application) async throws -> [Login] {
        let db = app.db
        guard let city = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first() else { return [] }
        guard let ward = try await wards(under: city, on: db).first,
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

/// The demo's writes, each audited as done from the command line by "demo".
struct DemoWriter {
    let app: Application

    func write<T: Sendable>(_ action: String, _ entity: any Auditable.Type, id: Int? = nil,
                            _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await app.write(AuditSubject(action, entity, id: id), origin: .commandLine(user: "demo"), body)
    }
}
