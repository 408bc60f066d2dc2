import Foundation

/// The layout the bar and stacked charts share: one row per category, its label on the left ending where the bars
/// start, shortened with "…" past a width that leaves the bars room on a phone, and at most
/// `ChartStyle.maxDrawnCategories` rows drawn.
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

    init(categories: [String], bold: Set<Int>, rowHeight: Double) {
        self.categories = categories
        self.bold = bold
        self.rowHeight = rowHeight
        drawnCount = min(categories.count, ChartStyle.maxDrawnCategories)
        let widest = (0..<drawnCount).map { ChartText.width(categories[$0], fontSize: ChartStyle.fontSize, bold: bold.contains($0)) }.max() ?? 0
        labelRight = ChartStyle.margin + min(widest, Self.maxLabelWidth)
        plotLeft = labelRight + 6
    }

    var drawn: Range<Int> { 0..<drawnCount }

    var bottom: Double { Self.top + Double(drawnCount) * rowHeight }

    func rowTop(_ index: Int) -> Double {
        Self.top + Double(index) * rowHeight
    }

    func label(_ index: Int) -> String {
        let whole = categories[index]
        let isBold = bold.contains(index)
        let shown = ChartText.fitted(whole, width: labelRight - ChartStyle.margin, fontSize: ChartStyle.fontSize, bold: isBold)
        return ChartStyle.text(shown, x: labelRight, y: ChartStyle.baseline(centredOn: rowTop(index) + rowHeight / 2), anchor: "end",
                               bold: isBold, whole: whole)
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

    /// "chưa báo cáo" where a bar would be, centred on `y`.
    func notReported(centredOn y: Double, size: Double, language: UILanguage) -> String {
        ChartStyle.text(ChartStyle.notReported(language), x: plotLeft + 4, y: ChartStyle.baseline(centredOn: y, size: size), size: size,
                        fill: ChartStyle.muted, italic: true)
    }
}
