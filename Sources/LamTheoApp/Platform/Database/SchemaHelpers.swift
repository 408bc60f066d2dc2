import Fluent
import Foundation
import SQLKit

extension Database {
    var isPostgres: Bool {
        (self as? any SQLDatabase)?.dialect.name == "postgresql"
    }

    /// `column IN (values)` for a list of any length, bound as one value: a JSON array read by `json_each` on
    /// SQLite, an array on PostgreSQL. A list bound value by value makes parsing the statement the cost, and
    /// SQLite limits a statement to 32,766 values.
    func condition(_ column: String, isIn values: [String]) throws -> SQLQueryString {
        if isPostgres { return "\(ident: column) = ANY(\(bind: values))" }
        let json = String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        return "\(ident: column) IN (SELECT value FROM json_each(\(bind: json)))"
    }
}

/// Rows as `Database.table(fromJSON:…)` reads them: one JSON array of objects whose keys, in snake case, are the
/// columns' names. Encoded before the write's transaction, so that the transaction holds only the statement.
enum JSONRows {
    static func encode<Row: Encodable>(_ rows: some Collection<Row>) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(Array(rows)), as: UTF8.self)
    }
}

/// The type a column of `Database.table(fromJSON:…)` is read as.
enum JSONColumnType: String, Sendable {
    case integer = "bigint"
    case text
}

extension Database {
    /// Rows bound as one JSON array of objects, read as a table named `alias` with `columns` and `ordinal` (the
    /// row's place in the array, for keeping its order): `json_to_recordset` on PostgreSQL, `json_each` on SQLite. How many rows go into one statement without a value bound per cell —
    /// with thousands of bound values, encoding and parsing them costs more than the write.
    func table(fromJSON json: String, columns: [(name: String, type: JSONColumnType)], as alias: String) -> SQLQueryString {
        if isPostgres {
            let definitions = columns.map { "\($0.name) \($0.type.rawValue)" }.joined(separator: ", ")
            let names = columns.map(\.name).joined(separator: ", ")
            return """
                ROWS FROM (json_to_recordset(\(bind: json)::json) AS (\(unsafeRaw: definitions))) WITH ORDINALITY AS \(unsafeRaw: alias)(\(unsafeRaw: names), ordinal)
                """
        }
        let fields = columns.map { "json_extract(value, '$.\($0.name)') AS \($0.name)" }.joined(separator: ", ")
        return "(SELECT \(unsafeRaw: fields), key AS ordinal FROM json_each(\(bind: json))) AS \(unsafeRaw: alias)"
    }
}
