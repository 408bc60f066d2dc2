import Fluent
import Foundation
import LamTheoCore
import Vapor

extension DemoData {
    /// The demo campaign's study: the city's conference broadcast to 17 bridge points (4.360 delegates) a month
    /// ago, and in the demo secretary's cell that month's session with its attendance, a session held two days
    /// ago whose attendance is still to be taken, and reflections in every state — accepted, returned, two
    /// waiting for the secretary's review, none yet from the demo member — and a week more (inside the campaign)
    /// for the member absent from that session.
    static func createStudy(_ app: Application, today: CalendarDate) async throws {
        let db = app.db
        guard try await StudySession.query(on: db).count() == 0,
              let campaign = try await Campaign.query(on: db).filter(\.$status == .active).sort(\.$id).first(),
              let cellId = try await RoleGrant.query(on: db).filter(\.$role == .secretary).sort(\.$id).first()?.organizationId,
              let cell = try await Organization.find(cellId, on: db),
              let city = try await Organization.find(campaign.organizationId, on: db) else { return }
        // Nothing for a campaign that has not begun yet (a demo database reused after its own campaign was
        // closed and next year's launched).
        guard campaign.startsOn <= today else { return }
        let demo = DemoWriter(app: app)
        let campaignId = campaign.requireID()
        // Inside the campaign, and never before the unit holding the session was founded.
        func held(_ offset: Int, by unit: Organization) -> String { max(campaign.startsOn, unit.validFrom, today.adding(days: offset)).iso }
        func record(_ input: StudySessionInput) async throws -> Int {
            try await demo.write("study.session.record", StudySession.self) { try await StudyCommands.record(input, today: today, on: $0) }.requireID()
        }
        let delegates = [700, 400, 300, 300, 250, 250, 250, 250, 200, 200, 200, 200, 200, 200, 160, 150, 150]
        _ = try await record(StudySessionInput(
            organizationId: campaign.organizationId, campaignId: campaignId, title: "Hội nghị học tập, quán triệt chuyên đề năm",
            heldOn: held(-30, by: city), format: StudyFormat.hybrid.rawValue, presenter: "Đồng chí Trưởng Ban Tuyên giáo và Dân vận", nonMemberAttendees: 0,
            documentIds: [campaign.documentId],
            bridgePoints: delegates.enumerated().map { BridgePointInput(name: "Điểm cầu số \($0.offset + 1)", attendeeCount: $0.element) }))

        let session = try await record(StudySessionInput(
            organizationId: cellId, campaignId: campaignId, title: "Sinh hoạt chuyên đề", heldOn: held(-30, by: cell), format: StudyFormat.inPerson.rawValue,
            presenter: "Bí thư chi bộ", nonMemberAttendees: 3, documentIds: [campaign.documentId]))
        let members = try await Member.query(on: db).filter(\.$organizationId == cellId).filter(\.$status ~~ MemberStatus.onRoll)
            .sort(\.$nameSort).all().map { $0.requireID() }
        let sheet = AttendanceInput(entries: members.prefix(2).enumerated().map { index, member in
            index == 0 ? AttendanceEntry(memberId: member, status: AttendanceStatus.excused.rawValue, reason: "Đi công tác")
                : AttendanceEntry(memberId: member, status: AttendanceStatus.absent.rawValue)
        }, othersPresent: true)
        _ = try await demo.write("study.attendance", StudySession.self, id: session) {
            try await StudyCommands.takeAttendance(of: session, sheet, on: $0)
        }
        _ = try await record(StudySessionInput(
            organizationId: cellId, campaignId: campaignId, title: "Sinh hoạt chi bộ thường kỳ tháng \(today.month)", heldOn: held(-2, by: cell),
            format: StudyFormat.inPerson.rawValue, presenter: "Bí thư chi bộ", nonMemberAttendees: 0, documentIds: [campaign.documentId]))

        guard !campaign.reflectionDeadline.hasPassed(on: today) else { return }
        let store = app.documentFiles
        let reflectionText = "Qua học tập chuyên đề, tôi nhận thức sâu sắc hơn về trách nhiệm nêu gương.\n\nTôi đăng ký làm theo: giữ gìn nếp sống giản dị, gần dân."
        let reviews: [ReflectionReviewInput?] = [
            ReflectionReviewInput(decision: ReflectionDecision.accept.rawValue, grade: campaign.grades.first),
            ReflectionReviewInput(decision: ReflectionDecision.return.rawValue, comment: "Cần liên hệ bản thân cụ thể hơn"), nil, nil,
        ]
        for (member, review) in zip(members.dropFirst(2), reviews) {
            let reflection = try await demo.write("reflection.submit", Reflection.self) {
                try await StudyCommands.submitReflection(campaign: campaignId, member: member, body: reflectionText, file: nil, store: store,
                                                         today: today, on: $0)
            }.requireID()
            if let review {
                _ = try await demo.write("reflection.review", Reflection.self, id: reflection) {
                    try await StudyCommands.reviewReflection(reflection, review, today: today, on: $0)
                }
            }
        }
        // The member absent from the session gets a week more, or what is left of the campaign.
        if members.count > 1, let due = campaign.reflectionDueOn, case let until = min(due.adding(days: 7), campaign.endsOn), until > due {
            let input = ReflectionExtensionInput(campaignId: campaignId, memberId: members[1], until: until.iso,
                                                 reason: "Nằm viện điều trị, chi bộ cho nộp sau một tuần")
            _ = try await demo.write("reflection.extend", ReflectionExtension.self) { try await StudyCommands.extendReflections(input, on: $0) }
        }
    }
}
