import Fluent
import LamTheoCore
import SQLKit

/// Reads of the document register. A document is readable by a caller whose scope lies inside the
/// issuing unit's subtree (a ward reads the city's plans) or contains the issuing unit (the city reads
/// the wards' plans) — never a sibling's. Central documents, with no issuing unit, are readable by all.
enum DocumentQueries {
    static func require(_ id: Int, on db: any Database) async throws -> Document {
        guard let document = try await Document.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy văn bản", en: "Document not found"))
        }
        return document
    }

    /// The document, if it exists and `scopes` may read it (nil scopes: the whole tree).
    static func find(id: Int, scopes: [TreePath]?, on db: any Database) async throws -> Document? {
        guard let document = try await Document.find(id, on: db) else { return nil }
        return isReadable(issuedAt: try await issuingPath(of: document, on: db), scopes: scopes) ? document : nil
    }

    /// - Parameter path: the issuing unit's path; nil for a central document.
    static func isReadable(issuedAt path: TreePath?, scopes: [TreePath]?) -> Bool {
        guard let path, let scopes else { return true }
        return scopes.contains { $0.contains(path) || path.contains($0) }
    }

    static func issuingPath(of document: Document, on db: any Database) async throws -> TreePath? {
        try await document.organizationId.asyncMap { try await OrganizationQueries.require($0, on: db).treePath } ?? nil
    }

    struct Filter: Sendable {
        /// A number and symbol ("5-ct/tw" finds 05-CT/TW exactly), or words of the symbol or title, tones optional.
        var text: String?
        var typeCode: String?
        var issuerCode: String?
        var year: Int?
        /// The caller's readable subtrees (`Actor.readableSubtrees`); nil for the whole tree.
        var scopes: [TreePath]?
    }

    /// Where a list changes its way of reading: tests lower them to take, on a handful of documents, the ways of a national register.
    struct Limits: Sendable {
        /// The most units a scope names (`scopePredicate`): a committee of 1,767 units whose 744 plans lie among 200,000
        /// documents otherwise checked them all to count its own (64–75 ms); a province's thousands are found in passing.
        var namedUnits = 5_000
        /// `TextSearch.Listing.candidateLimit`, when set.
        var candidates: Int?
    }

    /// Newest first. Words of the title or symbol through the trigram index (`TextSearch`).
    static func search(_ filter: Filter, page: Int, perPage: Int, limits: Limits = Limits(), on db: any Database) async throws -> Page<Document> {
        let (predicate, search, scope) = try await predicate(filter, namedUnits: limits.namedUnits, on: db)
        let range = (page - 1) * perPage ..< page * perPage
        let found: (ids: [Int], total: Int, isLowerBound: Bool)
        if let search {
            @Sendable func count(_ condition: SQLQueryString) async throws -> Int {
                try await db.sql.raw("SELECT COUNT(*) AS n FROM documents WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
            }
            // A scope that names its units is read through their index when it holds few of the matches (a ward's 744
            // plans among 200,000): walking the register by date for them went through all of it.
            var listing = TextSearch.Listing(filter: predicate, order: "issued_on DESC, id DESC", orderIndex: "documents_issued",
                                             scope: scope.namesUnits ? (index: "documents_organization", rows: { try await count(scope.condition) }) : nil,
                                             rows: { try await count("1 = 1") })
            if let candidates = limits.candidates { listing.candidateLimit = candidates }
            found = try await search.page(listing, range: range, on: db)
        } else {
            found = try await TextSearch.page(of: "documents", where: predicate, order: "issued_on DESC, id DESC", range: range, on: db)
        }
        let byId = Dictionary(uniqueKeysWithValues: try await Document.query(on: db).filter(\.$id ~~ found.ids).all().map { ($0.requireID(), $0) })
        return Page(items: found.ids.compactMap { byId[$0] }, page: page, perPage: perPage, total: found.total, totalIsLowerBound: found.isLowerBound)
    }

    /// The filter's conditions but the title's words, which are the search, if any; and the scope's own condition.
    private static func predicate(_ filter: Filter, namedUnits: Int, on db: any Database) async throws
        -> (SQLQueryString, TextSearch?, scope: (condition: SQLQueryString, namesUnits: Bool)) {
        var parts: [SQLQueryString] = []
        var search: TextSearch?
        let text = filter.text ?? ""
        let key = VietnameseText.searchKey(text)
        let lists = try await abbreviations(on: db)
        if let number = try? DocumentNumber(parsing: text, types: lists.types, issuers: lists.issuers) {
            parts.append("number = \(bind: number.number) AND type_code = \(bind: number.typeCode) AND issuer_code = \(bind: number.issuerCode)")
        } else if !key.isEmpty {
            search = TextSearch(.documents)
            search?.allWords(of: key, in: .documentTitle)
        }
        let scope = try await scopePredicate(filter.scopes, namedUnits: namedUnits, on: db)
        parts.insert(scope.condition, at: 0)
        if let type = filter.typeCode { parts.append("type_code = \(bind: type)") }
        if let issuer = filter.issuerCode { parts.append("issuer_code = \(bind: issuer)") }
        if let year = filter.year {
            parts.append("issued_on >= \(bind: "\(year)-01-01") AND issued_on < \(bind: "\(year + 1)-01-01")")
        }
        return (parts.joined(separator: " AND "), search, scope)
    }

    /// Central documents, and those issued in, above or below the scopes.
    ///
    /// Scopes of at most `namedUnits` units (a cell, a ward, a district's committee) name their units, ancestors
    /// included: the documents are then found through their unit's index, where checking each document's unit read
    /// every document of a national register for a cell (326 ms among 200,000). Wider scopes check the unit of each
    /// document as it is read (lists are counted only up to a thousand, so few are read), by a lookup of its own:
    /// PostgreSQL would otherwise read all the units of the scopes into a hash first (72 ms for the root's 205,000, to
    /// check a page of 50 documents).
    private static func scopePredicate(_ scopes: [TreePath]?, namedUnits: Int, on db: any Database) async throws
        -> (condition: SQLQueryString, namesUnits: Bool) {
        guard let scopes else { return ("1 = 1", false) }
        let subtrees = OrganizationQueries.subtreePredicate("path", scopes: scopes, within: nil)
        // Counted first: reading 5,001 ids only to learn that a scope is wide cost the root's list 8 ms.
        let below = try await db.sql.raw("SELECT COUNT(*) AS n FROM (SELECT 1 FROM organizations WHERE \(subtrees) LIMIT \(bind: namedUnits + 1)) s")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        if below <= namedUnits {
            let subtreeUnits = try await db.sql.raw("SELECT id FROM organizations WHERE \(subtrees)").all().map { try $0.decode(column: "id", as: Int.self) }
            let units = Set(subtreeUnits + scopes.flatMap(\.ids)).sorted()
            return (units.isEmpty ? "organization_id IS NULL" : "(organization_id IS NULL OR organization_id IN (\(binds: units)))", true)
        }
        let ancestors = Set(scopes.flatMap { scope in sequence(first: scope, next: \.parent).dropFirst().map(\.rawValue) })
        let above: SQLQueryString = ancestors.isEmpty ? "" : " OR path IN (\(binds: ancestors.sorted()))"
        return ("(organization_id IS NULL OR (SELECT (\(subtrees)\(above)) FROM organizations WHERE organizations.id = documents.organization_id))", false)
    }

    /// Both ends of each relation the document takes part in, keeping only the documents `scopes` may read.
    static func relations(of id: Int, scopes: [TreePath]?, on db: any Database) async throws -> [RelatedDocument] {
        let relations = try await DocumentRelation.query(on: db)
            .group(.or) { $0.filter(\.$fromDocumentId == id).filter(\.$toDocumentId == id) }
            .sort(\.$id).all()
        var related: [RelatedDocument] = []
        for relation in relations {
            let outgoing = relation.fromDocumentId == id
            if let other = try await find(id: outgoing ? relation.toDocumentId : relation.fromDocumentId, scopes: scopes, on: db) {
                related.append(RelatedDocument(relation: relation, document: other, outgoing: outgoing))
            }
        }
        return related
    }

    static func attachments(of id: Int, on db: any Database) async throws -> [DocumentAttachment] {
        try await DocumentAttachment.query(on: db).filter(\.$documentId == id).sort(\.$id).all()
    }

    static func attachment(_ id: Int, of documentId: Int, on db: any Database) async throws -> DocumentAttachment {
        guard let attachment = try await DocumentAttachment.query(on: db).filter(\.$id == id).filter(\.$documentId == documentId).first() else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tệp đính kèm", en: "Attachment not found"))
        }
        return attachment
    }

    static func isStored(_ storageKey: String, on db: any Database) async throws -> Bool {
        try await DocumentAttachment.query(on: db).filter(\.$storageKey == storageKey).first() != nil
    }

    static func abbreviations(on db: any Database) async throws -> (types: [DocumentAbbreviation], issuers: [DocumentAbbreviation]) {
        let entries = try await DocumentAbbreviationEntry.query(on: db).sort(\.$position).sort(\.$code).all()
        return (entries.filter { $0.list == .type }.map(\.abbreviation), entries.filter { $0.list == .issuer }.map(\.abbreviation))
    }

    static func term(containing date: CalendarDate, on db: any Database) async throws -> CommitteeTerm? {
        try await CommitteeTerm.query(on: db)
            .filter(\.$startsOn <= date)
            .group(.or) { $0.filter(\.$endsOn == nil).filter(\.$endsOn >= date) }
            .first()
    }

    static func terms(on db: any Database) async throws -> [CommitteeTerm] {
        try await CommitteeTerm.query(on: db).sort(\.$startsOn).all()
    }

    /// Issuing units' names for a page of documents, in one query.
    static func organizationNames(for documents: [Document], on db: any Database) async throws -> [Int: String] {
        try await OrganizationQueries.names(documents.compactMap(\.organizationId), on: db)
    }
}

/// The other end of a relation, seen from one document.
struct RelatedDocument: Sendable {
    let relation: DocumentRelation
    let document: Document
    /// True when the document at hand is the relation's `from` (it continues, replaces, implements the other).
    let outgoing: Bool

    var label: LocalizedText { outgoing ? relation.kind.label : relation.kind.inverseLabel }
}
