import Fluent
import LamTheoCore
import Vapor

/// The rules for personal data: who may see a member's ID number, phone, address and date of birth,
/// and the log of every view and export of them.
enum PersonalData {
    /// Those whose scope covers the member's cell, and the member themself.
    static func visible(_ member: Member, to actor: Actor) -> Bool {
        actor.memberId == member.id || TreePath(rawValue: member.organizationPath).map { actor.can(.read, at: $0) } == true
    }

    /// Records that `request`'s caller saw personal data: one member (`memberId`) or a list of `count`.
    /// The log is not the audit trail: it records reads, not changes, and is kept apart so that reading
    /// never contends with the audit chain.
    static func logView(_ what: String, memberId: Int? = nil, count: Int = 1, request: Request) async throws {
        guard let actor = request.actor, count > 0 else { return }
        let view = PersonalDataView()
        view.viewedAt = Date()
        view.userId = actor.userId
        view.username = actor.username
        view.what = what
        view.memberId = memberId
        view.count = count
        view.ip = request.remoteAddress?.ipAddress
        _ = try await request.application.writeBookkeeping { try await view.create(on: $0) }
    }
}
