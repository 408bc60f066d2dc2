import Foundation

/// The six tones (thanh điệu) of Vietnamese, in collation order.
enum Tone: UInt8, Comparable {
    case ngang, huyen, hoi, nga, sac, nang

    static func < (a: Tone, b: Tone) -> Bool { a.rawValue < b.rawValue }
}

/// What makes a letter of the Vietnamese alphabet out of a Latin base letter: ă; â ê ô; ơ ư; đ.
///
/// The cases are in collation order within one base letter (a ă â, o ô ơ), which `CollationKey` relies on.
enum LetterModifier: UInt8, CaseIterable {
    case plain, breve, circumflex, horn, stroke

    /// Whether Vietnamese spelling has this base letter with this modifier.
    func isUsed(on base: Unicode.Scalar) -> Bool {
        switch (self, base) {
        case (.plain, _), (.breve, "a"), (.circumflex, "a"), (.circumflex, "e"), (.circumflex, "o"),
             (.horn, "o"), (.horn, "u"), (.stroke, "d"):
            true
        default:
            false
        }
    }
}

/// A letter reduced to what search and collation look at.
struct Letter {
    /// Lowercase and without any mark: "a" for "Ặ", "d" for "Đ", "ж" for "Ж".
    var base: Unicode.Scalar
    var modifier = LetterModifier.plain
    var tone = Tone.ngang

    /// Takes in a mark that follows the letter in decomposed text. Marks that Vietnamese does not put on this
    /// letter (the diaeresis of "ë", a breve on "e") are dropped: "ë" is an "e", as in the names of foreigners.
    /// Of two tones or two modifiers (a typing error) the higher one counts, so that the result does not depend on
    /// the order of the marks, which normalization may change.
    mutating func apply(_ mark: CombiningMark) {
        switch mark {
        case .tone(let tone):
            self.tone = max(self.tone, tone)
        case .letterModifier(let modifier):
            if modifier.isUsed(on: base) && modifier.rawValue > self.modifier.rawValue { self.modifier = modifier }
        case .ignorable:
            break
        }
    }
}

/// A combining mark, as found in decomposed (NFD) text or in the canonical decomposition of a letter.
enum CombiningMark {
    case tone(Tone)
    case letterModifier(LetterModifier)
    /// Any other mark (diaeresis, ring, cedilla…).
    case ignorable

    /// The marks of Vietnamese; nil for any other scalar.
    init?(vietnamese scalar: Unicode.Scalar) {
        switch scalar {
        case "\u{0300}", "\u{0340}": self = .tone(.huyen)  // U+0340 is a deprecated twin of U+0300
        case "\u{0309}": self = .tone(.hoi)
        case "\u{0303}": self = .tone(.nga)
        case "\u{0301}", "\u{0341}", "\u{0344}": self = .tone(.sac)  // U+0341: deprecated twin; U+0344: with diaeresis
        case "\u{0323}": self = .tone(.nang)
        case "\u{0306}": self = .letterModifier(.breve)
        case "\u{0302}": self = .letterModifier(.circumflex)
        case "\u{031B}": self = .letterModifier(.horn)
        default: return nil
        }
    }
}

/// How search and collation see one Unicode scalar, whether the text is NFC, NFD or a mix of both.
enum ScalarKind {
    /// A letter, or a number other than an ASCII digit ("²", "٣"), folded through its canonical decomposition.
    case letter(Letter)
    /// An ASCII digit, as its ASCII byte.
    case digit(UInt8)
    case mark(CombiningMark)
    /// Whitespace, punctuation, symbols and controls: what separates words.
    case separator

    init(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        if value < Self.basicRange.upperBound {
            self = Self.basicKinds[Int(value)]
        } else if Self.latinExtendedAdditional.contains(value) {
            self = Self.latinExtendedAdditionalKinds[Int(value - Self.latinExtendedAdditional.lowerBound)]
        } else {
            self.init(uncached: scalar)
        }
    }

    // Bulk import classifies millions of scalars, nearly all from these two ranges, and classifying one
    // involves a decomposition through Foundation: they are classified once, on first use.
    // U+0000–U+036F: ASCII, Latin-1, Latin Extended-A and -B, IPA, combining diacritical marks.
    // U+1E00–U+1EFF: Latin Extended Additional, home of most precomposed Vietnamese letters (ạ ả ấ … ỹ).
    private static let basicRange: Range<UInt32> = 0..<0x370
    private static let latinExtendedAdditional: Range<UInt32> = 0x1E00..<0x1F00
    private static let basicKinds = kinds(of: basicRange)
    private static let latinExtendedAdditionalKinds = kinds(of: latinExtendedAdditional)

    private static func kinds(of range: Range<UInt32>) -> [ScalarKind] {
        // Neither range contains surrogate code points, so every value is a scalar.
        range.map { ScalarKind(uncached: Unicode.Scalar($0)!) }
    }

    private init(uncached scalar: Unicode.Scalar) {
        switch scalar {
        case "0"..."9":
            self = .digit(UInt8(scalar.value))
        // Đ has no decomposition. U+00D0 (Ð, eth) looks the same and is what some legacy-encoding
        // converters and fonts produce for it.
        case "đ", "Đ", "\u{00D0}":
            self = .letter(Letter(base: "d", modifier: .stroke))
        default:
            if let mark = CombiningMark(vietnamese: scalar) {
                self = .mark(mark)
                return
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                self = .mark(.ignorable)
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                self = .letter(Self.folded(scalar))
            default:
                self = .separator
            }
        }
    }

    /// "Ặ" decomposes to "A" + dot below + breve: the letter a, modifier breve, tone nặng.
    private static func folded(_ scalar: Unicode.Scalar) -> Letter {
        let decomposition = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        let base = decomposition.first ?? scalar
        let marks = decomposition.dropFirst()
        // A Hangul syllable decomposes into letters (jamo), not into a base and marks: it stays whole.
        guard marks.allSatisfy({ $0.properties.canonicalCombiningClass != .notReordered }) else {
            return Letter(base: lowercased(scalar))
        }
        var letter = Letter(base: lowercased(base))
        for mark in marks {
            letter.apply(CombiningMark(vietnamese: mark) ?? .ignorable)
        }
        return letter
    }

    private static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        // Only İ lowercases to several scalars, and it arrives here decomposed (I + dot above).
        return mapping.count == 1 ? mapping[mapping.startIndex] : scalar
    }
}
