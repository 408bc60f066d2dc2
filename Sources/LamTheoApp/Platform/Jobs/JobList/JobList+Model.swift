import Foundation
import LamTheoCore

/// `/jobs`: the background jobs for an administrator, newest first, narrowed by state and kind.
enum JobList {
    struct Row: Sendable {
        let id: String
        let title: LocalizedText
        let state: JobState
        let cancelRequested: Bool
        /// Who started it; nil for scheduled work.
        let owner: LocalizedText?
        let done: Int
        let total: Int
        let createdAt: Date
        let endedAt: Date?
        /// The summary once succeeded, otherwise the last error.
        let note: LocalizedText?
    }

    struct Model: Sendable {
        let rows: [Row]
        let state: JobState?
        let kind: String?
        /// The kinds to choose from: every registered one, by title.
        let kinds: [(name: String, title: LocalizedText)]
        let page: Int
        let pageCount: Int
        let total: Int
    }
}
