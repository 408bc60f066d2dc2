import Foundation

/// A line per series over the days of a period (the stored daily snapshots), the same days in the previous period
/// dashed beneath. Days without a figure leave a gap: the line is never drawn down to 0.
public struct TrendChart: Chart {
    public let title: String
    public let description: String
    /// The x axis's labels, one per day, e.g. "25/11".
    public let days: [String]
    public let series: [ChartSeries]
    public let valueFormat: ChartValueFormat
    /// The previous period on the same days, drawn dashed and grey.
    public let comparison: ChartSeries?

    public init(title: String, description: String, days: [String], series: [ChartSeries], valueFormat: ChartValueFormat = .percent,
                comparison: ChartSeries? = nil) {
        self.title = title
        self.description = description
        self.days = days
        self.series = series
        self.valueFormat = valueFormat
        self.comparison = comparison
    }

    public func table(_ language: UILanguage) -> ChartTable {
        let columns = lines.map(\.series)
        return ChartTable(caption: title, header: [ChartStyle.day(language)] + columns.map(\.label), rows: days.indices.map { day in
            [days[day]] + columns.map { valueFormat.cell($0.value(at: day), language: language) }
        })
    }

    /// The series with their looks, the comparison first so that it lies beneath.
    private var lines: [(series: ChartSeries, swatch: ChartSwatch)] {
        (comparison.map { [($0, ChartSwatch.comparison)] } ?? []) + series.enumerated().map { ($1, ChartSwatch.forSeries($0)) }
    }

    public func drawing(id: String, language: UILanguage, sizing: ChartSizing) -> ChartDrawing {
        let id = ChartStyle.identifier(id)
        let lines = self.lines
        let values = lines.flatMap { line in days.indices.compactMap { line.series.value(at: $0) } }
        guard !days.isEmpty, !values.isEmpty else {
            return ChartStyle.emptyDrawing(id: id, title: title, description: description, language: language, sizing: sizing)
        }
        let size = ChartStyle.smallFontSize
        let axis = ChartAxis(values: values, format: valueFormat)
        let plotLeft = ChartStyle.margin + (axis.ticks.map { ChartText.width(valueFormat.text($0, language: language), fontSize: size) }.max() ?? 0) + 6
        // The last day's label is centred on the last point: leave room for its right half.
        let plotRight = ChartStyle.width - ChartStyle.margin - max(ChartText.width(days[days.count - 1], fontSize: size) / 2, 4)
        let plotTop = 10.0, plotBottom = 180.0
        let spacing = days.count > 1 ? (plotRight - plotLeft) / Double(days.count - 1) : 0
        func x(_ day: Int) -> Double { days.count > 1 ? plotLeft + Double(day) * spacing : (plotLeft + plotRight) / 2 }
        func y(_ value: Double) -> Double { plotBottom - (value - axis.lower) / (axis.upper - axis.lower) * (plotBottom - plotTop) }

        var body = ""
        for tick in axis.ticks {
            body += ChartStyle.line(x1: plotLeft, y1: y(tick), x2: plotRight, y2: y(tick), stroke: tick == 0 ? ChartStyle.axis : ChartStyle.grid)
            body += ChartStyle.text(valueFormat.text(tick, language: language), x: plotLeft - 6, y: ChartStyle.baseline(centredOn: y(tick), size: size),
                                    anchor: "end", size: size, fill: ChartStyle.muted)
        }
        // Every step-th day is labelled, counted back from the last so that the latest is always named.
        let widestDay = days.map { ChartText.width($0, fontSize: size) }.max() ?? 0
        let step = spacing > 0 ? max(1, Int(((widestDay + 14) / spacing).rounded(.up))) : 1
        for day in stride(from: days.count - 1, through: 0, by: -step) {
            body += ChartStyle.line(x1: x(day), y1: plotBottom, x2: x(day), y2: plotBottom + 4, stroke: ChartStyle.axis)
            body += ChartStyle.text(days[day], x: x(day), y: plotBottom + 17, anchor: "middle", size: size, fill: ChartStyle.muted)
        }
        for line in lines {
            body += path(line.series, swatch: line.swatch, x: x, y: y)
        }

        let legend = ChartStyle.legend(lines.count > 1 ? lines.map { ChartLegendEntry(key: $0.swatch.lineKey, label: $0.series.label) } : [],
                                       top: plotBottom + 24)
        let height = plotBottom + 24 + legend.height + 4
        return ChartStyle.drawing(id: id, title: title, description: description, height: height, definitions: "", body: body + legend.markup, sizing: sizing)
    }

    /// A series' line, broken where a day has no figure, and its markers: on every point when the days are few
    /// enough to tell apart, otherwise only on a point with no neighbour (which no line would show).
    private func path(_ series: ChartSeries, swatch: ChartSwatch, x: (Int) -> Double, y: (Double) -> Double) -> String {
        var commands: [String] = [], markers = ""
        for day in days.indices {
            guard let value = series.value(at: day) else { continue }
            let point = "\(SVGMarkup.number(x(day))) \(SVGMarkup.number(y(value)))"
            let joined = day > 0 && series.value(at: day - 1) != nil
            commands.append((joined ? "L" : "M") + point)
            if days.count <= 31 || (!joined && series.value(at: day + 1) == nil) {
                markers += swatch.markerMarkup(x: x(day), y: y(value))
            }
        }
        guard !commands.isEmpty else { return "" }
        let line = SVGMarkup.element("path", [
            "class": "line", "d": commands.joined(separator: " "), "fill": "none", "stroke": swatch.ink, "stroke-width": "2.2",
            "stroke-dasharray": swatch.dash, "stroke-linejoin": "round",
        ])
        return SVGMarkup.element("g", [:], line + markers)
    }
}

/// A value axis: from 0 (or below, for negative values) to a round number above the largest value, with four or five
/// ticks at round steps; 0–100 in steps of 25 for percentages.
struct ChartAxis {
    let lower: Double
    let upper: Double
    let ticks: [Double]

    init(values: [Double], format: ChartValueFormat) {
        let high = max(values.max() ?? 0, format == .percent ? 100 : 0)
        let low = min(values.min() ?? 0, 0)
        var step = Self.roundStep(above: (high - low) / 4)
        if format == .percent && high <= 100 && low >= 0 {
            step = 25
        } else if values.allSatisfy({ $0 == $0.rounded() }) {
            step = max(step, 1)
        }
        let lower = (low / step).rounded(.down) * step
        let upper = max((high / step).rounded(.up) * step, lower + step)
        let count = Int(((upper - lower) / step).rounded())
        self.lower = lower
        self.upper = upper
        ticks = (0...count).map { lower + Double($0) * step }
    }

    /// The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least `rough`.
    static func roundStep(above rough: Double) -> Double {
        guard rough > 0 else { return 1 }
        let power = pow(10, (log10(rough)).rounded(.down))
        return [1, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
    }
}
