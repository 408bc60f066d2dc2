import Fluent
import Foundation
import LamTheoCore
import LamTheoDocx

/// Which report: the kinds drafted from a unit's figures over a period.
enum ReportKind: String, Codable, Sendable, CaseIterable {
    /// Báo cáo sơ kết: part-way through.
    case interim
    /// Báo cáo tổng kết: at the end.
    case final
    /// Báo cáo kết quả thực hiện: one campaign's results.
    case campaign

    var label: LocalizedText {
        switch self {
        case .interim: return LocalizedText(vi: "Báo cáo sơ kết", en: "Interim report")
        case .final: return LocalizedText(vi: "Báo cáo tổng kết", en: "Final report")
        case .campaign: return LocalizedText(vi: "Báo cáo kết quả thực hiện một đợt", en: "Campaign result report")
        }
    }

    /// The subject's first words: "Sơ kết", "Tổng kết", "Kết quả thực hiện".
    var verb: String {
        switch self {
        case .interim: return "Sơ kết"
        case .final: return "Tổng kết"
        case .campaign: return "Kết quả thực hiện"
        }
    }
}

/// Where a draft is: its figures being gathered by a background job, ready to edit and issue, or the gathering failed.
enum ReportStatus: String, Codable, Sendable, CaseIterable {
    case composing
    case draft
    case failed

    var label: LocalizedText {
        switch self {
        case .composing: return LocalizedText(vi: "Đang tổng hợp số liệu", en: "Gathering figures")
        case .draft: return LocalizedText(vi: "Dự thảo", en: "Draft")
        case .failed: return LocalizedText(vi: "Tổng hợp số liệu không thành", en: "Gathering the figures failed")
        }
    }
}

/// The parts of a report in the usual order, each with the author's text. The parts under "II. KẾT QUẢ THỰC HIỆN"
/// also hold the figures of the dashboards' sections of their topic.
enum ReportPart: String, Codable, Sendable, CaseIterable {
    case situation, leadership, study, practice, example, exemplars, shortcomings, lessons, directions, proposals

    /// The heading as the document writes it.
    var heading: String {
        switch self {
        case .situation: return "I. ĐẶC ĐIỂM TÌNH HÌNH"
        case .leadership: return "1. Công tác lãnh đạo, chỉ đạo"
        case .study: return "2. Công tác quán triệt, học tập"
        case .practice: return "3. Việc làm theo"
        case .example: return "4. Việc nêu gương, đánh giá, xếp loại"
        case .exemplars: return "5. Điển hình tiên tiến"
        case .shortcomings: return "III. HẠN CHẾ, NGUYÊN NHÂN"
        case .lessons: return "IV. BÀI HỌC KINH NGHIỆM"
        case .directions: return "V. PHƯƠNG HƯỚNG, NHIỆM VỤ"
        case .proposals: return "VI. KIẾN NGHỊ, ĐỀ XUẤT"
        }
    }

    /// The dashboards' topic whose figures this part shows, for the parts under "II. KẾT QUẢ THỰC HIỆN".
    var topic: DashboardTopic? {
        switch self {
        case .leadership: return .leadership
        case .study: return .study
        case .practice: return .practice
        case .example: return .example
        case .exemplars: return .exemplars
        case .situation, .shortcomings, .lessons, .directions, .proposals: return nil
        }
    }
}

/// A report being drafted for a unit's subtree, from its dashboard on `day` over `period`: the header and signature as
/// the author set them, the narrative of each part, and the figures read when it was drafted (or refreshed).
final class Report: Model, @unchecked Sendable {
    static let schema = "reports"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "kind") var kind: ReportKind
    @Field(key: "day") var day: CalendarDate
    @Field(key: "period") var period: ReportingPeriod
    /// A campaign's result report: the campaign whose figures alone it shows.
    @OptionalField(key: "campaign_id") var campaignId: Int?
    @Field(key: "status") var status: ReportStatus
    /// The job gathering the figures, while composing.
    @OptionalField(key: "job_id") var jobId: String?
    /// `DashboardShow.Model` as JSON; nil until gathered.
    @OptionalField(key: "figures") var figuresJSON: String?
    @Field(key: "subject") var subject: String
    @Field(key: "place") var place: String
    @Field(key: "superior_body") var superiorBody: String
    @Field(key: "issuing_body") var issuingBody: String
    @Field(key: "authority") var authority: String
    @Field(key: "signer_title") var signerTitle: String
    @Field(key: "signer_name") var signerName: String
    @Field(key: "recipients") var recipientsJSON: String
    @Field(key: "narratives") var narrativesJSON: String
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var recipients: [String] {
        get { (try? JSONDecoder().decode([String].self, from: Data(recipientsJSON.utf8))) ?? [] }
        set { recipientsJSON = Self.json(newValue) }
    }

    var narratives: [ReportPart: String] {
        get {
            let stored = (try? JSONDecoder().decode([String: String].self, from: Data(narrativesJSON.utf8))) ?? [:]
            return stored.reduce(into: [:]) { parts, entry in
                if let part = ReportPart(rawValue: entry.key) { parts[part] = entry.value }
            }
        }
        set { narrativesJSON = Self.json(Dictionary(uniqueKeysWithValues: newValue.map { ($0.key.rawValue, $0.value) })) }
    }

    /// The figures as gathered; nil while composing.
    var figures: DashboardShow.Model? {
        get { figuresJSON.flatMap { try? JSONDecoder().decode(DashboardShow.Model.self, from: Data($0.utf8)) } }
        set { figuresJSON = newValue.map(Self.json) }
    }

    private static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}

/// A version of a report as issued: the document registered for it, the `PartyDocument` it was rendered from, the
/// format's version, and the stored files (named by their SHA-256 in the file store), which later downloads serve as
/// they are.
final class ReportVersion: Model, @unchecked Sendable {
    static let schema = "report_versions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "report_id") var reportId: Int
    @Field(key: "version") var version: Int
    @Field(key: "document_id") var documentId: Int
    /// `PartyDocumentFormat.identifier`.
    @Field(key: "format") var format: String
    @Field(key: "content") var content: String
    /// The DOCX's SHA-256, which is its key in the file store.
    @Field(key: "docx_key") var docxKey: String
    @Field(key: "docx_size") var docxSize: Int
    @Field(key: "xlsx_key") var xlsxKey: String
    @Field(key: "xlsx_size") var xlsxSize: Int
    @Field(key: "issued_by") var issuedBy: String
    @Field(key: "issued_at") var issuedAt: Date

    init() {}

    var document: PartyDocument? {
        try? JSONDecoder().decode(PartyDocument.self, from: Data(content.utf8))
    }
}

extension Report: Auditable {
    static var auditEntity: String { "report" }
    var auditFields: [String: String?] {
        ["organizationId": String(organizationId), "kind": kind.rawValue, "campaignId": campaignId.map(String.init), "day": day.iso, "period": period.rawValue, "status": status.rawValue,
         "subject": subject, "place": place, "superiorBody": superiorBody, "issuingBody": issuingBody, "authority": authority,
         "signerTitle": signerTitle, "signerName": signerName, "recipients": recipients.joined(separator: "\n"),
         "narratives": narrativesJSON]
    }
}

extension ReportVersion: Auditable {
    static var auditEntity: String { "report-version" }
    var auditFields: [String: String?] {
        ["reportId": String(reportId), "version": String(version), "documentId": String(documentId), "format": format,
         "docxSha256": docxKey, "xlsxSha256": xlsxKey]
    }
}
