import LamTheoCore
import Testing

@Suite("Study rules")
struct StudyRulesTests {
    let today = CalendarDate(year: 2026, month: 11, day: 30)!

    @Test("a first reflection is taken up to and on the deadline, refused the day after unless the campaign takes late work")
    func firstSubmission() {
        let deadline = ReflectionDeadline(dueOn: today)
        #expect(!deadline.hasPassed(on: today))
        #expect(deadline.hasPassed(on: today.adding(days: 1)))
        #expect(deadline.refusal(after: nil, on: today) == nil)
        #expect(deadline.refusal(after: nil, on: today.adding(days: 1))
            == LocalizedText(vi: "Đã quá hạn nộp bài thu hoạch (30/11/2026): đợt triển khai này không nhận bài nộp muộn",
                             en: "The deadline for reflections has passed (30/11/2026): this campaign takes no late work"))
        let lenient = ReflectionDeadline(dueOn: today, acceptsLateWork: true)
        #expect(lenient.refusal(after: nil, on: today.adding(days: 1)) == nil)
        #expect(lenient.marksLate(after: nil, on: today.adding(days: 1)))
        #expect(!lenient.marksLate(after: nil, on: today))
        #expect(!lenient.marksLate(after: .returned, on: today.adding(days: 1)), "a resubmission the cell asked for is never late")
    }

    @Test("the form warns before the member writes: on the last day, and after it, saying whether late work is taken")
    func notices() {
        let deadline = ReflectionDeadline(dueOn: today, acceptsLateWork: true)
        #expect(deadline.notice(after: nil, on: today.adding(days: -1)) == nil)
        #expect(deadline.notice(after: nil, on: today)?.vi == "Hôm nay (30/11/2026) là hạn nộp: nộp sau hôm nay sẽ bị ghi là nộp muộn")
        #expect(deadline.notice(after: nil, on: today.adding(days: 3))?.vi == "Hạn nộp 30/11/2026 đã qua: bài nộp sẽ bị ghi là nộp muộn")
        #expect(ReflectionDeadline(dueOn: today).notice(after: nil, on: today.adding(days: 3))?.vi
            == "Hạn nộp 30/11/2026 đã qua: đợt triển khai này không nhận bài nộp muộn")
        #expect(deadline.notice(after: .returned, on: today.adding(days: 3)) == nil)
        #expect(ReflectionDeadline(dueOn: nil).notice(after: nil, on: today) == nil)
    }

    @Test("without a deadline a reflection is never late")
    func noDeadline() {
        let deadline = ReflectionDeadline(dueOn: nil)
        #expect(!deadline.hasPassed(on: CalendarDate(year: 2100, month: 1, day: 1)!))
        #expect(deadline.refusal(after: nil, on: today) == nil)
    }

    @Test("a returned reflection may be resubmitted after the deadline; one awaiting review or accepted may not be submitted again")
    func resubmission() {
        let late = today.adding(days: 10)
        let deadline = ReflectionDeadline(dueOn: today)
        #expect(deadline.refusal(after: .returned, on: late) == nil)
        #expect(deadline.refusal(after: .submitted, on: today.adding(days: -5))?.en == "The reflection already submitted is awaiting review")
        #expect(deadline.refusal(after: .accepted, on: today.adding(days: -5))?.en == "The reflection has already been accepted")
    }

    @Test("review decisions keep their spelling on the wire and lead to their state")
    func decisions() {
        #expect(ReflectionDecision.allCases.map(\.rawValue) == ["accept", "return"])
        #expect(ReflectionDecision.accept.state == .accepted)
        #expect(ReflectionDecision.return.state == .returned)
        #expect(ReflectionDecision(rawValue: "accepted") == nil)
    }

    @Test("an accepted reflection gets one of the campaign's grades, a returned one says what to revise")
    func reviewProblems() {
        let grades = ["Tốt", "Khá", "Đạt"]
        #expect(ReflectionDecision.accept.problem(grade: "Khá", comment: nil, grades: grades) == nil)
        #expect(ReflectionDecision.accept.problem(grade: "", comment: "Tốt", grades: grades)
            == FieldError(field: "grade", message: LocalizedText(vi: "Chọn một mức đánh giá: Tốt, Khá, Đạt", en: "Choose a grade: Tốt, Khá, Đạt")))
        #expect(ReflectionDecision.return.problem(grade: "", comment: "Liên hệ bản thân", grades: grades) == nil)
        #expect(ReflectionDecision.return.problem(grade: "Tốt", comment: nil, grades: grades)?.field == "comment")
        #expect(ReflectionDecision.unknown.field == "decision")
    }

    @Test("an excused absence needs its reason; an unexcused one does not")
    func excusedNeedsReason() {
        #expect(AttendanceMark(status: .excused, reason: nil).problem(line: 3)
            == LocalizedText(vi: "Dòng 3: vắng có lý do thì cần ghi lý do", en: "Line 3: an excused absence needs its reason"))
        #expect(AttendanceMark(status: .excused, reason: "Đi công tác").problem(line: 3) == nil)
        #expect(AttendanceMark(status: .absent, reason: nil).problem(line: 1) == nil)
        #expect(AttendanceMark(status: .present, reason: nil).problem(line: 1) == nil)
    }

    @Test("a member who was there keeps no reason")
    func presentKeepsNoReason() {
        #expect(AttendanceMark(status: .present, reason: "Đến muộn").reason == nil)
        #expect(AttendanceMark(status: .absent, reason: "Ốm").reason == "Ốm")
        #expect(AttendanceStatus.allCases.map(\.rawValue) == ["present", "absent", "excused"])
    }
}
