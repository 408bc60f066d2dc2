import Fluent
import Vapor

/// `lamtheo audit verify`: walks the whole audit trail and checks every link of its hash chain. Exits
/// non-zero, naming the first broken event, when an event was edited, deleted or reordered.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String

        init() {}
    }

    var help: String { "Checks the audit trail: audit verify" }

    struct Broken: Error, CustomStringConvertible {
        let description: String
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else {
            throw Broken(description: "Dùng / use: lamtheo audit verify")
        }
        do {
            let (count, head) = try await AuditTrail.verify(on: context.application.db)
            context.console.print("Nhật ký toàn vẹn / audit trail intact: \(count) sự kiện / events, head \(head)")
        } catch let broken as AuditTrail.Break {
            context.console.error("Nhật ký bị can thiệp / audit trail broken at \(broken)")
            throw Broken(description: "audit trail broken at \(broken)")
        }
    }
}
