/// How one document stands to another: 01-KL/TW continues 05-CT/TW; a ward's plan implements the
/// city's plan; a new regulation replaces an old one. Read from the first document to the second.
public enum DocumentRelationKind: String, Sendable, Codable, CaseIterable {
    case continues
    case replaces
    case implements

    /// Read from the first document: "01-KL/TW tiếp tục thực hiện 05-CT/TW".
    public var label: LocalizedText {
        switch self {
        case .continues: return LocalizedText(vi: "Tiếp tục thực hiện", en: "Continues")
        case .replaces: return LocalizedText(vi: "Thay thế", en: "Replaces")
        case .implements: return LocalizedText(vi: "Thực hiện", en: "Implements")
        }
    }

    /// Read from the second document: "05-CT/TW được tiếp tục bởi 01-KL/TW".
    public var inverseLabel: LocalizedText {
        switch self {
        case .continues: return LocalizedText(vi: "Được tiếp tục bởi", en: "Continued by")
        case .replaces: return LocalizedText(vi: "Bị thay thế bởi", en: "Replaced by")
        case .implements: return LocalizedText(vi: "Được thực hiện bởi", en: "Implemented by")
        }
    }
}
