/// The two languages of the product. Vietnamese is the default; English is available everywhere.
public enum UILanguage: String, Sendable, CaseIterable, Codable {
    case vi
    case en
}

/// A piece of user-facing text in both languages, written where it is used so that each feature
/// keeps its own wording.
public struct LocalizedText: Sendable, Hashable, Codable {
    public let vi: String
    public let en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    public func callAsFunction(_ language: UILanguage) -> String {
        language == .vi ? vi : en
    }
}
