import Vapor

extension Request {
    /// The signed-in member's own record: what self-service pages (reflections, commitments, the
    /// self-assessment, the personal-data download) act on. Forbidden to an account that is not a member's.
    func ownMember() async throws -> Member {
        guard let id = try requireActor().memberId else { throw Abort(.forbidden) }
        return try await MemberQueries.require(id, on: db)
    }
}
