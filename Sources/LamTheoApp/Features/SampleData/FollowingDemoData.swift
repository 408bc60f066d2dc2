import Fluent
import Foundation
import LamTheoCore
import Vapor

extension DemoData {
    /// Làm theo under the committee above the demo secretary's cell, through the features' own commands: the
    /// year's topic suggests commitments; in the secretary's cell and two of its sibling cells members register,
    /// pledge, check in, self-assess and are assessed (one who has not registered is reminded); the committee
    /// and two cells set breakthroughs, one at risk, one done, one on track; and the year's rating has
    /// self-assessments, proposals and decisions in the secretary's cell. Dates follow today, inside this year.
    static func createFollowing(_ app: Application, today: CalendarDate) async throws {
        let db = app.db
        let year = today.year
        guard try await Commitment.query(on: db).count() == 0,
              let campaign = try await Campaign.query(on: db).filter(\.$topicYear == year).sort(\.$id).first(),
              let cellId = try await RoleGrant.query(on: db).filter(\.$role == .secretary).sort(\.$id).first()?.organizationId,
              let cell = try await Organization.find(cellId, on: db), let committeeId = cell.parentId else { return }
        let cells = [cell] + (try await Organization.query(on: db).filter(\.$parentId == committeeId).filter(\.$memberCount > 0)
            .filter(\.$id != cellId).sort(\.$id).limit(2).all())
        let demo = DemoWriter(app: app)

        // The topic's suggested commitments, which pre-fill the registration form.
        for (title, measure) in commitmentIdeas.prefix(2) {
            _ = try await demo.write("commitment-template.create", CommitmentTemplate.self) {
                try await CommitmentCommands.addTemplate(TemplateInput(campaignId: campaign.id, title: title, measure: measure), on: $0)
            }
        }
        // One commitment due a fortnight ago (checked in, assessed), one due at the end of the year (under way).
        let lastFortnight = max(CalendarDate(year: year, month: 1, day: 1)!, today.adding(days: -14))
        let yearEnd = CalendarDate(year: year, month: 12, day: 31)!
        var secretaryCellMembers: [Member] = []
        for (cellIndex, unit) in cells.enumerated() {
            let members = try await Member.query(on: db).filter(\.$organizationId == unit.requireID()).filter(\.$status ~~ MemberStatus.onRoll)
                .sort(\.$nameSort).limit(7).all()
            if cellIndex == 0 { secretaryCellMembers = members }
            // The last of them has not registered: the secretary's cell reminds them.
            for (index, member) in members.dropLast().enumerated() {
                let memberId = member.requireID()
                let ideas = (0..<2).map { commitmentIdeas[(cellIndex * 3 + index + $0) % commitmentIdeas.count] }
                let done = try await demo.write("commitment.register", Commitment.self) {
                    try await CommitmentCommands.register(CommitmentInput(memberId: memberId, year: year, campaignId: campaign.id, title: ideas[0].title,
                                                                          measure: ideas[0].measure, dueOn: lastFortnight.iso), on: $0)
                }.requireID()
                let ongoing = try await demo.write("commitment.register", Commitment.self) {
                    try await CommitmentCommands.register(CommitmentInput(memberId: memberId, year: year, campaignId: campaign.id, title: ideas[1].title,
                                                                          measure: ideas[1].measure, dueOn: yearEnd.iso), on: $0)
                }.requireID()
                if index % 2 == 0 {
                    _ = try await demo.write("commitment.pledge", CommitmentPledge.self) {
                        try await CommitmentCommands.pledge(PledgeInput(memberId: memberId, year: year, text: pledge), on: $0)
                    }
                }
                guard index < 4 else { continue }
                let store = app.documentFiles
                _ = try await demo.write("commitment.check-in", CommitmentCheckIn.self) {
                    try await CommitmentCommands.checkIn(ongoing, CommitmentCheckInInput(notedOn: today.iso, note: "Đang thực hiện theo kế hoạch, đã báo cáo chi bộ",
                                                                                         progress: 30 + 15 * index), store: store, on: $0)
                }
                _ = try await demo.write("commitment.check-in", CommitmentCheckIn.self) {
                    try await CommitmentCommands.checkIn(done, CommitmentCheckInInput(notedOn: lastFortnight.iso, note: "Đã hoàn thành, có xác nhận của tổ dân phố",
                                                                                      progress: 100), store: store, on: $0)
                }
                // The cell finds one commitment not achieved; the last checked-in member waits for the cell.
                let achieved = index != 2
                _ = try await demo.write("commitment.self-assess", Commitment.self, id: done) {
                    try await CommitmentCommands.selfAssess(done, AssessmentInput(
                        result: CommitmentResult.achieved.rawValue,
                        note: achieved ? "Đã thực hiện đầy đủ như cam kết" : "Cơ bản hoàn thành, còn 2 hộ chưa thực hiện"), on: $0)
                }
                guard index < 3 else { continue }
                _ = try await demo.write("commitment.assess", Commitment.self, id: done) {
                    try await CommitmentCommands.assess(done, AssessmentInput(
                        result: (achieved ? CommitmentResult.achieved : .notAchieved).rawValue,
                        note: achieved ? nil : "Kết quả chưa đạt chỉ tiêu đăng ký"), on: $0)
                }
            }
            if cellIndex == 0, let unregistered = members.last?.id, members.count > 1 {
                _ = try await demo.write("commitment.remind", CommitmentReminder.self) {
                    try await CommitmentCommands.remind(memberId: unregistered, year: year, sentBy: nil, name: "Bí thư \(cell.name)", on: $0)
                }
            }
        }

        try await createBreakthroughs(demo, committee: committeeId, cells: cells, today: today)
        let demoMember = try await RoleGrant.query(on: db).filter(\.$role == .member).sort(\.$id).first()?.memberId
        try await createRatings(demo, members: secretaryCellMembers.filter { $0.id != demoMember }, year: year)
    }

    /// The committee above the secretary's cell admitting new members, behind the pace (at risk); the cell's
    /// records digitised (done); a sibling cell's members on the electronic handbook, on pace. The committee's
    /// runs to the year's end, or three weeks from today when that comes first (but a month at least), so that
    /// its 8% is at risk from the tenth of January on.
    private static func createBreakthroughs(_ demo: DemoWriter, committee: Int, cells: [Organization], today: CalendarDate) async throws {
        let start = CalendarDate(year: today.year, month: 1, day: 1)!
        let yearEnd = CalendarDate(year: today.year, month: 12, day: 31)!
        let committeeEnd = min(yearEnd, max(today.adding(days: 20), start.adding(days: 30)))
        var plans: [(BreakthroughInput, CheckInInput)] = [
            (BreakthroughInput(organizationId: committee, content: "Kết nạp đảng viên mới từ quần chúng ưu tú đã qua lớp nhận thức về Đảng",
                               targetKind: BreakthroughTargetKind.numeric.rawValue, baselineValue: 0, targetValue: 25, measureUnit: "đảng viên",
                               ownerRole: "Bí thư Đảng ủy", startsOn: start.iso, endsOn: committeeEnd.iso),
             CheckInInput(checkedOn: start.iso, value: 2, note: "Đã kết nạp 2 đồng chí; 6 hồ sơ đang thẩm định",
                          evidence: "Quyết định kết nạp số 12-QĐ/ĐU và 13-QĐ/ĐU")),
            (BreakthroughInput(organizationId: cells[0].id, content: "Số hóa toàn bộ hồ sơ đảng viên của chi bộ",
                               targetKind: BreakthroughTargetKind.deliverable.rawValue,
                               deliverable: "Hồ sơ của mọi đảng viên được quét và cập nhật trên hệ thống", ownerRole: "Bí thư chi bộ",
                               startsOn: start.iso, endsOn: yearEnd.iso),
             CheckInInput(checkedOn: today.iso, done: true, note: "Đã quét và cập nhật xong hồ sơ", evidence: "Biên bản kiểm tra của Đảng ủy phường")),
        ]
        if cells.count > 1 {
            // On pace: as far from the baseline as the share of the year gone, and a little more.
            let share = Double(today.daysSinceEpoch - start.daysSinceEpoch) / Double(yearEnd.daysSinceEpoch - start.daysSinceEpoch)
            plans.append((BreakthroughInput(organizationId: cells[1].id, content: "Nâng tỷ lệ đảng viên của chi bộ dùng ứng dụng Sổ tay đảng viên điện tử",
                                            targetKind: BreakthroughTargetKind.numeric.rawValue, baselineValue: 35, targetValue: 100, measureUnit: "%",
                                            ownerRole: "Bí thư chi bộ", startsOn: start.iso, endsOn: yearEnd.iso),
                          CheckInInput(checkedOn: today.iso, value: (35 + 65 * min(0.95, share + 0.05)).rounded(),
                                       note: "Chi ủy hướng dẫn từng đồng chí cài đặt và sử dụng", evidence: "Thống kê tài khoản của Văn phòng cấp ủy")))
        }
        let store = demo.app.documentFiles
        for (plan, checkIn) in plans {
            let id = try await demo.write("breakthrough.set", Breakthrough.self) { try await BreakthroughCommands.set(plan, on: $0) }.requireID()
            _ = try await demo.write("breakthrough.checkIn", Breakthrough.self, id: id) {
                try await BreakthroughCommands.checkIn(id, checkIn, store: store, today: today, on: $0)
            }
        }
    }

    /// The year's rating in the secretary's cell, the demo member aside (their self-assessment is theirs to do):
    /// those who may be rated assess themselves; the cell proposes for all but the last, whose proposal waits; the
    /// committee decides for all but the first, whose proposal of "xuất sắc" waits (the quota allows none until
    /// five are rated "tốt").
    private static func createRatings(_ demo: DemoWriter, members: [Member], year: Int) async throws {
        let db = demo.app.db
        let period = try await RatingPeriods.year(year, on: db)
        let rules = try await RatingQueries.rules(on: db)
        let rated = members.filter { RatingQueries.notRated($0, in: period, rules: rules) == nil }.prefix(6)
        let scores = [92, 85, 80, 78, 72, 65]
        let author = RatingAuthor(userId: nil, username: "demo")
        for (index, (member, score)) in zip(rated, scores).enumerated() {
            var steps: [(RatingStepKind, String?)] = [(.selfAssessment, "Hoàn thành tốt nhiệm vụ được giao, giữ gìn tư cách đảng viên")]
            if index < rated.count - 1 { steps.append((.proposal, "Chi bộ đề xuất")) }
            if index > 0, index < rated.count - 1 { steps.append((.decision, nil)) }
            for (kind, explanation) in steps {
                let input = RatingStepInput(periodId: period.id, memberId: member.id, step: kind.rawValue, score: score, explanation: explanation)
                _ = try await demo.write("rating.\(kind.rawValue)", RatingStep.self) { try await RatingCommands.record(input, by: author, on: $0) }
            }
        }
    }

    private static let commitmentIdeas: [(title: String, measure: String)] = [
        ("Vận động các hộ trong tổ dân phố phân loại rác tại nguồn", "20 hộ thực hiện, có danh sách ký cam kết"),
        ("Giúp đỡ một hộ cận nghèo trong khu phố có sinh kế ổn định", "Hộ thoát cận nghèo vào cuối năm"),
        ("Đọc và viết thu hoạch hai đầu sách về tư tưởng, đạo đức Hồ Chí Minh", "2 bài thu hoạch nộp chi bộ"),
        ("Dự đủ các buổi sinh hoạt chi bộ và sinh hoạt chuyên đề", "12/12 buổi, không vắng không lý do"),
        ("Giải quyết đúng hạn mọi hồ sơ hành chính được giao", "Không hồ sơ nào trễ hạn trên hệ thống một cửa"),
        ("Vận động ủng hộ Quỹ Vì người nghèo của phường", "Ít nhất 5 triệu đồng"),
        ("Trồng và chăm sóc cây xanh trên tuyến hẻm nơi cư trú", "10 cây xanh sống và phát triển tốt"),
        ("Gương mẫu giữ gìn nếp sống văn minh đô thị", "Gia đình đạt danh hiệu Gia đình văn hóa"),
    ]

    private static let pledge = "Giữ gìn phẩm chất đạo đức, lối sống giản dị, trung thực; nói đi đôi với làm; thường xuyên tự phê bình và phê bình; "
        + "không ngừng học tập nâng cao trình độ, gần dân, trọng dân."
}
