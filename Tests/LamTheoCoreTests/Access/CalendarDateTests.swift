import Foundation
import LamTheoCore
import Testing

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test("the forms offices write are read; impossible days are refused", arguments: [
        ("18/05/2023", "2023-05-18"), ("18/5/2023", "2023-05-18"), ("2023-05-18", "2023-05-18"), ("1.7.2025", "2025-07-01"),
        ("29/02/2024", "2024-02-29"),
    ])
    func parsing(_ text: String, _ iso: String) {
        #expect(CalendarDate(parsing: text)?.iso == iso)
    }

    @Test("impossible dates are nil", arguments: ["31/02/2023", "29/02/2023", "2023-13-01", "18/05/23", "hôm qua", "", "00/01/2020"])
    func impossible(_ text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test("day arithmetic round-trips over a wide range")
    func arithmetic() {
        var day = CalendarDate(year: 1900, month: 1, day: 1)!
        for _ in 0..<2_000 {
            let next = day.adding(days: 37)
            #expect(next > day)
            #expect(next.daysSinceEpoch - day.daysSinceEpoch == 37)
            #expect(CalendarDate(daysSinceEpoch: next.daysSinceEpoch) == next)
            day = next
        }
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(CalendarDate(year: 2023, month: 5, day: 18)!.vietnamese == "18/05/2023")
    }

    @Test("today is the day in Vietnam, whatever the server's zone")
    func today() {
        // 2023-05-18 20:00 UTC is already 19/05 in Hồ Chí Minh City (UTC+7).
        let evening = Date(timeIntervalSince1970: 1_684_440_000)
        #expect(CalendarDate.today(now: evening).iso == "2023-05-19")
    }

    @Test("encoded as one yyyy-MM-dd string, as the date columns and the API's dates hold it")
    func coding() throws {
        let dates = [CalendarDate(year: 2023, month: 5, day: 8)!, CalendarDate(year: 1800, month: 1, day: 1)!]
        let json = try JSONEncoder().encode(dates)
        #expect(String(decoding: json, as: UTF8.self) == #"["2023-05-08","1800-01-01"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: json) == dates)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CalendarDate.self, from: Data(#""2023-02-30""#.utf8)) }
    }
}
