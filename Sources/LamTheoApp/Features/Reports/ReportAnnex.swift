import Foundation
import LamTheoCore
import LamTheoSpreadsheet

/// The report's statistical annex (phụ lục): for each dashboard section a sheet with the child units down the side
/// and every figure across, then their sum, the whole unit's figure and the difference (the unit's own members, or a
/// discrepancy to look into); and a sheet of how each figure is computed.
enum ReportAnnex {
    static func sheets(_ figures: DashboardShow.Model) -> [XLSXWriter.Sheet] {
        figures.sections.map(sheet) + [sources(figures)]
    }

    static func xlsx(_ figures: DashboardShow.Model) throws -> Data {
        try XLSXWriter.write(sheets(figures))
    }

    /// The rows where a figure's children add up to more than the whole unit: a figure counted twice somewhere.
    static func discrepancies(_ figures: DashboardShow.Model) -> [String] {
        figures.sections.flatMap { entry in
            entry.section.figures.compactMap { figure -> String? in
                let sum = entry.children.compactMap { $0.values[figure.key]?.count }.reduce(0, +)
                guard let count = figure.count, sum > count else { return nil }
                return "\(entry.section.title.vi) — \(figure.title.vi): "
                    + "các đơn vị trực thuộc cộng lại \(VietnameseFormat.integer(sum)), toàn đơn vị \(VietnameseFormat.integer(count))"
            }
        }
    }

    private static func sheet(_ entry: DashboardShow.Model.Section) -> XLSXWriter.Sheet {
        let columns = entry.section.figures.flatMap { figure -> [(key: String, total: Bool, title: String)] in
            figure.total == nil ? [(figure.key, false, figure.title.vi)]
                                : [(figure.key, false, figure.title.vi), (figure.key, true, "\(figure.title.vi): tổng số")]
        }
        func cells(_ value: (String, Bool) -> Int?) -> [String] {
            columns.map { column in value(column.key, column.total).map(String.init) ?? "" }
        }
        let children = entry.children.map { child in
            [child.name] + cells { key, total in total ? child.values[key]?.total : child.values[key]?.count }
        }
        let sum = cells { key, total in
            let values = entry.children.compactMap { total ? $0.values[key]?.total : $0.values[key]?.count }
            return values.isEmpty ? nil : values.reduce(0, +)
        }
        let whole = cells { key, total in
            let figure = entry.section.figures.first { $0.key == key }
            return total ? figure?.total : figure?.count
        }
        let difference = zip(whole, sum).map { whole, sum in
            guard let whole = Int(whole) else { return "" }
            return String(whole - (Int(sum) ?? 0))
        }
        return XLSXWriter.Sheet(name: entry.section.title.vi, header: ["Đơn vị"] + columns.map(\.title),
                                rows: children + [["Cộng các đơn vị trực thuộc"] + sum, ["Toàn đơn vị"] + whole,
                                                  ["Chênh lệch (toàn đơn vị trừ cộng các đơn vị)"] + difference])
    }

    private static func sources(_ figures: DashboardShow.Model) -> XLSXWriter.Sheet {
        XLSXWriter.Sheet(name: "Nguồn số liệu", header: ["Mục", "Chỉ tiêu", "Số lượng", "Tổng số", "Cách tính", "Mã"],
                         rows: figures.sections.flatMap { entry in
                             entry.section.figures.map { figure in
                                 [entry.section.title.vi, figure.title.vi, figure.count.map(String.init) ?? "chưa báo cáo",
                                  figure.total.map(String.init) ?? "", figure.explanation?.vi ?? "", figure.key]
                             }
                         })
    }
}
