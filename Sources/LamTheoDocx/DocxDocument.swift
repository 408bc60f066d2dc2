import Foundation

/// A length on the page, kept in twentieths of a point (twips, WordprocessingML's own unit) so that what is written
/// is exactly what was asked.
public struct DocxLength: Sendable, Hashable, Comparable {
    public var twips: Int

    public init(twips: Int) {
        self.twips = twips
    }

    public static func points(_ value: Double) -> DocxLength { DocxLength(twips: Int((value * 20).rounded())) }
    public static func millimetres(_ value: Double) -> DocxLength { points(value * 72 / 25.4) }

    public var points: Double { Double(twips) / 20 }
    /// English Metric Units, DrawingML's unit for pictures: 635 per twip.
    var emu: Int { twips * 635 }

    public static func < (lhs: DocxLength, rhs: DocxLength) -> Bool { lhs.twips < rhs.twips }
    public static func + (lhs: DocxLength, rhs: DocxLength) -> DocxLength { DocxLength(twips: lhs.twips + rhs.twips) }
    public static func - (lhs: DocxLength, rhs: DocxLength) -> DocxLength { DocxLength(twips: lhs.twips - rhs.twips) }
}

/// What `DocxWriter` writes: one section of pages, its paragraphs and tables, and the package's properties.
public struct DocxDocument: Sendable, Hashable {
    public struct Page: Sendable, Hashable {
        public var width: DocxLength
        public var height: DocxLength
        public var top: DocxLength
        public var bottom: DocxLength
        public var left: DocxLength
        public var right: DocxLength
        /// From the page's bottom edge to the footer's last line.
        public var footerDistance: DocxLength

        public init(width: DocxLength, height: DocxLength, top: DocxLength, bottom: DocxLength, left: DocxLength,
                    right: DocxLength, footerDistance: DocxLength) {
            self.width = width
            self.height = height
            self.top = top
            self.bottom = bottom
            self.left = left
            self.right = right
            self.footerDistance = footerDistance
        }

        /// The width between the margins.
        public var textWidth: DocxLength { width - left - right }
    }

    /// The page number in the footer.
    public struct PageNumbers: Sendable, Hashable {
        public var alignment: DocxParagraph.Alignment
        public var size: Double
        /// false: the first page's footer stays empty, as on a report whose first page carries the header blocks.
        public var onFirstPage: Bool

        public init(alignment: DocxParagraph.Alignment, size: Double, onFirstPage: Bool) {
            self.alignment = alignment
            self.size = size
            self.onFirstPage = onFirstPage
        }
    }

    public enum Block: Sendable, Hashable {
        case paragraph(DocxParagraph)
        case table(DocxTable)
    }

    public var page: Page
    public var fontName: String
    /// In points.
    public var fontSize: Double
    /// BCP 47, for spelling and hyphenation: "vi-VN".
    public var language: String
    public var pageNumbers: PageNumbers?
    public var body: [Block]
    /// The core properties: `dc:title`, and `dcterms:created`/`modified` (passed in, so the same input gives the
    /// same bytes).
    public var title: String
    public var created: Date

    public init(page: Page, fontName: String, fontSize: Double, language: String, pageNumbers: PageNumbers?,
                body: [Block], title: String, created: Date) {
        self.page = page
        self.fontName = fontName
        self.fontSize = fontSize
        self.language = language
        self.pageNumbers = pageNumbers
        self.body = body
        self.title = title
        self.created = created
    }
}

public struct DocxParagraph: Sendable, Hashable {
    public enum Alignment: String, Sendable, Hashable {
        // WordprocessingML's values: "both" is justified.
        case left, center, right, justify = "both"
    }

    public enum LineSpacing: Sendable, Hashable {
        /// A multiple of single spacing (1.0, 1.15, 1.5).
        case multiple(Double)
        /// Exactly this distance between baselines.
        case exactly(DocxLength)
    }

    public var runs: [DocxRun]
    public var alignment: Alignment
    public var firstLineIndent: DocxLength
    public var leftIndent: DocxLength
    public var rightIndent: DocxLength
    public var spacingBefore: DocxLength
    public var spacingAfter: DocxLength
    public var lineSpacing: LineSpacing
    /// Kept on the same page as the next paragraph (headings, a figure and its caption).
    public var keepWithNext: Bool
    public var pageBreakBefore: Bool
    /// A line under the paragraph, between its indents (the line beneath "ĐẢNG CỘNG SẢN VIỆT NAM"), in points.
    public var bottomBorderWidth: Double?

    public init(_ runs: [DocxRun], alignment: Alignment = .left, firstLineIndent: DocxLength = .points(0),
                leftIndent: DocxLength = .points(0), rightIndent: DocxLength = .points(0),
                spacingBefore: DocxLength = .points(0), spacingAfter: DocxLength = .points(0),
                lineSpacing: LineSpacing = .multiple(1), keepWithNext: Bool = false, pageBreakBefore: Bool = false,
                bottomBorderWidth: Double? = nil) {
        self.runs = runs
        self.alignment = alignment
        self.firstLineIndent = firstLineIndent
        self.leftIndent = leftIndent
        self.rightIndent = rightIndent
        self.spacingBefore = spacingBefore
        self.spacingAfter = spacingAfter
        self.lineSpacing = lineSpacing
        self.keepWithNext = keepWithNext
        self.pageBreakBefore = pageBreakBefore
        self.bottomBorderWidth = bottomBorderWidth
    }
}

/// Text with one look, a picture, or the page number. Text's "\n" (or "\r\n", "\r") is a line break and "\t" a tab.
public struct DocxRun: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case text(String)
        case image(DocxImage)
        /// The PAGE field, showing "1" until the application updates it.
        case pageNumber
    }

    public var content: Content
    public var bold: Bool
    public var italic: Bool
    public var underline: Bool
    /// Shown in capitals whatever the letters are (the text itself is kept).
    public var caps: Bool
    /// In points; nil is the document's size.
    public var size: Double?

    public init(_ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false, caps: Bool = false,
                size: Double? = nil) {
        self.init(content: .text(text), bold: bold, italic: italic, underline: underline, caps: caps, size: size)
    }

    public init(content: Content, bold: Bool = false, italic: Bool = false, underline: Bool = false,
                caps: Bool = false, size: Double? = nil) {
        self.content = content
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.caps = caps
        self.size = size
    }
}

/// A picture drawn from SVG: how it is stored is explained on `DocxWriter`.
public struct DocxImage: Sendable, Hashable {
    public var svg: String
    public var width: DocxLength
    public var height: DocxLength
    /// The alternative text screen readers say.
    public var description: String

    public init(svg: String, width: DocxLength, height: DocxLength, description: String) {
        self.svg = svg
        self.width = width
        self.height = height
        self.description = description
    }

    /// The size the SVG declares, in its user units (CSS pixels when it is shown alone): its `viewBox`, else its
    /// `width` and `height` attributes when they are plain numbers; nil when it declares neither.
    public static func intrinsicSize(ofSVG svg: String) -> (width: Double, height: Double)? {
        guard let start = svg.range(of: "<svg"), let end = svg[start.upperBound...].firstIndex(of: ">") else {
            return nil
        }
        let tag = svg[start.upperBound..<end]
        func attribute(_ name: String) -> String? {
            for quote in ["\"", "'"] {
                if let open = tag.range(of: " \(name)=\(quote)"),
                   let close = tag[open.upperBound...].range(of: quote) {
                    return String(tag[open.upperBound..<close.lowerBound])
                }
            }
            return nil
        }
        if let viewBox = attribute("viewBox") {
            let numbers = viewBox.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            if numbers.count == 4, numbers[2] > 0, numbers[3] > 0 { return (numbers[2], numbers[3]) }
        }
        if let width = attribute("width").flatMap(Double.init), let height = attribute("height").flatMap(Double.init),
           width > 0, height > 0 {
            return (width, height)
        }
        return nil
    }
}

public struct DocxTable: Sendable, Hashable {
    public struct Cell: Sendable, Hashable {
        public enum VerticalAlignment: String, Sendable, Hashable {
            case top, center, bottom
        }

        /// At least one paragraph is written: a cell without one is invalid.
        public var paragraphs: [DocxParagraph]
        public var verticalAlignment: VerticalAlignment

        public init(_ paragraphs: [DocxParagraph], verticalAlignment: VerticalAlignment = .top) {
            self.paragraphs = paragraphs
            self.verticalAlignment = verticalAlignment
        }
    }

    public struct Row: Sendable, Hashable {
        public var cells: [Cell]
        /// Repeated at the top of each page the table runs onto.
        public var isHeader: Bool
        /// Never split across two pages.
        public var keepTogether: Bool

        public init(_ cells: [Cell], isHeader: Bool = false, keepTogether: Bool = false) {
            self.cells = cells
            self.isHeader = isHeader
            self.keepTogether = keepTogether
        }
    }

    /// The widths of the columns; each row has as many cells (missing ones are written empty).
    public var columnWidths: [DocxLength]
    public var rows: [Row]
    /// Single lines around and between the cells; false: no lines at all (the Party header, the signature block).
    public var borders: Bool
    /// Space left and right inside each cell.
    public var cellMargin: DocxLength

    public init(columnWidths: [DocxLength], rows: [Row], borders: Bool, cellMargin: DocxLength = .points(5.4)) {
        self.columnWidths = columnWidths
        self.rows = rows
        self.borders = borders
        self.cellMargin = cellMargin
    }
}
