import Foundation
import LamTheoCore
import Vapor

/// `/jobs`: every background job, for administrators, with retry and cancel.
enum JobPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(JobRoute.list, use: list).requiring(.administrator)
        routes.post(JobRoute.retry(.key), use: retry).requiring(.administrator)
        routes.post(JobRoute.cancel(.key), use: cancel).requiring(.administrator)
    }

    static func list(request: Request) async throws -> Response {
        let model = try await JobList.model(state: try request.queryChoice(JobState.self, at: "state"), kind: try request.queryText("kind")?.nonEmpty,
                                            paging: try Paging(request), app: request.application)
        return JobList.View(model: model).response(for: request)
    }

    static func retry(request: Request) async throws -> Response {
        let job = try await request.application.jobs.retry(try id(request))
        return request.redirect(to: JobRoute.list.path, flash: LocalizedText(vi: "Đã xếp hàng chạy lại: \(job.title.vi)", en: "Queued again: \(job.title.en)"))
    }

    static func cancel(request: Request) async throws -> Response {
        let job = try await request.application.jobs.cancel(try id(request))
        return request.redirect(to: JobRoute.list.path, flash: job.state == .cancelled
            ? LocalizedText(vi: "Đã hủy: \(job.title.vi)", en: "Cancelled: \(job.title.en)")
            : LocalizedText(vi: "Đã yêu cầu dừng: \(job.title.vi); việc sẽ dừng trong giây lát", en: "Asked to stop: \(job.title.en); it stops in a moment"))
    }

    private static func id(_ request: Request) throws -> String {
        guard let id = request.parameters.get("job") else { throw Abort(.notFound) }
        return id
    }
}
