import Fluent
import LamTheoCore
import Vapor

/// Commitment writes and reads as a caller makes them. A member registers, checks in and self-assesses their
/// own commitments (self-service); an editor at the member's cell (its secretary, officers above) may do
/// the same on the member's behalf, and alone assesses, reminds and adds templates. Cell-mates read each
/// other's commitments (`Actor.readsCommitments`).
enum CommitmentActions {
    static func register(_ input: CommitmentInput, request: Request) async throws -> Commitment {
        if let memberId = input.memberId { try await requireOwnerOrEditor(memberId, request: request) }
        return try await request.write(AuditSubject("commitment.register", Commitment.self)) {
            try await CommitmentCommands.register(input, on: $0)
        }
    }

    static func update(_ id: Int, _ input: CommitmentInput, request: Request) async throws -> Commitment {
        try await requireOwnerOrEditor(requireCommitment(id, request: request).memberId, request: request)
        return try await request.write(AuditSubject("commitment.update", Commitment.self, id: id)) {
            try await CommitmentCommands.update(id, input, on: $0)
        }
    }

    static func checkIn(_ id: Int, _ input: CommitmentCheckInInput, request: Request) async throws -> CommitmentCheckIn {
        try await requireOwnerOrEditor(requireCommitment(id, request: request).memberId, request: request)
        let store = request.application.documentFiles
        return try await request.write(AuditSubject("commitment.check-in", CommitmentCheckIn.self)) {
            try await CommitmentCommands.checkIn(id, input, store: store, on: $0)
        }
    }

    static func selfAssess(_ id: Int, _ input: AssessmentInput, request: Request) async throws -> Commitment {
        let commitment = try await requireCommitment(id, request: request)
        guard assessesThemself(try request.requireActor(), member: commitment.memberId) else {
            throw DomainError(.forbidden, title: LocalizedText(vi: "Chỉ đảng viên mới tự đánh giá cam kết của chính mình",
                                                              en: "Only the member assesses their own commitment"))
        }
        return try await request.write(AuditSubject("commitment.self-assess", Commitment.self, id: id)) {
            try await CommitmentCommands.selfAssess(id, input, on: $0)
        }
    }

    static func assess(_ id: Int, _ input: AssessmentInput, request: Request) async throws -> Commitment {
        let commitment = try await requireCommitment(id, request: request)
        try await requireEditor(of: commitment.memberId, request: request)
        return try await request.write(AuditSubject("commitment.assess", Commitment.self, id: id)) {
            try await CommitmentCommands.assess(id, input, on: $0)
        }
    }

    static func pledge(_ input: PledgeInput, request: Request) async throws -> CommitmentPledge {
        if let memberId = input.memberId { try await requireOwnerOrEditor(memberId, request: request) }
        return try await request.write(AuditSubject("commitment.pledge", CommitmentPledge.self)) {
            try await CommitmentCommands.pledge(input, on: $0)
        }
    }

    static func remind(memberId: Int?, year: Int?, request: Request) async throws -> CommitmentReminder {
        if let memberId { try await requireEditor(of: memberId, request: request) }
        let actor = try request.requireActor()
        return try await request.write(AuditSubject("commitment.remind", CommitmentReminder.self)) {
            try await CommitmentCommands.remind(memberId: memberId, year: year, sentBy: actor.userId, name: actor.displayName, on: $0)
        }
    }

    static func addTemplate(_ input: TemplateInput, request: Request) async throws -> CommitmentTemplate {
        if let id = input.campaignId {
            try request.require(.edit, at: try await CampaignQueries.require(id, on: request.reads).treePath)
        }
        return try await request.write(AuditSubject("commitment-template.create", CommitmentTemplate.self)) {
            try await CommitmentCommands.addTemplate(input, on: $0)
        }
    }

    /// A check-in's evidence file, to whoever reads the commitment.
    static func evidence(of checkInId: Int, commitment id: Int, request: Request) async throws -> Response {
        _ = try await requireCommitment(id, request: request)
        guard let checkIn = try await CommitmentCheckIn.query(on: request.reads).filter(\.$id == checkInId).filter(\.$commitmentId == id).first() else {
            throw Abort(.notFound)
        }
        return try checkIn.evidenceDownload(from: request.application.documentFiles)
    }

    /// The commitment, if the caller reads it; not found otherwise (ids reveal nothing).
    static func requireCommitment(_ id: Int, request: Request) async throws -> Commitment {
        let (commitment, member) = try await CommitmentCommands.requireCommitment(id, on: request.reads)
        guard try await readsCommitments(of: member, request: request) else { throw Abort(.notFound) }
        return commitment
    }

    static func readsCommitments(of member: Member, request: Request) async throws -> Bool {
        let owner = CommitmentOwner(memberId: member.requireID(), cell: TreePath(rawValue: member.organizationPath)!, isOnRoll: member.status.isOnRoll)
        return try request.requireActor().readsCommitments(of: owner, callerCell: try await callerCell(request))
    }

    /// The cell the caller is on the roll of, if they are a member.
    static func callerCell(_ request: Request) async throws -> TreePath? {
        guard let id = try request.requireActor().memberId, let member = try await Member.find(id, on: request.reads), member.status.isOnRoll else {
            return nil
        }
        return TreePath(rawValue: member.organizationPath)
    }

    // Who may do what with a member's commitments: the rules the pages ask before offering a form and the
    // actions ask before writing.

    /// Registering, updating and checking in: the member themselves, or an editor at their cell (who records
    /// for a member without a phone).
    static func writesFor(_ member: Member, actor: Actor) -> Bool {
        actor.memberId == member.id || assessesFor(member, actor: actor)
    }

    /// The year-end self-assessment is the member's own: nobody writes it for them.
    static func assessesThemself(_ actor: Actor, member memberId: Int) -> Bool {
        actor.memberId == memberId
    }

    /// Assessments and reminders belong to the cell: its secretary or an editor above it.
    static func assessesFor(_ member: Member, actor: Actor) -> Bool {
        TreePath(rawValue: member.organizationPath).map { actor.can(.edit, at: $0) } ?? false
    }

    /// `writesFor`; anyone else is refused with a message saying so.
    static func requireOwnerOrEditor(_ memberId: Int, request: Request) async throws {
        let actor = try request.requireActor()
        if actor.memberId == memberId { return }
        if let member = try await Member.find(memberId, on: request.reads), writesFor(member, actor: actor) { return }
        throw DomainError(.forbidden, title: LocalizedText(
            vi: "Bạn chỉ đăng ký và cập nhật cam kết của chính mình",
            en: "You may register and update only your own commitments"))
    }

    /// `assessesFor`; anyone else is refused with a message saying so.
    static func requireEditor(of memberId: Int, request: Request) async throws {
        let member = try await MemberQueries.require(memberId, on: request.reads)
        let actor = try request.requireActor()
        guard assessesFor(member, actor: actor) else {
            throw DomainError(.forbidden, title: LocalizedText(
                vi: "Chỉ bí thư chi bộ hoặc cấp ủy cấp trên mới đánh giá cam kết và nhắc đăng ký",
                en: "Only the cell's secretary or a committee above it assesses commitments and sends reminders"))
        }
    }
}

extension Commitment: Auditable {
    static var auditEntity: String { "commitment" }
    var auditFields: [String: String?] {
        ["memberId": String(memberId), "year": String(year), "campaignId": campaignId.map(String.init), "title": title, "measure": measure,
         "dueOn": dueOn.iso, "selfResult": selfResult?.rawValue, "selfNote": selfNote, "cellResult": cellResult?.rawValue, "cellNote": cellNote]
    }
}

extension CommitmentCheckIn: EvidenceCarrying {}

extension CommitmentCheckIn: Auditable {
    static var auditEntity: String { "commitment_check_in" }
    var auditFields: [String: String?] {
        ["commitmentId": String(commitmentId), "notedOn": notedOn.iso, "note": note, "progress": progress.map(String.init), "value": value,
         "evidence": evidenceAuditValue]
    }
}

extension CommitmentPledge: Auditable {
    static var auditEntity: String { "commitment_pledge" }
    var auditFields: [String: String?] { ["memberId": String(memberId), "year": String(year), "text": text] }
}

extension CommitmentReminder: Auditable {
    static var auditEntity: String { "commitment_reminder" }
    var auditFields: [String: String?] { ["memberId": String(memberId), "year": String(year), "sentBy": sentByName] }
}

extension CommitmentTemplate: Auditable {
    static var auditEntity: String { "commitment_template" }
    var auditFields: [String: String?] { ["campaignId": String(campaignId), "title": title, "measure": measure] }
}
