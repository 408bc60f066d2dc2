import Fluent
import LamTheoCore

extension ReminderOverview {
    enum Query {
        /// Items previewed at most.
        static let previewLimit = 100

        static func run(unit: Organization, canEdit: Bool, isAdministrator: Bool, day: CalendarDate, page: Int, perPage: Int,
                        sources: ReminderSources = Reminders.sources, on db: any Database) async throws -> Model {
            let schedules = try await schedules(of: unit, sources: sources, on: db)
            let preview = try await ReminderEngine.preview(on: day, in: unit.treePath, limit: previewLimit + 1, db: db, sources: sources)
            let names = try await OrganizationQueries.names(preview.entries.map(\.item.unitId), on: db)
            let sent = try await NotificationQueries.sent(in: unit.treePath, page: page, perPage: perPage, on: db)
            let failed = isAdministrator ? try await NotificationQueries.failedAddresses(on: db) : []
            return Model(
                unitId: unit.requireID(), unitName: unit.name, canEdit: canEdit, schedules: schedules, day: day,
                upcoming: preview.entries.prefix(previewLimit).map { entry in
                    Model.Upcoming(kind: entry.kind.title, title: entry.item.title, unit: names[entry.item.unitId] ?? "", dueOn: entry.item.dueOn,
                                   step: entry.step, recipients: entry.item.recipients.count, link: entry.item.link)
                },
                upcomingCut: preview.entries.count > previewLimit, upcomingPartial: !preview.isComplete,
                sent: sent.map {
                    Model.Sent(title: $0.notification.title, recipient: $0.recipient, createdOn: $0.notification.createdOn,
                               email: $0.notification.emailState, isRead: $0.notification.readAt != nil)
                },
                failedAddresses: failed.map { Model.FailedAddress(user: $0.user, email: $0.email, failure: $0.failure, at: $0.at) })
        }

        /// The schedule in force at the unit for each kind: the closest rule at or above it, as the reminders apply it.
        static func schedules(of unit: Organization, sources: ReminderSources = Reminders.sources, on db: any Database) async throws -> [Model.Schedule] {
            let rules = try await ReminderRule.query(on: db).filter(\.$organizationId ~~ unit.treePath.ids).all()
            let ruleUnits = try await OrganizationQueries.names(rules.map(\.organizationId), on: db)
            return sources.sources.map(\.kind).map { kind -> Model.Schedule in
                let rule = rules.filter { $0.kind == kind.name }.max { TreePath(rawValue: $0.organizationPath)!.depth < TreePath(rawValue: $1.organizationPath)!.depth }
                let own = rule?.organizationId == unit.id
                return Model.Schedule(kind: kind.name, title: kind.title, schedule: rule?.schedule ?? kind.schedule, ownRuleId: own ? rule?.id : nil,
                                      setBy: own ? nil : rule.flatMap { ruleUnits[$0.organizationId] })
            }
        }
    }
}
