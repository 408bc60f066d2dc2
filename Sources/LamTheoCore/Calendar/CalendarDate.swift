import Foundation

/// A day on the calendar with no time or zone: a birth date, the day a unit was merged, a deadline.
/// Stored and exchanged as ISO `yyyy-MM-dd`, which sorts correctly as text on every database.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// nil when the triple is not a real day (31/02, month 13, year outside 1800...2200).
    /// The years a date may fall in: wide enough for any Party record, narrow enough that arithmetic on a
    /// year can never overflow.
    public static let supportedYears = 1800...2200

    public init?(year: Int, month: Int, day: Int) {
        guard Self.supportedYears.contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Accepts the forms offices write: ISO `2023-05-18`, `18/05/2023`, `18/5/2023`, `18-05-2023`, `18.05.2023`.
    /// Read over the UTF-8 bytes: imports parse dates on every row, and Foundation's trimming and splitting
    /// by `Character` cost more than the rest of a row's checks.
    public init?(parsing text: String) {
        let trimmed = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
        var numbers: [Int] = []
        var widths: [Int] = []
        var separators: [UInt8] = []
        var number = 0
        var width = 0
        for byte in trimmed.utf8.drop(while: Self.isASCIISpace).reversed().drop(while: Self.isASCIISpace).reversed() {
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"):
                guard width < 4 else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
                width += 1
            case UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "."):
                numbers.append(number)
                widths.append(width)
                separators.append(byte)
                (number, width) = (0, 0)
            default:
                return nil
            }
        }
        numbers.append(number)
        widths.append(width)
        guard numbers.count == 3, !widths.contains(0) else { return nil }
        if separators == [UInt8(ascii: "-"), UInt8(ascii: "-")], widths[0] == 4 {
            guard widths[1] <= 2, widths[2] <= 2 else { return nil }
            self.init(year: numbers[0], month: numbers[1], day: numbers[2])
        } else {
            guard widths[2] == 4, widths[0] <= 2, widths[1] <= 2 else { return nil }
            self.init(year: numbers[2], month: numbers[1], day: numbers[0])
        }
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Today in Vietnam, whatever the server's own zone. Vietnam has kept UTC+7 without daylight saving
    /// since 1975, so this is arithmetic rather than a (slow) calendar computation: imports ask it per row.
    public static func today(now: Date = Date()) -> CalendarDate {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + 7 * 3600
        return CalendarDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }


    /// `2023-05-18`
    public var iso: String {
        Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
    }

    /// `18/05/2023`, as Vietnamese users read dates.
    public var vietnamese: String {
        Self.padded(day, 2) + "/" + Self.padded(month, 2) + "/" + Self.padded(year, 4)
    }

    /// Zero-padded digits, without `String(format:)`, which is slow on Linux and dates are written per row.
    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    public var description: String { iso }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days since 1970-01-01, for arithmetic (age, lateness) without time zones.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a date (yyyy-MM-dd or dd/MM/yyyy): \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
