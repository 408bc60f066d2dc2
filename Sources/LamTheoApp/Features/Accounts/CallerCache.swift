import Foundation
import LamTheoCore
import Vapor

/// Who each presented secret belongs to, kept in the process: finding the caller — the token or session with its
/// holder and grants, then the access lent to the holder — was two statements on every request, most of a small
/// API read. An entry is given only
/// - while `access_generation` is the one it was read under (any change to a grant, an account, a session or token, a
///   unit's path or status or an inspection's team moves it: the database's own triggers, 045); a process reads the
///   number at most once a second, and at once after its own writes;
/// - on the day it was read (grants and lendings start and end by the day), and for `lifetime` at most.
/// A token's or session's expiry, revocation and the account's state are checked on each request as before; a secret
/// that matches nothing is never kept.
final class CallerCache: Sendable {
    struct Key: Hashable, Sendable {
        let secretHash: String
        let kind: ActorLoader.Credential.Kind
        let day: CalendarDate
    }

    struct Caller: Sendable {
        let key: Key
        let actor: Actor
        let credential: ActorLoader.Credential
    }

    private struct Entry: Sendable {
        let caller: Caller
        /// The access generation it was read under.
        let generation: Int64
    }

    static let lifetime: TimeInterval = 60
    /// A few hundred bytes each.
    static let capacity = 20_000

    private let callers = ExpiringCache<Key, Entry>(capacity: CallerCache.capacity)

    /// The caller kept at `key`, if it was read under `generation`: one read before a change, kept after the process
    /// saw the number move, is never given.
    func caller(_ key: Key, generation: Int64) -> Caller? {
        callers.value(key).flatMap { $0.generation == generation ? $0.caller : nil }
    }

    /// `generation`: the number as it was known before the caller was read.
    func keep(_ caller: Caller, readUnder generation: Int64) {
        callers.keep(Entry(caller: caller, generation: generation), at: caller.key, until: Date().addingTimeInterval(Self.lifetime))
    }

    /// After a session's or token's last use was written: read it again next time.
    func forget(_ key: Key) {
        callers.remove(key)
    }

    func removeAll() {
        callers.removeAll()
    }
}

extension Application {
    /// Set by `configure`.
    var callers: CallerCache {
        get { self[configured: CallerCacheKey.self] }
        set { self[configured: CallerCacheKey.self] = newValue }
    }

    private struct CallerCacheKey: StorageKey {
        typealias Value = CallerCache
    }
}
