import Foundation
import LamTheoCore
import Testing

/// Properties checked on many random inputs from fixed seeds. Each test stops at its first failing case
/// (`#require`), which it reports, written out, instead of thousands of them.
@Suite("Text properties on random input")
struct TextPropertyTests {
    @Test func generatorIsSplitMix64() {
        var rng = SplitMix64(seed: 0)
        #expect([rng.next(), rng.next(), rng.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test func sortKeyOrderIsTheReferenceOrder() throws {
        var rng = SplitMix64(seed: 1)
        for _ in 0..<20_000 {
            let a = ModelText.random(syllableCount: 1...4, using: &rng)
            let b = Bool.random(using: &rng) ? a.mutated(using: &rng) : ModelText.random(syllableCount: 1...4, using: &rng)
            let (textA, textB) = (a.written(using: &rng), b.written(using: &rng))
            let (keyA, keyB) = (VietnameseText.sortKey(textA), VietnameseText.sortKey(textB))
            let byKey = keyA < keyB ? -1 : (keyA == keyB ? 0 : 1)
            try #require(byKey == ModelText.compare(a, b), "\(textA.debugDescription) vs \(textB.debugDescription): \(keyA) vs \(keyB)")
        }
    }

    @Test func precedesIsAStrictWeakOrder() throws {
        var rng = SplitMix64(seed: 2)
        for _ in 0..<3_000 {
            let a = ModelText.random(syllableCount: 1...3, using: &rng)
            let models = [a, a.mutated(using: &rng), a.mutated(using: &rng)]
            let (x, y, z) = (models[0].written(using: &rng), models[1].written(using: &rng), models[2].written(using: &rng))
            let cases = "\(x.debugDescription), \(y.debugDescription), \(z.debugDescription)"
            try #require(!VietnameseText.precedes(x, x), "irreflexive: \(cases)")
            try #require(!(VietnameseText.precedes(x, y) && VietnameseText.precedes(y, x)), "asymmetric: \(cases)")
            if VietnameseText.precedes(x, y) && VietnameseText.precedes(y, z) {
                try #require(VietnameseText.precedes(x, z), "transitive: \(cases)")
            }
            let incomparable = { (p: String, q: String) in !VietnameseText.precedes(p, q) && !VietnameseText.precedes(q, p) }
            if incomparable(x, y) && incomparable(y, z) {
                try #require(incomparable(x, z), "incomparability transitive: \(cases)")
            }
        }
    }

    @Test func sortingByPrecedesFollowsTheReferenceOrder() throws {
        var rng = SplitMix64(seed: 3)
        let models = (0..<2_000).map { _ in ModelText.random(syllableCount: 1...3, using: &rng) }
        let texts = models.map { $0.written(using: &rng) }
        let sorted = texts.indices.sorted { VietnameseText.precedes(texts[$0], texts[$1]) }
        for (i, j) in zip(sorted, sorted.dropFirst()) {
            try #require(ModelText.compare(models[i], models[j]) <= 0, "\(texts[i].debugDescription) before \(texts[j].debugDescription)")
        }
    }

    @Test func searchKeyIsTheLettersWithoutMarks() throws {
        var rng = SplitMix64(seed: 4)
        for _ in 0..<10_000 {
            let model = ModelText.random(syllableCount: 1...5, using: &rng)
            let text = model.written(using: &rng)
            let key = VietnameseText.searchKey(text)
            try #require(Array(key.utf8) == Array(model.expectedSearchKey.utf8), "\(text.debugDescription) gave \(key)")
            try #require(key.utf8.allSatisfy { $0 < 0x80 }, "\(text.debugDescription) gave \(key)")
            try #require(VietnameseText.searchKey(key) == key, "not idempotent on \(text.debugDescription)")
        }
    }

    @Test func normalizedIsNFCWithSingleSpaces() throws {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<5_000 {
            let text = ModelText.random(syllableCount: 1...5, using: &rng).written(using: &rng)
            let normalized = VietnameseText.normalized(text)
            let expected = text.precomposedStringWithCanonicalMapping
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            try #require(scalars(normalized) == scalars(expected), "\(text.debugDescription)")
            try #require(scalars(VietnameseText.normalized(normalized)) == scalars(normalized))
            let decomposed = text.decomposedStringWithCanonicalMapping
            try #require(scalars(VietnameseText.normalized(decomposed)) == scalars(normalized))
        }
    }

    @Test func personNameFullNameRoundTrips() throws {
        var rng = SplitMix64(seed: 6)
        for _ in 0..<5_000 {
            let words = (0..<Int.random(in: 1...6, using: &rng)).map { _ in ModelText.randomWord(using: &rng) }
            let name = ModelText(syllables: words).writtenAsName(using: &rng)
            let person = try #require(PersonName(fullName: name))
            try #require(scalars(person.fullName) == scalars(name), "\(name)")
            try #require(person.givenName == name.split(separator: " ").last.map(String.init), "\(name)")
        }
    }

    @Test func personNameSortKeyOrdersByGivenThenMiddleThenFamilyName() throws {
        var rng = SplitMix64(seed: 7)
        func randomPart(_ words: ClosedRange<Int>) -> ModelText {
            ModelText(syllables: (0..<Int.random(in: words, using: &rng)).map { _ in ModelText.randomWord(using: &rng) })
        }
        for _ in 0..<5_000 {
            let a = (given: randomPart(1...1), middle: randomPart(0...2), family: randomPart(1...1))
            // Often the same given name, to reach the middle and family names.
            let b = (given: Bool.random(using: &rng) ? a.given : randomPart(1...1), middle: randomPart(0...2), family: randomPart(1...1))
            let people = [a, b].map {
                PersonName(
                    familyName: $0.family.writtenAsName(using: &rng),
                    middleName: $0.middle.writtenAsName(using: &rng),
                    givenName: $0.given.writtenAsName(using: &rng)
                )
            }
            let expected = [ModelText.compare(a.given, b.given), ModelText.compare(a.middle, b.middle), ModelText.compare(a.family, b.family)]
                .first { $0 != 0 } ?? 0
            let (keyA, keyB) = (people[0].sortKey, people[1].sortKey)
            let byKey = keyA < keyB ? -1 : (keyA == keyB ? 0 : 1)
            try #require(byKey == expected, "\(people[0].fullName) vs \(people[1].fullName)")
        }
    }

    /// Arbitrary Unicode, controls and stray marks included: nothing traps, and the guarantees hold. (Not Hangul,
    /// whose NFD splits a syllable into letters: only NFC Hangul is compared as written.)
    @Test func keysHoldOnArbitraryUnicode() throws {
        var rng = SplitMix64(seed: 8)
        let pools: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x00...0x1F, 0x80...0xFF, 0x100...0x24F, 0x300...0x36F, 0x370...0x3FF, 0x400...0x4FF,
            0x1E00...0x1EFF, 0x1F00...0x1FFF, 0x2000...0x206F, 0x3000...0x303F, 0x4E00...0x4E40, 0x1F600...0x1F64F,
            0xFFFD...0xFFFD,
        ]
        for _ in 0..<20_000 {
            var generated = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                generated.append(Unicode.Scalar(UInt32.random(in: pools.randomElement(using: &rng)!, using: &rng))!)
            }
            let text = String(generated)
            let sortKey = VietnameseText.sortKey(text)
            try #require(sortKey.utf8.allSatisfy { (0x21...0x7E).contains($0) && !"\"'\\".utf8.contains($0) }, "\(text.debugDescription)")
            try #require(VietnameseText.sortKey(text.decomposedStringWithCanonicalMapping) == sortKey, "\(text.debugDescription)")
            let searchKey = VietnameseText.searchKey(text)
            try #require(VietnameseText.searchKey(searchKey) == searchKey, "\(text.debugDescription)")
            try #require(VietnameseText.searchKey(text.decomposedStringWithCanonicalMapping) == searchKey, "\(text.debugDescription)")
            let normalized = VietnameseText.normalized(text)
            try #require(scalars(VietnameseText.normalized(normalized)) == scalars(normalized))
            let clean = Self.isClean(Array(text.unicodeScalars))
            try #require(VietnameseText.isCleanText(text) == clean, "\(text.debugDescription)")
        }
    }

    /// What `isCleanText` accepts, said another way: no controls but tab and LF, no U+FFFD, no format characters (the
    /// invisible and bidi ones) but a zero-width joiner between emoji, at most three marks in a row.
    static func isClean(_ scalars: [Unicode.Scalar]) -> Bool {
        var marks = 0
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\t" || scalar == "\n" {
                marks = 0
                continue
            }
            let category = scalar.properties.generalCategory
            if category == .control || scalar == "\u{FFFD}" { return false }
            if category == .format {
                guard scalar == "\u{200D}", index > 0, index + 1 < scalars.count else { return false }
                let (before, after) = (scalars[index - 1], scalars[index + 1])
                let joinsEmoji = (before == "\u{FE0F}" || (0x1F3FB...0x1F3FF).contains(before.value) || (before.properties.isEmoji && before.value > 0xFF))
                    && after.properties.isEmoji && after.value > 0xFF
                if !joinsEmoji { return false }
                continue
            }
            if category == .nonspacingMark || category == .enclosingMark {
                marks += 1
                if marks > VietnameseText.maximumMarks { return false }
            } else {
                marks = 0
            }
        }
        return true
    }
}
