import Fluent
import Foundation
import LamTheoCore
import SQLKit

/// An exemplar (mô hình hay, cách làm sáng tạo, gương điển hình): a person, a collective or a model of one
/// unit, following a campaign or a topic, with what it achieved; nominated by the unit or its parent,
/// verified by the level above, commended, replicated by other units.
final class Exemplar: Model, @unchecked Sendable {
    static let schema = "exemplars"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "kind") var kind: ExemplarKind
    @Field(key: "title") var title: String
    /// What it did, in words; its figures are `ExemplarFigure` rows.
    @OptionalField(key: "summary") var summary: String?
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    /// The person, for an individual.
    @OptionalField(key: "member_id") var memberId: Int?
    /// The theme: a campaign, or a topic in words.
    @OptionalField(key: "campaign_id") var campaignId: Int?
    @OptionalField(key: "topic") var topic: String?
    @Field(key: "state") var state: ExemplarState
    /// The unit that nominated it: the unit itself or its parent.
    @Field(key: "nominated_by_id") var nominatedById: Int
    @Field(key: "nominated_on") var nominatedOn: CalendarDate
    /// The level above that verified it, when, and what it checked.
    @OptionalField(key: "verified_by_id") var verifiedById: Int?
    @OptionalField(key: "verified_on") var verifiedOn: CalendarDate?
    @OptionalField(key: "verification_note") var verificationNote: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var treePath: TreePath { TreePath(rawValue: organizationPath)! }
}

/// A figure before and after (an exemplar's), or after only (an adoption's results).
final class ExemplarFigure: Model, @unchecked Sendable {
    static let schema = "exemplar_figures"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "exemplar_id") var exemplarId: Int
    @OptionalField(key: "adoption_id") var adoptionId: Int?
    @Field(key: "indicator") var indicator: String
    @OptionalField(key: "before_value") var before: Double?
    @Field(key: "after_value") var after: Double
    @OptionalField(key: "measure_unit") var measureUnit: String?

    init() {}
}

/// The kinds of record an exemplar may grow from.
enum ExemplarSourceKind: String, Codable, Sendable, CaseIterable {
    case commitment
    case breakthrough
}

/// A commitment or breakthrough the exemplar grew from.
final class ExemplarLink: Model, @unchecked Sendable {
    static let schema = "exemplar_links"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "exemplar_id") var exemplarId: Int
    @Field(key: "source_kind") var sourceKind: ExemplarSourceKind
    @Field(key: "source_id") var sourceId: Int

    init() {}
}

/// An evidence file (a PDF, DOCX, JPEG or PNG) kept in the attachment store, with what it shows.
final class ExemplarEvidence: Model, EvidenceCarrying, @unchecked Sendable {
    static let schema = "exemplar_evidence"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "exemplar_id") var exemplarId: Int
    @OptionalField(key: "description") var details: String?
    @OptionalField(key: "evidence_key") var evidenceKey: String?
    @OptionalField(key: "evidence_name") var evidenceName: String?
    @OptionalField(key: "evidence_type") var evidenceType: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// What happened to an exemplar, dated.
enum ExemplarAction: String, Codable, Sendable, CaseIterable {
    case nominated
    case verified
    case commended
    case replicationRequested = "replication_requested"
    case adopted
    case evidenceAdded = "evidence_added"
    case handedOver = "handed_over"

    var label: LocalizedText {
        switch self {
        case .nominated: return LocalizedText(vi: "Đề nghị", en: "Nominated")
        case .verified: return LocalizedText(vi: "Thẩm định", en: "Verified")
        case .commended: return LocalizedText(vi: "Khen thưởng", en: "Commended")
        case .replicationRequested: return LocalizedText(vi: "Giao nhân rộng", en: "Replication requested")
        case .adopted: return LocalizedText(vi: "Nhân rộng tại đơn vị", en: "Adopted")
        case .evidenceAdded: return LocalizedText(vi: "Bổ sung minh chứng", en: "Evidence added")
        case .handedOver: return LocalizedText(vi: "Chuyển cho đơn vị hợp nhất", en: "Handed over with a merger")
        }
    }
}

final class ExemplarEvent: Model, @unchecked Sendable {
    static let schema = "exemplar_events"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "exemplar_id") var exemplarId: Int
    @Field(key: "action") var action: ExemplarAction
    @Field(key: "on_date") var onDate: CalendarDate
    @OptionalField(key: "actor") var actor: String?
    /// The unit that acted: the nominating, verifying, granting, requesting or adopting unit.
    @OptionalField(key: "organization_id") var organizationId: Int?
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    convenience init(exemplar: Int, _ action: ExemplarAction, on day: CalendarDate, by actor: String?, unit: Int?, note: String? = nil) {
        self.init()
        exemplarId = exemplar
        self.action = action
        onDate = day
        self.actor = actor
        organizationId = unit
        self.note = note
    }
}

/// A commendation (khen thưởng): the form, the granting unit, its decision (a registered document) and the day.
final class Commendation: Model, @unchecked Sendable {
    static let schema = "commendations"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "exemplar_id") var exemplarId: Int
    @Field(key: "form") var form: CommendationForm
    @Field(key: "granting_organization_id") var grantingOrganizationId: Int
    @Field(key: "document_id") var documentId: Int
    @Field(key: "granted_on") var grantedOn: CalendarDate
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Another unit adopting an exemplar (nhân rộng), with its results.
final class ExemplarAdoption: Model, @unchecked Sendable {
    static let schema = "exemplar_adoptions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "exemplar_id") var exemplarId: Int
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "organization_path") var organizationPath: String
    @Field(key: "adopted_on") var adoptedOn: CalendarDate
    @Field(key: "results") var results: String
    /// The replication task it reported on, when the unit was asked to replicate.
    @OptionalField(key: "task_id") var taskId: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A stored rule of commendation authority (see `CommendationAuthorityRule`).
final class CommendationAuthorityRecord: Model, @unchecked Sendable {
    static let schema = "commendation_authority"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "organization_kind") var organizationKind: String
    @Field(key: "form") var form: CommendationForm
    @Field(key: "valid_from") var validFrom: CalendarDate
    @OptionalField(key: "valid_to") var validTo: CalendarDate?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var rule: CommendationAuthorityRule {
        CommendationAuthorityRule(organizationKind: organizationKind, form: form, validFrom: validFrom, validTo: validTo)
    }
}

extension Exemplar: Auditable {
    static var auditEntity: String { "exemplar" }
    var auditFields: [String: String?] {
        ["kind": kind.rawValue, "title": title, "summary": summary, "organizationId": String(organizationId), "memberId": memberId.map(String.init),
         "campaignId": campaignId.map(String.init), "topic": topic, "state": state.rawValue, "nominatedById": String(nominatedById),
         "nominatedOn": nominatedOn.iso, "verifiedById": verifiedById.map(String.init), "verifiedOn": verifiedOn?.iso,
         "verificationNote": verificationNote]
    }

    /// The exemplar with its commendations and adoptions: each of them is one of its steps.
    static func auditSnapshot(key: String, on db: any Database) async throws -> String? {
        guard let id = Int(key), let exemplar = try await Exemplar.find(id, on: db) else { return nil }
        var fields = exemplar.auditFields
        let commendations = try await Commendation.query(on: db).filter(\.$exemplarId == id).sort(\.$id).all()
        if !commendations.isEmpty {
            fields["commendations"] = commendations.map { "\($0.form.rawValue) \($0.grantingOrganizationId) \($0.documentId) \($0.grantedOn.iso)" }
                .joined(separator: "; ")
        }
        let adoptions = try await ExemplarAdoption.query(on: db).filter(\.$exemplarId == id).sort(\.$id).all()
        if !adoptions.isEmpty {
            fields["adoptions"] = adoptions.map { "\($0.organizationId) \($0.adoptedOn.iso)" }.joined(separator: "; ")
        }
        let evidence = try await ExemplarEvidence.query(on: db).filter(\.$exemplarId == id).count()
        if evidence > 0 { fields["evidenceFiles"] = String(evidence) }
        return try AuditSnapshot.json(fields)
    }
}
