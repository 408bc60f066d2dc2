import Fluent
import LamTheoCore
import SQLKit

/// Which feedback a list shows: open (awaiting its answer, overdue included), overdue only, answered (answered,
/// published or rejected), or all.
enum FeedbackListStatus: String, Codable, Sendable, CaseIterable {
    case open
    case overdue
    case answered

    var label: LocalizedText {
        switch self {
        case .open: return LocalizedText(vi: "Đang giải quyết", en: "Open")
        case .overdue: return LocalizedText(vi: "Quá hạn trả lời", en: "Overdue")
        case .answered: return LocalizedText(vi: "Đã trả lời", en: "Answered")
        }
    }
}

/// A subtree's feedback on a day: open, of which overdue; settled (answered, published or rejected) by the deadline or after it.
struct FeedbackFigures: Sendable, Hashable, Codable {
    var open = 0
    var overdue = 0
    var answeredOnTime = 0
    var answeredLate = 0

    var total: Int { open + answeredOnTime + answeredLate }
    var answered: Int { answeredOnTime + answeredLate }
}

enum FeedbackQueries {
    static func require(_ id: Int, on db: any Database) async throws -> Feedback {
        guard let feedback = try await Feedback.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy ý kiến số \(id)", en: "Feedback \(id) not found"))
        }
        return feedback
    }

    /// The item with this tracking code, however it was typed (case, spaces, the prefix left out).
    static func find(code: String, on db: any Database) async throws -> Feedback? {
        guard let code = FeedbackCode.normalized(code) else { return nil }
        return try await Feedback.query(on: db).filter(\.$code == code).first()
    }

    /// The figures of each unit's subtree on `today`: one grouped query over the units' path ranges. Feedback is a
    /// committee's few items a day, not a country's members: counting its rows is bounded by what was sent.
    static func figures(of units: [Int], today: CalendarDate, on db: any Database) async throws -> [Int: FeedbackFigures] {
        guard !units.isEmpty else { return [:] }
        let open: SQLQueryString = "f.state IN (\(binds: FeedbackState.open.map(\.rawValue)))"
        let rows = try await db.sql.raw("""
            SELECT o.id AS unit,
                   CAST(SUM(CASE WHEN \(open) THEN 1 ELSE 0 END) AS BIGINT) AS open,
                   CAST(SUM(CASE WHEN \(open) AND f.answer_due_on < \(bind: today.iso) THEN 1 ELSE 0 END) AS BIGINT) AS overdue,
                   CAST(SUM(CASE WHEN NOT \(open) AND f.answered_on <= f.answer_due_on THEN 1 ELSE 0 END) AS BIGINT) AS on_time,
                   CAST(SUM(CASE WHEN NOT \(open) AND f.answered_on > f.answer_due_on THEN 1 ELSE 0 END) AS BIGINT) AS late
            FROM organizations o JOIN feedback f ON f.organization_path >= o.path AND f.organization_path < o.path || '~'
            WHERE o.id IN (\(binds: units))
            GROUP BY o.id
            """).all()
        return try rows.reduce(into: [:]) { figures, row in
            figures[try row.decode(column: "unit", as: Int.self)] = FeedbackFigures(
                open: try row.decode(column: "open", as: Int.self), overdue: try row.decode(column: "overdue", as: Int.self),
                answeredOnTime: try row.decode(column: "on_time", as: Int.self), answeredLate: try row.decode(column: "late", as: Int.self))
        }
    }

    /// One page of the subtree's feedback: overdue first, then open by nearest deadline, then the settled, newest first.
    static func list(in subtree: TreePath, status: FeedbackListStatus?, today: CalendarDate, page: Int, perPage: Int,
                     on db: any Database) async throws -> Page<Feedback> {
        let open: SQLQueryString = "state IN (\(binds: FeedbackState.open.map(\.rawValue)))"
        var condition: SQLQueryString = "\(column: "organization_path", in: subtree)"
        switch status {
        case .open?: condition = "\(condition) AND \(open)"
        case .overdue?: condition = "\(condition) AND \(open) AND answer_due_on < \(bind: today.iso)"
        case .answered?: condition = "\(condition) AND NOT \(open)"
        case nil: break
        }
        let total = try await db.sql.raw("SELECT COUNT(*) AS n FROM feedback WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let ids = try await db.sql.raw("""
            SELECT id FROM feedback WHERE \(condition)
            ORDER BY CASE WHEN \(open) AND answer_due_on < \(bind: today.iso) THEN 0 WHEN \(open) THEN 1 ELSE 2 END,
                     CASE WHEN \(open) THEN answer_due_on ELSE '' END, id DESC
            LIMIT \(bind: perPage) OFFSET \(bind: (page - 1) * perPage)
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        let rows = try await Feedback.query(on: db).filter(\.$id ~~ ids).all()
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return Page(items: rows.sorted { order[$0.id!]! < order[$1.id!]! }, page: page, perPage: perPage, total: total)
    }

    static func attachments(of id: Int, on db: any Database) async throws -> [FeedbackAttachment] {
        try await FeedbackAttachment.query(on: db).filter(\.$feedbackId == id).sort(\.$id).all()
    }

    static func attachment(_ attachmentId: Int, of id: Int, on db: any Database) async throws -> FeedbackAttachment {
        guard let file = try await FeedbackAttachment.query(on: db).filter(\.$id == attachmentId).filter(\.$feedbackId == id).first() else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy tệp đính kèm", en: "Attachment not found"))
        }
        return file
    }

    static func events(of id: Int, on db: any Database) async throws -> [FeedbackEvent] {
        try await FeedbackEvent.query(on: db).filter(\.$feedbackId == id).sort(\.$id).all()
    }
}

/// A tracking code: "YK-" and two groups of four from an alphabet without look-alikes (no 0/O, 1/I/L, U), 30⁸ ≈ 6,6 × 10¹¹
/// codes drawn at random, so that a code cannot be guessed from another (the lookups are rate-limited too).
enum FeedbackCode {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let prefix = "YK"

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<8).map { _ in String(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
        return "\(prefix)-\(letters[0..<4].joined())-\(letters[4..<8].joined())"
    }

    /// The code as stored, from what a person typed ("yk 7kq4 m2xh", "7KQ4M2XH"); nil when it cannot be one.
    static func normalized(_ typed: String) -> String? {
        var letters = typed.uppercased().filter { $0.isLetter || $0.isNumber }
        if letters.count == 10, letters.hasPrefix(prefix) { letters.removeFirst(2) }
        guard letters.count == 8, letters.allSatisfy(alphabet.contains) else { return nil }
        return "\(prefix)-\(letters.prefix(4))-\(letters.suffix(4))"
    }
}
