import Fluent
import LamTheoCore

extension InspectionShow {
    enum Query {
        static func run(_ inspection: Inspection, actor: Actor, today: CalendarDate, on db: any Database) async throws -> Model {
            let record = try await InspectionRecord.load(inspection, on: db)
            let mayRecord = InspectionActions.mayRecord(inspection, actor: actor)
            let open = inspection.closedOn == nil
            let choices = mayRecord || !record.units.isEmpty
                ? try await Document.query(on: db).sort(\.$issuedOn, .descending).sort(\.$id, .descending).limit(100).all()
                    .map { (id: $0.requireID(), title: "\($0.symbol) — \($0.title)") }
                : []
            let reads = actor.can(.read, at: inspection.treePath) ? try await InspectionQueries.reads(of: inspection.requireID(), limit: 20, on: db) : nil
            return Model(inspection: InspectionAPI.DetailDTO(record, today: today), documentTitles: record.documents, documentChoices: choices,
                         mayRecord: mayRecord && open,
                         selfReportUnits: open ? record.units.filter { mayRecord || actor.can(.edit, at: $0.treePath) }.map(\.organizationId) : [],
                         reads: reads?.map { InspectionAPI.ReadDTO(userId: $0.userId, username: $0.username, organizationId: $0.organizationId, page: $0.page,
                                                                   readAt: $0.readAt) },
                         today: today)
        }
    }
}
