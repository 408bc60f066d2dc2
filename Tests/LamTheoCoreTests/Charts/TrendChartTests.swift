import Foundation
import LamTheoCore
import Testing

@Suite("Charts: trend over the period")
struct TrendChartTests {
    func days(_ count: Int) -> [String] {
        (0..<count).map { "\(1 + $0 % 30)/\(11 + $0 / 30)" }
    }

    /// The series' line: its path's moves and points.
    func lines(_ root: ParsedElement) -> [(moves: Int, points: Int, element: ParsedElement)] {
        root.all(class: "line").map { path in
            let d = path.attributes["d"] ?? ""
            return (d.filter { $0 == "M" }.count, d.filter { $0 == "M" || $0 == "L" }.count, path)
        }
    }

    @Test("a day without a figure is a gap, never a fall to 0; a lone point still shows")
    func gaps() throws {
        let chart = TrendChart(title: "T", description: "D", days: days(6), series: [ChartSeries(label: "Tỷ lệ", values: [10, nil, 30, 40, nil, 60])])
        let root = try ParsedElement.parse(chart.svg(id: "c"))
        let line = try #require(lines(root).first)
        #expect(line.moves == 3)
        #expect(line.points == 4)
        // A marker on each of the four points, the lone ones included.
        #expect(root.all("circle").count == 4)
    }

    @Test("past a month of days, markers only where a point has no neighbour")
    func markersOnLongPeriods() throws {
        var values: [Double?] = (0..<90).map { Double($0) / 2 }
        values[10] = nil
        values[12] = nil  // day 11 stands alone
        let root = try ParsedElement.parse(TrendChart(title: "T", description: "D", days: days(90), series: [ChartSeries(label: "x", values: values)])
            .svg(id: "c"))
        #expect(root.all("circle").count == 1)
    }

    @Test("the comparison is dashed and grey beneath the current line, and the legend names both")
    func comparison() throws {
        let chart = TrendChart(title: "T", description: "D", days: days(3), series: [ChartSeries(label: "Năm nay", values: [50, 60, 70])],
                               comparison: ChartSeries(label: "Cùng kỳ năm trước", values: [40, nil, 65]))
        let root = try ParsedElement.parse(chart.svg(id: "c"))
        let drawn = lines(root).map(\.element)
        #expect(drawn.count == 2)
        #expect(drawn[0].attributes["stroke-dasharray"] != nil)
        #expect(drawn[1].attributes["stroke-dasharray"] == nil)
        #expect(drawn[0].attributes["stroke"] != drawn[1].attributes["stroke"])
        #expect(root.all(class: "legend").first?.texts == ["Cùng kỳ năm trước", "Năm nay"])
    }

    @Test("percentages on a 0–100% axis; counts on round vi-VN ticks above the largest")
    func axis() throws {
        let percent = try ParsedElement.parse(TrendChart(title: "T", description: "D", days: days(2), series: [ChartSeries(label: "x", values: [20, 94.5])])
            .svg(id: "c"))
        #expect(percent.texts.starts(with: ["0%", "25%", "50%", "75%", "100%"]))
        let counts = try ParsedElement.parse(TrendChart(title: "T", description: "D", days: days(2), series: [ChartSeries(label: "x", values: [12_000, 245_200])],
                                                        valueFormat: .number).svg(id: "c"))
        #expect(counts.texts.starts(with: ["0", "100.000", "200.000", "300.000"]))
    }

    @Test("labels enough days to read, the last one always, without overlap")
    func dayLabels() throws {
        let labels = days(90)
        let root = try ParsedElement.parse(TrendChart(title: "T", description: "D", days: labels,
                                                      series: [ChartSeries(label: "x", values: labels.map { _ in 50 })]).svg(id: "c"))
        let drawn = root.all("text").filter { labels.contains($0.text) }
        #expect(drawn.contains { $0.text == labels.last })
        #expect((4...12).contains(drawn.count))
        let positions = drawn.map { Double($0.attributes["x"]!)! }.sorted()
        for (left, right) in zip(positions, positions.dropFirst()) {
            #expect(right - left >= 30)
        }
    }

    @Test("a single day is a point in the middle")
    func singleDay() throws {
        let root = try ParsedElement.parse(TrendChart(title: "T", description: "D", days: ["25/11"], series: [ChartSeries(label: "x", values: [94.5])])
            .svg(id: "c"))
        #expect(root.all("circle").count == 1)
        #expect(root.texts.contains("25/11"))
    }

    @Test("the table is the data: a row per day, a column per series and the comparison")
    func table() {
        let chart = TrendChart(title: "Tỷ lệ học tập", description: "D", days: ["24/11", "25/11"],
                               series: [ChartSeries(label: "Năm nay", values: [93.2, nil])], comparison: ChartSeries(label: "Năm trước", values: [90, 91.25]))
        #expect(chart.table == ChartTable(caption: "Tỷ lệ học tập", header: ["Ngày", "Năm trước", "Năm nay"],
                                          rows: [["24/11", "90%", "93,2%"], ["25/11", "91,3%", "chưa báo cáo"]]))
    }
}
