import Foundation
import LamTheoCore

/// A unit's reminders: the schedule in force for each kind (its own, one from above, or the default), what the
/// next run will send about its subtree's items, and what was sent.
enum ReminderOverview {}

extension ReminderOverview {
    struct Model: Sendable {
        struct Schedule: Sendable {
            let kind: String
            let title: LocalizedText
            let schedule: ReminderSchedule
            /// The unit's own rule, which it may remove.
            let ownRuleId: Int?
            /// The unit above whose rule is in force, when it is one from above.
            let setBy: String?
        }

        struct Upcoming: Sendable {
            let kind: LocalizedText
            let title: LocalizedText
            let unit: String
            let dueOn: CalendarDate
            let step: ReminderStep
            let recipients: Int
            let link: String
        }

        struct Sent: Sendable {
            let title: LocalizedText
            let recipient: String
            let createdOn: CalendarDate
            let email: EmailState
            let isRead: Bool
        }

        struct FailedAddress: Sendable {
            let user: String
            let email: String
            let failure: String
            let at: Date
        }

        let unitId: Int
        let unitName: String
        let canEdit: Bool
        let schedules: [Schedule]
        /// The day previewed; whether the preview stopped at its limit, and whether it read only the first
        /// items of a large subtree.
        let day: CalendarDate
        let upcoming: [Upcoming]
        let upcomingCut: Bool
        let upcomingPartial: Bool
        /// Newest first, counted up to 1,000 ("more than" past it).
        let sent: Page<Sent>
        /// For administrators only; empty for the others.
        let failedAddresses: [FailedAddress]
    }
}
