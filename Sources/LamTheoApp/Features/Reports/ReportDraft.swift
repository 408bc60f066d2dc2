import Foundation
import LamTheoCore
import LamTheoDocx

/// A report laid out from its figures and narratives: sections of paragraphs, tables and charts in the usual order.
/// The preview draws it as HTML and the DOCX as a `PartyDocument`, so both show the same words, figures and charts.
struct ReportOutline: Sendable {
    enum Item: Sendable {
        case paragraph(String)
        case table(PartyDocument.Table)
        /// Drawn as SVG on the page and in the document alike; `id` is unique within the report.
        case chart(any Chart, id: String)
    }

    struct Section: Sendable {
        let heading: String
        let items: [Item]
    }

    let sections: [Section]
}

/// The text a report starts with and the layout it is rendered by, from the unit's dashboard on the report's day.
enum ReportDraft {
    /// A table or chart in the document lists this many child units (lagging first); the annex lists them all.
    static let unitsInDocument = 20
    /// "Số …-BC/…" until a number is given at issue.
    static let unnumbered = "…-BC/…"

    /// "Sơ kết … tháng 11/2026"; a campaign's: "Kết quả thực hiện {the campaign}".
    static func subject(kind: ReportKind, period: ReportingPeriod, day: CalendarDate, campaignTitle: String?) -> String {
        if let campaignTitle { return "\(kind.verb) \(campaignTitle.lowercasedFirst)" }
        return "\(kind.verb) việc học tập, quán triệt và làm theo các chỉ thị, nghị quyết của Đảng\n\(period.name(of: day).vi.lowercasedFirst)"
    }

    /// The figures a report shows: a campaign's result report only that campaign's section (`CoverageDashboard`'s key).
    static func figures(_ dashboard: DashboardShow.Model, campaignId: Int?) -> DashboardShow.Model {
        guard let campaignId else { return dashboard }
        return DashboardShow.Model(unitId: dashboard.unitId, unitName: dashboard.unitName, day: dashboard.day, period: dashboard.period,
                                   sections: dashboard.sections.filter { $0.section.key == "campaign-\(campaignId)" })
    }

    /// What the parts say before the author writes: the situation in figures, and the units behind the figures where
    /// they lag. The other parts are the author's.
    static func narratives(figures: DashboardShow.Model, childCount: Int) -> [ReportPart: String] {
        var texts: [ReportPart: String] = [
            .situation: "\(figures.unitName) có \(VietnameseFormat.integer(childCount)) tổ chức đảng trực thuộc. Số liệu trong báo cáo "
                + "tính đến ngày \(figures.day.vietnamese), \(figures.period.name(of: figures.day).vi.lowercasedFirst).",
        ]
        let lagging = figures.sections.compactMap { entry -> String? in
            let units = entry.children.filter(\.isLagging)
            guard let lead = entry.lead, !units.isEmpty else { return nil }
            let named = units.prefix(5).map { "\($0.name) (\(DashboardShow.Model.text(.vi, count: $0.figure?.count, total: $0.figure?.total)))" }
            let more = units.count > 5 ? " và \(VietnameseFormat.integer(units.count - 5)) đơn vị khác" : ""
            return "- \(entry.section.title.vi) — \(lead.title.vi.lowercasedFirst): còn \(VietnameseFormat.integer(units.count)) đơn vị "
                + "thấp hơn mức chung (\(DashboardShow.Model.text(.vi, count: lead.count, total: lead.total))): \(named.joined(separator: ", "))\(more)."
        }
        if !lagging.isEmpty {
            texts[.shortcomings] = (["Một số đơn vị thực hiện còn chậm so với mức chung của \(figures.unitName):"] + lagging).joined(separator: "\n")
        }
        return texts
    }

    /// The parts that must hold the author's text before the report is issued (a part with figures speaks for itself;
    /// "kiến nghị, đề xuất" may be left out).
    static let requiredParts: [ReportPart] = [.situation, .shortcomings, .lessons, .directions]

    // MARK: - Layout

    static func outline(narratives: [ReportPart: String], figures: DashboardShow.Model) -> ReportOutline {
        var sections: [ReportOutline.Section] = []
        var tableNumber = 0
        for part in ReportPart.allCases {
            if part == .leadership {
                sections.append(ReportOutline.Section(heading: "II. KẾT QUẢ THỰC HIỆN", items: []))
            }
            var items = paragraphs(narratives[part] ?? "")
            if let topic = part.topic {
                for entry in figures.sections where entry.section.topic == topic {
                    items += figureItems(entry, figures: figures, tableNumber: &tableNumber)
                }
                // A result with neither text nor figures is left out rather than printed empty.
                if items.isEmpty { continue }
            }
            sections.append(ReportOutline.Section(heading: part.heading, items: items))
        }
        return ReportOutline(sections: sections)
    }

    /// The section's figures in words, its units in a table (the first `unitsInDocument`, lagging first) and its charts.
    private static func figureItems(_ entry: DashboardShow.Model.Section, figures: DashboardShow.Model, tableNumber: inout Int) -> [ReportOutline.Item] {
        var items: [ReportOutline.Item] = [.paragraph("\(entry.section.title.vi):")]
        let before = figures.period.name(of: figures.period.sameDayBefore(figures.day)).vi.lowercasedFirst
        for figure in entry.section.figures {
            let previous = entry.previous[figure.key].map { "; cùng kỳ \(before): \(DashboardShow.Model.text(.vi, count: $0.count, total: $0.total))" } ?? ""
            items.append(.paragraph("- \(figure.title.vi): \(DashboardShow.Model.text(.vi, count: figure.count, total: figure.total))\(previous)."))
        }
        let shown = Array(entry.children.prefix(unitsInDocument))
        if let lead = entry.lead, !shown.isEmpty {
            tableNumber += 1
            var rows = shown.map { [$0.name, DashboardShow.Model.text(.vi, count: $0.figure?.count, total: $0.figure?.total)] }
            if entry.children.count > shown.count {
                rows.append(["… và \(VietnameseFormat.integer(entry.children.count - shown.count)) đơn vị khác (xem phụ lục)", ""])
            }
            items.append(.table(PartyDocument.Table(
                title: "Bảng \(tableNumber). \(lead.title.vi) của các đơn vị trực thuộc (đơn vị thấp hơn mức chung xếp trước)",
                header: ["Đơn vị", lead.title.vi], rows: rows, columnWeights: [3, 2])))
            items.append(.chart(figures.unitsChart(entry, showing: unitsInDocument, language: .vi), id: "\(entry.section.key)-units"))
        }
        if entry.trend.contains(where: { $0 != nil }) {
            items.append(.chart(figures.trendChart(entry, language: .vi), id: "\(entry.section.key)-trend"))
        }
        if let distribution = entry.section.distribution {
            items.append(.chart(figures.distributionChart(entry, own: distribution, showing: unitsInDocument, language: .vi), id: "\(entry.section.key)-parts"))
        }
        return items
    }

    /// Paragraphs: one per non-empty line.
    static func paragraphs(_ text: String) -> [ReportOutline.Item] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { .paragraph($0) }
    }

    /// The document to render: the report's header and signature, `numberAndSymbol` and `date` (at issue, the register's;
    /// before, a placeholder and today), and the outline with each chart as its SVG.
    static func document(_ report: Report, outline: ReportOutline, numberAndSymbol: String, date: CalendarDate) -> PartyDocument {
        PartyDocument(
            superiorBody: report.superiorBody, issuingBody: report.issuingBody, numberAndSymbol: numberAndSymbol, place: report.place,
            date: DocumentDate(date), documentType: "BÁO CÁO", subject: report.subject,
            sections: outline.sections.map { section in
                PartyDocument.Section(heading: section.heading, content: section.items.map { item in
                    switch item {
                    case .paragraph(let text): return .paragraph(text)
                    case .table(let table): return .table(table)
                    case .chart(let chart, let id): return .figure(PartyDocument.Figure(svg: chart.svg(id: id, language: .vi, sizing: .natural), caption: chart.table(.vi).caption))
                    }
                })
            },
            recipients: report.recipients, authority: report.authority, signerTitle: report.signerTitle, signerName: report.signerName)
    }
}
