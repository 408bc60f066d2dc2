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

/// A campaign's deadline for reflections (hạn nộp bài thu hoạch) and who may still submit.
public struct ReflectionDeadline: Sendable, Hashable {
    /// The last day a first reflection is taken; nil when the campaign set none.
    public let dueOn: CalendarDate?

    public init(dueOn: CalendarDate?) {
        self.dueOn = dueOn
    }

    /// Whether a first reflection is refused on `day`.
    public func hasPassed(on day: CalendarDate) -> Bool {
        dueOn.map { day > $0 } ?? false
    }

    /// Why a member may not submit on `day`, given where their stored reflection stands (nil: none yet);
    /// nil when they may. One reflection waits for review at a time and an accepted one is final; a
    /// returned one may be resubmitted after the deadline, since the cell asked for it.
    public func refusal(after existing: ReflectionState?, on day: CalendarDate) -> LocalizedText? {
        switch existing {
        case .submitted?:
            return LocalizedText(vi: "Bài thu hoạch đã nộp đang chờ nhận xét", en: "The reflection already submitted is awaiting review")
        case .accepted?:
            return LocalizedText(vi: "Bài thu hoạch đã được chấp nhận", en: "The reflection has already been accepted")
        case .returned?:
            return nil
        case nil:
            guard let dueOn, hasPassed(on: day) else { return nil }
            return LocalizedText(vi: "Đã quá hạn nộp bài thu hoạch (\(dueOn.vietnamese))",
                                 en: "The deadline for reflections has passed (\(dueOn.vietnamese))")
        }
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
