/// The byte-level CSV reader behind `CSVFile.parse` and `CSVFile.forEachRecord`.
///
/// It walks the UTF-8 bytes of the text once. The delimiter, quote and line ends are ASCII and never occur inside a
/// multi-byte UTF-8 sequence, so every field is a slice of valid UTF-8 and becomes a String without per-Character
/// work; a quoted field is copied only when it has "" escapes or text after its closing quote.
enum CSVParser {
    static let quote: UInt8 = 0x22
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let comma: UInt8 = 0x2C
    static let semicolon: UInt8 = 0x3B
    static let tab: UInt8 = 0x09

    /// Index of the first byte after a UTF-8 BOM (U+FEFF), if the text starts with one.
    @inline(__always)
    static func start(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        p.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
    }

    /// The delimiter rule is documented at `CSVFile.detectDelimiter`. A quote opens a quoted field only at the start
    /// of the line or right after a comma, semicolon or tab, as the reader itself treats a quote inside an unquoted
    /// field as an ordinary character.
    static func detectDelimiter(_ p: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let n = p.count
        var i = start(p)
        var commas = 0
        var semicolons = 0
        var tabs = 0
        var inQuotes = false
        var atFieldStart = true
        while i < n {
            let b = p[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < n, p[i + 1] == quote {
                        i &+= 2
                        continue
                    }
                    inQuotes = false
                }
            } else if b == quote, atFieldStart {
                inQuotes = true
                atFieldStart = false
            } else if b == lf || b == cr {
                if commas + semicolons + tabs > 0 { break }
                atFieldStart = true  // a line without any: the next line decides
            } else if b == comma {
                commas &+= 1
                atFieldStart = true
            } else if b == semicolon {
                semicolons &+= 1
                atFieldStart = true
            } else if b == tab {
                tabs &+= 1
                atFieldStart = true
            } else {
                atFieldStart = false
            }
            i &+= 1
        }
        if tabs > 0, tabs >= semicolons, tabs >= commas { return tab }
        if semicolons > 0, semicolons >= commas { return semicolon }
        return comma
    }

    /// Reads every record, calling `body` with its fields and the 1-based line it starts on.
    static func read(
        _ p: UnsafeBufferPointer<UInt8>, delimiter: UInt8, maxColumns: Int,
        body: ([String], Int) throws -> Void
    ) throws {
        let n = p.count
        var i = start(p)
        var line = 1
        var scratch: [UInt8] = []
        var expectedFields = 16

        @inline(__always) func string(_ from: Int, _ to: Int) -> String {
            from == to ? "" : String(decoding: UnsafeBufferPointer(rebasing: p[from..<to]), as: UTF8.self)
        }

        while i < n {
            // Empty lines are skipped (but counted).
            let first = p[i]
            if first == lf {
                line &+= 1
                i &+= 1
                continue
            }
            if first == cr {
                line &+= 1
                i &+= 1
                if i < n, p[i] == lf { i &+= 1 }
                continue
            }

            let recordLine = line
            var fields: [String] = []
            fields.reserveCapacity(expectedFields)
            while true {
                if fields.count == maxColumns {
                    throw TabularError(.tooManyColumns, line: recordLine, limit: maxColumns)
                }
                if i < n, p[i] == quote {
                    let quoteLine = line
                    i &+= 1
                    let contentStart = i
                    var segmentStart = i
                    var copied = false
                    scratch.removeAll(keepingCapacity: true)
                    while true {
                        guard i < n else { throw TabularError(.unterminatedQuote, line: quoteLine) }
                        let b = p[i]
                        if b == quote {
                            if i + 1 < n, p[i + 1] == quote {
                                // "" is one quote: keep the segment including the first of the two.
                                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[segmentStart...i]))
                                copied = true
                                i &+= 2
                                segmentStart = i
                                continue
                            }
                            break
                        }
                        if b == lf {
                            line &+= 1
                        } else if b == cr, !(i + 1 < n && p[i + 1] == lf) {
                            line &+= 1
                        }
                        i &+= 1
                    }
                    let contentEnd = i
                    i &+= 1  // the closing quote
                    // Lenient: text after the closing quote, up to the delimiter, is kept as it is ("ab"c -> abc).
                    let tailStart = i
                    while i < n {
                        let b = p[i]
                        if b == delimiter || b == lf || b == cr { break }
                        i &+= 1
                    }
                    if !copied, tailStart == i {
                        fields.append(string(contentStart, contentEnd))
                    } else {
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[segmentStart..<contentEnd]))
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[tailStart..<i]))
                        fields.append(String(decoding: scratch, as: UTF8.self))
                    }
                } else {
                    // Unquoted: up to the delimiter or line end; a quote inside is kept as it is.
                    let fieldStart = i
                    while i < n {
                        let b = p[i]
                        if b == delimiter || b == lf || b == cr { break }
                        i &+= 1
                    }
                    fields.append(string(fieldStart, i))
                }
                if i < n, p[i] == delimiter {
                    i &+= 1
                    continue  // another field follows, empty if the line or file ends here
                }
                break
            }
            if i < n {
                if p[i] == cr {
                    i &+= 1
                    if i < n, p[i] == lf { i &+= 1 }
                } else {
                    i &+= 1
                }
                line &+= 1
            }
            expectedFields = fields.count
            try body(fields, recordLine)
        }
    }
}
