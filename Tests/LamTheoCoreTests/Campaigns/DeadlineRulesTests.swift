import LamTheoCore
import Testing

@Suite("Deadlines")
struct DeadlineRulesTests {
    let due = CalendarDate(year: 2026, month: 11, day: 30)!

    @Test("work is late the day after its deadline, never without one")
    func lateness() {
        let deadline = SubmissionDeadline(dueOn: due, acceptsLateWork: true)
        #expect(!deadline.isLate(on: due))
        #expect(deadline.isLate(on: due.adding(days: 1)))
        #expect(!SubmissionDeadline(dueOn: nil, acceptsLateWork: false).isLate(on: CalendarDate(year: 2200, month: 1, day: 1)!))
    }

    @Test("late work is refused only by a campaign that takes none, naming the work and the date")
    func refusal() {
        let work = LocalizedText(vi: "nhiệm vụ “Báo cáo kết quả”", en: "“Report on the results”")
        #expect(SubmissionDeadline(dueOn: due, acceptsLateWork: true).refusal(on: due.adding(days: 1), work: work) == nil)
        let strict = SubmissionDeadline(dueOn: due, acceptsLateWork: false)
        #expect(strict.refusal(on: due, work: work) == nil)
        #expect(strict.refusal(on: due.adding(days: 1), work: work)
            == LocalizedText(vi: "Đã quá hạn nộp nhiệm vụ “Báo cáo kết quả” (30/11/2026): đợt triển khai này không nhận bài nộp muộn",
                             en: "The deadline for “Report on the results” has passed (30/11/2026): this campaign takes no late work"))
    }

    @Test("a form says so before the user writes: nothing while the deadline is ahead, the last day, then past")
    func notice() {
        let strict = SubmissionDeadline(dueOn: due, acceptsLateWork: false)
        #expect(strict.notice(on: due.adding(days: -1)) == nil)
        #expect(strict.notice(on: due)?.vi == "Hôm nay (30/11/2026) là hạn nộp: sau hôm nay không nhận bài nộp muộn")
        #expect(strict.notice(on: due.adding(days: 1))?.vi == "Hạn nộp 30/11/2026 đã qua: đợt triển khai này không nhận bài nộp muộn")
        #expect(SubmissionDeadline(dueOn: due, acceptsLateWork: true).notice(on: due.adding(days: 1))?.en
            == "The deadline (30/11/2026) has passed: what you send is marked late")
    }

    @Test("nothing a unit does is dated before it was founded; its founding day itself is fine")
    func founding() {
        let founding = UnitFounding(unitName: "Chi bộ Khu phố 1", foundedOn: CalendarDate(year: 2020, month: 2, day: 1)!)
        #expect(founding.problem(with: founding.foundedOn, label: LocalizedText(vi: "ngày tổ chức", en: "date held")) == nil)
        #expect(founding.problem(with: CalendarDate(year: 2020, month: 1, day: 15)!, label: LocalizedText(vi: "ngày tổ chức", en: "date held"))
            == LocalizedText(vi: "Chi bộ Khu phố 1 thành lập ngày 01/02/2020: ngày tổ chức (15/01/2020) không được trước ngày thành lập",
                             en: "Chi bộ Khu phố 1 was founded on 01/02/2020: the date held (15/01/2020) cannot be earlier"))
    }
}
