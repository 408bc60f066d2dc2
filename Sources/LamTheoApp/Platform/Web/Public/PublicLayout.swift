import LamTheoCore
import NIOConcurrencyHelpers
import Plot

/// The frame of a committee's public site, apart from the members' app: the site's masthead in the Party's red, a
/// simple bar of links, the page, and a footer with the committee's address line. No app menu and no session chrome
/// beyond a discreet "Đăng nhập". Vietnamese, phone first, printable; each page names itself to search engines and
/// social networks (title, description, canonical address, Open Graph and Twitter tags).
enum PublicLayout {
    /// The address people reach LamTheo at (`Application.publicAddress`), which canonical and Open Graph addresses start
    /// with; set by `configure`, kept for the process like the navigation.
    static var origin: String {
        get { configuredOrigin.withLockedValue { $0 } }
        set { configuredOrigin.withLockedValue { $0 = newValue } }
    }

    private static let configuredOrigin = NIOLockedValueBox("http://127.0.0.1:8080")

    /// A public page.
    /// - Parameters:
    ///   - title: the page's own title; the site's title follows it in the browser's title (the home page gives the
    ///     site's title alone).
    ///   - description: one or two sentences for search results and link previews; the site's tagline if nil.
    ///   - canonicalPath: the page's one address (`/site/ben-thanh/articles/12`), made absolute.
    static func page(site: PublicSite, title: String, description: String?, canonicalPath: String,
                     content: Node<HTML.BodyContext>) -> HTML {
        let fullTitle = title == site.title ? site.title : "\(title) · \(site.title)"
        let summary = description ?? site.tagline ?? site.title
        let address = origin + canonicalPath
        let feeds = PublicNavigation.entries(.feed)
        return HTML(
            .lang(.vietnamese),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title(fullTitle),
                .meta(.name("description"), .content(summary)),
                .link(.rel(.canonical), .href(address)),
                .meta(.property("og:type"), .content("website")),
                .meta(.property("og:site_name"), .content(site.title)),
                .meta(.property("og:locale"), .content("vi_VN")),
                .meta(.property("og:title"), .content(title)),
                .meta(.property("og:description"), .content(summary)),
                .meta(.property("og:url"), .content(address)),
                .meta(.name("twitter:card"), .content("summary")),
                .meta(.name("twitter:title"), .content(title)),
                .meta(.name("twitter:description"), .content(summary)),
                .forEach(feeds) { feed in
                    .link(.rel(.alternate), .type("application/atom+xml"), .attribute(named: "title", value: feed.title.vi), .href(feed.link(site)))
                },
                .link(.rel(.stylesheet), .href(PublicRoute.stylesheet.path))
            ),
            .body(
                .class("public"),
                .a(.class("skip"), .href("#main"), .text("Bỏ qua, đến nội dung")),
                .header(
                    .class("masthead"),
                    .div(.class("wrap"),
                         .p(.class("party"), .text("Đảng Cộng sản Việt Nam")),
                         .a(.class("site-title"), .href(site.homePath), .text(site.title)),
                         .unwrap(site.tagline) { .p(.class("tagline"), .text($0)) })
                ),
                .nav(
                    .class("site-nav"), .ariaLabel("Chuyên mục"),
                    .ul(.class("wrap"),
                        .li(.a(.href(site.homePath), .text("Trang chủ"))),
                        .forEach(PublicNavigation.entries(.menu)) { entry in .li(.a(.href(entry.link(site)), .text(entry.title.vi))) })
                ),
                .main(.id("main"), .class("wrap"), content),
                .footer(
                    .class("site-footer"),
                    .div(.class("wrap"),
                         .p(.strong(.text(site.title))),
                         .unwrap(site.addressLine) { .p(.text($0)) },
                         .p(.class("footer-links"),
                            .forEach(feeds + PublicNavigation.entries(.footer)) { entry in .a(.href(entry.link(site)), .text(entry.title.vi)) }))
                )
            )
        )
    }
}
