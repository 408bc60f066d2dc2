import LamTheoCore

/// An obligation's deadline and where it stands on a day, as pages write them: plain values for a page's model.
struct ObligationStanding: Sendable, Hashable {
    let dueOn: CalendarDate
    let extendedUntil: CalendarDate?
    let state: ObligationState
    let status: ObligationStatus
    let daysLate: Int
    let submissionCount: Int
}

extension ObligationStanding {
    init(_ obligation: Obligation, today: CalendarDate) {
        self.init(dueOn: obligation.dueOn, extendedUntil: obligation.extendedUntil, state: obligation.state, status: obligation.status(today: today),
                  daysLate: obligation.daysLate(today: today), submissionCount: obligation.submissionCount)
    }

    /// "01/06/2025", or "01/06/2025 → 30/06/2025" when extended.
    var dueText: String {
        guard let extended = extendedUntil else { return dueOn.vietnamese }
        return "\(dueOn.vietnamese) → \(extended.vietnamese)"
    }

    /// "Trả lại để sửa (đã nộp 2 lần), trễ 12 ngày".
    func statusText(_ language: UILanguage) -> String {
        let returned = state == .returned && submissionCount > 0
            ? LocalizedText(vi: " (đã nộp \(submissionCount) lần)", en: " (submitted \(submissionCount) times)")(language) : ""
        let lateness = daysLate > 0 && status != .accepted && status != .submitted
            ? LocalizedText(vi: ", trễ \(daysLate) ngày", en: ", \(daysLate) days late")(language) : ""
        return status.label(language) + returned + lateness
    }
}
