import Foundation

/// A day of the calendar, as a document is dated (no time, no time zone).
public struct DocumentDate: Sendable, Hashable, Comparable, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: DocumentDate, rhs: DocumentDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// The rules of a Party document's format — sizes, weights, margins, widths, wording — as a table of values, one
/// version per guidance, so that a report issued under one renders the same after the Office revises it.
///
/// A report stores `identifier` when it is issued and renders again with `version(named:)`. Values a reviewer can
/// check against DESIGN.md § "Facts for the reports"; where the guidance gives a range, the value chosen is noted.
public struct PartyDocumentFormat: Sendable, Hashable {
    /// How one block of text looks.
    public struct TextStyle: Sendable, Hashable {
        /// In points.
        public var size: Double
        public var bold: Bool
        public var italic: Bool
        public var underline: Bool
        /// Written in capitals (the layout upper-cases the text, so every reader sees the same letters).
        public var capitals: Bool

        public init(size: Double, bold: Bool = false, italic: Bool = false, underline: Bool = false,
                    capitals: Bool = false) {
            self.size = size
            self.bold = bold
            self.italic = italic
            self.underline = underline
            self.capitals = capitals
        }
    }

    /// Stored with an issued report: "36-HD/VPTW-2018".
    public let identifier: String
    /// The guidance, as a person cites it.
    public let guidance: String
    /// The first day documents are dated under this version.
    public let inForceFrom: DocumentDate

    /// The typeface named in the file. Liberation Serif (Debian `fonts-liberation2`) has Times New Roman's metrics
    /// and covers Vietnamese: where Times New Roman is missing, LibreOffice substitutes it and lines break the same.
    public let fontName: String
    /// A4, in millimetres.
    public let pageWidth: Double
    public let pageHeight: Double
    /// In millimetres. 20/20/30/15 is the figure most often quoted; not confirmed from the original text.
    public let marginTop: Double
    public let marginBottom: Double
    public let marginLeft: Double
    public let marginRight: Double
    /// From the page's bottom edge to the page number, in millimetres.
    public let footerDistance: Double

    /// The header's two columns, in millimetres (they add up to the text width, 165 mm on A4 with these margins):
    /// the left one holds the superior and issuing bodies, the asterisk and the number; the right one
    /// "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date, which must fit on one line.
    public let headerLeftWidth: Double
    public let headerRightWidth: Double

    public let partyName: String
    public let partyNameStyle: TextStyle
    /// The line beneath the party's name: its length in millimetres (about the words' own width) and thickness in
    /// points.
    public let partyLineLength: Double
    public let partyLineWeight: Double
    public let superiorBodyStyle: TextStyle
    public let issuingBodyStyle: TextStyle
    /// Beneath the issuing body.
    public let issuingBodyMark: String
    /// Put before the number and symbol: "Số " and no colon ("Số 127-QĐ/TW").
    public let numberPrefix: String
    public let numberStyle: TextStyle
    public let placeAndDateStyle: TextStyle
    /// Days below this number are written with a leading zero ("ngày 03").
    public let dayPaddedBelow: Int
    /// Months written with a leading zero ("tháng 02"): January and February, so that no digit can be added in
    /// front of them ("tháng 1" made "tháng 11"); "tháng 4", "tháng 11" as they are.
    public let paddedMonths: Set<Int>
    /// 15–16 in the guidance: 16 chosen.
    public let documentTypeStyle: TextStyle
    /// 14–15 in the guidance: 14 chosen.
    public let subjectStyle: TextStyle
    /// Beneath the subject.
    public let subjectRule: String
    /// 14–15 in the guidance: 14 chosen.
    public let bodyStyle: TextStyle
    public let headingStyle: TextStyle
    /// In millimetres.
    public let firstLineIndent: Double
    /// In points.
    public let paragraphSpacing: Double
    /// A multiple of single spacing.
    public let lineSpacing: Double
    /// Tables and captions inside the body.
    public let tableTextStyle: TextStyle
    public let captionStyle: TextStyle
    /// A figure's size on paper: points per SVG user unit. The units are CSS pixels (0.75 pt); 0.9 prints the charts'
    /// 13-unit labels at about 12 pt. A figure is never wider than the text.
    public let figurePointsPerUnit: Double
    public let recipientsLabel: String
    public let recipientsLabelStyle: TextStyle
    public let recipientStyle: TextStyle
    /// "T/M BAN THƯỜNG VỤ".
    public let authorityStyle: TextStyle
    /// "BÍ THƯ".
    public let signerTitleStyle: TextStyle
    public let signerNameStyle: TextStyle
    /// Room for the signature and seal between the title and the name, in points.
    public let signatureSpace: Double
    /// The bottom block's columns, in millimetres: "Nơi nhận:" left, the signature right.
    public let recipientsWidth: Double
    public let signatureWidth: Double
    /// Centred in the footer, from the second page: the first carries the header blocks.
    public let pageNumberStyle: TextStyle
    public let pageNumberOnFirstPage: Bool

    /// Every version, oldest first.
    public static let all: [PartyDocumentFormat] = [.guidance36of2018]

    /// The version for a document dated `date`: the latest in force on that day (the oldest for a date before all).
    public static func inForce(on date: DocumentDate) -> PartyDocumentFormat {
        all.last(where: { $0.inForceFrom <= date }) ?? all[0]
    }

    /// The version an issued report recorded, nil for an identifier no version has.
    public static func version(named identifier: String) -> PartyDocumentFormat? {
        all.first(where: { $0.identifier == identifier })
    }

    /// Hướng dẫn 36-HD/VPTW of 03/4/2018 of the Party Central Committee's Office, on the format of Party documents.
    public static let guidance36of2018 = PartyDocumentFormat(
        identifier: "36-HD/VPTW-2018",
        guidance: "Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng về thể thức và kỹ thuật "
            + "trình bày văn bản của Đảng",
        inForceFrom: DocumentDate(year: 2018, month: 4, day: 3),
        fontName: "Times New Roman",
        pageWidth: 210, pageHeight: 297,
        marginTop: 20, marginBottom: 20, marginLeft: 30, marginRight: 15,
        footerDistance: 10,
        headerLeftWidth: 72, headerRightWidth: 93,
        partyName: "ĐẢNG CỘNG SẢN VIỆT NAM",
        partyNameStyle: TextStyle(size: 15, bold: true, capitals: true),
        partyLineLength: 73, partyLineWeight: 0.75,
        superiorBodyStyle: TextStyle(size: 14, capitals: true),
        issuingBodyStyle: TextStyle(size: 14, bold: true, capitals: true),
        issuingBodyMark: "*",
        numberPrefix: "Số ",
        numberStyle: TextStyle(size: 14),
        placeAndDateStyle: TextStyle(size: 14, italic: true),
        dayPaddedBelow: 10,
        paddedMonths: [1, 2],
        documentTypeStyle: TextStyle(size: 16, bold: true, capitals: true),
        subjectStyle: TextStyle(size: 14, bold: true),
        subjectRule: "-----",
        bodyStyle: TextStyle(size: 14),
        headingStyle: TextStyle(size: 14, bold: true),
        firstLineIndent: 10,
        paragraphSpacing: 6,
        lineSpacing: 1.1,
        tableTextStyle: TextStyle(size: 13),
        captionStyle: TextStyle(size: 13, italic: true),
        figurePointsPerUnit: 0.9,
        recipientsLabel: "Nơi nhận:",
        recipientsLabelStyle: TextStyle(size: 12, bold: true, italic: true),
        recipientStyle: TextStyle(size: 12),
        authorityStyle: TextStyle(size: 14, bold: true, capitals: true),
        signerTitleStyle: TextStyle(size: 14, bold: true, capitals: true),
        signerNameStyle: TextStyle(size: 14, bold: true),
        signatureSpace: 60,
        recipientsWidth: 80, signatureWidth: 85,
        pageNumberStyle: TextStyle(size: 14),
        pageNumberOnFirstPage: false
    )

    /// "TP. Hồ Chí Minh, ngày 25 tháng 11 năm 2021", "Hạ Long, ngày 20 tháng 02 năm 2018", "…, ngày 03 tháng 4 năm 2018".
    public func placeAndDate(place: String, date: DocumentDate) -> String {
        let day = date.day < dayPaddedBelow ? "0\(date.day)" : "\(date.day)"
        let month = paddedMonths.contains(date.month) ? "0\(date.month)" : "\(date.month)"
        return "\(place), ngày \(day) tháng \(month) năm \(date.year)"
    }

    /// "Số 97-BC/ĐUK" from "97-BC/ĐUK" — or from "Số 97-BC/ĐUK" or "Số: 97-BC/ĐUK" as people type it.
    public func numberLine(_ numberAndSymbol: String) -> String {
        var symbol = Substring(numberAndSymbol.trimmingCharacters(in: .whitespaces))
        for prefix in ["Số", "số"] where symbol.hasPrefix(prefix) {
            symbol = symbol.dropFirst(prefix.count).drop(while: { $0 == ":" || $0 == " " })
        }
        return numberPrefix + symbol
    }
}
