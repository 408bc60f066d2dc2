import Fluent
import Foundation
import LamTheoCore
import Vapor

/// `/api/v1/jobs`: an administrator's view of every job, anyone else's of their own; retry and cancel for the
/// job's owner or an administrator. A job the caller may not see does not exist for them (404).
enum JobAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(JobRoute.list, use: list).requiring(.signedIn)
        api.get(JobRoute.show(.key), use: show).requiring(.signedIn)
        api.post(JobRoute.retry(.key), use: retry).requiring(.signedIn)
        api.post(JobRoute.cancel(.key), use: cancel).requiring(.signedIn)
    }

    struct JobDTO: Content {
        let id: String
        let kind: String
        /// The kind's name in the request's language.
        let title: String
        let state: JobState
        let ownerId: Int?
        let done: Int
        let total: Int
        let attempts: Int
        /// Asked to stop while running.
        let cancelRequested: Bool
        let summary: String?
        let error: String?
        let createdAt: Date
        let runAfter: Date
        let startedAt: Date?
        let endedAt: Date?

        init(_ job: JobRecord, language: UILanguage) {
            id = job.id
            kind = job.kind
            title = job.title(language)
            state = job.state
            ownerId = job.ownerId
            done = job.done
            total = job.total
            attempts = job.attempts
            cancelRequested = job.cancelRequested
            summary = job.summary?(language)
            error = job.error?(language)
            createdAt = job.createdAt
            runAfter = job.runAfter
            startedAt = job.startedAt
            endedAt = job.endedAt
        }
    }

    /// `?state=&kind=&page=&per=`
    static func list(request: Request) async throws -> PageDTO<JobDTO> {
        let actor = try request.requireActor()
        let paging = try Paging(request)
        let page = try await request.application.jobs.list(state: try request.queryChoice(JobState.self, at: "state"), kind: try request.queryText("kind")?.nonEmpty,
                                                           owner: actor.isAdministrator ? nil : actor.userId, page: paging.page, perPage: paging.perPage)
        return PageDTO(items: page.items.map { JobDTO($0, language: request.language) }, page: page.page, perPage: page.perPage, total: page.total)
    }

    static func show(request: Request) async throws -> JobDTO {
        JobDTO(try await visibleJob(request), language: request.language)
    }

    static func retry(request: Request) async throws -> JobDTO {
        let job = try await visibleJob(request)
        return JobDTO(try await request.application.jobs.retry(job.id), language: request.language)
    }

    static func cancel(request: Request) async throws -> JobDTO {
        let job = try await visibleJob(request)
        return JobDTO(try await request.application.jobs.cancel(job.id), language: request.language)
    }

    /// The job of the path, when the caller is its owner or an administrator.
    static func visibleJob(_ request: Request) async throws -> JobRecord {
        let actor = try request.requireActor()
        guard let id = request.parameters.get("job"), let job = try await request.application.jobs.job(id),
              actor.isAdministrator || job.ownerId == actor.userId else { throw Abort(.notFound) }
        return job
    }
}
