import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/reports`: a unit's reports; a draft with its figures (each with how it is computed) and its text; the edits,
/// the refresh of the figures, the issue as a registered document; the draft's and each version's files.
enum ReportAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(ReportRoute.list, use: list).requiring(.capability(.read))
        api.post(ReportRoute.list, use: create).requiring(.capability(.edit))
        api.get(ReportRoute.show(.key), use: show).requiring(.capability(.read))
        api.patch(ReportRoute.show(.key), use: update).requiring(.capability(.edit))
        api.post(ReportRoute.refresh(.key), use: refresh).requiring(.capability(.edit))
        api.post(ReportRoute.issue(.key), use: issue).requiring(.capability(.edit))
        api.get(ReportRoute.draft(.key, format: .key), use: draftFile).requiring(.capability(.read))
        api.get(ReportRoute.version(.key, version: .key, format: .key), use: versionFile).requiring(.capability(.read))
    }

    struct FigureDTO: Content {
        let key: String
        let title: String
        let count: Int?
        let total: Int?
        /// As the report writes it: "231.700/245.200 (94,5%)".
        let text: String
        /// How it is computed.
        let source: String
    }

    struct SectionDTO: Content {
        let key: String
        let heading: String
        let title: String
        let figures: [FigureDTO]
    }

    struct VersionDTO: Content {
        let version: Int
        let documentId: Int
        let symbol: String
        let issuedOn: CalendarDate
        let formatVersion: String
        let docxSha256: String
        let xlsxSha256: String
        let issuedBy: String
        let issuedAt: Date
    }

    struct ReportDTO: Content {
        let id: Int
        let organizationId: Int
        let kind: ReportKind
        let campaignId: Int?
        let status: ReportStatus
        let jobId: String?
        let day: CalendarDate
        let period: ReportingPeriod
        let subject: String
        let place: String
        let superiorBody: String
        let issuingBody: String
        let authority: String
        let signerTitle: String
        let signerName: String
        let recipients: [String]
        let narratives: [String: String]
        let sections: [SectionDTO]
        /// Where a figure's child units add up to more than the whole unit.
        let discrepancies: [String]
        let versions: [VersionDTO]
    }

    struct SummaryDTO: Content {
        let id: Int
        let organizationId: Int
        let kind: ReportKind
        let status: ReportStatus
        let day: CalendarDate
        let period: ReportingPeriod
        let subject: String
    }

    static func list(request: Request) async throws -> PageDTO<SummaryDTO> {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let page = try await ReportQueries.list(of: unit.requireID(), page: paging.page, perPage: paging.perPage, on: request.reads)
        return PageDTO(items: page.items.map { SummaryDTO(id: $0.id!, organizationId: $0.organizationId, kind: $0.kind, status: $0.status, day: $0.day,
                                                          period: $0.period, subject: $0.subject) },
                       page: page.page, perPage: page.perPage, total: page.total)
    }

    static func create(request: Request) async throws -> Response {
        let report = try await ReportActions.create(try request.content.decode(ReportInput.self), request: request)
        return try await dto(report, request: request).encodeResponse(status: .created, for: request)
    }

    static func show(request: Request) async throws -> ReportDTO {
        try await dto(try await ReportActions.require(try request.id(), request: request), request: request)
    }

    static func update(request: Request) async throws -> ReportDTO {
        try await dto(try await ReportActions.update(try request.id(), try request.content.decode(ReportChanges.self), request: request), request: request)
    }

    static func refresh(request: Request) async throws -> ReportDTO {
        try await dto(try await ReportActions.refresh(try request.id(), request: request), request: request)
    }

    static func issue(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await ReportActions.issue(id, try request.content.decode(ReportIssueInput.self), request: request)
        return try await dto(try await ReportQueries.require(id, on: request.reads), request: request).encodeResponse(status: .created, for: request)
    }

    static func draftFile(request: Request) async throws -> Response {
        try await ReportActions.draftFile(try request.id(), format: request.parameters.get("format") ?? "", request: request)
    }

    static func versionFile(request: Request) async throws -> Response {
        try await ReportActions.versionFile(try request.id(), version: try request.id("version"), format: request.parameters.get("format") ?? "", request: request)
    }

    static func dto(_ report: Report, request: Request) async throws -> ReportDTO {
        let language = request.language
        let versions = try await ReportQueries.versions(of: report.requireID(), on: request.reads)
        let documents = try await ReportQueries.documents(of: versions, on: request.reads)
        let figures = report.figures
        let narratives = report.narratives
        return ReportDTO(
            id: report.requireID(), organizationId: report.organizationId, kind: report.kind, campaignId: report.campaignId, status: report.status, jobId: report.jobId,
            day: report.day, period: report.period, subject: report.subject, place: report.place, superiorBody: report.superiorBody,
            issuingBody: report.issuingBody, authority: report.authority, signerTitle: report.signerTitle, signerName: report.signerName,
            recipients: report.recipients, narratives: Dictionary(uniqueKeysWithValues: ReportPart.allCases.map { ($0.rawValue, narratives[$0] ?? "") }),
            sections: (figures?.sections ?? []).map { entry in
                SectionDTO(key: entry.section.key, heading: ReportPart.allCases.first { $0.topic == entry.section.topic }?.heading ?? "",
                           title: entry.section.title(language), figures: entry.section.figures.map { figure in
                    FigureDTO(key: figure.key, title: figure.title(language), count: figure.count, total: figure.total,
                              text: DashboardShow.Model.text(language, count: figure.count, total: figure.total), source: figure.explanation.map { $0(language) } ?? "")
                })
            },
            discrepancies: figures.map(ReportAnnex.discrepancies) ?? [],
            versions: versions.map { version in
                let document = documents[version.documentId]
                return VersionDTO(version: version.version, documentId: version.documentId, symbol: document?.symbol ?? "", issuedOn: document?.issuedOn ?? report.day,
                                  formatVersion: version.format, docxSha256: version.docxKey, xlsxSha256: version.xlsxKey, issuedBy: version.issuedBy,
                                  issuedAt: version.issuedAt)
            })
    }
}

extension ReportInput: Content {}
extension ReportChanges: Content {}
extension ReportIssueInput: Content {}
