import Foundation

/// One named row of figures: a unit's coverage per day, the members per rating grade across units…
public struct ChartSeries: Sendable, Hashable {
    public var label: String
    /// nil is "not reported": drawn as a gap or as "chưa báo cáo", never as 0.
    public var values: [Double?]
    /// The indices whose value is nil because there is nothing to count (a share of a whole of 0: a unit with no
    /// task at all): written "không có", not "chưa báo cáo", which is for figures missing.
    public var nothingToCount: Set<Int>

    public init(label: String, values: [Double?], nothingToCount: Set<Int> = []) {
        self.label = label
        self.values = values
        self.nothingToCount = nothingToCount
    }

    /// The value at `index`, nil when missing, past the end or not a finite number (nothing drawable).
    func value(at index: Int) -> Double? {
        guard values.indices.contains(index), let value = values[index], value.isFinite else { return nil }
        return value
    }

    /// What is written where there is no value at `index`: "không có" (nothing to count) or "chưa báo cáo".
    func missing(at index: Int) -> LocalizedText {
        nothingToCount.contains(index) ? ChartStyle.nothingToCount : ChartStyle.notReported
    }

    /// The value at `index` as a table cell.
    func cell(at index: Int, format: ChartValueFormat, language: UILanguage) -> String {
        value(at: index).map { format.text($0, language: language) } ?? missing(at: index)(language)
    }
}

/// How a chart writes its values, in the language of the page (`NumberFormat`): "231.700" and "94,5%".
public enum ChartValueFormat: Sendable, Hashable {
    /// A count or an amount: whole numbers as they are, other numbers with one decimal.
    case number
    /// A percentage given as 0–100 (what `VietnameseFormat.percentValue` answers): "94,5%", "100%".
    case percent

    public func text(_ value: Double, language: UILanguage = .vi) -> String {
        let number = Self.plain(value, language: language)
        return self == .percent ? number + "%" : number
    }

    /// A value as a table cell: "chưa báo cáo" when there is none.
    func cell(_ value: Double?, language: UILanguage) -> String {
        value.map { text($0, language: language) } ?? ChartStyle.notReported(language)
    }

    /// part of whole as a percentage, "26,7%": for counts, the one rounding rule of `NumberFormat.percent`.
    static func share(_ part: Double, of whole: Double, language: UILanguage) -> String {
        if let wholePart = Int(exactly: part), let wholeTotal = Int(exactly: whole),
           let text = NumberFormat(language).percent(wholePart, of: wholeTotal) {
            return text
        }
        return percent.text(part / whole * 100, language: language)
    }

    /// The value's text with one decimal, none when it is a whole number.
    private static func plain(_ value: Double, language: UILanguage) -> String {
        let format = NumberFormat(language)
        if let integer = Int(exactly: value) {
            return format.integer(integer)
        }
        return format.decimal(value, fractionDigits: 1)
    }
}

/// A chart's figures as a table, formatted as the chart writes them: what a page shows beside the chart for screen
/// readers and for anyone who wants the numbers, and what a report's annex lists. It holds every category, also those
/// a chart leaves out of the picture.
public struct ChartTable: Sendable, Hashable {
    public let caption: String
    public let header: [String]
    public let rows: [[String]]

    public init(caption: String, header: [String], rows: [[String]]) {
        self.caption = caption
        self.header = header
        self.rows = rows
    }
}

/// What every chart offers: its drawing as SVG, the same in a page and in a report, and its figures as a table.
public protocol Chart: Sendable {
    /// The SVG and its size. `id` names the chart on its page, which must not hold two of the same: the title is
    /// `{id}-title`, the description `{id}-desc`.
    func drawing(id: String, language: UILanguage, sizing: ChartSizing) -> ChartDrawing
    /// The figures formatted as the chart writes them, every category included.
    func table(_ language: UILanguage) -> ChartTable
}

extension Chart {
    public func svg(id: String, language: UILanguage = .vi, sizing: ChartSizing = .fitsWidth) -> String {
        drawing(id: id, language: language, sizing: sizing).svg
    }

    public func size(language: UILanguage = .vi) -> ChartSize {
        drawing(id: "size", language: language, sizing: .natural).size
    }

    public var table: ChartTable { table(.vi) }
}

/// A chart drawn: its SVG and the size of its viewBox.
public struct ChartDrawing: Sendable, Hashable {
    public let svg: String
    public let size: ChartSize
}

/// How an SVG says its size.
public enum ChartSizing: Sendable, Hashable {
    /// `width="100%"` and no height, for a page: the chart takes its box's width, its height follows the viewBox.
    case fitsWidth
    /// `width` and `height` of the viewBox, in pixels, for an SVG file on its own: LibreOffice, for one, draws an SVG
    /// without them squeezed to a default size (in a DOCX, the picture's frame gives the size).
    case natural
}

/// The size of a chart's drawing in SVG user units (its viewBox): what a document needs to place the same SVG at the
/// right aspect ratio.
public struct ChartSize: Sendable, Hashable {
    public let width: Double
    public let height: Double
}
