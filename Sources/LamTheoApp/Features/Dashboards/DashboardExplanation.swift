import LamTheoCore

extension DashboardFigure {
    /// "1.234 = …; 2.000 = …": each number of a figure out of a whole named as it was counted, or that no unit
    /// has reported it yet.
    static func explanation(_ figure: CoverageFigure, counted: LocalizedText, whole: LocalizedText) -> LocalizedText {
        guard let count = figure.count else {
            return LocalizedText(vi: "Chưa đơn vị nào báo cáo số liệu này.", en: "No unit has reported this yet.")
        }
        return LocalizedText(vi: "\(NumberFormat.vi.integer(count)) = \(counted.vi); \(NumberFormat.vi.integer(figure.total)) = \(whole.vi)",
                             en: "\(NumberFormat.en.integer(count)) = \(counted.en); \(NumberFormat.en.integer(figure.total)) = \(whole.en)")
    }

    /// "12 = …" for a count alone.
    static func explanation(_ count: Int, counted: LocalizedText) -> LocalizedText {
        LocalizedText(vi: "\(NumberFormat.vi.integer(count)) = \(counted.vi)", en: "\(NumberFormat.en.integer(count)) = \(counted.en)")
    }
}
