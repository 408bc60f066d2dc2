import Fluent
import LamTheoCore
import Plot
import Vapor

/// A campaign's page: how far it has got at a unit (by default the launching unit, or the caller's own),
/// for the subtree and the unit itself, its obligations by status, and every child with the laggards
/// first. Each figure links to the rows it counts; a figure nobody reported reads "chưa báo cáo".
enum CoveragePages {
    static func register(on routes: any RoutesBuilder) {
        routes.get("campaigns", ":id", use: show).requiring(.capability(.read))
        routes.get("campaigns", ":id", "members", use: members).requiring(.capability(.read))
    }

    static func show(request: Request) async throws -> Response {
        let language = request.language
        let db = request.db
        let actor = try request.requireActor()
        let campaign = try await CampaignAPI.requireCampaign(request)
        let unit = try await CampaignAPI.requireUnit(in: campaign, request: request)
        let order = try CoverageAPI.laggingOrder(request)
        let today = CalendarDate.today()
        let subtree = try await CoverageQueries.coverage(of: campaign, at: unit, .subtree, today: today, on: db)
        let own = try await CoverageQueries.coverage(of: campaign, at: unit, .own, today: today, on: db)
        let children = order.sorted(try await CoverageQueries.children(of: unit, in: campaign, today: today, on: db))
        let requirements = try await CampaignQueries.requirements(of: campaign, on: db)
        let document = try await Document.find(campaign.documentId, on: db)
        let lineage = try await OrganizationQueries.lineage(of: unit, readableBy: actor, on: db)
            .filter { campaign.treePath.contains($0.treePath) }
        let id = campaign.requireID()
        let memberLink = { (list: CoverageMemberList) in "/campaigns/\(id)/members?unit=\(unit.requireID())&list=\(list.rawValue)" }
        let obligationLink = { (status: ObligationStatus?) in
            "/campaigns/\(id)/obligations?unit=\(unit.requireID())" + (status.map { "&status=\($0.rawValue)" } ?? "")
        }

        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(campaign.title),
                .unwrap(campaign.topicYear) { .span(.class("badge"), .text(LocalizedText(vi: " Chuyên đề năm \($0)", en: " Topic of \($0)")(language))) },
                .if(campaign.status == .closed, .span(.class("badge closed"), .text(LocalizedText(vi: " Đã kết thúc", en: " Closed")(language))))),
            .dl(.class("facts"),
                .dt(.text(LocalizedText(vi: "Văn bản", en: "Document")(language))),
                .dd(.unwrap(document, { .a(.href("/documents/\(campaign.documentId)"), .text("\($0.symbol) · \($0.title)")) }, else: .text("#\(campaign.documentId)"))),
                .dt(.text(LocalizedText(vi: "Thời gian", en: "Period")(language))), .dd(.text(CampaignPages.period(campaign))),
                .unwrap(campaign.reflectionDueOn.flatMap(CalendarDate.init(parsing:))) { due in .group(
                    .dt(.text(LocalizedText(vi: "Hạn nộp bài thu hoạch", en: "Reflections due")(language))), .dd(.text(due.vietnamese))) },
                .dt(.text(LocalizedText(vi: "Xem tại", en: "Showing")(language))),
                .dd(.forEach(lineage.enumerated().map { $0 }) { index, step in
                    .group(.if(index > 0, .text(" › ")),
                           step.id == unit.id ? .strong(.text(step.name)) : .a(.href("/campaigns/\(id)?unit=\(step.requireID())"), .text(step.name)))
                })),
            .h2(.text(LocalizedText(vi: "Toàn đảng bộ \(unit.name)", en: "\(unit.name) and everything under it")(language))),
            figures(subtree, memberLink: memberLink, language: language),
            obligationTable(subtree.obligations, link: obligationLink, language: language),
            .if(own.members > 0 || own.obligations.total > 0 || own.sessionsHeld > 0, .group(
                .h2(.text(LocalizedText(vi: "Của riêng \(unit.name)", en: "\(unit.name) itself")(language))),
                .if(own.members > 0 || own.sessionsHeld > 0, figures(own, memberLink: nil, language: language)),
                .ul(.forEach(try await ownObligations(campaign, unit: unit, today: today, on: db)) { row in
                    .li(.a(.href("/obligations/\(row.obligation.requireID())"), .text(row.requirementTitle)),
                        .text(" · " + CampaignPages.dueText(row.obligation) + " · " + CampaignPages.statusText(row.obligation, today: today, language: language)))
                }))),
            .if(!children.isEmpty, childTable(children, campaign: campaign, unit: unit, order: order, language: language)),
            .h2(.text(LocalizedText(vi: "Yêu cầu đối với các cấp", en: "What each level must do")(language))),
            requirements.isEmpty
                ? .p(.class("muted"), .text(LocalizedText(vi: "Không giao nhiệm vụ cho cấp dưới.", en: "No obligations for the units below.")(language)))
                : .ul(.forEach(requirements) { requirement in
                    .li(.text("\(requirement.title) · " + LocalizedText(vi: "hạn ", en: "due ")(language)
                              + (CalendarDate(parsing: requirement.dueOn)?.vietnamese ?? requirement.dueOn)))
                }),
            .if(campaign.status == .active && actor.can(.edit, at: campaign.treePath),
                FormFields(request).postButton("/campaigns/\(id)/close", LocalizedText(vi: "Kết thúc đợt triển khai", en: "Close the campaign")))
        )
        return Layout(title: campaign.title, crumbs: [Crumb(title: LocalizedText(vi: "Đợt triển khai", en: "Campaigns")(language), url: "/campaigns"),
                                                      Crumb(title: unit.name, url: nil)],
                      content: content).response(for: request)
    }

    static func members(request: Request) async throws -> Response {
        let language = request.language
        let campaign = try await CampaignAPI.requireCampaign(request)
        let unit = try await CampaignAPI.requireUnit(in: campaign, request: request)
        let list = try CoverageAPI.memberList(request)
        let paging = try Paging(request)
        let coverage = try await CoverageQueries.coverage(of: campaign, at: unit, .subtree, today: CalendarDate.today(), on: request.db)
        let page = try await CoverageQueries.members(list, of: campaign, within: unit, total: list.count(in: coverage),
                                                     page: paging.page, perPage: paging.perPage, on: request.db)
        let cells = try await MemberQueries.cellNames(for: page.items, on: request.db)
        let nameTitle = LocalizedText(vi: "Họ và tên", en: "Name")(language)
        let cellTitle = LocalizedText(vi: "Chi bộ", en: "Cell")(language)
        let heading = "\(list.label(language)) · \(unit.name)"
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(heading)),
            .p(.a(.href("/campaigns/\(campaign.requireID())?unit=\(unit.requireID())"), .text(campaign.title))),
            page.items.isEmpty
                ? .p(.class("muted"), .text(LocalizedText(vi: "Không có đảng viên nào.", en: "No members.")(language)))
                : .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                    .thead(.tr(.th(.text(nameTitle)), .th(.text(cellTitle)))),
                    .tbody(.forEach(page.items) { member in
                        .tr(.td(.attribute(named: "data-label", value: nameTitle), .a(.href("/members/\(member.requireID())"), .text(member.fullName))),
                            .td(.attribute(named: "data-label", value: cellTitle), .text(cells[member.organizationId] ?? "")))
                    }))),
            Pager(page: page.page, pageCount: page.pageCount, total: page.total, link: {
                "/campaigns/\(campaign.requireID())/members?unit=\(unit.requireID())&list=\(list.rawValue)&page=\($0)"
            }).node(language)
        )
        return Layout(title: heading, crumbs: [Crumb(title: LocalizedText(vi: "Đợt triển khai", en: "Campaigns")(language), url: "/campaigns"),
                                               Crumb(title: campaign.title, url: "/campaigns/\(campaign.requireID())?unit=\(unit.requireID())")],
                      content: content).response(for: request)
    }

    // MARK: Pieces

    private static func figures(_ coverage: Coverage, memberLink: ((CoverageMemberList) -> String)?, language: UILanguage) -> Node<HTML.BodyContext> {
        let reporting = LocalizedText(vi: "\(VietnameseFormat.integer(coverage.reportingUnits))/\(VietnameseFormat.integer(coverage.unitsWithMembers)) chi bộ đã báo cáo",
                                      en: "\(coverage.reportingUnits) of \(coverage.unitsWithMembers) cells reported")(language)
        return .div(.class("figures"),
            figureTile(LocalizedText(vi: "Đảng viên", en: "Members"), VietnameseFormat.integer(coverage.members), link: nil, note: reporting, language: language),
            figureTile(LocalizedText(vi: "Đã học tập", en: "Studied"), coverage.studied.text(language),
                       link: coverage.studied.isReported ? memberLink?(.studied) : nil, language: language),
            .unwrap(memberLink.flatMap { link in coverage.studied.isReported ? link(.notStudied) : nil }) {
                .div(.class("figure"), .a(.href($0), .text(LocalizedText(vi: "Ai chưa học tập?", en: "Who has not studied?")(language))))
            },
            figureTile(LocalizedText(vi: "Đã nộp bài thu hoạch", en: "Reflections submitted"), coverage.reflectionsSubmitted.text(language),
                       link: coverage.reflectionsSubmitted.isReported ? memberLink?(.reflected) : nil, language: language),
            figureTile(LocalizedText(vi: "Bài thu hoạch đạt", en: "Reflections accepted"), coverage.reflectionsAccepted.text(language),
                       link: coverage.reflectionsAccepted.isReported ? memberLink?(.accepted) : nil, language: language),
            figureTile(LocalizedText(vi: "Buổi học tập đã tổ chức", en: "Study sessions held"),
                       coverage.reportingUnits == 0 && coverage.sessionsHeld == 0 ? CoverageFigure.notReported(language) : VietnameseFormat.integer(coverage.sessionsHeld),
                       link: nil, language: language))
    }

    private static func obligationTable(_ tally: ObligationTally, link: (ObligationStatus?) -> String, language: UILanguage) -> Node<HTML.BodyContext> {
        guard tally.total > 0 else {
            return .p(.class("muted"), .text(LocalizedText(vi: "Không có nhiệm vụ nào của cấp dưới.", en: "No obligations below.")(language)))
        }
        return .group(
            .h2(.text(LocalizedText(vi: "Nhiệm vụ của các đơn vị", en: "Units' obligations")(language))),
            .div(.class("figures"),
                 figureTile(LocalizedText(vi: "Hoàn thành", en: "Met"), tally.done.text(language), link: link(.accepted), language: language),
                 .forEach(ObligationStatus.counted.filter { $0 != .accepted && tally[$0] > 0 }) { status in
                     figureTile(status.label, VietnameseFormat.integer(tally[status]), link: link(status),
                                note: status == .late ? LocalizedText(vi: "chậm nhất \(tally.maxDaysLate) ngày", en: "up to \(tally.maxDaysLate) days")(language) : nil,
                                language: language)
                 },
                 figureTile(LocalizedText(vi: "Tất cả", en: "All"), VietnameseFormat.integer(tally.total), link: link(nil), language: language)))
    }

    private static func childTable(_ children: [ChildCoverage], campaign: Campaign, unit: Organization, order: LaggingOrder,
                                   language: UILanguage) -> Node<HTML.BodyContext> {
        let id = campaign.requireID()
        let columns: [(LaggingOrder?, String)] = [
            (nil, LocalizedText(vi: "Đơn vị", en: "Unit")(language)),
            (.studied, LocalizedText(vi: "Học tập", en: "Studied")(language)),
            (.reflected, LocalizedText(vi: "Bài thu hoạch", en: "Reflections")(language)),
            (.accepted, LocalizedText(vi: "Bài đạt", en: "Accepted")(language)),
            (.obligationsDone, LocalizedText(vi: "Nhiệm vụ hoàn thành", en: "Obligations met")(language)),
            (.late, LocalizedText(vi: "Trễ hạn", en: "Late")(language)),
            (.daysLate, LocalizedText(vi: "Chậm nhất (ngày)", en: "Most days late")(language)),
        ]
        return .group(
            .h2(.text(LocalizedText(vi: "Đơn vị trực thuộc — chậm nhất trước, theo “\(order.label.vi.lowercased())”",
                                    en: "Units under it — furthest behind first, by “\(order.label.en.lowercased())”")(language))),
            .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                .thead(.tr(.forEach(columns) { column, title in
                    .th(.unwrap(column, { sort in
                        sort == order ? .strong(.text(title + " ▲")) : .a(.href("/campaigns/\(id)?unit=\(unit.requireID())&sort=\(sort.rawValue)"), .text(title))
                    }, else: .text(title)))
                })),
                .tbody(.forEach(children) { child in
                    let coverage = child.coverage
                    let childId = child.organization.requireID()
                    return .tr(
                        .td(.attribute(named: "data-label", value: columns[0].1), .a(.href("/campaigns/\(id)?unit=\(childId)"), .text(child.organization.name))),
                        .td(.attribute(named: "data-label", value: columns[1].1), .text(coverage.studied.text(language))),
                        .td(.attribute(named: "data-label", value: columns[2].1), .text(coverage.reflectionsSubmitted.text(language))),
                        .td(.attribute(named: "data-label", value: columns[3].1), .text(coverage.reflectionsAccepted.text(language))),
                        .td(.attribute(named: "data-label", value: columns[4].1), .text(coverage.obligations.done.text(language))),
                        .td(.class("num"), .attribute(named: "data-label", value: columns[5].1),
                            .unwrap(coverage.obligations[.late] > 0 ? coverage.obligations[.late] : nil, { late in
                                .a(.href("/campaigns/\(id)/obligations?unit=\(childId)&status=late"), .text(VietnameseFormat.integer(late)))
                            }, else: .text("0"))),
                        .td(.class("num"), .attribute(named: "data-label", value: columns[6].1), .text(VietnameseFormat.integer(coverage.obligations.maxDaysLate))))
                })))
        )
    }

    private static func ownObligations(_ campaign: Campaign, unit: Organization, today: CalendarDate, on db: any Database) async throws -> [CampaignQueries.ObligationRow] {
        let obligations = try await Obligation.query(on: db).filter(\.$campaignId == campaign.requireID())
            .filter(\.$organizationId == unit.requireID()).sort(\.$dueOn).all()
        let requirements = Dictionary(uniqueKeysWithValues: try await CampaignQueries.requirements(of: campaign, on: db).map { ($0.requireID(), $0.title) })
        return obligations.map { CampaignQueries.ObligationRow(obligation: $0, unitName: unit.name, requirementTitle: requirements[$0.requirementId] ?? "") }
    }
}
