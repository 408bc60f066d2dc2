import Fluent
import LamTheoCore
import SQLKit

/// A member's attendance at the study sessions held within a rating period.
struct StudyEvidence: RatingEvidenceSource {
    func evidence(for member: Member, in period: RatingPeriod, on db: any Database) async throws -> EvidenceSection {
        let sessions = try await db.sql.raw("""
            SELECT s.title, s.held_on, a.status, a.reason FROM study_attendance a JOIN study_sessions s ON s.id = a.session_id
            WHERE a.member_id = \(bind: member.requireID()) AND s.held_on >= \(bind: period.startsOn) AND s.held_on <= \(bind: period.endsOn)
            ORDER BY s.held_on, s.id
            """).all()
        var attended = 0
        var items: [LocalizedText] = []
        for row in sessions {
            let status = AttendanceStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .absent
            if status == .present { attended += 1 }
            let day = try row.decode(column: "held_on", as: CalendarDate.self).vietnamese
            let title = try row.decode(column: "title", as: String.self)
            let reason = try row.decode(column: "reason", as: String?.self).map { " (\($0))" } ?? ""
            items.append(LocalizedText(vi: "\(day) · \(title): \(status.label.vi)\(reason)", en: "\(day) · \(title): \(status.label.en)\(reason)"))
        }
        return EvidenceSection(
            source: "study_attendance, study_sessions", title: LocalizedText(vi: "Học tập", en: "Study sessions"),
            summary: LocalizedText(vi: "Dự \(attended)/\(sessions.count) buổi học tập", en: "Attended \(attended) of \(sessions.count) sessions"),
            items: items)
    }
}

/// Each campaign covering the member's cell that overlaps the rating period, and the member's reflection in it.
struct ReflectionEvidence: RatingEvidenceSource {
    func evidence(for member: Member, in period: RatingPeriod, on db: any Database) async throws -> EvidenceSection {
        let cell = try await OrganizationQueries.require(member.organizationId, on: db)
        let campaigns = try await Campaign.query(on: db).filter(\.$organizationPath ~~ cell.treePath.lineage.map(\.rawValue))
            .filter(\.$startsOn <= period.endsOn).filter(\.$endsOn >= period.startsOn).sort(\.$startsOn).all()
        let reflections = try await Reflection.query(on: db).filter(\.$memberId == member.requireID())
            .filter(\.$campaignId ~~ campaigns.compactMap(\.id)).all()
        let byCampaign = Dictionary(uniqueKeysWithValues: reflections.map { ($0.campaignId, $0) })
        let items = campaigns.map { campaign -> LocalizedText in
            guard let reflection = byCampaign[campaign.requireID()] else {
                return LocalizedText(vi: "\(campaign.title): chưa nộp bài thu hoạch", en: "\(campaign.title): no reflection submitted")
            }
            let grade = reflection.grade.map { " · \($0)" } ?? ""
            return LocalizedText(vi: "\(campaign.title): \(reflection.state.label.vi)\(grade)", en: "\(campaign.title): \(reflection.state.label.en)\(grade)")
        }
        let accepted = reflections.filter { $0.state == .accepted }.count
        return EvidenceSection(
            source: "reflections, campaigns", title: LocalizedText(vi: "Bài thu hoạch", en: "Reflections"),
            summary: LocalizedText(vi: "\(reflections.count)/\(campaigns.count) bài đã nộp, \(accepted) bài đạt",
                                   en: "\(reflections.count) of \(campaigns.count) submitted, \(accepted) accepted"),
            items: items)
    }
}
