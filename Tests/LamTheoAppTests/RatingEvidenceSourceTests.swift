import Fluent
@testable import LamTheoApp
import LamTheoCore
import Testing

/// A stand-in for a later feature (commendations) that contributes to a member's rating evidence.
private struct CommendationEvidence: RatingEvidenceSource {
    func evidence(for member: Member, in period: RatingPeriod, on db: any Database) async throws -> EvidenceSection {
        EvidenceSection(source: "commendations", title: LocalizedText(vi: "Khen thưởng", en: "Commendations"),
                        summary: LocalizedText(vi: "\(member.fullName): 0 lần khen thưởng", en: "\(member.fullName): 0 commendations"), items: [])
    }
}

@Suite("Rating evidence sources")
struct RatingEvidenceSourceTests {
    @Test("the features' sources answer in the order configure registers them; a source registered later comes after them, once",
          arguments: TestBackend.allCases)
    func registrationOrder(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 1)
            let member = try await MemberQueries.require(setup.members[0], on: app.db)
            let builtIn = ["Học tập", "Bài thu hoạch", "Cam kết làm theo", "Khâu đột phá của đơn vị mình phụ trách"]
            #expect(try await RatingEvidence.of(member, in: setup.period, on: app.db).map(\.title.vi) == builtIn)

            // A copy of the process's sources, so that the tests running beside this one do not see the extra one.
            var sources = RatingEvidence.sources
            sources.register(CommendationEvidence())
            sources.register(StudyEvidence())
            sources.register(CommendationEvidence())
            let sections = try await sources.evidence(for: member, in: setup.period, on: app.db)
            #expect(sections.map(\.title.vi) == builtIn + ["Khen thưởng"])
            #expect(sections.last?.summary.vi == "Lê Văn 1: 0 lần khen thưởng")
            #expect(try await RatingEvidence.of(member, in: setup.period, on: app.db).count == builtIn.count)
        }
    }
}
