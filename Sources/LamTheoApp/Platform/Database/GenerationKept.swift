import Foundation
import Vapor

/// Values read from the database and kept by this process while a stored generation stays the number they were read
/// under (the API's pages of units under `organization_generation`, the header's unread counts under
/// `notification_generation`): a change by any writer moves the number, and every process drops what it keeps when it
/// sees the number move — at most `StoredGeneration.interval` later, at once after its own writes.
final class GenerationKept<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        let value: Value
        /// A number its rows are at least as new as.
        let generation: Int64
    }

    let generation: StoredGeneration
    private let lifetime: TimeInterval
    private let entries: ExpiringCache<Key, Entry>

    init(generation: StoredGeneration, capacity: Int, lifetime: TimeInterval = 60) {
        self.generation = generation
        self.lifetime = lifetime
        entries = ExpiringCache(capacity: capacity)
    }

    /// The value kept at `key` while the number is the one it was read under, else `read`'s, kept for the next requests.
    /// A client that has just written, or asks with `Cache-Control: no-cache`, reads afresh and keeps nothing.
    func value(_ key: Key, for request: Request, read: () async throws -> Value) async throws -> Value {
        guard !request.readsAfresh else { return try await read() }
        let db = request.reads
        let known = try await generation.follow(db, moved: entries.removeAll)
        if let known, let kept = entries.value(key), kept.generation == known { return kept.value }
        // On the primary, rows read now are at least as new as any number known. A replica's may be older than the
        // number known (it may be the primary's): its own is read before its rows.
        let readUnder = request.readTarget == .primary ? known : try await generation.read(db, moved: entries.removeAll)
        let value = try await read()
        if let readUnder { entries.keep(Entry(value: value, generation: readUnder), at: key, until: Date().addingTimeInterval(lifetime)) }
        return value
    }
}
