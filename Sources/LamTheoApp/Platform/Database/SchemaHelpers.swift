import Fluent
import SQLKit

extension Database {
    var isPostgres: Bool {
        (self as? any SQLDatabase)?.dialect.name == "postgresql"
    }

    /// Text compared byte by byte. Tree paths and collation sort keys rely on it: PostgreSQL's default
    /// locale collation would ignore the `/` of a path and reorder a sort key; SQLite's default is binary.
    var binaryText: DatabaseSchema.DataType {
        isPostgres ? .custom("TEXT COLLATE \"C\"") : .string
    }

    /// Creates a plain (non-unique) index, which Fluent's schema builder cannot express.
    func createIndex(_ name: String, on table: String, columns: [String]) async throws {
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
