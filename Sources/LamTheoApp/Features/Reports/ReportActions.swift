import Fluent
import Foundation
import LamTheoCore
import LamTheoDocx
import Vapor

/// The files a report is downloaded as.
enum ReportFileFormat: String, CaseIterable, Sendable {
    case docx, pdf, xlsx

    var mediaType: String {
        switch self {
        case .docx: return MediaType.docx
        case .pdf: return MediaType.pdf
        case .xlsx: return MediaType.xlsx
        }
    }
}

/// Report writes and reads as a caller makes them, shared by the API and the pages: the unit's editors draft, edit,
/// refresh and issue; its readers see the report and download it.
enum ReportActions {
    static func create(_ input: ReportInput, request: Request) async throws -> Report {
        guard let unitId = input.organizationId, let unit = try await Organization.find(unitId, on: request.reads) else {
            throw DomainError.invalid(field: "organizationId", LocalizedText(vi: "Chọn đơn vị lập báo cáo", en: "Choose the unit the report is for"))
        }
        try request.require(.edit, at: unit.treePath)
        let owner = try request.requireActor().userId
        let report = try await request.write(AuditSubject("report.create", Report.self)) { db in
            let report = try await ReportCommands.create(input, unit: unit, createdBy: owner, on: db)
            report.jobId = try await ReportJobs.enqueue(report.requireID(), owner: owner, on: db)
            try await report.save(on: db)
            return report
        }
        request.application.jobs.local.wake()
        return report
    }

    static func update(_ id: Int, _ changes: ReportChanges, request: Request) async throws -> Report {
        _ = try await requireEditable(id, request: request)
        return try await request.write(AuditSubject("report.update", Report.self, id: id)) {
            try await ReportCommands.update(id, changes, on: $0)
        }
    }

    /// Gathers the figures again, for the same day and period (after data was corrected).
    static func refresh(_ id: Int, request: Request) async throws -> Report {
        _ = try await requireEditable(id, request: request)
        let owner = try request.requireActor().userId
        let report = try await request.write(AuditSubject("report.refresh", Report.self, id: id)) { db in
            try await ReportCommands.recompose(id, jobId: try await ReportJobs.enqueue(id, owner: owner, on: db), on: db)
        }
        request.application.jobs.local.wake()
        return report
    }

    static func issue(_ id: Int, _ input: ReportIssueInput, request: Request) async throws -> ReportVersion {
        _ = try await requireEditable(id, request: request)
        let actor = try request.requireActor().displayName
        let store = request.application.documentFiles
        return try await request.write(AuditSubject("report.issue", ReportVersion.self)) {
            try await ReportCommands.issue(id, input, by: actor, store: store, on: $0)
        }
    }

    /// The draft rendered now: a placeholder number and today's date until it is issued.
    static func draftFile(_ id: Int, format: String, request: Request) async throws -> Response {
        let format = try fileFormat(format)
        let report = try await require(id, request: request)
        guard let figures = report.figures else {
            throw DomainError.conflict(field: "id", LocalizedText(vi: "Báo cáo chưa có số liệu: chờ tổng hợp xong", en: "The report has no figures yet"))
        }
        let name = "Du-thao-bao-cao-\(id)"
        if format == .xlsx {
            return .download(try ReportAnnex.xlsx(figures), named: "\(name)-phu-luc.xlsx", mediaType: format.mediaType)
        }
        let party = ReportDraft.document(report, outline: ReportDraft.outline(narratives: report.narratives, figures: figures),
                                         numberAndSymbol: ReportDraft.unnumbered, date: .today())
        let docx = try party.docx(format: .inForce(on: party.date))
        return try await file(docx, as: format, named: name, request: request)
    }

    /// An issued version's files exactly as stored; its PDF converted from that DOCX.
    static func versionFile(_ id: Int, version number: Int, format: String, request: Request) async throws -> Response {
        let format = try fileFormat(format)
        _ = try await require(id, request: request)
        let version = try await ReportQueries.version(number, of: id, on: request.reads)
        let store = request.application.documentFiles
        let symbol = try await Document.find(version.documentId, on: request.reads)?.symbol ?? "bao-cao-\(id)-\(number)"
        let name = symbol.replacingOccurrences(of: "/", with: "-")
        if format == .xlsx {
            return try store.download(version.xlsxKey, named: "\(name)-phu-luc.xlsx", mediaType: format.mediaType)
        }
        return try await file(try store.read(version.docxKey), as: format, named: name, request: request)
    }

    /// The report with its unit, if the caller reads that unit (not found otherwise), and whether the caller may edit
    /// and issue it (an editor of the unit).
    static func access(_ id: Int, request: Request) async throws -> (report: Report, unit: Organization, mayEdit: Bool) {
        let report = try await ReportQueries.require(id, on: request.reads)
        let actor = try request.requireActor()
        guard let unit = try await Organization.find(report.organizationId, on: request.reads), actor.can(.read, at: unit.treePath) else {
            throw Abort(.notFound)
        }
        return (report, unit, actor.can(.edit, at: unit.treePath))
    }

    /// The report, if the caller reads its unit; not found otherwise.
    static func require(_ id: Int, request: Request) async throws -> Report {
        try await access(id, request: request).report
    }

    /// The report, if the caller edits its unit; forbidden to its other readers, not found to the rest.
    static func requireEditable(_ id: Int, request: Request) async throws -> Report {
        let access = try await access(id, request: request)
        guard access.mayEdit else { throw Abort(.forbidden) }
        return access.report
    }

    private static func fileFormat(_ text: String) throws -> ReportFileFormat {
        guard let format = ReportFileFormat(rawValue: text) else { throw Abort(.notFound) }
        return format
    }

    /// The DOCX as it is, or converted to PDF by LibreOffice off the event loop; without LibreOffice, an answer that says
    /// what is missing.
    private static func file(_ docx: Data, as format: ReportFileFormat, named name: String, request: Request) async throws -> Response {
        guard format == .pdf else { return .download(docx, named: "\(name).docx", mediaType: format.mediaType) }
        do {
            let pdf = try await request.application.threadPool.runIfActive { try PDFConverter.pdf(fromDocx: docx) }
            return .download(pdf, named: "\(name).pdf", mediaType: format.mediaType)
        } catch let error as PDFConversionError {
            request.logger.warning("PDF conversion: \(error)")
            throw DomainError(.unavailable, title: LocalizedText(vi: error.vietnamese, en: error.english))
        }
    }
}
