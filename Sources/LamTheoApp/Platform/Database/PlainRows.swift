import Fluent
import LamTheoCore
import SQLKit

/// A model that lists read as plain rows, decoded by hand. Fluent's decoding reflects over every property of every row it
/// reads (`Fields.properties`, a quarter of a page of units' time and most of the caller's lookup in a release profile),
/// and decodes each day through `Decodable`; a page of fifty rows paid it fifty times.
///
/// A model read this way is complete but for its timestamps (nil), and is marked as fetched.
protocol PlainRowReadable: Model where IDValue == Int {
    /// The columns `init(plainRow:)` reads.
    static var plainColumns: [String] { get }
    init(plainRow row: any SQLRow) throws
}

extension PlainRowReadable {
    /// `plainColumns` of the table named `alias` in a query.
    static func plainColumns(of alias: String) -> SQLQueryString {
        SQLQueryString(plainColumns.map { "\(alias).\($0)" }.joined(separator: ", "))
    }

    /// The rows `ids`, in that order; an id without a row is left out.
    static func plainRows(_ ids: [Int], on db: any Database) async throws -> [Self] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.sql.raw("""
            SELECT \(plainColumns(of: "t")) FROM \(ident: schema) t WHERE t.id IN (\(binds: ids))
            """).all()
        let byId = Dictionary(try rows.map { row in let model = try Self(plainRow: row); return (model.id!, model) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byId[$0] }
    }
}

extension SQLRow {
    /// A day stored as text (`CalendarDate.iso`), parsed without `Decodable`.
    func day(_ column: String) throws -> CalendarDate {
        guard let day = try optionalDay(column) else {
            throw DecodingError.valueNotFound(CalendarDate.self, .init(codingPath: [], debugDescription: "No day in \(column)"))
        }
        return day
    }

    func optionalDay(_ column: String) throws -> CalendarDate? {
        guard let text = try decode(column: column, as: String?.self) else { return nil }
        guard let day = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "Not a day in \(column): \(text)"))
        }
        return day
    }

    /// A text column holding an enumeration's raw value.
    func value<Value: RawRepresentable<String>>(_ column: String, as type: Value.Type) throws -> Value {
        let text = try decode(column: column, as: String.self)
        guard let value = Value(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "Not a \(Value.self) in \(column): \(text)"))
        }
        return value
    }
}
