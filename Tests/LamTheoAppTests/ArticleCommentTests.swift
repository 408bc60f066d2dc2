import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Plot
import SQLKit
import Testing
import VaporTesting

/// Readers' comments under a published article of the ward's site `ben-nghe`.
enum CommentFixture {
    static let slug = "ben-nghe"

    /// A form token for the article, issued `age` seconds ago.
    static func token(_ app: Application, article: Int, age: TimeInterval = 10) async throws -> String {
        let request = Request(application: app, on: app.eventLoopGroup.any())
        return try await CommentActions.guardian.ticket(target: "\(slug)/\(article)", request: request, now: Date().addingTimeInterval(-age)).token
    }

    static func body(_ token: String, name: String = "Nguyễn Thị Hoa", email: String? = "hoa.nguyen@example.vn",
                     content: String = "Bài viết rất thiết thực, chi bộ chúng tôi sẽ làm theo.", website: String? = nil) -> CommentPublicPages.Submission {
        CommentPublicPages.Submission(CommentInput(authorName: name, authorEmail: email, content: content),
                                      proof: PublicFormProof(website: website, formToken: token, challengeAnswer: nil))
    }

    static func submit(_ app: Application, article: Int, _ body: CommentPublicPages.Submission) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/site/\(slug)/articles/\(article)/comments") { try $0.content.encode(body) }
    }

    /// The ward's published site, its editor and a published article.
    static func article(_ app: Application) async throws -> (tree: SmallTree, editor: Caller, article: Int) {
        let tree = try await SmallTree.make(on: app)
        try await PublicSiteTests.site(slug, of: tree.wardA, on: app)
        let editor = try await app.caller("bientap", .portalEditor, scope: tree.wardA)
        let (article, _) = try await PortalFixtures.article(on: slug, by: editor.userId, app: app)
        return (tree, editor, article)
    }

    /// Sends one comment and returns it, forgetting the submission so that the next needs no challenge.
    static func sent(_ app: Application, article: Int, content: String = "Bài viết rất thiết thực, chi bộ chúng tôi sẽ làm theo.") async throws -> ArticleComment {
        let answer = try await submit(app, article: article, body(try await token(app, article: article), content: content))
        #expect(answer.status == .created, "\(answer.body.string)")
        try await app.db.sql.raw("DELETE FROM public_form_submissions").run()
        return try #require(try await ArticleComment.query(on: app.db).sort(\.$id, .descending).first())
    }
}

@Suite("Readers' comments")
struct ArticleCommentTests {
    @Test("a comment waits for moderation; the site's editor approves, answers and rejects, each one audited write; a sibling's editor cannot; readers never see pending, rejected or e-mails; the cached page shows an approval at once",
          arguments: TestBackend.allCases)
    func moderation(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (tree, editor, article) = try await CommentFixture.article(app)
            let sibling = try await app.caller("khac", .portalEditor, scope: tree.wardB)
            let tester = try app.testing()
            let pagePath = "/site/\(CommentFixture.slug)/articles/\(article)"

            let events = try await app.rowCount("audit_events")
            let first = try await CommentFixture.sent(app, article: article)
            let second = try await CommentFixture.sent(app, article: article, content: "Đề nghị đăng thêm tài liệu tóm tắt.")
            #expect(first.status == .pending && first.authorEmail == "hoa.nguyen@example.vn")
            #expect(try await app.rowCount("audit_events") == events + 2, "one audit event per submission")

            let before = String(buffer: try await tester.sendRequest(.GET, pagePath).body)
            #expect(before.contains(CommentThread.heading) && before.contains("Ý kiến bạn đọc (0)"))
            #expect(!before.contains("chi bộ chúng tôi sẽ làm theo") && !before.contains("hoa.nguyen"), "pending: not shown")

            let approvePath = "/api/v1/portal/comments/\(first.requireID())/approve"
            #expect(try await tester.sendRequest(.POST, approvePath, headers: sibling.api).status == .notFound, "a sibling ward's editor cannot moderate")
            #expect(try await tester.sendRequest(.GET, "/api/v1/portal/comments?site=\(first.siteId)", headers: sibling.api).status == .notFound)
            let officer = try await app.caller("canbo", .officer, scope: tree.city, level: .manager)
            #expect(try await tester.sendRequest(.POST, approvePath, headers: officer.api).status == .forbidden, "an officer who is no editor")

            let listed = try await tester.sendRequest(.GET, "/api/v1/portal/comments", headers: editor.api)
            let queue = try listed.content.decode([CommentAPI.CommentDTO].self)
            #expect(queue.map(\.id) == [first.requireID(), second.requireID()] && queue.allSatisfy { $0.status == .pending })
            #expect(queue.first?.authorEmail == "hoa.nguyen@example.vn", "moderators see the e-mail")
            let logged = try await PersonalDataView.query(on: app.db).filter(\.$userId == editor.userId).all()
            #expect(logged.map(\.what) == ["comment.api:\(first.requireID()),\(second.requireID())"] && logged.first?.count == 2, "the view of the e-mails is logged")

            #expect(try await tester.sendRequest(.POST, approvePath, headers: editor.api).status == .ok)
            #expect(try await tester.sendRequest(.POST, approvePath, headers: editor.api).status == .conflict, "approved already")
            let answered = try await tester.sendRequest(.POST, "/api/v1/portal/comments/\(first.requireID())/answer", headers: editor.api) {
                try $0.content.encode(CommentAnswerInput(answer: "Cảm ơn bạn, Ban biên tập sẽ chuyển ý kiến đến chi bộ.", voice: "committee"))
            }
            #expect(answered.status == .ok && (try? answered.content.decode(CommentAPI.CommentDTO.self).answerVoice) == .committee)
            let noReason = try await tester.sendRequest(.POST, "/api/v1/portal/comments/\(second.requireID())/reject", headers: editor.api) {
                try $0.content.encode(CommentRejectionInput(reason: " "))
            }
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("reason"))
            let rejected = try await tester.sendRequest(.POST, "/api/v1/portal/comments/\(second.requireID())/reject", headers: editor.api) {
                try $0.content.encode(CommentRejectionInput(reason: "Trùng nội dung đã trả lời"))
            }
            #expect(rejected.status == .ok)
            let actions = try await AuditEvent.query(on: app.db).filter(\.$entity == ArticleComment.auditEntity).sort(\.$id).all().map(\.action)
            #expect(actions == ["comment.submit", "comment.submit", "comment.approve", "comment.answer", "comment.reject"], "one event each; refusals none")
            let trail = try await AuditEvent.query(on: app.db).filter(\.$entity == ArticleComment.auditEntity).all()
            #expect(!trail.contains { ($0.before ?? "").contains("hoa.nguyen") || ($0.after ?? "").contains("hoa.nguyen") }, "the trail never holds the e-mail")

            let after = String(buffer: try await tester.sendRequest(.GET, pagePath).body)
            #expect(after.contains("Ý kiến bạn đọc (1)") && after.contains("chi bộ chúng tôi sẽ làm theo"), "the cached page shows the approval at once")
            #expect(after.contains("Trả lời của cấp ủy") && after.contains("Ban biên tập sẽ chuyển ý kiến"))
            #expect(!after.contains("tài liệu tóm tắt") && !after.contains("hoa.nguyen") && !after.contains("Trùng nội dung"), "rejected and e-mails never public")
            let publicList = try await tester.sendRequest(.GET, "/api/v1/site/\(CommentFixture.slug)/articles/\(article)/comments")
            #expect(try publicList.content.decode([CommentAPI.PublicCommentDTO].self).map(\.id) == [first.requireID()])
            #expect(!publicList.body.string.contains("hoa.nguyen") && !publicList.body.string.contains("authorEmail"))

            let page = try await tester.sendRequest(.GET, "/portal/comments", headers: editor.web)
            #expect(page.status == .ok && page.body.string.contains("hoa.nguyen@example.vn") && page.body.string.contains("Trùng nội dung đã trả lời"))
            #expect(try await PersonalDataView.query(on: app.db).filter(\.$what == "comment.page:\(second.requireID()),\(first.requireID())").count() == 1,
                    "decided ones newest first")
        }
    }

    @Test("the guard refuses a filled honeypot, a token too fresh or of another article, a missing or wrong e-mail, the same text again; a hidden article takes none",
          arguments: TestBackend.allCases)
    func refusals(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (_, editor, article) = try await CommentFixture.article(app)
            let (other, _) = try await PortalFixtures.article(on: CommentFixture.slug, by: editor.userId, app: app, title: "Tin khác")
            func refused(_ body: CommentPublicPages.Submission, field: String) async throws {
                let answer = try await CommentFixture.submit(app, article: article, body)
                #expect(answer.status == .unprocessableEntity && answer.body.string.contains("\"\(field)\""), "\(field): \(answer.body.string)")
                try await app.db.sql.raw("DELETE FROM public_form_submissions WHERE outcome <> 'accepted'").run()
            }
            let token = try await CommentFixture.token(app, article: article)
            try await refused(CommentFixture.body(token, website: "http://spam.example"), field: "website")
            // Issued a minute ahead of the clock: too fresh however slowly a loaded machine sends it.
            try await refused(CommentFixture.body(try await CommentFixture.token(app, article: article, age: -60)), field: "formToken")
            try await refused(CommentFixture.body(try await CommentFixture.token(app, article: other)), field: "formToken")
            try await refused(CommentFixture.body(token, email: nil), field: "authorEmail")
            try await refused(CommentFixture.body(token, email: "khong-phai-email"), field: "authorEmail")
            try await refused(CommentFixture.body(token, content: String(repeating: "a", count: CommentCommands.maximumLength + 1)), field: "content")
            #expect(try await ArticleComment.query(on: app.db).count() == 0)

            #expect(try await CommentFixture.submit(app, article: article, CommentFixture.body(token)).status == .created)
            let again = try await CommentFixture.submit(app, article: article, CommentFixture.body(token))
            #expect(again.status == .unprocessableEntity && again.body.string.contains("đã được gửi"), "the same text again")
            #expect(try await ArticleComment.query(on: app.db).count() == 1)

            _ = try await app.write { db in try await ArticleCommands.unpublish(try #require(try await Article.find(other, on: db)), on: db) }
            let hidden = try await CommentFixture.submit(app, article: other, CommentFixture.body(try await CommentFixture.token(app, article: other)))
            #expect(hidden.status == .notFound)
        }
    }

    @Test("the web form: the receipt says it waits for moderation; a refusal keeps what was typed; the editors' list counts the pending",
          arguments: TestBackend.allCases)
    func webForm(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let (_, editor, article) = try await CommentFixture.article(app)
            let tester = try app.testing()
            let path = "/site/\(CommentFixture.slug)/articles/\(article)/comments"
            let token = try await CommentFixture.token(app, article: article)
            let sent = try await tester.sendRequest(.POST, path) {
                try $0.content.encode(["authorName": "Phạm Văn Tư", "authorEmail": "tu@example.vn", "content": "Ý kiến qua biểu mẫu", "formToken": token,
                                       "website": ""], as: .urlEncodedForm)
            }
            #expect(sent.status == .created && sent.body.string.contains("đang chờ duyệt"))
            #expect(sent.headers[.setCookie].isEmpty)
            let bad = try await tester.sendRequest(.POST, path) {
                try $0.content.encode(["authorName": "Phạm Văn Tư", "authorEmail": "", "content": "Ý kiến khác", "formToken": token], as: .urlEncodedForm)
            }
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Email không được để trống") && bad.body.string.contains("Phạm Văn Tư"))
            // The article's page is kept in the cache, but each reader's form token names the second they were served.
            let articlePath = "/site/\(CommentFixture.slug)/articles/\(article)"
            let early = try await tester.sendRequest(.GET, articlePath)
            try await Task.sleep(for: .milliseconds(1_100))
            let late = try await tester.sendRequest(.GET, articlePath)
            let issuedAt = /name="formToken" value="([0-9]+)\.[0-9a-f]{64}"/
            let issued = [early, late].compactMap { String(buffer: $0.body).firstMatch(of: issuedAt).flatMap { Int($0.1) } }
            #expect(issued.count == 2 && issued[1] > issued[0], "a fresh token for each reader: \(issued)")
            #expect(early.headers[.eTag] == late.headers[.eTag], "the same kept page")
            #expect(!String(buffer: late.body).contains(CommentThread.tokenPlaceholder))
            let list = try await tester.sendRequest(.GET, "/portal/articles", headers: editor.web)
            #expect(list.body.string.contains("Ý kiến bạn đọc chờ duyệt (1)"))
        }
    }

    @Test("the thread reads from a hand-made model: the count, the comments oldest first with the answer's voice, text escaped, the form's guard fields")
    func threadView() {
        let site = PublicSite(id: 1, organizationId: 2, organizationPath: .root(id: 2), slug: "ben-nghe", title: "Trang tin", tagline: nil,
                              addressLine: nil)
        let comment = ArticleComment()
        comment.id = 7
        comment.authorName = "Lê <b>Nam</b>"
        comment.authorEmail = "nam@example.vn"
        comment.content = "Dòng một\nDòng hai"
        comment.answer = "Đã chuyển chi bộ."
        comment.answerVoice = .committee
        comment.createdAt = Date(timeIntervalSince1970: 1_765_000_000)
        let model = CommentThread.Model(site: site, articleId: 3, comments: [CommentThread.Shown(comment)])
        let html = HTML(.body(CommentThread.section(model))).render()
        #expect(html.contains("Ý kiến bạn đọc (1)") && html.contains("Lê &lt;b&gt;Nam&lt;/b&gt;") && html.contains("<p>Dòng hai</p>"))
        #expect(html.contains("Trả lời của cấp ủy") && html.contains(CommentThread.heading) && !html.contains("nam@example.vn"))
        #expect(html.contains("action=\"/site/ben-nghe/articles/3/comments\"") && html.contains("value=\"\(CommentThread.tokenPlaceholder)\"") && html.contains("name=\"website\""))
        #expect(!html.contains("challengeAnswer"), "no challenge unless the ticket asks one")
    }
}
