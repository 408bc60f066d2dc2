/// Where a member's reflection (bài thu hoạch) stands.
public enum ReflectionState: String, Codable, Sendable, CaseIterable {
    /// Submitted (or resubmitted), waiting for the cell's review.
    case submitted
    case accepted
    /// Returned with a comment; the member revises and resubmits.
    case returned

    public var label: LocalizedText {
        switch self {
        case .submitted: return LocalizedText(vi: "Chờ nhận xét", en: "Awaiting review")
        case .accepted: return LocalizedText(vi: "Đạt", en: "Accepted")
        case .returned: return LocalizedText(vi: "Trả lại để sửa", en: "Returned for revision")
        }
    }
}

/// A member's deadline for their reflection (hạn nộp bài thu hoạch): the campaign's, or a later one given to
/// their unit or to them; whether a reflection sent after it is taken (marked late) is the campaign's setting.
public struct ReflectionDeadline: Sendable, Hashable {
    /// The last day a first reflection is on time; nil when the campaign set none.
    public let dueOn: CalendarDate?
    public let acceptsLateWork: Bool

    public init(dueOn: CalendarDate?, acceptsLateWork: Bool = false) {
        self.dueOn = dueOn
        self.acceptsLateWork = acceptsLateWork
    }

    private var submission: SubmissionDeadline { SubmissionDeadline(dueOn: dueOn, acceptsLateWork: acceptsLateWork) }
    private static let work = LocalizedText(vi: "bài thu hoạch", en: "reflections")

    /// Whether a first reflection sent on `day` is late.
    public func hasPassed(on day: CalendarDate) -> Bool {
        submission.isLate(on: day)
    }

    /// Why a member may not submit on `day`, given where their stored reflection stands (nil: none yet);
    /// nil when they may. One reflection waits for review at a time and an accepted one is final; a
    /// returned one may be resubmitted after the deadline, since the cell asked for it; a first one after
    /// the deadline only when the campaign takes late work.
    public func refusal(after existing: ReflectionState?, on day: CalendarDate) -> LocalizedText? {
        switch existing {
        case .submitted?:
            return LocalizedText(vi: "Bài thu hoạch đã nộp đang chờ nhận xét", en: "The reflection already submitted is awaiting review")
        case .accepted?:
            return LocalizedText(vi: "Bài thu hoạch đã được chấp nhận", en: "The reflection has already been accepted")
        case .returned?:
            return nil
        case nil:
            return submission.refusal(on: day, work: Self.work)
        }
    }

    /// Whether a reflection sent on `day` is marked late: a first one after the deadline (a resubmission the
    /// cell asked for is not).
    public func marksLate(after existing: ReflectionState?, on day: CalendarDate) -> Bool {
        existing == nil && hasPassed(on: day)
    }

    /// What the form says before the member writes, when the deadline is today or past; nil for a
    /// resubmission, which is never late.
    public func notice(after existing: ReflectionState?, on day: CalendarDate) -> LocalizedText? {
        existing == nil ? submission.notice(on: day) : nil
    }
}

/// A cell's decision on a submitted reflection, spelled as the review form's buttons and the API send it.
public enum ReflectionDecision: String, Codable, Sendable, CaseIterable {
    case accept
    case `return`

    /// The state the reflection goes to.
    public var state: ReflectionState {
        switch self {
        case .accept: return .accepted
        case .return: return .returned
        }
    }

    /// The refusal of a decision that is neither.
    public static let unknown = FieldError(field: "decision", message: LocalizedText(vi: "Chọn chấp nhận (accept) hoặc trả lại (return)",
                                                                                     en: "Choose accept or return"))

    /// What is missing from a review with this decision, if anything: an accepted reflection gets one of
    /// the campaign's `grades`, a returned one a comment saying what to revise.
    public func problem(grade: String, comment: String?, grades: [String]) -> FieldError? {
        switch self {
        case .accept:
            guard !grades.contains(grade) else { return nil }
            return FieldError(field: "grade", message: LocalizedText(vi: "Chọn một mức đánh giá: \(grades.joined(separator: ", "))",
                                                                     en: "Choose a grade: \(grades.joined(separator: ", "))"))
        case .return:
            guard comment == nil else { return nil }
            return FieldError(field: "comment", message: LocalizedText(vi: "Trả lại bài thì cần nhận xét cần sửa gì",
                                                                       en: "Say what to revise when returning a reflection"))
        }
    }
}
