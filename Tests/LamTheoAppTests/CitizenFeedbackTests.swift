import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import NIOCore
import SQLKit
import Testing
import VaporTesting

/// A published site for the city of `SmallTree`, and citizens' feedback sent to it.
enum FeedbackFixture {
    static let slug = "thanh-pho"

    static func site(_ app: Application, unit: Int) async throws {
        try await app.db.sql.raw("""
            INSERT INTO public_sites (organization_id, slug, title, is_published) VALUES (\(bind: unit), \(bind: slug), 'Trang tin Thành ủy', \(bind: true))
            """).run()
    }

    /// A form token issued `age` seconds ago.
    static func token(_ app: Application, age: TimeInterval = 10) async throws -> String {
        let request = Request(application: app, on: app.eventLoopGroup.any())
        return try await FeedbackActions.guardian.ticket(target: slug, request: request, now: Date().addingTimeInterval(-age)).token
    }

    static func body(_ token: String, content: String = "Đề nghị sửa đèn chiếu sáng hẻm 12 đường Lê Lợi", phone: String? = "0903 123 456",
                     consents: Bool = true, website: String? = nil, answer: String? = nil) -> FeedbackAPI.SubmissionBody {
        FeedbackAPI.SubmissionBody(FeedbackInput(topic: FeedbackTopic.environment.rawValue, topicOther: nil, content: content, senderName: "Nguyễn Thị Hoa",
                                                 senderAddress: nil, senderPhone: phone, senderEmail: nil, consentsToPublish: consents, attachments: nil),
                                   proof: PublicFormProof(website: website, formToken: token, challengeAnswer: answer))
    }

    static func submit(_ app: Application, _ body: FeedbackAPI.SubmissionBody) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/site/\(slug)/feedback") { try $0.content.encode(body) }
    }

    /// Sends one item and returns it.
    static func sent(_ app: Application, content: String = "Đề nghị sửa đèn chiếu sáng hẻm 12 đường Lê Lợi", consents: Bool = true) async throws -> Feedback {
        let answer = try await submit(app, body(try await token(app), content: content, consents: consents))
        #expect(answer.status == .created, "\(answer.body.string)")
        let code = try answer.content.decode(FeedbackAPI.ReceiptDTO.self).code
        try await app.db.sql.raw("DELETE FROM public_form_submissions").run()
        return try #require(try await FeedbackQueries.find(code: code, on: app.db))
    }

    /// An item sent to `site` through the command on `day`, past the public form and its guard.
    static func sent(_ app: Application, to site: Organization, on day: CalendarDate, content: String) async throws -> Int {
        let input = FeedbackInput(topic: FeedbackTopic.environment.rawValue, content: content, senderPhone: "0903 123 456", consentsToPublish: true)
        return try await app.write {
            try await FeedbackCommands.submit(input, to: site, code: FeedbackCode.make(), store: FeedbackActions.files(app), today: day, on: $0)
        }.requireID()
    }

    static func refusals(_ app: Application) async throws -> [String] {
        try await app.db.sql.raw("SELECT outcome FROM public_form_submissions WHERE outcome <> 'accepted' ORDER BY id").all()
            .map { try $0.decode(column: "outcome", as: String.self) }
    }
}

@Suite("Citizens' feedback")
struct CitizenFeedbackTests {
    @Test("the steps: sent with a code and the committee's deadline, acknowledged, forwarded down the tree, answered, published with consent; each one audited write",
          arguments: TestBackend.allCases)
    func steps(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await FeedbackFixture.site(app, unit: tree.city)
            let city = try await app.caller("thanhuy", .officer, scope: tree.city, level: .editor)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)

            let feedback = try await FeedbackFixture.sent(app)
            #expect(feedback.code.wholeMatch(of: /YK-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}/) != nil)
            #expect(feedback.state == .received && feedback.organizationId == tree.city)
            #expect(feedback.answerDueOn == feedback.receivedOn.adding(days: 15), "the default deadline")
            #expect(FeedbackCode.normalized(feedback.code.lowercased().replacingOccurrences(of: "-", with: " ")) == feedback.code)

            let settings = try await app.testing().sendRequest(.POST, "/feedback/settings?unit=\(tree.city)", headers: city.web) {
                try $0.content.encode(city.form(["answerDays": "10"]), as: .urlEncodedForm)
            }
            #expect(settings.status == .seeOther)
            #expect(try await FeedbackCommands.answerDays(at: try await app.unit(tree.cellA1), on: app.db) == 10, "the city's setting covers its subtree")

            let events = try await app.rowCount("audit_events")
            let id = feedback.requireID()
            func post(_ path: String, _ body: some Content & Sendable = [String: String](), as caller: Caller = city) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/feedback/\(id)/\(path)", headers: caller.api) { try $0.content.encode(body) }
            }
            #expect(try await post("acknowledgement").status == .ok)
            #expect(try await post("forward", FeedbackForwardInput(organizationId: tree.wardB), as: ward).status == .notFound, "ward A's officer does not read the city's item")
            let sideways = try await post("forward", FeedbackForwardInput(organizationId: tree.city))
            #expect(sideways.status == .unprocessableEntity && sideways.body.string.contains("organizationId"))
            #expect(try await post("forward", FeedbackForwardInput(organizationId: tree.wardA, note: "Phường kiểm tra, trả lời")).status == .ok)
            let publishedTooEarly = try await post("publication", as: ward)
            #expect(publishedTooEarly.status == .unprocessableEntity)
            let answered = try await post("answer", ["answer": "Phường đã sửa đèn ngày 05/12."], as: ward)
            #expect(answered.status == .ok)
            #expect(try await post("publication", as: ward).status == .ok)
            #expect(try await app.rowCount("audit_events") == events + 4, "acknowledge, forward, answer, publish: one event each; refusals none")

            let shown = try await app.testing().sendRequest(.GET, "/api/v1/feedback/\(id)", headers: ward.api).content.decode(FeedbackAPI.FeedbackDTO.self)
            #expect(shown.state == .published && shown.organizationId == tree.wardA && shown.contact?.phone == "0903 123 456")
            #expect(shown.events.map(\.action) == [.received, .acknowledged, .forwarded, .answered, .published])
            #expect(shown.events[2].organizationId == tree.wardA && shown.events[2].note == "Phường kiểm tra, trả lời")
            let logged = try await PersonalDataView.query(on: app.db).filter(\.$what == "feedback.api:\(id)").all()
            #expect(logged.map(\.userId) == [ward.userId], "the view of the sender's contact details is logged")

            let tracked = try await app.testing().sendRequest(.POST, "/api/v1/feedback/track") {
                try $0.content.encode(FeedbackAPI.TrackBody(code: feedback.code.lowercased()))
            }
            #expect(tracked.status == .ok)
            #expect(try tracked.content.decode(FeedbackAPI.TrackDTO.self).answer == "Phường đã sửa đèn ngày 05/12.")
            #expect(!tracked.body.string.contains("0903") && !tracked.body.string.contains("Hoa"), "never the sender's details")
            let unknown = try await app.testing().sendRequest(.POST, "/api/v1/feedback/track") { try $0.content.encode(FeedbackAPI.TrackBody(code: "YK-2222-2222")) }
            #expect(unknown.status == .notFound)
        }
    }

    @Test("no consent, no publication; a rejection keeps its reason; erasing the contact keeps the record and its figures",
          arguments: TestBackend.allCases)
    func consentRejectionErasure(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await FeedbackFixture.site(app, unit: tree.city)
            let unpublishable = try await FeedbackFixture.sent(app, content: "Phản ánh tiếng ồn công trình ban đêm", consents: false)
            let other = try await FeedbackFixture.sent(app, content: "Ý kiến ngoài thẩm quyền")
            let id = unpublishable.requireID()
            _ = try await app.write { try await FeedbackCommands.answer(id, FeedbackAnswerInput(answer: "Đã nhắc nhở chủ công trình."), by: "Văn phòng", on: $0) }
            let refused = await domainError { _ = try await app.write { try await FeedbackCommands.publish(id, by: nil, on: $0) } }
            #expect(refused?.fields == ["id"])
            let missingReason = await domainError { _ = try await app.write { try await FeedbackCommands.reject(other.requireID(), FeedbackRejectionInput(), by: nil, on: $0) } }
            #expect(missingReason?.fields == ["reason"])
            _ = try await app.write { try await FeedbackCommands.reject(other.requireID(), FeedbackRejectionInput(reason: "Thuộc thẩm quyền UBND phường"), by: nil, on: $0) }

            let before = try await FeedbackTallies.read([tree.city], today: .today(), on: app.db)[tree.city]
            _ = try await app.write { try await FeedbackCommands.eraseContact(id, by: "Văn phòng", on: $0) }
            let erased = try #require(try await Feedback.find(id, on: app.db))
            #expect(erased.senderName == nil && erased.senderPhone == nil && erased.contactErasedOn == .today() && erased.content.contains("tiếng ồn"))
            #expect(try await FeedbackTallies.read([tree.city], today: .today(), on: app.db)[tree.city] == before)
            #expect(before == FeedbackFigures(open: 0, overdue: 0, answeredOnTime: 2, answeredLate: 0))
        }
    }

    @Test("the form's guard: honeypot, a token too fresh, too old or forged, the challenge once an address sends a lot, the limits, the same text; each refusal logged, nothing written",
          arguments: TestBackend.allCases)
    func formGuard(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await FeedbackFixture.site(app, unit: tree.city)
            func refused(_ body: FeedbackAPI.SubmissionBody, field: String, status: HTTPResponseStatus = .unprocessableEntity,
                         sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let answer = try await FeedbackFixture.submit(app, body)
                #expect(answer.status == status, "\(answer.body.string)", sourceLocation: sourceLocation)
                #expect(answer.body.string.contains(field), sourceLocation: sourceLocation)
                try await app.db.sql.raw("DELETE FROM public_form_submissions WHERE outcome = 'accepted'").run()
            }
            try await refused(FeedbackFixture.body(try await FeedbackFixture.token(app), website: "http://spam.example"), field: "website")
            // Issued a minute ahead of the clock: too fresh however long a loaded machine takes to send it.
            try await refused(FeedbackFixture.body(try await FeedbackFixture.token(app, age: -60)), field: "formToken")
            try await refused(FeedbackFixture.body(try await FeedbackFixture.token(app, age: 3 * 3600)), field: "formToken")
            let token = try await FeedbackFixture.token(app)
            try await refused(FeedbackFixture.body(String(token.dropLast()) + (token.last == "0" ? "1" : "0")), field: "formToken")
            try await refused(FeedbackFixture.body("\(Int(Date().timeIntervalSince1970) - 60).abcdef"), field: "formToken")
            #expect(try await FeedbackFixture.refusals(app) == ["honeypot", "too-fast", "expired", "forged", "forged"])
            #expect(try await app.rowCount("feedback") == 0)

            // Five attempts in ten minutes: the address must now answer the challenge the token carries.
            let challenged = try await FeedbackFixture.token(app)
            try await refused(FeedbackFixture.body(challenged), field: "challengeAnswer")
            let answer = PublicFormGuard.challenge(of: challenged, key: try await PublicFormGuard.key(on: app.db))
            #expect(answer.question.vi.hasPrefix("nhập bằng chữ số: ") && (10...99).contains(answer.answer))
            let accepted = try await FeedbackFixture.submit(app, FeedbackFixture.body(challenged, answer: " \(answer.answer) "))
            #expect(accepted.status == .created)
            let ticket = try await app.testing().sendRequest(.GET, "/api/v1/site/\(FeedbackFixture.slug)/feedback/token").content.decode(FeedbackAPI.FormTokenDTO.self)
            #expect(ticket.challenge?.hasPrefix("nhập bằng chữ số") == true, "the form asks its challenge while the rate is high")

            try await app.db.sql.raw("DELETE FROM public_form_submissions WHERE outcome <> 'accepted'").run()
            let again = try await FeedbackFixture.submit(app, FeedbackFixture.body(try await FeedbackFixture.token(app)))
            #expect(again.status == .unprocessableEntity && again.body.string.contains("đã được gửi"), "the same text from the same address")

            let now = Int64(Date().timeIntervalSince1970)
            for _ in 0..<PublicFormGuard.addressLimit {
                try await app.db.sql.raw("""
                    INSERT INTO public_form_submissions (form, target, address, text_hash, outcome, at_epoch)
                    VALUES ('feedback', \(bind: FeedbackFixture.slug), 'unknown', 'x', 'accepted', \(bind: now - 1200))
                    """).run()
            }
            let limited = try await FeedbackFixture.submit(app, FeedbackFixture.body(try await FeedbackFixture.token(app), content: "Một ý kiến khác"))
            #expect(limited.status == .tooManyRequests && limited.headers.first(name: .retryAfter) == "3600")
            #expect(try await app.rowCount("feedback") == 1)
            #expect(try await FeedbackFixture.refusals(app) == ["duplicate", "address-rate"])
        }
    }

    @Test("scope: a sibling ward's officer neither lists nor reads it; anonymous callers reach no officer route", arguments: TestBackend.allCases)
    func scope(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await FeedbackFixture.site(app, unit: tree.city)
            let city = try await app.caller("thanhuy", .officer, scope: tree.city, level: .editor)
            let wardB = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let feedback = try await FeedbackFixture.sent(app)
            let id = feedback.requireID()
            _ = try await app.write { try await FeedbackCommands.forward(id, FeedbackForwardInput(organizationId: tree.wardA), by: nil, on: $0) }

            let list = try await app.testing().sendRequest(.GET, "/api/v1/feedback?unit=\(tree.wardB)", headers: wardB.api).content.decode(PageDTO<FeedbackAPI.SummaryDTO>.self)
            #expect(list.total == 0)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/feedback?unit=\(tree.wardA)", headers: wardB.api).status != .ok)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/feedback/\(id)", headers: wardB.api).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/feedback/\(id)", headers: wardB.web).status == .notFound)
            #expect(try await PersonalDataView.query(on: app.db).count() == 0)
            let page = try await app.testing().sendRequest(.GET, "/feedback/\(id)", headers: city.web)
            #expect(page.status == .ok && page.body.string.contains("0903 123 456"))
            #expect(try await PersonalDataView.query(on: app.db).filter(\.$what == "feedback.page:\(id)").count() == 1)
            let listed = try await app.testing().sendRequest(.GET, "/feedback?unit=\(tree.city)", headers: city.web).body.string
            #expect(listed.contains(feedback.code) && !listed.contains("0903"), "the list shows no contact details")

            for path in ["/api/v1/feedback", "/api/v1/feedback/\(id)", "/api/v1/feedback/\(id)/attachments/1"] {
                #expect(try await app.testing().sendRequest(.GET, path).status == .unauthorized, "\(path)")
            }
            for path in ["answer", "forward", "publication", "contact-erasure", "acknowledgement", "rejection"] {
                #expect(try await app.testing().sendRequest(.POST, "/api/v1/feedback/\(id)/\(path)").status == .unauthorized, "\(path)")
            }
            let anonymousPage = try await app.testing().sendRequest(.GET, "/feedback/\(id)")
            #expect(anonymousPage.status == .seeOther && anonymousPage.headers.first(name: .location)?.hasPrefix(AccountRoute.signIn.path) == true)
        }
    }

    @Test("reminders: each open item by its answer deadline to the responsible unit's officers; answered ones stop; the dashboard counts the subtree",
          arguments: TestBackend.allCases)
    func remindersAndFigures(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await FeedbackFixture.site(app, unit: tree.city)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let open = try await FeedbackFixture.sent(app, content: "Ý kiến thứ nhất")
            let done = try await FeedbackFixture.sent(app, content: "Ý kiến thứ hai")
            _ = try await app.write { try await FeedbackCommands.forward(open.requireID(), FeedbackForwardInput(organizationId: tree.wardA), by: nil, on: $0) }
            _ = try await app.write { try await FeedbackCommands.answer(done.requireID(), FeedbackAnswerInput(answer: "Đã trả lời"), by: nil, on: $0) }

            let late = open.answerDueOn.adding(days: 2)
            let page = try await FeedbackReminders().items(ReminderQuery(today: late, dueBy: late, subtree: nil, cursor: nil, limit: 100), on: app.db)
            #expect(page.items.map(\.key) == ["feedback-\(open.requireID())"])
            #expect(page.items.first?.recipients == [ward.userId] && page.items.first?.unitId == tree.wardA && page.items.first?.dueOn == open.answerDueOn)
            let elsewhere = try await FeedbackReminders().items(ReminderQuery(today: late, dueBy: late, subtree: try await app.unit(tree.wardB).treePath,
                                                                              cursor: nil, limit: 100), on: app.db)
            #expect(elsewhere.items.isEmpty)
            // Paged by units, a unit at a time: the pages go through the tree once and find the item once.
            let (found, pages) = try await Self.readUnitByUnit(due: late, on: app.db)
            #expect(found == ["feedback-\(open.id ?? 0)"])
            #expect(pages == (try await app.rowCount("organizations")) + 1, "one unit a page, then an empty one")

            let units = try await DashboardUnit.units([tree.city, tree.wardA, tree.wardB], on: app.db)
            let sections = try await FeedbackDashboard().sections(of: units, explaining: tree.city, day: late, on: app.db)
            let city = try #require(sections[tree.city]?.first)
            #expect(city.figures.map(\.count) == [1, 1, 1] && city.figures.map(\.total) == [1, nil, 1])
            #expect(city.figures.first?.explanation?.vi.hasPrefix("1 = ý kiến, kiến nghị đã quá hạn") == true)
            #expect(sections[tree.wardA]?.first?.figures.first?.count == 1 && sections[tree.wardB] == nil)
        }
    }

    @Test("stored figures: every unit's equal to a count of the items after each step, a move and a merge (open items handed over); the list pages through them in order",
          arguments: TestBackend.allCases)
    func storedFigures(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let city = try await app.unit(tree.city)
            let today = CalendarDate.today()
            var sentIds: [Int] = []
            // Sent three days apart: the first six still within their 15 days, the others overdue.
            for index in 0..<12 {
                sentIds.append(try await FeedbackFixture.sent(app, to: city, on: today.adding(days: -3 * index), content: "Ý kiến số \(index)"))
            }
            let ids = sentIds
            try await Self.expectTalliesCountItems(app, today: today)
            let steps: [@Sendable (any Database) async throws -> Feedback] = [
                { try await FeedbackCommands.forward(ids[1], FeedbackForwardInput(organizationId: tree.wardA), by: nil, on: $0) },
                { try await FeedbackCommands.forward(ids[2], FeedbackForwardInput(organizationId: tree.wardA), by: nil, on: $0) },
                { try await FeedbackCommands.forward(ids[2], FeedbackForwardInput(organizationId: tree.cellA1), by: nil, on: $0) },
                { try await FeedbackCommands.forward(ids[3], FeedbackForwardInput(organizationId: tree.cellA2), by: nil, on: $0) },
                { try await FeedbackCommands.forward(ids[6], FeedbackForwardInput(organizationId: tree.cellA1), by: nil, on: $0) },
                { try await FeedbackCommands.acknowledge(ids[9], by: nil, on: $0) },
                { try await FeedbackCommands.answer(ids[0], FeedbackAnswerInput(answer: "Đúng hạn"), by: nil, on: $0) },
                { try await FeedbackCommands.answer(ids[7], FeedbackAnswerInput(answer: "Trễ hạn"), by: nil, on: $0) },
                { try await FeedbackCommands.reject(ids[8], FeedbackRejectionInput(reason: "Không thuộc thẩm quyền"), by: nil, on: $0) },
                { try await FeedbackCommands.answer(ids[1], FeedbackAnswerInput(answer: "Phường trả lời"), by: nil, on: $0) },
                { try await FeedbackCommands.publish(ids[0], by: nil, on: $0) },
            ]
            for step in steps {
                _ = try await app.write(step)
                try await Self.expectTalliesCountItems(app, today: today)
            }
            let figures = try await FeedbackTallies.read([tree.city], today: today, on: app.db)[tree.city]
            #expect(figures == FeedbackFigures(open: 8, overdue: 4, answeredOnTime: 2, answeredLate: 2))
            try await Self.expectListInOrder(app, unit: tree.city, today: today)
            try await Self.expectListInOrder(app, unit: tree.wardA, today: today)

            _ = try await app.write { try await OrganizationCommands.move(tree.cellA1, under: tree.wardB, effectiveOn: nil, on: $0) }
            try await Self.expectTalliesCountItems(app, today: today)
            _ = try await app.write { try await OrganizationCommands.merge(tree.cellA2, into: tree.cellA1, effectiveOn: nil, on: $0) }
            try await Self.expectTalliesCountItems(app, today: today)
            let handedOver = try #require(try await Feedback.find(ids[3], on: app.db))
            #expect(handedOver.organizationId == tree.cellA1 && handedOver.state == .forwarded)
            #expect(try await FeedbackQueries.events(of: ids[3], on: app.db).last?.note == "Chi bộ Khu phố 2 → Chi bộ Khu phố 1")
            #expect(try await FeedbackTallies.read([tree.wardB], today: today, on: app.db)[tree.wardB]?.open == 3)
            try await Self.expectListInOrder(app, unit: tree.wardB, today: today)
        }
    }

    @Test("writers at once: items sent, forwarded and answered together while a cell moves; none refused, every stored figure a count afterwards",
          arguments: TestBackend.allCases)
    func concurrentWriters(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let city = try await app.unit(tree.city)
            let ids = try await withThrowingTaskGroup(of: Int.self) { group in
                // As many as the test's pool has connections (4 a loop): more would wait for one, not for each other.
                for index in 0..<8 {
                    group.addTask { try await FeedbackFixture.sent(app, to: city, on: .today().adding(days: -index), content: "Ý kiến gửi cùng lúc") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }.sorted()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, id) in ids.enumerated() {
                    group.addTask {
                        _ = try await app.write { db in
                            switch index % 3 {
                            case 0: return try await FeedbackCommands.forward(id, FeedbackForwardInput(organizationId: tree.cellA1), by: nil, on: db)
                            case 1: return try await FeedbackCommands.forward(id, FeedbackForwardInput(organizationId: tree.wardB), by: nil, on: db)
                            default: return try await FeedbackCommands.answer(id, FeedbackAnswerInput(answer: "Đã trả lời"), by: nil, on: db)
                            }
                        }
                    }
                }
                group.addTask {
                    _ = try await app.write { try await OrganizationCommands.move(tree.cellA1, under: tree.wardB, effectiveOn: nil, on: $0) }
                }
                try await group.waitForAll()
            }
            try await Self.expectTalliesCountItems(app, today: .today())
            #expect(try await FeedbackTallies.read([tree.wardB], today: .today(), on: app.db)[tree.wardB]?.open == 6)
        }
    }

    /// Every unit's stored figures equal a count of the items in its subtree, and no row counts nothing.
    static func expectTalliesCountItems(_ app: Application, today: CalendarDate, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let units = try await Organization.query(on: app.db).all()
        let items = try await Feedback.query(on: app.db).all()
        let stored = try await FeedbackTallies.read(units.map { $0.requireID() }, today: today, on: app.db)
        for unit in units {
            var counted = FeedbackFigures()
            for item in items where unit.treePath.contains(item.treePath) {
                if item.state.isOpen {
                    counted.open += 1
                    if item.answerDueOn < today { counted.overdue += 1 }
                } else if let answeredOn = item.answeredOn {
                    if answeredOn <= item.answerDueOn { counted.answeredOnTime += 1 } else { counted.answeredLate += 1 }
                }
            }
            #expect(stored[unit.requireID()] ?? FeedbackFigures() == counted, "\(unit.name)", sourceLocation: sourceLocation)
        }
        #expect(try await app.db.sql.raw("SELECT COUNT(*) AS n FROM feedback_tallies WHERE items <= 0").first()?.decode(column: "n", as: Int.self) == 0,
                sourceLocation: sourceLocation)
    }

    /// Each status's list of `unit`, two items a page and all at once, is its items in order: open by deadline (the overdue
    /// first), the first sent first on a day, then the settled newest first; the total is the stored figure's.
    static func expectListInOrder(_ app: Application, unit id: Int, today: CalendarDate) async throws {
        let unit = try await app.unit(id)
        let items = try await Feedback.query(on: app.db).all().filter { unit.treePath.contains($0.treePath) }
        let open = items.filter(\.state.isOpen).sorted { ($0.answerDueOn, $0.id!) < ($1.answerDueOn, $1.id!) }
        let settled = items.filter { !$0.state.isOpen }.sorted { $0.id! > $1.id! }
        let figures = try #require(try await FeedbackTallies.read([id], today: today, on: app.db)[id])
        let expected: [FeedbackListStatus?: [Feedback]] = [nil: open + settled, .open: open, .answered: settled,
                                                            .overdue: open.filter { $0.answerDueOn < today }]
        for (status, items) in expected {
            for perPage in [2, 100] {
                var listed: [Int] = []
                var total = 0
                for page in 1...(items.count / perPage + 1) {
                    let found = try await FeedbackQueries.list(in: unit.treePath, figures: figures, status: status, today: today, page: page,
                                                              perPage: perPage, on: app.db)
                    listed += found.items.map { $0.id! }
                    total = found.total
                }
                #expect(listed == items.map { $0.id! }, "\(unit.name), \(status?.rawValue ?? "all"), \(perPage) a page")
                #expect(total == items.count)
            }
        }
    }

    /// The feedback reminders' items read a page of one unit at a time, and how many pages that took.
    private static func readUnitByUnit(due day: CalendarDate, on db: any Database) async throws -> (keys: [String], pages: Int) {
        var keys: [String] = []
        var cursor: Int?
        for pages in 1...1_000 {
            let page = try await FeedbackReminders().items(ReminderQuery(today: day, dueBy: day, subtree: nil, cursor: cursor, limit: 1), on: db)
            keys += page.items.map(\.key)
            guard let next = page.next else { return (keys, pages) }
            cursor = next
        }
        return (keys, 1_000)
    }

    @Test("the public form over a socket: phone first, a file by its content, the body bounded by the route's limit", arguments: TestBackend.allCases)
    func publicFormOverSocket(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            try await FeedbackFixture.site(app, unit: tree.city)
            let server = try app.testing(method: .running(port: 0))
            let form = try await server.sendRequest(.GET, "/site/\(FeedbackFixture.slug)/feedback")
            #expect(form.status == .ok && form.headers.setCookie == nil, "a public page sets no cookie")
            let html = form.body.string
            #expect(html.contains(#"type="tel""#) && html.contains(#"name="website""#) && html.contains("Gửi ý kiến"))
            // The server's own token is too fresh to send at once; the test's is issued as if 10 s ago (by the socket's address).
            let token = try await server.sendRequest(.GET, "/api/v1/site/\(FeedbackFixture.slug)/feedback/token").content.decode(FeedbackAPI.FormTokenDTO.self).formToken
            try await Task.sleep(for: .seconds(3.2))
            let pdf = Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)
            let fields = ["topic": "other", "topicOther": "Giao thông", "content": "Đề nghị lắp biển báo <script>alert(1)</script>",
                          "senderPhone": "0912345678", "formToken": token, "consentsToPublish": "true"]
            let sent = try await server.sendRequest(.POST, "/site/\(FeedbackFixture.slug)/feedback", headers: ["Content-Type": "multipart/form-data; boundary=LT"]) {
                $0.body = Self.multipart(fields, files: [("bien-bao.pdf", pdf)])
            }
            #expect(sent.status == .created, "\(sent.body.string.prefix(400))")
            #expect(sent.body.string.contains("YK-") && !sent.body.string.contains("<script>"))
            let stored = try #require(try await Feedback.query(on: app.db).first())
            #expect(stored.topicOther == "Giao thông" && stored.consentsToPublish)
            #expect(try await FeedbackQueries.attachments(of: stored.requireID(), on: app.db).map(\.mediaType) == ["application/pdf"])

            let huge = try await server.sendRequest(.POST, "/site/\(FeedbackFixture.slug)/feedback", headers: ["Content-Type": "multipart/form-data; boundary=LT"]) {
                $0.body = Self.multipart(fields.merging(["content": "Ý kiến kèm tệp lớn"]) { $1 }, files: [("lon.pdf", pdf + Data(count: 25 * 1024 * 1024))])
            }
            #expect(huge.status == .payloadTooLarge)
            #expect(try await app.rowCount("feedback") == 1)
        }
    }

    static func multipart(_ fields: [String: String], files: [(String, Data)]) -> ByteBuffer {
        var body = ByteBuffer()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body.writeString("--LT\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for (name, data) in files {
            body.writeString("--LT\r\nContent-Disposition: form-data; name=\"attachments[]\"; filename=\"\(name)\"\r\nContent-Type: application/pdf\r\n\r\n")
            body.writeBytes(data)
            body.writeString("\r\n")
        }
        body.writeString("--LT--\r\n")
        return body
    }
}
