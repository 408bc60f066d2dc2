import Foundation
import NIOConcurrencyHelpers

/// Values kept in the process, each until a time of its own, by key: pages drawn once for many readers (the public
/// sites', the dashboards'). Past `capacity` keys it starts again empty — simpler than ageing entries out one by one,
/// and an entry lives seconds or a minute, not hours.
final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        let value: Value
        let expires: Date
    }

    let capacity: Int
    private let entries = NIOLockedValueBox<[Key: Entry]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The value kept at `key`, unless it has expired.
    func value(_ key: Key, now: Date = Date()) -> Value? {
        entries.withLockedValue { $0[key] }.flatMap { $0.expires > now ? $0.value : nil }
    }

    func keep(_ value: Value, at key: Key, until expires: Date) {
        entries.withLockedValue { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, expires: expires)
        }
    }

    func remove(_ key: Key) {
        _ = entries.withLockedValue { $0.removeValue(forKey: key) }
    }

    func removeAll() {
        entries.withLockedValue { $0.removeAll() }
    }
}
