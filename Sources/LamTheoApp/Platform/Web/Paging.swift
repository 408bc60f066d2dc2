import LamTheoCore
import Fluent
import Vapor

/// `page` and `per` from a query string, checked: lists never return unbounded results.
struct Paging {
    static let maximumPerPage = 200
    /// Far beyond any real list, and small enough that `page * perPage` can never overflow.
    static let maximumPage = 1_000_000

    let page: Int
    let perPage: Int

    init(_ request: Request, defaultPerPage: Int = 50) throws {
        var validator = Validator()
        let page = try request.queryText("page").map { Int($0) ?? 0 } ?? 1
        let perPage = try request.queryText("per").map { Int($0) ?? 0 } ?? defaultPerPage
        validator.check((1...Paging.maximumPage).contains(page), "page",
                        LocalizedText(vi: "Số trang phải là số nguyên từ 1 đến \(Paging.maximumPage)", en: "page must be a whole number from 1 to \(Paging.maximumPage)"))
        validator.check((1...Paging.maximumPerPage).contains(perPage), "per",
                        LocalizedText(vi: "Số dòng mỗi trang phải từ 1 đến \(Paging.maximumPerPage)", en: "per must be from 1 to \(Paging.maximumPerPage)"))
        try validator.throwIfInvalid()
        self.page = page
        self.perPage = perPage
    }
}

/// One page of a list, with the total the list would have unpaged.
struct Page<Item: Sendable>: Sendable {
    let items: [Item]
    let page: Int
    let perPage: Int
    let total: Int
    /// The list has more than `total` items: a search counts its matches only so far (`TextSearch.countLimit`).
    var totalIsLowerBound = false

    /// At least this many: while the total is a lower bound, a full page has a next one.
    var pageCount: Int { max(1, (total + perPage - 1) / perPage, totalIsLowerBound && items.count == perPage ? page + 1 : 0) }

    /// The same page of the same list, each item as `transform` makes it: for a page's model.
    func map<Other>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try items.map(transform), page: page, perPage: perPage, total: total, totalIsLowerBound: totalIsLowerBound)
    }
}

/// The envelope of every paged API list.
struct PageDTO<Item: Content>: Content {
    let items: [Item]
    let page: Int
    let perPage: Int
    let total: Int
    /// True when the list has more than `total` items: a search counts its matches only up to 1,000.
    var totalIsLowerBound: Bool?
}

extension PageDTO {
    /// The page's items as `transform` makes them, with its total as the list gave it.
    init<Source>(_ page: Page<Source>, _ transform: (Source) throws -> Item) rethrows {
        self.init(items: try page.items.map(transform), page: page.page, perPage: page.perPage, total: page.total,
                  totalIsLowerBound: page.totalIsLowerBound ? true : nil)
    }
}

extension Request {
    /// An integer path parameter such as `:id`; anything else is simply not found.
    func id(_ name: String = "id") throws -> Int {
        guard let id = parameters.get(name, as: Int.self) else { throw Abort(.notFound) }
        return id
    }
}
