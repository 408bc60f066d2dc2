import Fluent
import Foundation
import LamTheoCore

/// A member's own commitments as their self-service page shows them: plain values, read by `query` and
/// rendered by `CommitmentPages.ownSection`.
struct OwnCommitments: Sendable {
    let memberId: Int
    let year: Int
    /// The latest reminder to register for `year`, while the member has not.
    let reminder: Reminder?
    /// Every year's, the latest year first.
    let commitments: [Line]
    /// This year's pledge.
    let pledge: String?

    struct Reminder: Sendable, Hashable {
        let sentByName: String
        let sentAt: Date?
    }

    struct Line: Sendable {
        let id: Int
        let year: Int
        let title: String
        let measure: String
        /// ISO date as stored.
        let dueOn: CalendarDate
        let selfResult: CommitmentResult?
        let selfNote: String?
        let cellResult: CommitmentResult?
        let cellNote: String?
        let checkIns: [CommitmentAPI.CheckInDTO]
    }
}

extension OwnCommitments {
    /// Four reads: the commitments, their check-ins, this year's pledge and reminders.
    static func query(of memberId: Int, year: Int, on db: any Database) async throws -> OwnCommitments {
        let commitments = try await CommitmentQueries.commitments(of: memberId, on: db)
        let checkIns = try await CommitmentQueries.checkIns(of: commitments.map { $0.requireID() }, on: db)
        let pledge = try await CommitmentQueries.pledge(of: memberId, year: year, on: db)
        let reminders = try await CommitmentQueries.reminders(of: [memberId], year: year, on: db)
        let registered = commitments.contains { $0.year == year }
        return OwnCommitments(
            memberId: memberId, year: year,
            reminder: registered ? nil : reminders.first.map { Reminder(sentByName: $0.sentByName, sentAt: $0.sentAt) },
            commitments: commitments.map { commitment in
                Line(id: commitment.requireID(), year: commitment.year, title: commitment.title, measure: commitment.measure, dueOn: commitment.dueOn,
                     selfResult: commitment.selfResult, selfNote: commitment.selfNote, cellResult: commitment.cellResult, cellNote: commitment.cellNote,
                     checkIns: (checkIns[commitment.requireID()] ?? []).map(CommitmentAPI.CheckInDTO.init))
            },
            pledge: pledge?.text)
    }
}
