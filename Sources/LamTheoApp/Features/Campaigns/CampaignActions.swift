import Fluent
import LamTheoCore
import Vapor

/// Campaign and obligation writes as a caller makes them, shared by the API and the pages. A campaign is
/// launched by an editor of the launching unit; a unit's obligation is submitted by an editor of that
/// unit and reviewed or extended by an editor of a level above it.
enum CampaignActions {
    static func launch(_ input: CampaignInput, request: Request) async throws -> Campaign {
        if let unitId = input.organizationId, let unit = try await Organization.find(unitId, on: request.reads) {
            try request.require(.edit, at: unit.treePath)
        }
        if let documentId = input.documentId, try await DocumentQueries.find(id: documentId, scopes: request.readableSubtrees, on: request.reads) == nil {
            throw DomainError.invalid(field: "documentId", LocalizedText(vi: "Không tìm thấy văn bản số \(documentId) trong phạm vi của bạn",
                                                                        en: "Document \(documentId) is not within your scope"))
        }
        return try await request.write(AuditSubject("campaign.launch", Campaign.self)) {
            try await CampaignCommands.launch(input, on: $0)
        }
    }

    /// Whoever may launch at the campaign's unit may change it.
    static func update(_ id: Int, _ changes: CampaignChanges, request: Request) async throws -> Campaign {
        let campaign = try await CampaignQueries.require(id, on: request.reads)
        try request.require(.edit, at: campaign.treePath)
        return try await request.write(AuditSubject("campaign.update", Campaign.self, id: id)) {
            try await CampaignCommands.update(id, changes, on: $0)
        }
    }

    static func close(_ id: Int, request: Request) async throws -> Campaign {
        let campaign = try await CampaignQueries.require(id, on: request.reads)
        try request.require(.edit, at: campaign.treePath)
        return try await request.write(AuditSubject("campaign.close", Campaign.self, id: id)) {
            try await CampaignCommands.close(id, on: $0)
        }
    }

    static func submit(_ id: Int, _ input: ObligationSubmissionInput, request: Request) async throws -> Obligation {
        let obligation = try await requireObligation(id, request: request)
        try request.require(.edit, at: TreePath(rawValue: obligation.organizationPath)!)
        return try await request.write(AuditSubject("obligation.submit", Obligation.self, id: id)) {
            try await ObligationCommands.submit(id, input, on: $0)
        }
    }

    static func review(_ id: Int, _ input: ObligationReviewInput, request: Request) async throws -> Obligation {
        try await requireLevelAbove(id, request: request)
        return try await request.write(AuditSubject("obligation.review", Obligation.self, id: id)) {
            try await ObligationCommands.review(id, input, on: $0)
        }
    }

    static func extend(_ id: Int, _ input: ObligationExtensionInput, request: Request) async throws -> Obligation {
        try await requireLevelAbove(id, request: request)
        return try await request.write(AuditSubject("obligation.extend", Obligation.self, id: id)) {
            try await ObligationCommands.extend(id, input, on: $0)
        }
    }

    /// The obligation, if the caller may read at its unit; not found otherwise.
    @discardableResult
    static func requireObligation(_ id: Int, request: Request) async throws -> Obligation {
        let obligation = try await CampaignQueries.requireObligation(id, on: request.reads)
        try request.require(.read, at: TreePath(rawValue: obligation.organizationPath)!)
        return obligation
    }

    /// Reviews and extensions belong to the levels above the unit: an editor of the unit's parent or higher.
    private static func requireLevelAbove(_ id: Int, request: Request) async throws {
        let obligation = try await requireObligation(id, request: request)
        let unitPath = TreePath(rawValue: obligation.organizationPath)!
        guard let parent = unitPath.parent, try request.requireActor().can(.edit, at: parent) else {
            throw DomainError(.forbidden, title: LocalizedText(vi: "Chỉ cấp ủy cấp trên của đơn vị mới xem xét hoặc gia hạn nhiệm vụ này",
                                                              en: "Only a level above the unit reviews or extends its obligations"))
        }
    }
}

extension Campaign: Auditable {
    static var auditEntity: String { "campaign" }
    var auditFields: [String: String?] {
        ["documentId": String(documentId), "organizationId": String(organizationId), "title": title,
         "startsOn": startsOn.iso, "endsOn": endsOn.iso, "topicYear": topicYear.map(String.init),
         "reflectionDueOn": reflectionDueOn?.iso, "gradingScale": gradingScale, "acceptsLateWork": String(acceptsLateWork),
         "status": status.rawValue]
    }

    /// A campaign's state includes its requirements' due dates, which live in rows of their own.
    static func auditSnapshot(key: String, on db: any Database) async throws -> String? {
        guard let id = Int(key), let campaign = try await Campaign.find(id, on: db) else { return nil }
        let requirements = try await CampaignQueries.requirements(of: campaign, on: db)
        var fields = campaign.auditFields
        fields["requirements"] = requirements.map { "\($0.title): \($0.dueOn.iso)" }.joined(separator: "; ")
        return try AuditSnapshot.json(fields)
    }
}

extension Obligation: Auditable {
    static var auditEntity: String { "obligation" }
    var auditFields: [String: String?] {
        ["campaignId": String(campaignId), "requirementId": String(requirementId), "organizationId": String(organizationId),
         "dueOn": dueOn.iso, "extendedUntil": extendedUntil?.iso, "extensionReason": extensionReason, "state": state.rawValue,
         "submissionCount": String(submissionCount), "evidenceDocumentId": evidenceDocumentId.map(String.init), "submittedLate": String(submittedLate)]
    }
}
