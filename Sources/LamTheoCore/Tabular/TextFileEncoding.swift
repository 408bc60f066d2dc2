/// How a text file's bytes were encoded.
///
/// `CSVFile.decode` reports the encoding it found so that an import can say so ("Tệp được chuyển từ bảng mã
/// Windows-1258 sang Unicode").
public enum TextFileEncoding: String, Sendable, Codable {
    case utf8, utf8WithBOM, utf16LittleEndian, utf16BigEndian, windows1258

    /// True for the legacy 8-bit Vietnamese code page: the text was converted to Unicode and the user should be
    /// told, and asked to check a few names, because a file in another legacy encoding (TCVN3/ABC, VNI) is also
    /// read as Windows-1258 and comes out garbled.
    public var isLegacy: Bool { self == .windows1258 }

    /// The encoding's name for users, in Vietnamese.
    public var vietnameseName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8WithBOM: "UTF-8 (có BOM)"
        case .utf16LittleEndian: "UTF-16 LE"
        case .utf16BigEndian: "UTF-16 BE"
        case .windows1258: "Windows-1258 (bảng mã tiếng Việt cũ của Windows)"
        }
    }

    /// The encoding's name for users, in English.
    public var englishName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8WithBOM: "UTF-8 (with BOM)"
        case .utf16LittleEndian: "UTF-16 LE"
        case .utf16BigEndian: "UTF-16 BE"
        case .windows1258: "Windows-1258 (legacy Vietnamese Windows code page)"
        }
    }
}
