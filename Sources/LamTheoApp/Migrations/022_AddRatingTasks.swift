import Fluent
import SQLKit

/// The task conditions of Quy định 366-QĐ/TW (Điều 11): what a decision records of the period's tasks, and
/// the two rules that read them.
struct AddRatingTasks: AsyncMigration {
    var name: String { "022_AddRatingTasks" }

    private static let columns = ["tasks_assigned", "tasks_on_time", "tasks_late", "tasks_exceeding"]

    /// (kind, parameter, texts, active)
    private static let rules: [[any Encodable & Sendable]] = [
        ["tasks_on_time", 0.20,
         "Quy định 366-QĐ/TW: xếp loại “Hoàn thành tốt nhiệm vụ” trở lên cần hoàn thành 100% nhiệm vụ được giao đúng tiến độ; “Hoàn thành nhiệm vụ” cần hoàn thành 100% nhiệm vụ, số nhiệm vụ chậm tiến độ không quá 20%",
         "Regulation 366-QĐ/TW: “good” and above need every assigned task done on time; “completed” needs every task done, with at most 20% late", true],
        ["excellent_exceeding", 0.30,
         "Quy định 366-QĐ/TW: xếp loại “Hoàn thành xuất sắc nhiệm vụ” cần ít nhất 30% nhiệm vụ hoàn thành vượt yêu cầu",
         "Regulation 366-QĐ/TW: “excellent” needs at least 30% of the tasks done beyond what was required", true],
    ]

    func prepare(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema("rating_steps").field(.string(column), .int).update()
        }
        // Installations whose 016 already seeded these rules keep theirs (an administrator may have edited them).
        try await database.sql.insert(into: "rating_rules", columns: ["kind", "parameter", "text_vi", "text_en", "active"], rows: Self.rules)
            .ignoringConflicts(with: ["kind"]).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.delete(from: "rating_rules").where("kind", .in, ["tasks_on_time", "excellent_exceeding"]).run()
        for column in Self.columns {
            try await database.schema("rating_steps").deleteField(.string(column)).update()
        }
    }
}
