import LamTheoCore
import Plot

extension ExemplarShowcase {
    static let title = "Điển hình tiên tiến"

    struct View {
        let model: Model

        func html() -> HTML {
            let site = model.site
            func page(_ number: Int) -> String {
                ExemplarPublicRoute.showcase(.value(site.slug)).path(query: [.campaign: model.campaign, "page": number == 1 ? nil : number])
            }
            return PublicLayout.page(site: site, title: ExemplarShowcase.title,
                                     description: "Những mô hình hay, gương điển hình đã được khen thưởng và nơi đã nhân rộng.",
                                     canonicalPath: page(model.page), content: .group(
                .h1(.text(ExemplarShowcase.title)),
                .if(!model.campaigns.isEmpty, filter),
                .if(model.entries.isEmpty, .p(.text("Chưa có điển hình nào được khen thưởng."))),
                entries,
                .nav(.class("pager"), .ariaLabel("Trang"),
                     .if(model.page > 1, .a(.href(page(model.page - 1)), .attribute(named: "rel", value: "prev"), .text("← Mới hơn"))),
                     .if(model.hasMore, .a(.href(page(model.page + 1)), .attribute(named: "rel", value: "next"), .text("Cũ hơn →"))))
            ))
        }

        /// The campaign filter: a plain GET form.
        private var filter: Node<HTML.BodyContext> {
            let options = [(value: "", title: "Mọi đợt triển khai và chủ đề")] + model.campaigns.map { (value: String($0.id), title: $0.title) }
            let chosen = model.campaign.map(String.init)
            return .form(
                .class("search"), .method(.get), .action(ExemplarPublicRoute.showcase(.value(model.site.slug)).path),
                .label(.for("campaign"), .class("visually-hidden"), .text("Đợt triển khai")),
                .select(.id("campaign"), .attribute(named: "name", value: QueryName.campaign.name), .forEach(options) { option in
                    .element(named: "option", nodes: [
                        .attribute(named: "value", value: option.value),
                        .attribute(named: "selected", value: option.value == chosen ? "selected" : nil),
                        .text(option.title),
                    ])
                }),
                .button(.type(.submit), .text("Lọc")))
        }

        private var entries: Node<HTML.BodyContext> {
            .ul(.class("stories"), .forEach(model.entries) { entry in
                .li(.h3(.a(.href(ExemplarPublicRoute.story(.value(model.site.slug), id: .value(entry.id)).path), .text(entry.title))),
                    .p(.class("meta"), .text("\(entry.kind.label.vi) · \(entry.unitName) · khen thưởng ngày \(entry.lastCommendedOn.vietnamese)")),
                    .unwrap(entry.summary) { .p(.text($0)) })
            })
        }
    }

    struct StoryView {
        let story: Story

        func html() -> HTML {
            let site = story.site
            return PublicLayout.page(site: site, title: story.title, description: story.summary,
                                     canonicalPath: ExemplarPublicRoute.story(.value(site.slug), id: .value(story.id)).path, content: .article(
                .class("story"),
                .p(.class("meta"), .a(.href(ExemplarPublicRoute.showcase(.value(site.slug)).path), .text(ExemplarShowcase.title))),
                .h1(.text(story.title)),
                .dl(.dt(.text("Loại")), .dd(.text(story.kind.label.vi)),
                    .dt(.text("Đơn vị")), .dd(.text(story.unitName)),
                    .unwrap(story.theme) { .group(.dt(.text("Chủ đề làm theo")), .dd(.text($0))) }),
                .unwrap(story.summary) { .p(.class("lead"), .text($0)) },
                .if(!story.figures.isEmpty, .group(.h2(.text("Kết quả trước và sau")), ExemplarShow.View.figuresTable(story.figures, .vi))),
                .h2(.text("Khen thưởng")),
                .ul(.forEach(story.commendations) { decision in
                    .li(.strong(.text(decision.form.label.vi)), .text(" · \(decision.grantingName) · Quyết định số \(decision.documentNumber) ngày \(decision.grantedOn.vietnamese)"))
                }),
                .h2(.text("Nơi đã nhân rộng")),
                story.adoptions.isEmpty
                    ? .p(.text("Chưa có đơn vị nào nhân rộng."))
                    : .ul(.forEach(story.adoptions) { spread in
                        .li(.strong(.text(spread.unitName)), .text(" · từ ngày " + spread.adoptedOn.vietnamese), .p(.text(spread.results)),
                            .if(!spread.figures.isEmpty, ExemplarShow.View.figuresTable(spread.figures, .vi)))
                    })
            ))
        }
    }
}
