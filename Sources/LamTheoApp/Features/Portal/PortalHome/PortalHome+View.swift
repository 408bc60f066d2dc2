import Plot

extension PortalHome {
    struct View {
        let model: Model

        func html() -> HTML {
            let site = model.site
            return PublicLayout.page(site: site, title: site.title, description: site.tagline, canonicalPath: site.homePath, content: .group(
                .h1(.class("visually-hidden"), .text(site.title)),
                PublicPieces.searchForm(site, query: nil),
                .if(model.sections.isEmpty, .p(.class("meta"), .text("Chưa có tin bài."))),
                .forEach(model.sections) { section in
                    .section(
                        .h2(.a(.href(PublicArticleRoute.category(.value(site.slug), category: .value(section.category.rawValue)).path),
                               .text(section.category.label.vi))),
                        PublicPieces.stories(section.articles, site: site, columns: true))
                }
            ))
        }
    }
}
