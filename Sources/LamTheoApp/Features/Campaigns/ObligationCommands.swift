import Fluent
import LamTheoCore
import SQLKit

/// A unit's submission: the evidence (for a plan, the unit's own plan, registered as a Document) and a note.
struct ObligationSubmissionInput: Codable, Sendable {
    var documentId: Int?
    var submittedOn: String?
    var note: String?
}

/// The level above's review of a submission.
struct ObligationReviewInput: Codable, Sendable {
    /// An `ObligationReviewOutcome`: `accepted` or `returned`.
    var outcome: String?
    var comment: String?
    var reviewedOn: String?
}

struct ObligationExtensionInput: Codable, Sendable {
    var until: String?
    var reason: String?
}

/// The life of one obligation: submitted (numbered, so resubmissions after a return are kept), reviewed,
/// extended per unit with a reason. Study-session obligations are fulfilled by the sessions themselves
/// (`settleStudySessions`), not submitted.
enum ObligationCommands {
    static func submit(_ id: Int, _ input: ObligationSubmissionInput, on db: any Database) async throws -> Obligation {
        let obligation = try await CampaignQueries.requireObligation(id, on: db)
        let requirement = try await CampaignQueries.requirement(of: obligation, on: db)
        let campaign = try await CampaignQueries.require(obligation.campaignId, on: db)
        var validator = Validator()
        let submittedOn = validator.optionalDate(input.submittedOn, field: "submittedOn", label: LocalizedText(vi: "Ngày nộp", en: "Submission date")) ?? CalendarDate.today()
        let note = validator.optionalText(input.note, field: "note", label: LocalizedText(vi: "Ghi chú", en: "Note"), maxLength: 2000)
        if requirement.kind == .studySessions {
            validator.add("id", LocalizedText(vi: "Nhiệm vụ tổ chức học tập được tính từ các buổi học tập đã ghi nhận, không cần nộp",
                                              en: "A study-session obligation is met by the sessions recorded; it is not submitted"))
        }
        if campaign.status != .active {
            validator.add("id", LocalizedText(vi: "Đợt triển khai đã kết thúc", en: "The campaign is closed"))
        }
        if let refusal = obligation.state.submissionRefusal {
            validator.add("id", refusal)
        }
        // A first submission after the due date is late; a resubmission the level above asked for is not.
        let deadline = obligation.submissionDeadline(in: campaign)
        let late = obligation.state == .open && deadline.isLate(on: submittedOn)
        if obligation.state == .open, let refusal = deadline.refusal(on: submittedOn, work: LocalizedText(vi: "nhiệm vụ “\(requirement.title)”",
                                                                                                        en: "“\(requirement.title)”")) {
            validator.add("submittedOn", refusal)
        }
        var evidence: Int?
        if requirement.kind == .plan {
            evidence = try await validator.unitPlan(input.documentId, of: obligation, implementing: campaign, on: db)
        } else if let documentId = input.documentId {
            evidence = try await validator.document(documentId, on: db)?.id
        }
        try validator.throwIfInvalid()

        obligation.submissionCount += 1
        obligation.state = .submitted
        obligation.evidenceDocumentId = evidence
        obligation.submittedLate = late
        try await obligation.save(on: db)
        let submission = ObligationSubmission()
        submission.obligationId = id
        submission.number = obligation.submissionCount
        submission.submittedOn = submittedOn
        submission.documentId = evidence
        submission.note = note
        submission.late = late
        try await submission.create(on: db)
        if requirement.kind == .plan, let evidence, try await !documentsRelated(evidence, campaign.documentId, on: db) {
            _ = try await DocumentCommands.relate(from: evidence, to: campaign.documentId, kind: .implements, on: db)
        }
        try await CampaignProgressFollowers.publish(.obligationsChanged(at: [obligation.organizationId], campaigns: [obligation.campaignId]), on: db)
        return obligation
    }

    static func review(_ id: Int, _ input: ObligationReviewInput, on db: any Database) async throws -> Obligation {
        let obligation = try await CampaignQueries.requireObligation(id, on: db)
        var validator = Validator()
        let outcome = input.outcome.flatMap(ObligationReviewOutcome.init(rawValue:))
        if outcome == nil {
            validator.add(ObligationReviewOutcome.unknown.field, ObligationReviewOutcome.unknown.message)
        }
        let comment = validator.optionalText(input.comment, field: "comment", label: LocalizedText(vi: "Nhận xét", en: "Comment"), maxLength: 2000)
        if let problem = outcome?.problem(comment: comment) {
            validator.add(problem.field, problem.message)
        }
        let reviewedOn = validator.optionalDate(input.reviewedOn, field: "reviewedOn", label: LocalizedText(vi: "Ngày xem xét", en: "Review date")) ?? CalendarDate.today()
        if obligation.state != .submitted {
            validator.add("id", LocalizedText(vi: "Không có bản nộp nào đang chờ xem xét", en: "There is no submission awaiting review"))
        }
        try validator.throwIfInvalid()
        guard let submission = try await ObligationSubmission.query(on: db).filter(\.$obligationId == id)
            .filter(\.$number == obligation.submissionCount).first() else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy bản nộp", en: "Submission not found"))
        }
        submission.outcome = outcome!.state
        submission.reviewComment = comment
        submission.reviewedOn = reviewedOn
        try await submission.save(on: db)
        obligation.state = outcome!.state
        try await obligation.save(on: db)
        try await CampaignProgressFollowers.publish(.obligationsChanged(at: [obligation.organizationId], campaigns: [obligation.campaignId]), on: db)
        return obligation
    }

    /// Gives one unit more time, with the reason on record.
    static func extend(_ id: Int, _ input: ObligationExtensionInput, on db: any Database) async throws -> Obligation {
        let obligation = try await CampaignQueries.requireObligation(id, on: db)
        let campaign = try await CampaignQueries.require(obligation.campaignId, on: db)
        var validator = Validator()
        let until = validator.requiredDate(input.until, field: "until", label: LocalizedText(vi: "Gia hạn đến ngày", en: "Extended until"))
        let reason = validator.requiredText(input.reason, field: "reason", label: LocalizedText(vi: "Lý do gia hạn", en: "Reason"), maxLength: 1000)
        let currentDue = obligation.extendedUntil ?? obligation.dueOn
        if let until {
            for problem in DeadlineExtension(until: until).problems(currentDue: currentDue, campaignEndsOn: campaign.endsOn) {
                validator.add(problem.field, problem.message)
            }
        }
        if !obligation.state.mayBeExtended {
            validator.add(ObligationState.notExtensible.field, ObligationState.notExtensible.message)
        }
        try validator.throwIfInvalid()
        obligation.extendedUntil = until!
        obligation.extensionReason = reason
        try await obligation.save(on: db)
        try await CampaignProgressFollowers.publish(.obligationsChanged(at: [obligation.organizationId], campaigns: [obligation.campaignId]), on: db)
        return obligation
    }

    /// Whether a relation links the two documents already (a resubmitted plan was related the first time).
    private static func documentsRelated(_ one: Int, _ other: Int, on db: any Database) async throws -> Bool {
        try await db.sql.raw("""
            SELECT 1 AS found FROM document_relations
            WHERE (from_document_id = \(bind: one) AND to_document_id = \(bind: other)) OR (from_document_id = \(bind: other) AND to_document_id = \(bind: one))
            """).first() != nil
    }

    /// Study-session obligations of `organizationIds` in `campaignId` are accepted once the unit has held
    /// the required number of sessions, and open again if sessions are deleted below it.
    static func settleStudySessions(of organizationIds: Set<Int>, campaign campaignId: Int, on db: any Database) async throws {
        guard !organizationIds.isEmpty else { return }
        let held: SQLQueryString = """
            (SELECT COUNT(*) FROM study_sessions s WHERE s.campaign_id = obligations.campaign_id AND s.organization_id = obligations.organization_id)
            >= (SELECT r.minimum_sessions FROM campaign_requirements r WHERE r.id = obligations.requirement_id)
            """
        let sessionObligations: SQLQueryString = """
            campaign_id = \(bind: campaignId) AND organization_id IN (\(binds: organizationIds.sorted()))
            AND requirement_id IN (SELECT r.id FROM campaign_requirements r WHERE r.campaign_id = \(bind: campaignId) AND r.kind = \(bind: RequirementKind.studySessions.rawValue))
            """
        let accepted = try await db.sql.raw("""
            UPDATE obligations SET state = \(bind: ObligationState.accepted.rawValue), updated_at = CURRENT_TIMESTAMP
            WHERE \(sessionObligations) AND state = \(bind: ObligationState.open.rawValue) AND \(held)
            RETURNING organization_id
            """).all()
        let reopened = try await db.sql.raw("""
            UPDATE obligations SET state = \(bind: ObligationState.open.rawValue), updated_at = CURRENT_TIMESTAMP
            WHERE \(sessionObligations) AND state = \(bind: ObligationState.accepted.rawValue) AND NOT (\(held))
            RETURNING organization_id
            """).all()
        let changed = Set(try (accepted + reopened).map { try $0.decode(column: "organization_id", as: Int.self) })
        if !changed.isEmpty {
            try await CampaignProgressFollowers.publish(.obligationsChanged(at: changed, campaigns: [campaignId]), on: db)
        }
    }
}

extension Obligation {
    /// The unit's deadline (its extension's, if any) and whether the campaign takes late work.
    func submissionDeadline(in campaign: Campaign) -> SubmissionDeadline {
        SubmissionDeadline(dueOn: extendedUntil ?? dueOn, acceptsLateWork: campaign.acceptsLateWork)
    }
}

extension Validator {
    /// A unit's plan: a registered document issued by the unit itself (its own plan, not another's).
    mutating func unitPlan(_ documentId: Int?, of obligation: Obligation, implementing campaign: Campaign, on db: any Database) async throws -> Int? {
        guard let documentId else {
            add("documentId", LocalizedText(vi: "Chọn kế hoạch của đơn vị (văn bản đã đăng ký) làm minh chứng",
                                            en: "Choose the unit's plan (a registered document) as evidence"))
            return nil
        }
        guard let document = try await Document.find(documentId, on: db) else {
            add("documentId", LocalizedText(vi: "Không tìm thấy văn bản số \(documentId)", en: "Document \(documentId) not found"))
            return nil
        }
        if document.organizationId != obligation.organizationId {
            add("documentId", LocalizedText(vi: "Kế hoạch phải do chính đơn vị ban hành", en: "The plan must be issued by the unit itself"))
        }
        if documentId == campaign.documentId {
            add("documentId", LocalizedText(vi: "Minh chứng là kế hoạch của đơn vị, không phải văn bản được triển khai",
                                            en: "The evidence is the unit's own plan, not the document being rolled out"))
        }
        return documentId
    }
}
