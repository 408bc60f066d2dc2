import LamTheoCore
import Testing

@Suite("Exemplar rules")
struct ExemplarRulesTests {
    @Test("the lifecycle's transitions")
    func transitions() throws {
        #expect(try ExemplarState.nominated.after(.verify).get() == .verified)
        #expect(try ExemplarState.verified.after(.commend).get() == .commended)
        #expect(try ExemplarState.commended.after(.commend).get() == .commended)
        #expect(try ExemplarState.commended.after(.adopt).get() == .replicated)
        #expect(try ExemplarState.replicated.after(.requestReplication).get() == .replicated)
        for (state, step) in [(ExemplarState.nominated, ExemplarStep.commend), (.nominated, .adopt), (.verified, .verify), (.verified, .adopt),
                              (.verified, .requestReplication), (.commended, .verify)] {
            #expect(throws: ExemplarStepRefusal.self) { try state.after(step).get() }
        }
    }

    @Test("authority: the forms in force on a day, a refusal naming them, versions closing the earlier rules")
    func authority() {
        let start = CalendarDate(year: 2020, month: 1, day: 1)!, change = CalendarDate(year: 2026, month: 6, day: 1)!
        let authority = CommendationAuthority(rules: [
            CommendationAuthorityRule(organizationKind: "commune", form: .praise, validFrom: start),
            CommendationAuthorityRule(organizationKind: "commune", form: .certificate, validFrom: start, validTo: change.adding(days: -1)),
        ])
        #expect(authority.forms(for: "commune", on: start) == [.praise, .certificate])
        #expect(authority.forms(for: "commune", on: change) == [.praise])
        #expect(authority.refusal(.certificate, by: "Đảng ủy phường", kind: "commune", on: change)?.vi
                == "Giấy khen vượt thẩm quyền của Đảng ủy phường: cấp này chỉ được biểu dương (quy định áp dụng ngày 01/06/2026)")
        #expect(authority.refusal(.praise, by: "Chi bộ", kind: "cell", on: change)?.vi.contains("không có thẩm quyền") == true)
        #expect(authority.versionRefusal(kind: "commune", from: start) != nil && authority.versionRefusal(kind: "commune", from: change) == nil)
        #expect(authority.closing(kind: "commune", from: change).map(\.form) == [.praise])
    }

    @Test("a collective rated below the level is refused; not rated is not below")
    func collective() {
        let rule = CollectiveNominationRule(minimum: .good)
        #expect(rule.refusal(unitName: "Chi bộ 1", level: .completed, periodTitle: "Năm 2025")?.vi.contains("năm 2025, dưới mức") == true)
        #expect(rule.refusal(unitName: "Chi bộ 1", level: .good, periodTitle: "Năm 2025") == nil)
        #expect(rule.refusal(unitName: "Chi bộ 1", level: nil, periodTitle: "Năm 2025") == nil)
    }
}
