import Fluent
import LamTheoCore

/// The breakthroughs of the units a member leads in a rating period: those the member heads during the period
/// (a head's position held there), and those whose breakthroughs in the period name the member as owner.
struct BreakthroughEvidence: RatingEvidenceSource {
    func evidence(for member: Member, in period: RatingPeriod, on db: any Database) async throws -> EvidenceSection {
        let memberId = member.requireID()
        let headed = try await MemberQueries.headedUnits(by: memberId, from: period.startsOn, to: period.endsOn, on: db)
        let owned = try await Breakthrough.query(on: db).filter(\.$ownerMemberId == memberId).filter(\.$periodId == period.requireID()).all()
            .map(\.organizationId)
        let breakthroughs = try await BreakthroughQueries.ofUnits(Array(Set(headed + owned)), period: period, on: db)
        let today = CalendarDate.today()
        let finished = breakthroughs.filter { $0.status(today: today) == .done }.count
        return EvidenceSection(
            source: "breakthroughs", title: LocalizedText(vi: "Khâu đột phá của đơn vị mình phụ trách", en: "Breakthroughs of the units they lead"),
            summary: LocalizedText(vi: "\(finished)/\(breakthroughs.count) khâu đột phá hoàn thành", en: "\(finished) of \(breakthroughs.count) breakthroughs done"),
            items: breakthroughs.map { item in
                let status = item.status(today: today).label
                return LocalizedText(vi: "\(item.content): \(status.vi)", en: "\(item.content): \(status.en)")
            })
    }
}
