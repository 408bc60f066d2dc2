import Fluent
import Foundation
import LamTheoCore
import Vapor

extension DemoData {
    /// The demo campaign's study: the city's conference broadcast to 17 bridge points (4.360 delegates),
    /// and in the demo secretary's cell a session with attendance and reflections in every state.
    static func createStudy(_ app: Application) async throws {
        let db = app.db
        guard try await StudySession.query(on: db).count() == 0,
              let campaign = try await Campaign.query(on: db).filter(\.$status == .active).sort(\.$id).first(),
              let cellId = try await RoleGrant.query(on: db).filter(\.$role == .secretary).sort(\.$id).first()?.organizationId else { return }
        // A month ago, but not before the campaign began; nothing for a campaign that has not begun yet (a
        // demo database reused after its own campaign was closed and next year's launched).
        let today = CalendarDate.today()
        guard campaign.startsOn <= today else { return }
        let origin = AuditOrigin.commandLine(user: "demo")
        let campaignId = campaign.requireID()
        let heldOn = max(campaign.startsOn, today.adding(days: -30)).iso
        let delegates = [700, 400, 300, 300, 250, 250, 250, 250, 200, 200, 200, 200, 200, 200, 160, 150, 150]
        let conference = StudySessionInput(
            organizationId: campaign.organizationId, campaignId: campaignId, title: "Hội nghị học tập, quán triệt chuyên đề năm",
            heldOn: heldOn, format: StudyFormat.hybrid.rawValue, presenter: "Đồng chí Trưởng Ban Tuyên giáo và Dân vận", nonMemberAttendees: 0,
            documentIds: [campaign.documentId],
            bridgePoints: delegates.enumerated().map { BridgePointInput(name: "Điểm cầu số \($0.offset + 1)", attendeeCount: $0.element) })
        _ = try await app.write(AuditSubject("study.session.record", StudySession.self), origin: origin) { try await StudyCommands.record(conference, on: $0) }

        let cellSession = StudySessionInput(
            organizationId: cellId, campaignId: campaignId, title: "Sinh hoạt chuyên đề", heldOn: heldOn, format: StudyFormat.inPerson.rawValue,
            presenter: "Bí thư chi bộ", nonMemberAttendees: 3, documentIds: [campaign.documentId])
        let session = try await app.write(AuditSubject("study.session.record", StudySession.self), origin: origin) {
            try await StudyCommands.record(cellSession, on: $0)
        }.requireID()
        let members = try await Member.query(on: db).filter(\.$organizationId == cellId).filter(\.$status ~~ MemberStatus.onRoll)
            .sort(\.$nameSort).all().map { $0.requireID() }
        let sheet = AttendanceInput(entries: members.prefix(2).enumerated().map { index, member in
            index == 0 ? AttendanceEntry(memberId: member, status: AttendanceStatus.excused.rawValue, reason: "Đi công tác")
                : AttendanceEntry(memberId: member, status: AttendanceStatus.absent.rawValue)
        }, othersPresent: true)
        _ = try await app.write(AuditSubject("study.attendance", StudySession.self, id: session), origin: origin) {
            try await StudyCommands.takeAttendance(of: session, sheet, on: $0)
        }

        // Reflections can only be submitted before the deadline.
        if campaign.reflectionDeadline.hasPassed(on: CalendarDate.today()) { return }
        let store = app.documentFiles
        let reflectionText = "Qua học tập chuyên đề, tôi nhận thức sâu sắc hơn về trách nhiệm nêu gương.\n\nTôi đăng ký làm theo: giữ gìn nếp sống giản dị, gần dân."
        let reviews: [ReflectionReviewInput?] = [
            ReflectionReviewInput(decision: ReflectionDecision.accept.rawValue, grade: campaign.grades.first),
            ReflectionReviewInput(decision: ReflectionDecision.return.rawValue, comment: "Cần liên hệ bản thân cụ thể hơn"), nil,
        ]
        for (member, review) in zip(members.dropFirst(2), reviews) {
            let reflection = try await app.write(AuditSubject("reflection.submit", Reflection.self), origin: origin) {
                try await StudyCommands.submitReflection(campaign: campaignId, member: member, body: reflectionText, file: nil, store: store, on: $0)
            }.requireID()
            if let review {
                _ = try await app.write(AuditSubject("reflection.review", Reflection.self, id: reflection), origin: origin) {
                    try await StudyCommands.reviewReflection(reflection, review, on: $0)
                }
            }
        }
    }
}
