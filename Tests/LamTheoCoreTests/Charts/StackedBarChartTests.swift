import Foundation
import LamTheoCore
import Testing

@Suite("Charts: stacked distribution")
struct StackedBarChartTests {
    let grades = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"]

    func chart(_ rows: [[Double?]]) -> StackedBarChart {
        StackedBarChart(title: "Xếp loại đảng viên", description: "D", categories: rows.indices.map { "Chi bộ \($0 + 1)" },
                        parts: grades.indices.map { grade in ChartSeries(label: grades[grade], values: rows.map { $0[grade] }) })
    }

    @Test("each unit's bar is its whole, split by share, the shares that fit written inside, the total at the end")
    func shares() throws {
        let root = try ParsedElement.parse(chart([[6, 12, 20, 2], [0, 0, 0, 0], [nil, nil, nil, nil]]).svg(id: "c"))
        let segments = root.all(class: "segment")
        #expect(segments.count == 4)
        let widths = segments.map { Double($0.attributes["width"]!)! }
        #expect(abs(widths[2] / widths.reduce(0, +) - 0.5) < 0.01)
        #expect(root.texts.contains("50%"))
        #expect(root.texts.contains("30%"))
        #expect(!root.texts.contains("5%"))  // 2 of 40 is too thin to write in
        // Each share twice: a white outline beneath, the letters above.
        #expect(root.all(class: "halo").map(\.text) == ["15%", "30%", "50%"])
        #expect(root.texts.contains("40"))
        // Reported as nothing is a 0 total; not reported at all says so.
        #expect(root.texts.contains("0"))
        #expect(root.texts.filter { $0 == "chưa báo cáo" }.count == 1)
    }

    @Test("each part its own fill pattern, defined once, and a legend entry")
    func parts() throws {
        let root = try ParsedElement.parse(chart([[6, 12, 20, 2], [1, 1, 1, 1]]).svg(id: "c"))
        let fills = root.all(class: "segment").prefix(4).compactMap { $0.attributes["fill"] }
        #expect(Set(fills).count == 4)
        #expect(root.all("pattern").count == 3)  // the first part is solid
        #expect(root.all(class: "legend").first?.texts == grades)
    }

    @Test("the table is the data, with each unit's total")
    func table() {
        let table = chart([[6, 12, 20, 2], [nil, 3, nil, nil], [nil, nil, nil, nil]]).table
        #expect(table.header == ["Đơn vị"] + grades + ["Tổng số"])
        #expect(table.rows == [
            ["Chi bộ 1", "6", "12", "20", "2", "40"],
            ["Chi bộ 2", "chưa báo cáo", "3", "chưa báo cáo", "chưa báo cáo", "3"],
            ["Chi bộ 3", "chưa báo cáo", "chưa báo cáo", "chưa báo cáo", "chưa báo cáo", "chưa báo cáo"],
        ])
    }
}
