/// Where the writer puts XML bytes: a buffer, or a counter that only measures (the sheet's size must be known before
/// its ZIP entry is written, and the sheet is generated twice rather than held whole in memory).
protocol XLSXByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension XLSXByteSink {
    @inline(__always)
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// A non-negative integer in decimal.
    @inline(__always)
    mutating func append(decimal value: Int) {
        if value < 10 {
            append(UInt8(0x30 + value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while n > 0, count < 20 {
                raw[19 - count] = UInt8(0x30 + n % 10)
                n /= 10
                count += 1
            }
            append(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + (20 - count),
                                       count: count))
        }
    }

    /// Text as XML character data or (with `attribute`) an attribute value in double quotes: `&`, `<`, `>` escaped
    /// (and `"` in attributes); a carriage return as `&#13;` so XML's line-end normalisation keeps it (and tab and
    /// line feed as references in attributes, where they would become spaces); characters XML 1.0 forbids (C0 controls
    /// other than tab, LF and CR; U+FFFE and U+FFFF) dropped; and, outside attributes, a "_" that starts something
    /// looking like an OOXML `_xHHHH_` escape written as `_x005F_` so Excel does not decode it.
    mutating func appendEscaped(_ text: String, attribute: Bool = false) {
        var text = text
        text.withUTF8 { appendEscaped($0, attribute: attribute) }
    }

    mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool) {
        let count = bytes.count
        var runStart = 0
        var i = 0
        @inline(__always) func flush(_ end: Int, _ sink: inout Self) {
            if end > runStart {
                sink.append(UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
            }
        }
        while i < count {
            let b = bytes[i]
            let replacement: StaticString?
            var skip = 1
            switch b {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22 where attribute: replacement = "&quot;"
            case 0x0D: replacement = "&#13;"
            case 0x0A where attribute: replacement = "&#10;"
            case 0x09 where attribute: replacement = "&#9;"
            case 0x09, 0x0A:
                replacement = nil
            case 0x00...0x1F:
                replacement = "" // forbidden in XML 1.0
            case 0xEF where i + 2 < count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                replacement = "" // U+FFFE, U+FFFF
                skip = 3
            case 0x5F where !attribute && XLSXEscaping.looksLikeOOXMLEscape(bytes, at: i):
                replacement = "_x005F_"
            default:
                replacement = nil
            }
            if let replacement {
                flush(i, &self)
                append(replacement)
                i += skip
                runStart = i
            } else {
                i += 1
            }
        }
        flush(count, &self)
    }
}

enum XLSXEscaping {
    /// Whether `_` at `index` begins `_xHHHH_`.
    @inline(__always)
    static func looksLikeOOXMLEscape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 6 < bytes.count, bytes[index + 1] == 0x78 || bytes[index + 1] == 0x58,
              bytes[index + 6] == 0x5F else { return false }
        for k in (index + 2)...(index + 5) {
            switch bytes[k] {
            case 0x30...0x39, 0x41...0x46, 0x61...0x66: continue
            default: return false
            }
        }
        return true
    }
}

/// Collects bytes.
struct XLSXByteBuffer: XLSXByteSink {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    @inline(__always)
    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }
}

/// Counts bytes.
struct XLSXByteCounter: XLSXByteSink {
    var count = 0

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        count += 1
    }

    @inline(__always)
    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        count += buffer.count
    }
}
