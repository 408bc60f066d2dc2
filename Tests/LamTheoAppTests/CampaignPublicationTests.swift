import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import NIOCore
import Testing
import VaporTesting

/// A campaign's published results: a site's editor chooses the figures, the site shows exactly those.
@Suite("Campaign publication")
struct CampaignPublicationTests {
    /// The officers' form as a browser sends it: the ticked figures and the button pressed.
    private func post(_ app: Application, _ path: String, figures: [String], action: String, by caller: Caller) async throws -> TestingHTTPResponse {
        let fields = figures.map { "figures%5B%5D=" + $0 } + ["action=\(action)", "\(CSRFMiddleware.fieldName)=\(caller.csrf)"]
        var headers = caller.web
        headers.contentType = .urlEncodedForm
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: fields.joined(separator: "&")))
    }

    @Test("an editor of the site's unit publishes chosen figures in one audited write; the site shows exactly those; a sibling's editor and a stranger cannot",
          arguments: TestBackend.allCases)
    func publication(backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await PublicSiteTests.site("ben-nghe", of: tree.wardA, on: app)
            for (index, cell) in [tree.cellA1, tree.cellA2, tree.cellB1].enumerated() {
                _ = try await app.createMember("Đảng viên \(index)", card: "80\(index)", in: cell)
            }
            let campaign = try await app.launchStudyCampaign(at: tree.city)
            let studied = "campaign-\(campaign).studied", sessions = "campaign-\(campaign).sessions"
            let editor = try await app.caller("bientap", .portalEditor, scope: tree.wardA)
            let sibling = try await app.caller("khac", .portalEditor, scope: tree.wardB)
            let officer = try await app.caller("canbo", .officer, scope: tree.wardA, level: .manager)
            let tester = try app.testing()
            let form = "/campaigns/\(campaign)/publication?unit=\(tree.wardA)"

            let page = try await tester.sendRequest(.GET, form, headers: editor.web)
            #expect(page.status == .ok && String(buffer: page.body).contains("value=\"\(studied)\""))
            #expect(try await tester.sendRequest(.GET, form).status != .ok, "a stranger cannot reach the form")
            #expect(try await tester.sendRequest(.GET, form, headers: officer.web).status == .forbidden, "an officer without the portal's publish")
            #expect(try await post(app, form, figures: [studied], action: "publish", by: sibling).status == .notFound)
            let refused = try await tester.sendRequest(.PUT, "/api/v1/campaigns/\(campaign)/publication?unit=\(tree.wardA)", headers: sibling.api) {
                try $0.content.encode(CampaignPublicationInput(figures: [studied]), as: .json)
            }
            #expect(refused.status == .notFound)
            #expect(try await CampaignPublication.query(on: app.db).count() == 0)
            let empty = try await post(app, form, figures: [], action: "publish", by: editor)
            #expect(empty.status == .unprocessableEntity && String(buffer: empty.body).contains("Số liệu công bố"))
            let bogus = try await tester.sendRequest(.PUT, "/api/v1/campaigns/\(campaign)/publication?unit=\(tree.wardA)", headers: editor.api) {
                try $0.content.encode(CampaignPublicationInput(figures: ["campaign-\(campaign).other"]), as: .json)
            }
            #expect(bogus.status == .unprocessableEntity)

            let events = try await AuditEvent.query(on: app.db).count()
            #expect(try await post(app, form, figures: [studied, sessions], action: "publish", by: editor).status == .seeOther)
            #expect(try await AuditEvent.query(on: app.db).count() == events + 1)
            let published = try #require(try await CampaignPublications.find(campaign, unit: tree.wardA, on: app.db))
            #expect(published.figureKeys == [studied, sessions] && published.publishedBy == editor.username)

            let list = String(buffer: try await tester.sendRequest(.GET, "/site/ben-nghe/campaigns").body)
            #expect(list.contains("href=\"/site/ben-nghe/campaigns/\(campaign)\"") && list.contains(">Kết quả học tập</a>"))
            let results = try await tester.sendRequest(.GET, "/site/ben-nghe/campaigns/\(campaign)")
            let shown = String(buffer: results.body)
            #expect(results.status == .ok)
            #expect(shown.contains("Đảng viên đã học tập") && shown.contains("Buổi học tập đã tổ chức"))
            let section = try await CampaignPublications.section(campaign, unit: try #require(try await Organization.find(tree.wardA, on: app.db)), on: app.db)
            let lead = try #require(section?.figures.first { $0.key == studied })
            #expect(shown.contains(DashboardShow.Model.text(.vi, count: lead.count, total: lead.total)), "the stored roll-up, in vi-VN")
            #expect(shown.contains("<svg") && shown.contains("Chi bộ Khu phố 1"), "the lead figure is chosen: the children compared")
            for hidden in ["Đã nộp bài thu hoạch", "Bài thu hoạch đạt yêu cầu", "quá hạn", "Kế hoạch, báo cáo"] {
                #expect(!shown.contains(hidden), "\(hidden) was not chosen")
            }
            for link in PublicSiteWalk.links(in: shown) {
                #expect(PublicSiteWalk.isPublic(link, routes: app.routes.all), "links to \(link)")
            }

            // Through the API: the sessions alone, so no comparison; then withdrawn.
            let api = "/api/v1/campaigns/\(campaign)/publication?unit=\(tree.wardA)"
            let changed = try await tester.sendRequest(.PUT, api, headers: editor.api) { try $0.content.encode(CampaignPublicationInput(figures: [sessions]), as: .json) }
            #expect(try changed.content.decode(CampaignPublicationAPI.PublicationDTO.self).figures == [sessions])
            let read = try await tester.sendRequest(.GET, api, headers: editor.api).content.decode(CampaignPublicationAPI.PublicationDTO.self)
            #expect(read.available.map(\.key).contains(studied) && read.figures == [sessions])
            let narrower = String(buffer: try await tester.sendRequest(.GET, "/site/ben-nghe/campaigns/\(campaign)").body)
            #expect(!narrower.contains("Đảng viên đã học tập") && !narrower.contains("<svg"))
            #expect(try await tester.sendRequest(.DELETE, api, headers: editor.api).status == .ok)
            #expect(try await tester.sendRequest(.GET, "/site/ben-nghe/campaigns/\(campaign)").status == .notFound)
            #expect(try await AuditEvent.query(on: app.db).count() == events + 3)
        }
    }
}
