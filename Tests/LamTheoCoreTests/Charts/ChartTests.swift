import Foundation
import LamTheoCore
import Testing

/// What every kind of chart promises: well-formed, accessible, escaped, deterministic, vi-VN numbers.
@Suite("Charts: what every chart promises")
struct ChartTests {
    /// One chart of each kind, and each kind with nothing to draw.
    enum Sample: String, CaseIterable, CustomTestStringConvertible {
        case bar, trend, stacked, emptyBar, emptyTrend, emptyStacked

        var testDescription: String { rawValue }

        func svg(id: String, title: String = "Tỷ lệ học tập", names: [String] = ["Phường Bến Thành", "Phường Cầu Ông Lãnh"]) -> String {
            let values = ChartSeries(label: "Đợt 1", values: [94.5, nil])
            switch self {
            case .bar:
                return BarChart(title: title, description: "Mô tả", categories: names, series: [values], valueFormat: .percent, highlight: [1])
                    .svg(id: id)
            case .trend:
                return TrendChart(title: title, description: "Mô tả", days: names, series: [values], comparison: values).svg(id: id)
            case .stacked:
                return StackedBarChart(title: title, description: "Mô tả", categories: names,
                                       parts: [ChartSeries(label: "Tốt", values: [3, 1]), ChartSeries(label: "Khá", values: [1, 2])]).svg(id: id)
            case .emptyBar:
                return BarChart(title: title, description: "Mô tả", categories: [], series: []).svg(id: id)
            case .emptyTrend:
                return TrendChart(title: title, description: "Mô tả", days: names, series: [ChartSeries(label: "x", values: [nil, nil])]).svg(id: id)
            case .emptyStacked:
                return StackedBarChart(title: title, description: "Mô tả", categories: names, parts: []).svg(id: id)
            }
        }
    }

    @Test("parses as XML: an image named by its title and description, sized by its viewBox alone", arguments: Sample.allCases)
    func accessibleImage(sample: Sample) throws {
        let root = try ParsedElement.parse(sample.svg(id: "coverage"))
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "coverage-title coverage-desc")
        #expect(root.children.first?.name == "title")
        #expect(root.all("title").first { $0.attributes["id"] == "coverage-title" }?.text == "Tỷ lệ học tập")
        #expect(root.all("desc").first { $0.attributes["id"] == "coverage-desc" }?.text.hasPrefix("Mô tả") == true)
        // No fixed size: the page gives the width, the viewBox the proportions.
        #expect(root.attributes["width"] == "100%")
        #expect(root.attributes["height"] == nil)
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 360 ") == true)
    }

    @Test("nothing to draw says so", arguments: [Sample.emptyBar, .emptyTrend, .emptyStacked])
    func empty(sample: Sample) throws {
        let root = try ParsedElement.parse(sample.svg(id: "c"))
        #expect(root.texts == ["Chưa có số liệu"])
        #expect(root.all("desc").first?.text == "Mô tả Chưa có số liệu.")
    }

    @Test("every text is escaped: hostile names, titles and ids stay text", arguments: Sample.allCases)
    func escaping(sample: Sample) throws {
        let hostile = ["<script>alert(1)</script>", "Tom & Jerry \"A\" 'B' </text>"]
        let id = "x\" onload=\"alert(1)"
        let markup = sample.svg(id: id, title: "<b>Tiêu đề</b> & co", names: hostile)
        #expect(!markup.contains("<script"))
        #expect(!markup.contains("<b>"))
        let root = try ParsedElement.parse(markup)
        #expect(root.attributes["onload"] == nil)
        // The id keeps to letters, digits and "-", so that aria-labelledby and url(#…) still find what it names.
        #expect(root.attributes["aria-labelledby"] == "x--onload--alert-1--title x--onload--alert-1--desc")
        #expect(root.all("title").first { $0.attributes["id"] == "x--onload--alert-1--title" }?.text == "<b>Tiêu đề</b> & co")
        if ![.emptyBar, .emptyTrend, .emptyStacked].contains(sample) {
            // Whole on the chart or, when shortened, in the label's tooltip.
            let written = Set(root.all.map(\.text))
            for name in hostile {
                #expect(written.contains(name))
            }
        }
    }

    @Test("control characters that XML forbids are left out, so that the chart still parses")
    func controlCharacters() throws {
        let markup = BarChart(title: "T\u{1}", description: "D\u{0}", categories: ["Chi bộ\u{8} 1"], series: [ChartSeries(label: "x", values: [1])])
            .svg(id: "c")
        let root = try ParsedElement.parse(markup)
        #expect(root.texts.contains("Chi bộ 1"))
    }

    @Test("the same input gives the same bytes", arguments: Sample.allCases)
    func deterministic(sample: Sample) {
        #expect(sample.svg(id: "c") == sample.svg(id: "c"))
    }

    @Test("every id inside a chart starts with the chart's, so that two charts on a page do not share patterns", arguments: Sample.allCases)
    func idsArePrefixed(sample: Sample) throws {
        let root = try ParsedElement.parse(sample.svg(id: "first"))
        for element in root.all {
            if let id = element.attributes["id"] {
                #expect(id.hasPrefix("first-"))
            }
            if let fill = element.attributes["fill"], fill.hasPrefix("url(") {
                #expect(fill.hasPrefix("url(#first-"))
            }
        }
    }

    @Test("a chart's size is its viewBox's; for a document, the SVG says it in width and height")
    func size() throws {
        let chart = BarChart(title: "T", description: "D", categories: ["A", "B", "C"], series: [ChartSeries(label: "x", values: [1, 2, 3])])
        let size = chart.size()
        #expect(size.width == 360)
        let drawing = chart.drawing(id: "c", language: .vi, sizing: .natural)
        #expect(drawing.size == size)
        let root = try ParsedElement.parse(drawing.svg)
        #expect(root.attributes["viewBox"] == "0 0 360 \(Int(size.height))")
        #expect(root.attributes["width"] == "360")
        #expect(root.attributes["height"] == "\(Int(size.height))")
        // Only the size differs.
        #expect(chart.svg(id: "c", sizing: .natural).replacingOccurrences(of: " width=\"360\" height=\"\(Int(size.height))\"", with: " width=\"100%\"")
                == chart.svg(id: "c"))
    }

    @Test("values are written the vi-VN way, or in English on English pages", arguments: [
        (ChartValueFormat.number, 231_700.0, UILanguage.vi, "231.700"),
        (.number, 245_200, .en, "245,200"),
        (.number, 12.25, .vi, "12,3"),
        (.number, 0, .vi, "0"),
        (.number, -1_234, .vi, "-1.234"),
        (.percent, 94.5, .vi, "94,5%"),
        (.percent, 94.5, .en, "94.5%"),
        (.percent, 100, .vi, "100%"),
        (.percent, 0, .vi, "0%"),
        (.percent, 99.96, .vi, "100,0%"),
    ] as [(ChartValueFormat, Double, UILanguage, String)])
    func formatting(format: ChartValueFormat, value: Double, language: UILanguage, expected: String) {
        #expect(format.text(value, language: language) == expected)
    }
}
