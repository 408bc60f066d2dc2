import Fluent
import Foundation
import LamTheoCore
import Vapor

extension JobList {
    /// A page of jobs, their owners named as the audit trail names people.
    static func model(state: JobState?, kind: String?, paging: Paging, app: Application) async throws -> Model {
        let page = try await app.jobs.list(state: state, kind: kind, page: paging.page, perPage: paging.perPage)
        let ownerIds = Set(page.items.compactMap(\.ownerId))
        let owners = try await AuditWording.wordings.references[.user]?.names(of: ownerIds, on: app.db) ?? [:]
        let rows = page.items.map { job in
            Row(id: job.id, title: job.title, state: job.state, cancelRequested: job.cancelRequested,
                owner: job.ownerId.map { owners[$0] ?? LocalizedText(vi: "#\($0)", en: "#\($0)") }, done: job.done, total: job.total,
                createdAt: job.createdAt, endedAt: job.endedAt, note: job.state == .succeeded ? job.summary : job.error)
        }
        let kinds = JobKinds.names.map { (name: $0, title: JobKinds.title(of: $0)) }
        return Model(rows: rows, state: state, kind: kind, kinds: kinds, page: page.page, pageCount: page.pageCount, total: page.total)
    }
}
