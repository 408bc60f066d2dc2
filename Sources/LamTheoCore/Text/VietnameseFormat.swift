import Foundation

/// vi-VN formatting: thousands separator ".", decimal separator ",".
public enum VietnameseFormat {
    /// 245200 -> "245.200", -1234 -> "-1.234".
    public static func integer(_ value: Int) -> String {
        composed(scaledDigits: Array(String(value.magnitude).utf8), fractionDigits: 0, isNegative: value < 0)
    }

    /// (94.5, 1) -> "94,5"; rounding half away from zero.
    ///
    /// What is rounded is the decimal number the Double stands for, the shortest one that reads back as the same
    /// Double (what Swift prints): 94.45 gives "94,5" and 1.005 gives "1,01", although the nearest Doubles lie a
    /// little below them. There is no "-0": -0.04 gives "0,0". Non-finite values give Swift's "nan", "inf", "-inf".
    public static func decimal(_ value: Double, fractionDigits: Int) -> String {
        precondition(fractionDigits >= 0, "fractionDigits must not be negative")
        guard value.isFinite else { return value.description }
        return composed(
            scaledDigits: roundedScaledDigits(value.magnitude, fractionDigits: fractionDigits),
            fractionDigits: fractionDigits,
            isNegative: value < 0
        )
    }

    /// part/whole as a percentage with one decimal, trailing ",0" kept off only when exact ("100%", "94,5%", "0%").
    /// nil when whole is 0 (missing data is "chưa báo cáo", never 0%).
    ///
    /// Exact means that the percentage is a whole number (part × 100 is a multiple of whole): it has no decimals,
    /// "100%", "25%", "0%". Any other ratio always has `fractionDigits` decimals, even when they round to zeros, so
    /// that an almost complete figure never passes for a complete one: 244.999 of 245.000 is "100,0%", 1 of 5.000 is
    /// "0,0%". Rounding is that of `decimal`: 1.889 of 2.000 (94,45%) is "94,5%".
    public static func percent(_ part: Int, of whole: Int, fractionDigits: Int = 1) -> String? {
        guard whole != 0 else { return nil }
        // part × 100 overflows only for counts beyond any organisation; those take the Double way.
        let (hundredfold, overflow) = part.multipliedReportingOverflow(by: 100)
        if !overflow && hundredfold % whole == 0 {
            return integer(hundredfold / whole) + "%"
        }
        return decimal(Double(part) * 100 / Double(whole), fractionDigits: fractionDigits) + "%"
    }

    /// "18/05/2023", or "—" where a page shows a day that may be missing (a member's birth date, a review not yet made).
    public static func day(_ date: CalendarDate?) -> String {
        date?.vietnamese ?? "—"
    }

    /// "18/05/2023" for a Date, read in the Asia/Ho_Chi_Minh time zone.
    public static func date(_ date: Date) -> String {
        let day = calendar.component(.day, from: date)
        let month = calendar.component(.month, from: date)
        let year = calendar.component(.year, from: date)
        return "\(padded(day, width: 2))/\(padded(month, width: 2))/\(padded(year, width: 4))"
    }

    /// "18/05/2023 21:34" for a Date, read in the Asia/Ho_Chi_Minh time zone.
    public static func dateTime(_ date: Date) -> String {
        let hour = calendar.component(.hour, from: date)
        let minute = calendar.component(.minute, from: date)
        return "\(self.date(date)) \(padded(hour, width: 2)):\(padded(minute, width: 2))"
    }

    /// The Gregorian calendar in Vietnam's time zone, whose history matters for old dates (the South kept UTC+8
    /// until 1975). The fixed UTC+7 is for a system without time zone data.
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
        return calendar
    }()

    private static func padded(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }

    /// The ASCII digits of `magnitude` × 10^fractionDigits, rounded half away from zero.
    private static func roundedScaledDigits(_ magnitude: Double, fractionDigits: Int) -> [UInt8] {
        // The shortest decimal, as Swift prints it: "94.45", "1e-05", "1.2345e+20".
        let printed = magnitude.description.split(separator: "e")
        var digits: [UInt8] = []
        var pointPosition: Int?
        for byte in printed[0].utf8 {
            if byte == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else {
                digits.append(byte)
            }
        }
        let exponent = printed.count > 1 ? Int(printed[1])! : 0
        let keptCount = (pointPosition ?? digits.count) + exponent + fractionDigits
        var kept = Array(digits.prefix(max(keptCount, 0)))
        kept.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(keptCount - kept.count, 0)))
        if digits.indices.contains(keptCount) && digits[keptCount] >= UInt8(ascii: "5") {
            incrementDecimal(&kept)
        }
        return kept
    }

    /// Adds one to a number written in ASCII digits.
    private static func incrementDecimal(_ digits: inout [UInt8]) {
        for index in digits.indices.reversed() {
            if digits[index] < UInt8(ascii: "9") {
                digits[index] += 1
                return
            }
            digits[index] = UInt8(ascii: "0")
        }
        digits.insert(UInt8(ascii: "1"), at: 0)
    }

    /// Writes a number given by the ASCII digits of its magnitude × 10^fractionDigits.
    private static func composed(scaledDigits: [UInt8], fractionDigits: Int, isNegative: Bool) -> String {
        let significant = scaledDigits.drop { $0 == UInt8(ascii: "0") }
        let digits = Array(repeatElement(UInt8(ascii: "0"), count: max(fractionDigits + 1 - significant.count, 0))) + significant
        let integerCount = digits.count - fractionDigits
        var text: [UInt8] = []
        if isNegative && !significant.isEmpty {
            text.append(UInt8(ascii: "-"))
        }
        for (index, digit) in digits[..<integerCount].enumerated() {
            if index > 0 && (integerCount - index) % 3 == 0 {
                text.append(UInt8(ascii: "."))
            }
            text.append(digit)
        }
        if fractionDigits > 0 {
            text.append(UInt8(ascii: ","))
            text.append(contentsOf: digits[integerCount...])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
