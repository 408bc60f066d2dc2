import Fluent
import LamTheoCore
import NIOConcurrencyHelpers
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

/// A feature that knows something about how a member did in a period: it registers at start-up (`configure`)
/// instead of being read by the ratings, so that the ratings need not know its tables.
protocol RatingEvidenceSource: Sendable {
    func evidence(for member: Member, in period: RatingPeriod, on db: any Database) async throws -> EvidenceSection
}

/// Sources in the order their sections are shown.
struct RatingEvidenceSources: Sendable {
    private(set) var sources: [any RatingEvidenceSource] = []

    /// Adds `source` after those registered before; registering the same type again changes nothing.
    mutating func register(_ source: any RatingEvidenceSource) {
        if !sources.contains(where: { type(of: $0) == type(of: source) }) { sources.append(source) }
    }

    /// Every source's section for `member` in `period`, in registration order.
    func evidence(for member: Member, in period: RatingPeriod, on db: any Database) async throws -> [EvidenceSection] {
        var sections: [EvidenceSection] = []
        for source in sources {
            sections.append(try await source.evidence(for: member, in: period, on: db))
        }
        return sections
    }
}

enum RatingEvidence {
    /// Registered once per process, like the tree followers: the list is code, the same for every application
    /// instance a test starts. A value, so that a test can extend a copy without the other tests seeing it.
    private static let registered = NIOLockedValueBox(RatingEvidenceSources())

    static var sources: RatingEvidenceSources { registered.withLockedValue { $0 } }

    static func register(_ source: any RatingEvidenceSource) {
        registered.withLockedValue { $0.register(source) }
    }

    /// The evidence for `member` in `period`.
    static func of(_ member: Member, in period: RatingPeriod, on db: any Database) async throws -> [EvidenceSection] {
        try await sources.evidence(for: member, in: period, on: db)
    }
}
