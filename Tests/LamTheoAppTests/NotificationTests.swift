import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import NIOCore
import SQLKit
import Testing
import VaporTesting

extension Application {
    /// A member of `cell` who signs in with the member role.
    func memberWithAccount(_ username: String, card: String, in cell: Int) async throws -> (member: Int, caller: Caller) {
        let member = try await createMember("Nguyễn Văn \(username.capitalized)", card: card, in: cell)
        return (member, try await caller(username, .member, member: member))
    }

    func notifications(of user: Int) async throws -> [UserNotification] {
        try await UserNotification.query(on: db).filter(\.$userId == user).sort(\.$id).all()
    }

    /// The reminders of `day`, as the daily job records them.
    @discardableResult
    func remind(on day: CalendarDate) async throws -> ReminderEngine.Summary {
        try await ReminderEngine.generate(on: day, app: self)
    }

    /// The member's choice of e-mail, as the settings form saves it.
    func chooseEmail(_ address: String, digest: Bool = false, for caller: Caller) async throws {
        _ = try await write { try await NotificationCommands.saveSettings(NotificationSettingsInput(email: address, emailEnabled: true, dailyDigest: digest),
                                                                          of: caller.userId, on: $0) }
    }

    /// E-mail through the test SMTP server.
    func useTestMail(_ server: TestSMTPServer) throws {
        mailTransport = try SMTPTransport(settings: SMTPSettings(host: "127.0.0.1", port: server.port, security: .none,
                                                                 from: Mailbox(address: "no-reply@lamtheo.example.vn", name: "LamTheo"),
                                                                 timeout: .seconds(3)))
    }
}

/// An instant on `day` at `hour` o'clock in Vietnam.
func vietnamTime(_ day: CalendarDate, hour: Int) -> Date {
    Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400 + (hour - 7) * 3600))
}

@Suite("Reminders and notifications")
struct NotificationTests {
    /// A reminder as a campaign's run leaves it, written directly (as another process would).
    private static func reminder(_ number: Int, to userId: Int, in cell: Organization) -> UserNotification {
        let notification = UserNotification()
        notification.userId = userId
        notification.kind = "test"
        notification.itemKey = "item-\(number)"
        notification.dueOn = CalendarDate(year: 2026, month: 12, day: 31)!
        notification.step = "7d"
        notification.organizationId = cell.requireID()
        notification.organizationPath = cell.path
        notification.titleVi = "Nhắc \(number)"
        notification.titleEn = "Reminder \(number)"
        notification.link = "/"
        notification.createdOn = .today()
        notification.emailState = .none
        notification.emailAttempts = 0
        return notification
    }

    @Test("a member's reflection: once at each step — 7 days before, the day before, on the day, late — and nothing once submitted",
          arguments: TestBackend.allCases)
    func reflectionSeries(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            let due = today.adding(days: 7)
            let campaign = try await app.launchStudyCampaign(at: tree.wardA, reflectionDueOn: due.iso)
            let (member, caller) = try await app.memberWithAccount("dvan", card: "001", in: tree.cellA1)
            _ = try await app.memberWithAccount("dvbinh", card: "002", in: tree.cellB1)
            try await app.createMember("Trần Thị Không Tài Khoản", card: "003", in: tree.cellA2)

            let first = try await app.remind(on: today)
            #expect(first.reminders == 1, "only the member with an account, inside the campaign")
            let sent = try await app.notifications(of: caller.userId)
            #expect(sent.map(\.step) == ["before-7"])
            #expect(sent.first?.titleVi.hasPrefix("Nộp bài thu hoạch: ") == true && sent.first?.titleVi.contains("còn 7 ngày") == true)
            #expect(sent.first?.link == StudyRoute.myReflection(campaign: .value(campaign)).path)
            #expect(sent.first?.organizationId == tree.cellA1 && sent.first?.emailState == EmailState.none)

            #expect(try await app.remind(on: today).reminders == 0, "a second run the same day records nothing")
            #expect(try await app.remind(on: today.adding(days: 1)).reminders == 0, "no step between 7 days and 1 day before")
            #expect(try await app.remind(on: due.adding(days: -1)).reminders == 1)
            #expect(try await app.remind(on: due).reminders == 1)
            #expect(try await app.remind(on: due.adding(days: 3)).reminders == 1)
            #expect(try await app.notifications(of: caller.userId).map(\.step) == ["before-7", "before-1", "due", "late-3"])

            _ = try await app.write { try await StudyCommands.submitReflection(campaign: campaign, member: member, body: "Bài thu hoạch của tôi",
                                                                               file: nil, store: app.documentFiles, on: $0) }
            #expect(try await app.remind(on: due.adding(days: 6)).reminders == 0, "submitted: the series stops")
        }
    }

    @Test("an extension is a new deadline: the old series stops, the new one starts", arguments: TestBackend.allCases)
    func extensionRestarts(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            let campaign = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: today.adding(days: 1).iso)
            let (member, caller) = try await app.memberWithAccount("dvan", card: "001", in: tree.cellA1)
            #expect(try await app.remind(on: today).reminders == 1)
            let until = today.adding(days: 10)
            _ = try await app.write { try await StudyCommands.extendReflections(ReflectionExtensionInput(
                campaignId: campaign, memberId: member, until: until.iso, reason: "Đi công tác"), on: $0) }
            #expect(try await app.remind(on: today.adding(days: 2)).reminders == 0, "not late: the deadline moved")
            #expect(try await app.remind(on: today.adding(days: 3)).reminders == 1)
            let steps = try await app.notifications(of: caller.userId).map { "\($0.dueOn.iso) \($0.step)" }
            #expect(steps == ["\(today.adding(days: 1).iso) before-1", "\(until.iso) before-7"])
        }
    }

    @Test("a late follow-up task: its unit's secretary is reminded; after 5 days the ward's officer gets a digest, after 15 the city's too; one a day",
          arguments: TestBackend.allCases)
    func escalation(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let secretary = try await app.caller("bithu", .secretary, scope: tree.cellA1)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let city = try await app.caller("thanhpho", .officer, scope: tree.city, level: .editor)
            let due = CalendarDate(year: 2026, month: 12, day: 10)!
            _ = try await app.issue([tree.cellA1], by: tree.city, due: due.vietnamese)

            try await app.remind(on: due.adding(days: 4))
            #expect(try await app.notifications(of: secretary.userId).map(\.step) == ["late-3"])
            #expect(try await app.notifications(of: ward.userId).isEmpty, "4 days late: the level above is not told yet")

            let fifth = try await app.remind(on: due.adding(days: 5))
            #expect(fifth.reminders == 0 && fifth.digests == 1, "late-3 went yesterday; late-6 is tomorrow")
            let digest = try #require(try await app.notifications(of: ward.userId).first)
            #expect(digest.kind == EscalationDigest.kind && digest.titleVi == "Đôn đốc: 1 đơn vị trực thuộc chậm tiến độ")
            #expect(digest.bodyVi == "• 1 nhiệm vụ sau kết luận, kiến nghị quá hạn ở 1 đơn vị: Chi bộ Khu phố 1 (1)")
            #expect(digest.link == NotificationRoute.reminders.path(query: [.unit: tree.wardA]))
            #expect(try await app.remind(on: due.adding(days: 5)).digests == 0, "one digest a day")
            #expect(try await app.notifications(of: city.userId).isEmpty)

            let fifteenth = try await app.remind(on: due.adding(days: 15))
            #expect(fifteenth.digests == 2, "the ward's officer again, and now the city's")
            let cityDigest = try #require(try await app.notifications(of: city.userId).first)
            #expect(cityDigest.organizationId == tree.city)
            #expect(cityDigest.bodyVi == "• 1 nhiệm vụ sau kết luận, kiến nghị quá hạn ở 1 đơn vị: Đảng bộ phường Bến Nghé (1)",
                    "the city is told of its ward, the unit its dashboard compares, not of the cell below it")
            #expect(try await app.notifications(of: secretary.userId).map(\.step) == ["late-3", "late-15"])
        }
    }

    @Test("a digest quotes the stored roll-ups the pages show: every member who has not sent a reflection, not only those with an account",
          arguments: TestBackend.allCases)
    func digestFromRollUps(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let today = CalendarDate.today(), due = today.adding(days: 1)
            let campaign = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: due.iso, acceptsLateWork: true)
            _ = try await app.memberWithAccount("dvan", card: "001", in: tree.cellA1)
            _ = try await app.createMember("Trần Thị Bình", card: "002", in: tree.cellA1)
            _ = try await app.createMember("Lê Văn Cường", card: "003", in: tree.cellA1)
            _ = try await app.createMember("Phạm Văn Dũng", card: "004", in: tree.cellA2)
            _ = try await app.cellSession(tree.cellA1, campaign: campaign)

            let late = try await app.remind(on: due.adding(days: 5))
            #expect(late.itemsRead == 1 && late.digests == 1, "one member has an account; the ward is told")
            let coverage = try #require(try await Dashboards.sections(of: [DashboardUnit(try await app.unit(tree.cellA1))], explaining: nil,
                                                                      day: due.adding(days: 5), on: app.db)[tree.cellA1]?
                .flatMap(\.figures).first { $0.key == "campaign-\(campaign).reflections" })
            #expect(coverage.count == 0 && coverage.total == 3, "the cell reported its session: none of its three sent a reflection")
            let digest = try #require(try await app.notifications(of: ward.userId).first)
            #expect(digest.bodyVi == "• 3 bài thu hoạch chưa nộp quá hạn ở 1 đơn vị: Chi bộ Khu phố 1 (3)",
                    "the cell's three members on its coverage, the two without an account included; cell 2 has no late item")
        }
    }

    @Test("a committee's own schedule applies below it; a closer unit's wins; refused rules write nothing", arguments: TestBackend.allCases)
    func rules(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            _ = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: today.adding(days: 3).iso)
            let (_, inWardA) = try await app.memberWithAccount("dvan", card: "001", in: tree.cellA1)
            let (_, inWardB) = try await app.memberWithAccount("dvbinh", card: "002", in: tree.cellB1)
            let ward = try await app.unit(tree.wardA)
            let kind = ReflectionReminders().kind.name
            _ = try await app.write { try await NotificationCommands.saveRule(ReminderRuleInput(kind: kind, daysBefore: "3", onTheDay: true),
                                                                              at: ward, by: nil, on: $0) }
            try await app.remind(on: today)
            #expect(try await app.notifications(of: inWardA.userId).map(\.step) == ["before-3"], "the ward's own schedule")
            #expect(try await app.notifications(of: inWardB.userId).map(\.step) == ["before-7"], "the default elsewhere")

            let refusal: @Sendable (ReminderRuleInput) async -> Set<String> = { input in
                do {
                    _ = try await app.write { try await NotificationCommands.saveRule(input, at: ward, by: nil, on: $0) }
                    return []
                } catch let error as DomainError {
                    return Set(error.fieldErrors.map(\.field))
                } catch {
                    return ["\(error)"]
                }
            }
            #expect(await refusal(ReminderRuleInput(kind: kind, daysBefore: "-3, 1", onTheDay: true)) == ["daysBefore"])
            #expect(await refusal(ReminderRuleInput(kind: kind, daysBefore: "bảy")) == ["daysBefore"])
            #expect(await refusal(ReminderRuleInput(kind: kind, daysBefore: "7", repeatEvery: -2, escalateAfter: -1)) == ["repeatEvery", "escalateAfter"])
            #expect(await refusal(ReminderRuleInput(kind: "no-such-kind", daysBefore: "7")) == ["kind"])
            #expect(await refusal(ReminderRuleInput(kind: kind, daysBefore: "")) == ["daysBefore"], "a schedule that sends nothing")
            let stored = try #require(try await ReminderRule.query(on: app.db).first())
            #expect(try await app.rowCount("reminder_rules") == 1 && stored.daysBefore == "3", "the refused writes changed nothing")
        }
    }

    @Test("two runs at once record each reminder once", arguments: TestBackend.allCases)
    func concurrentRuns(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            _ = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: today.adding(days: 1).iso)
            for index in 0..<30 {
                _ = try await app.memberWithAccount("dvso\(index)", card: String(format: "1%03d", index), in: [tree.cellA1, tree.cellA2, tree.cellB1][index % 3])
            }
            async let first = app.remind(on: today)
            async let second = app.remind(on: today)
            let total = try await first.reminders + second.reminders
            #expect(total == 30)
            #expect(try await app.rowCount("notifications") == 30)
        }
    }

    @Test("the inbox on the web: the header counts the unread; opening one marks it read and leads to its item; another's is not found",
          arguments: TestBackend.allCases)
    func inboxPages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            let campaign = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: today.adding(days: 1).iso)
            let (_, member) = try await app.memberWithAccount("dvan", card: "001", in: tree.cellA1)
            let (_, other) = try await app.memberWithAccount("dvbinh", card: "002", in: tree.cellA1)
            try await app.remind(on: today)
            let tester = try app.testing()

            let page = try await tester.sendRequest(.GET, "/notifications", headers: member.web)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Nộp bài thu hoạch: ") && html.contains("còn 1 ngày"))
            #expect(html.contains(#"class="header-badge unread" href="/notifications"><span class="label">Thông báo</span><span class="count"> 1</span>"#))
            let id = try #require(try await app.notifications(of: member.userId).first?.requireID())
            #expect(try await tester.sendRequest(.GET, "/notifications/\(id)", headers: other.web).status == .notFound)
            let opened = try await tester.sendRequest(.GET, "/notifications/\(id)", headers: member.web)
            #expect(opened.status == .seeOther && opened.headers.first(name: .location) == StudyRoute.myReflection(campaign: .value(campaign)).path)
            let after = try await tester.sendRequest(.GET, "/notifications?unread=1", headers: member.web).body.string
            #expect(after.contains("Không có thông báo chưa đọc.") && after.contains(#"class="header-badge" href="/notifications"><span class="label">Thông báo</span></a>"#))
        }
    }

    @Test("the header's unread count is kept by the process until a notification is added, read or removed: through another process at the next reading of the number, through this process at once",
          arguments: TestBackend.allCases)
    func keptUnreadCount(_ backend: TestBackend) async throws {
        // As a serving process: the number is read at most once per interval (an hour here, so that the test decides
        // when it is read again).
        try await withTestApp(backend, configuring: { $0.generationCheckInterval = 3_600 }) { app in
            let tree = try await SmallTree.make(on: app)
            let reader = try await app.caller("xema", .officer, scope: tree.wardA, level: .viewer)
            let cell = try await app.unit(tree.cellA1)
            let tester = try app.testing()
            // Written directly, as another process would.
            func add(_ number: Int) async throws -> Int {
                let notification = Self.reminder(number, to: reader.userId, in: cell)
                try await notification.create(on: app.db)
                return notification.requireID()
            }
            func generation() async throws -> Int64 {
                try await app.db.sql.raw("SELECT generation FROM notification_generation WHERE id = 1").first()!.decode(column: "generation", as: Int64.self)
            }
            func shown(_ extra: HTTPHeaders = [:]) async throws -> Int {
                var headers = reader.web
                headers.add(contentsOf: extra)
                let html = try await tester.sendRequest(.GET, "/me/todos", headers: headers).body.string
                let badge = try #require(html.firstRange(of: #"class="header-badge"#).map { html[$0.lowerBound...].prefix(200) })
                return badge.firstMatch(of: #/class="count"> (\d+)</span>/#).map { Int($0.1)! } ?? 0
            }

            let first = try await add(1)
            #expect(try await shown() == 1)
            var before = try await generation()
            try await app.db.sql.raw("UPDATE notifications SET email_attempts = email_attempts + 1").run()
            #expect(try await generation() == before, "a delivery attempt changes no count")
            _ = try await add(2)
            #expect(try await generation() > before, "a notification added")
            #expect(try await shown() == 1, "within the interval, the kept count")
            #expect(try await shown(["Cache-Control": "no-cache"]) == 2, "a forced reload counts afresh")
            app.unreadCounts.generation.checkSoon()  // the interval has passed
            #expect(try await shown() == 2, "the notification added elsewhere, counted")

            // Through this process: reading one makes the next page read the number.
            before = try await generation()
            #expect(try await tester.sendRequest(.POST, "/api/v1/notifications/\(first)/read", headers: reader.api).status == .ok)
            #expect(try await generation() > before, "a notification read")
            #expect(try await shown() == 1, "read through this process, at once")
            before = try await generation()
            try await app.db.sql.raw("DELETE FROM notifications WHERE user_id = \(bind: reader.userId)").run()
            #expect(try await generation() > before, "notifications removed")
        }
    }

    @Test("the API: list, read one and all, settings; a bad address is refused by name and nothing saved", arguments: TestBackend.allCases)
    func api(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            _ = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: today.adding(days: 1).iso)
            _ = try await app.launchStudyCampaign(at: tree.city, symbol: "06-CT/TW", reflectionDueOn: today.adding(days: 7).iso)
            let (_, member) = try await app.memberWithAccount("dvan", card: "001", in: tree.cellA1)
            try await app.remind(on: today)
            let tester = try app.testing()

            #expect(try await tester.sendRequest(.GET, "/api/v1/notifications?unread=maybe", headers: member.api).status == .badRequest)
            let list = try await tester.sendRequest(.GET, "/api/v1/notifications?unread=1", headers: member.api)
            #expect(list.status == .ok)
            let items = try list.content.decode(PageDTO<NotificationAPI.NotificationDTO>.self).items
            #expect(items.count == 2 && items.allSatisfy { $0.readAt == nil && $0.kind == "study.reflection" })
            let first = try #require(items.first)
            let english = try await tester.sendRequest(.GET, "/api/v1/notifications/\(first.id)", headers: member.api.adding("Accept-Language", "en"))
            #expect(try english.content.decode(NotificationAPI.NotificationDTO.self).title.hasPrefix("Submit your reflection: "))
            let read = try await tester.sendRequest(.POST, "/api/v1/notifications/\(first.id)/read", headers: member.api)
            #expect(try read.content.decode(NotificationAPI.NotificationDTO.self).readAt != nil)
            let all = try await tester.sendRequest(.POST, "/api/v1/notifications/read", headers: member.api)
            #expect(try all.content.decode(NotificationAPI.ReadAllDTO.self).marked == 1)

            let refused = try await tester.sendRequest(.PUT, "/api/v1/me/notifications", headers: member.api) {
                try $0.content.encode(NotificationSettingsInput(email: "không phải thư", emailEnabled: true))
            }
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("email"))
            #expect(try await app.rowCount("notification_settings") == 0)
            let saved = try await tester.sendRequest(.PUT, "/api/v1/me/notifications", headers: member.api) {
                try $0.content.encode(NotificationSettingsInput(email: "an@example.vn", emailEnabled: true, dailyDigest: false))
            }
            #expect(try saved.content.decode(NotificationAPI.SettingsDTO.self).emailEnabled)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "notification-settings.save").count() == 1)
        }
    }

    @Test("a unit's reminders page and API: the schedules, what tomorrow sends, what was sent; viewers read, editors set, others are refused",
          arguments: TestBackend.allCases)
    func remindersPage(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            _ = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: today.adding(days: 8).iso)
            _ = try await app.memberWithAccount("dvan", card: "001", in: tree.cellA1)
            let ward = try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor)
            let viewer = try await app.caller("xem", .officer, scope: tree.wardA, level: .viewer)
            let other = try await app.caller("phuongb", .officer, scope: tree.wardB, level: .editor)
            let tester = try app.testing()

            let upcoming = try await tester.sendRequest(.GET, "/api/v1/reminders/upcoming?unit=\(tree.wardA)", headers: ward.api)
            let items = try upcoming.content.decode([NotificationAPI.UpcomingDTO].self)
            #expect(items.map(\.step) == ["before-7"] && items.first?.recipients == 1)
            #expect(try await tester.sendRequest(.GET, "/api/v1/reminders/upcoming?unit=\(tree.wardB)", headers: ward.api).status == .notFound)
            #expect(try await tester.sendRequest(.GET, "/api/v1/reminders/upcoming?unit=\(tree.wardA)&day=mai", headers: ward.api).status == .unprocessableEntity)

            let page = try await tester.sendRequest(.GET, "/reminders?unit=\(tree.wardA)", headers: viewer.web)
            #expect(page.status == .ok && page.body.string.contains("Sẽ gửi ngày \(today.adding(days: 1).vietnamese)"))
            #expect(!page.body.string.contains("Đặt lịch nhắc riêng"), "a viewer sets no schedule")

            let setByViewer = try await tester.sendRequest(.POST, "/api/v1/reminders/rules?unit=\(tree.wardA)", headers: viewer.api) {
                try $0.content.encode(ReminderRuleInput(kind: "study.reflection", daysBefore: "10", onTheDay: true))
            }
            #expect(setByViewer.status == .forbidden)
            let set = try await tester.sendRequest(.POST, "/api/v1/reminders/rules?unit=\(tree.wardA)", headers: ward.api) {
                try $0.content.encode(ReminderRuleInput(kind: "study.reflection", daysBefore: "10", onTheDay: true))
            }
            #expect(set.status == .created)
            let schedule = try set.content.decode(NotificationAPI.ScheduleDTO.self)
            #expect(schedule.daysBefore == [10])
            let ruleId = try #require(schedule.ruleId)
            let form = try await tester.sendRequest(.POST, "/reminders/rules?unit=\(tree.wardA)", headers: ward.web) {
                try $0.content.encode(ward.form(["kind": "study.reflection", "daysBefore": "-1"]), as: .urlEncodedForm)
            }
            #expect(form.status == .unprocessableEntity && form.body.string.contains("Số ngày phải từ 1 đến 365"))
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/reminders/rules/\(ruleId)", headers: other.api).status == .notFound)
            #expect(try await tester.sendRequest(.DELETE, "/api/v1/reminders/rules/\(ruleId)", headers: ward.api).status == .noContent)
            #expect(try await app.rowCount("reminder_rules") == 0)

            try await app.remind(on: today.adding(days: 1))
            let afterwards = try await tester.sendRequest(.GET, "/api/v1/reminders/upcoming?unit=\(tree.wardA)", headers: ward.api)
            #expect(try afterwards.content.decode([NotificationAPI.UpcomingDTO].self).isEmpty, "a step recorded already is not previewed again")
            let sent = try await tester.sendRequest(.GET, "/api/v1/reminders?unit=\(tree.wardA)", headers: viewer.api)
            #expect(try sent.content.decode(PageDTO<NotificationAPI.SentDTO>.self).items.map(\.recipient) == ["dvan"])
            #expect(try await tester.sendRequest(.GET, "/api/v1/reminders?unit=\(tree.wardA)", headers: other.api).status == .notFound)
        }
    }

    @Test("a unit's sent reminders past a thousand: counted so far, newest first page after page, another unit's never listed",
          arguments: TestBackend.allCases)
    func manySentReminders(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let viewer = try await app.caller("xema", .officer, scope: tree.wardA, level: .viewer)
            let (cellA1, cellB1) = (try await app.unit(tree.cellA1), try await app.unit(tree.cellB1))
            // Written directly: 1,200 reminders, ward A's and ward B's interleaved, as a campaign's run leaves them.
            try await app.db.transaction { db in
                for number in 0..<1_200 {
                    let cell = number % 7 == 3 ? cellB1 : cellA1
                    try await Self.reminder(number, to: viewer.userId, in: cell).create(on: db)
                }
            }
            let tester = try app.testing()
            let wardA = try await app.db.sql.raw("SELECT id FROM notifications WHERE organization_id = \(bind: tree.cellA1) ORDER BY id DESC").all()
                .map { try $0.decode(column: "id", as: Int.self) }
            #expect(wardA.count > 1_000)
            for page in [1, 2, 20] {
                let sent = try await tester.sendRequest(.GET, "/api/v1/reminders?unit=\(tree.wardA)&page=\(page)", headers: viewer.api)
                    .content.decode(PageDTO<NotificationAPI.SentDTO>.self)
                #expect(sent.items.map(\.notification.id) == Array(wardA[(page - 1) * 50 ..< min(page * 50, wardA.count)]), "page \(page): ward A's, newest first")
                #expect(sent.total == 1_000 && sent.totalIsLowerBound == true, "counted up to the limit, and said so")
            }
            let few = try await tester.sendRequest(.GET, "/api/v1/reminders?unit=\(tree.wardB)", headers: try await app.caller("xemb", .officer, scope: tree.wardB, level: .viewer).api)
                .content.decode(PageDTO<NotificationAPI.SentDTO>.self)
            #expect(few.total == 1_200 - wardA.count && few.totalIsLowerBound == nil, "under the limit the total is exact")
            let page = try await tester.sendRequest(.GET, "/reminders?unit=\(tree.wardA)", headers: viewer.web)
            #expect(page.status == .ok && String(buffer: page.body).contains("Trang 1 · hơn 1.000 kết quả"), "the page says “more than”, with no last page")
        }
    }

    @Test("the preview of a unit reads its own members' accounts, and at most a bounded number of items of each kind, saying when it stopped",
          arguments: TestBackend.allCases)
    func boundedPreview(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            _ = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: today.adding(days: 7).iso)
            for (index, cell) in [tree.cellA1, tree.cellB1, tree.cellA2, tree.cellB1, tree.cellA1].enumerated() {
                _ = try await app.memberWithAccount("dvien\(index)", card: "00\(index)", in: cell)
            }
            let city = try await OrganizationQueries.require(tree.city, on: app.db), wardB = try await OrganizationQueries.require(tree.wardB, on: app.db)

            let whole = try await ReminderEngine.preview(on: today, in: city.treePath, limit: 100, db: app.db)
            #expect(whole.entries.count == 5 && whole.isComplete)
            let bounded = try await ReminderEngine.preview(on: today, in: city.treePath, limit: 100, readLimit: 2, db: app.db)
            #expect(bounded.entries.count == 2 && !bounded.isComplete)
            let ward = try await ReminderEngine.preview(on: today, in: wardB.treePath, limit: 100, readLimit: 3, db: app.db)
            #expect(ward.entries.map(\.item.unitId) == [tree.cellB1, tree.cellB1] && ward.isComplete, "the ward's two accounts, not the first two of the city")

            // Paged one at a time, a ward's accounts come each once, in the order of their cells' paths, and the whole
            // tree's in id order; so do units, a ward's in path order.
            let wardA = try await OrganizationQueries.require(tree.wardA, on: app.db).treePath
            func paged(_ subtree: TreePath?, _ next: (Int?, TreePath?) async throws -> IdPage?) async throws -> [Int] {
                var ids: [Int] = [], cursor: Int?
                while let page = try await next(cursor, subtree) {
                    ids += page.ids
                    cursor = page.last
                }
                return ids
            }
            func paged(_ subtree: TreePath?) async throws -> [Int] {
                try await paged(subtree) { try await ReminderRecipients.memberGrantPage(after: $0, limit: 1, in: $1, on: app.db) }
            }
            func units(_ subtree: TreePath?) async throws -> [Int] {
                try await paged(subtree) { try await ReminderRecipients.unitPage(after: $0, limit: 1, in: $1, on: app.db) }
            }
            let wardUnits = try await Organization.query(on: app.db).filter(\.$path >= wardA.rawValue).filter(\.$path < wardA.upperBound).sort(\.$path).all(\.$id)
            #expect(wardUnits.count == 3 && wardUnits.first == tree.wardA)
            #expect(try await units(wardA) == wardUnits)
            #expect(try await units(nil) == (try await Organization.query(on: app.db).sort(\.$id).all(\.$id)))
            let expected = try await app.db.sql.raw("""
                SELECT g.id AS id FROM role_grants g JOIN members m ON m.id = g.member_id
                WHERE g.role = \(bind: Role.member.rawValue) AND g.revoked_at IS NULL AND \(column: "m.organization_path", in: wardA)
                ORDER BY m.organization_path, g.id
                """).all().map { try $0.decode(column: "id", as: Int.self) }
            #expect(expected.count == 3)
            #expect(try await paged(wardA) == expected)
            let everyAccount = try await RoleGrant.query(on: app.db).filter(\.$role == .member).sort(\.$id).all(\.$id)
            #expect(try await paged(nil) == everyAccount)
        }
    }

    @Test("units' plans and reports to remind of: a subtree's open ones due by the day, read a page of units at a time, each unit's once",
          arguments: TestBackend.allCases)
    func obligationReminders(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let tree = setup.tree
            // The wards' plans were due on 1 January, the cells' sessions are due on 31 December.
            let year = CityCampaign.year
            let planB = try await app.registerDocument("13-KH/ĐU", "Kế hoạch thực hiện", on: "2021-06-01", by: tree.wardB)
            let obligationB = try #require(try await app.obligations(of: setup.campaign, at: tree.wardB).first)
            _ = try await app.write { try await ObligationCommands.submit(obligationB.requireID(), .init(documentId: planB, submittedOn: "01/01/\(year)"), on: $0) }
            func reminded(in unit: Int?, dueBy: CalendarDate, pageSize: Int) async throws -> [Int] {
                let subtree = try await unit.asyncMap { try await app.unit($0).treePath }
                var units: [Int] = [], cursor: Int?
                repeat {
                    let query = ReminderQuery(today: CalendarDate.today(), dueBy: dueBy, subtree: subtree, cursor: cursor, limit: pageSize)
                    let page = try await ObligationReminders().items(query, on: app.db)
                    units += page.items.map(\.unitId)
                    cursor = page.next
                } while cursor != nil
                return units
            }
            let yearEnd = CalendarDate(year: year, month: 12, day: 31)!, dayBefore = CalendarDate(year: year, month: 12, day: 30)!
            #expect(try await reminded(in: nil, dueBy: yearEnd, pageSize: 2) == [tree.wardA, tree.cellA1, tree.cellA2, tree.cellB1],
                    "the whole tree by unit id; ward B's plan is submitted")
            #expect(try await reminded(in: tree.wardA, dueBy: yearEnd, pageSize: 1) == [tree.wardA, tree.cellA1, tree.cellA2], "ward A's subtree")
            #expect(try await reminded(in: tree.wardB, dueBy: yearEnd, pageSize: 1) == [tree.cellB1])
            #expect(try await reminded(in: tree.city, dueBy: dayBefore, pageSize: 10) == [tree.wardA], "the sessions are not due yet")
        }
    }
}

@Suite("Notification e-mail", .serialized)
struct NotificationMailTests {
    @Test("sent by day to those who chose it, in Vietnamese with the link; held at night; not sent once read in the app",
          arguments: TestBackend.allCases)
    func delivered(_ backend: TestBackend) async throws {
        let server = try await TestSMTPServer.start(.accept)
        defer { server.stop() }
        try await withTestApp(backend) { app in
            try app.useTestMail(server)
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            // Two days ahead: after the e-mails were recorded (now), whatever the hour the test runs at.
            let later = today.adding(days: 2)
            _ = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: today.adding(days: 1).iso)
            let (_, member) = try await app.memberWithAccount("dvan", card: "001", in: tree.cellA1)
            let (_, reader) = try await app.memberWithAccount("dvbinh", card: "002", in: tree.cellA1)
            for caller in [member, reader] {
                try await app.chooseEmail("\(caller.username)@example.vn", for: caller)
            }
            try await app.remind(on: today)
            _ = try await app.writeBookkeeping { try await NotificationCommands.markAllRead(of: reader.userId, on: $0) }

            let night = try await NotificationMail.sendPending(app: app, now: vietnamTime(later, hour: 2))
            let nothingYet = try server.received().isEmpty
            #expect(night.held && nothingYet)
            let morning = try await NotificationMail.sendPending(app: app, now: vietnamTime(later, hour: 7))
            #expect(morning.sent == 1 && morning.dropped == 1)
            let mail = try #require(try server.received().first)
            #expect(mail.envelope.rcpt_tos == ["dvan@example.vn"])
            #expect(mail.decodedHeader("Subject")?.hasPrefix("LamTheo – Nộp bài thu hoạch: ") == true)
            #expect(mail.text.contains("Kính gửi đồng chí dvan,") && mail.text.contains("\(app.publicAddress)/me/reflections/"))
            #expect(try await app.notifications(of: member.userId).first?.emailState == .sent)
            #expect(try await NotificationMail.sendPending(app: app, now: vietnamTime(later, hour: 8)).sent == 0, "nothing twice")
        }
    }

    @Test("refused for good: failed, the address shown to administrators; refused for now: retried later, then sent",
          arguments: TestBackend.allCases)
    func failures(_ backend: TestBackend) async throws {
        let refusing = try await TestSMTPServer.start(.rejectRecipient)
        defer { refusing.stop() }
        try await withTestApp(backend) { app in
            try app.useTestMail(refusing)
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            let later = today.adding(days: 2)
            _ = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: today.adding(days: 1).iso)
            let (_, member) = try await app.memberWithAccount("dvan", card: "001", in: tree.cellA1)
            try await app.chooseEmail("an@example.vn", for: member)
            try await app.remind(on: today)
            let refused = try await NotificationMail.sendPending(app: app, now: vietnamTime(later, hour: 9))
            #expect(refused.failed == 1)
            let notification = try #require(try await app.notifications(of: member.userId).first)
            #expect(notification.emailState == .failed && notification.emailError?.contains("550") == true)
            #expect(try await NotificationQueries.failedAddresses(on: app.db).map(\.email) == ["an@example.vn"])

            // The server answers 451 for a while: the e-mail waits for its next try.
            let deferring = try await TestSMTPServer.start(.deferData)
            defer { deferring.stop() }
            try app.useTestMail(deferring)
            _ = try await app.launchStudyCampaign(at: tree.city, symbol: "06-CT/TW", reflectionDueOn: today.adding(days: 1).iso)
            try await app.remind(on: today)
            let deferred = try await NotificationMail.sendPending(app: app, now: vietnamTime(later, hour: 9))
            #expect(deferred.retrying == 1)
            let waiting = try #require(try await app.notifications(of: member.userId).last)
            #expect(waiting.emailState == .pending && waiting.emailAttempts == 1 && (waiting.emailNextAt ?? .distantPast) > vietnamTime(later, hour: 9))
            #expect(try await NotificationMail.sendPending(app: app, now: vietnamTime(later, hour: 9)).retrying == 0, "not before its next try")

            let accepting = try await TestSMTPServer.start(.accept)
            defer { accepting.stop() }
            try app.useTestMail(accepting)
            #expect(try await NotificationMail.sendPending(app: app, now: vietnamTime(later, hour: 10)).sent == 1)
            #expect(try accepting.received().count == 1)
        }
    }

    @Test("the morning digest: one message with every notification gathered", arguments: TestBackend.allCases)
    func digest(_ backend: TestBackend) async throws {
        let server = try await TestSMTPServer.start(.accept)
        defer { server.stop() }
        try await withTestApp(backend) { app in
            try app.useTestMail(server)
            let tree = try await SmallTree.make(on: app)
            let today = CalendarDate.today()
            // Two days ahead: after the e-mails were recorded (now), whatever the hour the test runs at.
            let later = today.adding(days: 2)
            _ = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: today.adding(days: 1).iso)
            _ = try await app.launchStudyCampaign(at: tree.city, symbol: "06-CT/TW", reflectionDueOn: today.adding(days: 7).iso)
            let (_, member) = try await app.memberWithAccount("dvan", card: "001", in: tree.cellA1)
            try await app.chooseEmail("an@example.vn", digest: true, for: member)
            try await app.remind(on: today)
            #expect(try await NotificationMail.sendPending(app: app, now: vietnamTime(later, hour: 9)).sent == 0, "not one by one")
            let digests = try await NotificationMail.sendDigests(app: app, now: vietnamTime(later, hour: 6))
            #expect(digests.sent == 1)
            let mail = try #require(try server.received().first)
            #expect(mail.decodedHeader("Subject") == "LamTheo – 2 thông báo mới")
            #expect(mail.text.components(separatedBy: "• Nộp bài thu hoạch").count == 3)
            #expect(try await app.notifications(of: member.userId).allSatisfy { $0.emailState == .sent })
        }
    }
}
