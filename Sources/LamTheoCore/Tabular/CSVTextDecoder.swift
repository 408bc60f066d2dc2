import Foundation

/// Byte-level work behind `CSVFile.decode`.
enum CSVTextDecoder {
    /// Signatures of files that are certainly not text, checked before anything else: ZIP (XLSX, DOCX, ODS),
    /// OLE2 compound files (XLS, DOC), PDF, PNG, JPEG, GIF, gzip, 7-Zip, RAR.
    static let binarySignatures: [[UInt8]] = [
        [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x07, 0x08],  // PK..
        [0xD0, 0xCF, 0x11, 0xE0],  // OLE2
        Array("%PDF-".utf8),
        [0x89, 0x50, 0x4E, 0x47],  // \x89PNG
        [0xFF, 0xD8, 0xFF],  // JPEG
        Array("GIF87a".utf8), Array("GIF89a".utf8),
        [0x1F, 0x8B],  // gzip
        [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C],  // 7z
        Array("Rar!\u{1A}\u{07}".utf8),
    ]

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> (text: String, encoding: TextFileEncoding) {
        let n = bytes.count
        if n == 0 { return ("", .utf8) }

        for signature in binarySignatures where n >= signature.count {
            if zip(signature, bytes).allSatisfy({ $0 == $1 }) { throw TabularError(.notText) }
        }

        // Byte order marks.
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            let rest = UnsafeBufferPointer(rebasing: bytes[3...])
            if rest.contains(0) { throw TabularError(.notText) }
            // The BOM says UTF-8: a stray invalid byte becomes U+FFFD, which validation reports, rather than the
            // whole file being reinterpreted.
            return (String(validating: rest, as: UTF8.self) ?? String(decoding: rest, as: UTF8.self), .utf8WithBOM)
        }
        if n >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            guard let text = utf16(bytes, from: 2, bigEndian: false, strict: false) else { throw TabularError(.notText) }
            return (text, .utf16LittleEndian)
        }
        if n >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            guard let text = utf16(bytes, from: 2, bigEndian: true, strict: false) else { throw TabularError(.notText) }
            return (text, .utf16BigEndian)
        }

        // NUL bytes: UTF-16 without a BOM, or not text at all.
        var zerosAtEven = 0
        var zerosAtOdd = 0
        var k = 0
        while k + 1 < n {
            if bytes[k] == 0 { zerosAtEven &+= 1 }
            if bytes[k + 1] == 0 { zerosAtOdd &+= 1 }
            k &+= 2
        }
        if k < n, bytes[k] == 0 { zerosAtEven &+= 1 }
        if zerosAtEven + zerosAtOdd > 0 {
            if let bigEndian = utf16WithoutBOM(count: n, zerosAtEven: zerosAtEven, zerosAtOdd: zerosAtOdd),
               let text = utf16(bytes, from: 0, bigEndian: bigEndian, strict: true) {
                return (text, bigEndian ? .utf16BigEndian : .utf16LittleEndian)
            }
            throw TabularError(.notText)
        }

        if let text = String(validating: bytes, as: UTF8.self) {
            return (text, .utf8)
        }
        return (windows1258(bytes), .windows1258)
    }

    /// UTF-16 without a BOM shows as zero bytes in one byte position of most code units: text in CSV files is mostly
    /// ASCII (digits, delimiters, line ends, the letters Vietnamese shares with English), whose high byte is zero.
    /// The rule: an even number of bytes; at least a quarter of the code units have a zero high byte; and zero low
    /// bytes (U+0100, U+0300, U+2000…) are at most an eighth as many. Returns nil when it does not look like UTF-16,
    /// else whether it is big-endian.
    static func utf16WithoutBOM(count: Int, zerosAtEven: Int, zerosAtOdd: Int) -> Bool? {
        guard count % 2 == 0 else { return nil }
        let units = count / 2
        if zerosAtOdd * 4 >= units, zerosAtEven * 8 <= zerosAtOdd { return false }
        if zerosAtEven * 4 >= units, zerosAtOdd * 8 <= zerosAtEven { return true }
        return nil
    }

    /// Transcodes UTF-16 to a String. Strict: nil on an unpaired surrogate or an odd trailing byte; otherwise those
    /// become U+FFFD. Nil in both modes when the text has a U+0000 (binary data, or UTF-32).
    static func utf16(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, bigEndian: Bool, strict: Bool) -> String? {
        let n = bytes.count
        let end = start + (n - start) / 2 * 2
        var out: [UInt8] = []
        out.reserveCapacity((n - start) / 2 * 3)
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[k]) << 8 | UInt32(bytes[k + 1]) : UInt32(bytes[k + 1]) << 8 | UInt32(bytes[k])
        }
        var i = start
        while i < end {
            let u = unit(i)
            i &+= 2
            if u == 0 { return nil }
            if u < 0x80 {
                out.append(UInt8(truncatingIfNeeded: u))
                continue
            }
            var scalar = u
            if u >= 0xD800, u <= 0xDFFF {
                if u <= 0xDBFF, i < end, case let low = unit(i), low >= 0xDC00, low <= 0xDFFF {
                    scalar = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                    i &+= 2
                } else {
                    if strict { return nil }
                    scalar = 0xFFFD
                }
            }
            appendUTF8(scalar, to: &out)
        }
        if end < n {
            if strict { return nil }
            appendUTF8(0xFFFD, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Windows-1258 to NFC text.
    ///
    /// Only the five combining tone marks can make the decoded text non-NFC: every other scalar of the page is a
    /// starter that never composes with what precedes it. So each run of marks is normalised together with the
    /// scalar before it (its base), and nothing else. Normalising the whole text at once with Foundation takes time
    /// that grows with the square of its length (25 s for 5 MB on Linux), so each distinct base + marks sequence is
    /// normalised once with `precomposedStringWithCanonicalMapping` and remembered: Vietnamese has a few hundred.
    static func windows1258(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(n + n / 2)
        var composed: [UInt64: [UInt8]] = [:]
        var lastScalarStart = -1  // where the previous scalar's UTF-8 begins in `out`, -1 at the start
        var i = 0
        while i < n {
            let byte = bytes[i]
            if byte < 0x80 {
                lastScalarStart = out.count
                out.append(byte)
                i &+= 1
                continue
            }
            guard Windows1258.isCombining(byte) else {
                lastScalarStart = out.count
                appendUTF8(Windows1258.high[Int(byte) &- 0x80], to: &out)
                i &+= 1
                continue
            }
            // A run of marks and its base (the byte before, unless the text starts with the marks).
            let runStart = lastScalarStart < 0 ? i : i - 1
            var runEnd = i + 1
            while runEnd < n, Windows1258.isCombining(bytes[runEnd]) { runEnd &+= 1 }
            let sequence = UnsafeBufferPointer(rebasing: bytes[runStart..<runEnd])
            let result: [UInt8]
            if sequence.count <= 7 {
                // Key: the bytes, then the length in the top byte (so that a run at the start differs).
                var key = UInt64(sequence.count) << 56
                for (k, b) in sequence.enumerated() { key |= UInt64(b) << (8 * UInt64(k)) }
                if let known = composed[key] {
                    result = known
                } else {
                    result = nfc(sequence)
                    composed[key] = result
                }
            } else {
                result = nfc(sequence)
            }
            if lastScalarStart >= 0 { out.removeSubrange(lastScalarStart...) }  // the base is in `result`
            out.append(contentsOf: result)
            i = runEnd
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// NFC UTF-8 of a few Windows-1258 bytes.
    private static func nfc(_ sequence: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var raw: [UInt8] = []
        for byte in sequence {
            if byte < 0x80 { raw.append(byte) } else { appendUTF8(Windows1258.high[Int(byte) &- 0x80], to: &raw) }
        }
        return Array(String(decoding: raw, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
    }

    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            out.append(UInt8(truncatingIfNeeded: scalar))
        case ..<0x800:
            out.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
            out.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
            out.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
            out.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        }
    }
}
