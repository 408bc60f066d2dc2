/// Where an obligation stands. What is stored is only what people did (submitted, accepted, returned,
/// extended); "due soon" and "late" follow from the due date and today, so they are never stale.
public enum ObligationState: String, Sendable, Codable, CaseIterable {
    /// Nothing submitted yet.
    case open
    /// Submitted, waiting for the level above to review it.
    case submitted
    case accepted
    /// Sent back for revision; the unit resubmits.
    case returned
    /// The unit was merged into another, which carries the work on.
    case handedOver = "handed_over"
    /// The unit left the campaign's subtree or was dissolved.
    case withdrawn

    /// Whether the obligation still counts for its unit (handed-over and withdrawn ones do not).
    public var isInForce: Bool { self != .handedOver && self != .withdrawn }
}

/// The status people see, stored state and dates together.
public enum ObligationStatus: String, Sendable, Codable, CaseIterable {
    case notYetDue = "not_yet_due"
    case dueSoon = "due_soon"
    case extended
    case late
    case submitted
    case returned
    case accepted
    case handedOver = "handed_over"
    case withdrawn

    /// How many days before its due date an open obligation is "due soon".
    public static let dueSoonDays = 7

    public init(state: ObligationState, dueOn: CalendarDate, extendedUntil: CalendarDate?, today: CalendarDate) {
        switch state {
        case .accepted: self = .accepted
        case .submitted: self = .submitted
        case .returned: self = .returned
        case .handedOver: self = .handedOver
        case .withdrawn: self = .withdrawn
        case .open:
            let due = extendedUntil ?? dueOn
            if due < today {
                self = .late
            } else if extendedUntil != nil {
                self = .extended
            } else if dueOn <= today.adding(days: Self.dueSoonDays) {
                self = .dueSoon
            } else {
                self = .notYetDue
            }
        }
    }

    /// The statuses a roll-up counts, in the order it shows them.
    public static let counted: [ObligationStatus] = [.late, .returned, .dueSoon, .extended, .notYetDue, .submitted, .accepted]

    /// Whether the unit still has to act on it.
    public var awaitsUnit: Bool { self == .late || self == .returned || self == .dueSoon || self == .extended || self == .notYetDue }
}

extension ObligationStatus {
    /// Days past the due date (after any extension) on `today`; 0 when not late.
    public static func daysLate(dueOn: CalendarDate, extendedUntil: CalendarDate?, today: CalendarDate) -> Int {
        max(0, today.daysSinceEpoch - (extendedUntil ?? dueOn).daysSinceEpoch)
    }
}
