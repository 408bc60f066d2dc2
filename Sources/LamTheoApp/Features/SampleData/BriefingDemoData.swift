import Fluent
import Foundation
import LamTheoCore
import Vapor

extension DemoData {
    /// The city's quarterly thematic briefing with ten units under it (its wards first, as `wards(under:)` orders
    /// them, then other committees: the demo tree has fewer than ten wards), dated around `today`: the last one was
    /// held 45 days ago — eleven contributions from the ten units presented (the demo ward, Gia Định, spoke twice),
    /// one sent late; three conclusions turned into tasks for wards (one open for the demo ward, one overdue, one
    /// partly reported and accepted); its notice registered — and the next of the series, in 50 days (a quarter later: never the same quarter), whose page
    /// opens with the state of those tasks.
    static func createBriefings(_ app: Application, today: CalendarDate) async throws {
        let db = app.db
        guard try await Briefing.query(on: db).count() == 0,
              let city = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first() else { return }
        let wards = Array(try await wards(under: city, on: db).prefix(10))
        guard wards.count == 10 else { return }
        let demo = DemoWriter(app: app)
        let store = app.documentFiles
        let wardIds = wards.map { $0.requireID() }
        let series = "Giao ban chuyên đề quý"
        let held = today.adding(days: -45), next = today.adding(days: 50)
        func quarter(_ day: CalendarDate) -> String {
            ["I", "II", "III", "IV"][(day.month - 1) / 3] + "/\(day.year)"
        }
        let report = DocumentInput(symbol: "145-BC/TU", title: "Báo cáo đề dẫn Hội nghị giao ban chuyên đề quý \(quarter(held))",
                                   issuedOn: held.adding(days: -5).iso, organizationId: city.id)
        let leadReport = try await demo.write("document.register", Document.self) { try await DocumentCommands.register(report, on: $0) }
        func input(_ heldOn: CalendarDate, late: Bool) -> BriefingInput {
            BriefingInput(organizationId: city.id, title: "Hội nghị giao ban chuyên đề quý \(quarter(heldOn))",
                          theme: "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với xây dựng chi bộ vững mạnh",
                          series: series, heldOn: heldOn.iso, startsAt: "08:00", place: "Hội trường A, Thành ủy",
                          onlineLink: "https://hop.thanhuy.example.vn/giao-ban", bridgePoints: wards.prefix(3).map { "Điểm cầu \($0.name)" },
                          agenda: ["Khai mạc, giới thiệu đại biểu", "Báo cáo đề dẫn", "Tham luận của các đơn vị", "Thảo luận", "Kết luận của đồng chí chủ trì"],
                          questions: ["Làm gì để việc học tập chuyên đề đi vào chiều sâu, tránh hình thức?",
                                      "Cách đưa nội dung làm theo vào nghị quyết và sinh hoạt chi bộ hằng tháng?",
                                      "Kinh nghiệm phát hiện, nhân rộng mô hình hay, cách làm sáng tạo ở khu phố?"],
                          leadReportId: late ? leadReport.id : nil, invitedUnitIds: wardIds, contributionsDueOn: heldOn.adding(days: -5).iso,
                          lateContributionsAllowed: late)
        }
        let pastInput = input(held, late: true), nextInput = input(next, late: false)
        let past = try await demo.write("briefing.create", Briefing.self) { try await BriefingCommands.create(pastInput, on: $0) }
        let pastId = past.requireID()
        // Ten on time, the demo ward's second turn two days late: eleven turns of ten units.
        let summaries = ["Kinh nghiệm tổ chức học tập chuyên đề theo nhóm nhỏ ở khu phố", "Đưa nội dung làm theo vào sinh hoạt chi bộ hằng tháng",
                         "Mô hình “Chi bộ khu phố tự quản, văn minh”", "Phát huy vai trò nêu gương của cán bộ, đảng viên",
                         "Gắn học tập với giải quyết việc khó ở cơ sở", "Vận động nhân dân tham gia giữ gìn vệ sinh môi trường",
                         "Kinh nghiệm kiểm tra, giám sát việc thực hiện cam kết", "Tuyên truyền gương điển hình trên trang thông tin phường",
                         "Học tập trực tuyến cho đảng viên lớn tuổi", "Nâng cao chất lượng bài thu hoạch"]
        var contributions: [(Int, CalendarDate, String)] = zip(wardIds, summaries).enumerated().map { index, pair in
            (pair.0, held.adding(days: -12 + index / 2), pair.1)
        }
        contributions.append((wardIds[0], held.adding(days: -3), "Bổ sung: kết quả triển khai mô hình “Dân vận khéo” trong cải cách hành chính"))
        for (unit, day, summary) in contributions {
            let contribution = try await demo.write("briefing.contribute", BriefingContribution.self) {
                try await BriefingCommands.contribute(to: pastId, ContributionInput(organizationId: unit, summary: summary), by: "Văn phòng Đảng ủy phường",
                                                      store: store, today: day, on: $0)
            }
            let id = contribution.requireID()
            _ = try await demo.write("briefing.present", BriefingContribution.self, id: id) {
                try await BriefingCommands.markPresented(id, of: pastId, today: held, on: $0)
            }
        }
        let conclusions: [(String, [Int], String, CalendarDate)] = [
            ("Rà soát, bổ sung quy chế làm việc của cấp ủy, cụ thể hóa trách nhiệm nêu gương của người đứng đầu",
             [wardIds[0], wardIds[1], wardIds[2]], "Bí thư Đảng ủy phường", today.adding(days: 30)),
            ("Đổi mới nội dung sinh hoạt chuyên đề chi bộ, mỗi quý ít nhất một buổi gắn với việc làm cụ thể ở khu phố",
             [wardIds[3], wardIds[4], wardIds[5]], "Phó Bí thư Thường trực Đảng ủy phường", today.adding(days: -5)),
            ("Xây dựng và báo cáo ít nhất một mô hình “Dân vận khéo” gắn với học tập và làm theo",
             [wardIds[6], wardIds[7], wardIds[8], wardIds[9]], "Trưởng Ban Tuyên giáo và Dân vận Đảng ủy phường", today.adding(days: 60)),
        ]
        for (text, units, responsible, due) in conclusions {
            let task = FollowUpTaskInput(organizationIds: units, responsible: responsible, requiredEvidence: "Văn bản, biên bản kèm theo báo cáo", dueOn: due.iso)
            _ = try await demo.write("briefing.conclude", BriefingConclusion.self) {
                try await BriefingCommands.conclude(pastId, ConclusionInput(text: text, task: task), by: "Cán bộ Văn phòng Thành ủy", today: held, on: $0)
            }
        }
        // The third point: one ward has reported and been accepted, another waits for the city's review.
        let third = try await BriefingQueries.tasks(of: pastId, on: db).filter { $0.organizationId == wardIds[6] || $0.organizationId == wardIds[7] }
        for (index, task) in third.enumerated() {
            let id = task.requireID()
            _ = try await demo.write("follow-up.report", FollowUpTask.self, id: id) {
                try await FollowUpCommands.report(id, FollowUpReportInput(note: "Đã xây dựng mô hình “Khu phố dân vận khéo”, có biên bản ra mắt",
                                                                          reportedOn: today.adding(days: -10 + index).iso), by: "Văn phòng Đảng ủy phường", on: $0)
            }
            if index == 0 {
                _ = try await demo.write("follow-up.review", FollowUpTask.self, id: id) {
                    try await FollowUpCommands.review(id, FollowUpReviewInput(outcome: FollowUpReviewOutcome.accepted.rawValue), by: "Cán bộ Văn phòng Thành ủy", on: $0)
                }
            }
        }
        _ = try await demo.write("briefing.notice", Briefing.self, id: pastId) {
            try await BriefingCommands.registerNotice(pastId, NoticeInput(symbol: "125-TB/TU", issuedOn: held.adding(days: 3).iso), today: held.adding(days: 3), on: $0)
        }
        _ = try await demo.write("briefing.create", Briefing.self) { try await BriefingCommands.create(nextInput, on: $0) }
    }
}
