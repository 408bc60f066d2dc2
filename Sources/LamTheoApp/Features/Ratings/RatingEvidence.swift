import Fluent
import LamTheoCore
import SQLKit
import Vapor

/// What LamTheo already knows about a member's period, shown beside the rating form: one section per
/// source, each saying where its numbers come from.
struct EvidenceSection: Content, Sendable {
    /// The tables the section reads, for whoever checks a number.
    let source: String
    let title: LocalizedText
    /// One line summing the section up: "Dự 3/4 buổi học tập".
    let summary: LocalizedText
    let items: [LocalizedText]
}

enum RatingEvidence {
    /// The evidence for `member` in `period`.
    static func of(_ member: Member, in period: RatingPeriod, on db: any Database) async throws -> [EvidenceSection] {
        let memberId = member.requireID()

        // Study sessions: the member's attendance rows at sessions held within the period.
        let sessions = try await db.sql.raw("""
            SELECT s.title, s.held_on, a.status, a.reason FROM study_attendance a JOIN study_sessions s ON s.id = a.session_id
            WHERE a.member_id = \(bind: memberId) AND s.held_on >= \(bind: period.startsOn) AND s.held_on <= \(bind: period.endsOn)
            ORDER BY s.held_on, s.id
            """).all()
        var attended = 0
        var sessionItems: [LocalizedText] = []
        for row in sessions {
            let status = AttendanceStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .absent
            if status == .present { attended += 1 }
            let day = try row.decode(column: "held_on", as: CalendarDate.self).vietnamese
            let title = try row.decode(column: "title", as: String.self)
            let reason = try row.decode(column: "reason", as: String?.self).map { " (\($0))" } ?? ""
            sessionItems.append(LocalizedText(vi: "\(day) · \(title): \(status.label.vi)\(reason)", en: "\(day) · \(title): \(status.label.en)\(reason)"))
        }
        let study = EvidenceSection(
            source: "study_attendance, study_sessions", title: LocalizedText(vi: "Học tập", en: "Study sessions"),
            summary: LocalizedText(vi: "Dự \(attended)/\(sessions.count) buổi học tập", en: "Attended \(attended) of \(sessions.count) sessions"),
            items: sessionItems)

        // Reflections: each campaign covering the member's cell that overlaps the period, and the member's reflection in it.
        let cell = try await OrganizationQueries.require(member.organizationId, on: db)
        let campaigns = try await Campaign.query(on: db).filter(\.$organizationPath ~~ cell.treePath.lineage.map(\.rawValue))
            .filter(\.$startsOn <= period.endsOn).filter(\.$endsOn >= period.startsOn).sort(\.$startsOn).all()
        let reflections = try await Reflection.query(on: db).filter(\.$memberId == memberId).filter(\.$campaignId ~~ campaigns.compactMap(\.id)).all()
        let byCampaign = Dictionary(uniqueKeysWithValues: reflections.map { ($0.campaignId, $0) })
        let reflectionItems = campaigns.map { campaign -> LocalizedText in
            guard let reflection = byCampaign[campaign.requireID()] else {
                return LocalizedText(vi: "\(campaign.title): chưa nộp bài thu hoạch", en: "\(campaign.title): no reflection submitted")
            }
            let grade = reflection.grade.map { " · \($0)" } ?? ""
            return LocalizedText(vi: "\(campaign.title): \(reflection.state.label.vi)\(grade)", en: "\(campaign.title): \(reflection.state.label.en)\(grade)")
        }
        let accepted = reflections.filter { $0.state == .accepted }.count
        let reflection = EvidenceSection(
            source: "reflections, campaigns", title: LocalizedText(vi: "Bài thu hoạch", en: "Reflections"),
            summary: LocalizedText(vi: "\(reflections.count)/\(campaigns.count) bài đã nộp, \(accepted) bài đạt",
                                   en: "\(reflections.count) of \(campaigns.count) submitted, \(accepted) accepted"),
            items: reflectionItems)

        // Breakthroughs: those of the units the member heads during the period (a head's position held there),
        // and of the units whose breakthroughs in the period name the member as owner.
        let headed = try await MemberQueries.headedUnits(by: memberId, from: period.startsOn,
                                                         to: period.endsOn, on: db)
        let owned = try await Breakthrough.query(on: db).filter(\.$ownerMemberId == memberId).filter(\.$periodId == period.requireID()).all()
            .map(\.organizationId)
        let breakthroughs = try await BreakthroughQueries.ofUnits(Array(Set(headed + owned)), period: period, on: db)
        let today = CalendarDate.today()
        let finished = breakthroughs.filter { $0.status(today: today) == .done }.count
        let leadership = EvidenceSection(
            source: "breakthroughs", title: LocalizedText(vi: "Khâu đột phá của đơn vị mình phụ trách", en: "Breakthroughs of the units they lead"),
            summary: LocalizedText(vi: "\(finished)/\(breakthroughs.count) khâu đột phá hoàn thành", en: "\(finished) of \(breakthroughs.count) breakthroughs done"),
            items: breakthroughs.map { item in
                let status = item.status(today: today).label
                return LocalizedText(vi: "\(item.content): \(status.vi)", en: "\(item.content): \(status.en)")
            })

        // Commitments: those due within the period, with the member's and the cell's assessment.
        let commitments = try await Commitment.query(on: db).filter(\.$memberId == memberId)
            .filter(\.$dueOn >= period.startsOn).filter(\.$dueOn <= period.endsOn).sort(\.$dueOn).all()
        let achieved = commitments.filter { $0.cellResult == .achieved }.count
        let pending = LocalizedText(vi: "chưa đánh giá", en: "not assessed")
        let commitment = EvidenceSection(
            source: "commitments", title: LocalizedText(vi: "Cam kết làm theo", en: "Commitments"),
            summary: LocalizedText(vi: "\(achieved)/\(commitments.count) cam kết được chi bộ đánh giá đạt",
                                   en: "\(achieved) of \(commitments.count) commitments assessed achieved by the cell"),
            items: commitments.map { item in
                let own = (item.selfResult?.label ?? pending)
                let cell = (item.cellResult?.label ?? pending)
                return LocalizedText(vi: "\(item.title): tự đánh giá \(own.vi), chi bộ \(cell.vi)",
                                     en: "\(item.title): self-assessed \(own.en), cell \(cell.en)")
            })

        return [study, reflection, commitment, leadership]
    }
}
