import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/notifications`: the caller's inbox and how they hear; `/api/v1/reminders`: a unit's reminders —
/// what was sent about its subtree, what a day will send, and its schedules.
enum NotificationAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(NotificationRoute.inbox, use: inbox).requiring(.signedIn)
        api.get(NotificationRoute.show(.key), use: show).requiring(.signedIn)
        api.post(NotificationRoute.read(.key), use: read).requiring(.signedIn)
        api.post(NotificationRoute.readAll, use: readAll).requiring(.signedIn)
        api.get(NotificationRoute.settings, use: settings).requiring(.signedIn)
        api.put(NotificationRoute.settings, use: saveSettings).requiring(.signedIn)
        api.get(NotificationRoute.reminders, use: sent).requiring(.capability(.read))
        api.get(NotificationRoute.upcoming, use: upcoming).requiring(.capability(.read))
        api.get(NotificationRoute.rules, use: rules).requiring(.capability(.read))
        api.post(NotificationRoute.rules, use: saveRule).requiring(.capability(.edit))
        api.delete(NotificationRoute.rule(.key), use: removeRule).requiring(.capability(.edit))
    }

    struct NotificationDTO: Content {
        let id: Int
        /// The reminder kind ("study.reflection") or "escalation" for a digest.
        let kind: String
        let dueOn: CalendarDate
        let step: String
        let organizationId: Int
        let title: String
        let body: String?
        /// The web page of the item.
        let path: String
        let createdOn: CalendarDate
        let readAt: Date?
        let email: EmailState

        init(_ notification: UserNotification, language: UILanguage) {
            id = notification.id!
            kind = notification.kind
            dueOn = notification.dueOn
            step = notification.step
            organizationId = notification.organizationId
            title = notification.title(language)
            body = notification.body?(language)
            path = notification.link
            createdOn = notification.createdOn
            readAt = notification.readAt
            email = notification.emailState
        }
    }

    struct ReadAllDTO: Content {
        let marked: Int
    }

    struct SettingsDTO: Content {
        let email: String?
        let emailEnabled: Bool
        let dailyDigest: Bool
        /// The last refusal of the address, until it changes.
        let emailFailure: String?

        init(_ settings: NotificationSettings?) {
            email = settings?.email
            emailEnabled = settings?.emailEnabled ?? false
            dailyDigest = settings?.dailyDigest ?? false
            emailFailure = settings?.emailFailure
        }
    }

    struct SentDTO: Content {
        let notification: NotificationDTO
        let recipient: String
    }

    struct UpcomingDTO: Content {
        let kind: String
        let itemKey: String
        let title: String
        let organizationId: Int
        let dueOn: CalendarDate
        let step: String
        let recipients: Int
        let path: String
    }

    struct ScheduleDTO: Content {
        let kind: String
        let title: String
        let daysBefore: [Int]
        let onTheDay: Bool
        let repeatEvery: Int
        let escalateAfter: Int
        let escalateAgainAfter: Int
        /// The unit's own rule (which DELETE removes); null when the schedule comes from above or is the default.
        let ruleId: Int?
        /// The unit above whose rule is in force; null for the unit's own or the default.
        let setBy: String?

        init(_ entry: ReminderOverview.Model.Schedule, language: UILanguage) {
            kind = entry.kind
            title = entry.title(language)
            daysBefore = entry.schedule.daysBefore
            onTheDay = entry.schedule.onTheDay
            repeatEvery = entry.schedule.repeatEvery
            escalateAfter = entry.schedule.escalateAfter
            escalateAgainAfter = entry.schedule.escalateAgainAfter
            ruleId = entry.ownRuleId
            setBy = entry.setBy
        }
    }

    static func inbox(request: Request) async throws -> PageDTO<NotificationDTO> {
        let paging = try Paging(request)
        let unreadOnly = try request.unreadOnly()
        let page = try await NotificationQueries.inbox(of: try request.requireActor().userId, unreadOnly: unreadOnly, page: paging.page,
                                                       perPage: paging.perPage, on: request.reads)
        return PageDTO(items: page.items.map { NotificationDTO($0, language: request.language) }, page: page.page, perPage: page.perPage, total: page.total)
    }

    static func show(request: Request) async throws -> NotificationDTO {
        NotificationDTO(try await NotificationQueries.require(try request.id(), of: try request.requireActor().userId, on: request.reads), language: request.language)
    }

    static func read(request: Request) async throws -> NotificationDTO {
        NotificationDTO(try await NotificationActions.markRead(try request.id(), request: request), language: request.language)
    }

    static func readAll(request: Request) async throws -> ReadAllDTO {
        ReadAllDTO(marked: try await NotificationActions.markAllRead(request: request))
    }

    static func settings(request: Request) async throws -> SettingsDTO {
        SettingsDTO(try await NotificationSettings.find(try request.requireActor().userId, on: request.reads))
    }

    static func saveSettings(request: Request) async throws -> SettingsDTO {
        SettingsDTO(try await NotificationActions.saveSettings(try request.content.decode(NotificationSettingsInput.self), request: request))
    }

    static func sent(request: Request) async throws -> PageDTO<SentDTO> {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let page = try await NotificationQueries.sent(in: unit.treePath, page: paging.page, perPage: paging.perPage, on: request.reads)
        return PageDTO(page) { SentDTO(notification: NotificationDTO($0.notification, language: request.language), recipient: $0.recipient) }
    }

    /// What the run of `day` (tomorrow by default) would send about the unit's subtree, without sending it.
    static func upcoming(request: Request) async throws -> [UpcomingDTO] {
        let unit = try await request.readableUnit()
        let day = try request.queryDay("day", default: CalendarDate.today().adding(days: 1))
        let preview = try await ReminderEngine.preview(on: day, in: unit.treePath, limit: ReminderOverview.Query.previewLimit, db: request.reads)
        return preview.entries.map { entry in
            UpcomingDTO(kind: entry.kind.name, itemKey: entry.item.key, title: entry.item.title(request.language), organizationId: entry.item.unitId,
                        dueOn: entry.item.dueOn, step: entry.step.description, recipients: entry.item.recipients.count, path: entry.item.link)
        }
    }

    static func rules(request: Request) async throws -> [ScheduleDTO] {
        let unit = try await request.readableUnit()
        let model = try await ReminderOverview.Query.schedules(of: unit, on: request.reads)
        return model.map { ScheduleDTO($0, language: request.language) }
    }

    static func saveRule(request: Request) async throws -> Response {
        let rule = try await NotificationActions.saveRule(try request.content.decode(ReminderRuleInput.self), request: request)
        let unit = try await OrganizationQueries.require(rule.organizationId, on: request.reads)
        let schedules = try await ReminderOverview.Query.schedules(of: unit, on: request.reads)
        // The rule's kind was checked to be registered, so it is among the schedules.
        guard let schedule = schedules.first(where: { $0.kind == rule.kind }) else { throw Abort(.internalServerError) }
        return try await ScheduleDTO(schedule, language: request.language).encodeResponse(status: .created, for: request)
    }

    static func removeRule(request: Request) async throws -> Response {
        _ = try await NotificationActions.removeRule(try request.id(), request: request)
        return Response(status: .noContent)
    }
}

extension NotificationSettingsInput: Content {}
extension ReminderRuleInput: Content {}
