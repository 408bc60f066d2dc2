/// A deadline for work handed in — a member's reflection, a unit's submission — and whether the campaign still
/// takes work after it (marked late) or refuses it. A campaign's setting (`accepts_late_work`) decides.
public struct SubmissionDeadline: Sendable, Hashable {
    /// The last day work is on time; nil when there is none.
    public let dueOn: CalendarDate?
    public let acceptsLateWork: Bool

    public init(dueOn: CalendarDate?, acceptsLateWork: Bool) {
        self.dueOn = dueOn
        self.acceptsLateWork = acceptsLateWork
    }

    /// Whether work handed in on `day` is late: after the due date, not on it.
    public func isLate(on day: CalendarDate) -> Bool {
        dueOn.map { day > $0 } ?? false
    }

    /// Why work handed in on `day` is refused, if it is: late, in a campaign that takes no late work.
    /// - Parameter work: what is handed in, as the message names it ("bài thu hoạch", "nhiệm vụ “Báo cáo”").
    public func refusal(on day: CalendarDate, work: LocalizedText) -> LocalizedText? {
        guard let dueOn, isLate(on: day), !acceptsLateWork else { return nil }
        return LocalizedText(vi: "Đã quá hạn nộp \(work.vi) (\(dueOn.vietnamese)): đợt triển khai này không nhận bài nộp muộn",
                             en: "The deadline for \(work.en) has passed (\(dueOn.vietnamese)): this campaign takes no late work")
    }

    /// What a form says before anyone writes, when the deadline is today or has passed: whether what is sent
    /// now will be marked late or refused. Nil while the deadline is ahead.
    public func notice(on day: CalendarDate) -> LocalizedText? {
        guard let dueOn, day >= dueOn else { return nil }
        let date = dueOn.vietnamese
        if day == dueOn {
            return acceptsLateWork
                ? LocalizedText(vi: "Hôm nay (\(date)) là hạn nộp: nộp sau hôm nay sẽ bị ghi là nộp muộn",
                                en: "Today (\(date)) is the deadline: anything sent after today is marked late")
                : LocalizedText(vi: "Hôm nay (\(date)) là hạn nộp: sau hôm nay không nhận bài nộp muộn",
                                en: "Today (\(date)) is the deadline: nothing is taken after today")
        }
        return acceptsLateWork
            ? LocalizedText(vi: "Hạn nộp \(date) đã qua: bài nộp sẽ bị ghi là nộp muộn", en: "The deadline (\(date)) has passed: what you send is marked late")
            : LocalizedText(vi: "Hạn nộp \(date) đã qua: đợt triển khai này không nhận bài nộp muộn",
                            en: "The deadline (\(date)) has passed: this campaign takes no late work")
    }
}
