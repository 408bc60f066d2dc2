import Fluent
import Foundation
import LamTheoCore
import Vapor

/// The library's writes and reads as a caller makes them, shared by the pages and the API. Items are managed with the
/// capability that writes a committee's documents, `edit` at the item's unit: the library is the committee's study
/// material beside its register, kept by the officers who launch its campaigns (the portal's `publish` is for the news
/// site's editors, who read nothing else). A reader who may not edit gets a 403; one who cannot even read the item, a
/// 404. Every write empties the public pages' cache (a public item may have changed).
enum LibraryActions {
    /// The units where the caller may add items: the scopes of their grants that edit (an administrator's top units).
    static func editableUnits(_ actor: Actor, on db: any Database) async throws -> [Organization] {
        let units: [Organization]
        if actor.isAdministrator {
            units = try await Organization.query(on: db).filter(\.$parentId == nil).all()
        } else {
            let scopes = actor.grants.compactMap(\.scope).filter { actor.can(.edit, at: $0) }.map(\.rawValue)
            units = try await Organization.query(on: db).filter(\.$path ~~ scopes).all()
        }
        return units.filter { $0.status == .active }.sorted { VietnameseText.precedes($0.name, $1.name) }
    }

    static func create(_ input: LibraryItemInput, upload: (name: String?, data: Data)?, request: Request) async throws -> LibraryItem {
        let actor = try request.requireActor()
        guard let unitId = input.organizationId, let unit = try await Organization.find(unitId, on: request.reads) else {
            throw DomainError.invalid(field: "organizationId", LocalizedText(vi: "Chọn đơn vị sở hữu tài liệu", en: "Choose the unit the item belongs to"))
        }
        try request.require(.edit, at: unit.treePath)
        let store = request.application.documentFiles
        return try await written(request) {
            try await request.write(AuditSubject("library.create", LibraryItem.self)) { db in
                try await LibraryCommands.save(input, upload: upload, id: nil, unit: unit, by: (actor.userId, actor.displayName), store: store, on: db)
            }
        }
    }

    /// A new version of the item; the unit stays the item's.
    static func revise(_ id: Int, _ input: LibraryItemInput, upload: (name: String?, data: Data)?, request: Request) async throws -> LibraryItem {
        let actor = try request.requireActor()
        let (_, unit) = try await requireEditable(id, request: request)
        let store = request.application.documentFiles
        return try await written(request) {
            try await request.write(AuditSubject("library.revise", LibraryItem.self, id: id)) { db in
                try await LibraryCommands.save(input, upload: upload, id: id, unit: unit, by: (actor.userId, actor.displayName), store: store, on: db)
            }
        }
    }

    /// The item the caller reads; 404 otherwise.
    static func readable(_ id: Int, request: Request) async throws -> (item: LibraryItem, unit: Organization) {
        let reach = try await LibraryQueries.reach(of: request.requireActor(), on: request.reads)
        return try await LibraryQueries.readable(id, reach: reach, on: request.reads)
    }

    /// The item the caller reads and edits (403 when they only read it).
    static func requireEditable(_ id: Int, request: Request) async throws -> (item: LibraryItem, unit: Organization) {
        let found = try await readable(id, request: request)
        guard try request.requireActor().can(.edit, at: found.unit.treePath) else {
            throw DomainError(.forbidden, title: LocalizedText(vi: "Chỉ cán bộ cập nhật của \(found.unit.name) sửa được tài liệu này",
                                                              en: "Only editing officers of \(found.unit.name) may change this item"))
        }
        return found
    }

    /// Records the caller's first reading of an item they read, when they are a member; whether it was recorded now.
    @discardableResult
    static func recordReading(_ id: Int, request: Request) async throws -> Bool {
        _ = try await readable(id, request: request)
        guard let memberId = try request.requireActor().memberId else {
            throw DomainError.invalid(field: "member", LocalizedText(vi: "Chỉ ghi nhận việc đọc của đảng viên", en: "Only a member's reading is recorded"))
        }
        // Read first: a second opening writes nothing, not even an audit event.
        guard try await !LibraryQueries.hasRead(id, member: memberId, on: request.reads) else { return false }
        let reading = try await request.write(AuditSubject("library.read", LibraryReading.self)) { db in
            try await LibraryCommands.recordReading(id, member: memberId, on: db)
        }
        return reading != nil
    }

    /// Runs a write, then empties the public pages' cache.
    private static func written(_ request: Request, _ write: () async throws -> LibraryItem) async throws -> LibraryItem {
        let item = try await write()
        try await request.application.publicPagesChanged()
        return item
    }
}
