import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// Breakthroughs of `SmallTree`'s units in 2025, a year already over, so that check-ins may be dated
/// anywhere in it and the status is asked for on chosen days.
enum BreakthroughFixture {
    static let year = 2025

    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    /// Poor households down from 120 to 0 over the year.
    static func numeric(at unit: Int, content: String = "Kéo giảm số hộ nghèo trên địa bàn phường", endsOn: String = "31/12/2025") -> BreakthroughInput {
        BreakthroughInput(organizationId: unit, content: content, targetKind: "numeric", baselineValue: 120, targetValue: 0,
                          measureUnit: "hộ", ownerRole: "Bí thư Đảng ủy", startsOn: "01/01/2025", endsOn: endsOn)
    }

    static func deliverable(at unit: Int) -> BreakthroughInput {
        BreakthroughInput(organizationId: unit, content: "Số hóa hồ sơ đảng viên của chi bộ", targetKind: "deliverable",
                          deliverable: "Toàn bộ hồ sơ đảng viên được quét và lưu trên hệ thống", ownerRole: "Bí thư chi bộ",
                          startsOn: "01/03/2025", endsOn: "30/09/2025")
    }
}

extension Application {
    func setBreakthrough(_ input: BreakthroughInput) async throws -> Breakthrough {
        try await write { try await BreakthroughCommands.set(input, on: $0) }
    }

    func checkIn(_ id: Int, on date: String, value: Double? = nil, done: Bool? = nil) async throws -> Breakthrough {
        let store = documentFiles
        return try await write { try await BreakthroughCommands.checkIn(id, CheckInInput(checkedOn: date, value: value, done: done), store: store, on: $0) }
    }

    func tally(at unit: Int, on day: String) async throws -> BreakthroughTally {
        let period = try await RatingPeriods.containing(BreakthroughFixture.day(day), kind: .year, on: db)
        return try await BreakthroughQueries.rollup(of: self.unit(unit), period: period, today: BreakthroughFixture.day(day), on: db).subtree
    }
}

@Suite("Breakthroughs")
struct BreakthroughAppTests {
    @Test("a specific breakthrough is set for the year of its start; a deliverable too", arguments: TestBackend.allCases)
    func specific(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let numeric = try await app.setBreakthrough(BreakthroughFixture.numeric(at: tree.wardA))
            let deliverable = try await app.setBreakthrough(BreakthroughFixture.deliverable(at: tree.cellA1))
            let period = try #require(try await RatingPeriod.find(numeric.periodId, on: app.db))
            #expect(period.kind == .year && period.startsOn.iso == "2025-01-01")
            #expect(deliverable.periodId == numeric.periodId)
            #expect(numeric.progressPercent == nil, "nothing reported yet")
            let outsider = try await app.createMember("Trần Văn Bình", card: "202", in: tree.cellB1)
            var elsewhere = BreakthroughFixture.numeric(at: tree.wardA)
            elsewhere.ownerMemberId = outsider
            elsewhere.campaignId = 999
            #expect(Set(await domainError { _ = try await app.setBreakthrough(elsewhere) }?.fields ?? []) == ["ownerMemberId", "campaignId"])
            #expect(try await app.rowCount("breakthroughs") == 2)
        }
    }

    @Test("vague breakthroughs are refused with what is missing, and nothing is written", arguments: TestBackend.allCases)
    func vague(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            var slogan = BreakthroughFixture.numeric(at: tree.wardA, content: "Nâng cao chất lượng, hiệu quả hoạt động")
            var noTarget = BreakthroughFixture.numeric(at: tree.wardA)
            noTarget.targetKind = nil
            var noEnd = BreakthroughFixture.numeric(at: tree.wardA)
            noEnd.endsOn = nil
            let backwards = BreakthroughFixture.numeric(at: tree.wardA, endsOn: "01/12/2024")
            var nobody = BreakthroughFixture.numeric(at: tree.wardA)
            nobody.ownerRole = nil
            for (input, field, words) in [(slogan, "content", "khẩu hiệu"), (noTarget, "targetKind", "chỉ tiêu đo được"),
                                          (noEnd, "endsOn", "thời hạn"), (backwards, "endsOn", "trước ngày bắt đầu"),
                                          (nobody, "ownerRole", "người chịu trách nhiệm")] {
                let error = await domainError { _ = try await app.setBreakthrough(input) }
                #expect(error?.fields == [field])
                #expect(error?.fieldErrors.first?.message.vi.contains(words) == true, "\(field): \(error?.description ?? "")")
            }
            slogan.content = "Đẩy mạnh"
            #expect(await domainError { _ = try await app.setBreakthrough(slogan) }?.fieldErrors.first?.message.vi.hasSuffix(BreakthroughSpecificity.rule.vi) == true)
            #expect(try await app.rowCount("breakthroughs") == 0)
            #expect(try await app.rowCount("rating_periods") == 0, "not even the year's period")
        }
    }

    @Test("check-ins move the progress and the status; the SQL status agrees with Swift's", arguments: TestBackend.allCases)
    func progress(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let poverty = try await app.setBreakthrough(BreakthroughFixture.numeric(at: tree.wardA)).requireID()
            let records = try await app.setBreakthrough(BreakthroughFixture.deliverable(at: tree.cellA1)).requireID()
            let short = try await app.setBreakthrough(BreakthroughFixture.numeric(at: tree.cellA2, endsOn: "31/03/2025"))

            var checked = try await app.checkIn(poverty, on: "01/03/2025", value: 90)
            #expect(checked.progressPercent == 25)
            #expect(checked.status(today: BreakthroughFixture.day("02/03/2025")) == .onTrack)
            #expect(checked.status(today: BreakthroughFixture.day("01/07/2025")) == .atRisk, "half the year gone, a quarter done")
            #expect(short.status(today: BreakthroughFixture.day("01/04/2025")) == .late)

            checked = try await app.checkIn(poverty, on: "01/06/2025", value: 0)
            #expect(checked.done && checked.status(today: BreakthroughFixture.day("01/07/2025")) == .done)
            #expect(try await app.checkIn(records, on: "01/05/2025", done: false).progressPercent == 0)
            #expect(try await app.checkIn(records, on: "01/06/2025", done: true).done)

            for day in ["15/01/2025", "02/03/2025", "01/04/2025", "01/07/2025", "31/12/2025"] {
                let rows = try await Breakthrough.query(on: app.db).all()
                let swift = Dictionary(grouping: rows, by: { $0.status(today: BreakthroughFixture.day(day)) }).mapValues(\.count)
                #expect(try await app.tally(at: tree.city, on: day).counts == swift, "on \(day)")
            }
            #expect(try await app.rowCount("breakthrough_check_ins") == 4)
        }
    }

    @Test("a check-in outside the dates or in a closed period is refused and writes nothing", arguments: TestBackend.allCases)
    func refusedCheckIns(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let breakthrough = try await app.setBreakthrough(BreakthroughFixture.deliverable(at: tree.cellA1))
            let id = breakthrough.requireID()
            #expect(await domainError { _ = try await app.checkIn(id, on: "01/02/2025", done: true) }?.fields == ["checkedOn"])
            #expect(await domainError { _ = try await app.checkIn(id, on: "01/05/2025") }?.fields == ["done"])
            let wardPath = try await app.unit(tree.wardA).path
            _ = try await app.write { db in
                let closure = PeriodClosure()
                closure.periodId = breakthrough.periodId
                closure.organizationId = tree.wardA
                closure.organizationPath = wardPath
                closure.closedOn = CalendarDate(year: 2025, month: 12, day: 31)!
                try await closure.create(on: db)
                return closure
            }
            let closed = await domainError { _ = try await app.checkIn(id, on: "01/05/2025", done: true) }
            #expect(closed?.kind == .conflict)
            #expect(closed?.fieldErrors.first?.message.vi.contains("khóa sổ") == true)
            let edit = await domainError { _ = try await app.write { try await BreakthroughCommands.update(id, BreakthroughFixture.deliverable(at: tree.cellA1), on: $0) } }
            #expect(edit?.kind == .conflict)
            #expect(try await app.rowCount("breakthrough_check_ins") == 0)
            #expect(try await BreakthroughQueries.require(id, on: app.db).lastCheckInOn == nil)
        }
    }

    @Test("the parent sees its children's breakthroughs rolled up, with \"chưa báo cáo\" where none are set", arguments: TestBackend.allCases)
    func rollup(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let ward = try await app.setBreakthrough(BreakthroughFixture.numeric(at: tree.wardA))
            _ = try await app.setBreakthrough(BreakthroughFixture.deliverable(at: tree.cellA1))
            _ = try await app.checkIn(ward.requireID(), on: "01/03/2025", value: 0)
            let city = try await app.tally(at: tree.city, on: "01/07/2025")
            #expect(city.total == 2 && city[.done] == 1 && city[.atRisk] == 1, "the cell has not reported for 90 days")
            #expect(city.units == 6 && city.reportingUnits == 2)
            let period = try await RatingPeriod.find(ward.periodId, on: app.db)
            let (_, children) = try await BreakthroughQueries.rollup(of: app.unit(tree.city), period: period, today: BreakthroughFixture.day("01/07/2025"), on: app.db)
            #expect(children.map(\.tally.total) == [2, 0])
            #expect(children.map(\.tally.units) == [3, 2] && children.map(\.tally.reportingUnits) == [2, 0])
            #expect(children[1].tally.done.isReported == false, "ward B reads \"chưa báo cáo\", not 0%")
            // The city's own breakthrough is in its subtree's figures and in no child's.
            _ = try await app.setBreakthrough(BreakthroughFixture.deliverable(at: tree.city))
            let withOwn = try await app.tally(at: tree.city, on: "01/07/2025")
            #expect(withOwn.total == 3 && withOwn.reportingUnits == 3 && withOwn.units == 6)
            #expect(try await app.tally(at: tree.wardA, on: "01/07/2025").total == 2)
            let evidence = try await BreakthroughQueries.ofUnits([tree.wardA, tree.wardB], period: try #require(period), on: app.db)
            #expect(evidence.map(\.organizationId) == [tree.wardA])

            let admin = try await app.admin()
            let page = String(buffer: try await app.testing().sendRequest(.GET, "/breakthroughs?unit=\(tree.city)&period=\(ward.periodId)", headers: admin.web).body)
            #expect(page.contains("chưa báo cáo"))
            #expect(page.contains("Đảng bộ phường Đa Kao"))
        }
    }

    @Test("a sibling ward neither sees nor changes another's breakthroughs; the city sees both", arguments: TestBackend.allCases)
    func scope(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let breakthrough = try await app.setBreakthrough(BreakthroughFixture.numeric(at: tree.wardA))
            let (id, period) = (breakthrough.requireID(), breakthrough.periodId)
            let wardB = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let wardA = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let city = try await app.caller("thanhuy", .officer, scope: tree.city, level: .viewer)
            let tester = try app.testing()
            #expect(try await tester.sendRequest(.GET, "/api/v1/breakthroughs/\(id)", headers: wardB.api).status == .notFound)
            #expect(try await tester.sendRequest(.GET, "/breakthroughs/\(id)", headers: wardB.web).status == .notFound)
            #expect(try await tester.sendRequest(.GET, "/api/v1/breakthroughs?unit=\(tree.wardA)", headers: wardB.api).status == .notFound)
            let sneaky = try await tester.sendRequest(.POST, "/api/v1/breakthroughs/\(id)/check-ins", headers: wardB.api) {
                try $0.content.encode(CheckInInput(checkedOn: "01/03/2025", value: 10))
            }
            #expect(sneaky.status == .notFound)
            let planted = try await tester.sendRequest(.POST, "/api/v1/breakthroughs", headers: wardB.api) {
                try $0.content.encode(BreakthroughFixture.numeric(at: tree.wardA))
            }
            #expect(planted.status == .notFound)
            let own = try await tester.sendRequest(.GET, "/api/v1/breakthroughs?period=\(period)", headers: wardB.api)
            #expect(try own.content.decode(PageDTO<BreakthroughAPI.BreakthroughDTO>.self).total == 0)

            let viewed = try await tester.sendRequest(.POST, "/api/v1/breakthroughs/\(id)/check-ins", headers: city.api) {
                try $0.content.encode(CheckInInput(checkedOn: "01/03/2025", value: 10))
            }
            #expect(viewed.status == .forbidden, "the city's viewer reads but does not write")
            let cityList = try await tester.sendRequest(.GET, "/api/v1/breakthroughs?period=\(period)", headers: city.api)
            #expect(try cityList.content.decode(PageDTO<BreakthroughAPI.BreakthroughDTO>.self).total == 1)
            let done = try await tester.sendRequest(.POST, "/api/v1/breakthroughs/\(id)/check-ins", headers: wardA.api) {
                try $0.content.encode(CheckInInput(checkedOn: "01/03/2025", value: 60))
            }
            #expect(done.status == .created)
            #expect(try done.content.decode(BreakthroughAPI.BreakthroughDTO.self).progressPercent == 50)
            #expect(try await app.rowCount("breakthrough_check_ins") == 1)
        }
    }

    @Test("the API refuses vague input as problem+json in Vietnamese and English", arguments: TestBackend.allCases)
    func api(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let tester = try app.testing()
            var vague = BreakthroughFixture.numeric(at: tree.wardA, content: "Tăng cường đổi mới toàn diện")
            vague.measureUnit = nil
            for (language, rule) in [("vi", BreakthroughSpecificity.rule.vi), ("en", BreakthroughSpecificity.rule.en)] {
                let refused = try await tester.sendRequest(.POST, "/api/v1/breakthroughs", headers: admin.api.adding("Accept-Language", language)) {
                    try $0.content.encode(vague)
                }
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.headers.contentType?.description.hasPrefix("application/problem+json") == true)
                let problem = try JSONDecoder().decode(APITests.ProblemBody.self, from: Data(buffer: refused.body))
                #expect(problem.errors?.map(\.field) == ["content", "measureUnit"])
                #expect(problem.errors?.allSatisfy { $0.detail.hasSuffix(rule) } == true)
            }
            #expect(try await app.rowCount("breakthroughs") == 0)

            let created = try await tester.sendRequest(.POST, "/api/v1/breakthroughs", headers: admin.api) {
                try $0.content.encode(BreakthroughFixture.numeric(at: tree.wardA))
            }
            #expect(created.status == .created)
            let id = try created.content.decode(BreakthroughAPI.BreakthroughDTO.self).id
            let changed = try await tester.sendRequest(.PATCH, "/api/v1/breakthroughs/\(id)", headers: admin.api) {
                try $0.content.encode(BreakthroughFixture.numeric(at: tree.wardA, endsOn: "30/06/2025"))
            }
            #expect(try changed.content.decode(BreakthroughAPI.BreakthroughDTO.self).endsOn.iso == "2025-06-30")
            let rollup = try await tester.sendRequest(.GET, "/api/v1/breakthroughs/rollup?unit=\(tree.city)&period=\(try changed.content.decode(BreakthroughAPI.BreakthroughDTO.self).periodId)", headers: admin.api)
            #expect(rollup.status == .ok)
            #expect(try rollup.content.decode(BreakthroughAPI.RollupDTO.self).children.map(\.tally.reportingUnits) == [1, 0])
        }
    }

    @Test("pages render on the phone-sized layout: the unit's list, a breakthrough with its progress line, the forms", arguments: TestBackend.allCases)
    func pages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let breakthrough = try await app.setBreakthrough(BreakthroughFixture.numeric(at: tree.wardA))
            let id = breakthrough.requireID()
            _ = try await app.checkIn(id, on: "01/03/2025", value: 90)
            let admin = try await app.admin()
            let tester = try app.testing()
            for path in ["/breakthroughs", "/breakthroughs?unit=\(tree.wardA)&period=\(breakthrough.periodId)&status=late",
                         "/breakthroughs/new?unit=\(tree.wardB)", "/breakthroughs/\(id)", "/breakthroughs/\(id)/edit"] {
                #expect(try await tester.sendRequest(.GET, path, headers: admin.web).status == .ok, "GET \(path)")
            }
            let page = String(buffer: try await tester.sendRequest(.GET, "/breakthroughs/\(id)", headers: admin.web).body)
            #expect(page.contains("<svg") && page.contains("<polyline"))
            #expect(page.contains("25,0%"))

            let vague = try await tester.sendRequest(.POST, "/breakthroughs/new", headers: admin.web) {
                try $0.content.encode(admin.form(["organizationId": "\(tree.wardB)", "content": "Nâng cao chất lượng hiệu quả",
                                                   "targetKind": "numeric", "targetValue": "95", "measureUnit": "%",
                                                   "ownerRole": "Bí thư", "startsOn": "01/01/2025"]), as: .urlEncodedForm)
            }
            #expect(vague.status == .unprocessableEntity)
            let body = String(buffer: vague.body)
            #expect(body.contains("khẩu hiệu") && body.contains("Chưa có thời hạn hoàn thành"))
            let set = try await tester.sendRequest(.POST, "/breakthroughs/new", headers: admin.web) {
                try $0.content.encode(admin.form(["organizationId": "\(tree.wardB)", "content": "Tỷ lệ hộ dân dùng nước sạch",
                                                   "targetKind": "numeric", "baselineValue": "82,5", "targetValue": "95", "measureUnit": "%",
                                                   "ownerRole": "Bí thư", "startsOn": "01/01/2025", "endsOn": "31/12/2025"]), as: .urlEncodedForm)
            }
            #expect(set.status == .seeOther)
            let checkedIn = try await tester.sendRequest(.POST, "/breakthroughs/\(id)/check-ins", headers: admin.web) {
                try $0.content.encode(admin.form(["checkedOn": "01/06/2025", "value": "30", "note": "Theo rà soát giữa năm"]), as: .urlEncodedForm)
            }
            #expect(checkedIn.status == .seeOther)
            #expect(try await app.rowCount("breakthroughs") == 2)
            #expect(try await BreakthroughQueries.require(id, on: app.db).progressPercent == 75)
        }
    }

    /// A check-in sent from the web form, with its anti-forgery field, as a browser sends a file: multipart.
    struct EvidenceUpload: Encodable {
        let checkedOn: String
        let value: String
        let evidenceFile: File
        let _csrf: String
    }

    @Test("a check-in carries an evidence file, downloaded by readers of the unit only; a file of another kind is refused and nothing is written",
          arguments: TestBackend.allCases)
    func evidenceFile(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let id = try await app.setBreakthrough(BreakthroughFixture.numeric(at: tree.wardA)).requireID()
            let wardA = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let wardB = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .viewer)
            let tester = try app.testing()
            let path = "/api/v1/breakthroughs/\(id)/check-ins"

            let refused = try await tester.sendRequest(.POST, path, headers: wardA.api) {
                try $0.content.encode(CheckInInput(checkedOn: "01/03/2025", value: 40, evidenceFile: File(data: "MZ\u{90}program", filename: "ảnh.jpg")))
            }
            #expect(refused.status == .unprocessableEntity)
            let problem = try JSONDecoder().decode(APITests.ProblemBody.self, from: Data(buffer: refused.body))
            #expect(problem.errors?.map(\.field) == ["evidenceFile"])
            #expect(problem.errors?.first?.detail.contains("PDF, DOCX, JPEG hoặc PNG") == true)
            #expect(try await app.rowCount("breakthrough_check_ins") == 0)
            #expect(try await BreakthroughQueries.require(id, on: app.db).progressPercent == nil, "nothing written")

            let photo = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("ảnh hiện trường".utf8)
            let saved = try await tester.sendRequest(.POST, path, headers: wardA.api) {
                try $0.content.encode(CheckInInput(checkedOn: "01/03/2025", value: 60, evidence: "Biên bản rà soát hộ nghèo quý I",
                                                   evidenceFile: File(data: ByteBuffer(data: photo), filename: "C:\\Ảnh\\Hiện trường.jpg")))
            }
            #expect(saved.status == .created)
            let checkIn = try #require(try saved.content.decode(BreakthroughAPI.BreakthroughDTO.self).checkIns?.first)
            #expect(checkIn.evidenceFileName == "Hiện trường.jpg")
            #expect(checkIn.evidence == "Biên bản rà soát hộ nghèo quý I")
            let download = try await tester.sendRequest(.GET, "\(path)/\(checkIn.id)/evidence", headers: wardA.api)
            #expect(download.status == .ok)
            #expect(download.headers.contentType?.description == "image/jpeg")
            #expect(Data(buffer: download.body) == photo)
            #expect(try await tester.sendRequest(.GET, "\(path)/\(checkIn.id)/evidence", headers: wardB.api).status == .notFound, "a sibling ward")
            #expect(try await tester.sendRequest(.GET, "/breakthroughs/\(id)/check-ins/\(checkIn.id)/evidence", headers: wardB.web).status == .notFound)
            #expect(try await tester.sendRequest(.GET, "\(path)/\(checkIn.id + 1)/evidence", headers: wardA.api).status == .notFound)

            // The web form sends the file as multipart; the page links to it.
            let posted = try await tester.sendRequest(.POST, "/breakthroughs/\(id)/check-ins", headers: wardA.web) {
                try $0.content.encode(EvidenceUpload(checkedOn: "01/06/2025", value: "90", evidenceFile: File(data: "%PDF-1.7 biên bản", filename: "Biên bản.pdf"),
                                                     _csrf: wardA.csrf),
                                      as: .formData)
            }
            #expect(posted.status == .seeOther)
            let pdf = try #require(try await BreakthroughCheckIn.query(on: app.db).filter(\.$checkedOn == CalendarDate(year: 2025, month: 6, day: 1)!).first())
            #expect(pdf.evidenceName == "Biên bản.pdf" && pdf.evidenceType == "application/pdf")
            let page = String(buffer: try await tester.sendRequest(.GET, "/breakthroughs/\(id)", headers: wardA.web).body)
            #expect(page.contains(#"enctype="multipart/form-data""#))
            #expect(page.contains("/breakthroughs/\(id)/check-ins/\(pdf.id!)/evidence"))
            let web = try await tester.sendRequest(.GET, "/breakthroughs/\(id)/check-ins/\(pdf.id!)/evidence", headers: wardA.web)
            #expect(String(buffer: web.body) == "%PDF-1.7 biên bản")
        }
    }
}
