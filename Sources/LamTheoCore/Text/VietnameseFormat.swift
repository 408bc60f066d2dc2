import Foundation

/// Numbers as a page writes them, in the page's language: "1.234,5" and "50,3%" in Vietnamese, "1,234.5" and
/// "50.3%" in English. `VietnameseFormat` is the Vietnamese one, for text that is Vietnamese in both languages.
public struct NumberFormat: Sendable, Hashable {
    public let language: UILanguage

    public init(_ language: UILanguage) {
        self.language = language
    }

    public static let vi = NumberFormat(.vi)
    public static let en = NumberFormat(.en)

    /// 245200 -> "245.200" ("245,200" in English), -1234 -> "-1.234".
    public func integer(_ value: Int) -> String {
        VietnameseFormat.composed(scaledDigits: Array(String(value.magnitude).utf8), fractionDigits: 0, isNegative: value < 0, language: language)
    }

    /// (94.5, 1) -> "94,5" ("94.5" in English); rounding half away from zero.
    ///
    /// What is rounded is the decimal number the Double stands for, the shortest one that reads back as the same
    /// Double (what Swift prints): 94.45 gives "94,5" and 1.005 gives "1,01", although the nearest Doubles lie a
    /// little below them. There is no "-0": -0.04 gives "0,0". Non-finite values give Swift's "nan", "inf", "-inf".
    public func decimal(_ value: Double, fractionDigits: Int) -> String {
        precondition(fractionDigits >= 0, "fractionDigits must not be negative")
        guard value.isFinite else { return value.description }
        return VietnameseFormat.composed(
            scaledDigits: VietnameseFormat.roundedScaledDigits(value.magnitude, fractionDigits: fractionDigits),
            fractionDigits: fractionDigits,
            isNegative: value < 0,
            language: language
        )
    }

    /// part/whole as a percentage with one decimal, trailing ",0" kept off only when exact ("100%", "94,5%", "0%";
    /// "94.5%" in English). nil when whole is 0 (missing data is "chưa báo cáo", never 0%).
    ///
    /// The one rounding rule of every percentage LamTheo shows or answers: computed from the counts themselves, in
    /// whole numbers, half up (away from zero), so that 201 of 400 (50,25%) is "50,3%" and never the "50,2" a
    /// binary 0.5025 × 1000 rounds to. `VietnameseFormat.percentValue` is the same number for the API.
    ///
    /// Exact means that the percentage is a whole number (part × 100 is a multiple of whole): it has no decimals,
    /// "100%", "25%", "0%". Any other ratio always has `fractionDigits` decimals, even when they round to zeros, so
    /// that an almost complete figure never passes for a complete one: 244.999 of 245.000 is "100,0%", 1 of 5.000 is
    /// "0,0%".
    public func percent(_ part: Int, of whole: Int, fractionDigits: Int = 1) -> String? {
        guard let rounded = VietnameseFormat.roundedPercent(part, of: whole, fractionDigits: fractionDigits) else { return nil }
        return VietnameseFormat.composed(scaledDigits: Array(rounded.scaledMagnitude.utf8), fractionDigits: rounded.fractionDigits,
                                         isNegative: rounded.isNegative, language: language) + "%"
    }
}

/// vi-VN formatting: numbers with "." between thousands and "," before decimals (`NumberFormat.vi`), dates dd/MM/yyyy
/// in Vietnam's time zone.
public enum VietnameseFormat {
    /// 245200 -> "245.200", -1234 -> "-1.234".
    public static func integer(_ value: Int) -> String {
        NumberFormat.vi.integer(value)
    }

    /// (94.5, 1) -> "94,5": `NumberFormat.decimal` in Vietnamese.
    public static func decimal(_ value: Double, fractionDigits: Int) -> String {
        NumberFormat.vi.decimal(value, fractionDigits: fractionDigits)
    }

    /// "94,5%": `NumberFormat.percent` in Vietnamese, the one rounding rule of every percentage.
    public static func percent(_ part: Int, of whole: Int, fractionDigits: Int = 1) -> String? {
        NumberFormat.vi.percent(part, of: whole, fractionDigits: fractionDigits)
    }

    /// The number `percent` writes, for a JSON answer: 201 of 400 is 50.3, 1 of 3 is 33.3, 1 of 8 is 12.5. nil when
    /// whole is 0.
    public static func percentValue(_ part: Int, of whole: Int, fractionDigits: Int = 1) -> Double? {
        guard let rounded = roundedPercent(part, of: whole, fractionDigits: fractionDigits) else { return nil }
        return Double((rounded.isNegative ? "-" : "") + scaledText(rounded.scaledMagnitude, fractionDigits: rounded.fractionDigits))
    }

    /// A percentage rounded once: the digits of its magnitude × 10^fractionDigits, where fractionDigits is 0 when
    /// the percentage is a whole number.
    fileprivate struct RoundedPercent {
        let scaledMagnitude: String
        let fractionDigits: Int
        let isNegative: Bool
    }

    fileprivate static func roundedPercent(_ part: Int, of whole: Int, fractionDigits: Int) -> RoundedPercent? {
        precondition(fractionDigits >= 0, "fractionDigits must not be negative")
        guard whole != 0 else { return nil }
        let (digits, digitsAfterPoint) = roundedPercentDigits(part.magnitude, of: whole.magnitude, fractionDigits: fractionDigits)
        // No "-0": a negative share that rounds to nothing is nothing.
        let isNegative = (part < 0) != (whole < 0) && digits.contains { $0 != "0" }
        return RoundedPercent(scaledMagnitude: digits, fractionDigits: digitsAfterPoint, isNegative: isNegative)
    }

    private static func roundedPercentDigits(_ part: UInt, of whole: UInt, fractionDigits: Int) -> (String, Int) {
        let hundredfold = part.multipliedReportingOverflow(by: 100)
        if !hundredfold.overflow && hundredfold.partialValue % whole == 0 {
            return (String(hundredfold.partialValue / whole), 0)
        }
        // part × 100 × 10^d, divided with its remainder, half up: 201 × 1000 / 400 = 502 remainder 200, which is half.
        var scale: UInt = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        let scaled = hundredfold.partialValue.multipliedReportingOverflow(by: scale)
        guard !hundredfold.overflow, !scaled.overflow else {
            // Counts beyond any organisation: the Double way, rounded as `decimal` rounds.
            let value = Double(part) * 100 / Double(whole)
            return (String(decoding: roundedScaledDigits(value, fractionDigits: fractionDigits), as: UTF8.self), fractionDigits)
        }
        let (quotient, remainder) = scaled.partialValue.quotientAndRemainder(dividingBy: whole)
        return (String(remainder >= whole - remainder ? quotient + 1 : quotient), fractionDigits)
    }

    /// "502", 1 -> "50.2": the plain decimal text of scaled digits, for `Double(_:)`.
    private static func scaledText(_ digits: String, fractionDigits: Int) -> String {
        guard fractionDigits > 0 else { return digits }
        let padded = String(repeating: "0", count: max(fractionDigits + 1 - digits.count, 0)) + digits
        return "\(padded.dropLast(fractionDigits)).\(padded.suffix(fractionDigits))"
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
    fileprivate static func roundedScaledDigits(_ magnitude: Double, fractionDigits: Int) -> [UInt8] {
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

    /// Writes a number given by the ASCII digits of its magnitude × 10^fractionDigits: "1.234,5" in Vietnamese,
    /// "1,234.5" in English.
    fileprivate static func composed(scaledDigits: [UInt8], fractionDigits: Int, isNegative: Bool, language: UILanguage) -> String {
        let (group, point) = language == .en ? (UInt8(ascii: ","), UInt8(ascii: ".")) : (UInt8(ascii: "."), UInt8(ascii: ","))
        let significant = scaledDigits.drop { $0 == UInt8(ascii: "0") }
        let digits = Array(repeatElement(UInt8(ascii: "0"), count: max(fractionDigits + 1 - significant.count, 0))) + significant
        let integerCount = digits.count - fractionDigits
        var text: [UInt8] = []
        if isNegative && !significant.isEmpty {
            text.append(UInt8(ascii: "-"))
        }
        for (index, digit) in digits[..<integerCount].enumerated() {
            if index > 0 && (integerCount - index) % 3 == 0 {
                text.append(group)
            }
            text.append(digit)
        }
        if fractionDigits > 0 {
            text.append(point)
            text.append(contentsOf: digits[integerCount...])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension String {
    /// The text with its first letter in lower case, for a title inside a sentence: "Tháng 11/2026" → "tháng 11/2026".
    public var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
