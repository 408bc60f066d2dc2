@testable import LamTheoApp
import LamTheoCore
import Testing

/// Views rendered from models made by hand: no database, no application. What a reader sees: headings,
/// figures written the Vietnamese way, the empty states, links to each unit, and stored text shown as text.
/// (Plot's builders are ambiguous here with the app's escaping ones, so everything goes through the views.)
@Suite("Page views")
struct PageViewTests {
    /// A page as the reader gets it: the title, the breadcrumbs and the body's HTML.
    struct Rendered {
        let title: String
        let crumbs: [Crumb]
        let html: String

        func contains(_ text: String) -> Bool { html.contains(text) }
    }

    static func render(_ view: some PageView, _ language: UILanguage = .vi, errors: [FieldError] = []) -> Rendered {
        let layout = view.layout(PageContext(language: language, csrfToken: "csrf-token", errors: errors))
        return Rendered(title: layout.title, crumbs: layout.crumbs, html: layout.content.render())
    }

    static let hostile = "<script>alert(1)</script>"

    // MARK: The organisation page

    static func organization(name: String = "Đảng bộ phường Bến Nghé", holdsMembers: Bool = false, status: OrganizationStatus = .active,
                             children: [UnitRow] = []) -> OrganizationShow.Model {
        OrganizationShow.Model(
            unit: UnitLink(id: 7, name: name), code: "PA", kind: LocalizedText(vi: "Đảng bộ xã, phường", en: "Commune committee"), status: status,
            validFrom: "2020-01-01", validTo: status == .active ? nil : "2025-07-01",
            mergedInto: status == .merged ? UnitLink(id: 9, name: "Đảng bộ phường Sài Gòn") : nil,
            holdsMembers: holdsMembers, lineage: [UnitLink(id: 1, name: "Đảng bộ Thành phố Hồ Chí Minh")],
            subtreeMembers: 245_200, childCount: 1_234, children: children,
            versions: [
                .init(validFrom: "2024-02-01", change: .updated, name: name, code: "PA", kind: LocalizedText(vi: "Đảng bộ xã, phường", en: "Commune committee"), note: nil),
                .init(validFrom: "2020-01-01", change: .created, name: "Đảng bộ phường cũ", code: "PA", kind: LocalizedText(vi: "Đảng bộ xã, phường", en: "Commune committee"),
                      note: "Quyết định số 12"),
            ],
            changes: [AuditEntry(sequence: 42, occurredAt: "2024-02-01T03:04:05Z", actorName: "admin", source: "web", ip: nil, action: "organization.update",
                                 entity: "organization", entityKey: "7", changes: "name: Đảng bộ phường cũ → \(name)")])
    }

    @Test("the organisation page: heading, figures in vi-VN, a link to each child, its history and its trail")
    func organizationPage() {
        let children = [UnitRow(unit: UnitLink(id: 11, name: "Chi bộ Khu phố 1"), status: .active, subtreeMembers: 1_500, childCount: 0),
                        UnitRow(unit: UnitLink(id: 12, name: "Chi bộ Khu phố 2"), status: .merged, subtreeMembers: 0, childCount: 0)]
        let page = Self.render(OrganizationShow.View(Self.organization(children: children)))
        #expect(page.title == "Đảng bộ phường Bến Nghé")
        #expect(page.contains("<h1>Đảng bộ phường Bến Nghé</h1>"))
        #expect(page.crumbs.map(\.title) == ["Tổ chức đảng", "Đảng bộ Thành phố Hồ Chí Minh", "Đảng bộ phường Bến Nghé"])
        #expect(page.crumbs.map(\.url) == ["/organizations", "/organizations/1", nil])
        #expect(page.contains("Đảng bộ xã, phường"))
        #expect(page.contains("01/01/2020"), "dates as dd/mm/yyyy")
        #expect(page.contains("<strong>245.200</strong>"), "members of the subtree, thousands with a dot")
        #expect(page.contains("<strong>1.234</strong>"))
        #expect(page.contains(#"href="/members?unit=7""#), "the figure links to the members it counts")
        #expect(page.contains(#"<a href="/organizations/11">Chi bộ Khu phố 1</a>"#))
        #expect(page.contains(#"<a href="/organizations/12">Chi bộ Khu phố 2</a><span class="badge closed"> Đã hợp nhất</span>"#))
        #expect(page.contains(">1.500<"))
        #expect(page.contains(#"href="/organizations/new?parent=7""#), "a committee adds units under it")
        #expect(page.contains(#"href="/organizations/7/dissolve""#))
        #expect(page.contains("Đổi tên, mã hoặc loại"))
        #expect(page.contains("Quyết định số 12"))
        #expect(page.html.range(of: "01/02/2024")!.lowerBound < page.html.range(of: "Quyết định số 12")!.lowerBound, "newest version first")
        #expect(page.contains("Lịch sử thay đổi"))
        #expect(page.contains("name: Đảng bộ phường cũ → Đảng bộ phường Bến Nghé"))

        let english = Self.render(OrganizationShow.View(Self.organization(children: children)), .en)
        #expect(english.contains("Members in subtree"))
        #expect(english.contains("<strong>245.200</strong>"), "figures keep the vi-VN form in English too")
        #expect(english.contains("Commune committee"))
    }

    @Test("a cell adds members and lists no units; a committee with no units says so; a closed unit shows where it went")
    func organizationStates() {
        let cell = Self.render(OrganizationShow.View(Self.organization(name: "Chi bộ Khu phố 1", holdsMembers: true)))
        #expect(cell.contains(#"href="/members/new?unit=7""#))
        #expect(!cell.contains("Tổ chức trực thuộc"), "a cell has no units under it")

        let empty = Self.render(OrganizationShow.View(Self.organization()))
        #expect(empty.contains("Không có tổ chức nào."))

        let merged = Self.render(OrganizationShow.View(Self.organization(status: .merged)))
        #expect(merged.contains(#"<span class="badge closed"> Đã hợp nhất</span>"#))
        #expect(merged.contains("01/07/2025"))
        #expect(merged.contains(#"<a href="/organizations/9">Đảng bộ phường Sài Gòn</a>"#))
        #expect(!merged.contains("/organizations/7/edit"), "a closed unit is not changed")
    }

    @Test("names from the database are text, never markup")
    func organizationEscaping() {
        let child = UnitRow(unit: UnitLink(id: 11, name: Self.hostile), status: .active, subtreeMembers: 1, childCount: 0)
        let page = Self.render(OrganizationShow.View(Self.organization(name: "A & \(Self.hostile)", children: [child])))
        #expect(!page.contains("<script>"))
        #expect(page.contains("<h1>A &amp; &lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(page.contains(#"<a href="/organizations/11">&lt;script&gt;alert(1)&lt;/script&gt;</a>"#))
        #expect(page.title == "A & \(Self.hostile)", "the frame escapes the title where it writes it")
    }

    @Test("a unit as it stood on a past date, or that it did not exist then")
    func organizationAsOf() throws {
        let date = try #require(CalendarDate(parsing: "01/06/2021"))
        let then = OrganizationAsOf.Model(unit: UnitLink(id: 7, name: "Đảng bộ phường Sài Gòn"), date: date, then: .init(
            name: "Đảng bộ phường Bến Nghé", lineage: ["Đảng bộ Thành phố Hồ Chí Minh"], children: [UnitLink(id: 11, name: "Chi bộ Khu phố 1")]))
        let page = Self.render(OrganizationAsOf.View(then))
        #expect(page.title == "Cơ cấu ngày 01/06/2021")
        #expect(page.contains("<h1>Đảng bộ phường Bến Nghé</h1>"))
        #expect(page.contains("Trực thuộc: Đảng bộ Thành phố Hồ Chí Minh"))
        #expect(page.contains(#"<a href="/organizations/11?asOf=2021-06-01">Chi bộ Khu phố 1</a>"#))

        let before = Self.render(OrganizationAsOf.View(.init(unit: UnitLink(id: 7, name: "Đảng bộ phường Sài Gòn"), date: date, then: nil)), .en)
        #expect(before.contains("<h1>Đảng bộ phường Sài Gòn</h1>"))
        #expect(before.contains("The unit did not exist on that date."))
    }
}
