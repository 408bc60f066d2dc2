import Fluent
import SQLKit

/// The kinds of Party organisation, seeded with the eight kinds a new installation starts with (as
/// `StandardOrganizationKind` listed them when this migration was written: the list here is history).
struct CreateOrganizationKinds: AsyncMigration {
    var name: String { "001_CreateOrganizationKinds" }

    private static let kinds: [[any Encodable & Sendable]] = [
        ["central", "Trung ương", "Central Committee", false, 0],
        ["province", "Đảng bộ tỉnh, thành phố", "Provincial / city committee", false, 10],
        ["commune", "Đảng bộ xã, phường, đặc khu", "Commune / ward committee", false, 20],
        ["upper-grassroots", "Đảng bộ cấp trên trực tiếp cơ sở", "Committee directly above grassroots", false, 30],
        ["grassroots", "Đảng bộ cơ sở", "Grassroots committee", false, 40],
        ["grassroots-cell", "Chi bộ cơ sở", "Grassroots cell", true, 50],
        ["sub-committee", "Đảng bộ bộ phận", "Sub-committee", false, 60],
        ["cell", "Chi bộ trực thuộc", "Cell", true, 70],
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("organization_kinds")
            .field("code", .string, .identifier(auto: false))
            .field("name_vi", .string, .required)
            .field("name_en", .string, .required)
            .field("holds_members", .bool, .required)
            .field("position", .int, .required)
            .create()
        try await database.sql.insert(into: "organization_kinds", columns: ["code", "name_vi", "name_en", "holds_members", "position"],
                                      rows: Self.kinds).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organization_kinds").delete()
    }
}
