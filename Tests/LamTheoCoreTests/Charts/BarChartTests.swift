import Foundation
import LamTheoCore
import Testing

@Suite("Charts: bars comparing units")
struct BarChartTests {
    let units = ["Đảng bộ phường Bến Thành", "Đảng bộ phường Cầu Ông Lãnh", "Chi bộ Khu phố 3", "Đảng bộ phường Đa Kao"]

    func chart(_ values: [Double?], format: ChartValueFormat = .number, highlight: Set<Int> = [], categories: [String]? = nil) -> BarChart {
        BarChart(title: "Đảng viên đã học tập", description: "Số đảng viên có mặt ít nhất một buổi học tập của đợt.",
                 categories: categories ?? units, series: [ChartSeries(label: "Đã học tập", values: values)], valueFormat: format, highlight: highlight)
    }

    @Test("a bar per reported unit with its value at the end; an unreported unit says so instead of a bar")
    func barsAndUnreported() throws {
        let root = try ParsedElement.parse(chart([231_700, nil, 0, 4_360]).svg(id: "c"))
        #expect(root.all(class: "bar").count == 3)
        #expect(root.texts.filter { $0 == "chưa báo cáo" }.count == 1)
        for value in ["231.700", "0", "4.360"] {
            #expect(root.texts.contains(value))
        }
    }

    @Test("bar lengths are proportional; percentages are measured against 100%")
    func lengths() throws {
        let widths = try ParsedElement.parse(chart([50, 100, 25, nil], format: .percent).svg(id: "c")).all(class: "bar")
            .map { Double($0.attributes["width"]!)! }
        #expect(widths.count == 3)
        #expect(abs(widths[0] / widths[1] - 0.5) < 0.01)
        #expect(abs(widths[2] / widths[1] - 0.25) < 0.01)
        // Alone, 50% is still half of the way to the 100% mark, not the longest bar.
        let alone = try ParsedElement.parse(chart([50, nil, nil, nil], format: .percent).svg(id: "c"))
        let bar = try #require(alone.all(class: "bar").first)
        let full = try #require(alone.all("line").first { $0.attributes["stroke-dasharray"] != nil })
        let start = Double(bar.attributes["x"]!)!
        #expect(abs(Double(bar.attributes["width"]!)! / (Double(full.attributes["x1"]!)! - start) - 0.5) < 0.01)
    }

    @Test("a long name is shortened with … and keeps its whole self as the label's tooltip")
    func longNames() throws {
        let long = "Đảng bộ Khối Doanh nghiệp Trung ương tại Thành phố Hồ Chí Minh"
        let root = try ParsedElement.parse(chart([1, 2], categories: [long, "Chi bộ 1"]).svg(id: "c"))
        let label = try #require(root.all("text").first { $0.text.hasSuffix("…") })
        #expect(long.hasPrefix(label.text.dropLast()))
        #expect(label.all("title").first?.text == long)
        #expect(root.texts.contains("Chi bộ 1"))
    }

    @Test("a name too long for one line takes two, broken after the words it shares with its siblings")
    func twoLineNames() throws {
        let root = try ParsedElement.parse(chart([1, 2, 3, 4]).svg(id: "c"))
        let lines = root.all("text").filter { $0.text.hasSuffix("Đa Kao") }.map { $0.all("tspan").map(\.text) }
        #expect(lines == [["Đảng bộ phường", "Đa Kao"]])
        #expect(root.all("text").filter { $0.text.contains("…") }.isEmpty)
    }

    @Test("lagging units: stripes and an outline over the bar, a bold label, a legend entry, named in the description")
    func highlight() throws {
        let root = try ParsedElement.parse(chart([10, 90, nil, 40], format: .percent, highlight: [0, 2]).svg(id: "c"))
        // Over the one lagging bar (the other is not reported) and in the legend's key.
        #expect(root.all("rect").filter { $0.attributes["fill"] == "url(#c-lagging)" }.count == 2)
        let bold = root.all("text").filter { $0.attributes["font-weight"] == "bold" }.map { $0.all("title").first?.text ?? $0.text }
        #expect(bold.contains("Đảng bộ phường Bến Thành"))
        #expect(bold.contains("Chi bộ Khu phố 3"))
        #expect(root.texts.contains("Chậm, cần đôn đốc"))
        let description = try #require(root.all("desc").first?.text)
        #expect(description.contains("Đảng bộ phường Bến Thành; Chi bộ Khu phố 3"))
    }

    @Test("no legend for one series without lagging units; one entry per series otherwise, each with its own fill")
    func legend() throws {
        #expect(try ParsedElement.parse(chart([1, 2, 3, 4]).svg(id: "c")).all(class: "legend").isEmpty)
        let two = BarChart(title: "T", description: "D", categories: units,
                           series: [ChartSeries(label: "Kỳ này", values: [1, 2, 3, 4]), ChartSeries(label: "Kỳ trước", values: [2, 2, 2, nil])])
        let root = try ParsedElement.parse(two.svg(id: "c"))
        #expect(root.all(class: "legend").first?.texts == ["Kỳ này", "Kỳ trước"])
        #expect(Set(root.all(class: "bar").compactMap { $0.attributes["fill"] }).count == 2)
        #expect(root.all(class: "bar").count == 7)
    }

    @Test("the height grows with the rows; past 30 rows the picture stops and says so, the table keeps them all")
    func cap() throws {
        let many = (1...45).map { "Chi bộ \($0)" }
        let values = (1...45).map { Double($0) }
        let capped = chart(values, categories: many)
        let root = try ParsedElement.parse(capped.svg(id: "c"))
        #expect(root.all(class: "bar").count == 30)
        #expect(!root.texts.contains("Chi bộ 31"))
        #expect(root.all("desc").first?.text.contains("30 dòng đầu trong số 45") == true)
        #expect(root.texts.contains { $0.contains("30 dòng đầu trong số 45") })
        #expect(capped.table.rows.count == 45)
        let heights = [5, 10, 30, 45].map { chart(Array(values.prefix($0)), categories: Array(many.prefix($0))).size().height }
        #expect(heights[0] < heights[1] && heights[1] < heights[2])
        #expect(heights[3] > heights[2])  // the same rows, and the note
    }

    @Test("the table is the data: every unit, formatted as drawn, unreported said so")
    func table() {
        let table = chart([231_700, nil, 0, 4_360.5]).table
        #expect(table.caption == "Đảng viên đã học tập")
        #expect(table.header == ["Đơn vị", "Đã học tập"])
        #expect(table.rows == [
            ["Đảng bộ phường Bến Thành", "231.700"], ["Đảng bộ phường Cầu Ông Lãnh", "chưa báo cáo"],
            ["Chi bộ Khu phố 3", "0"], ["Đảng bộ phường Đa Kao", "4.360,5"],
        ])
        #expect(chart([94.5, nil, 100, 0], format: .percent).table(.en).rows.map { $0[1] } == ["94.5%", "not reported", "100%", "0%"])
    }

    @Test("a unit with nothing to count (a whole of 0) says “không có”, not “chưa báo cáo”, in the picture and the table")
    func nothingToCount() throws {
        let chart = BarChart(title: "Nhiệm vụ quá hạn", description: "Nhiệm vụ quá hạn trên nhiệm vụ đang thực hiện.", categories: units,
                             series: [ChartSeries(label: "Quá hạn", values: [50, nil, nil, 0], nothingToCount: [2])], valueFormat: .percent)
        let root = try ParsedElement.parse(chart.svg(id: "c"))
        #expect(root.all(class: "bar").count == 2)
        #expect(root.texts.filter { $0 == "không có" }.count == 1 && root.texts.filter { $0 == "chưa báo cáo" }.count == 1)
        #expect(chart.table.rows.map { $0[1] } == ["50%", "chưa báo cáo", "không có", "0%"])
        #expect(chart.table(.en).rows.map { $0[1] } == ["50%", "not reported", "none", "0%"])
    }

    @Test("missing values past the end of a series are unreported, and values past the categories are ignored")
    func ragged() throws {
        let root = try ParsedElement.parse(chart([5]).svg(id: "c"))
        #expect(root.all(class: "bar").count == 1)
        #expect(root.texts.filter { $0 == "chưa báo cáo" }.count == 3)
        #expect(chart([1, 2, 3, 4, 5, 6]).table.rows.count == 4)
        #expect(try ParsedElement.parse(chart([.nan, .infinity, 1, 2]).svg(id: "c")).texts.filter { $0 == "chưa báo cáo" }.count == 2)
    }
}
