import LamTheoCore
import NIOConcurrencyHelpers

/// A kind of record that issues follow-up tasks — a briefing's conclusions, an inspection's recommendations,
/// an exemplar's replication — registered by its feature at start-up, so that this one needs not know it.
struct FollowUpOrigin: Sendable {
    /// Stored on each task ("briefing"): the same in both languages, what the API filters on.
    let kind: String
    /// What the kind is called: "Kết luận giao ban", "Kiến nghị sau kiểm tra".
    let name: LocalizedText
    /// The page of the record a task came from.
    let link: @Sendable (_ originId: Int) -> String
}

enum FollowUpOrigins {
    /// Registered once per process, like the to-do sources: the list is code.
    private static let registered = NIOLockedValueBox([String: FollowUpOrigin]())

    static func register(_ origin: FollowUpOrigin) {
        registered.withLockedValue { $0[origin.kind] = origin }
    }

    static func origin(_ kind: String) -> FollowUpOrigin? {
        registered.withLockedValue { $0[kind] }
    }
}

/// The record a task comes from, as its feature names it when issuing: its kind, its id and its words
/// ("Kết luận Hội nghị giao ban quý IV/2026, điểm 2").
struct FollowUpSource: Sendable, Hashable {
    let kind: String
    let id: Int
    let label: String
}
