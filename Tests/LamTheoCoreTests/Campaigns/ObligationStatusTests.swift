import LamTheoCore
import Testing

@Suite("Obligation status")
struct ObligationStatusTests {
    let today = CalendarDate(year: 2026, month: 11, day: 28)!

    func status(_ state: ObligationState, due: Int, extendedBy: Int? = nil) -> ObligationStatus {
        ObligationStatus(state: state, dueOn: today.adding(days: due), extendedUntil: extendedBy.map { today.adding(days: $0) }, today: today)
    }

    @Test("an open obligation is not yet due, due soon within a week, late after its date")
    func openByDate() {
        #expect(status(.open, due: 30) == .notYetDue)
        #expect(status(.open, due: ObligationStatus.dueSoonDays + 1) == .notYetDue)
        #expect(status(.open, due: ObligationStatus.dueSoonDays) == .dueSoon)
        #expect(status(.open, due: 0) == .dueSoon, "due today is not late yet")
        #expect(status(.open, due: -1) == .late)
    }

    @Test("an extension moves the date that counts, and shows as extended until it passes")
    func extensions() {
        #expect(status(.open, due: -10, extendedBy: 5) == .extended)
        #expect(status(.open, due: -10, extendedBy: -1) == .late)
        #expect(ObligationStatus.daysLate(dueOn: today.adding(days: -10), extendedUntil: today.adding(days: -3), today: today) == 3)
        #expect(ObligationStatus.daysLate(dueOn: today.adding(days: 2), extendedUntil: nil, today: today) == 0)
    }

    @Test("what people did wins over the dates", arguments: [ObligationState.submitted, .accepted, .returned, .handedOver, .withdrawn])
    func storedStates(state: ObligationState) {
        let expected: ObligationStatus = switch state {
        case .submitted: .submitted
        case .accepted: .accepted
        case .returned: .returned
        case .handedOver: .handedOver
        case .withdrawn: .withdrawn
        case .open: .late
        }
        #expect(status(state, due: -20) == expected)
        #expect(status(state, due: 20) == expected)
    }

    @Test("only obligations still in force count")
    func inForce() {
        #expect(ObligationState.allCases.filter(\.isInForce) == [.open, .submitted, .accepted, .returned])
    }
}

@Suite("Coverage figures")
struct CoverageFigureTests {
    @Test("a figure reads like the committees' reports, in the page's number format")
    func reportText() {
        let figure = CoverageFigure(count: 231_700, total: 245_200)
        #expect(figure.text(.vi) == "231.700/245.200 (94,5%)")
        #expect(figure.text(.en) == "231,700/245,200 (94.5%)")
        #expect(CoverageFigure(count: 12, total: 12).text(.vi) == "12/12 (100%)")
    }

    @Test("a figure may say what it counts, after its whole")
    func countedText() {
        let members = LocalizedText(vi: "đảng viên", en: "members")
        #expect(CoverageFigure(count: 30, total: 2_180).text(.vi, counting: members) == "30/2.180 đảng viên (1,4%)")
        #expect(CoverageFigure(count: 30, total: 2_180).text(.en, counting: members) == "30/2,180 members (1.4%)")
    }

    @Test("the figure's percent is the number its text writes", arguments: [
        (201, 400, 50.3, "50,3%"), (1, 3, 33.3, "33,3%"), (2, 3, 66.7, "66,7%"), (1, 8, 12.5, "12,5%"), (3, 8, 37.5, "37,5%"),
        (1, 16, 6.3, "6,3%"), (4, 32, 12.5, "12,5%"), (0, 7, 0, "0%"), (7, 7, 100, "100%"),
    ] as [(Int, Int, Double, String)])
    func percentMatchesText(count: Int, total: Int, percent: Double, text: String) {
        let figure = CoverageFigure(count: count, total: total)
        #expect(figure.percent == percent)
        #expect(figure.text(.vi).hasSuffix("(\(text))"))
        #expect(figure.text(.en).hasSuffix("(\(text.replacingOccurrences(of: ",", with: ".")))"))
    }

    @Test("missing data reads “chưa báo cáo”, never 0%")
    func notReported() {
        let figure = CoverageFigure(count: nil, total: 500)
        #expect(!figure.isReported)
        #expect(figure.ratio == nil)
        #expect(figure.text(.vi) == "chưa báo cáo")
        #expect(figure.text(.en) == "not reported")
        #expect(CoverageFigure(count: 0, total: 500).text(.vi) == "0/500 (0%)", "a reported zero is a real zero")
    }

    @Test("an empty whole has no share")
    func emptyWhole() {
        #expect(CoverageFigure(count: 0, total: 0).ratio == nil)
        #expect(CoverageFigure(count: 0, total: 0).percent == nil)
        #expect(CoverageFigure(count: 0, total: 0).text(.vi) == "—", "0/0 says nothing: a dash, never a fraction of nothing")
    }
}
