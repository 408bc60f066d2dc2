import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// A number in the database that writers count up when something a process keeps goes out of date
/// (`public_page_generation`: what public pages show; `access_generation`: who may do what; `organization_generation`:
/// the units' rows, which the API's kept pages of units show; `notification_generation`: the unread counts in the
/// header). Each process reads it at
/// most once per `interval`, and at its next request after a write of its own (`checkSoon`), and drops what it keeps
/// when the number has moved. So a change through another process reaches this one within `interval`, one through
/// this process at once.
final class StoredGeneration: Sendable {
    /// The table: one row, id 1, column `generation`.
    let table: String
    let interval: TimeInterval
    private let state = NIOLockedValueBox<(known: Int64?, checkedAt: Date)>((nil, .distantPast))

    init(table: String, interval: TimeInterval) {
        self.table = table
        self.interval = interval
    }

    /// The number as last read, after reading it again when due; `moved` runs when it changed since the read before.
    @discardableResult
    func follow(_ db: any Database, now: Date = Date(), moved: () -> Void = {}) async throws -> Int64? {
        let due = state.withLockedValue { state in
            guard now.timeIntervalSince(state.checkedAt) >= interval else { return false }
            state.checkedAt = now
            return true
        }
        guard due else { return known }
        return try await read(db, moved: moved)
    }

    /// The number as stored now, whenever it was last read; `moved` runs when it changed since the read before.
    @discardableResult
    func read(_ db: any Database, moved: () -> Void = {}) async throws -> Int64? {
        guard let stored = try await db.sql.raw("SELECT generation FROM \(unsafeRaw: table) WHERE id = 1").first()?
            .decode(column: "generation", as: Int64.self) else { return known }
        let changed = state.withLockedValue { state in
            defer { state.known = stored }
            return state.known != stored
        }
        if changed { moved() }
        return stored
    }

    /// The number as last read; nil before the first read.
    var known: Int64? {
        state.withLockedValue { $0.known }
    }

    /// This process has just written: the next `follow` reads the number whenever it was last read.
    func checkSoon() {
        state.withLockedValue { $0.checkedAt = .distantPast }
    }
}

/// The stored generations this process follows that its own writes may move: `write` and `writeBookkeeping` have each
/// read again at the next request, so that a client reads back what it has just written through this process.
final class FollowedGenerations: Sendable {
    private let generations = NIOLockedValueBox<[StoredGeneration]>([])

    /// `generation`, now followed.
    @discardableResult
    func add(_ generation: StoredGeneration) -> StoredGeneration {
        generations.withLockedValue { $0.append(generation) }
        return generation
    }

    func checkSoon() {
        for generation in generations.withLockedValue({ $0 }) { generation.checkSoon() }
    }
}

extension Application {
    /// Set by `configure`.
    var followedGenerations: FollowedGenerations {
        get { self[configured: FollowedGenerationsKey.self] }
        set { self[configured: FollowedGenerationsKey.self] = newValue }
    }

    private struct FollowedGenerationsKey: StorageKey {
        typealias Value = FollowedGenerations
    }
}
