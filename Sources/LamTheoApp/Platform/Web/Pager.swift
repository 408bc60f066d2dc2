import LamTheoCore
import Plot

/// "Trang 2/14 · 683 kết quả" with previous and next links.
struct Pager {
    let page: Int
    let pageCount: Int
    let total: Int
    let link: (Int) -> String

    func node(_ language: UILanguage) -> Node<HTML.BodyContext> {
        .nav(.class("pager"), .ariaLabel(LocalizedText(vi: "Phân trang", en: "Pagination")(language)),
             .if(page > 1, .a(.href(link(page - 1)), .attribute(named: "rel", value: "prev"), .text(LocalizedText(vi: "‹ Trang trước", en: "‹ Previous")(language)))),
             .span(.text(LocalizedText(vi: "Trang \(page)/\(pageCount) · \(NumberFormat.vi.integer(total)) kết quả",
                                       en: "Page \(page) of \(pageCount) · \(NumberFormat.en.integer(total)) results")(language))),
             .if(page < pageCount, .a(.href(link(page + 1)), .attribute(named: "rel", value: "next"), .text(LocalizedText(vi: "Trang sau ›", en: "Next ›")(language)))))
    }
}
