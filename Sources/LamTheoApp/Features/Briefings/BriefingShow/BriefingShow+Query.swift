import Fluent
import LamTheoCore

extension BriefingShow {
    enum Query {
        static func run(_ briefing: Briefing, actor: Actor, today: CalendarDate, on db: any Database) async throws -> Model {
            let detail = try await BriefingQueries.detail(briefing, today: today, on: db)
            let invited = try await BriefingQueries.invitedUnits(of: briefing.requireID(), on: db)
            let editable = Set(invited.filter { actor.can(.edit, at: $0.treePath) }.map(\.organizationId))
            return Model(detail: detail, held: today >= briefing.heldOn, mayRun: BriefingActions.mayRun(briefing, actor: actor),
                         contributors: detail.units.filter { editable.contains($0.id) }.map { Model.Choice(id: $0.id, name: $0.name) })
        }
    }
}
