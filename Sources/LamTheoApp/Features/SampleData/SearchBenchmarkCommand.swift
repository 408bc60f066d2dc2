import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// `lamtheo benchmark-search`: searches of members, units and documents as an officer of the root, of a province
/// and of a ward — a rare term, a common one, a part of a card number, two letters — each beside the plain indexed
/// `COUNT(*)` of the same subtree's members in the same run. Reuses the dataset of `LAMTHEO_DATABASE_URL`, loading
/// the national synthetic organisation only into an empty database, and generated documents only when there are few.
struct SearchBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "Synthetic organisation to load into an empty database (default: national)")
        var scale: String?

        @Option(name: "runs", help: "Searches measured per figure (default: 200)")
        var runs: Int?

        init() {}
    }

    var help: String { "Measures member, unit and document searches at the root, a province and a ward against a plain COUNT(*)" }

    /// Terms by what they test: the trigram index (rare), walking the name order (common), card numbers, short words.
    private static let memberTerms = [("rare", "Mạc Thị Lụa"), ("uncommon", "Nghiêm"), ("common", "Nguyễn"), ("card part", "81661"), ("2 letters", "Lê")]
    private static let unitTerms = [("rare", "Dệt may Hoàng Long"), ("common", "Chi bộ"), ("2 letters", "An")]
    private static let documentTerms = [("rare", "Dệt may Hoàng Long"), ("common", "Kế hoạch"), ("2 letters", "Kế")]

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        try await TreeBenchmarkCommand.loadIfEmpty(app, scale: signature.scale, console: console)
        try await Self.addDocumentsIfFew(app, console: console)
        let runs = max(signature.runs ?? 200, 5)
        let db = app.db
        let members = try await Member.query(on: db).count()
        let documents = try await Document.query(on: db).count()
        console.print("database: \(app.dialect), \(members) members, \(documents) documents, \(runs) runs per figure")

        let root = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first()!
        let levels = Array(try await TreeBenchmarkCommand.sampleUnits(under: root, on: db).prefix(3))
        console.print("baseline: a plain indexed COUNT(*) of the same subtree's members; page 1 of 50, officer of the unit")
        BenchmarkTiming.header(console)
        for (label, unit) in levels {
            let scopes = [unit.treePath]
            let baseline = try await BenchmarkTiming.measure(max(runs / 10, 5)) { _ = try await TreeBenchmarkCommand.plainCount(unit.treePath, on: db) }
            for (kind, term) in Self.memberTerms {
                let found = try await MemberQueries.search(.init(text: term, scopes: scopes), page: 1, perPage: 50, on: db)
                let samples = try await BenchmarkTiming.measure(runs) {
                    _ = try await MemberQueries.search(.init(text: term, scopes: scopes), page: 1, perPage: 50, on: db)
                }
                BenchmarkTiming.report(console, "members \(kind) (\(Self.total(found))) · \(label)", samples, baseline)
            }
            for (kind, term) in Self.unitTerms {
                let found = try await OrganizationQueries.search(.init(text: term, scopes: scopes), page: 1, perPage: 50, on: db)
                let samples = try await BenchmarkTiming.measure(runs) {
                    _ = try await OrganizationQueries.search(.init(text: term, scopes: scopes), page: 1, perPage: 50, on: db)
                }
                BenchmarkTiming.report(console, "units \(kind) (\(Self.total(found))) · \(label)", samples, baseline)
            }
            for (kind, term) in Self.documentTerms {
                let found = try await DocumentQueries.search(.init(text: term, scopes: scopes), page: 1, perPage: 50, on: db)
                let samples = try await BenchmarkTiming.measure(runs) {
                    _ = try await DocumentQueries.search(.init(text: term, scopes: scopes), page: 1, perPage: 50, on: db)
                }
                BenchmarkTiming.report(console, "documents \(kind) (\(Self.total(found))) · \(label)", samples, baseline)
            }
        }
    }

    private static func total<Item>(_ page: Page<Item>) -> String {
        (page.totalIsLowerBound ? ">" : "") + "\(page.total)"
    }

    /// Generated plans, reports and resolutions of every committee (the units above cells), up to `documentCount`,
    /// when the register holds fewer than a thousand: searches need a register of national size to be measured.
    static func addDocumentsIfFew(_ app: Application, console: any Console) async throws {
        guard try await Document.query(on: app.db).count() < 1_000 else { return }
        let committees = try await Organization.query(on: app.db).filter(\.$memberCount == 0).filter(\.$parentId != nil)
            .sort(\.$id).limit(documentCount / documentsPerCommittee).all()
        guard let term = try await DocumentQueries.term(containing: CalendarDate(year: 2023, month: 6, day: 1)!, on: app.db) else { return }
        let kinds = [("KH", "Kế hoạch"), ("BC", "Báo cáo"), ("NQ", "Nghị quyết"), ("TB", "Thông báo"), ("CT", "Chỉ thị")]
        let subjects = ["triển khai học tập, quán triệt Nghị quyết", "kết quả kiểm tra, giám sát năm", "lãnh đạo phát triển kinh tế - xã hội",
                        "công tác phát triển đảng viên", "tổ chức sinh hoạt chuyên đề", "sơ kết thực hiện Chỉ thị 05-CT/TW"]
        let now = Date()
        let started = ContinuousClock.now
        let rows = committees.enumerated().flatMap { index, unit in
            (0..<documentsPerCommittee).map { n -> [BulkInsert.Value] in
                let (type, word) = kinds[n % kinds.count]
                let title = "\(word) \(subjects[(index + n) % subjects.count]) của \(unit.name)"
                let issued = CalendarDate(year: 2022 + n % 4, month: 1 + (index + n) % 12, day: 1 + index % 28)!
                return [.integer(unit.id), .integer(n + 1), .text(type), .text("ĐU"), .text("\(n + 1)-\(type)/ĐU"), .text(title),
                        .text(VietnameseText.searchKey("\(n + 1)-\(type)/ĐU \(title)")), .day(issued), .integer(term.id), .instant(now), .instant(now)]
            }
        }
        try await app.write(AuditSubject("sample-data.load", Document.self), origin: .commandLine()) { db in
            try await BulkInsert.deferringIndexesAndKeys(of: [Document.schema], adding: rows.count, on: db) {
                try await BulkInsert.rows(rows, into: Document.schema, columns: ["organization_id", "number", "type_code", "issuer_code", "symbol", "title",
                                                                                 "title_search", "issued_on", "term_id", "created_at", "updated_at"], on: db)
            }
        }
        console.print("added \(rows.count) generated documents in \(String(format: "%.0f", (ContinuousClock.now - started).seconds)) s")
    }

    private static let documentCount = 200_000
    private static let documentsPerCommittee = 20
}
