import Foundation

/// Horizontal bars comparing categories (a unit's child units), one bar per series in each row, the value written at
/// the bar's end. A category whose value is not reported says "chưa báo cáo" where its bar would be ("không có" where
/// there is nothing to count); `highlight` marks lagging categories with stripes, an outline and a bold label. Rows come
/// in the order given (lagging units first).
public struct BarChart: Chart {
    public let title: String
    public let description: String
    public let categories: [String]
    public let series: [ChartSeries]
    public let valueFormat: ChartValueFormat
    public let highlight: Set<Int>
    /// The table's first column heading.
    public let categoryHeader: String

    public init(title: String, description: String, categories: [String], series: [ChartSeries], valueFormat: ChartValueFormat = .number,
                highlight: Set<Int> = [], categoryHeader: String = "Đơn vị") {
        self.title = title
        self.description = description
        self.categories = categories
        self.series = series
        self.valueFormat = valueFormat
        self.highlight = highlight
        self.categoryHeader = categoryHeader
    }

    public func table(_ language: UILanguage) -> ChartTable {
        ChartTable(caption: title, header: [categoryHeader] + series.map(\.label), rows: categories.indices.map { category in
            [categories[category]] + series.map { $0.cell(at: category, format: valueFormat, language: language) }
        })
    }

    public func drawing(id: String, language: UILanguage, sizing: ChartSizing) -> ChartDrawing {
        let id = ChartStyle.identifier(id)
        guard !categories.isEmpty, !series.isEmpty else {
            return ChartStyle.emptyDrawing(id: id, title: title, description: description, language: language, sizing: sizing)
        }
        let single = series.count == 1
        let barHeight = single ? 18.0 : 12.0, barGap = 2.0, rowGap = 10.0
        let valueSize = single ? ChartStyle.fontSize : ChartStyle.smallFontSize
        let barsHeight = Double(series.count) * (barHeight + barGap) - barGap
        let rows = CategoryRows(categories: categories, bold: highlight, rowHeight: barsHeight + rowGap)
        let values = rows.drawn.flatMap { category in series.compactMap { $0.value(at: category) } }

        // Room on the right for the widest value written at a bar's end; the bars scale to the rest.
        let valueRoom = (values.map { ChartText.width(valueFormat.text($0, language: language), fontSize: valueSize) }.max() ?? 0) + 4 + ChartStyle.margin
        let plotWidth = ChartStyle.width - valueRoom - rows.plotLeft
        let largest = max(values.max() ?? 0, valueFormat == .percent ? 100 : 0)
        let scale = largest > 0 ? plotWidth / largest : 0

        var body = ""
        if valueFormat == .percent {
            // Where 100% is, so that a short bar reads as short of the whole.
            let full = rows.plotLeft + 100 * scale
            body += ChartStyle.line(x1: full, y1: CategoryRows.top, x2: full, y2: rows.bottom, stroke: ChartStyle.grid, dash: "3 3")
        }
        for category in rows.drawn {
            body += rows.label(category)
            let lagging = highlight.contains(category)
            for (index, series) in series.enumerated() {
                let top = rows.barsTop(category, height: barsHeight) + Double(index) * (barHeight + barGap)
                let centre = top + barHeight / 2
                guard let value = series.value(at: category) else {
                    body += rows.missing(series.missing(at: category)(language), centredOn: centre, size: valueSize)
                    continue
                }
                let length = value > 0 ? max(value * scale, 1) : 0
                body += ChartStyle.rect(x: rows.plotLeft, y: top, width: length, height: barHeight,
                                        fill: ChartSwatch.forSeries(index).fill(chartID: id), className: "bar")
                if lagging && length > 0 {
                    body += ChartLagging.overlay(chartID: id, x: rows.plotLeft, y: top, width: length, height: barHeight)
                }
                body += ChartStyle.text(valueFormat.text(value, language: language), x: rows.plotLeft + length + 4,
                                        y: ChartStyle.baseline(centredOn: centre, size: valueSize), size: valueSize, bold: lagging)
            }
        }
        body += rows.axis

        let swatches = series.indices.map(ChartSwatch.forSeries)
        let drawnLagging = rows.drawn.filter(highlight.contains)
        var entries = single ? [] : zip(series, swatches).map { ChartLegendEntry(key: $1.boxKey(chartID: id), label: $0.label) }
        if !drawnLagging.isEmpty {
            entries.append(ChartLegendEntry(key: ChartLagging.key(chartID: id, swatch: swatches[0]), label: ChartStyle.laggingKey(language)))
        }
        let legend = ChartStyle.legend(entries, top: rows.bottom + 4)
        let footnote = rows.footnote(top: rows.bottom + 4 + legend.height, language: language)
        let height = rows.bottom + 4 + legend.height + footnote.height + 4

        let lagging = highlight.sorted().filter(categories.indices.contains).map { categories[$0] }
        let laggingSentence = lagging.isEmpty ? nil : ChartStyle.laggingSentence(lagging)(language)
        let definitions = ChartSwatch.definitions(swatches, chartID: id) + (drawnLagging.isEmpty ? "" : ChartLagging.definition(chartID: id))
        return ChartStyle.drawing(id: id, title: title, description: ChartStyle.sentences(description, laggingSentence, rows.capNote(language)),
                                 height: height, definitions: definitions, body: body + legend.markup + footnote.markup, sizing: sizing)
    }
}
