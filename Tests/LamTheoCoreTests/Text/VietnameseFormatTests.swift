import Foundation
import LamTheoCore
import Testing

@Suite("VietnameseFormat")
struct VietnameseFormatTests {
    @Test(arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1_000, "1.000"), (245_200, "245.200"), (5_600_000, "5.600.000"),
        (-1_234, "-1.234"), (-999, "-999"), (Int.max, "9.223.372.036.854.775.807"), (Int.min, "-9.223.372.036.854.775.808"),
    ])
    func integer(value: Int, expected: String) {
        #expect(VietnameseFormat.integer(value) == expected)
    }

    @Test(arguments: [
        (94.5, 1, "94,5"),
        (94.45, 1, "94,5"),          // half away from zero, on the decimal 94.45
        (-94.45, 1, "-94,5"),
        (1.005, 2, "1,01"),
        (0.125, 2, "0,13"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (0.4999, 0, "0"),
        (0.05, 1, "0,1"),
        (0.005, 2, "0,01"),
        (1.5e-7, 7, "0,0000002"),
        (1e-5, 2, "0,00"),
        (-0.04, 1, "0,0"),           // no "-0,0"
        (-0.0, 0, "0"),
        (0, 2, "0,00"),
        (12, 2, "12,00"),
        (999.95, 1, "1.000,0"),
        (9.995, 2, "10,00"),
        (1_234_567.891, 2, "1.234.567,89"),
        (-1_234_567.891, 0, "-1.234.568"),
        (1e20, 0, "100.000.000.000.000.000.000"),
        (1.2345e20, 1, "123.450.000.000.000.000.000,0"),
    ] as [(Double, Int, String)])
    func decimal(value: Double, fractionDigits: Int, expected: String) {
        #expect(VietnameseFormat.decimal(value, fractionDigits: fractionDigits) == expected)
    }

    @Test func decimalOfNonFiniteValues() {
        #expect(VietnameseFormat.decimal(.nan, fractionDigits: 1) == "nan")
        #expect(VietnameseFormat.decimal(.infinity, fractionDigits: 1) == "inf")
        #expect(VietnameseFormat.decimal(-.infinity, fractionDigits: 1) == "-inf")
    }

    @Test(arguments: [
        (231_700, 245_200, 1, "94,5%"),
        (245_200, 245_200, 1, "100%"),
        (0, 245_200, 1, "0%"),
        (1, 4, 1, "25%"),
        (1, 8, 1, "12,5%"),
        (1, 8, 2, "12,50%"),         // not exact: all the decimals asked for
        (1, 3, 1, "33,3%"),
        (2, 3, 1, "66,7%"),
        (1, 3, 0, "33%"),
        (1_889, 2_000, 1, "94,5%"),  // 94,45% rounds up
        (244_999, 245_000, 1, "100,0%"),  // almost everyone is not everyone
        (1, 5_000, 1, "0,0%"),       // and almost no one is not no one
        (1, 2_000, 1, "0,1%"),
        (3, 2, 1, "150%"),
        (1_234, 1, 1, "123.400%"),
        (-1, 4, 1, "-25%"),
        (-1, 3, 1, "-33,3%"),
        (1, -4, 1, "-25%"),
        (Int.max / 100, Int.max / 100, 1, "100%"),
    ])
    func percent(part: Int, whole: Int, fractionDigits: Int, expected: String) {
        #expect(VietnameseFormat.percent(part, of: whole, fractionDigits: fractionDigits) == expected)
    }

    @Test("percentages round half up from the counts, in whole numbers", arguments: [
        (201, 400, 1, "50,3%", 50.3),    // 50,25%: the binary 0.5025 lies below it, the counts do not
        (1, 3, 1, "33,3%", 33.3),
        (2, 3, 1, "66,7%", 66.7),
        (1, 8, 1, "12,5%", 12.5),
        (1, 8, 0, "13%", 13),            // 12,5% to no decimal: half up
        (3, 8, 0, "38%", 38),
        (1, 16, 1, "6,3%", 6.3),         // 6,25%
        (1, 40, 1, "2,5%", 2.5),
        (1, 400, 1, "0,3%", 0.3),        // 0,25%
        (1, 800, 1, "0,1%", 0.1),        // 0,125%
        (1, 2_000, 1, "0,1%", 0.1),      // 0,05%
        (1, 5_000, 1, "0,0%", 0),
        (1_889, 2_000, 1, "94,5%", 94.5),
        (999_999, 1_000_000, 1, "100,0%", 100),
        (2_180, 2_180, 1, "100%", 100),
        (-1, 8, 1, "-12,5%", -12.5),
        (-1, 5_000, 1, "0,0%", 0),       // no "-0"
    ] as [(Int, Int, Int, String, Double)])
    func percentRoundsHalfUpFromCounts(part: Int, whole: Int, fractionDigits: Int, text: String, value: Double) {
        #expect(VietnameseFormat.percent(part, of: whole, fractionDigits: fractionDigits) == text)
        #expect(VietnameseFormat.percentValue(part, of: whole, fractionDigits: fractionDigits) == value)
        #expect(VietnameseFormat.percentValue(part, of: whole, fractionDigits: fractionDigits)?.sign == value.sign)
    }

    @Test("the percentage's number is its text's, for every count up to 500 of every whole up to 500")
    func percentValueAgreesWithText() {
        for whole in 1...500 {
            for part in 0...whole {
                let text = NumberFormat.en.percent(part, of: whole)!
                let value = VietnameseFormat.percentValue(part, of: whole)!
                #expect(Double(text.dropLast()) == value, "\(part)/\(whole): \(text) but \(value)")
            }
        }
    }

    @Test("English pages write English numbers", arguments: [
        (1_234_567, "1.234.567", "1,234,567"), (999, "999", "999"), (-1_234, "-1.234", "-1,234"), (0, "0", "0"),
    ] as [(Int, String, String)])
    func integerByLanguage(value: Int, vi: String, en: String) {
        #expect(NumberFormat.vi.integer(value) == vi)
        #expect(NumberFormat.en.integer(value) == en)
    }

    @Test func decimalAndPercentByLanguage() {
        #expect(NumberFormat.en.decimal(1_234.5, fractionDigits: 1) == "1,234.5")
        #expect(NumberFormat.vi.decimal(1_234.5, fractionDigits: 1) == "1.234,5")
        #expect(NumberFormat.en.percent(201, of: 400) == "50.3%")
        #expect(NumberFormat.vi.percent(201, of: 400) == "50,3%")
        #expect(NumberFormat.en.percent(12_345, of: 1_000) == "1,234.5%")
        #expect(NumberFormat.en.percent(1, of: 4) == "25%")
    }

    @Test func percentDefaultsToOneDecimal() {
        #expect(VietnameseFormat.percent(231_700, of: 245_200) == "94,5%")
    }

    @Test(arguments: [0, 1, 245_200])
    func percentOfNothingIsMissingData(part: Int) {
        #expect(VietnameseFormat.percent(part, of: 0) == nil)
    }

    @Test(arguments: [
        (1_684_420_440, "18/05/2023", "18/05/2023 21:34"),  // 14:34 UTC
        (1_684_429_199, "18/05/2023", "18/05/2023 23:59"),  // 16:59:59 UTC
        (1_684_429_200, "19/05/2023", "19/05/2023 00:00"),  // 17:00 UTC: midnight in Hà Nội
        (1_704_157_320, "02/01/2024", "02/01/2024 08:02"),
        (0, "01/01/1970", "01/01/1970 08:00"),              // Saigon kept UTC+8 until 1975
    ] as [(TimeInterval, String, String)])
    func dateAndTimeInHoChiMinhCity(seconds: TimeInterval, date: String, dateTime: String) {
        let instant = Date(timeIntervalSince1970: seconds)
        #expect(VietnameseFormat.date(instant) == date)
        #expect(VietnameseFormat.dateTime(instant) == dateTime)
    }

    @Test func dayOrDash() {
        #expect(VietnameseFormat.day(CalendarDate(year: 2023, month: 5, day: 8)) == "08/05/2023")
        #expect(VietnameseFormat.day(nil) == "—")
    }
}
