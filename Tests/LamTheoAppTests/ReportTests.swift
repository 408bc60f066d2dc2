import Crypto
import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import LamTheoDocx
import Testing
import VaporTesting
import ZIPFoundation

@Suite("Reports")
struct ReportTests {
    /// Ward A's cell A1 studies (two members present), ward B does not: the city's figure is 2 of 6.
    /// `absent`: a member of ward B, whose cell holds no session yet.
    private func studiedTree(_ app: Application) async throws -> (tree: SmallTree, campaign: Int, absent: Int) {
        let tree = try await SmallTree.make(on: app)
        let campaign = try await app.launchStudyCampaign(at: tree.city)
        var present: [Int] = []
        var absent: [Int] = []
        for (index, cell) in [tree.cellA1, tree.cellA1, tree.cellA2, tree.cellA2, tree.cellB1, tree.cellB1].enumerated() {
            let member = try await app.createMember("Đảng viên \(index)", card: "10\(index)", in: cell)
            if cell == tree.cellA1 { present.append(member) } else { absent.append(member) }
        }
        let session = try await app.cellSession(tree.cellA1, campaign: campaign)
        let entries = present.map { AttendanceEntry(memberId: $0, status: "present") }
        _ = try await app.write { try await StudyCommands.takeAttendance(of: session, AttendanceInput(entries: entries), on: $0) }
        return (tree, campaign, absent.last!)
    }

    @Test("drafted from the dashboard by a job, edited, issued as a BC document; the figures equal the dashboard's; an issued version downloads unchanged after the data moves",
          arguments: TestBackend.allCases)
    func journey(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (tree, campaign, absent) = try await studiedTree(app)
            let city = try await app.caller("thanhpho", .officer, scope: tree.city, level: .editor)
            let viewer = try await app.caller("xem", .officer, scope: tree.city, level: .viewer)
            let sibling = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let tester = try app.testing()
            let today = CalendarDate.today()

            let created = try await tester.sendRequest(.POST, "/api/v1/reports", headers: city.api) {
                try $0.content.encode(ReportInput(organizationId: tree.city, kind: "interim", day: today.iso, period: "quarter"))
            }
            #expect(created.status == .created)
            let draft = try created.content.decode(ReportAPI.ReportDTO.self)
            #expect(draft.status == .composing && draft.jobId != nil && draft.sections.isEmpty)
            #expect(draft.superiorBody == "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH" && draft.issuingBody == "ĐẢNG ỦY THÀNH PHỐ HỒ CHÍ MINH")
            #expect(draft.authority == "T/M BAN THƯỜNG VỤ" && draft.recipients == ["Lưu Văn phòng."])
            #expect(try await app.jobs.runPending() == 1)
            let jobId = try #require(draft.jobId)
            let job = try #require(try await app.jobs.job(jobId))
            #expect(job.total == DashboardShow.Query.steps + 1 && job.done == job.total, "a step per read (the children, each source, the history) and the write")

            let composed = try await tester.sendRequest(.GET, "/api/v1/reports/\(draft.id)", headers: viewer.api).content.decode(ReportAPI.ReportDTO.self)
            #expect(composed.status == .draft)
            let dashboard = try await tester.sendRequest(.GET, "/api/v1/dashboard?unit=\(tree.city)&day=\(today.iso)&period=quarter", headers: viewer.api)
                .content.decode(DashboardAPI.DashboardDTO.self)
            #expect(composed.sections.map(\.key) == dashboard.sections.map(\.key))
            for (section, expected) in zip(composed.sections, dashboard.sections) {
                #expect(section.figures.map(\.key) == expected.figures.map(\.key))
                #expect(section.figures.map(\.count) == expected.figures.map(\.count) && section.figures.map(\.total) == expected.figures.map(\.total))
            }
            let coverage = try #require(composed.sections.first { $0.key == "campaign-\(campaign)" })
            let studied = try #require(coverage.figures.first { $0.key == "campaign-\(campaign).studied" })
            #expect(studied.text == "2/6 (33,3%)" && studied.source.hasPrefix("2 = đảng viên có mặt"))
            let shortcomings = composed.narratives["shortcomings"] ?? ""
            #expect(shortcomings.contains("Đảng bộ phường Đa Kao (chưa báo cáo)"), "the lagging ward is named where the author starts: \(shortcomings)")

            // Not the sibling ward's, not a viewer's to change.
            #expect(try await tester.sendRequest(.GET, "/api/v1/reports/\(draft.id)", headers: sibling.api).status == .notFound)
            #expect(try await tester.sendRequest(.PATCH, "/api/v1/reports/\(draft.id)", headers: viewer.api) {
                try $0.content.encode(ReportChanges(place: "TP. Hồ Chí Minh"))
            }.status == .forbidden)

            // Issuing needs the place, the signer and the parts' text: refused, nothing written.
            let documents = try await app.rowCount("documents")
            let early = try await tester.sendRequest(.POST, "/api/v1/reports/\(draft.id)/issue", headers: city.api) {
                try $0.content.encode(ReportIssueInput(symbol: "12-BC/TU"))
            }
            #expect(early.status == .unprocessableEntity)
            #expect(try await app.rowCount("documents") == documents)
            #expect(try await app.rowCount("report_versions") == 0)

            let edited = try await tester.sendRequest(.PATCH, "/api/v1/reports/\(draft.id)", headers: city.api) {
                try $0.content.encode(ReportChanges(place: "TP. Hồ Chí Minh", signerName: "Nguyễn Văn A",
                                                    narratives: ["lessons": "Bám sát cơ sở.", "directions": "Hoàn thành học tập trong quý.",
                                                                 "shortcomings": "Phường Đa Kao chậm tổ chức học tập."]))
            }
            #expect(edited.status == .ok)
            #expect(try await tester.sendRequest(.PATCH, "/api/v1/reports/\(draft.id)", headers: city.api) {
                try $0.content.encode(ReportChanges(narratives: ["khác": "x"]))
            }.status == .unprocessableEntity)
            let wrongType = try await tester.sendRequest(.POST, "/api/v1/reports/\(draft.id)/issue", headers: city.api) {
                try $0.content.encode(ReportIssueInput(symbol: "12-KH/TU"))
            }
            #expect(wrongType.status == .unprocessableEntity)
            // The city's committee writes TU: a ward's ĐU is refused, naming the symbol expected.
            let wrongIssuer = try await tester.sendRequest(.POST, "/api/v1/reports/\(draft.id)/issue", headers: city.api) {
                try $0.content.encode(ReportIssueInput(symbol: "498-BC/ĐU"))
            }
            #expect(wrongIssuer.status == .unprocessableEntity)
            let problem = try JSONDecoder().decode(APITests.ProblemBody.self, from: Data(buffer: wrongIssuer.body))
            #expect(problem.errors?.map(\.field) == ["symbol"])
            #expect(problem.errors?.first?.detail == "Ký hiệu phải là …-BC/TU của Đảng ủy Thành phố Hồ Chí Minh (không phải ĐU)")
            #expect(try await app.rowCount("documents") == documents)

            let issued = try await tester.sendRequest(.POST, "/api/v1/reports/\(draft.id)/issue", headers: city.api) {
                try $0.content.encode(ReportIssueInput(symbol: "12-BC/TU", issuedOn: today.iso))
            }
            #expect(issued.status == .created)
            let version = try #require(try issued.content.decode(ReportAPI.ReportDTO.self).versions.first)
            #expect(version.version == 1 && version.symbol == "12-BC/TU" && version.formatVersion == "36-HD/VPTW-2018")
            let document = try #require(try await Document.find(version.documentId, on: app.db))
            #expect(document.typeCode == "BC" && document.organizationId == tree.city)

            let docx = try await tester.sendRequest(.GET, "/api/v1/reports/\(draft.id)/versions/1/docx", headers: viewer.api)
            #expect(docx.status == .ok && docx.headers.contentType?.description.contains("wordprocessingml") == true)
            let bytes = Data(buffer: docx.body)
            #expect(SHA256.hash(data: bytes).hex == version.docxSha256)
            let body = try DocxText.body(of: bytes)
            #expect(body.contains("Số 12-BC/TU") && body.contains("2/6 (33,3%)") && body.contains("Bám sát cơ sở.") && body.contains("Nguyễn Văn A"))
            let xlsx = Data(buffer: try await tester.sendRequest(.GET, "/api/v1/reports/\(draft.id)/versions/1/xlsx", headers: viewer.api).body)
            #expect(SHA256.hash(data: xlsx).hex == version.xlsxSha256)

            // The data moves: a ward B member studies. The issued version does not; a refreshed draft does.
            let session = try await app.cellSession(tree.cellB1, campaign: campaign)
            _ = try await app.write { try await StudyCommands.takeAttendance(of: session, AttendanceInput(entries: [AttendanceEntry(memberId: absent, status: "present")]), on: $0) }
            let again = Data(buffer: try await tester.sendRequest(.GET, "/api/v1/reports/\(draft.id)/versions/1/docx", headers: viewer.api).body)
            #expect(again == bytes)
            #expect(Data(buffer: try await tester.sendRequest(.GET, "/api/v1/reports/\(draft.id)/versions/1/xlsx", headers: viewer.api).body) == xlsx)
            #expect(try await tester.sendRequest(.POST, "/api/v1/reports/\(draft.id)/refresh", headers: city.api).status == .ok)
            #expect(try await app.jobs.runPending() == 1)
            let refreshed = try await tester.sendRequest(.GET, "/api/v1/reports/\(draft.id)", headers: viewer.api).content.decode(ReportAPI.ReportDTO.self)
            #expect(refreshed.sections.first { $0.key == "campaign-\(campaign)" }?.figures.first?.text.hasPrefix("3/6") == true)
            #expect(refreshed.narratives["lessons"] == "Bám sát cơ sở.", "the author's text stays when the figures are gathered again")

            #expect(try await tester.sendRequest(.GET, "/api/v1/reports/\(draft.id)/versions/2/docx", headers: viewer.api).status == .notFound)
            #expect(try await tester.sendRequest(.GET, "/api/v1/reports/\(draft.id)/draft/odt", headers: viewer.api).status == .notFound)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action ~~ ["report.create", "report.update", "report.issue", "report.refresh"]).count() == 4)
        }
    }

    @Test("the pages: draft from the form, the preview with the Party header and figures, the edit form keeps what a refused save typed, issue from the page",
          arguments: TestBackend.allCases)
    func pages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (tree, _, _) = try await studiedTree(app)
            let city = try await app.caller("thanhpho", .officer, scope: tree.city, level: .editor)
            let tester = try app.testing()

            let form = try await FeedbackTests.page("/reports/new?unit=\(tree.city)", as: city, on: tester)
            #expect(form.contains("Lập dự thảo") && form.contains("Báo cáo sơ kết"))
            let refused = try await FeedbackTests.post("/reports", ["organizationId": String(tree.city), "kind": "weekly", "day": "", "period": "month"],
                                                       as: city, on: tester)
            #expect(refused.status == .unprocessableEntity)
            #expect(try await app.rowCount("reports") == 0)
            let sent = try await FeedbackTests.post("/reports", ["organizationId": String(tree.city), "kind": "interim", "day": "", "period": "month"],
                                                    as: city, on: tester)
            let waiting = try await FeedbackTests.landing(sent, as: city, on: tester)
            #expect(waiting.html.contains("Đang tổng hợp số liệu") && waiting.html.contains(#"<a class="button secondary" href="/reports/"#))
            #expect(try await app.jobs.runPending() == 1)
            let id = try #require(try await Report.query(on: app.db).first()?.requireID())

            let preview = try await FeedbackTests.page("/reports/\(id)", as: city, on: tester)
            #expect(preview.contains("ĐẢNG CỘNG SẢN VIỆT NAM") && preview.contains("BÁO CÁO") && preview.contains("II. KẾT QUẢ THỰC HIỆN"))
            #expect(preview.contains("2/6 (33,3%)") && preview.contains("role=\"img\"") && !preview.contains("Tải lại trang"))

            let canary = "<script>alert(1)</script>"
            let badSave = try await FeedbackTests.post("/reports/\(id)/edit", ["subject": "", "issuingBody": "ĐẢNG ỦY", "authority": "T/M", "signerTitle": "BÍ THƯ",
                                                                                "narratives[lessons]": "Bài học \(canary)"], as: city, on: tester)
            #expect(badSave.status == .unprocessableEntity)
            #expect(String(buffer: badSave.body).contains("Bài học &lt;script&gt;"), "what was typed comes back, escaped")
            let saved = try await FeedbackTests.post("/reports/\(id)/edit", ["subject": "Sơ kết quý", "issuingBody": "ĐẢNG ỦY", "authority": "T/M BAN THƯỜNG VỤ",
                                                                              "signerTitle": "BÍ THƯ", "signerName": "Nguyễn Văn A", "place": "TP. Hồ Chí Minh",
                                                                              "recipients": "Ban Tuyên giáo,\nLưu Văn phòng.",
                                                                              "narratives[lessons]": "Bài học \(canary)\r\nDòng hai.", "narratives[directions]": "Tiếp tục.",
                                                                              "narratives[shortcomings]": "Còn chậm."], as: city, on: tester)
            let landed = try await FeedbackTests.landing(saved, as: city, on: tester)
            #expect(landed.html.contains("Đã lưu dự thảo.") && landed.html.contains("Bài học &lt;script&gt;") && !landed.html.contains(canary))
            #expect(landed.html.contains("- Ban Tuyên giáo,") && landed.html.contains("<p>Dòng hai.</p>"), "a line the author typed is a paragraph")

            // The longest report the form allows: every part at its 20,000 characters, each a Vietnamese letter that
            // URL-encodes to 9 bytes — 1.8 MB, beyond the application's default body limit.
            let long = String(repeating: "ỆỀẾỂ", count: 5_000)
            var full = ["subject": "Sơ kết quý", "issuingBody": "ĐẢNG ỦY", "authority": "T/M BAN THƯỜNG VỤ", "signerTitle": "BÍ THƯ",
                        "signerName": "Nguyễn Văn A", "place": "TP. Hồ Chí Minh", "recipients": "Lưu Văn phòng."]
            for part in ReportPart.allCases { full["narratives[\(part.rawValue)]"] = long }
            // Over a socket, as a browser sends it (the in-memory tester enforces no body limit).
            let server = try app.testing(method: .running(port: 0))
            let longSaved = try await FeedbackTests.post("/reports/\(id)/edit", full, as: city, on: server)
            #expect(longSaved.status == .ok, "saved, then the report's page (this client follows the redirect): \(longSaved.status)")
            #expect(try await Report.find(id, on: app.db)?.narratives[.proposals] == long)

            let issued = try await FeedbackTests.post("/reports/\(id)/issue", ["symbol": "7-BC/TU", "issuedOn": ""], as: city, on: tester)
            let after = try await FeedbackTests.landing(issued, as: city, on: tester)
            #expect(after.html.contains("Đã ban hành báo cáo (lần 1).") && after.html.contains("Số 07-BC/TU") && after.html.contains("/reports/\(id)/versions/1/docx"))
            let duplicate = try await FeedbackTests.post("/reports/\(id)/issue", ["symbol": "7-BC/TU", "issuedOn": ""], as: city, on: tester)
            #expect(duplicate.status == .unprocessableEntity || duplicate.status == .conflict)
            #expect(try await app.rowCount("report_versions") == 1)
        }
    }

    @Test("a campaign's result report: only that campaign's figures, its title in the subject; the campaign required, and one over the unit", arguments: TestBackend.allCases)
    func campaignReport(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (tree, campaign, _) = try await studiedTree(app)
            let wardCampaign = try await app.launchStudyCampaign(at: tree.wardB, symbol: "06-CT/TW")

            let missing = await domainError { _ = try await app.write { db in
                try await ReportCommands.create(ReportInput(organizationId: tree.wardA, kind: "campaign"), unit: try await Organization.find(tree.wardA, on: db)!, createdBy: nil, on: db)
            } }
            #expect(missing?.fields == ["campaignId"])
            let sibling = await domainError { _ = try await app.write { db in
                try await ReportCommands.create(ReportInput(organizationId: tree.wardA, kind: "campaign", campaignId: wardCampaign),
                                                unit: try await Organization.find(tree.wardA, on: db)!, createdBy: nil, on: db)
            } }
            #expect(sibling?.fields == ["campaignId"], "ward B's campaign does not cover ward A")

            let report = try await app.write { db in
                try await ReportCommands.create(ReportInput(organizationId: tree.wardA, kind: "campaign", campaignId: campaign),
                                                unit: try await Organization.find(tree.wardA, on: db)!, createdBy: nil, on: db)
            }
            let gathered = try await ReportQueries.gather(report, on: app.db)
            let composed = try await app.write { try await ReportCommands.compose(report.requireID(), gathered, on: $0) }
            let title = try #require(try await Campaign.find(campaign, on: app.db)?.title)
            #expect(composed.subject == "Kết quả thực hiện " + title.prefix(1).lowercased() + title.dropFirst())
            #expect(composed.figures?.sections.map(\.section.key) == ["campaign-\(campaign)"])
            #expect(composed.figures?.sections.first?.section.figures.first?.count == 2, "ward A: the two of cell A1 who attended")
        }
    }

    @Test("a draft waiting for its figures says how many of the job's steps are done, beside “Tải lại trang”")
    func progress() {
        func page(_ progress: ReportShow.JobProgress?, _ language: UILanguage) -> String {
            let model = ReportShow.Model(
                id: 4, unitId: 1, unitName: "Đảng bộ Thành phố Hồ Chí Minh", kind: .interim, status: .composing, day: CalendarDate(year: 2026, month: 11, day: 25)!,
                period: .quarter, progress: progress, superiorBody: "", issuingBody: "", place: "", subject: "", recipients: [], authority: "", signerTitle: "",
                signerName: "", outline: nil, discrepancies: [], versions: [], mayEdit: true)
            return ReportShow.View(model: model).layout(PageContext(language: language, csrfToken: "t")).content.render()
        }
        #expect(page(ReportShow.JobProgress(done: 3, total: 9), .vi).contains("Đang tổng hợp số liệu, đã xong 3/9 bước… thường chỉ vài giây."))
        #expect(page(ReportShow.JobProgress(done: 3, total: 9), .en).contains("Gathering the figures, 3 of 9 steps done…"))
        let unstarted = page(nil, .vi)
        #expect(unstarted.contains("Đang tổng hợp số liệu… thường chỉ vài giây.") && unstarted.contains("Tải lại trang"))
    }
}

/// The XML of a DOCX's body, to look for the words a generated document holds.
enum DocxText {
    static func body(of data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        var xml = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
        return String(decoding: xml, as: UTF8.self)
    }
}
