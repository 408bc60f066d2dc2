/// The level above's verdict on a unit's submission, spelled as the API and the review form send it
/// (the names of the states the obligation goes to).
public enum ObligationReviewOutcome: String, Codable, Sendable, CaseIterable {
    case accepted
    /// Sent back for revision, saying what to revise.
    case returned

    public var state: ObligationState {
        switch self {
        case .accepted: return .accepted
        case .returned: return .returned
        }
    }

    /// The refusal of an outcome that is neither.
    public static let unknown = FieldError(field: "outcome", message: LocalizedText(
        vi: "Kết quả xem xét phải là “accepted” (chấp nhận) hoặc “returned” (trả lại)", en: "The outcome must be “accepted” or “returned”"))

    /// What is missing from a review with this outcome, if anything: a returned submission says what must be revised.
    public func problem(comment: String?) -> FieldError? {
        guard self == .returned, comment == nil else { return nil }
        return FieldError(field: "comment", message: LocalizedText(vi: "Khi trả lại cần nêu rõ nội dung phải sửa",
                                                                   en: "Say what must be revised when returning a submission"))
    }
}

extension ObligationState {
    /// The states in which the unit still has to act: nothing submitted yet, or returned for revision.
    public static let awaitingUnit: [ObligationState] = [.open, .returned]
    /// The states that no longer count for the unit.
    public static let notInForce: [ObligationState] = allCases.filter { !$0.isInForce }

    /// Why the unit cannot submit now, if it cannot: only an obligation awaiting the unit is submitted.
    public var submissionRefusal: LocalizedText? {
        switch self {
        case .open, .returned:
            return nil
        case .submitted:
            return LocalizedText(vi: "Đã nộp, đang chờ cấp trên xem xét", en: "Already submitted and awaiting review")
        case .accepted:
            return LocalizedText(vi: "Nhiệm vụ đã được chấp nhận", en: "The obligation has been accepted already")
        case .handedOver, .withdrawn:
            return LocalizedText(vi: "Nhiệm vụ không còn thuộc đơn vị này", en: "The obligation no longer belongs to this unit")
        }
    }

    /// Whether the level above may still give the unit more time: not once accepted, nor once it is no longer the unit's.
    public var mayBeExtended: Bool { self != .accepted && isInForce }
}

/// More time (gia hạn) for one unit's obligation or for a unit's or a member's reflection: a new due date after
/// the current one (an earlier extension's, if any) and not past the campaign's end.
public struct DeadlineExtension: Sendable, Hashable {
    public let until: CalendarDate

    public init(until: CalendarDate) {
        self.until = until
    }

    /// What is wrong with the new date, if anything.
    public func problems(currentDue: CalendarDate, campaignEndsOn: CalendarDate?) -> [FieldError] {
        var problems: [FieldError] = []
        if until <= currentDue {
            problems.append(FieldError(field: "until", message: LocalizedText(vi: "Ngày gia hạn phải sau hạn hiện tại (\(currentDue.vietnamese))",
                                                                              en: "The new date must be after the current due date (\(currentDue.vietnamese))")))
        }
        if let campaignEndsOn, until > campaignEndsOn {
            problems.append(FieldError(field: "until", message: LocalizedText(vi: "Không gia hạn quá ngày kết thúc đợt triển khai (\(campaignEndsOn.vietnamese))",
                                                                              en: "An extension cannot go past the campaign's end (\(campaignEndsOn.vietnamese))")))
        }
        return problems
    }
}

extension ObligationState {
    /// The refusal of an extension for an obligation that may not be extended (`mayBeExtended`).
    public static let notExtensible = FieldError(field: "id", message: LocalizedText(vi: "Nhiệm vụ đã hoàn thành hoặc không còn thuộc đơn vị này",
                                                                                   en: "The obligation is done or no longer the unit's"))
}
