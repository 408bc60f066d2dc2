import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// Items of a committee's library written as its editors write them, for the tests.
enum LibraryFixtures {
    static let pdf = Data("%PDF-1.4\nTóm tắt nghị quyết\n%%EOF\n".utf8)

    static func item(_ title: String, at unit: Int, kind: LibraryKind = .summary, visibility: LibraryVisibility = .public, topics: String = "",
                     link: String? = nil, campaigns: [Int] = [], required: [Int] = [], app: Application) async throws -> LibraryItem {
        let input = LibraryItemInput(organizationId: unit, kind: kind.rawValue, title: title, summary: "Nội dung chính của \(title)", topics: topics,
                                     visibility: visibility.rawValue, linkUrl: link, campaignIds: campaigns, requiredCampaignIds: required)
        let store = app.documentFiles
        return try await app.write { db in
            try await LibraryCommands.save(input, upload: link == nil ? ("tai-lieu.pdf", pdf) : nil, id: nil, unit: try await OrganizationQueries.require(unit, on: db),
                                           by: (1, "Ban Tuyên giáo"), store: store, on: db)
        }
    }
}

@Suite("Library")
struct LibraryTests {
    @Test("an item keeps every version; bad input is refused field by field and nothing is written", arguments: TestBackend.allCases)
    func versions(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let item = try await LibraryFixtures.item("Tóm tắt Nghị quyết Đại hội XIII", at: tree.city, topics: "Nghị quyết, nghi quyet; Đạo đức", app: app)
            #expect(item.version == 1 && item.fileName == "tai-lieu.pdf" && item.fileType == "application/pdf" && item.linkURL == nil)
            #expect(item.topicList == ["Nghị quyết", "Đạo đức"], "one topic per folded key")
            let id = item.requireID()
            let store = app.documentFiles
            let unit = try await app.unit(tree.city)
            let revised = try await app.write { db in
                try await LibraryCommands.save(LibraryItemInput(kind: "video", title: "Video tóm tắt Nghị quyết", summary: "Bản video", visibility: "members",
                                                                linkUrl: "https://vtv.vn/video/nq13.htm"),
                                               upload: nil, id: id, unit: unit, by: (1, "Ban Tuyên giáo"), store: store, on: db)
            }
            #expect(revised.version == 2 && revised.linkURL == "https://vtv.vn/video/nq13.htm" && revised.fileKey == nil && revised.visibility == .members)
            let versions = try await LibraryQueries.versions(of: id, on: app.db)
            #expect(versions.map(\.version) == [2, 1])
            #expect(versions.last?.fileKey != nil && versions.last?.title == "Tóm tắt Nghị quyết Đại hội XIII", "the old version keeps its file")
            // A third version without file or link keeps the link.
            let kept = try await app.write { db in
                try await LibraryCommands.save(LibraryItemInput(kind: "video", title: "Video tóm tắt", summary: "Bản video", visibility: "members"),
                                               upload: nil, id: id, unit: unit, by: (1, "Ban Tuyên giáo"), store: store, on: db)
            }
            #expect(kept.version == 3 && kept.linkURL == "https://vtv.vn/video/nq13.htm")

            let before = try await app.rowCount("library_items"), versionsBefore = try await app.rowCount("library_item_versions")
            let refusals: [(LibraryItemInput, (name: String?, data: Data)?, String)] = [
                (LibraryItemInput(kind: "summary", title: "A", summary: "B", visibility: "public", linkUrl: "ftp://example.vn/a.pdf"), nil, "linkUrl"),
                (LibraryItemInput(kind: "summary", title: "A", summary: "B", visibility: "public", linkUrl: "javascript:alert(1)"), nil, "linkUrl"),
                (LibraryItemInput(kind: "summary", title: "A", summary: "B", visibility: "public"), ("virus.pdf", Data("MZ\u{90}program".utf8)), "file"),
                (LibraryItemInput(kind: "summary", title: "A", summary: "B", visibility: "public", linkUrl: "https://a.vn"), ("a.pdf", LibraryFixtures.pdf), "linkUrl"),
                (LibraryItemInput(kind: "summary", title: "A", summary: "B", visibility: "public"), nil, "file"),
                (LibraryItemInput(kind: "poster", title: "", summary: "B", visibility: "everyone", linkUrl: "https://a.vn"), nil, "kind"),
                (LibraryItemInput(kind: "summary", title: "A", summary: "B", visibility: "public", linkUrl: "https://a.vn", campaignIds: [999]), nil, "campaignIds"),
            ]
            for (input, upload, field) in refusals {
                let error = await domainError { _ = try await app.write { db in
                    try await LibraryCommands.save(input, upload: upload, id: nil, unit: unit, by: (1, "x"), store: store, on: db)
                } }
                #expect(error?.fieldErrors.map(\.field).contains(field) == true, "\(field): \(String(describing: error?.fieldErrors))")
            }
            let bad = await domainError { _ = try await app.write { db in
                try await LibraryCommands.save(LibraryItemInput(kind: "poster", title: "", summary: "B", visibility: "everyone", linkUrl: "https://a.vn"),
                                               upload: nil, id: nil, unit: unit, by: (1, "x"), store: store, on: db)
            } }
            #expect(Set(bad?.fieldErrors.map(\.field) ?? []) == ["kind", "title", "visibility"])
            #expect(try await app.rowCount("library_items") == before)
            #expect(try await app.rowCount("library_item_versions") == versionsBefore)
        }
    }

    @Test("readers see their units' and the units above; members-only items are for the signed-in; a sibling's never; only the unit's editors revise",
          arguments: TestBackend.allCases)
    func scope(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let city = try await LibraryFixtures.item("Tóm tắt Nghị quyết của Thành ủy", at: tree.city, visibility: .members, app: app).requireID()
            let wardA = try await LibraryFixtures.item("Đề cương phường Bến Nghé", at: tree.wardA, app: app).requireID()
            let wardB = try await LibraryFixtures.item("Đề cương phường Đa Kao", at: tree.wardB, app: app).requireID()
            let cellA1 = try await LibraryFixtures.item("Sổ tay chi bộ Khu phố 1", at: tree.cellA1, app: app).requireID()
            let memberId = try await app.createMember("Nguyễn Văn Bình", card: "101", in: tree.cellA1)
            let member = try await app.caller("dangvien", .member, member: memberId)
            let officerA = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let tester = try app.testing()

            func listed(_ caller: Caller) async throws -> Set<Int> {
                let page = try await tester.sendRequest(.GET, "/api/v1/library", headers: caller.api)
                #expect(page.status == .ok)
                return Set(try page.content.decode(PageDTO<LibraryAPI.ItemDTO>.self).items.map(\.id))
            }
            #expect(try await listed(member) == [city, wardA, cellA1], "the member's cell and the committees above it")
            #expect(try await listed(officerA) == [city, wardA, cellA1], "the ward's subtree and the city above it")
            #expect(try await tester.sendRequest(.GET, "/api/v1/library/\(wardB)", headers: officerA.api).status == .notFound)
            #expect(try await tester.sendRequest(.GET, "/library/\(wardB)", headers: member.web).status == .notFound)
            #expect(try await tester.sendRequest(.GET, "/library/\(city)", headers: member.web).status == .ok)

            // The ward's editor revises the ward's item, not the city's (which they read: 403).
            let body = ["kind": "summary", "title": "Đề cương phường Bến Nghé (sửa)", "summary": "Bản mới", "visibility": "public"]
            let revised = try await tester.sendRequest(.POST, "/api/v1/library/\(wardA)/versions", headers: officerA.api) { try $0.content.encode(body) }
            #expect(revised.status == .created)
            #expect(try revised.content.decode(LibraryAPI.DetailDTO.self).versions.map(\.version) == [2, 1])
            let refused = try await tester.sendRequest(.POST, "/api/v1/library/\(city)/versions", headers: officerA.api) { try $0.content.encode(body) }
            #expect(refused.status == .forbidden)
            let elsewhere = try await tester.sendRequest(.POST, "/api/v1/library", headers: officerA.api) {
                try $0.content.encode(LibraryPages.ItemForm(LibraryItemInput(organizationId: tree.wardB, kind: "link", title: "X", summary: "Y", visibility: "public", linkUrl: "https://a.vn"), file: nil))
            }
            #expect(elsewhere.status == .notFound, "a sibling ward")
            #expect(try await tester.sendRequest(.POST, "/api/v1/library/\(cellA1)/versions", headers: member.api) { try $0.content.encode(body) }.status == .forbidden,
                    "a member reads, never writes")
        }
    }

    @Test("the public site lists and shows public items only, never members-only, its file included; found without accents", arguments: TestBackend.allCases)
    func publicSite(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await PublicSiteTests.site("ben-nghe", of: tree.wardA, on: app)
            let shown = try await LibraryFixtures.item("Tóm tắt Nghị quyết Đại hội XIII", at: tree.city, topics: "Nghị quyết Đại hội XIII", app: app).requireID()
            let hidden = try await LibraryFixtures.item("Đề cương lưu hành nội bộ", at: tree.wardA, visibility: .members, app: app).requireID()
            let sibling = try await LibraryFixtures.item("Infographic phường Đa Kao", at: tree.wardB, kind: .infographic, app: app).requireID()
            let tester = try app.testing()
            let list = try await tester.sendRequest(.GET, "/site/ben-nghe/library")
            #expect(list.status == .ok && list.headers[.setCookie].isEmpty)
            let html = String(buffer: list.body)
            #expect(html.contains("Tóm tắt Nghị quyết Đại hội XIII") && !html.contains("lưu hành nội bộ") && !html.contains("Đa Kao"))
            #expect(html.contains(#"href="/site/ben-nghe/library""#), "the site's menu links the library")
            #expect(try await tester.sendRequest(.GET, "/site/ben-nghe/library/\(shown)").status == .ok)
            for id in [hidden, sibling] {
                #expect(try await tester.sendRequest(.GET, "/site/ben-nghe/library/\(id)").status == .notFound)
                #expect(try await tester.sendRequest(.GET, "/site/ben-nghe/library/\(id)/file").status == .notFound)
            }
            let file = try await tester.sendRequest(.GET, "/site/ben-nghe/library/\(shown)/file")
            #expect(file.status == .ok && Data(buffer: file.body) == LibraryFixtures.pdf)

            let found = String(buffer: try await tester.sendRequest(.GET, "/site/ben-nghe/library?q=nghi+quyet+dai+hoi").body)
            #expect(found.contains("Tóm tắt Nghị quyết Đại hội XIII"))
            let none = String(buffer: try await tester.sendRequest(.GET, "/site/ben-nghe/library?q=de+cuong").body)
            #expect(none.contains("Không có tài liệu nào phù hợp"), "members-only items are not found either")
            let byTopic = String(buffer: try await tester.sendRequest(.GET, "/site/ben-nghe/library?topic=nghi-quyet-dai-hoi-xiii&kind=summary").body)
            #expect(byTopic.contains("Tóm tắt Nghị quyết Đại hội XIII"))
            #expect(try await tester.sendRequest(.GET, "/site/ben-nghe/library?kind=poster").status == .badRequest)

            let signedIn = try await app.caller("canbo", .officer, scope: tree.city, level: .viewer)
            let members = try await tester.sendRequest(.GET, "/api/v1/library?q=DE+CUONG", headers: signedIn.api).content.decode(PageDTO<LibraryAPI.ItemDTO>.self)
            #expect(members.items.map(\.id) == [hidden], "a signed-in reader finds it, case and accents ignored")
        }
    }

    @Test("a member's opening is recorded once, audited once, and counted toward the campaign that requires it", arguments: TestBackend.allCases)
    func reading(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let tree = setup.tree
            let campaign = setup.campaign.requireID()
            let summary = try await LibraryFixtures.item("Tóm tắt Kết luận 01-KL/TW", at: tree.city, campaigns: [campaign], required: [campaign], app: app).requireID()
            let video = try await LibraryFixtures.item("Video chuyên đề", at: tree.city, kind: .video, link: "https://vtv.vn/v.htm", app: app).requireID()
            let reader = try await app.createMember("Nguyễn Văn Bình", card: "101", in: tree.cellA1)
            _ = try await app.createMember("Trần Thị Hoa", card: "102", in: tree.cellA1)
            _ = try await app.createMember("Lê Văn Tâm", card: "103", in: tree.cellB1)
            let member = try await app.caller("dangvien", .member, member: reader)
            let officer = try await app.caller("thanhuy", .officer, scope: tree.city, level: .viewer)
            let tester = try app.testing()

            let events = try await app.rowCount("audit_events")
            #expect(try await tester.sendRequest(.GET, "/library/\(summary)", headers: member.web).status == .ok)
            #expect(try await tester.sendRequest(.GET, "/library/\(summary)", headers: member.web).status == .ok)
            let again = try await tester.sendRequest(.POST, "/api/v1/library/\(summary)/readings", headers: member.api)
            #expect(try again.content.decode(LibraryAPI.ReadingDTO.self).recorded == false)
            #expect(try await app.rowCount("library_readings") == 1, "recorded once")
            #expect(try await app.rowCount("audit_events") == events + 1, "audited once")
            #expect(try await tester.sendRequest(.GET, "/library/\(video)", headers: officer.web).status == .ok)
            #expect(try await app.rowCount("library_readings") == 1, "an officer's opening is no member's reading")
            #expect(try await tester.sendRequest(.POST, "/api/v1/library/\(video)/readings", headers: officer.api).status == .unprocessableEntity)

            let figures = try await LibraryReaders.figures(campaign: campaign, units: [tree.city, tree.wardA, tree.wardB, tree.cellA1], on: app.db)
            #expect(figures[tree.city]?.read == 1 && figures[tree.city]?.members == 3)
            #expect(figures[tree.wardA]?.read == 1 && figures[tree.wardA]?.members == 2)
            #expect(figures[tree.wardB]?.read == 0 && figures[tree.wardB]?.members == 1)
            let page = String(buffer: try await tester.sendRequest(.GET, "/campaigns/\(campaign)?unit=\(tree.wardA)", headers: officer.web).body)
            #expect(page.contains("Đã đọc tài liệu") && page.contains("1/2 đảng viên"), "the campaign's page, for the unit shown")
            let units = try await DashboardUnit.units([tree.city, tree.wardB], on: app.db)
            let sections = try await LibraryDashboard().sections(of: units, explaining: tree.city, day: .today(), on: app.db)
            let lead = try #require(sections[tree.city]?.first?.figures.first)
            #expect(lead.key == "library-campaign-\(campaign).read" && lead.count == 1 && lead.total == 3 && lead.explanation != nil)
            #expect(sections[tree.wardB]?.first?.figures.first?.count == 0)

            // A second required item: the reader has not read everything any more, until they open it.
            let outline = try await LibraryFixtures.item("Đề cương chuyên đề", at: tree.city, campaigns: [campaign], required: [campaign], app: app).requireID()
            #expect(try await LibraryReaders.figures(campaign: campaign, units: [tree.city], on: app.db)[tree.city]?.read == 0)
            #expect(try await tester.sendRequest(.POST, "/api/v1/library/\(outline)/readings", headers: member.api).content.decode(LibraryAPI.ReadingDTO.self).recorded)
            #expect(try await LibraryReaders.figures(campaign: campaign, units: [tree.city], on: app.db)[tree.city]?.read == 1)
        }
    }
}
