import LamTheoCore
import Plot

extension MemberIndex {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let members = model.members
            let everyone = LocalizedText(vi: "Đảng viên", en: "Members")(language)
            let title = model.unit.map { LocalizedText(vi: "Đảng viên · \($0.name)", en: "Members · \($0.name)")(language) } ?? everyone
            let nameTitle = LocalizedText(vi: "Họ và tên", en: "Name")(language)
            let cardTitle = LocalizedText(vi: "Số thẻ", en: "Card no.")(language)
            let cellTitle = LocalizedText(vi: "Chi bộ", en: "Cell")(language)
            let statusTitle = LocalizedText(vi: "Tình trạng", en: "Status")(language)
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(title)),
                .form(.class("inline"), .method(.get), .action(MemberRoute.list.path), .attribute(named: "role", value: "search"),
                      .unwrap(model.unit) { .input(.type(.hidden), .name(QueryName.unit.name), .value(String($0.id))) },
                      .div(.label(.for("q"), .text(LocalizedText(vi: "Tìm theo tên (gõ không dấu cũng được) hoặc số thẻ",
                                                                 en: "Search by name (accents optional) or card number")(language))),
                           .input(.id("q"), .name("q"), .type(.search), .value(model.text))),
                      .button(.type(.submit), .text(LocalizedText(vi: "Tìm", en: "Search")(language)))),
                members.items.isEmpty
                    // Past a search's first 1,000 matches a full page may lead to an empty one: it is the end, not a search that found nothing.
                    ? .p(.class("muted"), .text((members.page > 1 ? LocalizedText(vi: "Không còn đảng viên nào ở trang này.", en: "No more members on this page.")
                        : model.text.isEmpty ? LocalizedText(vi: "Không có đảng viên nào.", en: "No members.")
                        : LocalizedText(vi: "Không tìm thấy đảng viên nào khớp “\(model.text)”. Thử tìm theo tên không dấu (nguyen van binh), chỉ tên gọi (binh), hoặc một phần số thẻ.",
                                        en: "No member matches “\(model.text)”. Try the name without accents (nguyen van binh), the given name alone (binh), or a part of the card number."))(language)))
                    : .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                        .thead(.tr(.th(.text(nameTitle)), .th(.text(cardTitle)), .th(.text(cellTitle)), .th(.text(statusTitle)))),
                        .tbody(.forEach(members.items) { member in
                            .tr(.td(.attribute(named: "data-label", value: nameTitle), .a(.href(MemberRoute.show(.value(member.id)).path), .text(member.fullName))),
                                .td(.attribute(named: "data-label", value: cardTitle), .text(member.cardNumber)),
                                .td(.attribute(named: "data-label", value: cellTitle),
                                    .a(.href(OrganizationRoute.show(.value(member.cell.id)).path), .text(member.cell.name)),
                                    .unwrap(member.cellParent) { .span(.class("muted"), .text(" — " + $0)) }),
                                .td(.attribute(named: "data-label", value: statusTitle), .text(member.status.label(language))))
                        }))),
                Pager(members, link: { MemberRoute.list.path(query: ["q": model.text, .unit: model.unit?.id, "page": $0]) }).node(language)
            )
            let crumbs = model.unit == nil ? [] : OrganizationPages.crumbs(model.lineage, current: everyone, language: language)
            return Layout(title: title, crumbs: crumbs, content: content)
        }
    }
}
