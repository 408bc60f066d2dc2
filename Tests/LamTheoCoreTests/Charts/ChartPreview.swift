import Foundation
import LamTheoCore
import Testing

/// Not a check: a page of sample charts for a person to look at, written when LAMTHEO_CHART_PREVIEW names a folder.
/// Take screenshots at a phone's width and a desktop's:
/// `chromium --headless --window-size=360,2400 --screenshot=phone.png "$LAMTHEO_CHART_PREVIEW/charts.html"`.
@Suite("Charts: preview page")
struct ChartPreview {
    static let folder = ProcessInfo.processInfo.environment["LAMTHEO_CHART_PREVIEW"]

    @Test(.enabled(if: folder != nil)) func write() throws {
        let wards = ["Đảng bộ phường Bến Thành", "Đảng bộ phường Cầu Ông Lãnh", "Đảng bộ phường Đa Kao", "Đảng bộ phường Tân Định",
                     "Đảng bộ Khối Doanh nghiệp Trung ương tại Thành phố Hồ Chí Minh", "Chi bộ Khu phố 3", "Đảng bộ phường Nguyễn Thái Bình",
                     "Đảng bộ phường Phạm Ngũ Lão", "Đảng bộ phường Cô Giang", "Đảng bộ phường Nguyễn Cư Trinh"]
        let coverage: [Double?] = [61.2, 72.5, nil, 88, 94.5, 100, 97.3, 99.1, 100, 45]
        let bars = BarChart(title: "Tỷ lệ đảng viên đã học tập", description: "Tỷ lệ đảng viên có mặt ít nhất một buổi học tập, theo đơn vị trực thuộc.",
                            categories: wards, series: [ChartSeries(label: "Tỷ lệ", values: coverage)], valueFormat: .percent, highlight: [0, 1, 9])
        let counts = BarChart(title: "Đảng viên đã học tập", description: "Số đảng viên, kỳ này và kỳ trước.", categories: Array(wards.prefix(5)),
                              series: [ChartSeries(label: "Kỳ này", values: [231_700, 4_360, nil, 12_045, 3_340]),
                                       ChartSeries(label: "Cùng kỳ năm trước", values: [220_100, 4_100, 2_000, nil, 3_000])])
        let days = (0..<60).map { "\(1 + $0 % 30)/\(10 + $0 / 30)" }
        let trend = TrendChart(title: "Tiến độ học tập", description: "Tỷ lệ đảng viên đã học tập theo ngày.", days: days,
                               series: [ChartSeries(label: "Năm 2026", values: days.indices.map { $0 == 20 || $0 == 21 ? nil : min(100, Double($0) * 1.7) })],
                               comparison: ChartSeries(label: "Cùng kỳ năm 2025", values: days.indices.map { Double($0) * 1.4 }))
        let grades = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"]
        let rows: [[Double?]] = [[6, 30, 12, 2], [3, 20, 20, 1], [nil, nil, nil, nil], [10, 40, 5, 0], [1, 2, 3, 4], [12, 180, 40, 3]]
        let ratings = StackedBarChart(title: "Xếp loại đảng viên năm 2025", description: "Số đảng viên theo mức xếp loại.",
                                      categories: Array(wards.prefix(6)), parts: grades.indices.map { grade in
                                          ChartSeries(label: grades[grade], values: rows.map { $0[grade] }) })
        let many = BarChart(title: "Đảng viên đã học tập (45 chi bộ)", description: "Nhiều đơn vị.", categories: (1...45).map { "Chi bộ khu phố \($0)" },
                            series: [ChartSeries(label: "Đã học tập", values: (1...45).map { Double($0 * 37 % 101) })])
        let empty = BarChart(title: "Chưa có", description: "Không có đơn vị.", categories: [], series: [])
        let charts = [bars.svg(id: "bars"), counts.svg(id: "counts"), trend.svg(id: "trend"), ratings.svg(id: "ratings"), many.svg(id: "many"),
                      empty.svg(id: "empty")]
        let page = """
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body { font-family: system-ui, sans-serif; margin: 0; background: #fbf8f3; } main { padding: .5rem 1rem; max-width: 70rem; margin: 0 auto; }
            .figure { background: #fff; border: 1px solid #d9d4cc; border-radius: 6px; padding: .5rem .75rem; margin: 0 0 1rem; }
            svg.chart { display: block; width: 100%; height: auto; max-width: 40rem; }</style></head><body><main>
            \(charts.map { "<div class=\"figure\">\($0)</div>" }.joined(separator: "\n"))
            </main></body></html>
            """
        try page.write(toFile: "\(Self.folder!)/charts.html", atomically: true, encoding: .utf8)
    }
}
