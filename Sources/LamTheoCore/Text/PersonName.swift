/// A Vietnamese person name: họ (family), chữ đệm (middle, may be empty or several words), tên (given, last word).
public struct PersonName: Sendable, Hashable, Codable {
    public var familyName: String   // họ
    public var middleName: String   // chữ đệm, "" when none
    public var givenName: String    // tên

    /// Stores the `VietnameseText.normalized` form of each part.
    public init(familyName: String, middleName: String, givenName: String) {
        self.familyName = VietnameseText.normalized(familyName)
        self.middleName = VietnameseText.normalized(middleName)
        self.givenName = VietnameseText.normalized(givenName)
    }

    /// Splits a full name as written: first word = họ, last word = tên, the rest = chữ đệm. Compound family names
    /// (e.g. "Tôn Nữ", "Công Tằng Tôn Nữ", "Âu Dương") are kept together when the name has enough words. nil for an empty name;
    /// a one-word name is a givenName only.
    ///
    /// "Enough words" means at least one word left for the tên: "Tôn Nữ Ninh" is họ "Tôn Nữ", tên "Ninh", but
    /// "Tôn Nữ" alone is họ "Tôn", tên "Nữ". The compound family names recognised are Công Tằng Tôn Nữ,
    /// Công Huyền Tôn Nữ, Công Tôn Nữ, Tôn Nữ, Tôn Thất and Âu Dương, regardless of case and marks
    /// ("TON NU THI NINH" too).
    public init?(fullName: String) {
        let words = VietnameseText.normalized(fullName).split(separator: " ")
        guard let givenName = words.last else { return nil }
        let familyWordCount = Self.familyNameWordCount(words)
        self.familyName = words[..<familyWordCount].joined(separator: " ")
        self.middleName = words[familyWordCount..<(words.count - 1)].joined(separator: " ")
        self.givenName = String(givenName)
    }

    /// "họ đệm tên" joined by single spaces, no double space when middle is empty.
    public var fullName: String {
        [familyName, middleName, givenName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Sort key that orders people the Vietnamese way: by tên, then chữ đệm, then họ (each part compared with
    /// VietnameseText's collation); binary-comparable like sortKey. Parts must be separated so that ("An", "", "Lê") sorts
    /// before ("An", "Văn", "Lê") and a tên that is a prefix of another sorts first.
    public var sortKey: String {
        var key = CollationKey(reservingCapacity: familyName.utf8.count + middleName.utf8.count + givenName.utf8.count + 16)
        key.append(givenName)
        key.endPart()
        key.append(middleName)
        key.endPart()
        key.append(familyName)
        return key.string
    }

    /// Family names of several words, as the search keys of their words. Only names that are not also read as a
    /// one-word họ followed by a chữ đệm belong here: the Nguyễn Phúc clan's Tôn Thất and Tôn Nữ lines and the
    /// Chinese two-syllable Âu Dương, but not "Nguyễn Phúc", which is just as often họ Nguyễn with đệm Phúc.
    private static let compoundFamilyNames: [[String]] = [
        "Công Tằng Tôn Nữ", "Công Huyền Tôn Nữ", "Công Tôn Nữ", "Tôn Nữ", "Tôn Thất", "Âu Dương",
    ].map { VietnameseText.searchKey($0).split(separator: " ").map(String.init) }

    private static let longestCompoundFamilyName = compoundFamilyNames.map(\.count).max() ?? 0

    private static let compoundFirstWords = Set(compoundFamilyNames.compactMap(\.first))

    /// The number of leading words that form the họ, leaving at least the tên: none in a one-word name.
    private static func familyNameWordCount(_ words: [Substring]) -> Int {
        guard words.count > 1 else { return 0 }
        // Almost every name starts with a one-word họ: the other words are folded only when the first can begin a compound.
        guard compoundFirstWords.contains(VietnameseText.searchKey(String(words[0]))) else { return 1 }
        let leadingKeys = words.dropLast().prefix(longestCompoundFamilyName).map { VietnameseText.searchKey(String($0)) }
        return compoundFamilyNames.filter { leadingKeys.starts(with: $0) }.map(\.count).max() ?? 1
    }
}
