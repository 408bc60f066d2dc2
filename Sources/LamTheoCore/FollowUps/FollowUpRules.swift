/// Where a follow-up task (nhiệm vụ sau kết luận, kiến nghị) stands, as stored: the owner unit reports with
/// evidence, the issuer accepts it or returns it with a reason, and may cancel it. Overdue is not stored: it is
/// an open or returned task whose deadline has passed (`FollowUpStatus`).
public enum FollowUpState: String, Sendable, Codable, CaseIterable {
    /// Issued, nothing reported yet.
    case open
    /// The owner reported; the issuer reviews.
    case reported
    case accepted
    /// Sent back with a reason; the owner reports again.
    case returned
    case cancelled

    /// The owner still has to act: what can fall overdue.
    public static let awaitingOwner: [FollowUpState] = [.open, .returned]
    /// Done with, one way or the other.
    public static let finished: [FollowUpState] = [.accepted, .cancelled]

    /// Why the owner may not report now, if not.
    public var reportRefusal: LocalizedText? {
        switch self {
        case .open, .returned: return nil
        case .reported: return LocalizedText(vi: "Đã báo cáo, đang chờ cấp giao nhiệm vụ xem xét", en: "Already reported, awaiting the issuer's review")
        case .accepted: return LocalizedText(vi: "Nhiệm vụ đã được công nhận hoàn thành", en: "The task is already accepted as done")
        case .cancelled: return LocalizedText(vi: "Nhiệm vụ đã bị hủy", en: "The task was cancelled")
        }
    }

    /// Why the issuer may not extend or cancel now, if not.
    public var changeRefusal: LocalizedText? {
        FollowUpState.finished.contains(self)
            ? LocalizedText(vi: "Nhiệm vụ đã kết thúc (\(label.vi.lowercased()))", en: "The task is finished (\(label.en.lowercased()))") : nil
    }

    public var label: LocalizedText {
        switch self {
        case .open: return LocalizedText(vi: "Đang thực hiện", en: "Open")
        case .reported: return LocalizedText(vi: "Đã báo cáo, chờ xem xét", en: "Reported, awaiting review")
        case .accepted: return LocalizedText(vi: "Hoàn thành", en: "Accepted")
        case .returned: return LocalizedText(vi: "Trả lại, làm tiếp", en: "Returned")
        case .cancelled: return LocalizedText(vi: "Đã hủy", en: "Cancelled")
        }
    }
}

/// What people see: the stored state, and "overdue" for a task still awaiting its owner after its deadline.
public enum FollowUpStatus: String, Sendable, Codable, CaseIterable {
    case open
    case overdue
    case reported
    case returned
    case accepted
    case cancelled

    /// The status of a task in `state` due on `dueOn` (its extension's date, if any), seen on `today`.
    public init(state: FollowUpState, dueOn: CalendarDate, today: CalendarDate) {
        self = FollowUpState.awaitingOwner.contains(state) && dueOn < today ? .overdue : FollowUpStatus(state)
    }

    /// The status of a task in `state` before its deadline.
    public init(_ state: FollowUpState) {
        switch state {
        case .open: self = .open
        case .reported: self = .reported
        case .returned: self = .returned
        case .accepted: self = .accepted
        case .cancelled: self = .cancelled
        }
    }

    /// The order lists show: what needs acting on first.
    public static let urgencyOrder: [FollowUpStatus] = [.overdue, .returned, .open, .reported, .accepted, .cancelled]

    public var label: LocalizedText {
        switch self {
        case .overdue: return LocalizedText(vi: "Quá hạn", en: "Overdue")
        case .open: return FollowUpState.open.label
        case .reported: return FollowUpState.reported.label
        case .returned: return FollowUpState.returned.label
        case .accepted: return FollowUpState.accepted.label
        case .cancelled: return FollowUpState.cancelled.label
        }
    }
}

/// The issuer's answer to a report.
public enum FollowUpReviewOutcome: String, Sendable, Codable, CaseIterable {
    case accepted
    case returned

    public var state: FollowUpState { self == .accepted ? .accepted : .returned }

    /// A return says why, so that the owner knows what to do.
    public func problem(comment: String?) -> FieldError? {
        guard self == .returned, (comment ?? "").isEmpty else { return nil }
        return FieldError(field: "comment", message: LocalizedText(vi: "Ghi rõ lý do trả lại để đơn vị biết cần làm gì thêm",
                                                                   en: "Say why it is returned, so that the unit knows what to do"))
    }

    public static let unknown = FieldError(field: "outcome", message: LocalizedText(vi: "Chọn công nhận hoàn thành hoặc trả lại",
                                                                                  en: "Choose accept or return"))
}

/// Counts of tasks by status, for a unit or a subtree. No task at all is said as such, never as 0 of 0.
public struct FollowUpTally: Sendable, Hashable, Codable {
    public var counts: [FollowUpStatus: Int]

    public init(counts: [FollowUpStatus: Int] = [:]) {
        self.counts = counts
    }

    public subscript(status: FollowUpStatus) -> Int { counts[status] ?? 0 }
    public var total: Int { counts.values.reduce(0, +) }
    /// Still to be done by the owners: open, returned and overdue.
    public var pending: Int { self[.open] + self[.returned] + self[.overdue] }

    public mutating func add(_ status: FollowUpStatus, _ count: Int) {
        counts[status, default: 0] += count
    }
}
