import Fluent
import SQLKit

/// Check-ins carry an evidence file, as commitments' do. One column per statement: SQLite adds one at a time.
struct AddBreakthroughEvidenceFiles: AsyncMigration {
    var name: String { "018_AddBreakthroughEvidenceFiles" }

    private let columns = ["evidence_key", "evidence_name", "evidence_type"]

    func prepare(on database: any Database) async throws {
        for column in columns {
            try await database.schema("breakthrough_check_ins").field(.string(column), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in columns.reversed() {
            try await database.schema("breakthrough_check_ins").deleteField(.string(column)).update()
        }
    }
}
