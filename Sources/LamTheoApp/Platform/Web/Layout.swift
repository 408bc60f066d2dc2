import LamTheoCore
import Plot
import Vapor

/// One link in the trail above a page's title.
struct Crumb {
    let title: String
    let url: String?
}

/// The frame every HTML page shares: header with the language switch, breadcrumbs, the page's own
/// content. Pages build their body with Plot and hand it here.
struct Layout {
    let title: String
    var crumbs: [Crumb] = []
    let content: Node<HTML.BodyContext>

    /// - Parameters:
    ///   - actor: the signed-in user, whose name and sign-out button the header shows.
    ///   - csrfToken: for the sign-out form.
    func render(language: UILanguage, path: String, actor: Actor?, csrfToken: String) -> String {
        let other: UILanguage = language == .vi ? .en : .vi
        let html = HTML(
            .lang(language == .vi ? .vietnamese : .english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · LamTheo"),
                .link(.rel(.stylesheet), .href("/assets/app.css"))
            ),
            .body(
                .header(
                    .class("site"),
                    .a(.class("brand"), .href("/"), .text("LamTheo")),
                    .nav(
                        .ariaLabel(LocalizedText(vi: "Điều hướng chính", en: "Main navigation")(language)),
                        .if(actor?.canSomewhere(.read) == true, .group(
                            .a(.href("/organizations"), .text(LocalizedText(vi: "Tổ chức đảng", en: "Organisations")(language))),
                            .a(.href("/members"), .text(LocalizedText(vi: "Đảng viên", en: "Members")(language))),
                            .a(.href("/campaigns"), .text(LocalizedText(vi: "Triển khai", en: "Campaigns")(language))),
                            .a(.href("/sessions"), .text(LocalizedText(vi: "Học tập", en: "Study")(language))),
                            .a(.href("/breakthroughs"), .text(LocalizedText(vi: "Khâu đột phá", en: "Breakthroughs")(language))))),
                        .if(actor != nil, .a(.href("/commitments"), .text(LocalizedText(vi: "Làm theo", en: "Commitments")(language)))),
                        .if(actor?.memberId != nil, .a(.href("/me"), .text(LocalizedText(vi: "Của tôi", en: "My record")(language)))),
                        .if(actor != nil, .a(.href("/documents"), .text(LocalizedText(vi: "Văn bản", en: "Documents")(language)))),
                        .if(actor != nil, .a(.href("/ratings"), .text(LocalizedText(vi: "Đánh giá", en: "Ratings")(language)))),
                        .if(actor?.canSomewhere(.edit) == true, .group(
                            .a(.href("/imports"), .text(LocalizedText(vi: "Nhập, xuất", en: "Import")(language))),
                            .a(.href("/corrections"), .text(LocalizedText(vi: "Đề nghị sửa", en: "Corrections")(language))))),
                        .if(actor?.canSomewhere(.delegate) == true, .a(.href("/access"), .text(LocalizedText(vi: "Phân quyền", en: "Access")(language)))),
                        .if(actor?.isAdministrator == true, .a(.href("/audit"), .text(LocalizedText(vi: "Nhật ký", en: "Audit")(language)))),
                        .a(.class("lang"), .href("/language/\(other.rawValue)?back=\(path.urlQueryEncoded)"),
                           .attribute(named: "hreflang", value: other.rawValue),
                           .text(other == .en ? "English" : "Tiếng Việt")),
                        .unwrap(actor, { actor in
                            .form(.class("signout"), .method(.post), .action("/logout"),
                                  .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                                  .button(.type(.submit), .title(actor.displayName),
                                          .text(LocalizedText(vi: "Đăng xuất", en: "Sign out")(language) + " (\(actor.username))")))
                        }, else: .a(.href("/login"), .text(LocalizedText(vi: "Đăng nhập", en: "Sign in")(language))))
                    )
                ),
                .if(!crumbs.isEmpty, .nav(
                    .class("crumbs"),
                    .ariaLabel(LocalizedText(vi: "Vị trí", en: "Breadcrumbs")(language)),
                    .ol(.forEach(crumbs) { crumb in
                        .li(.unwrap(crumb.url, { .a(.href($0), .text(crumb.title)) }, else: .span(.attribute(named: "aria-current", value: "page"), .text(crumb.title))))
                    })
                )),
                .main(.id("main"), content)
            )
        )
        return html.render()
    }
}

extension Layout {
    func response(for request: Request, status: HTTPResponseStatus = .ok) -> Response {
        htmlResponse(render(language: request.language, path: request.url.string, actor: request.actor, csrfToken: request.csrfToken),
                     status: status, language: request.language)
    }
}

func htmlResponse(_ html: String, status: HTTPResponseStatus = .ok, language: UILanguage) -> Response {
    let response = Response(status: status, body: .init(string: html))
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
            .p(.a(.href("/"), .text(LocalizedText(vi: "Về trang chủ", en: "Back to the start page")(language))))
        ))
        return layout.response(for: request, status: status)
    }
}

extension String {
    var urlQueryEncoded: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? self
    }
}
