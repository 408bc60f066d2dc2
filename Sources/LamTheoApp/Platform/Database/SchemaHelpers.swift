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
