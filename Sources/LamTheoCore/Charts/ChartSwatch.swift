import Foundation

/// The look of one series or stack part, told apart without colour too (printed in grey, or by a reader who does not
/// see the colours): each has its own fill pattern, line dash and marker shape, and fills of distinct lightness.
struct ChartSwatch {
    enum Pattern { case solid, diagonal, dots, crosshatch, horizontal }
    enum Marker { case circle, square, triangle, diamond }

    /// The fill behind the pattern.
    let colour: String
    /// The pattern's strokes, and the series' line and markers.
    let ink: String
    let pattern: Pattern
    let dash: String?
    let marker: Marker
    /// Its place in `palette`, which names its pattern in the SVG.
    let index: Int

    /// From dark to light, so that neighbouring parts of a stack stay apart in grey. Past the last, they repeat.
    static let palette: [ChartSwatch] = [
        ChartSwatch(colour: "#a4161a", ink: "#a4161a", pattern: .solid, dash: nil, marker: .circle, index: 0),
        ChartSwatch(colour: "#f3bd6e", ink: "#8a4500", pattern: .diagonal, dash: "7 4", marker: .square, index: 1),
        ChartSwatch(colour: "#cfe0ee", ink: "#1f4e79", pattern: .dots, dash: "2 3", marker: .triangle, index: 2),
        ChartSwatch(colour: "#ffffff", ink: "#333333", pattern: .crosshatch, dash: "9 3 2 3", marker: .diamond, index: 3),
        ChartSwatch(colour: "#9cc9ad", ink: "#1d5c3c", pattern: .horizontal, dash: "4 2", marker: .square, index: 4),
    ]

    static func forSeries(_ index: Int) -> ChartSwatch {
        palette[index % palette.count]
    }

    /// The previous period's line: grey, dashed, with hollow markers, beneath the current ones.
    static let comparison = ChartSwatch(colour: "#ffffff", ink: "#6e6e6e", pattern: .solid, dash: "5 4", marker: .circle, index: -1)

    /// A `fill` value: the colour, or the pattern defined by `definition(chartID:)`.
    func fill(chartID: String) -> String {
        pattern == .solid ? colour : "url(#\(chartID)-s\(index))"
    }

    /// The `<pattern>` a patterned fill refers to; ids start with the chart's, so that two charts on a page differ.
    func definition(chartID: String) -> String? {
        let size = 6.0
        let strokes: String
        var rotation: String? = "rotate(45)"
        switch pattern {
        case .solid:
            return nil
        case .diagonal:
            strokes = ChartStyle.rect(x: 0, y: 0, width: 2, height: size, fill: ink)
        case .dots:
            rotation = nil
            strokes = SVGMarkup.element("circle", ["cx": "3", "cy": "3", "r": "1.4", "fill": ink])
        case .crosshatch:
            strokes = ChartStyle.rect(x: 0, y: 0, width: 1.2, height: size, fill: ink) + ChartStyle.rect(x: 0, y: 0, width: size, height: 1.2, fill: ink)
        case .horizontal:
            rotation = nil
            strokes = ChartStyle.rect(x: 0, y: 0, width: size, height: 1.6, fill: ink)
        }
        return SVGMarkup.element("pattern", [
            "id": "\(chartID)-s\(index)", "patternUnits": "userSpaceOnUse",
            "width": SVGMarkup.number(size), "height": SVGMarkup.number(size), "patternTransform": rotation,
        ], ChartStyle.rect(x: 0, y: 0, width: size, height: size, fill: colour) + strokes)
    }

    /// The patterns of these swatches, each once, in palette order.
    static func definitions(_ swatches: [ChartSwatch], chartID: String) -> String {
        Set(swatches.map(\.index)).sorted().compactMap { palette.indices.contains($0) ? palette[$0].definition(chartID: chartID) : nil }.joined()
    }

    /// A filled box for a legend.
    func boxKey(chartID: String) -> (Double, Double) -> String {
        { x, y in ChartStyle.rect(x: x, y: y, width: 16, height: 10, fill: fill(chartID: chartID), stroke: ChartStyle.axis, strokeWidth: 0.5) }
    }

    /// A short stretch of the series' line with its marker, for a legend.
    var lineKey: (Double, Double) -> String {
        { x, y in
            ChartStyle.line(x1: x, y1: y + 5, x2: x + 16, y2: y + 5, stroke: ink, width: 2, dash: dash) + markerMarkup(x: x + 8, y: y + 5)
        }
    }

    /// The marker of a point: filled in the series' ink, hollow for the comparison.
    func markerMarkup(x: Double, y: Double) -> String {
        let fill = index < 0 ? "#ffffff" : ink
        let r = 3.2
        let n = SVGMarkup.number
        switch marker {
        case .circle:
            return SVGMarkup.element("circle", ["cx": n(x), "cy": n(y), "r": n(r), "fill": fill, "stroke": ink, "stroke-width": "1.2"])
        case .square:
            return ChartStyle.rect(x: x - r, y: y - r, width: 2 * r, height: 2 * r, fill: fill, stroke: ink, strokeWidth: 1.2)
        case .triangle:
            return polygon([(x, y - r * 1.2), (x + r * 1.15, y + r * 0.8), (x - r * 1.15, y + r * 0.8)], fill: fill)
        case .diamond:
            return polygon([(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)], fill: fill)
        }
    }

    private func polygon(_ points: [(Double, Double)], fill: String) -> String {
        SVGMarkup.element("polygon", [
            "points": points.map { "\(SVGMarkup.number($0.0)),\(SVGMarkup.number($0.1))" }.joined(separator: " "),
            "fill": fill, "stroke": ink, "stroke-width": "1.2",
        ])
    }
}

/// How a lagging unit's bar is marked besides its colour: white stripes across it and a dark outline (and its label in
/// bold), which the legend explains.
enum ChartLagging {
    static func definition(chartID: String) -> String {
        SVGMarkup.element("pattern", [
            "id": "\(chartID)-lagging", "patternUnits": "userSpaceOnUse", "width": "6", "height": "6", "patternTransform": "rotate(-45)",
        ], ChartStyle.rect(x: 0, y: 0, width: 2.4, height: 6, fill: "#ffffff"))
    }

    static func overlay(chartID: String, x: Double, y: Double, width: Double, height: Double) -> String {
        ChartStyle.rect(x: x, y: y, width: width, height: height, fill: "url(#\(chartID)-lagging)", stroke: ChartStyle.ink, strokeWidth: 1.5)
    }

    static func key(chartID: String, swatch: ChartSwatch) -> (Double, Double) -> String {
        { x, y in
            ChartStyle.rect(x: x, y: y, width: 16, height: 10, fill: swatch.fill(chartID: chartID))
                + overlay(chartID: chartID, x: x, y: y, width: 16, height: 10)
        }
    }
}
