import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// `lamtheo benchmark-coverage`: a campaign's coverage at the root and at a ward-level unit, and the
/// recording of one cell's attendance, on a large tree, each beside a plain indexed `COUNT(*)` of the
/// same subtree's members measured in the same run. Fills an empty database with the synthetic
/// organisation (`--scale`, national by default), launches a campaign at the root and records a study
/// session, attendance (about 94% present) and reflections (about 90%) for every cell, in bulk.
struct CoverageBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "Synthetic organisation to load into an empty database (default: national)")
        var scale: String?

        @Option(name: "runs", help: "Requests measured per figure (default: 200)")
        var runs: Int?

        init() {}
    }

    var help: String { "Measures campaign coverage roll-ups and attendance recording on a large tree against a plain COUNT(*)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        let db = app.db
        try await TreeBenchmarkCommand.loadIfEmpty(app, scale: signature.scale, console: console)
        let existing = try await Campaign.query(on: db).sort(\.$id).first()
        let campaign = if let existing { existing } else { try await prepareCampaign(app, console: console) }
        let runs = max(signature.runs ?? 200, 5)
        let today = CalendarDate.today()
        let organizations = try await Organization.query(on: db).count()
        let members = try await Member.query(on: db).count()
        let attendance = try await Attendance.query(on: db).count()
        console.print("database: \(app.dialect), \(organizations) organisations, \(members) members, \(attendance) attendance rows, \(runs) runs per figure")
        console.print("baseline: a plain indexed COUNT(*) of the same subtree's members")
        BenchmarkTiming.header(console)

        let root = try await OrganizationQueries.require(campaign.organizationId, on: db)
        for (label, unit) in try await TreeBenchmarkCommand.sampleUnits(under: root, on: db) {
            let baseline = try await BenchmarkTiming.measure(max(runs / 10, 5)) { _ = try await TreeBenchmarkCommand.plainCount(unit.treePath, on: db) }
            let coverage = try await BenchmarkTiming.measure(runs) {
                _ = try await CoverageQueries.coverage(of: campaign, at: unit, .subtree, today: today, on: db)
            }
            BenchmarkTiming.report(console, "coverage · \(label)", coverage, baseline)
            if unit.id == root.id {
                let children = try await BenchmarkTiming.measure(max(runs / 10, 5)) {
                    _ = try await CoverageQueries.children(of: unit, in: campaign, today: today, on: db)
                }
                BenchmarkTiming.report(console, "drill-down, every child · \(label)", children, baseline)
            }
        }
        try await measureAttendance(app, campaign: campaign, runs: runs, console: console)
    }

    /// Recording a whole cell's attendance for one of its sessions, as a secretary does: one audited
    /// transaction with the upsert and the recount of the cell's figures.
    private func measureAttendance(_ app: Application, campaign: Campaign, runs: Int, console: any Console) async throws {
        let db = app.db
        guard let session = try await StudySession.query(on: db).filter(\.$campaignId == campaign.requireID()).sort(\.$id).first() else { return }
        let cell = try await OrganizationQueries.require(session.organizationId, on: db)
        let roll = try await Member.query(on: db).filter(\.$organizationId == cell.requireID()).filter(\.$status ~~ MemberStatus.onRoll).all()
            .map { $0.requireID() }
        var round = 0
        let samples = try await BenchmarkTiming.measure(runs) {
            round += 1
            let absent = roll[round % roll.count]
            let entries = roll.map { AttendanceEntry(memberId: $0, status: $0 == absent ? AttendanceStatus.absent.rawValue : AttendanceStatus.present.rawValue) }
            _ = try await app.write(AuditSubject("study.attendance", StudySession.self, id: session.requireID()), origin: .commandLine()) {
                try await StudyCommands.takeAttendance(of: session.requireID(), AttendanceInput(entries: entries, othersPresent: false), on: $0)
            }
        }
        let baseline = try await BenchmarkTiming.measure(max(runs / 10, 5)) { _ = try await TreeBenchmarkCommand.plainCount(cell.treePath, on: db) }
        BenchmarkTiming.report(console, "attendance of a \(roll.count)-member cell", samples, baseline)
    }

    /// A campaign at the root with an obligation for every grassroots unit and cell, then one session per
    /// cell with attendance and reflections written in bulk, then every cell's figures recounted.
    private func prepareCampaign(_ app: Application, console: any Console) async throws -> Campaign {
        let started = ContinuousClock.now
        let root = try await Organization.query(on: app.db).filter(\.$parentId == nil).sort(\.$id).first()!
        let campaign = try await app.write(AuditSubject("campaign.launch", Campaign.self), origin: .commandLine()) { db in
            let document = try await DocumentCommands.register(DocumentInput(symbol: "01-KL/TW", title: "Kết luận về tiếp tục thực hiện Chỉ thị 05-CT/TW",
                                                                             issuedOn: "18/05/2021", organizationId: nil), on: db)
            let year = CalendarDate.today().year
            return try await CampaignCommands.launch(CampaignInput(
                documentId: document.id, organizationId: root.requireID(), startsOn: "01/01/\(year)", endsOn: "31/12/\(year)",
                reflectionDueOn: "30/11/\(year)",
                requirements: [
                    RequirementInput(kind: RequirementKind.plan.rawValue, unitKinds: [StandardOrganizationKind.grassroots.rawValue], dueOn: "31/03/\(year)"),
                    RequirementInput(kind: RequirementKind.studySessions.rawValue,
                                     unitKinds: [StandardOrganizationKind.cell.rawValue, StandardOrganizationKind.grassrootsCell.rawValue],
                                     dueOn: "30/06/\(year)", minimumSessions: 1),
                ]), on: db)
        }
        let sql = app.db.sql
        let id = campaign.requireID()
        try await sql.raw("""
            INSERT INTO study_sessions (organization_id, organization_path, campaign_id, title, held_on, format, non_member_attendees)
            SELECT id, path, \(bind: id), 'Học tập chuyên đề', \(bind: campaign.startsOn), \(bind: StudyFormat.inPerson.rawValue), 0 FROM organizations WHERE member_count > 0
            """).run()
        try await sql.raw("""
            INSERT INTO study_attendance (session_id, member_id, status)
            SELECT s.id, m.id, CASE WHEN m.id % 17 = 0 THEN \(bind: AttendanceStatus.absent.rawValue) ELSE \(bind: AttendanceStatus.present.rawValue) END
            FROM members m JOIN study_sessions s ON s.organization_id = m.organization_id AND s.campaign_id = \(bind: id)
            """).run()
        try await sql.raw("""
            INSERT INTO reflections (campaign_id, member_id, body, state, submission_count, submitted_on)
            SELECT \(bind: id), m.id, 'Bài thu hoạch', CASE WHEN m.id % 3 = 0 THEN \(bind: ReflectionState.submitted.rawValue) ELSE \(bind: ReflectionState.accepted.rawValue) END, 1, \(bind: campaign.startsOn)
            FROM members m WHERE m.id % 10 <> 0
            """).run()
        console.print("sessions, attendance and reflections written in \(String(format: "%.0f", (ContinuousClock.now - started).seconds)) s; recounting figures…")
        let cells = try await sql.raw("SELECT id FROM organizations WHERE member_count > 0").all().map { try $0.decode(column: "id", as: Int.self) }
        let bar = console.progressBar(title: "\(VietnameseFormat.integer(cells.count)) chi bộ / cells")
        bar.start()
        var done = 0
        for chunk in cells.chunked(into: 2_000) {
            try await app.db.transaction { db in
                try await CampaignFigures.recount(Set(chunk), campaign: id, on: db)
                try await ObligationCommands.settleStudySessions(of: Set(chunk), campaign: id, on: db)
            }
            done += chunk.count
            bar.activity.currentProgress = Double(done) / Double(cells.count)
        }
        bar.succeed()
        console.print("campaign prepared in \(String(format: "%.0f", (ContinuousClock.now - started).seconds)) s")
        return campaign
    }
}
