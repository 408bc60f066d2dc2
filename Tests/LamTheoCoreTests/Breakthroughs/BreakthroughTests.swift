import LamTheoCore
import Testing

@Suite("Breakthroughs: specificity and status")
struct BreakthroughTests {
    let year = CalendarDate(year: 2026, month: 1, day: 1)! ... CalendarDate(year: 2026, month: 12, day: 31)!

    func draft(content: String = "Kéo giảm số hộ nghèo trên địa bàn phường", kind: BreakthroughTargetKind? = .numeric,
               baseline: Double? = 120, target: Double? = 0, unit: String? = "hộ", deliverable: String? = nil,
               start: String? = "01/02/2026", end: String? = "30/11/2026") -> BreakthroughDraft {
        BreakthroughDraft(content: content, targetKind: kind, baselineValue: baseline, targetValue: target, measureUnit: unit,
                          deliverable: deliverable, startsOn: start.flatMap(CalendarDate.init(parsing:)), endsOn: end.flatMap(CalendarDate.init(parsing:)))
    }

    func fields(_ draft: BreakthroughDraft) -> [String] {
        BreakthroughSpecificity.problems(of: draft, period: year).map(\.field)
    }

    @Test("a specific breakthrough passes: numeric, or a named deliverable")
    func specific() {
        #expect(fields(draft()).isEmpty)
        #expect(fields(draft(content: "Nâng cao chất lượng sinh hoạt chi bộ khu phố", kind: .deliverable,
                             deliverable: "Bộ tiêu chí sinh hoạt chi bộ được Ban Thường vụ ban hành")).isEmpty)
        #expect(fields(draft(content: "Làm mới 5 km đường", unit: "km", start: "01/01/2026", end: "01/01/2026")).isEmpty)
        // Naming the directive is fine beside something that can be checked.
        #expect(fields(draft(content: "Mỗi đảng viên làm theo gương Bác bằng 1 việc cụ thể được chi bộ xác nhận")).isEmpty)
        #expect(fields(draft(content: "Thực hiện Chỉ thị 05-CT/TW bằng việc lắp camera an ninh ở 12 tổ dân phố")).isEmpty)
        #expect(fields(draft(content: "Sửa chữa nhà văn hóa khu phố 3 năm 2026")).isEmpty)
    }

    @Test("slogans alone are refused, whatever the tones, case or punctuation", arguments: [
        "Nâng cao chất lượng, hiệu quả toàn diện",
        "TĂNG CƯỜNG, ĐẨY MẠNH ĐỔI MỚI",
        "Đẩy mạnh công tác xây dựng Đảng bộ trong sạch, vững mạnh",
        "nang cao chat luong hieu qua hoat dong",
        // The directive's own slogan, its number, its congress and its year say nothing about what will be done.
        "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Thực hiện tốt Chỉ thị 05-CT/TW năm 2026",
        "Quán triệt sâu rộng Nghị quyết Đại hội XIII của Đảng",
        "Tiếp tục thực hiện Kết luận 01-KL/TW gắn với nêu gương",
        "Triển khai Quyết định 138-QĐNS/TW trong toàn Đảng bộ",
    ])
    func slogans(_ content: String) {
        let problems = BreakthroughSpecificity.problems(of: draft(content: content), period: year)
        #expect(problems.map(\.field) == ["content"])
        #expect(problems.first?.message.vi.contains("khẩu hiệu") == true)
        #expect(problems.first?.message.vi.hasSuffix(BreakthroughSpecificity.rule.vi) == true)
        #expect(problems.first?.message.en.hasSuffix(BreakthroughSpecificity.rule.en) == true)
    }

    @Test("each missing piece is named")
    func missing() {
        #expect(fields(draft(content: "Đột phá")) == ["content"])
        #expect(fields(draft(kind: nil)) == ["targetKind"])
        #expect(fields(draft(target: nil)) == ["targetValue"])
        #expect(fields(draft(target: 120)) == ["targetValue"], "a target equal to the baseline measures nothing")
        #expect(fields(draft(unit: nil)) == ["measureUnit"])
        #expect(fields(draft(kind: .deliverable)) == ["deliverable"])
        #expect(fields(draft(kind: .deliverable, deliverable: "Hoàn thành tốt nhiệm vụ")) == ["deliverable"])
        #expect(fields(draft(end: nil)) == ["endsOn"])
        #expect(fields(draft(start: nil)) == ["startsOn"])
        #expect(fields(draft(start: "30/11/2026", end: "01/02/2026")) == ["endsOn"])
        #expect(fields(draft(end: "31/01/2027")) == ["endsOn"], "the period must cover it")
        let missingEnd = BreakthroughSpecificity.problems(of: draft(end: nil), period: year).first?.message
        #expect(missingEnd?.vi == "Chưa có thời hạn hoàn thành. " + BreakthroughSpecificity.rule.vi)
    }

    @Test("progress runs from the baseline to the target, either way, clamped")
    func progress() {
        #expect(BreakthroughProgress.percent(baseline: 120, target: 0, value: 60) == 50)
        #expect(BreakthroughProgress.percent(baseline: 0, target: 10, value: 2.5) == 25)
        #expect(BreakthroughProgress.percent(baseline: 0, target: 10, value: 12) == 100)
        #expect(BreakthroughProgress.percent(baseline: 120, target: 0, value: 130) == 0)
    }

    @Test("at risk once time runs ahead of progress by the margin, or after a long silence; late after the end; done wins")
    func status() {
        let start = CalendarDate(year: 2026, month: 1, day: 1)!
        let end = start.adding(days: 100)
        // 30% done: at risk once more than 50% of the time has gone, i.e. from day 51.
        let behind = BreakthroughProgress.atRiskFrom(startsOn: start, endsOn: end, percent: 30, measuresShare: true, lastCheckIn: start.adding(days: 40))
        #expect(behind == start.adding(days: 51))
        #expect(BreakthroughStatus(done: false, endsOn: end, atRiskFrom: behind, today: start.adding(days: 50)) == .onTrack)
        #expect(BreakthroughStatus(done: false, endsOn: end, atRiskFrom: behind, today: start.adding(days: 51)) == .atRisk)
        #expect(BreakthroughStatus(done: false, endsOn: end, atRiskFrom: behind, today: end.adding(days: 1)) == .late)
        #expect(BreakthroughStatus(done: true, endsOn: end, atRiskFrom: behind, today: end.adding(days: 1)) == .done)
        // Nothing reported: the share rule starts at the margin; a deliverable only goes stale.
        #expect(BreakthroughProgress.atRiskFrom(startsOn: start, endsOn: end, percent: nil, measuresShare: true, lastCheckIn: nil) == start.adding(days: 21))
        #expect(BreakthroughProgress.atRiskFrom(startsOn: start, endsOn: end, percent: nil, measuresShare: false, lastCheckIn: nil)
                == start.adding(days: BreakthroughRiskRule.standard.staleDays))
        // Far enough ahead that only silence can put it at risk.
        #expect(BreakthroughProgress.atRiskFrom(startsOn: start, endsOn: end, percent: 90, measuresShare: true, lastCheckIn: start.adding(days: 10))
                == start.adding(days: 100))
    }
}
