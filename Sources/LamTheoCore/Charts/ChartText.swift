import Foundation

/// How wide a text will be drawn, estimated from Arial's advance widths (Liberation Sans has the same metrics): the
/// server has no font to measure with, and the layout must be the same on every machine. A Vietnamese letter is as
/// wide as its base letter: the marks sit above or below it.
enum ChartText {
    /// The drawing's font: Arial where there is one, its metric twin Liberation Sans on Linux (the report's PDF).
    static let fontFamily = "Arial, Liberation Sans, Helvetica, sans-serif"

    /// Advance widths of ASCII 32…126 in thousandths of the font size.
    private static let asciiWidths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space ! " # $ % & ' ( ) * + , - . /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0–9 : ; < = > ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A–O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P–Z [ \ ] ^ _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` a–o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,       // p–z { | } ~
    ]

    /// Bold letters are wider by about this much.
    private static let boldFactor = 1.08

    static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        let thousandths = text.reduce(0) { $0 + advance(of: $1) }
        return Double(thousandths) / 1000 * fontSize * (bold ? boldFactor : 1)
    }

    /// The text, or as much of its beginning as fits in `width` followed by "…".
    static func fitted(_ text: String, width available: Double, fontSize: Double, bold: Bool = false) -> String {
        guard width(text, fontSize: fontSize, bold: bold) > available else { return text }
        var room = available - width("…", fontSize: fontSize, bold: bold)
        var kept = ""
        for character in text {
            room -= width(String(character), fontSize: fontSize, bold: bold)
            guard room >= 0 else { break }
            kept.append(character)
        }
        return kept.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// The text in at most two lines of `width`, broken between words: after the first `preferredBreak` words when both
    /// lines fit (the words a name shares with its siblings, "Đảng bộ phường / Đa Kao"), else where the longer line is
    /// shortest. When no break fits, the first line is as full as it can be and the second is shortened with "…"; a first
    /// word too long for a line gives one shortened line.
    static func wrapped(_ text: String, width available: Double, fontSize: Double, bold: Bool = false, preferredBreak: Int? = nil) -> [String] {
        let measure = { (line: String) in width(line, fontSize: fontSize, bold: bold) }
        guard measure(text) > available else { return [text] }
        let words = text.split(separator: " ")
        let breaks = (1..<max(words.count, 1)).map { (first: words[..<$0].joined(separator: " "), second: words[$0...].joined(separator: " ")) }
        let fits = { (lines: (first: String, second: String)) in measure(lines.first) <= available && measure(lines.second) <= available }
        if let preferredBreak, breaks.indices.contains(preferredBreak - 1), fits(breaks[preferredBreak - 1]) {
            return [breaks[preferredBreak - 1].first, breaks[preferredBreak - 1].second]
        }
        let fitting = breaks.filter(fits)
        if let balanced = fitting.min(by: { max(measure($0.first), measure($0.second)) < max(measure($1.first), measure($1.second)) }) {
            return [balanced.first, balanced.second]
        }
        guard let fullest = breaks.last(where: { measure($0.first) <= available }) else {
            return [fitted(text, width: available, fontSize: fontSize, bold: bold)]
        }
        return [fullest.first, fitted(fullest.second, width: available, fontSize: fontSize, bold: bold)]
    }

    private static func advance(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 556 }
        if latinLetters.contains(first.value) { return latinWidths[Int(first.value - latinLetters.lowerBound)] }
        return advance(ofBase: first)
    }

    private static func advance(ofBase scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 32...126: return asciiWidths[Int(scalar.value) - 32]
        case 0x2026: return 1000                      // …
        case 0x00A0: return 278                       // no-break space
        case 0x0110: return 722                       // Đ, as D
        case 0x0111: return 556                       // đ, as d
        case 0x1100...: return 1000                   // CJK and other wide scripts
        default: return 556
        }
    }

    /// Latin-1 to Latin Extended Additional: every Vietnamese letter.
    private static let latinLetters: ClosedRange<UInt32> = 0xC0...0x1EFF

    /// The advance of each of `latinLetters`, its base letter's (the letter under the marks: "ệ" → "e", "Ư" → "U", its
    /// horn is a mark too), worked out once: decomposing each letter as it was measured was a tenth of a dashboard's time.
    private static let latinWidths: [Int] = latinLetters.map { value in
        guard let letter = Unicode.Scalar(value) else { return 556 }
        let base = String(letter).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? letter
        return advance(ofBase: base)
    }
}
