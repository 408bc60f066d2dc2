import Fluent
import LamTheoCore

/// A member's commitments due within a rating period, with their own and the cell's assessment.
struct CommitmentEvidence: RatingEvidenceSource {
    func evidence(for member: Member, in period: RatingPeriod, on db: any Database) async throws -> EvidenceSection {
        let commitments = try await Commitment.query(on: db).filter(\.$memberId == member.requireID())
            .filter(\.$dueOn >= period.startsOn).filter(\.$dueOn <= period.endsOn).sort(\.$dueOn).all()
        let achieved = commitments.filter { $0.cellResult == .achieved }.count
        let pending = LocalizedText(vi: "chưa đánh giá", en: "not assessed")
        return EvidenceSection(
            source: "commitments", title: LocalizedText(vi: "Cam kết làm theo", en: "Commitments"),
            summary: LocalizedText(vi: "\(achieved)/\(commitments.count) cam kết được chi bộ đánh giá đạt",
                                   en: "\(achieved) of \(commitments.count) commitments assessed achieved by the cell"),
            items: commitments.map { item in
                let own = item.selfResult?.label ?? pending
                let cell = item.cellResult?.label ?? pending
                return LocalizedText(vi: "\(item.title): tự đánh giá \(own.vi), chi bộ \(cell.vi)",
                                     en: "\(item.title): self-assessed \(own.en), cell \(cell.en)")
            })
    }
}
