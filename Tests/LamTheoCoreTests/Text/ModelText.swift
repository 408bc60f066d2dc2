import Foundation

/// A random Vietnamese-like text known by its structure, the test's own model of collation and search: the reference
/// comparator and the expected search key are computed from the structure, never from the written text, and the same
/// structure can be written in many ways (NFC, NFD, mixed, upper case, old or new tone placement, any separator).
struct ModelText {
    enum Element {
        /// An index in `ModelText.alphabet`.
        case letter(Int)
        /// ASCII digits, possibly with leading zeros.
        case number(String)
    }

    struct Syllable {
        var elements: [Element]
        /// 0 ngang, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng; only a syllable with a vowel, which carries the mark, has one.
        var tone: Int

        var hasVowel: Bool { !vowelPositions.isEmpty }

        var vowelPositions: [Int] {
            elements.indices.filter {
                guard case .letter(let index) = elements[$0] else { return false }
                return ModelText.vowels.contains(ModelText.alphabet[index].letter)
            }
        }
    }

    var syllables: [Syllable]

    /// The Vietnamese alphabet in collation order, with the foreign letters f j w z, and the ASCII letter each folds to.
    static let alphabet: [(letter: String, base: String)] = [
        ("a", "a"), ("ă", "a"), ("â", "a"), ("b", "b"), ("c", "c"), ("d", "d"), ("đ", "d"), ("e", "e"), ("ê", "e"),
        ("f", "f"), ("g", "g"), ("h", "h"), ("i", "i"), ("j", "j"), ("k", "k"), ("l", "l"), ("m", "m"), ("n", "n"),
        ("o", "o"), ("ô", "o"), ("ơ", "o"), ("p", "p"), ("q", "q"), ("r", "r"), ("s", "s"), ("t", "t"), ("u", "u"),
        ("ư", "u"), ("v", "v"), ("w", "w"), ("x", "x"), ("y", "y"), ("z", "z"),
    ]
    /// Combining tone marks, in tone order.
    private static let toneMarks = ["", "\u{0300}", "\u{0309}", "\u{0303}", "\u{0301}", "\u{0323}"]

    private static let alphabetIndex = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1.letter, $0) })
    fileprivate static let vowels: Set<String> = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    private static let onsets = [
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph",
        "qu", "r", "s", "t", "th", "tr", "v", "x", "f", "j", "w", "z",
    ]
    private static let nuclei = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu",
        "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi",
        "ươ", "ưu", "yê", "oai", "oay", "uây", "uôi", "ươi", "ươu", "uyê", "iêu", "yêu",
    ]
    private static let codas = ["", "", "", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
    private static let separators = [" ", " ", " ", "  ", "\u{00A0}", "\t", "\n", "-", ", ", " - ", ". ", "/", " (", ") "]

    // MARK: Generation

    static func random(syllableCount: ClosedRange<Int>, using rng: inout some RandomNumberGenerator) -> ModelText {
        ModelText(syllables: (0..<Int.random(in: syllableCount, using: &rng)).map { _ in
            randomSyllable(using: &rng)
        })
    }

    /// Mostly syllables of letters, sometimes a number ("Tổ 12") or both ("10A", "a3").
    static func randomSyllable(using rng: inout some RandomNumberGenerator) -> Syllable {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<80: randomWord(using: &rng)
        case 80..<90: Syllable(elements: [.number(randomDigits(using: &rng))], tone: 0)
        case 90..<95: appending(.number(randomDigits(using: &rng)), to: randomWord(using: &rng))
        default: prepending(.number(randomDigits(using: &rng)), to: randomWord(using: &rng))
        }
    }

    static func randomWord(using rng: inout some RandomNumberGenerator) -> Syllable {
        let spelling = onsets.randomElement(using: &rng)! + nuclei.randomElement(using: &rng)! + codas.randomElement(using: &rng)!
        return Syllable(elements: spelling.map { .letter(alphabetIndex[String($0)]!) }, tone: Int.random(in: 0...5, using: &rng))
    }

    /// Mostly short, sometimes longer than the 10 digits that the key's digit-run length takes in one byte.
    private static func randomDigits(using rng: inout some RandomNumberGenerator) -> String {
        let length = Bool.random(using: &rng) ? Int.random(in: 1...3, using: &rng) : Int.random(in: 1...24, using: &rng)
        return String((0..<length).map { _ in "0123456789".randomElement(using: &rng)! })
    }

    private static func appending(_ element: Element, to syllable: Syllable) -> Syllable {
        Syllable(elements: syllable.elements + [element], tone: syllable.tone)
    }

    private static func prepending(_ element: Element, to syllable: Syllable) -> Syllable {
        Syllable(elements: [element] + syllable.elements, tone: syllable.tone)
    }

    /// A near relative, to reach equal and almost equal texts more often than independent draws do: the same
    /// text (to be written another way), another tone, a letter more, a neighbouring letter, a leading zero, a
    /// syllable more or less.
    func mutated(using rng: inout some RandomNumberGenerator) -> ModelText {
        var copy = self
        let s = Int.random(in: syllables.indices, using: &rng)
        let e = Int.random(in: syllables[s].elements.indices, using: &rng)
        switch (Int.random(in: 0..<7, using: &rng), copy.syllables[s].elements[e]) {
        case (1, _) where copy.syllables[s].hasVowel:
            copy.syllables[s].tone = Int.random(in: 0...5, using: &rng)
        case (2, _):
            copy.syllables[s].elements.append(.letter(Int.random(in: Self.alphabet.indices, using: &rng)))
        case (3, .letter(let index)):
            copy.syllables[s].elements[e] = .letter(min(index + 1, Self.alphabet.count - 1))
        case (4, .number(let digits)):
            copy.syllables[s].elements[e] = .number("0" + digits)
        case (5, _):
            copy.syllables.append(Self.randomSyllable(using: &rng))
        case (6, _) where copy.syllables.count > 1:
            copy.syllables.removeLast()
        default:
            break
        }
        return copy
    }

    // MARK: Writing

    /// One of the many ways to write the text: each letter in NFC, NFD or precomposed-letter-plus-combining-tone
    /// form, in either case, the tone mark on any vowel, random separators, sometimes padded with whitespace.
    func written(using rng: inout some RandomNumberGenerator) -> String {
        let padding = ["", "", " ", "\u{00A0}", "\n "]
        var text = padding.randomElement(using: &rng)!
        for (index, syllable) in syllables.enumerated() {
            if index > 0 { text += Self.separators.randomElement(using: &rng)! }
            text += Self.written(syllable, using: &rng)
        }
        return text + padding.randomElement(using: &rng)!
    }

    private static func written(_ syllable: Syllable, using rng: inout some RandomNumberGenerator) -> String {
        // Any vowel may carry the tone: old style "hoà", new style "hòa", and misplaced ones alike.
        let tonePosition = syllable.vowelPositions.randomElement(using: &rng)
        var text = ""
        for (position, element) in syllable.elements.enumerated() {
            switch element {
            case .number(let digits):
                text += digits
            case .letter(let index):
                let tone = position == tonePosition ? syllable.tone : 0
                let mixed = alphabet[index].letter + toneMarks[tone]
                var letter = [mixed, mixed.precomposedStringWithCanonicalMapping, mixed.decomposedStringWithCanonicalMapping]
                    .randomElement(using: &rng)!
                if Bool.random(using: &rng) { letter = letter.uppercased() }
                text += letter
            }
        }
        return text
    }

    /// The text as a name is written: NFC, each word capitalised, single spaces.
    func writtenAsName(using rng: inout some RandomNumberGenerator) -> String {
        syllables.map { syllable in
            let word = Self.written(syllable, using: &rng).precomposedStringWithCanonicalMapping.lowercased()
            return word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
    }

    // MARK: Reference

    /// What searchKey must give: the ASCII bases of the letters and the digits as written, words joined by one space.
    var expectedSearchKey: String {
        syllables.map { syllable in
            syllable.elements.map { element in
                switch element {
                case .letter(let index): Self.alphabet[index].base
                case .number(let digits): digits
                }
            }.joined()
        }.joined(separator: " ")
    }

    /// The reference collation, a direct reading of the rules: syllable by syllable; within a syllable the letters
    /// and numbers one by one (a number before a letter, numbers by value, a prefix first), then the tone; a text
    /// that runs out of syllables first sorts first. Returns -1, 0 or 1.
    static func compare(_ a: ModelText, _ b: ModelText) -> Int {
        compareSequences(a.syllables, b.syllables) { x, y in
            let byElements = compareSequences(x.elements, y.elements, by: compareElements)
            return byElements != 0 ? byElements : compareValues(x.tone, y.tone)
        }
    }

    private static func compareElements(_ x: Element, _ y: Element) -> Int {
        switch (x, y) {
        case (.number, .letter):
            return -1
        case (.letter, .number):
            return 1
        case (.letter(let i), .letter(let j)):
            return compareValues(i, j)
        case (.number(let m), .number(let n)):
            // By value: fewer significant digits first, then digit by digit.
            let (m, n) = (m.drop { $0 == "0" }, n.drop { $0 == "0" })
            return m.count != n.count ? compareValues(m.count, n.count) : compareValues(String(m), String(n))
        }
    }

    private static func compareSequences<T>(_ a: [T], _ b: [T], by compare: (T, T) -> Int) -> Int {
        for (x, y) in zip(a, b) {
            let result = compare(x, y)
            if result != 0 { return result }
        }
        return compareValues(a.count, b.count)
    }

    private static func compareValues<T: Comparable>(_ x: T, _ y: T) -> Int {
        x < y ? -1 : (x == y ? 0 : 1)
    }
}
