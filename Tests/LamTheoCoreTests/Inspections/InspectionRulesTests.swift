import LamTheoCore
import Testing

@Suite("Inspection rules")
struct InspectionRulesTests {
    @Test("the steps in the committee's order; each can be recorded only once the steps it rests on are done")
    func order() {
        #expect(InspectionStep.allCases == [.plan, .selfReports, .sessions, .findings, .conclusion, .recommendations, .remediation, .closure])
        var progress = InspectionProgress(unitsInspected: 2)
        #expect(progress.current == .plan)
        #expect(progress.refusal(toRecord: .plan) == nil)
        #expect(progress.refusal(toRecord: .selfReports)?.vi == "Chưa xong các bước trước: “Gửi kế hoạch, đề cương báo cáo”")
        #expect(progress.refusal(toRecord: .findings) != nil, "no finding before a working session")
        progress.planSent = true
        #expect(progress.refusal(toRecord: .selfReports) == nil && progress.refusal(toRecord: .sessions) == nil)
        progress.selfReports = 1
        #expect(!progress.isDone(.selfReports) && progress.current == .selfReports, "one of two units has reported")
        progress.sessions = 1
        #expect(progress.refusal(toRecord: .findings) == nil)
        #expect(progress.refusal(toRecord: .conclusion)?.en == "Steps before it are not done yet: “Findings”")
        progress.findings = 2
        progress.concluded = true
        #expect(progress.refusal(toRecord: .recommendations) == nil)
    }

    @Test("closure is refused while a step before it is not done, naming each; remediation is done when every recommendation is finished")
    func closure() {
        var progress = InspectionProgress(planSent: true, unitsInspected: 2, selfReports: 1, sessions: 1, findings: 1, concluded: true,
                                          recommendations: 2, recommendationsFinished: 1)
        #expect(progress.refusal(toRecord: .closure)?.vi == "Chưa xong các bước trước: “Đơn vị tự kiểm tra, báo cáo”, “Khắc phục, báo cáo kết quả”")
        progress.selfReports = 2
        progress.recommendationsFinished = 2
        #expect(progress.refusal(toRecord: .closure) == nil)
        #expect(progress.current == .closure)
        progress.closed = true
        #expect(progress.current == nil)
        #expect(progress.refusal(toRecord: .findings)?.vi == "Cuộc kiểm tra, giám sát đã kết thúc", "nothing is recorded once closed")
        #expect(!InspectionProgress(recommendations: 0).isDone(.remediation), "no recommendation, nothing remedied yet")
    }

    @Test("the team's grant lasts the schedule, both days included, and ends by itself the day after, or at closure")
    func window() {
        let window = InspectionWindow(startsOn: CalendarDate(year: 2026, month: 12, day: 1)!, endsOn: CalendarDate(year: 2026, month: 12, day: 20)!)
        #expect(window.grantsReading(on: window.startsOn, closed: false) && window.grantsReading(on: window.endsOn, closed: false))
        #expect(!window.grantsReading(on: window.endsOn.adding(days: 1), closed: false))
        #expect(!window.grantsReading(on: window.startsOn.adding(days: -1), closed: false))
        #expect(!window.grantsReading(on: window.startsOn.adding(days: 3), closed: true))
    }

    @Test("a lent grant reads its subtree only, never writes; reads under it alone name its lender, reads in one's own right do not")
    func lentGrant() {
        let ward = TreePath(rawValue: "/1/2/")!, cell = TreePath(rawValue: "/1/2/5/")!, sibling = TreePath(rawValue: "/1/3/")!
        let lender = GrantLender(kind: "inspection", id: 7)
        let inspector = Actor(userId: 1, username: "kiemtra", displayName: "Kiểm tra", grants: [.lentReading(ward, by: lender)])
        #expect(inspector.can(.read, at: cell) && !inspector.can(.edit, at: cell) && !inspector.can(.read, at: sibling))
        #expect(inspector.lendersOnlyReading(at: cell) == [lender])
        #expect(inspector.lendersOnlyReading(at: sibling).isEmpty)
        let officer = Actor(userId: 2, username: "phuong", displayName: "Phường", grants: [
            Grant(role: .officer, scope: ward, level: .editor), .lentReading(ward, by: lender),
        ])
        #expect(officer.lendersOnlyReading(at: cell).isEmpty, "an officer of the ward reads it in their own right")
    }
}
