import Fluent
import LamTheoCore

extension ExemplarShow {
    enum Query {
        static func run(_ exemplar: Exemplar, actor: Actor, on db: any Database) async throws -> Model {
            let detail = try await ExemplarQueries.detail(exemplar, on: db)
            let id = exemplar.requireID()
            let state = exemplar.state
            let lineage = try await Organization.query(on: db).filter(\.$id ~~ exemplar.treePath.ids).sort(\.$depth).all()
            let eventNames = try await OrganizationQueries.names(detail.events.compactMap(\.organizationId), on: db)

            let mayCommend = (try? state.after(.commend).get()) != nil
            let granting = mayCommend ? lineage.filter { actor.can(.edit, at: $0.treePath) }.map { Choice(id: $0.requireID(), title: $0.name) } : []
            let decisions = granting.isEmpty ? [] : try await Document.query(on: db).filter(\.$typeCode == "QĐ").sort(\.$issuedOn, .descending).range(..<50).all()
                .map { Choice(id: $0.requireID(), title: "\($0.documentNumber.symbol) · \($0.title)") }

            let spreading = (try? state.after(.adopt).get()) != nil
            var issuer: Choice?
            var replicationUnits: [Choice] = []
            if spreading, let top = lineage.first(where: { actor.can(.edit, at: $0.treePath) }) {
                issuer = Choice(id: top.requireID(), title: top.name)
                replicationUnits = try await Organization.query(on: db).filter(\.$parentId == top.requireID()).filter(\.$status == .active)
                    .filter(\.$id != exemplar.organizationId).sort(\.$nameSort).all().map { Choice(id: $0.requireID(), title: $0.name) }
            }
            var adopting: [Choice] = []
            if spreading {
                let adopted = Set(detail.adoptions.map(\.adoption.organizationId))
                let asked = try await FollowUpTask.query(on: db).filter(\.$originKind == ExemplarCommands.replicationOrigin).filter(\.$originId == id)
                    .all().map(\.organizationId)
                let own = actor.grants.compactMap { $0.scope?.ids.last }
                let candidates = Array(Set(asked + own).subtracting(adopted).subtracting([exemplar.organizationId]))
                adopting = try await Organization.query(on: db).filter(\.$id ~~ candidates).filter(\.$status == .active).sort(\.$nameSort).all()
                    .filter { actor.can(.edit, at: $0.treePath) }.map { Choice(id: $0.requireID(), title: $0.name) }
            }

            return Model(
                id: id, title: exemplar.title, kind: exemplar.kind, state: state, unitId: exemplar.organizationId, unitName: detail.unitName,
                summary: exemplar.summary, memberName: detail.memberName, theme: detail.campaignTitle ?? exemplar.topic,
                nominatedByName: detail.nominatedByName, nominatedOn: exemplar.nominatedOn, verifiedByName: detail.verifiedByName,
                verifiedOn: exemplar.verifiedOn, verificationNote: exemplar.verificationNote, figures: detail.figures.map(Model.Figure.init),
                sources: detail.links.map { link in
                    link.sourceKind == .commitment ? "Đăng ký làm theo số \(link.sourceId)" : "Khâu đột phá số \(link.sourceId)"
                },
                evidence: detail.evidence.map { Model.Evidence(id: $0.requireID(), fileName: $0.evidenceName ?? "", description: $0.details) },
                events: detail.events.map {
                    Model.Event(action: $0.action, onDate: $0.onDate, actor: $0.actor, unitName: $0.organizationId.flatMap { eventNames[$0] }, note: $0.note)
                },
                commendations: detail.commendations.map(Model.Decision.init), adoptions: detail.adoptions.map(Model.Spread.init),
                mayAddEvidence: actor.can(.edit, at: exemplar.treePath),
                mayVerify: state == .nominated && exemplar.treePath.parent.map { actor.can(.edit, at: $0) } == true,
                grantingLevels: granting, decisions: decisions, replicationIssuer: replicationUnits.isEmpty ? nil : issuer,
                replicationUnits: replicationUnits, adoptingUnits: adopting)
        }
    }
}

// The page's pieces from the stored rows; the public showcase shows the same ones.
extension ExemplarShow.Model.Figure {
    init(_ row: ExemplarFigure) {
        self.init(indicator: row.indicator, before: row.before, after: row.after, unit: row.measureUnit)
    }
}

extension ExemplarShow.Model.Decision {
    init(_ decision: ExemplarDetail.Decision) {
        self.init(form: decision.commendation.form, grantingName: decision.grantingName, documentNumber: decision.documentNumber,
                  documentTitle: decision.documentTitle, grantedOn: decision.commendation.grantedOn)
    }
}

extension ExemplarShow.Model.Spread {
    init(_ spread: ExemplarDetail.Spread) {
        self.init(unitName: spread.unitName, adoptedOn: spread.adoption.adoptedOn, results: spread.adoption.results,
                  figures: spread.figures.map(ExemplarShow.Model.Figure.init))
    }
}
