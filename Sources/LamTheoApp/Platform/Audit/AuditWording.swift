import Fluent
import Foundation
import LamTheoCore
import NIOConcurrencyHelpers
import SQLKit

/// How the audit trail reads to a person: each feature words its own actions and records (an `AuditWordingSource`
/// registered at start-up), so that the trail's pages show "Bí thư Nguyễn Văn Bình ghi điểm danh: 31 có mặt, 2 vắng
/// có lý do" and "Trực thuộc: Đảng bộ phường Bến Nghé → Đảng bộ phường Sài Gòn" without naming any feature, and
/// never the stored codes (`study.attendance`, `organizationId: 94`, ISO dates).
protocol AuditWordingSource: Sendable {
    /// The records the feature writes, by `Auditable.auditEntity`.
    var records: [AuditRecordWording] { get }
    /// The feature's actions, by the action name its writes record.
    var actions: [AuditActionWording] { get }
    /// The ids the feature can name (units, members, users…), for the fields of any record that refer to them.
    var references: [any AuditReferenceSource] { get }
    /// The feature's entries in the personal-data log, by `PersonalDataView.what`.
    var personalDataViews: [String: LocalizedText] { get }
}

extension AuditWordingSource {
    var records: [AuditRecordWording] { [] }
    var actions: [AuditActionWording] { [] }
    var references: [any AuditReferenceSource] { [] }
    var personalDataViews: [String: LocalizedText] { [:] }
}

/// A kind of id the trail's fields hold, named by the feature that owns it: `AuditReference.user` for the actor,
/// the others declared beside their features' wording (`.unit`, `.member`…).
struct AuditReference: Hashable, Sendable {
    let name: String

    init(_ name: String) {
        self.name = name
    }

    /// A user account: how the trail names the person who acted ("Bí thư Nguyễn Văn Bình").
    static let user = AuditReference("user")
    /// A Party member, whom the personal-data log names.
    static let member = AuditReference("member")
}

/// Names the ids of one `AuditReference`, all of a page's at once.
protocol AuditReferenceSource: Sendable {
    var reference: AuditReference { get }
    /// The names of those of `ids` that exist; an id it cannot name is left out (the page then says so).
    func names(of ids: Set<Int>, on db: any Database) async throws -> [Int: LocalizedText]
    /// The ids whose name holds `text` (folded with `VietnameseText.searchKey`), at most `limit`, for the trail's
    /// search by person.
    func ids(matching folded: String, limit: Int, on db: any Database) async throws -> [Int]
}

extension AuditReferenceSource {
    func ids(matching folded: String, limit: Int, on db: any Database) async throws -> [Int] { [] }
}

/// How one recorded field's text reads.
enum AuditValue: Sendable {
    /// As recorded: names, titles, notes.
    case text
    /// A day, recorded as yyyy-MM-dd: "04/12/2026".
    case day
    /// An instant, recorded as ISO 8601: "04/12/2026 19:42" in Vietnam's time.
    case instant
    /// A whole or decimal number, in the page's number format: "1.234", "97,5".
    case number
    /// "true"/"false": "có"/"không".
    case flag
    /// One of a set of coded values, with its label (`MemberStatus(rawValue:)?.label`); a code without one shows as
    /// recorded.
    case choice(@Sendable (String) -> LocalizedText?)
    /// The id of something a feature names: "Đảng bộ phường Bến Nghé".
    case reference(AuditReference)
    /// Ids separated by commas, each named.
    case references(AuditReference)
    /// A value the feature sums up itself ("31 có mặt, 2 vắng có lý do" for a recorded attendance list).
    case summary(@Sendable (String) -> LocalizedText)
}

/// A field worth showing, with its label.
struct AuditField: Sendable {
    /// The key in the recorded state (`Auditable.auditFields`).
    let key: String
    let label: LocalizedText
    let value: AuditValue

    init(_ key: String, _ label: LocalizedText, _ value: AuditValue = .text) {
        self.key = key
        self.label = label
        self.value = value
    }
}

/// How a kind of record reads: its noun, what names one, and the fields worth showing in the order shown (those not
/// listed, such as materialised paths, hashes and counters kept for the chain, are not shown).
struct AuditRecordWording: Sendable {
    /// How a sentence names one record after its noun.
    enum Naming: Sendable {
        /// No name: the noun alone ("một phiên đăng nhập").
        case none
        /// A title in quotes: buổi học tập “Học tập chuyên đề năm 2026”.
        case title(String)
        /// A name as it is: đảng viên Nguyễn Văn Bình.
        case name(String)
        /// The record's own key, named by a reference: tài khoản Nguyễn Văn Bình.
        case key(AuditReference)
        /// A field holding the id of something that names it: đảng viên Nguyễn Văn Bình (a reminder sent to them).
        case reference(String, AuditReference)
        /// A field holding the id of whom or what the record belongs to: bài thu hoạch của Nguyễn Văn Bình.
        case owner(String, AuditReference)
    }

    /// `Auditable.auditEntity`.
    let entity: String
    /// "buổi học tập", "tổ chức".
    let noun: LocalizedText
    let naming: Naming
    let fields: [AuditField]

    init(_ entity: String, noun: LocalizedText, naming: Naming = .none, fields: [AuditField]) {
        self.entity = entity
        self.noun = noun
        self.naming = naming
        self.fields = fields
    }
}

/// What the recorded states say, for an action's own summary: the fields before and after the write.
struct AuditStates: Sendable {
    let before: [String: String]
    let after: [String: String]

    /// The field after the write, or before it when the write removed the record.
    subscript(field: String) -> String? { after[field] ?? before[field] }
}

/// How one action reads: the verb phrase after the actor, which the record's noun follows ("ghi điểm danh" buổi
/// học tập), and what it came to, when the feature can say it in a few words ("31 có mặt, 2 vắng có lý do").
struct AuditActionWording: Sendable {
    /// The action name the write records: `study.attendance`.
    let action: String
    let verb: LocalizedText
    /// Whether the record's noun follows the verb; not for a verb that says it all ("đăng nhập", not "đăng nhập phiên
    /// đăng nhập"). On the trail of many records its name follows either way ("tự đánh giá, xếp loại của Trần Thị Hoa").
    let showsNoun: Bool
    /// Whether the changed fields are listed under the sentence (a sign-in's expiry is not worth a line).
    let listsChanges: Bool
    let outcome: (@Sendable (AuditStates) -> LocalizedText?)?

    init(_ action: String, _ verb: LocalizedText, showsNoun: Bool = true, listsChanges: Bool = true,
         outcome: (@Sendable (AuditStates) -> LocalizedText?)? = nil) {
        self.action = action
        self.verb = verb
        self.showsNoun = showsNoun
        self.listsChanges = listsChanges
        self.outcome = outcome
    }
}

/// Every registered source's wording, looked up by action, record and reference.
struct AuditWordings: Sendable {
    private(set) var actions: [String: AuditActionWording] = [:]
    private(set) var records: [String: AuditRecordWording] = [:]
    private(set) var references: [AuditReference: any AuditReferenceSource] = [:]
    private(set) var personalDataViews: [String: LocalizedText] = [:]

    /// Adds `source`'s wording; a later source's wording of the same name replaces the earlier one's.
    mutating func register(_ source: any AuditWordingSource) {
        for action in source.actions { actions[action.action] = action }
        for record in source.records { records[record.entity] = record }
        for reference in source.references { references[reference.reference] = reference }
        personalDataViews.merge(source.personalDataViews) { $1 }
    }

    /// The wording of `action`; an action no feature words reads "thay đổi" with its record's noun.
    func action(_ action: String) -> AuditActionWording {
        actions[action] ?? AuditActionWording(action, LocalizedText(vi: "thay đổi", en: "changed"))
    }

    /// The wording of `entity`; a record no feature words is "bản ghi" and shows no field.
    func record(_ entity: String) -> AuditRecordWording {
        records[entity] ?? AuditRecordWording(entity, noun: LocalizedText(vi: "bản ghi", en: "record"), fields: [])
    }
}

enum AuditWording {
    /// Registered once per process in `configure`, like the tree followers.
    private static let registered = NIOLockedValueBox(AuditWordings())

    static var wordings: AuditWordings { registered.withLockedValue { $0 } }

    static func register(_ source: any AuditWordingSource) {
        registered.withLockedValue { $0.register(source) }
    }
}

/// A reference named by one column of one table (`organizations.name`, `documents.symbol`), read in one query: what
/// most features' references are.
struct AuditColumnNames: AuditReferenceSource {
    let reference: AuditReference
    let table: String
    let column: String

    init(_ reference: AuditReference, table: String, column: String) {
        self.reference = reference
        self.table = table
        self.column = column
    }

    func names(of ids: Set<Int>, on db: any Database) async throws -> [Int: LocalizedText] {
        let rows = try await db.sql.select().column("id").column(SQLColumn(column), as: "name").from(table)
            .where("id", .in, Array(ids)).all()
        return try rows.reduce(into: [:]) { names, row in
            let name = try row.decode(column: "name", as: String.self)
            names[try row.decode(column: "id", as: Int.self)] = LocalizedText(vi: name, en: name)
        }
    }
}
