import LamTheoCore
import Plot

/// "Trang 2/14 · 683 kết quả" with previous and next links.
struct Pager {
    let page: Int
    let pageCount: Int
    let total: Int
    /// "hơn 1.000 kết quả", and no last page: a search counts its matches only so far.
    let totalIsLowerBound: Bool
    let link: (Int) -> String

    init<Item>(_ page: Page<Item>, link: @escaping (Int) -> String) {
        self.init(page: page.page, pageCount: page.pageCount, total: page.total, totalIsLowerBound: page.totalIsLowerBound, link: link)
    }

    init(page: Int, pageCount: Int, total: Int, totalIsLowerBound: Bool = false, link: @escaping (Int) -> String) {
        self.page = page
        self.pageCount = pageCount
        self.total = total
        self.totalIsLowerBound = totalIsLowerBound
        self.link = link
    }

    func node(_ language: UILanguage) -> Node<HTML.BodyContext> {
        .nav(.class("pager"), .ariaLabel(LocalizedText(vi: "Phân trang", en: "Pagination")(language)),
             .if(page > 1, .a(.href(link(page - 1)), .attribute(named: "rel", value: "prev"), .text(LocalizedText(vi: "‹ Trang trước", en: "‹ Previous")(language)))),
             .span(.text(summary(language))),
             .if(page < pageCount, .a(.href(link(page + 1)), .attribute(named: "rel", value: "next"), .text(LocalizedText(vi: "Trang sau ›", en: "Next ›")(language)))))
    }

    private func summary(_ language: UILanguage) -> String {
        guard totalIsLowerBound else {
            return LocalizedText(vi: "Trang \(page)/\(pageCount) · \(NumberFormat.vi.integer(total)) kết quả",
                                 en: "Page \(page) of \(pageCount) · \(NumberFormat.en.integer(total)) results")(language)
        }
        return LocalizedText(vi: "Trang \(page) · hơn \(NumberFormat.vi.integer(total)) kết quả",
                             en: "Page \(page) · more than \(NumberFormat.en.integer(total)) results")(language)
    }
}
