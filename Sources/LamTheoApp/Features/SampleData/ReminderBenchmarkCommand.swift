import Fluent
import Foundation
import LamTheoCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// `lamtheo benchmark-reminders`: the day's reminders of a campaign over the whole tree, every member on the roll
/// having an account — how long `ReminderEngine.generate` takes, what it writes, the process's peak memory while it
/// runs, and two page reads measured idle and again while it runs. Fills an empty database with the synthetic
/// organisation (`--scale`, national by default), then gives every member an account and launches a campaign at the
/// root whose reflections are due in 7 days: the default schedule's first step, so that everyone is reminded today.
struct ReminderBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "Synthetic organisation to load into an empty database (default: national)")
        var scale: String?

        @Option(name: "runs", help: "Requests measured per figure before generating (default: 200)")
        var runs: Int?

        init() {}
    }

    var help: String { "Measures the day's reminder generation for a national campaign: time, rows, peak memory and page latency while it runs" }

    /// Members given an account per bulk write.
    private static let batchSize = 20_000

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        let db = app.db
        let today = CalendarDate.today()
        // Without feedback: the run counts one reminder per member on the roll, and no officer has an account to get one.
        try await TreeBenchmarkCommand.loadIfEmpty(app, scale: signature.scale, withFeedback: false, console: console)
        let root = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first()!
        if try await RoleGrant.query(on: db).filter(\.$role == .member).count() == 0 {
            try await Self.prepareAccounts(app, today: today, console: console)
        }
        let campaign = try await Self.campaign(at: root, today: today, app: app)
        let runs = max(signature.runs ?? 200, 5)
        let members = try await Member.query(on: db).count()
        let accounts = try await RoleGrant.query(on: db).filter(\.$role == .member).count()
        console.print("database: \(app.dialect), \(try await Organization.query(on: db).count()) organisations, \(members) members, \(accounts) member accounts, "
                      + "\(runs) runs per figure; reflections due \(campaign.reflectionDueOn?.iso ?? "-"), today \(today.iso)")

        // Two reads every officer's or member's page makes: the header's inbox (a member halfway through the
        // accounts, whose reminder is written during the run) and the campaign's coverage of the largest ward.
        let reader = try await Self.memberHalfway(on: db)
        let ward = try await TreeBenchmarkCommand.sampleUnits(under: root, on: db).first { $0.0.hasPrefix("level 2") }?.1 ?? root
        let inbox: @Sendable () async throws -> Void = {
            _ = try await NotificationQueries.unreadCount(of: reader, on: db)
            _ = try await NotificationQueries.inbox(of: reader, unreadOnly: false, page: 1, perPage: 20, on: db)
        }
        let coverage: @Sendable () async throws -> Void = {
            _ = try await CoverageQueries.coverage(of: campaign, at: ward, .subtree, today: today, on: db)
        }
        console.print("page reads: A = a member's unread count and first inbox page (user \(reader)); B = the campaign's coverage of \(ward.name)")
        let idle = (inbox: try await BenchmarkTiming.measure(runs, inbox), coverage: try await BenchmarkTiming.measure(runs, coverage))

        let first = try await Self.generateWhileReading(today: today, app: app, reads: [inbox, coverage])
        console.print(first.line("generate · first run"))
        console.print(first.memory)
        let second = try await Self.generateWhileReading(today: today, app: app, reads: [inbox, coverage])
        console.print(second.line("generate · second run, same day"))
        console.print("baseline: the same read measured idle, before generating")
        BenchmarkTiming.header(console)
        for (label, run) in [("first", first), ("second", second)] {
            BenchmarkTiming.report(console, "A inbox · during \(label) run (\(run.samples[0].count) reads)", run.samples[0], idle.inbox)
            BenchmarkTiming.report(console, "B coverage of a ward · during \(label) run", run.samples[1], idle.coverage)
        }
    }

    /// One `generate` of `today`, and each of the reads timed in turn, again and again, until it ended.
    struct Measured {
        let summary: ReminderEngine.Summary
        let seconds: Double
        /// Milliseconds of each read while generating, sorted.
        let samples: [[Double]]
        let memory: String

        func line(_ label: String) -> String {
            let written = summary.reminders + summary.digests
            return "\(label): \(VietnameseFormat.integer(summary.itemsRead)) items read, \(VietnameseFormat.integer(written)) notifications written "
                + "(\(summary.digests) digests) in \(String(format: "%.1f", seconds)) s, \(VietnameseFormat.integer(Int(Double(written) / max(seconds, 0.001)))) rows/s"
        }
    }

    /// Runs `generate` with `reads` timed in turn beside it, from its start until it ends (each at least once).
    static func generateWhileReading(today: CalendarDate, app: Application, reads: [@Sendable () async throws -> Void]) async throws -> Measured {
        let before = ProcessMemory.read()
        ProcessMemory.resetPeak()
        let generating = NIOLockedValueBox(true)
        let readers = Task {
            var samples = reads.map { _ in [Double]() }
            repeat {
                for (index, read) in reads.enumerated() {
                    let started = ContinuousClock.now
                    try await read()
                    samples[index].append((ContinuousClock.now - started).milliseconds)
                }
                // A stream of page loads, not a busy loop: the engine keeps its share of the two cores.
                try await Task.sleep(for: .milliseconds(5))
            } while generating.withLockedValue({ $0 })
            return samples.map { $0.sorted() }
        }
        let started = ContinuousClock.now
        let summary: ReminderEngine.Summary
        do {
            summary = try await ReminderEngine.generate(on: today, app: app)
        } catch {
            generating.withLockedValue { $0 = false }
            _ = try? await readers.value
            throw error
        }
        let seconds = (ContinuousClock.now - started).seconds
        generating.withLockedValue { $0 = false }
        let samples = try await readers.value
        let after = ProcessMemory.read()
        let memory = "memory: resident \(before.resident) before; peak \(before.peak) before (loading included), "
            + "\(ProcessMemory.canResetPeak ? "peak during generate \(after.peak)" : "peak after generate \(after.peak) (peak not resettable here)")"
            + ", resident \(after.resident) after"
        return Measured(summary: summary, seconds: seconds, samples: samples, memory: memory)
    }

    /// An account for every member on the roll: a user (one password hash for all, of a secret nobody keeps: these
    /// accounts are never signed in to) and a member grant from today, written in bulk in one transaction.
    static func prepareAccounts(_ app: Application, today: CalendarDate, console: any Console) async throws {
        let started = ContinuousClock.now
        let hash = try app.password.hash(UUID().uuidString)
        let onRoll = MemberStatus.onRoll.map(\.rawValue)
        let total = try await Member.query(on: app.db).filter(\.$status ~~ MemberStatus.onRoll).count()
        try await app.writeBookkeeping { db in
            try await BulkInsert.deferringIndexesAndKeys(of: [User.schema, RoleGrant.schema], adding: total, on: db) {
                var after = 0
                while true {
                    let rows = try await db.sql.raw("""
                        SELECT id, full_name FROM members WHERE id > \(bind: after) AND status IN (\(binds: onRoll)) ORDER BY id LIMIT \(bind: batchSize)
                        """).all()
                    guard !rows.isEmpty else { break }
                    let members = try rows.map { (id: try $0.decode(column: "id", as: Int.self), name: try $0.decode(column: "full_name", as: String.self)) }
                    let users = try await BulkInsert.reserveIds(members.count, in: User.schema, on: db)
                    let now = Date()
                    try await BulkInsert.rows(zip(users, members).map { user, member in
                        [.integer(user), .text("dv\(member.id)"), .text(member.name), .text(hash), .integer(1), .instant(now), .instant(now)]
                    }, into: User.schema, columns: ["id", "username", "display_name", "password_hash", "is_active", "created_at", "updated_at"], on: db)
                    try await BulkInsert.rows(zip(users, members).map { user, member in
                        [.integer(user), .text(Role.member.rawValue), .integer(member.id), .day(today), .instant(now)]
                    }, into: RoleGrant.schema, columns: ["user_id", "role", "member_id", "starts_on", "created_at"], on: db)
                    after = members.last!.id
                }
            }
        }
        console.print("\(VietnameseFormat.integer(total)) member accounts written in \(String(format: "%.0f", (ContinuousClock.now - started).seconds)) s")
    }

    /// The running campaign the reminders are about: launched at the root on the first run, its reflections due in
    /// 7 days and no requirements, so that the day's reminders are the members' own.
    static func campaign(at root: Organization, today: CalendarDate, app: Application) async throws -> Campaign {
        if let running = try await Campaign.query(on: app.db).filter(\.$status == .active).sort(\.$id).first() { return running }
        return try await app.write(AuditSubject("campaign.launch", Campaign.self), origin: .commandLine()) { db in
            let document = try await DocumentCommands.register(DocumentInput(symbol: "01-KL/TW", title: "Kết luận về tiếp tục thực hiện Chỉ thị 05-CT/TW",
                                                                             issuedOn: "18/05/2021", organizationId: nil), on: db)
            return try await CampaignCommands.launch(CampaignInput(
                documentId: document.id, organizationId: root.requireID(), title: "Học tập chuyên đề (benchmark)",
                startsOn: today.iso, endsOn: today.adding(days: 60).iso, reflectionDueOn: today.adding(days: 7).iso), on: db)
        }
    }

    /// The user of the member grant in the middle of the grants' order.
    private static func memberHalfway(on db: any Database) async throws -> Int {
        let grants = try await RoleGrant.query(on: db).filter(\.$role == .member).count()
        return try await RoleGrant.query(on: db).filter(\.$role == .member).sort(\.$id).offset(grants / 2).first()!.userId
    }
}

/// The process's resident memory and its peak, from /proc/self/status (Linux); the peak can be reset
/// (/proc/self/clear_refs) so that it is one phase's own.
enum ProcessMemory {
    struct Reading {
        let resident: String
        let peak: String
    }

    static func read() -> Reading {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> String {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
                  let kilobytes = Int(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") else { return "n/a" }
            return "\(kilobytes / 1024) MB"
        }
        return Reading(resident: field("VmRSS"), peak: field("VmHWM"))
    }

    static var canResetPeak: Bool { FileManager.default.isWritableFile(atPath: "/proc/self/clear_refs") }

    /// VmHWM back to the current resident size.
    static func resetPeak() {
        guard canResetPeak, let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
        try? handle.write(contentsOf: Data("5".utf8))
        try? handle.close()
    }
}
