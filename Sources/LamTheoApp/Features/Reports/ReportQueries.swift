import Fluent
import LamTheoCore

/// Reads of reports.
enum ReportQueries {
    static func require(_ id: Int, on db: any Database) async throws -> Report {
        guard let report = try await Report.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy báo cáo", en: "Report not found"))
        }
        return report
    }

    /// What a report is drafted from: its unit's dashboard on its day and period (one campaign's section for a campaign's
    /// result report), and how many units are under it.
    struct Gathered: Sendable {
        let figures: DashboardShow.Model
        let childCount: Int
    }

    /// `progress` is told after each of the dashboard's reads (`DashboardShow.Query.steps`).
    static func gather(_ report: Report, on db: any Database, progress: (Int) async throws -> Void = { _ in }) async throws -> Gathered {
        guard let unit = try await Organization.find(report.organizationId, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tổ chức đảng", en: "Organisation not found"))
        }
        let dashboard = try await DashboardShow.Query.run(unit: unit, day: report.day, period: report.period, on: db, progress: progress)
        return Gathered(figures: ReportDraft.figures(dashboard, campaignId: report.campaignId),
                        childCount: try await OrganizationQueries.activeChildCount(of: unit, on: db))
    }

    /// The unit's own reports, newest first.
    static func list(of unitId: Int, page: Int, perPage: Int, on db: any Database) async throws -> Page<Report> {
        let query = Report.query(on: db).filter(\.$organizationId == unitId)
        let total = try await query.copy().count()
        let items = try await query.sort(\.$id, .descending).range(((page - 1) * perPage)..<(page * perPage)).all()
        return Page(items: items, page: page, perPage: perPage, total: total)
    }

    /// The versions issued, oldest first.
    static func versions(of reportId: Int, on db: any Database) async throws -> [ReportVersion] {
        try await ReportVersion.query(on: db).filter(\.$reportId == reportId).sort(\.$version).all()
    }

    static func version(_ number: Int, of reportId: Int, on db: any Database) async throws -> ReportVersion {
        guard let version = try await ReportVersion.query(on: db).filter(\.$reportId == reportId).filter(\.$version == number).first() else {
            throw DomainError.notFound(LocalizedText(vi: "Báo cáo không có phiên bản \(number)", en: "The report has no version \(number)"))
        }
        return version
    }

    /// The documents registered for the versions, by id: their numbers and dates.
    static func documents(of versions: [ReportVersion], on db: any Database) async throws -> [Int: Document] {
        guard !versions.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await Document.query(on: db).filter(\.$id ~~ versions.map(\.documentId)).all().map { ($0.id!, $0) })
    }
}
