import Fluent
import Foundation
import SQLKit
@testable import LamTheoApp
import LamTheoCore
import LamTheoSpreadsheet
import Testing
import VaporTesting

@Suite("Spreadsheet import and export")
struct SpreadsheetTests {
    static let memberHeader = ["Số thẻ đảng viên", "Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng", "Tình trạng", "Mã chi bộ", "Điện thoại"]

    func run(_ app: Application, _ kind: SpreadsheetKind, _ rows: [[String]], csv: Bool = true, dryRun: Bool = false,
             actor: Actor? = nil) async throws -> ImportReport {
        let data = csv ? CSVFile.write(rows) : try XLSXWriter.write([.init(name: "Sheet1", header: rows[0], rows: Array(rows.dropFirst()))])
        return try await SpreadsheetImport.run(.init(kind: kind, fileName: csv ? "test.csv" : "test.xlsx", data: data, sheet: nil),
                                               dryRun: dryRun, actor: actor, origin: .commandLine(user: "test"), app: app)
    }

    @Test("many rows into a small table: the plain indexes are dropped for the inserts and the same ones built after (on PostgreSQL only into an empty table); a failure keeps them",
          arguments: TestBackend.allCases)
    func deferredIndexes(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            @Sendable func indexes(_ db: any Database) async throws -> [String] {
                let query: SQLQueryString = backend == .sqlite
                    ? "SELECT sql AS d FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members' AND sql IS NOT NULL ORDER BY name"
                    : "SELECT indexdef AS d FROM pg_indexes WHERE tablename = 'members' ORDER BY indexname"
                return try await db.sql.raw(query).all().map { try $0.decode(column: "d", as: String.self) }
            }
            @Sendable func indexesWhileAdding(_ count: Int) async throws -> [String] {
                try await app.write { db in try await BulkInsert.deferringIndexesAndKeys(of: [Member.schema], adding: count, on: db) { try await indexes(db) } }
            }
            let before = try await indexes(app.db)
            let unique = before.filter { $0.hasPrefix("CREATE UNIQUE") }
            #expect(before.count >= 3 + unique.count)
            #expect(try await indexesWhileAdding(10_000) == unique, "into an empty table")
            #expect(try await indexes(app.db) == before)
            #expect(try await indexesWhileAdding(9_999) == before, "too few rows to be worth it")
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await app.write { db in try await BulkInsert.deferringIndexesAndKeys(of: [Member.schema], adding: 10_000, on: db) { throw Refused() } }
            }
            #expect(try await indexes(app.db) == before)
            if backend == .postgres {
                @Sendable func keys(_ db: any Database) async throws -> [String] {
                    try await db.sql.raw("SELECT conname AS k FROM pg_constraint WHERE contype = 'f' AND conrelid = 'member_transfers'::regclass ORDER BY conname")
                        .all().map { try $0.decode(column: "k", as: String.self) }
                }
                let allKeys = try await keys(app.db)
                let duringLoad = try await app.write { db in
                    try await BulkInsert.deferringIndexesAndKeys(of: [Member.schema, MemberTransfer.schema], adding: 10_000, on: db) { try await keys(db) }
                }
                #expect(allKeys.count == 3 && duringLoad == allKeys.filter { !$0.contains("member_id") },
                        "only the key between the two tables loaded; the cells' keys stay")
                #expect(try await keys(app.db) == allKeys)
            }

            _ = try await SmallTree.make(on: app)
            _ = try await run(app, .members, [Self.memberHeader, ["100001", "Nguyễn Văn An", "Nam", "", "", "", "PA-1", ""]])
            #expect(try await indexesWhileAdding(10_000) == (backend == .sqlite ? unique : before), "PostgreSQL readers would wait for a table with rows")
            #expect(try await indexes(app.db) == before)
        }
    }

    @Test("a dry run reports and writes nothing; the import writes everything; the same file again changes nothing", arguments: TestBackend.allCases)
    func idempotentMembers(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await SmallTree.make(on: app)
            let rows = [Self.memberHeader,
                        ["100001", "Nguyễn Văn An", "Nam", "18/05/1980", "19/05/2005", "Chính thức", "PA-1", "0903 123 456"],
                        ["100002", "Trần Thị Bích", "Nữ", "1985-01-02", "3/2/2010", "", "pa-2", ""],
                        ["100003", "Lê Văn Cường", "nam", "", "", "dự bị", "PB-1", ""]]
            let events = try await app.rowCount("audit_events")
            let dry = try await run(app, .members, rows, dryRun: true)
            #expect(dry.created == 3)
            #expect(dry.errors.isEmpty)
            #expect(!dry.applied)
            #expect(try await app.rowCount("members") == 0)
            #expect(try await app.rowCount("audit_events") == events)

            let first = try await run(app, .members, rows)
            #expect(first.applied)
            #expect(first.created == 3)
            #expect(try await app.rowCount("members") == 3)
            #expect(try await app.storedCountsMatchMembers())
            #expect(try await app.rowCount("audit_events") == events + 1, "one event for the whole import")
            let event = try #require(try await AuditEvent.query(on: app.db).sort(\.$id, .descending).first())
            #expect(event.action == "import.members")
            #expect(event.after?.contains("\"created\":\"3\"") == true)

            let again = try await run(app, .members, rows, csv: false)
            #expect(again.unchanged == 3)
            #expect(again.created == 0 && again.changed == 0)

            var moved = rows
            moved[3][6] = "PA-1"
            moved[2][1] = "Trần Thị Bích Ngọc"
            let changed = try await run(app, .members, moved)
            #expect(changed.changed == 2)
            #expect(try await app.storedCountsMatchMembers())
            let ngoc = try #require(try await Member.query(on: app.db).filter(\.$cardNumber == "100002").first())
            #expect(ngoc.givenName == "Ngọc")
            #expect(ngoc.fullName == "Trần Thị Bích Ngọc")
            #expect(try await MemberTransfer.query(on: app.db).filter(\.$reason == "Nhập từ tệp").count() == 4)
            #expect(try await run(app, .members, moved).unchanged == 3, "the changed members read back as they were written")
        }
    }

    @Test("rows are written a slice at a time: a refused row in a later slice undoes the slices written before it, and the rows after it are still checked",
          arguments: TestBackend.allCases)
    func slices(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await SmallTree.make(on: app)
            @Sendable func importing(_ rows: [[String]]) async throws -> ImportReport {
                let table = try await SpreadsheetTable.read(CSVFile.write(rows), sheet: nil)
                let columns = try ColumnMap(kind: .members, header: table.rows[0])
                return try await MemberImport.run(table, columns: columns, report: ImportReport(kind: .members, fileName: "slices.csv", table: table, columns: columns),
                                                  dryRun: false, actor: nil, origin: .commandLine(user: "test"), app: app, sliceSize: 2) { _, _ in }
            }
            var rows = [Self.memberHeader] + (1 ... 7).map { ["30000\($0)", "Nguyễn Văn An \($0)", "Nam", "", "", "", $0.isMultiple(of: 2) ? "PA-2" : "PA-1", ""] }
            rows[6][0] = "300001"
            rows[7][3] = "31/13/1990"
            let events = try await app.rowCount("audit_events")
            let refused = try await importing(rows)
            #expect(!refused.applied)
            #expect(refused.errors.map(\.line) == [7, 8], "line 7 repeats line 2's card; line 8, in the last slice, is checked all the same")
            #expect(refused.errors.first?.message.vi == "Số thẻ 300001 trùng với dòng 2")
            #expect(try await app.rowCount("members") == 0)
            #expect(try await app.rowCount("member_transfers") == 0)
            #expect(try await app.rowCount("audit_events") == events)

            rows[6][0] = "300006"
            rows[7][3] = "31/12/1990"
            let imported = try await importing(rows)
            #expect(imported.applied && imported.created == 7 && imported.rows == 7)
            #expect(try await app.rowCount("members") == 7)
            #expect(try await app.rowCount("member_transfers") == 7)
            #expect(try await app.storedCountsMatchMembers())
            #expect(try await app.rowCount("audit_events") == events + 1)
            #expect(try await importing(rows).unchanged == 7)
        }
    }

    @Test("every row-level error is reported with its line and column, in Vietnamese, and nothing is written", arguments: TestBackend.allCases)
    func rowErrors(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await SmallTree.make(on: app)
            let rows = [Self.memberHeader,
                        ["200001", "Nguyễn Văn An", "Nam", "31/02/1980", "", "", "PA-1", ""],
                        ["200002", "", "Nữ", "", "", "", "PA-1", ""],
                        ["200001", "Lê Văn Cường", "Nam", "", "", "", "PA-1", ""],
                        ["200004", "Phạm Văn Dũng", "Nam", "", "", "", "KHONG-CO", ""],
                        ["200005", "Hồ Văn Em", "Nam", "", "", "", "PA", ""],
                        ["200006", "Đỗ Thị Phương", "khác", "", "", "", "PA-2", ""]]
            let report = try await run(app, .members, rows)
            #expect(!report.applied)
            let found = Set(report.errors.map { "\($0.line):\($0.column ?? "")" })
            #expect(found == ["2:Ngày sinh", "3:Họ và tên", "4:Số thẻ đảng viên", "5:Mã chi bộ", "6:Mã chi bộ", "7:Giới tính"])
            #expect(report.errors.first { $0.line == 4 }?.message.vi == "Số thẻ 200001 trùng với dòng 2")
            #expect(try await app.rowCount("members") == 0)
        }
    }

    @Test("bad files get a clear error: not a spreadsheet, a missing column, a password-protected workbook", arguments: TestBackend.allCases)
    func badFiles(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            func refusal(_ data: Data) async -> String? {
                do {
                    _ = try await SpreadsheetImport.run(.init(kind: .members, fileName: "x", data: data, sheet: nil), dryRun: true, actor: nil,
                                                        origin: .commandLine(), app: app)
                    return nil
                } catch let error as DomainError {
                    return error.fieldErrors.first?.message.vi
                } catch {
                    return "\(error)"
                }
            }
            #expect(await refusal(Data("%PDF-1.4 binary".utf8) + Data([0, 1, 2, 0])) != nil)
            #expect(await refusal(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))) != nil)
            let missing = await refusal(CSVFile.write([["Họ và tên", "Giới tính"], ["Nguyễn Văn An", "Nam"]]))
            #expect(missing?.contains("Số thẻ đảng viên") == true)
            #expect(missing?.contains("Mã chi bộ") == true)
            #expect(await refusal(Data()) == "Tệp trống")
        }
    }

    @Test("text typed in TCVN3 or VNI is converted to Unicode, and the report says how many cells", arguments: TestBackend.allCases)
    func legacyText(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await SmallTree.make(on: app)
            let tcvn = try #require(LegacyVietnamese.encode("Nguyễn Thị Minh Khai", to: .tcvn3))
            let vni = try #require(LegacyVietnamese.encode("Trương Văn Đức", to: .vni))
            let rows = [Self.memberHeader,
                        ["300001", tcvn, "Nữ", "", "", "", "PA-1", ""],
                        ["300002", vni, "Nam", "", "", "", "PA-1", ""]]
            let report = try await run(app, .members, rows)
            #expect(report.applied)
            #expect(report.convertedCells >= 2)
            #expect(report.summary(.vi).contains("đã chuyển"))
            let names = try await Member.query(on: app.db).sort(\.$cardNumber).all().map(\.fullName)
            #expect(names == ["Nguyễn Thị Minh Khai", "Trương Văn Đức"])
        }
    }

    @Test("organisations import parents first, update by code, and respect the importer's scope", arguments: TestBackend.allCases)
    func organizations(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let header = ["Mã đơn vị", "Tên tổ chức", "Loại tổ chức", "Mã đơn vị cấp trên"]
            let rows = [header,
                        ["PA-9-1", "Chi bộ Tổ 1", "Chi bộ trực thuộc", "PA-9"],
                        ["PA-9", "Đảng bộ bộ phận Khu 9", "sub-committee", "PA"],
                        ["PA-1", "Chi bộ Khu phố Một", "cell", "PA"]]
            let report = try await run(app, .organizations, rows)
            #expect(report.errors.isEmpty, "\(report.errors)")
            #expect(report.created == 2 && report.changed == 1)
            #expect(try await app.unit(tree.cellA1).name == "Chi bộ Khu phố Một")
            let again = try await run(app, .organizations, rows, csv: false)
            #expect(again.unchanged == 3)

            let wardB = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let actor = try #require(try await ActorLoader.forToken(wardB.token, on: app.db))
            let outside = try await run(app, .organizations, [header, ["PA-8", "Chi bộ 8", "cell", "PA"]], actor: actor)
            #expect(outside.errors.first?.column == "Mã đơn vị cấp trên")
            #expect(try await Organization.query(on: app.db).filter(\.$code == "PA-8").first() == nil)
        }
    }

    @Test("an export imports back unchanged, in CSV and XLSX, and only holds the caller's scope", arguments: TestBackend.allCases)
    func roundTrip(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let dataset = SyntheticDataset(scale: .demo, seed: 3, referenceDate: CalendarDate(year: 2026, month: 1, day: 1)!)
            _ = try await SyntheticLoader.load(dataset, into: app)
            for format in SpreadsheetExport.Format.allCases {
                for kind in [SpreadsheetKind.organizations, .members] {
                    let file = try await SpreadsheetExport.file(kind, format: format, scopes: nil, within: nil, on: app.db)
                    let report = try await SpreadsheetImport.run(.init(kind: kind, fileName: file.name, data: file.data, sheet: nil), dryRun: true,
                                                                 actor: nil, origin: .commandLine(), app: app)
                    #expect(report.errors.isEmpty, "\(kind) \(format): \(report.errors.prefix(3))")
                    #expect(report.created == 0 && report.changed == 0, "\(kind) \(format)")
                    #expect(report.unchanged == file.rows)
                }
            }
            let admin = try await app.admin()
            let ward = try #require(try await Organization.query(on: app.db).filter(\.$depth == 1).first())
            let officer = try await app.caller("phuong", .officer, scope: ward.requireID(), level: .viewer)
            let tester = try app.testing()
            let mine = try await tester.sendRequest(.GET, "/api/v1/exports/members?format=csv", headers: officer.api)
            #expect(mine.status == .ok)
            let lines = try CSVFile.parse(try CSVFile.decode(Data(buffer: mine.body)).text)
            #expect(lines.count - 1 == (try await app.subtreeCount(ward.requireID())) + (try await Member.query(on: app.db)
                .filter(\.$organizationPath >= ward.path).filter(\.$organizationPath < ward.treePath.upperBound)
                .filter(\.$status !~ MemberStatus.onRoll).count()))
            let all = try await tester.sendRequest(.GET, "/exports/members.xlsx", headers: admin.web)
            #expect(all.headers.contentType?.description.contains("spreadsheetml") == true)
            #expect(try XLSXReader.read(Data(buffer: all.body)).rows.count - 1 == (try await app.rowCount("members")))
            #expect(try await PersonalDataView.query(on: app.db).filter(\.$what == "member.export.csv").count() == 1)
        }
    }

    @Test("the web upload shows a dry run's report, then imports on confirmation; the API does the same as a job", arguments: TestBackend.allCases)
    func webAndAPI(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            _ = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            let csv = CSVFile.write([Self.memberHeader, ["400001", "Nguyễn Văn An", "Nam", "", "", "", "PA-1", ""]])
            let started = try await tester.sendRequest(.POST, "/api/v1/imports?kind=members&dryRun=false&fileName=a.csv", headers: admin.api,
                                                       body: ByteBuffer(data: csv))
            #expect(started.status == .accepted)
            let id = try started.content.decode(SpreadsheetAPI.JobDTO.self).id
            #expect(try started.content.decode(SpreadsheetAPI.JobDTO.self).state == "running")
            #expect(try await app.jobs.runPending() == 1)
            let job = try await tester.sendRequest(.GET, "/api/v1/imports/\(id)", headers: admin.api).content.decode(SpreadsheetAPI.JobDTO.self)
            #expect(job.state == "finished")
            #expect(job.report?.applied == true)
            #expect(job.report?.created == 1)
            let other = try await app.caller("other", .administrator)
            #expect(try await tester.sendRequest(.GET, "/api/v1/imports/\(id)", headers: other.api).status == .notFound)

            let page = try await tester.sendRequest(.GET, "/imports", headers: admin.web)
            #expect(String(buffer: page.body).contains("enctype=\"multipart/form-data\""))
        }
    }
}
