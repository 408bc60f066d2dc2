import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// Issue 14, "words and numbers a user understands": histories in sentences, labels that fit the unit, one rounding
/// rule for the API and the pages, delegates counted with attendance, searches that find what people type.
@Suite("Words and numbers")
struct WordsTests {
    /// The words a page shows, tags taken out, as a reader (or a browser's innerText) sees them.
    static func words(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }

    /// What no history may show: stored codes, ids, empty-set signs, ISO dates or UTC times.
    static func expectNoCodes(_ text: String, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) {
        for code in ["study.", "organization.", "organizationId", "parentId", "∅", "T0", "Z;"] {
            #expect(!text.contains(code), "\(comment): “\(code)”", sourceLocation: sourceLocation)
        }
        #expect(text.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil, "\(comment): an ISO date", sourceLocation: sourceLocation)
    }

    @Test("histories read in words: who by name and role, what in a sentence, fields by label, units by name, times in Vietnam's time",
          arguments: TestBackend.allCases)
    func historiesInWords(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city)
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let binh = try await app.createMember("Trần Văn Bình", card: "2", in: tree.cellA1)
            let admin = try await app.admin()
            let secretary = try await app.caller("bithua1", .secretary, scope: tree.cellA1)
            let session = try await app.cellSession(tree.cellA1, campaign: campaign)
            let tester = try app.testing()
            let taken = try await tester.sendRequest(.POST, "/study-sessions/\(session)/attendance", headers: secretary.web) {
                try $0.content.encode(secretary.form(["status[\(an)]": "present", "status[\(binh)]": "excused", "reason[\(binh)]": "Ốm"]), as: .urlEncodedForm)
            }
            #expect(taken.status == .seeOther)
            let moved = try await tester.sendRequest(.POST, "/api/v1/organizations/\(tree.cellA2)/move", headers: admin.api) {
                try $0.content.encode(["parentId": tree.wardB])
            }
            #expect(moved.status == .ok)

            let sessionPage = Self.words(String(buffer: try await tester.sendRequest(.GET, "/study-sessions/\(session)", headers: secretary.web).body))
            #expect(sessionPage.contains("Bí thư bithua1 ghi điểm danh buổi học tập: 1 có mặt, 1 vắng có lý do"), "\(sessionPage)")
            Self.expectNoCodes(sessionPage, "the session's history")

            let unitPage = Self.words(String(buffer: try await tester.sendRequest(.GET, "/organizations/\(tree.cellA2)", headers: admin.web).body))
            #expect(unitPage.contains("Quản trị viên admin chuyển trực thuộc tổ chức · qua API"))
            #expect(unitPage.contains("Trực thuộc: Đảng bộ phường Bến Nghé → Đảng bộ phường Đa Kao"), "units by name, not by id")
            Self.expectNoCodes(unitPage, "the unit's history")

            let trail = Self.words(String(buffer: try await tester.sendRequest(.GET, "/audit", headers: admin.web).body))
            #expect(trail.contains("Bí thư bithua1 ghi điểm danh buổi học tập “Sinh hoạt chuyên đề”: 1 có mặt, 1 vắng có lý do"))
            #expect(trail.contains("Quản trị viên admin chuyển trực thuộc tổ chức Chi bộ Khu phố 2"))
            #expect(trail.contains("Có hiệu lực từ: 01/01/2020"), "a new record's days as dd/MM/yyyy")
            Self.expectNoCodes(trail, "the audit trail")
            let attendance = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "study.attendance").first())
            let instant = try #require(AuditReading.instant(attendance.occurredAt))
            #expect(trail.contains(VietnameseFormat.dateTime(instant)), "the time in Asia/Ho_Chi_Minh")

            let search = Self.words(String(buffer: try await tester.sendRequest(.GET, "/audit?q=diem%20danh", headers: admin.web).body))
            #expect(search.contains("ghi điểm danh buổi học tập"), "the trail is searched by its words, accents optional")
            #expect(!search.contains("chuyển trực thuộc"))
            let byName = Self.words(String(buffer: try await tester.sendRequest(.GET, "/audit?q=bithua1", headers: admin.web).body))
            #expect(byName.contains("Bí thư bithua1 ghi điểm danh"))

            let edited = try await tester.sendRequest(.PATCH, "/api/v1/campaigns/\(campaign)", headers: admin.api) {
                try $0.content.encode(CampaignChanges(reflectionDueOn: "2030-11-30"))
            }
            #expect(edited.status == .ok)
            let campaignPage = Self.words(String(buffer: try await tester.sendRequest(.GET, "/campaigns/\(campaign)", headers: admin.web).body))
            #expect(campaignPage.contains("Quản trị viên admin sửa đợt triển khai · qua API"), "the campaign's page has its history")
            #expect(campaignPage.contains("Hạn nộp bài thu hoạch: 31/12/2030 → 30/11/2030"))
            Self.expectNoCodes(campaignPage, "the campaign's history")

            let english = Self.words(String(buffer: try await tester.sendRequest(.GET, "/study-sessions/\(session)?lang=en", headers: secretary.web).body))
            #expect(english.contains("Secretary bithua1 took the attendance of study session: 1 present, 1 excused"))
        }
    }

    @Test("every action the app records is worded, and so is every record it audits; an unknown one reads as a change, never as its code")
    func everyActionWorded() async throws {
        try await withTestApp(.sqlite) { _ in
            let wordings = AuditWording.wordings
            let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/LamTheoApp")
            let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)).compactMap { $0 as? URL }
                .filter { $0.pathExtension == "swift" }
            var actions: Set<String> = [], entities: Set<String> = []
            for file in files {
                let text = try String(contentsOf: file, encoding: .utf8)
                // The names the writes record: AuditSubject("study.attendance", …), the demo's write("commitment.register", …).
                for match in text.matches(of: /(?:AuditSubject|write)\("([a-z][a-z._-]+)"/) { actions.insert(String(match.1)) }
                for match in text.matches(of: /static var auditEntity: String \{ "([^"]+)" \}/) { entities.insert(String(match.1)) }
            }
            actions.remove("test.setup")
            #expect(actions.count > 50 && entities.count > 25)
            for action in actions.sorted() { #expect(wordings.actions[action] != nil, "the action \(action) has no wording") }
            for kind in RatingStepKind.allCases { #expect(wordings.actions["rating.\(kind.rawValue)"] != nil) }
            for entity in entities.sorted() { #expect(wordings.records[entity] != nil, "the record \(entity) has no wording") }
            #expect(wordings.action("something.new").verb.vi == "thay đổi")
            #expect(wordings.record("something_new").noun.vi == "bản ghi")
        }
    }

    @Test("the API's percent is the number the page writes, for awkward counts, with a comma in Vietnamese and a dot in English",
          arguments: TestBackend.allCases)
    func percentAgreesWithPage(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let campaign = setup.campaign.requireID()
            let officer = try await app.caller("thanhuy", .officer, scope: setup.tree.city, level: .manager)
            let tester = try app.testing()
            for (studied, members, percent, text) in [(201, 400, 50.3, "50,3%"), (1, 3, 33.3, "33,3%"), (2, 3, 66.7, "66,7%"), (1, 8, 12.5, "12,5%")] {
                // The stored figures are what both read: set them to the counts.
                try await app.db.sql.raw("""
                    UPDATE campaign_figures SET subtree_members = \(bind: members), subtree_members_studied = \(bind: studied),
                           subtree_reporting_units = 1, subtree_member_units = 1
                    WHERE campaign_id = \(bind: campaign) AND organization_id = \(bind: setup.tree.city)
                    """).run()
                let answer = try await tester.sendRequest(.GET, "/api/v1/campaigns/\(campaign)/coverage?unit=\(setup.tree.city)", headers: officer.api)
                let report = try answer.content.decode(CoverageAPI.ReportDTO.self)
                #expect(report.subtree.studied.percent == percent, "\(studied)/\(members)")
                #expect(report.subtree.studied.text.hasSuffix("(\(text))"), "the API's own text")
                let page = String(buffer: try await tester.sendRequest(.GET, "/campaigns/\(campaign)?unit=\(setup.tree.city)", headers: officer.web).body)
                #expect(page.contains("\(studied)/\(members) đảng viên (\(text))"), "\(studied)/\(members) on the page")
                let english = String(buffer: try await tester.sendRequest(.GET, "/campaigns/\(campaign)?unit=\(setup.tree.city)&lang=en",
                                                                          headers: officer.web).body)
                #expect(english.contains("\(studied)/\(members) members (\(text.replacingOccurrences(of: ",", with: ".")))"))
            }
        }
    }

    @Test("labels fit the unit: “Toàn Đảng bộ…” once, a cell by its name, its members as its roll, a unit's rating by the level above",
          arguments: TestBackend.allCases)
    func labelsFitTheUnit(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let tree = setup.tree
            try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let campaign = setup.campaign.requireID()
            let officer = try await app.caller("thanhuy", .officer, scope: tree.city, level: .manager)
            let tester = try app.testing()

            let city = Self.words(String(buffer: try await tester.sendRequest(.GET, "/campaigns/\(campaign)?unit=\(tree.city)", headers: officer.web).body))
            #expect(city.contains("Toàn Đảng bộ Thành phố Hồ Chí Minh"))
            #expect(!city.contains("Toàn đảng bộ Đảng bộ"))
            #expect(!city.contains("/0 chi bộ") && !city.contains(" 0/0"), "no empty denominators: \(city)")
            let cell = Self.words(String(buffer: try await tester.sendRequest(.GET, "/campaigns/\(campaign)?unit=\(tree.cellA1)", headers: officer.web).body))
            #expect(cell.contains("Chi bộ Khu phố 1 Đảng viên 1"), "a cell's figures under its name: \(cell)")
            #expect(!cell.contains("Toàn") && !cell.contains("Của riêng") && !cell.contains("chi bộ đã báo cáo"))
            #expect(cell.contains("Nhiệm vụ của Chi bộ Khu phố 1"))

            let unitPage = Self.words(String(buffer: try await tester.sendRequest(.GET, "/organizations/\(tree.cellA1)", headers: officer.web).body))
            #expect(unitPage.contains("Đảng viên của chi bộ"))
            #expect(!unitPage.contains("Đảng viên toàn đảng bộ"))

            let year = CityCampaign.year
            let period = try await app.write {
                try await RatingCommands.createPeriod(RatingPeriodInput(kind: "year", title: "Năm \(year)", startsOn: "01/01/\(year)", endsOn: "31/12/\(year)"), on: $0)
            }.requireID()
            let ratings = Self.words(String(buffer: try await tester.sendRequest(.GET, "/rating-periods/\(period)?unit=\(tree.city)", headers: officer.web).body))
            #expect(ratings.contains("Cấp ủy cấp trên đề xuất"), "a ward is proposed by the level above: \(ratings)")
            #expect(!ratings.contains("Chi bộ đề xuất"))
        }
    }

    @Test("an online conference's delegates count wherever its attendance is shown", arguments: TestBackend.allCases)
    func delegatesCount(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let officer = try await app.caller("phuong", .officer, scope: tree.wardA, level: .editor)
            let session = try await app.write { try await StudyCommands.record(StudySessionInput(
                organizationId: tree.wardA, title: "Hội nghị trực tuyến", heldOn: CalendarDate.today().iso, format: "online",
                bridgePoints: [BridgePointInput(name: "Hội trường phường", attendeeCount: 3_600), BridgePointInput(name: "Khu phố 1", attendeeCount: 760)]),
                on: $0) }.requireID()
            let tester = try app.testing()
            let list = Self.words(String(buffer: try await tester.sendRequest(.GET, "/study-sessions?unit=\(tree.wardA)", headers: officer.web).body))
            #expect(list.contains("4.360 đại biểu tại 2 điểm cầu"), "the session list counts the delegates: \(list)")
            let page = Self.words(String(buffer: try await tester.sendRequest(.GET, "/study-sessions/\(session)", headers: officer.web).body))
            #expect(page.contains("4.360 Đại biểu tại 2 điểm cầu"))
            let api = try await tester.sendRequest(.GET, "/api/v1/study-sessions?unit=\(tree.wardA)", headers: officer.api)
            let sessions = try api.content.decode(PageDTO<StudyAPI.SessionDTO>.self)
            #expect(sessions.items.first?.bridgePointAttendees == 4_360)
        }
    }

    @Test("searches find what people type: given name first, part of a card; namesakes show where they belong; nothing found says what to try",
          arguments: TestBackend.allCases)
    func searchesFindWhatPeopleType(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await app.createMember("Nguyễn Văn Bình", card: "79012345", in: tree.cellA1)
            try await app.createMember("Nguyễn Văn Bình", card: "79054321", in: tree.cellB1)
            try await app.createMember("Trần Thị Hoa", card: "79099999", in: tree.cellB1)
            let officer = try await app.caller("thanhuy", .officer, scope: tree.city, level: .manager)
            let tester = try app.testing()

            let byGivenName = try await MemberQueries.search(.init(text: "binh nguyen van"), page: 1, perPage: 50, on: app.db)
            #expect(byGivenName.items.map(\.cardNumber).sorted() == ["79012345", "79054321"])
            let byCard = try await MemberQueries.search(.init(text: "0543"), page: 1, perPage: 50, on: app.db)
            #expect(byCard.items.map(\.cardNumber) == ["79054321"])
            let members = Self.words(String(buffer: try await tester.sendRequest(.GET, "/members?q=binh+nguyen+van", headers: officer.web).body))
            #expect(members.contains("Chi bộ Khu phố 1 — Đảng bộ phường Bến Nghé"), "each namesake's cell and where it is: \(members)")
            #expect(members.contains("Chi bộ Khu phố 3 — Đảng bộ phường Đa Kao"))
            let none = Self.words(String(buffer: try await tester.sendRequest(.GET, "/members?q=zzz", headers: officer.web).body))
            #expect(none.contains("Không tìm thấy đảng viên nào khớp “zzz”. Thử tìm theo tên không dấu"))

            let units = Self.words(String(buffer: try await tester.sendRequest(.GET, "/organizations?q=khu+pho", headers: officer.web).body))
            #expect(units.contains("Chi bộ Khu phố 1 — Đảng bộ phường Bến Nghé"))
            #expect(units.contains("Chi bộ Khu phố 3 — Đảng bộ phường Đa Kao"))
            let reversed = Self.words(String(buffer: try await tester.sendRequest(.GET, "/organizations?q=ben+nghe+phuong", headers: officer.web).body))
            #expect(reversed.contains("Đảng bộ phường Bến Nghé"), "a unit's words in any order")
            let noUnit = Self.words(String(buffer: try await tester.sendRequest(.GET, "/organizations?q=zzz", headers: officer.web).body))
            #expect(noUnit.contains("Không tìm thấy tổ chức nào khớp “zzz”. Thử tìm theo tên không dấu"))
            let picker = Self.words(String(buffer: try await tester.sendRequest(.GET, "/organizations/\(tree.cellA2)/move?q=zzz", headers: officer.web).body))
            #expect(picker.contains("Không tìm thấy tổ chức nào khớp “zzz”"), "the unit picker too")
        }
    }
}
