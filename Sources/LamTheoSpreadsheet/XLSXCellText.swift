/// Turning cell values into the text a person sees: numbers, dates, times, OOXML escapes, cell references.
enum XLSXCellText {
    // MARK: - Cell references

    /// The 0-based column of a reference such as "C7" or "AB12" (its letters), nil when it has none or more than
    /// Excel's 16,384 columns.
    static func column(ofReference reference: String) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
            let upper = byte & 0xDF
            if upper >= 0x41, upper <= 0x5A {
                column = column * 26 + Int(upper - 0x40)
                letters += 1
                if letters > 3 { return nil }
            } else if byte == 0x24 { // "$A$1"
                continue
            } else {
                break
            }
        }
        guard letters > 0, column <= 16_384 else { return nil }
        return column - 1
    }

    /// The 1-based row of a reference ("C7" → 7), nil when there is none.
    static func row(ofReference reference: String) -> Int? {
        var row = 0
        var digits = 0
        for byte in reference.utf8 {
            if byte >= 0x30, byte <= 0x39 {
                row = row * 10 + Int(byte - 0x30)
                digits += 1
                if digits > 9 { return nil }
            } else if digits > 0 {
                return nil
            }
        }
        return digits > 0 ? row : nil
    }

    /// The letters of a 0-based column: 0 → "A", 26 → "AA".
    static func columnName(_ column: Int) -> String {
        var n = column + 1
        var letters: [UInt8] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(UInt8(0x41 + remainder))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// A non-negative decimal integer attribute (row numbers, style and string indexes).
    static func integer(_ text: String) -> Int? {
        var value = 0
        var digits = 0
        for byte in text.utf8 {
            guard byte >= 0x30, byte <= 0x39 else {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                return nil
            }
            value = value &* 10 &+ Int(byte - 0x30)
            digits += 1
            if digits > 15 { return nil }
        }
        return digits > 0 ? value : nil
    }

    // MARK: - OOXML escapes

    /// Decodes the `_xHHHH_` escapes of ST_Xstring (how Excel writes control characters, e.g. `_x000D_` for a
    /// carriage return; `_x005F_` is a literal "_"). A surrogate pair written as two escapes becomes one character;
    /// anything that is not a valid escape stays as it is.
    static func decodingEscapes(_ text: String) -> String {
        guard text.utf8.contains(0x5F) else { return text }
        let bytes = Array(text.utf8)
        guard bytes.count >= 7 else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var changed = false
        var i = 0
        func hexUnit(at index: Int) -> UInt16? {
            guard index + 7 <= bytes.count, bytes[index] == 0x5F, bytes[index + 1] == 0x78 || bytes[index + 1] == 0x58,
                  bytes[index + 6] == 0x5F else { return nil }
            var value: UInt16 = 0
            for k in (index + 2)..<(index + 6) {
                let b = bytes[k]
                let digit: UInt8
                switch b {
                case 0x30...0x39: digit = b - 0x30
                case 0x41...0x46: digit = b - 0x41 + 10
                case 0x61...0x66: digit = b - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt16(digit)
            }
            return value
        }
        while i < bytes.count {
            if bytes[i] == 0x5F, let unit = hexUnit(at: i) {
                var scalar: Unicode.Scalar?
                var consumed = 7
                if UTF16.isLeadSurrogate(unit) {
                    if let low = hexUnit(at: i + 7), UTF16.isTrailSurrogate(low) {
                        let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                        scalar = Unicode.Scalar(value)
                        consumed = 14
                    }
                } else {
                    scalar = Unicode.Scalar(unit)
                }
                if let scalar {
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                    i += consumed
                    changed = true
                    continue
                }
            }
            output.append(bytes[i])
            i += 1
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    // MARK: - Numbers

    /// A number as written in a cell's `<v>`, as a person sees it: at most 15 significant digits, plain notation
    /// from 10^-9 up to 10^15, Excel's scientific notation (`1E+20`) outside. Text that is not a number is returned
    /// as it is.
    static func number(_ text: String) -> String {
        // Fast path: an integer of at most 15 digits without leading zeros is already what a person sees.
        let utf8 = text.utf8
        var count = 0
        var plainInteger = true
        var first: UInt8 = 0
        var index = 0
        for byte in utf8 {
            if index == 0, byte == 0x2D {
                index += 1
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else {
                plainInteger = false
                break
            }
            if count == 0 { first = byte }
            count += 1
            index += 1
        }
        if plainInteger, count > 0, count <= 15, first != 0x30 || count == 1 {
            return text == "-0" ? "0" : text
        }
        let trimmed = text.trimmingASCIIWhitespace()
        guard let value = Double(trimmed), value.isFinite else { return text }
        return format(value)
    }

    /// A double with at most 15 significant digits, as Excel's General format shows it in a wide column.
    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        guard value.isFinite else { return value.description }
        var (digits, exponent) = decimalDigits(abs(value))
        if digits.count > 15 {
            let roundUp = digits[15] >= 5
            digits.removeSubrange(15...)
            if roundUp {
                var k = 14
                while k >= 0 {
                    if digits[k] == 9 {
                        digits[k] = 0
                        k -= 1
                    } else {
                        digits[k] += 1
                        break
                    }
                }
                if k < 0 {
                    digits.insert(1, at: 0)
                    digits.removeLast()
                    exponent += 1
                }
            }
        }
        while digits.count > 1, digits.last == 0 { digits.removeLast() }

        var out: [UInt8] = []
        out.reserveCapacity(24)
        if value < 0 { out.append(0x2D) }
        if exponent >= 15 || exponent < -9 {
            out.append(0x30 + digits[0])
            if digits.count > 1 {
                out.append(0x2E)
                for d in digits[1...] { out.append(0x30 + d) }
            }
            out.append(0x45)
            out.append(exponent < 0 ? 0x2D : 0x2B)
            let magnitude = abs(exponent)
            if magnitude < 10 { out.append(0x30) }
            out.append(contentsOf: Array(String(magnitude).utf8))
        } else if exponent >= 0 {
            for k in 0...exponent { out.append(0x30 + (k < digits.count ? digits[k] : 0)) }
            if digits.count > exponent + 1 {
                out.append(0x2E)
                for d in digits[(exponent + 1)...] { out.append(0x30 + d) }
            }
        } else {
            out.append(0x30)
            out.append(0x2E)
            for _ in 0..<(-exponent - 1) { out.append(0x30) }
            for d in digits { out.append(0x30 + d) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The significant decimal digits of a positive finite double (shortest round-trip form) and the decimal
    /// exponent of the first: 3.5 → ([3, 5], 0), 1e20 → ([1], 20), 0.00012 → ([1, 2], -4).
    static func decimalDigits(_ value: Double) -> (digits: [UInt8], exponent: Int) {
        let description = value.description // "3.5", "12345678.0", "1e+20", "1.2345e-05"
        var mantissa = Substring(description)
        var exponentPart = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = description[..<e]
            exponentPart = Int(description[description.index(after: e)...]) ?? 0
        }
        var integerDigits: [UInt8] = []
        var fractionDigits: [UInt8] = []
        var afterPoint = false
        for byte in mantissa.utf8 {
            if byte == 0x2E {
                afterPoint = true
            } else if byte >= 0x30, byte <= 0x39 {
                if afterPoint { fractionDigits.append(byte - 0x30) } else { integerDigits.append(byte - 0x30) }
            }
        }
        while let first = integerDigits.first, first == 0 { integerDigits.removeFirst() }
        var exponent: Int
        var digits: [UInt8]
        if integerDigits.isEmpty {
            var zeros = 0
            while zeros < fractionDigits.count, fractionDigits[zeros] == 0 { zeros += 1 }
            digits = Array(fractionDigits[zeros...])
            exponent = -(zeros + 1) + exponentPart
        } else {
            digits = integerDigits + fractionDigits
            exponent = integerDigits.count - 1 + exponentPart
        }
        while digits.count > 1, digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { digits = [0] }
        return (digits, exponent)
    }

    // MARK: - Dates

    /// How a number format shows a number.
    enum NumberKind: Sendable, Hashable {
        case number
        /// A date, or a date and time: shown as yyyy-MM-dd.
        case date
        /// A time of day: shown as HH:mm:ss.
        case time
        /// Elapsed time ([h]:mm:ss): shown as H:mm:ss with all the hours.
        case duration
    }

    /// The kind of a built-in number format id.
    static func kind(ofBuiltInFormat id: Int) -> NumberKind {
        switch id {
        case 14...17, 22: return .date
        case 18...21, 45, 47: return .time
        case 46: return .duration
        default: return .number
        }
    }

    /// The kind of a custom number format code, from its first section with quoted text, escaped characters,
    /// fill and padding characters and bracketed parts (colours, locales, conditions) left out: d or y makes a date;
    /// m makes a date unless h or s is there (then it is minutes); h or s alone make a time, or a duration when
    /// bracketed ([h]).
    static func kind(ofFormatCode code: String) -> NumberKind {
        var hasDay = false, hasYear = false, hasMonthOrMinute = false, hasHour = false, hasSecond = false
        var elapsed = false
        let scalars = Array(code.unicodeScalars)
        var i = 0
        scan: while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "\"":
                i += 1
                while i < scalars.count, scalars[i] != "\"" { i += 1 }
            case "\\", "_", "*":
                i += 1
            case "[":
                var content = ""
                i += 1
                while i < scalars.count, scalars[i] != "]" {
                    content.unicodeScalars.append(scalars[i])
                    i += 1
                }
                let lower = content.lowercased()
                if !lower.isEmpty, lower.allSatisfy({ $0 == "h" }) {
                    hasHour = true
                    elapsed = true
                } else if !lower.isEmpty, lower.allSatisfy({ $0 == "m" }) {
                    hasMonthOrMinute = true
                    hasHour = true // [mm] is elapsed minutes, never months
                    elapsed = true
                } else if !lower.isEmpty, lower.allSatisfy({ $0 == "s" }) {
                    hasSecond = true
                    elapsed = true
                }
            case ";":
                break scan
            case "a", "A":
                let rest = String(String.UnicodeScalarView(scalars[i...].prefix(5))).lowercased()
                if rest.hasPrefix("am/pm") {
                    i += 4
                } else if rest.hasPrefix("a/p") {
                    i += 2
                }
            case "d", "D": hasDay = true
            case "y", "Y": hasYear = true
            case "m", "M": hasMonthOrMinute = true
            case "h", "H": hasHour = true
            case "s", "S": hasSecond = true
            default: break
            }
            i += 1
        }
        if hasDay || hasYear || (hasMonthOrMinute && !hasHour && !hasSecond) { return .date }
        if hasHour || hasSecond { return elapsed ? .duration : .time }
        return .number
    }

    /// A serial date as yyyy-MM-dd (1900 date system with its fictitious 1900-02-29, or 1904), nil when it is not a
    /// date Excel could show (negative, or after 9999-12-31).
    static func date(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0 else { return nil }
        let seconds = (serial * 86_400).rounded()
        var days = Int((seconds / 86_400).rounded(.down))
        if date1904 { days += 1_462 }
        guard days <= 2_958_465 else { return nil }
        if days == 60 { return "1900-02-29" }
        if days < 60 { days += 1 }
        // Days since 1899-12-30 → days since 1970-01-01 → civil date (Howard Hinnant's algorithm).
        let z = days - 25_569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// The time of day of a serial (HH:mm:ss), or with `elapsed` all the hours of it (H:mm:ss).
    static func time(serial: Double, elapsed: Bool) -> String? {
        guard serial.isFinite, abs(serial) < 1e9 else { return nil }
        var seconds = Int((abs(serial) * 86_400).rounded())
        if !elapsed { seconds %= 86_400 }
        let sign = serial < 0 && elapsed && seconds > 0 ? "-" : ""
        return sign + pad(seconds / 3_600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension String {
    func trimmingASCIIWhitespace() -> Substring {
        var s = Substring(self)
        while let first = s.utf8.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D {
            s = s.dropFirst()
        }
        while let last = s.utf8.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D {
            s = s.dropLast()
        }
        return s
    }
}
