import Fluent
import Foundation
import LamTheoCore
import NIOConcurrencyHelpers

enum JobState: String, Sendable, Codable, CaseIterable {
    case queued
    case running
    case succeeded
    case failed
    case interrupted
    case cancelled

    /// Ended: nothing more happens to it unless a person retries it.
    var isEnded: Bool {
        switch self {
        case .queued, .running: return false
        case .succeeded, .failed, .interrupted, .cancelled: return true
        }
    }

    /// A person may run it again.
    var isRetryable: Bool { self == .failed || self == .interrupted || self == .cancelled }

    var label: LocalizedText {
        switch self {
        case .queued: return LocalizedText(vi: "Đang chờ", en: "Queued")
        case .running: return LocalizedText(vi: "Đang chạy", en: "Running")
        case .succeeded: return LocalizedText(vi: "Đã xong", en: "Succeeded")
        case .failed: return LocalizedText(vi: "Lỗi", en: "Failed")
        case .interrupted: return LocalizedText(vi: "Bị gián đoạn", en: "Interrupted")
        case .cancelled: return LocalizedText(vi: "Đã hủy", en: "Cancelled")
        }
    }
}

/// A row of `jobs` (migration 031).
final class StoredJob: Model, @unchecked Sendable {
    static let schema = "jobs"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "kind") var kind: String
    @Field(key: "state") var state: JobState
    @OptionalField(key: "payload") var payload: Data?
    @OptionalField(key: "unique_key") var uniqueKey: String?
    @OptionalField(key: "owner_id") var ownerId: Int?
    /// How many times it has been started.
    @Field(key: "attempts") var attempts: Int
    @Field(key: "progress_done") var progressDone: Int
    @Field(key: "progress_total") var progressTotal: Int
    /// Asked to stop while running; the runner ends it as cancelled.
    @Field(key: "cancel_requested") var cancelRequested: Bool
    /// The process running it, and until when it counts as alive without news from it.
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    /// Not started before (a retry's backoff, a scheduled slot).
    @Field(key: "run_after") var runAfter: Date
    @OptionalField(key: "summary_vi") var summaryVi: String?
    @OptionalField(key: "summary_en") var summaryEn: String?
    @OptionalField(key: "result") var result: Data?
    @OptionalField(key: "error_vi") var errorVi: String?
    @OptionalField(key: "error_en") var errorEn: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "ended_at") var endedAt: Date?
    @OptionalField(key: "updated_at") var updatedAt: Date?

    init() {}

    var record: JobRecord {
        JobRecord(id: id ?? "", kind: kind, state: state, ownerId: ownerId, done: progressDone, total: progressTotal, attempts: attempts,
                  cancelRequested: cancelRequested, uniqueKey: uniqueKey, payload: payload,
                  summary: summaryVi.map { LocalizedText(vi: $0, en: summaryEn ?? $0) }, result: result,
                  error: errorVi.map { LocalizedText(vi: $0, en: errorEn ?? $0) },
                  createdAt: createdAt, runAfter: runAfter, startedAt: startedAt, endedAt: endedAt, updatedAt: updatedAt,
                  leaseOwner: leaseOwner, leaseUntil: leaseUntil)
    }
}

/// A job as its readers see it.
struct JobRecord: Sendable {
    let id: String
    let kind: String
    var state: JobState
    let ownerId: Int?
    var done: Int
    var total: Int
    let attempts: Int
    let cancelRequested: Bool
    let uniqueKey: String?
    let payload: Data?
    let summary: LocalizedText?
    let result: Data?
    /// Why it failed or was interrupted (the last time, for a job queued again).
    let error: LocalizedText?
    let createdAt: Date
    let runAfter: Date
    let startedAt: Date?
    let endedAt: Date?
    let updatedAt: Date?
    let leaseOwner: String?
    let leaseUntil: Date?

    var title: LocalizedText { JobKinds.title(of: kind) }

    /// The result decoded as `T` (an import's report).
    func result<T: Decodable>(as type: T.Type) -> T? {
        result.flatMap { try? JSONDecoder().decode(T.self, from: $0) }
    }

    /// The payload decoded as `T`.
    func payload<T: Decodable>(as type: T.Type) -> T? {
        payload.flatMap { try? JSONDecoder().decode(T.self, from: $0) }
    }
}

/// A running job's progress and cancellation as this process knows them: the job notes progress here without
/// waiting, the heartbeat stores it and brings back a cancellation asked for anywhere.
final class LiveJob: Sendable {
    private struct State {
        var done = 0
        var total = 0
        var stored = (done: 0, total: 0)
        var cancelRequested = false
    }

    private let state = NIOLockedValueBox(State())

    func note(done: Int, total: Int) {
        state.withLockedValue { ($0.done, $0.total) = (done, total) }
    }

    var progress: (done: Int, total: Int) {
        state.withLockedValue { ($0.done, $0.total) }
    }

    var isCancelRequested: Bool {
        state.withLockedValue { $0.cancelRequested }
    }

    func requestCancel() {
        state.withLockedValue { $0.cancelRequested = true }
    }

    /// The progress not yet stored, marked as stored.
    func takeUnstored() -> (done: Int, total: Int)? {
        state.withLockedValue { state in
            guard (state.done, state.total) != state.stored else { return nil }
            state.stored = (state.done, state.total)
            return state.stored
        }
    }
}
