import Foundation

/// A distribution per category: each category's bar is its whole (100%), split into the parts in order (rating grades,
/// from "Hoàn thành xuất sắc" to "Không hoàn thành"), each part with its own pattern, its share written inside when it
/// fits, the total at the bar's end.
public struct StackedBarChart: Chart {
    public let title: String
    public let description: String
    public let categories: [String]
    /// One per part of the stack; `values[i]` is the part's figure for category i.
    public let parts: [ChartSeries]
    public let valueFormat: ChartValueFormat
    /// The table's first column heading.
    public let categoryHeader: String

    public init(title: String, description: String, categories: [String], parts: [ChartSeries], valueFormat: ChartValueFormat = .number,
                categoryHeader: String = "Đơn vị") {
        self.title = title
        self.description = description
        self.categories = categories
        self.parts = parts
        self.valueFormat = valueFormat
        self.categoryHeader = categoryHeader
    }

    /// The parts' figures and their total; a category with no part reported has no total either.
    public func table(_ language: UILanguage) -> ChartTable {
        ChartTable(caption: title, header: [categoryHeader] + parts.map(\.label) + [ChartStyle.total(language)],
                   rows: categories.indices.map { category in
                       [categories[category]] + (parts.map { $0.value(at: category) } + [total(category)]).map { valueFormat.cell($0, language: language) }
                   })
    }

    /// The sum of the parts reported for a category, nil when none is.
    private func total(_ category: Int) -> Double? {
        let reported = parts.compactMap { $0.value(at: category) }
        return reported.isEmpty ? nil : reported.reduce(0) { $0 + max($1, 0) }
    }

    public func drawing(id: String, language: UILanguage, sizing: ChartSizing) -> ChartDrawing {
        let id = ChartStyle.identifier(id)
        guard !categories.isEmpty, !parts.isEmpty else {
            return ChartStyle.emptyDrawing(id: id, title: title, description: description, language: language, sizing: sizing)
        }
        let barHeight = 20.0, rowGap = 10.0
        let size = ChartStyle.smallFontSize
        let rows = CategoryRows(categories: categories, bold: [], rowHeight: barHeight + rowGap)
        let totals = rows.drawn.map(total)
        let totalRoom = (totals.compactMap { $0.map { ChartText.width(valueFormat.text($0, language: language), fontSize: ChartStyle.fontSize) } }.max() ?? 0)
            + 4 + ChartStyle.margin
        let plotWidth = ChartStyle.width - totalRoom - rows.plotLeft
        let swatches = parts.indices.map(ChartSwatch.forSeries)

        var body = ""
        for category in rows.drawn {
            body += rows.label(category)
            let top = rows.barsTop(category, height: barHeight), centre = top + barHeight / 2
            guard let total = totals[category] else {
                body += rows.missing(ChartStyle.notReported(language), centredOn: centre, size: ChartStyle.fontSize)
                continue
            }
            var x = rows.plotLeft
            for (part, swatch) in zip(parts, swatches) {
                guard let value = part.value(at: category), value > 0 else { continue }
                let length = value / total * plotWidth
                body += ChartStyle.rect(x: x, y: top, width: length, height: barHeight, fill: swatch.fill(chartID: id), stroke: "#ffffff",
                                        strokeWidth: 0.8, className: "segment")
                let share = ChartValueFormat.share(value, of: total, language: language)
                if ChartText.width(share, fontSize: size, bold: true) + 6 <= length {
                    body += ChartStyle.text(share, x: x + length / 2, y: ChartStyle.baseline(centredOn: centre, size: size), anchor: "middle",
                                            size: size, bold: true, halo: true)
                }
                x += length
            }
            // The whole, outlined: a category whose parts are all 0 shows an empty frame.
            body += ChartStyle.rect(x: rows.plotLeft, y: top, width: plotWidth, height: barHeight, fill: "none", stroke: ChartStyle.axis,
                                    strokeWidth: 0.8)
            body += ChartStyle.text(valueFormat.text(total, language: language), x: rows.plotLeft + plotWidth + 4,
                                    y: ChartStyle.baseline(centredOn: centre))
        }

        let legend = ChartStyle.legend(zip(parts, swatches).map { ChartLegendEntry(key: $1.boxKey(chartID: id), label: $0.label) },
                                       top: rows.bottom + 4)
        let footnote = rows.footnote(top: rows.bottom + 4 + legend.height, language: language)
        let height = rows.bottom + 4 + legend.height + footnote.height + 4
        return ChartStyle.drawing(id: id, title: title, description: ChartStyle.sentences(description, rows.capNote(language)), height: height,
                                 definitions: ChartSwatch.definitions(swatches, chartID: id), body: body + legend.markup + footnote.markup, sizing: sizing)
    }
}
