import Fluent
import Foundation
import LamTheoCore
import Vapor

/// The document writes as a caller makes them, shared by the API and the web pages: rights checked at the
/// issuing unit, then one audited transaction. Editors of a unit's subtree keep that unit's register;
/// central documents (no issuing unit) are the administrators'.
enum DocumentActions {
    static func register(_ input: DocumentInput, request: Request) async throws -> Document {
        try await requireIssuer(input.organizationId, request: request)
        return try await request.write(AuditSubject("document.register", Document.self)) {
            try await DocumentCommands.register(input, on: $0)
        }
    }

    static func update(_ id: Int, request: Request, _ input: @escaping @Sendable (Document) -> DocumentInput) async throws -> Document {
        let document = try await requireDocument(id, .edit, request: request)
        let organizationId = input(document).organizationId
        if organizationId != document.organizationId {
            try await requireIssuer(organizationId, request: request)
        }
        return try await request.write(AuditSubject("document.update", Document.self, id: id)) { db in
            try await DocumentCommands.update(id, input(try await DocumentQueries.require(id, on: db)), on: db)
        }
    }

    /// The caller edits `from` and reads `to`: a ward relates its plan to the city's plan.
    static func relate(from: Int, to: Int?, kind: DocumentRelationKind, request: Request) async throws -> DocumentRelation {
        try await requireDocument(from, .edit, request: request)
        guard let to, try await DocumentQueries.find(id: to, scopes: try request.readableSubtrees, on: request.reads) != nil else {
            throw DomainError.invalid(field: "toDocumentId", LocalizedText(vi: "Không tìm thấy văn bản liên quan", en: "The related document does not exist"))
        }
        return try await request.write(AuditSubject("document.relate", DocumentRelation.self)) {
            try await DocumentCommands.relate(from: from, to: to, kind: kind, on: $0)
        }
    }

    static func unrelate(_ relationId: Int, of id: Int, request: Request) async throws -> DocumentRelation {
        try await requireDocument(id, .edit, request: request)
        return try await request.write(AuditSubject("document.unrelate", DocumentRelation.self, id: relationId)) {
            try await DocumentCommands.unrelate(relationId, of: id, on: $0)
        }
    }

    static func attach(to id: Int, fileName: String?, data: Data, request: Request) async throws -> DocumentAttachment {
        try await requireDocument(id, .edit, request: request)
        let store = request.application.documentFiles
        return try await request.write(AuditSubject("document.attach", DocumentAttachment.self)) {
            try await DocumentCommands.attach(to: id, fileName: fileName, data: data, store: store, on: $0)
        }
    }

    /// Removes the record, then the stored file once nothing refers to it: deleting it inside the
    /// transaction would lose it if the transaction rolled back.
    static func removeAttachment(_ attachmentId: Int, of id: Int, request: Request) async throws -> DocumentAttachment {
        try await requireDocument(id, .edit, request: request)
        let attachment = try await request.write(AuditSubject("document.detach", DocumentAttachment.self, id: attachmentId)) {
            try await DocumentCommands.removeAttachment(attachmentId, of: id, on: $0)
        }
        if try await !DocumentQueries.isStored(attachment.storageKey, on: request.reads) {
            request.application.documentFiles.remove(attachment.storageKey)
        }
        return attachment
    }

    static func addAbbreviation(_ input: AbbreviationInput, request: Request) async throws -> DocumentAbbreviationEntry {
        try await request.write(AuditSubject("document-abbreviation.create", DocumentAbbreviationEntry.self)) {
            try await DocumentCommands.addAbbreviation(input, on: $0)
        }
    }

    static func addTerm(_ input: TermInput, request: Request) async throws -> CommitteeTerm {
        try await request.write(AuditSubject("committee-term.create", CommitteeTerm.self)) {
            try await DocumentCommands.addTerm(input, on: $0)
        }
    }

    /// The document, if the caller may read it (not found otherwise) and, for `.edit`, change it (forbidden otherwise).
    @discardableResult
    static func requireDocument(_ id: Int, _ capability: Capability, request: Request) async throws -> Document {
        let actor = try request.requireActor()
        guard let document = try await DocumentQueries.find(id: id, scopes: actor.readableSubtrees, on: request.reads) else { throw Abort(.notFound) }
        if capability != .read, !mayKeep(issuedAt: try await DocumentQueries.issuingPath(of: document, on: request.reads), actor) {
            throw Abort(.forbidden)
        }
        return document
    }

    /// Whether the caller keeps the register of `organizationId` (nil: the central documents).
    static func mayKeep(issuedAt path: TreePath?, _ actor: Actor) -> Bool {
        path.map { actor.can(.edit, at: $0) } ?? actor.isAdministrator
    }

    private static func requireIssuer(_ organizationId: Int?, request: Request) async throws {
        var path: TreePath?
        if let organizationId {
            // A unit that does not exist is left to the command, which names the field.
            guard let unit = try await Organization.find(organizationId, on: request.reads) else { return }
            path = unit.treePath
        }
        guard mayKeep(issuedAt: path, try request.requireActor()) else {
            throw DomainError.invalid(field: "organizationId", organizationId == nil
                ? LocalizedText(vi: "Chỉ quản trị hệ thống vào sổ văn bản của Trung ương; hãy chọn tổ chức ban hành trong phạm vi của bạn",
                                en: "Only administrators register central documents; choose an issuing organisation within your scope")
                : LocalizedText(vi: "Tổ chức ban hành không thuộc phạm vi bạn được cập nhật", en: "The issuing organisation is not within your scope"))
        }
    }
}

extension Document: Auditable {
    static var auditEntity: String { "document" }

    var auditFields: [String: String?] {
        ["symbol": symbol, "title": title, "issuedOn": issuedOn.iso, "organizationId": organizationId.map(String.init), "termId": String(termId)]
    }
}

extension DocumentRelation: Auditable {
    static var auditEntity: String { "document_relation" }

    var auditFields: [String: String?] {
        ["fromDocumentId": String(fromDocumentId), "toDocumentId": String(toDocumentId), "kind": kind.rawValue]
    }
}

extension DocumentAttachment: Auditable {
    static var auditEntity: String { "document_attachment" }

    var auditFields: [String: String?] {
        ["documentId": String(documentId), "fileName": fileName, "mediaType": mediaType, "size": String(size), "sha256": sha256]
    }
}

extension DocumentAbbreviationEntry: Auditable {
    static var auditEntity: String { "document_abbreviation" }

    var auditFields: [String: String?] {
        ["list": list.rawValue, "code": code, "nameVi": nameVi, "nameEn": nameEn]
    }
}

extension CommitteeTerm: Auditable {
    static var auditEntity: String { "committee_term" }

    var auditFields: [String: String?] {
        ["name": name, "startsOn": startsOn.iso, "endsOn": endsOn?.iso]
    }
}
