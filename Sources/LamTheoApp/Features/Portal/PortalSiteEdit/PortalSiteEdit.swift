import LamTheoCore
import Plot

/// A unit's public site: the form that creates it or changes it, with a link to the site once published.
enum PortalSiteEdit {
    static let form = "site"
    static let title = LocalizedText(vi: "Trang tin điện tử", en: "Public news site")

    struct Model: Sendable {
        let unitId: Int
        let unitName: String
        /// The saved site; nil before the first save.
        let slug: String?
        let title: String?
        let tagline: String?
        let addressLine: String?
        let isPublished: Bool
    }

    struct View: PageView {
        let model: Model

        func layout(_ context: PageContext) -> Layout {
            let language = context.language
            let fields = context.fields(for: PortalSiteEdit.form)
            let heading = "\(PortalSiteEdit.title(language)) · \(model.unitName)"
            return Layout(title: heading, content: .group(
                .h1(.text(heading)),
                .unwrap(model.slug) { slug in
                    .p(.text(model.isPublished ? LocalizedText(vi: "Đang công khai tại ", en: "Published at ")(language)
                                               : LocalizedText(vi: "Chưa công khai. Địa chỉ: ", en: "Not published. Address: ")(language)),
                       .a(.href(PublicRoute.home(.value(slug)).path), .text(PublicRoute.home(.value(slug)).path)))
                },
                fields.summary,
                fields.postForm(PortalRoute.site.path(query: [.unit: model.unitId]),
                                fields.text("slug", PortalSiteCommands.slugLabel, value: model.slug, required: true,
                                            hint: LocalizedText(vi: "Chữ thường không dấu, chữ số, dấu gạch ngang: /site/ben-thanh",
                                                                en: "Lowercase letters, digits and hyphens: /site/ben-thanh")),
                                fields.text("title", LocalizedText(vi: "Tên trang", en: "Site title"), value: model.title ?? "Trang tin điện tử \(model.unitName)",
                                            required: true),
                                fields.text("tagline", LocalizedText(vi: "Khẩu hiệu", en: "Tagline"), value: model.tagline),
                                fields.text("addressLine", LocalizedText(vi: "Địa chỉ liên hệ (chân trang)", en: "Address line (footer)"), value: model.addressLine),
                                fields.checkbox("isPublished", LocalizedText(vi: "Công khai trang trên Internet", en: "Publish the site on the Internet"),
                                                checked: model.isPublished),
                                fields.submit(LocalizedText(vi: "Lưu", en: "Save")))
            ))
        }
    }
}
