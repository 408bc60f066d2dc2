import Fluent
import LamTheoCore
import SQLKit

extension ExemplarShowcase {
    enum Query {
        private struct Row: Decodable {
            let id: Int
            let title: String
            let kind: ExemplarKind
            let organization_id: Int
            let summary: String?
            let last_commended_on: CalendarDate
        }

        private struct CampaignRow: Decodable {
            let id: Int
            let title: String
        }

        /// A page of the site's commended exemplars, the latest commended first, of one campaign when `campaign` is set.
        static func run(site: PublicSite, campaign: Int?, page: Int, on db: any Database) async throws -> Model {
            let byCampaign: SQLQueryString = campaign.map { "AND e.campaign_id = \(bind: $0)" } ?? ""
            // One more than a page says whether there is a next one.
            let rows = try await db.sql.raw("""
                SELECT e.id, e.title, e.kind, e.organization_id, e.summary, MAX(c.granted_on) AS last_commended_on
                FROM exemplars e JOIN commendations c ON c.exemplar_id = e.id
                WHERE \(column: "e.organization_path", in: site.organizationPath) \(byCampaign)
                GROUP BY e.id, e.title, e.kind, e.organization_id, e.summary
                ORDER BY last_commended_on DESC, e.id DESC
                LIMIT \(bind: perPage + 1) OFFSET \(bind: (page - 1) * perPage)
                """).all(decoding: Row.self)
            let shown = rows.prefix(perPage)
            let names = try await OrganizationQueries.names(shown.map(\.organization_id), on: db)
            let campaigns = try await db.sql.raw("""
                SELECT DISTINCT k.id, k.title FROM campaigns k JOIN exemplars e ON e.campaign_id = k.id
                WHERE \(column: "e.organization_path", in: site.organizationPath)
                  AND EXISTS (SELECT 1 FROM commendations c WHERE c.exemplar_id = e.id)
                ORDER BY k.title
                """).all(decoding: CampaignRow.self)
            return Model(site: site, campaign: campaign, campaigns: campaigns.map { ExemplarShow.Choice(id: $0.id, title: $0.title) }, page: page,
                         entries: shown.map {
                             Entry(id: $0.id, title: $0.title, kind: $0.kind, unitName: names[$0.organization_id] ?? "", summary: $0.summary,
                                   lastCommendedOn: $0.last_commended_on)
                         },
                         hasMore: rows.count > perPage)
        }

        /// The story of a commended exemplar of the site's subtree; any other is not found, whatever the reason.
        static func story(_ id: Int, site: PublicSite, on db: any Database) async throws -> Story {
            let notFound = DomainError.notFound(LocalizedText(vi: "Không tìm thấy điển hình", en: "Exemplar not found"))
            guard let exemplar = try await Exemplar.find(id, on: db), site.organizationPath.contains(exemplar.treePath) else { throw notFound }
            let detail = try await ExemplarQueries.detail(exemplar, on: db)
            guard !detail.commendations.isEmpty else { throw notFound }
            return Story(site: site, id: id, title: exemplar.title, kind: exemplar.kind, unitName: detail.unitName,
                         theme: detail.campaignTitle ?? exemplar.topic, summary: exemplar.summary,
                         figures: detail.figures.map(ExemplarShow.Model.Figure.init),
                         commendations: detail.commendations.map(ExemplarShow.Model.Decision.init),
                         adoptions: detail.adoptions.map(ExemplarShow.Model.Spread.init))
        }
    }
}
