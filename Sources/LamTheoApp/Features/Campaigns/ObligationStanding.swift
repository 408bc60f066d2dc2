import LamTheoCore

/// An obligation's deadline and where it stands on a day, as pages write them: plain values for a page's model.
struct ObligationStanding: Sendable, Hashable {
    let dueOn: CalendarDate
    let extendedUntil: CalendarDate?
    let state: ObligationState
    let status: ObligationStatus
    let daysLate: Int
    let submissionCount: Int
    /// The latest submission came after the due date (the campaign taking late work).
    var submittedLate = false
}

extension ObligationStanding {
    init(_ obligation: Obligation, today: CalendarDate) {
        self.init(dueOn: obligation.dueOn, extendedUntil: obligation.extendedUntil, state: obligation.state, status: obligation.status(today: today),
                  daysLate: obligation.daysLate(today: today), submissionCount: obligation.submissionCount, submittedLate: obligation.submittedLate)
    }

    /// "01/06/2025", or "01/06/2025 → 30/06/2025" when extended.
    var dueText: String {
        guard let extended = extendedUntil else { return dueOn.vietnamese }
        return "\(dueOn.vietnamese) → \(extended.vietnamese)"
    }

    /// "Trả lại để sửa (đã nộp 2 lần), trễ 12 ngày", "Đã nộp, chờ xem xét, nộp muộn".
    func statusText(_ language: UILanguage) -> String {
        let returned = state == .returned && submissionCount > 0
            ? LocalizedText(vi: " (đã nộp \(submissionCount) lần)", en: " (submitted \(submissionCount) times)")(language) : ""
        let lateness = daysLate > 0 && status != .accepted && status != .submitted
            ? LocalizedText(vi: ", trễ \(daysLate) ngày", en: ", \(daysLate) days late")(language) : ""
        let sentLate = submittedLate && (status == .submitted || status == .accepted)
            ? LocalizedText(vi: ", nộp muộn", en: ", sent late")(language) : ""
        return status.label(language) + returned + lateness + sentLate
    }
}
