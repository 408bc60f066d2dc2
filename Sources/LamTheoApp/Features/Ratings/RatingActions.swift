import Fluent
import LamTheoCore
import Vapor

/// Rating writes as a caller makes them, shared by the API and the pages. A member assesses themself;
/// the cell proposes (`mayTake`); the grassroots organisation's editors decide. A unit is proposed and
/// decided by the level above it. Periods and rules belong to administrators; a subtree is closed and
/// reopened by its own editors.
enum RatingActions {
    static func createPeriod(_ input: RatingPeriodInput, request: Request) async throws -> RatingPeriod {
        try await request.write(AuditSubject("rating-period.create", RatingPeriod.self)) { try await RatingCommands.createPeriod(input, on: $0) }
    }

    static func updatePeriod(_ id: Int, _ input: RatingPeriodInput, request: Request) async throws -> RatingPeriod {
        try await request.write(AuditSubject("rating-period.update", RatingPeriod.self, id: id)) { try await RatingCommands.updatePeriod(id, input, on: $0) }
    }

    static func updateRule(_ id: Int, _ input: RatingRuleInput, request: Request) async throws -> RatingRuleRecord {
        try await request.write(AuditSubject("rating-rule.update", RatingRuleRecord.self, id: id)) { try await RatingCommands.updateRule(id, input, on: $0) }
    }

    static func record(_ input: RatingStepInput, request: Request) async throws -> RatingStep {
        let actor = try request.requireActor()
        if let step = RatingStepKind(rawValue: input.step ?? "") {
            try await requireRight(step, memberId: input.memberId, organizationId: input.organizationId, actor: actor, request: request)
        }
        let author = RatingAuthor(userId: actor.userId, username: actor.username)
        return try await request.write(AuditSubject("rating.\(input.step ?? "step")", RatingStep.self)) {
            try await RatingCommands.record(input, by: author, on: $0)
        }
    }

    static func close(_ periodId: Int, _ input: RatingClosureInput, request: Request) async throws -> PeriodClosure {
        if let unitId = input.organizationId, let unit = try await Organization.find(unitId, on: request.reads) {
            try request.require(.edit, at: unit.treePath)
        }
        return try await request.write(AuditSubject("rating-period.close", PeriodClosure.self)) {
            try await RatingCommands.close(periodId, input, on: $0)
        }
    }

    static func reopen(_ closureId: Int, _ input: RatingReopenInput, request: Request) async throws -> PeriodClosure {
        let closure = try await RatingQueries.requireClosure(closureId, on: request.reads)
        try request.require(.edit, at: TreePath(rawValue: closure.organizationPath)!)
        return try await request.write(AuditSubject("rating-period.reopen", PeriodClosure.self, id: closureId)) {
            try await RatingCommands.reopen(closureId, input, on: $0)
        }
    }

    /// Who may take a step, for the pages (which offer only the steps the reader may take) and for
    /// `record`: the member themself for a self-assessment; for a member's proposal the cell — its secretary,
    /// or the committee that decides acting for a cell without an account — but not a committee above that;
    /// an editor of the deciding unit for a decision, and for a unit's proposal (the level above proposes
    /// and decides). `unit` is the member's cell or the unit rated; `deciding` is the unit that decides.
    static func mayTake(_ step: RatingStepKind, member memberId: Int?, unit: TreePath, deciding: TreePath, actor: Actor) -> Bool {
        switch step {
        case .selfAssessment:
            return memberId != nil && actor.memberId == memberId
        case .proposal where memberId != nil:
            return actor.isAdministrator || actor.grants.contains { grant in
                grant.allows(.edit, at: unit) && grant.scope.map(deciding.contains) == true
            }
        case .proposal, .decision:
            return actor.can(.edit, at: deciding)
        }
    }

    /// `mayTake`, with a refusal that names the rule; a subject the caller may not read is not found. An
    /// unknown subject is left to the command, which names the field.
    private static func requireRight(_ step: RatingStepKind, memberId: Int?, organizationId: Int?, actor: Actor, request: Request) async throws {
        var validator = Validator()
        guard let subject = try await validator.ratingSubject(memberId: memberId, organizationId: organizationId, on: request.reads) else { return }
        if step != .selfAssessment { try request.require(.read, at: subject.unit.treePath) }
        guard !mayTake(step, member: subject.member?.id, unit: subject.unit.treePath, deciding: subject.deciding.treePath, actor: actor) else { return }
        switch step {
        case .selfAssessment:
            throw DomainError(.forbidden, title: LocalizedText(vi: "Chỉ đảng viên mới tự đánh giá chính mình",
                                                              en: "Only members assess themselves, and only themselves"))
        case .proposal where subject.member != nil:
            throw DomainError(.forbidden, title: LocalizedText(vi: "Chỉ \(subject.unit.name) (hoặc cấp ủy \(subject.deciding.name) thay chi bộ) mới đề xuất xếp loại đảng viên của chi bộ",
                                                              en: "Only \(subject.unit.name) (or \(subject.deciding.name) on its behalf) proposes its members' ratings"))
        case .proposal, .decision:
            throw DomainError(.forbidden, title: LocalizedText(vi: "Chỉ cấp ủy \(subject.deciding.name) mới \(step == .decision ? "quyết định" : "đề xuất") xếp loại này",
                                                              en: "Only \(subject.deciding.name) \(step == .decision ? "decides" : "proposes") this rating"))
        }
    }
}

extension RatingPeriod: Auditable {
    static var auditEntity: String { "rating-period" }
    var auditFields: [String: String?] { ["kind": kind.rawValue, "title": title, "startsOn": startsOn.iso, "endsOn": endsOn.iso] }
}

extension PeriodClosure: Auditable {
    static var auditEntity: String { "period-closure" }
    var auditFields: [String: String?] {
        ["periodId": String(periodId), "organizationId": String(organizationId), "closedOn": closedOn.iso,
         "reopenedOn": reopenedOn?.iso, "reopenReason": reopenReason]
    }
}

extension RatingStep: Auditable {
    static var auditEntity: String { "rating-step" }
    var auditFields: [String: String?] {
        ["ratingId": String(ratingId), "kind": kind.rawValue, "score": String(score), "level": level.rawValue,
         "explanation": explanation, "disciplined": String(disciplined), "username": username]
    }
}

extension RatingRuleRecord: Auditable {
    static var auditEntity: String { "rating-rule" }
    var auditFields: [String: String?] {
        ["kind": kind.rawValue, "parameter": parameter.map { String($0) }, "textVi": textVi, "textEn": textEn, "active": String(active)]
    }
}
