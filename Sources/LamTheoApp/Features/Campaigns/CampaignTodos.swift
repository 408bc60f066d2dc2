import Fluent
import LamTheoCore
import SQLKit

/// What running campaigns ask of whoever may edit a unit: its own obligations due within a week or late, and
/// the submissions of the units below it waiting for its review.
struct CampaignTodos: TodoSource {
    func todos(for reader: TodoReader, on db: any Database) async throws -> [TodoItem] {
        let units = try await reader.units(on: db).filter { reader.actor.can(.edit, at: $0.treePath) }
        guard !units.isEmpty else { return [] }
        return try await deadlines(of: units, today: reader.today, on: db) + (try await reviews(below: units, on: db))
    }

    /// The units' own obligations still awaiting them whose due date (or extension) is at most a week away, earliest first.
    private func deadlines(of units: [Organization], today: CalendarDate, on db: any Database) async throws -> [TodoItem] {
        let horizon = today.adding(days: ObligationStatus.dueSoonDays)
        let obligations = try await Obligation.query(on: db).filter(\.$organizationId ~~ units.map { $0.requireID() })
            .filter(\.$state ~~ ObligationState.awaitingUnit).all()
            .filter { ($0.extendedUntil ?? $0.dueOn) <= horizon }
            .sorted { ($0.extendedUntil ?? $0.dueOn, $0.requireID()) < ($1.extendedUntil ?? $1.dueOn, $1.requireID()) }
        guard !obligations.isEmpty else { return [] }
        let campaigns = Dictionary(uniqueKeysWithValues: try await Campaign.query(on: db).filter(\.$id ~~ obligations.map(\.campaignId))
            .filter(\.$status == .active).all().map { ($0.requireID(), $0.title) })
        let requirements = Dictionary(uniqueKeysWithValues: try await CampaignRequirement.query(on: db)
            .filter(\.$id ~~ obligations.map(\.requirementId)).all().map { ($0.requireID(), $0.title) })
        let names = Dictionary(uniqueKeysWithValues: units.map { ($0.requireID(), $0.name) })
        return obligations.compactMap { obligation in
            guard let campaign = campaigns[obligation.campaignId], let requirement = requirements[obligation.requirementId] else { return nil }
            let due = obligation.extendedUntil ?? obligation.dueOn
            let title = obligation.state == .returned ? LocalizedText(vi: "Nộp lại: \(requirement)", en: "Resubmit: \(requirement)")
                                                      : LocalizedText(vi: requirement, en: requirement)
            let place = "\(campaign) · \(names[obligation.organizationId] ?? "")"
            return TodoItem(kind: "campaigns.deadline", urgency: .due(due, today: today), count: 1, title: title,
                            detail: LocalizedText(vi: place, en: place), dueOn: due,
                            link: CampaignRoute.obligation(.value(obligation.requireID())).path)
        }
    }

    /// The submissions waiting for review from the units below each unit (the level above reviews), by campaign:
    /// the obligation itself when there is one, else the campaign's list of submitted obligations.
    private func reviews(below units: [Organization], on db: any Database) async throws -> [TodoItem] {
        var waiting: [(unit: Organization, campaign: Int, count: Int, first: Int)] = []
        for unit in units {
            let rows = try await db.sql.raw("""
                SELECT campaign_id AS campaign, COUNT(*) AS n, MIN(id) AS first FROM obligations
                WHERE state = \(bind: ObligationState.submitted.rawValue) AND \(column: "organization_path", in: unit.treePath)
                  AND organization_id <> \(bind: unit.requireID())
                GROUP BY campaign_id ORDER BY campaign_id
                """).all()
            waiting += try rows.map {
                (unit, try $0.decode(column: "campaign", as: Int.self), try $0.decode(column: "n", as: Int.self), try $0.decode(column: "first", as: Int.self))
            }
        }
        guard !waiting.isEmpty else { return [] }
        let campaigns = Dictionary(uniqueKeysWithValues: try await Campaign.query(on: db).filter(\.$id ~~ waiting.map(\.campaign))
            .filter(\.$status == .active).all().map { ($0.requireID(), $0.title) })
        return waiting.compactMap { entry in
            guard let title = campaigns[entry.campaign] else { return nil }
            let link = entry.count == 1 ? CampaignRoute.obligation(.value(entry.first)).path
                : CampaignRoute.obligations(.value(entry.campaign)).path(query: [.unit: entry.unit.requireID(), "status": ObligationStatus.submitted.rawValue])
            let place = "\(entry.unit.name) · \(title)"
            return TodoItem(kind: "campaigns.review", urgency: .thisWeek, count: entry.count,
                            title: LocalizedText(vi: "\(entry.count) nhiệm vụ cấp dưới đã nộp, chờ xem xét",
                                                 en: entry.count == 1 ? "1 obligation submitted from below, awaiting your review"
                                                                      : "\(entry.count) obligations submitted from below, awaiting your review"),
                            detail: LocalizedText(vi: place, en: place), link: link)
        }
    }
}
