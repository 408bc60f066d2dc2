import Fluent
import LamTheoCore
import Vapor

extension DemoData {
    /// The city committee's inspection of the study of Resolution XIII at three wards, the demo ward (Gia Định)
    /// first, dated around `today`: decided (138-QĐNS/TU) 25 days ago and running from 20 days ago to 10 days
    /// ahead, so its team's read grant is active today — the `xem` account is on the team and reads the two other
    /// wards under it; the plan sent; two self-reports in (one late), the third missing and late; a working session
    /// at Gia Định; a strength and a shortcoming there, one criticism resting on the shortcoming; the conclusion
    /// (25-TB/TU); two recommendations as follow-up tasks, one overdue today.
    static func createInspections(_ app: Application, today: CalendarDate) async throws {
        let db = app.db
        guard try await Inspection.query(on: db).count() == 0,
              let city = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first(),
              let inspector = try await User.query(on: db).filter(\.$username == "xem").first() else { return }
        let wards = Array(try await wards(under: city, on: db).prefix(3))
        guard wards.count == 3 else { return }
        let demo = DemoWriter(app: app)
        let wardIds = wards.map { $0.requireID() }
        func register(_ symbol: String, _ title: String, on day: CalendarDate, by unit: Organization) async throws -> Int {
            // A document is never issued after the real today, even when the demo is filled for a later day.
            let input = DocumentInput(symbol: symbol, title: title, issuedOn: min(day, CalendarDate.today()).iso, organizationId: unit.id)
            return try await demo.write("document.register", Document.self) { try await DocumentCommands.register(input, on: $0) }.requireID()
        }
        let decision = try await register("138-QĐNS/TU", "Quyết định thành lập Đoàn kiểm tra việc học tập, quán triệt Nghị quyết Đại hội XIII",
                                          on: today.adding(days: -25), by: city)
        let input = InspectionInput(
            organizationId: city.id, kind: InspectionKind.inspection.rawValue, decisionDocumentId: decision,
            subject: "Lãnh đạo, chỉ đạo việc học tập, quán triệt Nghị quyết Đại hội XIII của Đảng",
            periodFrom: CalendarDate(year: today.year - 1, month: 1, day: 1)!.iso, periodTo: today.adding(days: -30).iso,
            startsOn: today.adding(days: -20).iso, endsOn: today.adding(days: 10).iso, selfReportDueOn: today.adding(days: -14).iso, unitIds: wardIds,
            team: [InspectionTeamInput(role: InspectionTeamRole.leader.rawValue, name: "Đồng chí Nguyễn Văn Thành, Ủy viên Ban Thường vụ Thành ủy"),
                   InspectionTeamInput(role: InspectionTeamRole.member.rawValue, name: "Đồng chí Lê Thị Hoa, Cán bộ theo dõi", userId: inspector.id),
                   InspectionTeamInput(role: InspectionTeamRole.secretary.rawValue, name: "Đồng chí Trần Minh Tâm, Chuyên viên Ủy ban Kiểm tra")])
        let id = try await demo.write("inspection.create", Inspection.self) { try await InspectionCommands.create(input, on: $0) }.requireID()
        func step<T: Sendable>(_ action: String, _ body: @escaping @Sendable (any Database) async throws -> T) async throws {
            _ = try await demo.write(action, Inspection.self, id: id, body)
        }
        let plan = InspectionPlanInput(sentOn: today.adding(days: -20).iso, note: "Kế hoạch số 60-KH/ĐKT và đề cương báo cáo tự kiểm tra gửi ba đảng bộ phường")
        try await step("inspection.plan") { try await InspectionCommands.sendPlan(id, plan, on: $0) }
        let report = try await register("18-BC/ĐU", "Báo cáo tự kiểm tra việc học tập, quán triệt Nghị quyết Đại hội XIII", on: today.adding(days: -15), by: wards[0])
        let reports = [InspectionSelfReportInput(organizationId: wardIds[0], documentId: report, submittedOn: today.adding(days: -15).iso),
                       InspectionSelfReportInput(organizationId: wardIds[1], note: "Báo cáo tự kiểm tra: 100% chi bộ đã tổ chức học tập; 3 chi bộ chậm thu hoạch",
                                                 submittedOn: today.adding(days: -11).iso)]
        for selfReport in reports {
            try await step("inspection.self-report") { try await InspectionCommands.recordSelfReport(id, selfReport, on: $0) }
        }
        let session = InspectionSessionInput(organizationId: wardIds[0], heldOn: today.adding(days: -10).iso,
                                             minutes: "Đoàn làm việc với Ban Thường vụ \(wards[0].name); nghe báo cáo, kiểm tra hồ sơ học tập của 5 chi bộ.")
        try await step("inspection.session") { try await InspectionCommands.recordSession(id, session, on: $0) }
        let strength = InspectionFindingInput(organizationId: wardIds[0], kind: FindingKind.strength.rawValue,
                                              text: "Ban Thường vụ ban hành kế hoạch kịp thời; tổ chức học tập trực tiếp kết hợp trực tuyến, bảo đảm tỷ lệ tham gia cao.",
                                              concerns: "Tỷ lệ đảng viên học tập của phường")
        try await step("inspection.finding") { try await InspectionCommands.recordFinding(id, strength, on: $0) }
        let shortcoming = InspectionFindingInput(organizationId: wardIds[0], kind: FindingKind.shortcoming.rawValue,
                                                 text: "Một số chi bộ khu phố chưa đưa nội dung làm theo vào sinh hoạt chi bộ hằng tháng; bài thu hoạch còn sao chép.")
        let finding = try await demo.write("inspection.finding", Inspection.self, id: id) { try await InspectionCommands.recordFinding(id, shortcoming, on: $0) }
        let cell = try await Organization.query(on: db).filter(\.$parentId == wardIds[0]).filter(\.$memberCount > 0).sort(\.$id).first()
        let criticism = InspectionCriticismInput(findingId: finding.id, target: CriticismTarget.collective.rawValue, organizationId: cell?.id ?? wardIds[0],
                                                 text: "Phê bình chi ủy chưa kiểm tra, đôn đốc việc viết bài thu hoạch của đảng viên.")
        try await step("inspection.criticism") { try await InspectionCommands.recordCriticism(id, criticism, on: $0) }
        let notice = try await register("25-TB/TU", "Thông báo kết luận kiểm tra việc học tập, quán triệt Nghị quyết Đại hội XIII", on: today.adding(days: -5), by: city)
        let conclusion = InspectionConclusionInput(documentId: notice, concludedOn: today.adding(days: -5).iso)
        try await step("inspection.conclusion") { try await InspectionCommands.conclude(id, conclusion, on: $0) }
        let recommendations = [
            FollowUpTaskInput(organizationIds: [wardIds[0]], title: "Chỉ đạo các chi bộ khu phố đưa nội dung làm theo vào sinh hoạt chi bộ hằng tháng",
                              responsible: "Bí thư \(wards[0].name)", requiredEvidence: "Báo cáo kết quả khắc phục", dueOn: today.adding(days: -1).iso),
            FollowUpTaskInput(organizationIds: [wardIds[1]], title: "Hoàn thành việc thu bài thu hoạch của các chi bộ còn chậm",
                              responsible: "Phó Bí thư Thường trực", requiredEvidence: "Danh sách đảng viên đã nộp bài", dueOn: today.adding(days: 20).iso),
        ]
        for recommendation in recommendations {
            // Issued on the conclusion's day: the first fell due yesterday and is overdue today.
            try await step("inspection.recommendation") {
                try await InspectionCommands.recommend(id, recommendation, by: "Đoàn kiểm tra Thành ủy", today: today.adding(days: -5), on: $0)
            }
        }
    }
}
