import Fluent
import Foundation
import LamTheoCore
import SQLKit

/// What a new organisation needs (also the API's body). Text arrives as typed; the command tidies and checks it.
struct NewOrganization: Codable, Sendable {
    var name: String?
    var code: String?
    var kindCode: String?
    var parentId: Int?
    /// The day it was founded; today when absent.
    var validFrom: String?
}

/// A change of name, code or kind, effective on a day (today when absent). Also the API's body.
struct OrganizationChanges: Codable, Sendable {
    var name: String?
    var code: String?
    var kindCode: String?
    var effectiveOn: String?
}

/// A kind of organisation an installation adds to the standard list (e.g. "Đảng bộ Quân khu").
struct NewOrganizationKind: Codable, Sendable {
    var code: String?
    var nameVi: String?
    var nameEn: String?
    var holdsMembers: Bool?
    /// Order in pick lists; after the standard kinds when absent.
    var position: Int?
}

/// The writes on the organisation tree. Each checks everything first and throws `DomainError` without
/// writing; callers run it inside an audited `write(_:)` (see `OrganizationActions`) so that it is one transaction.
enum OrganizationCommands {
    static func create(_ input: NewOrganization, on db: any Database) async throws -> Organization {
        let kinds = try await OrganizationQueries.kindsByCode(on: db)
        let parent = try await input.parentId.asyncMap { try await Organization.find($0, on: db) } ?? nil
        let organization = try checkedNew(input, kinds: kinds, parent: parent)
        try await requireUniqueCode(organization.code, except: nil, on: db)
        // The final path needs the id the database assigns; the parent's path is a placeholder until then.
        organization.path = parent?.path ?? "/"
        try await organization.create(on: db)
        organization.path = Organization.path(of: organization.requireID(), under: parent).rawValue
        try await organization.save(on: db)
        let foundedOn = organization.validFrom
        try await OrganizationHistory.open(organization, change: .created, on: foundedOn, note: nil, db: db)
        try await TreeFollowers.publish(TreeChange(.created, subtree: organization.treePath, effectiveOn: foundedOn), on: db)
        return organization
    }

    /// Everything `create` checks that needs no database, and the new unit's columns but its id and path.
    /// The spreadsheet import checks its rows with it and writes them in bulk. `parent` is nil when
    /// `input.parentId` is nil or names no unit; the code's uniqueness is the caller's to check.
    static func checkedNew(_ input: NewOrganization, kinds: [String: OrganizationKind], parent: Organization?) throws -> Organization {
        var validator = Validator()
        let name = validator.requiredText(input.name, field: "name", label: Labels.name)
        let code = validator.code(input.code)
        let validFrom = validator.optionalDate(input.validFrom, field: "validFrom", label: Labels.validFrom) ?? CalendarDate.today()
        let kind = validator.kind(input.kindCode, among: kinds)
        if let parent {
            validator.canHoldUnits(parent, field: "parentId")
            if kinds[parent.kindCode]?.holdsMembers == true {
                validator.add("parentId", LocalizedText(vi: "Chi bộ không có tổ chức đảng trực thuộc", en: "A cell cannot have units under it"))
            }
        } else if input.parentId != nil {
            validator.add("parentId", Labels.noSuchParent)
        }
        try validator.throwIfInvalid()

        let organization = Organization()
        organization.code = code
        organization.name = name
        organization.nameSort = VietnameseText.sortKey(name)
        organization.nameSearch = VietnameseText.searchKey(name)
        organization.kindCode = kind!.id!
        organization.parentId = parent?.id
        organization.depth = (parent?.depth ?? -1) + 1
        organization.memberCount = 0
        organization.status = .active
        organization.validFrom = validFrom
        return organization
    }

    /// Units from `checkedNew`, given their ids (`BulkInsert.reserveIds`) and paths, written in bulk with
    /// their first versions and obligations: what `create` writes one unit at a time, for imports and
    /// generated data.
    static func createAll(_ units: [Organization], on db: any Database) async throws {
        let now = Date()
        try await BulkInsert.rows(units.lazy.map { unit -> [BulkInsert.Value] in
            [.integer(unit.id), .text(unit.code), .text(unit.name), .text(unit.nameSort), .text(unit.nameSearch), .text(unit.kindCode),
             .integer(unit.parentId), .text(unit.path), .integer(unit.depth), .integer(unit.memberCount), .text(unit.status.rawValue),
             .day(unit.validFrom), .instant(now), .instant(now)]
        }, into: Organization.schema, columns: ["id", "code", "name", "name_sort", "name_search", "kind_code", "parent_id", "path", "depth",
                                                "member_count", "status", "valid_from", "created_at", "updated_at"], on: db)
        try await BulkInsert.rows(units.lazy.map { unit -> [BulkInsert.Value] in
            [.integer(unit.id), .day(unit.validFrom), .text(unit.name), .text(unit.code), .text(unit.kindCode), .integer(unit.parentId),
             .text(unit.status.rawValue), .text(OrganizationChange.created.rawValue), .instant(now)]
        }, into: OrganizationVersion.schema, columns: ["organization_id", "valid_from", "name", "code", "kind_code", "parent_id", "status",
                                                       "change", "recorded_at"], on: db)
        // One set-based statement per new subtree: the units whose parent is not new themselves.
        let ids = Set(units.compactMap(\.id))
        for top in units where !(top.parentId.map(ids.contains) ?? false) {
            try await TreeFollowers.publish(TreeChange(.created, subtree: top.treePath, effectiveOn: top.validFrom), on: db)
        }
    }

    static func createKind(_ input: NewOrganizationKind, on db: any Database) async throws -> OrganizationKind {
        var validator = Validator()
        let code = (input.code ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if code.isEmpty || code.count > 40 || !code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            validator.add("code", LocalizedText(vi: "Mã loại chỉ gồm chữ thường không dấu, chữ số và dấu - (tối đa 40 ký tự)",
                                                en: "A kind code has only lowercase ASCII letters, digits and - (at most 40 characters)"))
        }
        let nameVi = validator.requiredText(input.nameVi, field: "nameVi", label: LocalizedText(vi: "Tên tiếng Việt", en: "Vietnamese name"))
        let nameEn = validator.requiredText(input.nameEn, field: "nameEn", label: LocalizedText(vi: "Tên tiếng Anh", en: "English name"))
        validator.check(input.holdsMembers != nil, "holdsMembers",
                        LocalizedText(vi: "Cần cho biết loại này có phải chi bộ (có đảng viên) không", en: "Say whether this kind is a cell (holds members)"))
        try validator.throwIfInvalid()
        if try await OrganizationKind.find(code, on: db) != nil {
            throw DomainError.conflict(field: "code", LocalizedText(vi: "Đã có loại tổ chức mã \(code)", en: "Kind \(code) already exists"))
        }
        let kind = OrganizationKind(code: code, nameVi: nameVi, nameEn: nameEn, holdsMembers: input.holdsMembers!,
                                    position: input.position ?? (StandardOrganizationKind.allCases.count * 10))
        try await kind.create(on: db)
        return kind
    }

    static func update(_ id: Int, _ changes: OrganizationChanges, on db: any Database) async throws -> Organization {
        let organization = try await OrganizationQueries.require(id, on: db)
        var validator = Validator()
        validator.canChange(organization)
        let name = changes.name.map { validator.requiredText($0, field: "name", label: Labels.name) }
        let code = changes.code.map { validator.code($0) }
        let kind = changes.kindCode == nil ? nil : validator.kind(changes.kindCode, among: try await OrganizationQueries.kindsByCode(on: db))
        let effectiveOn = try await validator.effectiveDate(changes.effectiveOn, for: organization, on: db)
        if let kind, kind.holdsMembers, try await OrganizationQueries.hasActiveChildren(organization, on: db) {
            validator.add("kindCode", LocalizedText(vi: "Đơn vị còn tổ chức trực thuộc nên không thể là chi bộ",
                                                    en: "The unit still has units under it, so it cannot be a cell"))
        }
        if let kind, !kind.holdsMembers, organization.memberCount > 0 {
            validator.add("kindCode", LocalizedText(vi: "Đơn vị còn đảng viên sinh hoạt nên phải là chi bộ",
                                                    en: "The unit still has members, so it must be a cell"))
        }
        try validator.throwIfInvalid()
        if let code, code != organization.code {
            try await requireUniqueCode(code, except: id, on: db)
        }
        let before = (organization.name, organization.code, organization.kindCode)
        if let name {
            organization.name = name
            organization.nameSort = VietnameseText.sortKey(name)
            organization.nameSearch = VietnameseText.searchKey(name)
        }
        if let code { organization.code = code }
        if let kind { organization.kindCode = kind.id! }
        guard before != (organization.name, organization.code, organization.kindCode) else { return organization }
        try await organization.save(on: db)
        try await OrganizationHistory.open(organization, change: .updated, on: effectiveOn, note: nil, db: db)
        if before.2 != organization.kindCode {
            try await TreeFollowers.publish(TreeChange(.rekinded, subtree: organization.treePath, effectiveOn: effectiveOn), on: db)
        }
        return organization
    }

    /// Moves a unit with everything under it to hang under `parentId`.
    static func move(_ id: Int, under parentId: Int?, effectiveOn rawDate: String?, on db: any Database) async throws -> Organization {
        try await TreeShapeLock.takeAlone(on: db)
        let organization = try await OrganizationQueries.require(id, on: db)
        var validator = Validator()
        validator.canChange(organization)
        let effectiveOn = try await validator.effectiveDate(rawDate, for: organization, on: db)
        guard let parentId else {
            validator.add("parentId", LocalizedText(vi: "Chưa chọn đơn vị cấp trên mới", en: "Choose the new parent unit"))
            throw DomainError.invalid(validator.errors)
        }
        let parent = try await Organization.find(parentId, on: db)
        if let parent {
            validator.canHoldUnits(parent, field: "parentId")
            if organization.treePath.contains(parent.treePath) {
                validator.add("parentId", LocalizedText(
                    vi: "Không thể chuyển đơn vị vào chính nó hoặc một đơn vị trực thuộc nó",
                    en: "A unit cannot be moved under itself or one of its own units"))
            } else if parent.id == organization.parentId {
                validator.add("parentId", LocalizedText(vi: "Đơn vị đã trực thuộc \(parent.name)", en: "The unit is already under \(parent.name)"))
            }
            if let parentKind = try await OrganizationKind.find(parent.kindCode, on: db), parentKind.holdsMembers {
                validator.add("parentId", LocalizedText(vi: "Chi bộ không có tổ chức đảng trực thuộc", en: "A cell cannot have units under it"))
            }
        } else {
            validator.add("parentId", Labels.noSuchParent)
        }
        try validator.throwIfInvalid()
        let formerParent = Set([organization.parentId].compactMap { $0 })
        try await rehang(organization, under: parent!, on: db)
        try await OrganizationHistory.open(organization, change: .moved, on: effectiveOn, note: nil, db: db)
        try await TreeFollowers.publish(TreeChange(.moved, subtree: organization.treePath, formerChains: formerParent, effectiveOn: effectiveOn), on: db)
        return organization
    }

    /// Merges `sourceId` into `targetId`: the source's units and members go to the target, and the source
    /// is closed with a link to where it went.
    static func merge(_ sourceId: Int, into targetId: Int?, effectiveOn rawDate: String?, on db: any Database) async throws -> Organization {
        try await TreeShapeLock.takeAlone(on: db)
        let source = try await OrganizationQueries.require(sourceId, on: db)
        var validator = Validator()
        validator.canChange(source)
        let effectiveOn = try await validator.effectiveDate(rawDate, for: source, on: db)
        guard let targetId, let target = try await Organization.find(targetId, on: db) else {
            validator.add("targetId", LocalizedText(vi: "Không tìm thấy đơn vị nhận hợp nhất", en: "The unit to merge into was not found"))
            throw DomainError.invalid(validator.errors)
        }
        if !target.isActive {
            validator.add("targetId", LocalizedText(vi: "Không thể hợp nhất vào đơn vị đã đóng (\(target.name))",
                                                    en: "Cannot merge into a closed unit (\(target.name))"))
        } else if source.treePath.contains(target.treePath) {
            validator.add("targetId", LocalizedText(vi: "Không thể hợp nhất đơn vị vào chính nó hoặc đơn vị trực thuộc nó",
                                                    en: "A unit cannot be merged into itself or one of its own units"))
        }
        let targetKind = try await OrganizationKind.find(target.kindCode, on: db)
        let children = try await OrganizationQueries.activeChildren(of: source, on: db)
        if source.memberCount > 0, targetKind?.holdsMembers == false {
            validator.add("targetId", LocalizedText(vi: "Đơn vị có đảng viên chỉ hợp nhất được vào một chi bộ",
                                                    en: "A unit with members can only be merged into a cell"))
        }
        if !children.isEmpty, targetKind?.holdsMembers == true {
            validator.add("targetId", LocalizedText(vi: "Đơn vị có tổ chức trực thuộc không hợp nhất được vào một chi bộ",
                                                    en: "A unit with units under it cannot be merged into a cell"))
        }
        try validator.throwIfInvalid()

        for child in children {
            try await rehang(child, under: target, on: db)
            try await OrganizationHistory.open(child, change: .moved, on: effectiveOn,
                                               note: "Hợp nhất \(source.name) vào \(target.name)", db: db)
        }
        source.status = .merged
        source.validTo = effectiveOn
        source.mergedIntoId = target.id
        try await source.save(on: db)
        try await OrganizationHistory.open(source, change: .merged, on: effectiveOn, note: target.name, db: db)
        try await TreeFollowers.publish(TreeChange(.merged, subtree: target.treePath, formerChains: [source.requireID()],
                                                   merged: (source, target), effectiveOn: effectiveOn), on: db)
        // The followers moved the members: the stored counts are theirs.
        return try await OrganizationQueries.require(target.requireID(), on: db)
    }

    /// Closes a unit that no longer has members or units under it.
    static func dissolve(_ id: Int, effectiveOn rawDate: String?, note: String?, on db: any Database) async throws -> Organization {
        let organization = try await OrganizationQueries.require(id, on: db)
        var validator = Validator()
        validator.canChange(organization)
        let effectiveOn = try await validator.effectiveDate(rawDate, for: organization, on: db)
        let reason = validator.optionalText(note, field: "note", label: LocalizedText(vi: "Ghi chú", en: "Note"), maxLength: 1000)
        let childCount = try await OrganizationQueries.activeChildCount(of: organization, on: db)
        if childCount > 0 || organization.memberCount > 0 {
            validator.add("id", LocalizedText(
                vi: "Đơn vị còn \(VietnameseFormat.integer(childCount)) tổ chức trực thuộc và \(VietnameseFormat.integer(organization.memberCount)) đảng viên: hãy chuyển hoặc hợp nhất trước khi giải thể",
                en: "The unit still has \(childCount) units and \(organization.memberCount) members: move or merge them before dissolving it"))
        }
        try validator.throwIfInvalid()
        organization.status = .dissolved
        organization.validTo = effectiveOn
        try await organization.save(on: db)
        try await OrganizationHistory.open(organization, change: .dissolved, on: effectiveOn, note: reason, db: db)
        try await TreeFollowers.publish(TreeChange(.dissolved, subtree: organization.treePath, effectiveOn: effectiveOn), on: db)
        return organization
    }

    /// Re-roots the subtree of `organization` under `parent`: every descendant's path and depth, and the
    /// path copied onto their members and campaign rows (`TreePathCopies`), in set-based statements whatever the subtree's size.
    /// The caller holds `TreeShapeLock` alone, so no other write is copying a path meanwhile.
    private static func rehang(_ organization: Organization, under parent: Organization, on db: any Database) async throws {
        let oldPath = organization.treePath
        let newPath = parent.treePath.appending(id: organization.requireID())
        let depthChange = parent.depth + 1 - organization.depth
        try await db.sql.raw("""
            UPDATE organizations
            SET path = CAST(\(bind: newPath.rawValue) AS TEXT) || substr(path, CAST(\(bind: oldPath.rawValue.count + 1) AS INTEGER)),
                depth = depth + \(bind: depthChange)
            WHERE \(column: "path", in: oldPath)
            """).run()
        try await TreePathCopies.rebase(from: oldPath, to: newPath, on: db)
        organization.parentId = parent.id
        organization.path = newPath.rawValue
        organization.depth += depthChange
        try await organization.save(on: db)
    }

    private static func requireUniqueCode(_ code: String, except id: Int?, on db: any Database) async throws {
        var query = Organization.query(on: db).filter(\.$code == code)
        if let id { query = query.filter(\.$id != id) }
        if let existing = try await query.first() {
            throw DomainError.conflict(field: "code", LocalizedText(vi: "Mã \(code) đã được dùng cho \(existing.name)",
                                                                     en: "Code \(code) is already used by \(existing.name)"))
        }
    }
}

/// Labels shared by the organisation forms, the API and the commands.
enum Labels {
    static let name = LocalizedText(vi: "Tên", en: "Name")
    static let code = LocalizedText(vi: "Mã đơn vị", en: "Unit code")
    static let kind = LocalizedText(vi: "Loại tổ chức", en: "Kind")
    static let parent = LocalizedText(vi: "Trực thuộc", en: "Parent unit")
    static let validFrom = LocalizedText(vi: "Ngày thành lập", en: "Founded on")
    static let effectiveOn = LocalizedText(vi: "Ngày hiệu lực", en: "Effective date")
    static let noSuchParent = LocalizedText(vi: "Không tìm thấy đơn vị cấp trên", en: "The parent unit was not found")
}

private extension Validator {
    /// Unit codes are short identifiers people type and spreadsheets carry: ASCII letters, digits and `- _ . /`.
    mutating func code(_ raw: String?) -> String {
        let code = (raw ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let allowed = code.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_./".unicodeScalars.contains($0) }
        if code.isEmpty {
            add("code", LocalizedText(vi: "Mã đơn vị không được để trống", en: "Unit code must not be empty"))
        } else if !allowed || code.count > 40 {
            add("code", LocalizedText(vi: "Mã đơn vị chỉ gồm chữ không dấu, chữ số và các dấu - _ . / (tối đa 40 ký tự)",
                                      en: "A unit code has only ASCII letters, digits and - _ . / (at most 40 characters)"))
        }
        return code
    }

    mutating func kind(_ code: String?, among kinds: [String: OrganizationKind]) -> OrganizationKind? {
        guard let code, !code.isEmpty else {
            add("kindCode", LocalizedText(vi: "Chưa chọn loại tổ chức", en: "Choose the kind of unit"))
            return nil
        }
        guard let kind = kinds[code] else {
            add("kindCode", LocalizedText(vi: "Không có loại tổ chức “\(code)”", en: "There is no kind “\(code)”"))
            return nil
        }
        return kind
    }

    mutating func canChange(_ organization: Organization) {
        if !organization.isActive {
            add("id", LocalizedText(vi: "\(organization.name) đã đóng từ \(organization.validTo?.vietnamese ?? "") nên không thể thay đổi",
                                    en: "\(organization.name) was closed on \(organization.validTo?.iso ?? "") and cannot be changed"))
        }
    }

    mutating func canHoldUnits(_ parent: Organization, field: String) {
        if !parent.isActive {
            add(field, LocalizedText(vi: "Đơn vị cấp trên \(parent.name) đã đóng", en: "The parent unit \(parent.name) is closed"))
        }
    }

    /// Changes take effect on a day no earlier than the unit's last change: history is appended, not rewritten.
    mutating func effectiveDate(_ raw: String?, for organization: Organization, on db: any Database) async throws -> CalendarDate {
        let date = optionalDate(raw, field: "effectiveOn", label: Labels.effectiveOn) ?? CalendarDate.today()
        if let start = try await OrganizationHistory.currentStart(of: organization, on: db), date < start {
            add("effectiveOn", LocalizedText(vi: "Ngày hiệu lực phải từ \(start.vietnamese) (lần thay đổi gần nhất) trở đi",
                                             en: "The effective date must be on or after \(start.vietnamese), the last change"))
        }
        return date
    }
}
