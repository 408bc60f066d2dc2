import Fluent
import Foundation
import SQLKit

/// Citizens' feedback (ý kiến, kiến nghị) sent to a committee: the record with its sender's contact details (private,
/// erasable), its files and dated log, the answer deadlines committees set for their subtrees; and the public forms'
/// guard: every submission and refusal by address (rate limits shared by every process) and the key that signs the
/// forms' time tokens.
struct CreateFeedback: AsyncMigration {
    var name: String { "037_CreateFeedback" }

    func prepare(on database: any Database) async throws {
        try await database.schema("feedback")
            .field("id", .int, .identifier(auto: true))
            // The tracking code given to the sender: "YK-7KQ4-M2XH".
            .field("code", .string, .required)
            // The committee it was sent to, and the unit now responsible for answering (the committee or a unit it forwarded to).
            .field("site_organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_id", .int, .required, .references("organizations", "id"))
            .field("organization_path", database.binaryText, .required)
            .field("topic", .string, .required)
            .field("topic_other", .string)
            .field("content", .string, .required)
            .field("sender_name", .string)
            .field("sender_address", .string)
            .field("sender_phone", .string)
            .field("sender_email", .string)
            .field("consents_to_publish", .bool, .required)
            .field("state", .string, .required)
            .field("received_on", .string, .required)
            .field("answer_due_on", .string, .required)
            .field("answer", .string)
            .field("answered_on", .string)
            .field("rejection_reason", .string)
            .field("published_on", .string)
            // The day the sender's contact details and files were erased at their request (the record stays, anonymised).
            .field("contact_erased_on", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code", name: "feedback_code")
            .create()
        try await database.createIndex("feedback_path", on: "feedback", columns: ["organization_path"])
        try await database.createIndex("feedback_state_due", on: "feedback", columns: ["state", "answer_due_on"])

        try await database.schema("feedback_attachments")
            .field("id", .int, .identifier(auto: true))
            .field("feedback_id", .int, .required, .references("feedback", "id"))
            .field("file_key", .string, .required)
            .field("file_name", .string, .required)
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("feedback_attachments_feedback", on: "feedback_attachments", columns: ["feedback_id"])

        try await database.schema("feedback_events")
            .field("id", .int, .identifier(auto: true))
            .field("feedback_id", .int, .required, .references("feedback", "id"))
            .field("action", .string, .required)
            .field("on_date", .string, .required)
            .field("actor", .string)
            // A forward's unit.
            .field("organization_id", .int, .references("organizations", "id"))
            .field("note", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("feedback_events_feedback", on: "feedback_events", columns: ["feedback_id"])

        try await database.schema("feedback_settings")
            .field("organization_id", .int, .identifier(auto: false), .references("organizations", "id"))
            .field("answer_days", .int, .required)
            .field("updated_at", .datetime)
            .create()

        try await database.schema("public_form_submissions")
            .field("id", .int, .identifier(auto: true))
            // "feedback", later "comment"; the site (or article) it was sent to.
            .field("form", .string, .required)
            .field("target", .string, .required)
            .field("address", .string, .required)
            .field("text_hash", .string)
            // "accepted", or the refusal: "honeypot", "too-fast", "expired", "forged", "challenge", "rate", "duplicate"…
            .field("outcome", .string, .required)
            .field("at_epoch", .int64, .required)
            .create()
        try await database.createIndex("public_form_submissions_address", on: "public_form_submissions", columns: ["address", "at_epoch"])
        try await database.createIndex("public_form_submissions_target", on: "public_form_submissions", columns: ["form", "target", "at_epoch"])

        try await database.schema("public_form_keys")
            .field("id", .int, .identifier(auto: false))
            .field("secret", .string, .required)
            .create()
        // One random key for every process, made once here: the forms' tokens are signed with it.
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        try await database.sql.raw("INSERT INTO public_form_keys (id, secret) VALUES (1, \(bind: secret))").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["public_form_keys", "public_form_submissions", "feedback_settings", "feedback_events", "feedback_attachments", "feedback"] {
            try await database.schema(table).delete()
        }
    }
}
