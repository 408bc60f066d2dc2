import LamTheoCore
import Plot

extension CoverageMembers {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let members = model.members
            let campaignLink = CoverageRoute.campaign(.value(model.campaign.id)).path(query: [.unit: model.unit.id])
            let nameTitle = LocalizedText(vi: "Họ và tên", en: "Name")(language)
            let cellTitle = LocalizedText(vi: "Chi bộ", en: "Cell")(language)
            let heading = "\(model.list.label(language)) · \(model.unit.name)"
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(heading)),
                .p(.a(.href(campaignLink), .text(model.campaign.title))),
                .if(!members.items.isEmpty, .p(.a(.class("button secondary"),
                    .href(CoverageRoute.membersSheet(campaign: .value(model.campaign.id)).path(query: [.unit: model.unit.id, "list": model.list.rawValue])),
                    .text(LocalizedText(vi: "Tải danh sách (Excel, \(members.total) đảng viên)",
                                        en: "Download the list (Excel, \(members.total) members)")(language))))),
                members.items.isEmpty
                    ? .p(.class("muted"), .text(LocalizedText(vi: "Không có đảng viên nào.", en: "No members.")(language)))
                    : .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                        .thead(.tr(.th(.text(nameTitle)), .th(.text(cellTitle)))),
                        .tbody(.forEach(members.items) { member in
                            .tr(.td(.attribute(named: "data-label", value: nameTitle), .a(.href(MemberRoute.show(.value(member.id)).path), .text(member.fullName))),
                                .td(.attribute(named: "data-label", value: cellTitle), .text(member.cell.name)))
                        }))),
                Pager(page: members.page, pageCount: members.pageCount, total: members.total, link: {
                    CoverageRoute.members(campaign: .value(model.campaign.id)).path(query: [.unit: model.unit.id, "list": model.list.rawValue, "page": $0])
                }).node(language)
            )
            return Layout(title: heading, crumbs: [Crumb(title: LocalizedText(vi: "Đợt triển khai", en: "Campaigns")(language), url: CampaignRoute.list.path),
                                                   Crumb(title: model.campaign.title, url: campaignLink)],
                          content: content)
        }
    }
}
