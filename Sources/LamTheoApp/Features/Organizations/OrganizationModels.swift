import Fluent
import LamTheoCore
import Vapor

/// A kind of Party organisation (đảng bộ tỉnh, đảng bộ cơ sở, chi bộ…). The list is data, seeded with
/// `StandardOrganizationKind` and extendable, so the tree is not tied to a fixed number of levels.
final class OrganizationKind: Model, @unchecked Sendable {
    static let schema = "organization_kinds"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name_vi") var nameVi: String
    @Field(key: "name_en") var nameEn: String
    /// Cells hold members; committees hold units.
    @Field(key: "holds_members") var holdsMembers: Bool
    /// Order in pick lists: higher levels first.
    @Field(key: "position") var position: Int

    init() {}

    init(code: String, nameVi: String, nameEn: String, holdsMembers: Bool, position: Int) {
        self.id = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.holdsMembers = holdsMembers
        self.position = position
    }

    func name(_ language: UILanguage) -> String {
        language == .vi ? nameVi : nameEn
    }
}

enum OrganizationStatus: String, Codable, Sendable {
    case active
    /// Merged into another unit (`mergedIntoId`), closed on `validTo`.
    case merged
    /// Dissolved on `validTo`.
    case dissolved
}

/// A node of the Party tree: a committee, a grassroots organisation or a cell.
final class Organization: Model, @unchecked Sendable {
    static let schema = "organizations"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "name_sort") var nameSort: String
    @Field(key: "name_search") var nameSearch: String
    @Field(key: "kind_code") var kindCode: String
    @OptionalField(key: "parent_id") var parentId: Int?
    /// See `TreePath`; the same path prefixes every descendant.
    @Field(key: "path") var path: String
    @Field(key: "depth") var depth: Int
    /// Members on the roll of this unit itself (not its subtree), kept up to date by every write that
    /// moves a member, so that subtree totals are a sum over a path range rather than a count of members.
    @Field(key: "member_count") var memberCount: Int
    @Field(key: "status") var status: OrganizationStatus
    @Field(key: "valid_from") var validFrom: CalendarDate
    @OptionalField(key: "valid_to") var validTo: CalendarDate?
    @OptionalField(key: "merged_into_id") var mergedIntoId: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var treePath: TreePath { TreePath(rawValue: path)! }
    var isActive: Bool { status == .active }

    /// Where a unit with this id hangs under `parent`, or a root when there is none.
    static func path(of id: Int, under parent: Organization?) -> TreePath {
        parent.map { $0.treePath.appending(id: id) } ?? TreePath.root(id: id)
    }
}

/// What an organisation was called, what kind it was and where it stood between two dates. A new
/// version is opened by every change (rename, move, merge, dissolution), so the tree can be read back as
/// it was on any past day, which the 2025 reorganisation makes a daily question.
final class OrganizationVersion: Model, @unchecked Sendable {
    static let schema = "organization_versions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "organization_id") var organizationId: Int
    @Field(key: "valid_from") var validFrom: CalendarDate
    /// Exclusive; nil while this is the current version.
    @OptionalField(key: "valid_to") var validTo: CalendarDate?
    @Field(key: "name") var name: String
    @Field(key: "code") var code: String
    @Field(key: "kind_code") var kindCode: String
    @OptionalField(key: "parent_id") var parentId: Int?
    @Field(key: "status") var status: OrganizationStatus
    @Field(key: "change") var change: OrganizationChange
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "recorded_at", on: .create) var recordedAt: Date?

    init() {}
}

enum OrganizationChange: String, Codable, Sendable, CaseIterable {
    case created, updated, moved, merged, dissolved

    var label: LocalizedText {
        switch self {
        case .created: return LocalizedText(vi: "Thành lập", en: "Created")
        case .updated: return LocalizedText(vi: "Đổi tên, mã hoặc loại", en: "Renamed or re-coded")
        case .moved: return LocalizedText(vi: "Chuyển trực thuộc", en: "Moved")
        case .merged: return LocalizedText(vi: "Hợp nhất vào đơn vị khác", en: "Merged into another unit")
        case .dissolved: return LocalizedText(vi: "Giải thể", en: "Dissolved")
        }
    }
}
