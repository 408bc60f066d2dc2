import LamTheoCore
import Plot

extension OrganizationAsOf {
    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let date = model.date
            let heading = LocalizedText(vi: "Cơ cấu ngày \(date.vietnamese)", en: "Structure on \(date.vietnamese)")(language)
            let content: Node<HTML.BodyContext>
            if let then = model.then {
                content = .group(
                    .h1(.text(then.name)),
                    .p(.class("notice"), .text(heading)),
                    .p(.text(LocalizedText(vi: "Trực thuộc: ", en: "Under: ")(language) + (then.lineage.joined(separator: " › ").nonEmpty ?? "—"))),
                    .h2(.text(LocalizedText(vi: "Tổ chức trực thuộc khi đó", en: "Units under it then")(language))),
                    .ul(.forEach(then.children) { child in
                        .li(.a(.href(OrganizationRoute.show(.value(child.id)).path(query: ["asOf": date.iso])), .text(child.name)))
                    }),
                    .p(.a(.href(OrganizationRoute.show(.value(model.unit.id)).path),
                          .text(LocalizedText(vi: "Về cơ cấu hiện nay", en: "Back to today's structure")(language))))
                )
            } else {
                content = .group(.h1(.text(model.unit.name)), .p(.class("notice"), .text(heading)),
                                 .p(.text(LocalizedText(vi: "Đơn vị chưa tồn tại hoặc đã đóng vào ngày này.", en: "The unit did not exist on that date.")(language))))
            }
            return Layout(title: heading, content: content)
        }
    }
}
