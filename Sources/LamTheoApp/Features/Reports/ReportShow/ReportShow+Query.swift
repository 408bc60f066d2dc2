import Fluent
import LamTheoCore
import Vapor

extension ReportShow {
    enum Query {
        static func run(_ report: Report, unitName: String, mayEdit: Bool, jobs: JobQueue, on db: any Database) async throws -> Model {
            let id = report.requireID()
            let versions = try await ReportQueries.versions(of: id, on: db)
            let documents = try await ReportQueries.documents(of: versions, on: db)
            let job = try await report.jobId.asyncMap { try await jobs.job($0) } ?? nil
            let figures = report.figures
            return Model(
                id: id, unitId: report.organizationId, unitName: unitName, kind: report.kind, status: report.status, day: report.day,
                period: report.period, progress: job.flatMap { $0.total > 0 ? JobProgress(done: $0.done, total: $0.total) : nil },
                superiorBody: report.superiorBody, issuingBody: report.issuingBody, place: report.place, subject: report.subject,
                recipients: report.recipients, authority: report.authority, signerTitle: report.signerTitle, signerName: report.signerName,
                outline: figures.map { ReportDraft.outline(narratives: report.narratives, figures: $0) },
                discrepancies: figures.map(ReportAnnex.discrepancies) ?? [],
                versions: versions.map { version in
                    let document = documents[version.documentId]
                    return Model.Version(number: version.version, symbol: document?.symbol ?? "", issuedOn: document?.issuedOn ?? report.day,
                                         format: version.format, docxSha256: version.docxKey, issuedBy: version.issuedBy)
                },
                mayEdit: mayEdit)
        }
    }
}
