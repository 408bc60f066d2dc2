/// Builds the byte-comparable keys behind `VietnameseText.sortKey` and `PersonName.sortKey`.
///
/// Every byte is printable ASCII other than space, quotes and backslash, and the ranges are ordered so that
/// comparing two keys byte by byte compares the texts in Vietnamese collation order:
///
///     "/"          ends one part of a key of several parts (PersonName: tên / đệm / họ)
///     "0" … "5"    ends a syllable and gives its tone: ngang, huyền, hỏi, ngã, sắc, nặng
///     "6" … "?"    starts a run of digits: its count of significant digits, 1 … 10, then the digits. Longer runs
///                  take one "@" per 10 digits before the count (25 digits: "@@:"), so more digits sort later.
///     "A" … "g"    the 33 letters  a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z
///     "h"          any other letter or number, followed by its Unicode scalar value in 6 hexadecimal digits
///
/// A syllable is written as its letters and digit runs followed by its tone byte. As the tone byte is below any
/// letter or digit run, letters decide before the tone, "an" sorts before "anh", and when the syllables are
/// equal so far the text with fewer sorts first ("an" before "an bình"). Syllables need no other separator.
struct CollationKey {
    private var bytes: [UInt8] = []
    private var digitRun: [UInt8] = []
    private var syllableStart = 0
    private var syllableTone = Tone.ngang
    /// The last letter written and its position, while a combining vowel mark may still follow it (NFD text).
    private var lastLetter: (letter: Letter, position: Int)?

    init(reservingCapacity capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ text: String) {
        for scalar in text.unicodeScalars {
            switch ScalarKind(scalar) {
            case .letter(let letter):
                appendLetter(letter)
            case .digit(let digit):
                lastLetter = nil
                digitRun.append(digit)
            case .mark(let mark):
                applyMark(mark)
            case .separator:
                endSyllable()
            }
        }
        endSyllable()
    }

    mutating func endPart() {
        bytes.append(UInt8(ascii: "/"))
        syllableStart = bytes.count
    }

    private mutating func appendLetter(_ letter: Letter) {
        endDigitRun()
        // The tone belongs to the syllable, whichever vowel carries it: "hoà" and "hòa" are one word.
        syllableTone = max(syllableTone, letter.tone)
        if let byte = Self.alphabetByte(letter) {
            lastLetter = (letter, bytes.count)
            bytes.append(byte)
        } else {
            lastLetter = nil
            bytes.append(UInt8(ascii: "h"))
            for shift in stride(from: 20, through: 0, by: -4) {
                bytes.append(Self.hexDigits[Int((letter.base.value >> UInt32(shift)) & 0xF)])
            }
        }
    }

    private mutating func applyMark(_ mark: CombiningMark) {
        switch mark {
        case .tone(let tone):
            // A tone mark with nothing before it in the syllable (after a space, say) is stray and ignored.
            if bytes.count > syllableStart || !digitRun.isEmpty { syllableTone = max(syllableTone, tone) }
        case .letterModifier:
            guard var modified = lastLetter else { return }
            modified.letter.apply(mark)
            lastLetter = modified
            if let byte = Self.alphabetByte(modified.letter) { bytes[modified.position] = byte }
        case .ignorable:
            break
        }
    }

    private mutating func endDigitRun() {
        guard !digitRun.isEmpty else { return }
        // Leading zeros do not change the number ("02" sorts as "2"); the number 0 keeps one digit.
        let significant = digitRun[(digitRun.firstIndex { $0 != UInt8(ascii: "0") } ?? digitRun.count - 1)...]
        var count = significant.count
        while count > 10 {
            bytes.append(UInt8(ascii: "@"))
            count -= 10
        }
        bytes.append(UInt8(ascii: "6") + UInt8(count - 1))
        bytes.append(contentsOf: significant)
        digitRun.removeAll(keepingCapacity: true)
    }

    private mutating func endSyllable() {
        endDigitRun()
        if bytes.count > syllableStart {
            bytes.append(UInt8(ascii: "0") + syllableTone.rawValue)
        }
        syllableStart = bytes.count
        syllableTone = .ngang
        lastLetter = nil
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Key bytes of the letters of the Vietnamese alphabet, indexed by base letter a…z and modifier.
    /// The alphabet order is the Latin order with each modified letter right after its base, in the order of
    /// `LetterModifier`: a ă â … d đ e ê … o ô ơ … u ư.
    private static let alphabetBytes: [UInt8] = {
        var bytes = [UInt8](repeating: 0, count: 26 * modifierCount)
        var keyBytes = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg".utf8.makeIterator()
        for base in UInt8(ascii: "a")...UInt8(ascii: "z") {
            for modifier in LetterModifier.allCases where modifier.isUsed(on: Unicode.Scalar(base)) {
                bytes[alphabetIndex(base: Unicode.Scalar(base), modifier: modifier)] = keyBytes.next()!
            }
        }
        return bytes
    }()

    private static let modifierCount = LetterModifier.allCases.count

    private static func alphabetIndex(base: Unicode.Scalar, modifier: LetterModifier) -> Int {
        Int(base.value - Unicode.Scalar("a").value) * modifierCount + Int(modifier.rawValue)
    }

    /// The key byte of a letter of the alphabet; nil for any other letter.
    private static func alphabetByte(_ letter: Letter) -> UInt8? {
        guard ("a"..."z").contains(letter.base) else { return nil }
        return alphabetBytes[alphabetIndex(base: letter.base, modifier: letter.modifier)]
    }
}
