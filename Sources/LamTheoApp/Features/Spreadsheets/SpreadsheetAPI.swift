import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/imports` (the file is the request body; the answer is a job to poll) and `/api/v1/exports`.
enum SpreadsheetAPI {
    static func register(on api: any RoutesBuilder) {
        api.postStreaming(SpreadsheetRoute.imports, bodyLimit: SpreadsheetImport.uploadLimit, use: start).requiring(.capability(.edit))
        api.get(SpreadsheetRoute.job(.key), use: status).requiring(.capability(.edit))
        api.get(SpreadsheetRoute.export(kind: .key), use: export).requiring(.capability(.read))
    }

    struct JobDTO: Content {
        let id: String
        /// `running`, `finished` or `failed`.
        let state: String
        let done: Int
        let total: Int
        let report: ReportDTO?
        let error: String?
    }

    struct ReportDTO: Content {
        struct RowError: Content {
            let line: Int
            let column: String?
            let message: String

            init(_ error: ImportReport.RowError, language: UILanguage) {
                line = error.line
                column = error.column
                message = error.message(language)
            }
        }

        let kind: String
        let fileName: String
        let fileEncoding: String?
        let legacyEncoding: String?
        let convertedCells: Int
        let rows: Int
        let created: Int
        let changed: Int
        let unchanged: Int
        let applied: Bool
        let errors: [RowError]
        /// Columns of the file that were not imported, on line 1.
        let ignoredColumns: [RowError]
        let summary: String

        init(_ report: ImportReport, language: UILanguage) {
            kind = report.kind.rawValue
            fileName = report.fileName
            fileEncoding = report.fileEncoding?.rawValue
            legacyEncoding = report.legacyEncoding?.rawValue
            convertedCells = report.convertedCells
            rows = report.rows
            created = report.created
            changed = report.changed
            unchanged = report.unchanged
            applied = report.applied
            errors = report.errors.map { RowError($0, language: language) }
            ignoredColumns = report.ignoredColumns.map { RowError($0, language: language) }
            summary = report.summary(language)
        }
    }

    /// `?kind=orgs|members&dryRun=true|false&sheet=…&fileName=…`, the file as the body.
    static func start(request: Request) async throws -> Response {
        let kind = try request.requiredQueryChoice(SpreadsheetKind.self, at: "kind")
        let file = try await StreamedUpload.body(of: request, fileName: try request.queryText("fileName") ?? "upload",
                                                 limit: SpreadsheetImport.uploadLimit.value)
        guard file.size > 0 else {
            file.discard()
            throw DomainError.invalid(field: "file", LocalizedText(vi: "Nội dung yêu cầu phải là tệp CSV hoặc XLSX", en: "The request body must be a CSV or XLSX file"))
        }
        let dryRun = try request.queryFlag("dryRun") ?? true
        let id = try await ImportJobs.start(.init(kind: kind, file: file, sheet: try request.queryText("sheet")), dryRun: dryRun,
                                            actor: try request.requireActor(), origin: request.auditOrigin(), app: request.application)
        let response = try await dto(id, request: request).encodeResponse(status: .accepted, for: request)
        response.headers.replaceOrAdd(name: .location, value: SpreadsheetRoute.job(.value(id)).apiPath)
        return response
    }

    static func status(request: Request) async throws -> JobDTO {
        try await dto(request.parameters.get("job") ?? "", request: request)
    }

    /// `?format=csv|xlsx&unit=…`
    static func export(request: Request) async throws -> Response {
        guard let kind = SpreadsheetKind(rawValue: request.parameters.get("kind") ?? "") else { throw Abort(.notFound) }
        let format = try request.queryChoice(SpreadsheetExport.Format.self, at: "format") ?? .xlsx
        return try await SpreadsheetResponses.export(kind, format: format, actor: try request.requireActor(), request: request)
    }

    private static func dto(_ id: String, request: Request) async throws -> JobDTO {
        guard let job = try await ImportJobs.job(id, for: try request.requireActor(), app: request.application) else { throw Abort(.notFound) }
        switch job.state {
        case .queued, .running:
            return JobDTO(id: id, state: "running", done: job.done, total: max(job.total, 1), report: nil, error: nil)
        case .succeeded:
            guard let report = job.result(as: ImportReport.self) else { throw Abort(.internalServerError, reason: "An import job without its report") }
            return JobDTO(id: id, state: "finished", done: 1, total: 1, report: ReportDTO(report, language: request.language), error: nil)
        case .failed, .interrupted, .cancelled:
            return JobDTO(id: id, state: "failed", done: job.done, total: max(job.total, 1), report: nil, error: (job.error ?? job.state.label)(request.language))
        }
    }
}
