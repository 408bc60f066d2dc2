import Foundation

/// The layout the bar and stacked charts share: one row per category, its label on the left ending where the bars
/// start, in up to two lines of a width that leaves the bars room on a phone and shortened with "…" past them, and at
/// most `ChartStyle.maxDrawnCategories` rows drawn. Two lines keep what tells sibling units apart, which is the end of
/// their names ("Đảng bộ phường / Bến Thành").
struct CategoryRows {
    static let maxLabelWidth = 140.0
    static let top = 6.0

    let categories: [String]
    let bold: Set<Int>
    let rowHeight: Double
    let drawnCount: Int
    /// Where labels end (they are right-aligned) and where the bars begin.
    let labelRight: Double
    let plotLeft: Double

    static let lineHeight = 16.0

    /// Each drawn label's lines.
    private let labelLines: [[String]]

    /// `rowHeight` is what the bars need; rows are taller when a label takes two lines.
    init(categories: [String], bold: Set<Int>, rowHeight: Double) {
        self.categories = categories
        self.bold = bold
        drawnCount = min(categories.count, ChartStyle.maxDrawnCategories)
        let widest = (0..<drawnCount).map { ChartText.width(categories[$0], fontSize: ChartStyle.fontSize, bold: bold.contains($0)) }.max() ?? 0
        let labelWidth = min(widest, Self.maxLabelWidth)
        let words = (0..<drawnCount).map { categories[$0].split(separator: " ") }
        labelLines = (0..<drawnCount).map { index in
            // The longest run of first words this name shares with another, when that is a kind of unit ("Đảng bộ phường").
            let shared = words.indices.filter { $0 != index }.map { other in
                zip(words[index], words[other]).prefix { $0 == $1 }.count
            }.max() ?? 0
            return ChartText.wrapped(categories[index], width: labelWidth, fontSize: ChartStyle.fontSize, bold: bold.contains(index),
                                     preferredBreak: shared >= 2 ? shared : nil)
        }
        self.rowHeight = labelLines.contains { $0.count > 1 } ? max(rowHeight, 2 * Self.lineHeight + 8) : rowHeight
        labelRight = ChartStyle.margin + labelWidth
        plotLeft = labelRight + 6
    }

    var drawn: Range<Int> { 0..<drawnCount }

    var bottom: Double { Self.top + Double(drawnCount) * rowHeight }

    func rowTop(_ index: Int) -> Double {
        Self.top + Double(index) * rowHeight
    }

    /// The top of a row's bars, which take `height` in the middle of the row.
    func barsTop(_ index: Int, height: Double) -> Double {
        rowTop(index) + (rowHeight - height) / 2
    }

    func label(_ index: Int) -> String {
        let lines = labelLines[index]
        let centre = rowTop(index) + rowHeight / 2
        let firstCentre = centre - Double(lines.count - 1) * Self.lineHeight / 2
        return ChartStyle.text(lines: lines, x: labelRight, y: ChartStyle.baseline(centredOn: firstCentre), lineHeight: Self.lineHeight,
                               anchor: "end", bold: bold.contains(index), whole: categories[index])
    }

    /// The line from the top of the first row to the bottom of the last, where bars start.
    var axis: String {
        ChartStyle.line(x1: plotLeft, y1: Self.top, x2: plotLeft, y2: bottom, stroke: ChartStyle.axis)
    }

    /// When rows were left out, the sentence that says so.
    func capNote(_ language: UILanguage) -> String? {
        drawnCount < categories.count ? ChartStyle.capNote(drawn: drawnCount, of: categories.count)(language) : nil
    }

    /// The cap note under the picture, from `top`, and its height.
    func footnote(top: Double, language: UILanguage) -> (markup: String, height: Double) {
        guard let note = capNote(language) else { return ("", 0) }
        let shown = ChartText.fitted(note, width: ChartStyle.width - 2 * ChartStyle.margin, fontSize: ChartStyle.smallFontSize)
        return (ChartStyle.text(shown, x: ChartStyle.margin, y: top + 14, size: ChartStyle.smallFontSize, fill: ChartStyle.muted,
                                italic: true, whole: note), 20)
    }

    /// Why there is no bar ("chưa báo cáo", "không có") where a bar would be, centred on `y`.
    func missing(_ text: String, centredOn y: Double, size: Double) -> String {
        ChartStyle.text(text, x: plotLeft + 4, y: ChartStyle.baseline(centredOn: y, size: size), size: size,
                        fill: ChartStyle.muted, italic: true)
    }
}
