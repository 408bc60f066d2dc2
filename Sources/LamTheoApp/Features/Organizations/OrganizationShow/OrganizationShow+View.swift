import LamTheoCore
import Plot

extension OrganizationShow {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let content: Node<HTML.BodyContext> = .group(
                .h1(.text(model.unit.name), .if(!model.isActive, .span(.class("badge closed"), .text(" " + model.status.label(language))))),
                facts(language),
                figures(language),
                .if(model.isActive, actions(language)),
                .if(!model.holdsMembers, .group(
                    .h2(.text(LocalizedText(vi: "Tổ chức trực thuộc", en: "Units under it")(language))),
                    UnitRow.table(model.children, language: language),
                    .p(.a(.href(OrganizationRoute.show(.value(model.unit.id)).path(query: ["closed": true])),
                          .text(LocalizedText(vi: "Hiện cả đơn vị đã đóng", en: "Show closed units too")(language))))
                )),
                .h2(.text(LocalizedText(vi: "Lịch sử", en: "History")(language))),
                historyTable(language),
                asOfForm(language),
                AuditPages.historySection(model.changes, language: language)
            )
            return Layout(title: model.unit.name, crumbs: OrganizationPages.crumbs(model.lineage, current: model.unit.name, language: language),
                          content: content)
        }

        private func facts(_ language: UILanguage) -> Node<HTML.BodyContext> {
            let closedOn: Node<HTML.DescriptionListContext> = .unwrap(model.validTo) { closed in .group(
                .dt(.text(LocalizedText(vi: "Ngày đóng", en: "Closed on")(language))),
                .dd(.text(closed.vietnamese))) }
            let merged: Node<HTML.DescriptionListContext> = .unwrap(model.mergedInto) { target in .group(
                .dt(.text(LocalizedText(vi: "Hợp nhất vào", en: "Merged into")(language))),
                .dd(.a(.href(OrganizationRoute.show(.value(target.id)).path), .text(target.name)))) }
            return .dl(.class("facts"),
                       .dt(.text(Labels.code(language))), .dd(.text(model.code)),
                       .dt(.text(Labels.kind(language))), .dd(.text(model.kind(language))),
                       .dt(.text(Labels.validFrom(language))), .dd(.text(model.validFrom.vietnamese)),
                       closedOn, merged)
        }

        private func figures(_ language: UILanguage) -> Node<HTML.BodyContext> {
            let numbers = NumberFormat(language)
            // A cell's members are its own roll; a committee's are those of everything under it.
            let membersTitle = model.holdsMembers ? LocalizedText(vi: "Đảng viên của chi bộ", en: "Members on its roll")
                : LocalizedText(vi: "Đảng viên toàn đảng bộ", en: "Members in subtree")
            let members = figureTile(membersTitle, numbers.integer(model.subtreeMembers),
                                     link: MemberRoute.list.path(query: [.unit: model.unit.id]), language: language)
            let units = figureTile(LocalizedText(vi: "Tổ chức trực thuộc", en: "Units directly under"), numbers.integer(model.childCount),
                                   link: nil, language: language)
            return .div(.class("figures"), members, .if(!model.holdsMembers, units))
        }

        /// What the reader may do here: anyone studies; an editor adds and edits; a manager also restructures.
        private func actions(_ language: UILanguage) -> Node<HTML.BodyContext> {
            let id = model.unit.id
            let add: Node<HTML.BodyContext> = model.holdsMembers
                ? .a(.class("button"), .href(MemberRoute.new.path(query: [.unit: id])), .text(LocalizedText(vi: "Thêm đảng viên", en: "Add a member")(language)))
                : .a(.class("button"), .href(OrganizationRoute.new.path(query: ["parent": id])),
                     .text(LocalizedText(vi: "Thêm tổ chức trực thuộc", en: "Add a unit under it")(language)))
            let changes: [(route: OrganizationRoute, title: LocalizedText, shown: Bool)] = [
                (.edit(.value(id)), LocalizedText(vi: "Sửa", en: "Edit"), model.canEdit),
                (.move(.value(id)), LocalizedText(vi: "Chuyển trực thuộc", en: "Move"), model.canRestructure),
                (.merge(.value(id)), LocalizedText(vi: "Hợp nhất", en: "Merge"), model.canRestructure),
                (.dissolve(.value(id)), LocalizedText(vi: "Giải thể", en: "Dissolve"), model.canRestructure),
            ]
            let study: Node<HTML.BodyContext> = .a(.class("button secondary"), .href(StudyRoute.sessions.path(query: [.unit: id])),
                                                   .text(LocalizedText(vi: "Học tập", en: "Study")(language)))
            return .div(.class("actions"), .if(model.canEdit, add), study, .forEach(changes.filter(\.shown)) { change in
                .a(.class("button secondary"), .href(change.route.path), .text(change.title(language)))
            })
        }

        private func asOfForm(_ language: UILanguage) -> Node<HTML.BodyContext> {
            .form(.class("inline"), .method(.get), .action(OrganizationRoute.show(.value(model.unit.id)).path),
                  .div(.label(.for("asOf"), .text(LocalizedText(vi: "Xem cơ cấu tại ngày", en: "See the structure on")(language))),
                       .input(.id("asOf"), .name("asOf"), .type(.text), .placeholder("dd/mm/yyyy"))),
                  .button(.type(.submit), .class("secondary"), .text(LocalizedText(vi: "Xem", en: "Show")(language))))
        }

        private func historyTable(_ language: UILanguage) -> Node<HTML.BodyContext> {
            .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(
                .thead(.tr(.th(.text(LocalizedText(vi: "Từ ngày", en: "From")(language))), .th(.text(LocalizedText(vi: "Thay đổi", en: "Change")(language))),
                           .th(.text(Labels.name(language))), .th(.text(LocalizedText(vi: "Ghi chú", en: "Note")(language))))),
                .tbody(.forEach(model.versions) { version in
                    .tr(.td(.text(version.validFrom.vietnamese)),
                        .td(.text(version.change.label(language))),
                        .td(.text("\(version.name) (\(version.code), \(version.kind(language)))")),
                        .td(.text(version.note ?? "")))
                })
            ))
        }
    }
}
