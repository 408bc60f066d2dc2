import Fluent
import LamTheoCore

extension FollowUpShow {
    enum Query {
        static func run(_ task: FollowUpTask, actor: Actor, today: CalendarDate, on db: any Database) async throws -> Model {
            let names = try await FollowUpQueries.unitNames(of: [task], on: db)
            let issuer = try await OrganizationQueries.require(task.issuerOrganizationId, on: db)
            let origin = FollowUpOrigins.origin(task.originKind)
            return Model(id: task.requireID(), title: task.title, origin: task.originLabel, originLink: origin?.link(task.originId),
                         issuerName: issuer.name, unitId: task.organizationId, unitName: names[task.organizationId] ?? "", responsible: task.responsible,
                         requiredEvidence: task.requiredEvidence, dueOn: task.dueOn, extendedUntil: task.extendedUntil, state: task.state,
                         status: task.status(today: today), reportCount: task.reportCount,
                         events: try await FollowUpQueries.events(of: task.requireID(), on: db).map {
                             Model.Event(action: $0.action, onDate: $0.onDate, actor: $0.actor, note: $0.note, until: $0.until)
                         },
                         mayReport: actor.can(.edit, at: task.treePath), mayActAsIssuer: actor.can(.edit, at: issuer.treePath))
        }
    }
}
