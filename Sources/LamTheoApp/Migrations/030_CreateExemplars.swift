import Fluent
import SQLKit

/// Exemplars (mô hình hay, gương điển hình): the registry with its figures before and after, evidence files,
/// the records it grew from and its dated log; commendations with their decision; adoptions by other units;
/// per unit the subtree's tally (`exemplar_tallies`); and the rules as data — who may grant which form
/// (`commendation_authority`, dated versions seeded from Quy định 29-QĐ/TW) and the lowest rating a unit
/// nominated as a collective needs (`exemplar_settings`).
struct CreateExemplars: AsyncMigration {
    var name: String { "030_CreateExemplars" }

    func prepare(on database: any Database) async throws {
        try await database.schema("exemplars")
            .field("id", .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string)
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("member_id", .int, .references("members", "id"))
            .field("campaign_id", .int, .references("campaigns", "id"))
            .field("topic", .string)
            .field("state", .string, .required)
            .field("nominated_by_id", .int, .required, .references("organizations", "id"))
            .field("nominated_on", .string, .required)
            .field("verified_by_id", .int, .references("organizations", "id"))
            .field("verified_on", .string)
            .field("verification_note", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("exemplars_subtree", on: "exemplars", columns: ["organization_path", "state"])
        try await database.createIndex("exemplars_unit", on: "exemplars", columns: ["organization_id", "state"])

        // An exemplar's figures (adoption_id NULL) or an adoption's results.
        try await database.schema("exemplar_figures")
            .field("id", .int, .identifier(auto: true))
            .field("exemplar_id", .int, .required, .references("exemplars", "id"))
            .field("adoption_id", .int)
            .field("indicator", .string, .required)
            .field("before_value", .double)
            .field("after_value", .double, .required)
            .field("measure_unit", .string)
            .create()
        try await database.createIndex("exemplar_figures_exemplar", on: "exemplar_figures", columns: ["exemplar_id", "id"])

        try await database.schema("exemplar_links")
            .field("id", .int, .identifier(auto: true))
            .field("exemplar_id", .int, .required, .references("exemplars", "id"))
            .field("source_kind", .string, .required)
            .field("source_id", .int, .required)
            .unique(on: "exemplar_id", "source_kind", "source_id")
            .create()

        try await database.schema("exemplar_evidence")
            .field("id", .int, .identifier(auto: true))
            .field("exemplar_id", .int, .required, .references("exemplars", "id"))
            .field("description", .string)
            .field("evidence_key", .string, .required)
            .field("evidence_name", .string, .required)
            .field("evidence_type", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("exemplar_evidence_exemplar", on: "exemplar_evidence", columns: ["exemplar_id"])

        try await database.schema("exemplar_events")
            .field("id", .int, .identifier(auto: true))
            .field("exemplar_id", .int, .required, .references("exemplars", "id"))
            .field("action", .string, .required)
            .field("on_date", .string, .required)
            .field("actor", .string)
            .field("organization_id", .int, .references("organizations", "id"))
            .field("note", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("exemplar_events_exemplar", on: "exemplar_events", columns: ["exemplar_id", "id"])

        // One commendation per exemplar and granting unit: the same achievement is not commended twice at one level.
        try await database.schema("commendations")
            .field("id", .int, .identifier(auto: true))
            .field("exemplar_id", .int, .required, .references("exemplars", "id"))
            .field("form", .string, .required)
            .field("granting_organization_id", .int, .required, .references("organizations", "id"))
            .field("document_id", .int, .required, .references("documents", "id"))
            .field("granted_on", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "exemplar_id", "granting_organization_id")
            .create()

        try await database.schema("exemplar_adoptions")
            .field("id", .int, .identifier(auto: true))
            .field("exemplar_id", .int, .required, .references("exemplars", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("adopted_on", .string, .required)
            .field("results", .string, .required)
            .field("task_id", .int, .references("follow_up_tasks", "id"))
            .field("created_at", .datetime)
            .unique(on: "exemplar_id", "organization_id")
            .create()
        try await database.createIndex("exemplar_adoptions_unit", on: "exemplar_adoptions", columns: ["organization_id"])

        // Each unit's whole subtree: exemplars registered, commended, replicated, and adoptions made there.
        try await database.schema("exemplar_tallies")
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("exemplars", .int, .required)
            .field("commended", .int, .required)
            .field("replicated", .int, .required)
            .field("adoptions", .int, .required)
            .unique(on: "organization_id")
            .create()

        try await database.schema("commendation_authority")
            .field("id", .int, .identifier(auto: true))
            .field("organization_kind", .string, .required)
            .field("form", .string, .required)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("created_at", .datetime)
            .create()
        // Quy định 29-QĐ/TW as DESIGN.md summarises it: a cell praises, a grassroots committee also gives
        // giấy khen, a provincial committee bằng khen and cờ thi đua. Provinces differ: later versions are data.
        let defaults: [(kinds: [String], forms: [String])] = [
            (["cell", "sub-committee"], ["praise"]),
            (["grassroots-cell", "grassroots", "commune", "upper-grassroots"], ["praise", "certificate"]),
            (["province", "central"], ["praise", "merit_certificate", "flag"]),
        ]
        let rows: [[any Encodable & Sendable]] = defaults.flatMap { entry in
            entry.kinds.flatMap { kind in entry.forms.map { [kind, $0, "1930-02-03"] as [any Encodable & Sendable] } }
        }
        try await database.sql.insert(into: "commendation_authority", columns: ["organization_kind", "form", "valid_from"], rows: rows).run()

        try await database.schema("exemplar_settings")
            .field("key", .string, .required)
            .field("value", .string, .required)
            .unique(on: "key")
            .create()
        try await database.sql.insert(into: "exemplar_settings", columns: ["key", "value"], rows: [["collective_minimum_rating", "good"]]).run()
    }

    func revert(on database: any Database) async throws {
        for table in ["exemplar_settings", "commendation_authority", "exemplar_tallies", "exemplar_adoptions", "commendations", "exemplar_events",
                      "exemplar_evidence", "exemplar_links", "exemplar_figures", "exemplars"] {
            try await database.schema(table).delete()
        }
    }
}
