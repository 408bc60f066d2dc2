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

    static func + (left: FeedbackFigures, right: FeedbackFigures) -> FeedbackFigures {
        FeedbackFigures(open: left.open + right.open, overdue: left.overdue + right.overdue,
                        answeredOnTime: left.answeredOnTime + right.answeredOnTime, answeredLate: left.answeredLate + right.answeredLate)
    }
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

    /// One page of the subtree's feedback with `figures` its stored figures (`FeedbackTallies`): the open items by nearest
    /// deadline (so the overdue come first), the first sent first on one day; then the settled, newest first. The
    /// figures give the total and where the open part ends, and each part is read in an index's order.
    static func list(in subtree: TreePath, figures: FeedbackFigures, status: FeedbackListStatus?, today: CalendarDate, page: Int, perPage: Int,
                     on db: any Database) async throws -> Page<Feedback> {
        let openCount = status == .answered ? 0 : status == .overdue ? figures.overdue : figures.open
        let settledCount = status == nil || status == .answered ? figures.answered : 0
        let rows = (page - 1) * perPage ..< page * perPage
        let inSubtree: SQLQueryString = "\(column: "organization_path", in: subtree)"
        var ids: [Int] = []
        // What an index walk goes through on SQLite: the whole tree's figures, read once for both parts.
        let everywhere = db.isPostgres ? nil : try await FeedbackTallies.everywhere(today: today, on: db)
        let openRows = rows.clamped(to: 0 ..< openCount)
        if !openRows.isEmpty {
            let overdue: SQLQueryString = status == .overdue ? " AND answer_due_on < \(bind: today.iso)" : ""
            let index = walkedIndex("feedback_open_due", matches: openCount, rows: openRows.upperBound, scanned: figures.total,
                                    among: everywhere.map { status == .overdue ? $0.overdue : $0.open })
            ids += try await self.ids("""
                SELECT id FROM feedback \(index) WHERE \(openItems) AND \(inSubtree)\(overdue)
                ORDER BY answer_due_on, id LIMIT \(bind: openRows.count) OFFSET \(bind: openRows.lowerBound)
                """, on: db)
        }
        let settledRows = rows.clamped(to: openCount ..< openCount + settledCount)
        if !settledRows.isEmpty {
            // Not the path's index: the table itself, in the order of its ids.
            let index = walkedIndex(nil, matches: settledCount, rows: settledRows.upperBound - openCount, scanned: figures.total,
                                    among: everywhere?.total)
            ids += try await self.ids("""
                SELECT id FROM feedback \(index) WHERE NOT \(openItems) AND \(inSubtree)
                ORDER BY id DESC LIMIT \(bind: settledRows.count) OFFSET \(bind: settledRows.lowerBound - openCount)
                """, on: db)
        }
        let found = Dictionary(uniqueKeysWithValues: try await Feedback.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) })
        return Page(items: ids.compactMap { found[$0] }, page: page, perPage: perPage, total: openCount + settledCount)
    }

    /// Open items, written as `feedback_open_due`'s condition is (048), so that SQLite sees the index serves the query.
    private static let openItems: SQLQueryString = "state IN (\(unsafeRaw: FeedbackState.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")))"

    /// On SQLite (`everything`: what the walk goes through in the whole tree; nil on PostgreSQL, whose planner makes this
    /// choice itself from its statistics), the index a part of the list is read through: an index in the list's order
    /// (`walked`; nil: the table in its ids' order), skipping the items outside the subtree, or the subtree's items by path
    /// (`feedback_path`), then sorted. Walking visits about everything / matches items per item shown; reading by path
    /// handles all `scanned` items of the subtree.
    private static func walkedIndex(_ walked: String?, matches: Int, rows: Int, scanned: Int, among everything: Int?) -> SQLQueryString {
        guard let everything else { return "" }
        guard Double(everything) / Double(max(matches, 1)) * Double(rows) < Double(scanned) / 4 else { return "INDEXED BY feedback_path" }
        return walked.map { "INDEXED BY \(unsafeRaw: $0)" as SQLQueryString } ?? "NOT INDEXED"
    }

    private static func ids(_ query: SQLQueryString, on db: any Database) async throws -> [Int] {
        try await db.sql.raw(query).all().map { try $0.decode(column: "id", as: Int.self) }
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

    /// How many codes there are: 30⁸.
    static let count = (0..<8).reduce(1) { product, _ in product * alphabet.count }

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return spelled(Int.random(in: 0..<count, using: &generator))
    }

    /// The code numbered `value` (0 ..< `count`): its eight base-30 digits.
    static func spelled(_ value: Int) -> String {
        var rest = value
        var letters: [Character] = []
        for _ in 0..<8 {
            letters.append(alphabet[rest % alphabet.count])
            rest /= alphabet.count
        }
        return "\(prefix)-\(String(letters[0..<4]))-\(String(letters[4..<8]))"
    }

    /// The code as stored, from what a person typed ("yk 7kq4 m2xh", "7KQ4M2XH"); nil when it cannot be one.
    static func normalized(_ typed: String) -> String? {
        var letters = typed.uppercased().filter { $0.isLetter || $0.isNumber }
        if letters.count == 10, letters.hasPrefix(prefix) { letters.removeFirst(2) }
        guard letters.count == 8, letters.allSatisfy(alphabet.contains) else { return nil }
        return "\(prefix)-\(letters.prefix(4))-\(letters.suffix(4))"
    }
}
