import Fluent
import LamTheoCore
import Vapor

/// The inbox, a person's settings, and a unit's reminders page on the web.
enum NotificationPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(NotificationRoute.inbox, use: inbox).requiring(.signedIn)
        routes.get(NotificationRoute.show(.key), use: open).requiring(.signedIn)
        routes.post(NotificationRoute.read(.key), use: read).requiring(.signedIn)
        routes.post(NotificationRoute.readAll, use: readAll).requiring(.signedIn)
        routes.get(NotificationRoute.settings, use: settings).requiring(.signedIn)
        routes.post(NotificationRoute.settings, use: saveSettings).requiring(.signedIn)
        routes.get(NotificationRoute.reminders, use: reminders).requiring(.capability(.read))
        routes.post(NotificationRoute.rules, use: saveRule).requiring(.capability(.edit))
        routes.post(NotificationRoute.ruleRemoval(.key), use: removeRule).requiring(.capability(.edit))
    }

    static func inbox(request: Request) async throws -> Response {
        let paging = try Paging(request, defaultPerPage: 30)
        let unreadOnly = try request.unreadOnly()
        let model = try await Inbox.Query.run(userId: try request.requireActor().userId, unreadOnly: unreadOnly, page: paging.page,
                                              perPage: paging.perPage, on: request.reads)
        return Inbox.View(model: model).response(for: request)
    }

    /// Opening a notification marks it read and leads to its item.
    static func open(request: Request) async throws -> Response {
        let notification = try await NotificationActions.markRead(try request.id(), request: request)
        return request.redirect(to: LocalPath.validated(notification.link) ?? NotificationRoute.inbox.path)
    }

    static func read(request: Request) async throws -> Response {
        _ = try await NotificationActions.markRead(try request.id(), request: request)
        return request.redirect(to: NotificationRoute.inbox.path)
    }

    static func readAll(request: Request) async throws -> Response {
        let count = try await NotificationActions.markAllRead(request: request)
        return request.redirect(to: NotificationRoute.inbox.path, flash: LocalizedText(vi: "Đã đánh dấu \(count) thông báo là đã đọc.",
                                                                                       en: "\(count) notification\(count == 1 ? "" : "s") marked as read."))
    }

    static func settings(request: Request) async throws -> Response {
        let settings = try await NotificationSettings.find(try request.requireActor().userId, on: request.reads)
        return NotificationSettingsView(email: settings?.email, emailEnabled: settings?.emailEnabled ?? false,
                                        dailyDigest: settings?.dailyDigest ?? false).response(for: request)
    }

    static func saveSettings(request: Request) async throws -> Response {
        let input = try request.content.decode(NotificationSettingsInput.self)
        do {
            let settings = try await NotificationActions.saveSettings(input, request: request)
            let note = settings.emailEnabled
                ? LocalizedText(vi: "Đã lưu: thông báo cũng được gửi tới \(settings.email ?? "").", en: "Saved: notifications also go to \(settings.email ?? "").")
                : LocalizedText(vi: "Đã lưu: thông báo chỉ có trong LamTheo.", en: "Saved: notifications stay in LamTheo.")
            return request.redirect(to: NotificationRoute.settings.path, flash: note)
        } catch let error as DomainError where error.kind == .invalid {
            return NotificationSettingsView(email: input.email, emailEnabled: input.emailEnabled ?? false, dailyDigest: input.dailyDigest ?? false)
                .response(for: request, errors: error.fieldErrors, refused: RefusedForm(form: NotificationSettingsView.form, input), status: .unprocessableEntity)
        }
    }

    static func reminders(request: Request) async throws -> Response {
        try await remindersPage(request: request)
    }

    private static func remindersPage(request: Request, errors: [FieldError] = [], refused: RefusedForm? = nil,
                                      status: HTTPResponseStatus = .ok) async throws -> Response {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let actor = try request.requireActor()
        let model = try await ReminderOverview.Query.run(unit: unit, canEdit: actor.can(.edit, at: unit.treePath), isAdministrator: actor.isAdministrator,
                                                         day: try request.queryDay("day", default: CalendarDate.today().adding(days: 1)),
                                                         page: paging.page, perPage: paging.perPage, on: request.reads)
        return ReminderOverview.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }

    static func saveRule(request: Request) async throws -> Response {
        let input = try request.content.decode(ReminderRuleInput.self)
        do {
            let rule = try await NotificationActions.saveRule(input, request: request)
            let title = Reminders.sources.kind(named: rule.kind)?.title ?? LocalizedText(vi: rule.kind, en: rule.kind)
            return request.redirect(to: NotificationRoute.reminders.path(query: [.unit: rule.organizationId]),
                                    flash: LocalizedText(vi: "Đã lưu lịch nhắc: \(title.vi).", en: "Schedule saved: \(title.en)."))
        } catch let error as DomainError where error.kind == .invalid {
            return try await remindersPage(request: request, errors: error.fieldErrors, refused: RefusedForm(form: ReminderOverview.ruleForm, input),
                                       status: .unprocessableEntity)
        }
    }

    static func removeRule(request: Request) async throws -> Response {
        let rule = try await NotificationActions.removeRule(try request.id(), request: request)
        return request.redirect(to: NotificationRoute.reminders.path(query: [.unit: rule.organizationId]),
                                flash: LocalizedText(vi: "Đã bỏ lịch nhắc riêng; lịch của cấp trên (hoặc mặc định) được áp dụng.",
                                                     en: "Own schedule removed; the one from above (or the default) applies."))
    }
}
