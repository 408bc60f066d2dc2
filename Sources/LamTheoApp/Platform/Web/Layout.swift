import LamTheoCore
import NIOConcurrencyHelpers
import Plot
import Vapor

/// The pages the frame and Platform's redirects point at, which features own. Built once at start-up
/// (`routes(_:)` in configure.swift) so that Platform names no feature.
struct SiteNavigation: Sendable {
    /// Where a browser without a session is sent (with `next`), and the sign-out form's action.
    let signIn: any SiteRoute
    let signOut: any SiteRoute
    /// The start page: the first whose policy admits the caller; the sign-in page for anyone else.
    let start: [(for: Policy, route: any SiteRoute)]
    /// The main menu, in order: an entry is shown to the callers its policy admits.
    let menu: [MenuEntry]
    private let drawnMenus = DrawnMenus()

    init(signIn: any SiteRoute, signOut: any SiteRoute, start: [(for: Policy, route: any SiteRoute)], menu: [MenuEntry]) {
        self.signIn = signIn
        self.signOut = signOut
        self.start = start
        self.menu = menu
    }

    func startPage(for actor: Actor?) -> any SiteRoute {
        start.first { entry in actor.map(entry.for.admits) ?? false }?.route ?? signIn
    }

    /// The menu's links for `actor`, as drawn once for each language and set of entries shown: a few variants, the same on
    /// every page (drawing them was a fifth of a kept dashboard page's frame).
    func menuLinks(for actor: Actor?, _ language: UILanguage) -> Node<HTML.BodyContext> {
        let shown = menu.indices.filter { menu[$0].isShown(to: actor) }
        return drawnMenus.drawing(DrawnMenus.Key(language: language, shown: shown)) {
            RenderedHTML(.forEach(shown) { index in .a(.href(menu[index].route.path), .text(menu[index].title(language))) })
        }.node
    }
}

/// The menus as drawn, by language and entries shown.
private final class DrawnMenus: Sendable {
    struct Key: Hashable {
        let language: UILanguage
        let shown: [Int]
    }

    /// Far more than the roles' combinations; past it a menu is drawn for its page and not kept.
    private static let capacity = 256
    private let drawings = NIOLockedValueBox<[Key: RenderedHTML]>([:])

    func drawing(_ key: Key, draw: () -> RenderedHTML) -> RenderedHTML {
        if let drawn = drawings.withLockedValue({ $0[key] }) { return drawn }
        let drawn = draw()
        drawings.withLockedValue { if $0.count < Self.capacity { $0[key] = drawn } }
        return drawn
    }
}

/// A page the menu or the start page leads to, and who it is for (the policy of the route it opens).
struct MenuEntry: Sendable {
    let title: LocalizedText
    let route: any SiteRoute
    let shownTo: Policy

    init(_ route: any SiteRoute, _ title: LocalizedText, shownTo: Policy) {
        self.route = route
        self.title = title
        self.shownTo = shownTo
    }

    func isShown(to actor: Actor?) -> Bool {
        actor.map(shownTo.admits) ?? (shownTo == .everyone)
    }
}

extension Application {
    /// The site's navigation, set by `configure`. Kept for the process, not in the application's storage:
    /// Vapor clears that at shutdown, and a request still being answered then must not end the process.
    /// The same code sets the same navigation for every application a test starts.
    var navigation: SiteNavigation {
        get {
            guard let navigation = Self.siteNavigation.withLockedValue({ $0 }) else { preconditionFailure("configure(_:) sets the site navigation") }
            return navigation
        }
        set { Self.siteNavigation.withLockedValue { $0 = newValue } }
    }

    private static let siteNavigation = NIOLockedValueBox<SiteNavigation?>(nil)
}

/// One link in the trail above a page's title.
struct Crumb: Sendable {
    let title: String
    let url: String?
}

/// The frame every HTML page shares: header with the language switch, breadcrumbs, the page's own
/// content. Pages build their body with Plot and hand it here.
struct Layout {
    let title: String
    var crumbs: [Crumb] = []
    let content: Node<HTML.BodyContext>
    /// The content as already drawn (a kept page), set in the frame as it is.
    private var drawnContent: RenderedHTML?

    init(title: String, crumbs: [Crumb] = [], content: Node<HTML.BodyContext>) {
        self.title = title
        self.crumbs = crumbs
        self.content = content
    }

    init(title: String, crumbs: [Crumb], drawn: RenderedHTML) {
        self.init(title: title, crumbs: crumbs, content: .empty)
        drawnContent = drawn
    }

    /// - Parameters:
    ///   - actor: the signed-in user, whose name and sign-out button the header shows.
    ///   - csrfToken: for the sign-out form.
    ///   - flash: what the form that led here did ("Đã lưu…"), shown once above the content.
    ///   - badge: a link the header shows beside the menu with a count (the inbox), when a feature set one.
    func render(language: UILanguage, path: String, actor: Actor?, csrfToken: String, navigation: SiteNavigation, flash: LocalizedText? = nil,
                badge: HeaderBadge? = nil) -> String {
        draw(language: language, path: path, actor: actor, csrfToken: csrfToken, navigation: navigation, flash: flash, badge: badge).text
    }

    /// The frame and the content, drawn apart: drawn inside the frame, Plot copies the content into each enclosing element
    /// as that closes (a dashboard's 100 KB, four times).
    private func draw(language: UILanguage, path: String, actor: Actor?, csrfToken: String, navigation: SiteNavigation, flash: LocalizedText?,
                      badge: HeaderBadge?) -> DrawnPage {
        let other: UILanguage = language == .vi ? .en : .vi
        let html = HTML(
            .lang(language == .vi ? .vietnamese : .english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · LamTheo"),
                .link(.rel(.stylesheet), .href(PlatformRoute.stylesheet.path))
            ),
            .body(
                .header(
                    .class("site"),
                    .a(.class("brand"), .href(PlatformRoute.home.path), .text("LamTheo")),
                    // Outside the menu, so that a phone shows it without opening the menu.
                    .unwrap(badge) { $0.node(language) },
                    // On a phone the signed-in menu folds behind one button: the <details> before it (the CSP allows
                    // no script) whose open state the stylesheet follows; its summary tells assistive technology
                    // whether the menu is expanded. On a wide screen the button goes and the menu is a row.
                    .if(actor != nil, .element(named: "details", nodes: [.class("menu"), .element(named: "summary", text: "Menu")])),
                    .nav(
                        .ariaLabel(LocalizedText(vi: "Điều hướng chính", en: "Main navigation")(language)),
                        navigation.menuLinks(for: actor, language),
                        .a(.class("lang"), .href(PlatformRoute.language(.value(other.rawValue)).path(query: ["back": path])),
                           .attribute(named: "hreflang", value: other.rawValue),
                           .text(other == .en ? "English" : "Tiếng Việt")),
                        .unwrap(actor, { actor in
                            .form(.class("signout"), .method(.post), .action(navigation.signOut.path),
                                  .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                                  .button(.type(.submit), .title(actor.displayName),
                                          .text(LocalizedText(vi: "Đăng xuất", en: "Sign out")(language) + " (\(actor.username))")))
                        }, else: .a(.href(navigation.signIn.path), .text(LocalizedText(vi: "Đăng nhập", en: "Sign in")(language))))
                    )
                ),
                .if(!crumbs.isEmpty, .nav(
                    .class("crumbs"),
                    .ariaLabel(LocalizedText(vi: "Vị trí", en: "Breadcrumbs")(language)),
                    .ol(.forEach(crumbs) { crumb in
                        .li(.unwrap(crumb.url, { .a(.href($0), .text(crumb.title)) }, else: .span(.attribute(named: "aria-current", value: "page"), .text(crumb.title))))
                    })
                )),
                .main(.id("main"),
                      .unwrap(flash) { .p(.class("flash"), .attribute(named: "role", value: "status"), .text($0(language))) },
                      .text(String(decoding: DrawnPage.mark, as: UTF8.self)))
            )
        )
        return DrawnPage(frame: Array(html.render().utf8), content: drawnContent?.html ?? content.render())
    }

    /// A page as drawn: the frame with a mark at the content's place, and the content.
    private struct DrawnPage {
        static let mark = Array("lamtheo-content-place".utf8)

        let frame: [UInt8]
        let content: String
        /// The last mark, the real one: nothing a user writes comes after the content.
        let place: Range<Int>

        init(frame: [UInt8], content: String) {
            guard let start = stride(from: frame.count - Self.mark.count, through: 0, by: -1)
                .first(where: { frame[$0..<$0 + Self.mark.count].elementsEqual(Self.mark) }) else {
                preconditionFailure("the frame has a place for the content")
            }
            self.frame = frame
            self.content = content
            place = start..<start + Self.mark.count
        }

        var text: String {
            String(decoding: frame[..<place.lowerBound], as: UTF8.self) + content + String(decoding: frame[place.upperBound...], as: UTF8.self)
        }

        /// Written once into the answer's buffer, the content copied once.
        func bytes(_ allocator: ByteBufferAllocator) -> ByteBuffer {
            var buffer = allocator.buffer(capacity: frame.count + content.utf8.count)
            buffer.writeBytes(frame[..<place.lowerBound])
            buffer.writeString(content)
            buffer.writeBytes(frame[place.upperBound...])
            return buffer
        }
    }
}

extension Layout {
    func response(for request: Request, status: HTTPResponseStatus = .ok) -> Response {
        let page = draw(language: request.language, path: request.url.string, actor: request.actor, csrfToken: request.csrfToken,
                        navigation: request.application.navigation, flash: request.takeFlash(), badge: request.headerBadge)
        return htmlResponse(.init(buffer: page.bytes(request.byteBufferAllocator)), status: status, language: request.language)
    }
}

/// A link the header shows on every page with a count beside it — the inbox's "Thông báo (3)" —, set for the request
/// by the feature that keeps it (Platform knows no feature).
struct HeaderBadge: Sendable {
    let title: LocalizedText
    let count: Int
    /// The count shown as "99+" from here.
    let cap: Int
    let path: String

    func node(_ language: UILanguage) -> Node<HTML.BodyContext> {
        let shown = count >= cap ? "\(cap - 1)+" : String(count)
        return .a(.class(count > 0 ? "header-badge unread" : "header-badge"), .href(path),
                  .span(.class("label"), .text(title(language))), .if(count > 0, .span(.class("count"), .text(" " + shown))))
    }
}

extension Request {
    var headerBadge: HeaderBadge? {
        get { storage[HeaderBadgeKey.self] }
        set { storage[HeaderBadgeKey.self] = newValue }
    }

    private struct HeaderBadgeKey: StorageKey {
        typealias Value = HeaderBadge
    }
}

func htmlResponse(_ body: Response.Body, status: HTTPResponseStatus = .ok, language: UILanguage) -> Response {
    let response = Response(status: status, body: body)
    response.headers.contentType = .html
    response.headers.replaceOrAdd(name: .contentLanguage, value: language.rawValue)
    return response
}

/// The page shown for an error outside the API.
struct ErrorPage {
    let description: ErrorDescription

    func response(for request: Request, status: HTTPResponseStatus) -> Response {
        let language = request.language
        let layout = Layout(title: description.title, content: .div(
            .class("error"),
            .h1(.text(description.title)),
            .ul(.forEach(description.fieldErrors) { .li(.text($0.detail)) }),
            .p(.a(.href(PlatformRoute.home.path), .text(LocalizedText(vi: "Về trang chủ", en: "Back to the start page")(language))))
        ))
        return layout.response(for: request, status: status)
    }
}
