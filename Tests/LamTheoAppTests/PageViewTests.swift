import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing

/// Views rendered from models made by hand: no database, no application. What a reader sees: headings,
/// figures written the Vietnamese way, the empty states, links to each unit, and stored text shown as text.
/// (Plot's builders are ambiguous here with the app's escaping ones, so everything goes through the views.)
/// A day written the ISO way, for the models made by hand below.
private func day(_ iso: String) -> CalendarDate { CalendarDate(parsing: iso)! }

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
            validFrom: CalendarDate(year: 2020, month: 1, day: 1)!, validTo: status == .active ? nil : CalendarDate(year: 2025, month: 7, day: 1)!,
            mergedInto: status == .merged ? UnitLink(id: 9, name: "Đảng bộ phường Sài Gòn") : nil,
            holdsMembers: holdsMembers, lineage: [UnitLink(id: 1, name: "Đảng bộ Thành phố Hồ Chí Minh")],
            subtreeMembers: 245_200, childCount: 1_234, children: children,
            versions: [
                .init(validFrom: CalendarDate(year: 2024, month: 2, day: 1)!, change: .updated, name: name, code: "PA", kind: LocalizedText(vi: "Đảng bộ xã, phường", en: "Commune committee"), note: nil),
                .init(validFrom: CalendarDate(year: 2020, month: 1, day: 1)!, change: .created, name: "Đảng bộ phường cũ", code: "PA", kind: LocalizedText(vi: "Đảng bộ xã, phường", en: "Commune committee"),
                      note: "Quyết định số 12"),
            ],
            changes: [AuditEntry(sequence: 42, occurredAt: Date(timeIntervalSince1970: 1_706_756_645), // 01/02/2024 03:04:05 UTC
                                 actor: LocalizedText(vi: "Quản trị viên Nguyễn Văn An", en: "Administrator Nguyễn Văn An"), channel: nil, ip: nil,
                                 verb: LocalizedText(vi: "sửa thông tin", en: "edited"), noun: LocalizedText(vi: "tổ chức", en: "unit"),
                                 name: LocalizedText(vi: name, en: name), outcome: nil,
                                 changes: [.init(label: LocalizedText(vi: "Tên", en: "Name"), before: LocalizedText(vi: "Đảng bộ phường cũ", en: "Đảng bộ phường cũ"),
                                                 after: LocalizedText(vi: name, en: name))])],
            canEdit: true, canRestructure: true)
    }

    @Test("the organisation page: heading, figures in vi-VN, a link to each child, its history and its trail")
    func organizationPage() {
        let children = [UnitRow(unit: UnitLink(id: 11, name: "Chi bộ Khu phố 1"), status: .active, subtreeMembers: 1_500, childCount: 0),
                        UnitRow(unit: UnitLink(id: 12, name: "Chi bộ Khu phố 2"), status: .merged, subtreeMembers: 0, childCount: 0)]
        let page = Self.render(OrganizationShow.View(model: Self.organization(children: children)))
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
        #expect(page.contains("Tên: Đảng bộ phường cũ → Đảng bộ phường Bến Nghé"))
        #expect(page.contains("<strong>Quản trị viên Nguyễn Văn An</strong> sửa thông tin tổ chức"), "the history says who did what, in words")
        #expect(page.contains("01/02/2024 10:04"), "the time in Vietnam's time zone")

        let english = Self.render(OrganizationShow.View(model: Self.organization(children: children)), .en)
        #expect(english.contains("Members in subtree"))
        #expect(english.contains("<strong>245,200</strong>"), "English numbers on an English page")
        #expect(english.contains("Commune committee"))
    }

    @Test("a cell adds members and lists no units; a committee with no units says so; a closed unit shows where it went")
    func organizationStates() {
        let cell = Self.render(OrganizationShow.View(model: Self.organization(name: "Chi bộ Khu phố 1", holdsMembers: true)))
        #expect(cell.contains(#"href="/members/new?unit=7""#))
        #expect(!cell.contains("Tổ chức trực thuộc"), "a cell has no units under it")

        let empty = Self.render(OrganizationShow.View(model: Self.organization()))
        #expect(empty.contains("Không có tổ chức nào."))

        let merged = Self.render(OrganizationShow.View(model: Self.organization(status: .merged)))
        #expect(merged.contains(#"<span class="badge closed"> Đã hợp nhất</span>"#))
        #expect(merged.contains("01/07/2025"))
        #expect(merged.contains(#"<a href="/organizations/9">Đảng bộ phường Sài Gòn</a>"#))
        #expect(!merged.contains("/organizations/7/edit"), "a closed unit is not changed")
    }

    @Test("names from the database are text, never markup")
    func organizationEscaping() {
        let child = UnitRow(unit: UnitLink(id: 11, name: Self.hostile), status: .active, subtreeMembers: 1, childCount: 0)
        let page = Self.render(OrganizationShow.View(model: Self.organization(name: "A & \(Self.hostile)", children: [child])))
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
        let page = Self.render(OrganizationAsOf.View(model: then))
        #expect(page.title == "Cơ cấu ngày 01/06/2021")
        #expect(page.contains("<h1>Đảng bộ phường Bến Nghé</h1>"))
        #expect(page.contains("Trực thuộc: Đảng bộ Thành phố Hồ Chí Minh"))
        #expect(page.contains(#"<a href="/organizations/11?asOf=2021-06-01">Chi bộ Khu phố 1</a>"#))

        let before = Self.render(OrganizationAsOf.View(model: .init(unit: UnitLink(id: 7, name: "Đảng bộ phường Sài Gòn"), date: date, then: nil)), .en)
        #expect(before.contains("<h1>Đảng bộ phường Sài Gòn</h1>"))
        #expect(before.contains("The unit did not exist on that date."))
    }

    // MARK: The campaign page (coverage) and the members behind a figure

    static let campaign = CampaignHeading(id: 5, title: "Học tập chuyên đề năm 2025", topicYear: 2025, isClosed: false,
                                          startsOn: day("2025-01-01"), endsOn: day("2025-12-31"))

    static func coverage(members: Int, studied: Int?, reflections: Int? = nil, sessions: Int = 0, reporting: Int = 0, cells: Int = 0,
                         obligations: [ObligationStatus: Int] = [:], maxDaysLate: Int = 0) -> Coverage {
        Coverage(members: members, studied: CoverageFigure(count: studied, total: members),
                 reflectionsSubmitted: CoverageFigure(count: reflections, total: members), reflectionsAccepted: CoverageFigure(count: nil, total: members),
                 sessionsHeld: sessions, reportingUnits: reporting, unitsWithMembers: cells,
                 obligations: ObligationTally(counts: obligations, maxDaysLate: maxDaysLate))
    }

    static func coveragePage(campaign: CampaignHeading = campaign, unitName: String = "Đảng bộ phường Bến Nghé",
                             children: [CoverageShow.Model.Child] = [], requirements: [CoverageShow.Model.Requirement] = [],
                             subtree: Coverage? = nil, canClose: Bool = false, isCell: Bool = false) -> CoverageShow.Model {
        CoverageShow.Model(
            campaign: campaign, documentId: 3, document: (symbol: "01-KL/TW", title: "Kết luận về tiếp tục thực hiện Chỉ thị 05-CT/TW"),
            reflectionDueOn: day("2025-11-30"), unit: UnitLink(id: 7, name: unitName), isCell: isCell,
            lineage: [UnitLink(id: 1, name: "Đảng bộ Thành phố Hồ Chí Minh"), UnitLink(id: 7, name: unitName)],
            subtree: subtree ?? Self.coverage(members: 245_200, studied: 231_700, sessions: 1_234, reporting: 45, cells: 50,
                                              obligations: [.accepted: 3, .late: 2], maxDaysLate: 12),
            own: Self.coverage(members: 0, studied: nil, obligations: [.late: 1], maxDaysLate: 12),
            ownObligations: [.init(id: 31, requirementTitle: "Xây dựng kế hoạch",
                                   standing: ObligationStanding(dueOn: day("2025-03-01"), extendedUntil: day("2025-03-15"), state: .open, status: .late,
                                                                daysLate: 12, submissionCount: 0))],
            order: .studied, children: children, requirements: requirements, canClose: canClose, changes: [])
    }

    @Test("the campaign page: figures as the reports write them, each linking to its rows, the laggards, the own obligations")
    func coveragePage() {
        let children = [CoverageShow.Model.Child(unit: UnitLink(id: 11, name: "Chi bộ Khu phố 1"),
                                                 coverage: Self.coverage(members: 40, studied: 10, obligations: [.late: 1], maxDaysLate: 3)),
                        CoverageShow.Model.Child(unit: UnitLink(id: 12, name: "Chi bộ Khu phố 2"), coverage: Self.coverage(members: 35, studied: nil))]
        let page = Self.render(CoverageShow.View(model: Self.coveragePage(children: children,
                                                                   requirements: [.init(title: "Kế hoạch thực hiện", dueOn: day("2025-03-01"))], canClose: true)))
        #expect(page.title == "Học tập chuyên đề năm 2025")
        #expect(page.contains(#"<h1>Học tập chuyên đề năm 2025<span class="badge"> Chuyên đề năm 2025</span></h1>"#))
        #expect(page.crumbs.map(\.title) == ["Đợt triển khai", "Đảng bộ phường Bến Nghé"])
        #expect(page.contains(#"<a href="/documents/3">01-KL/TW · Kết luận về tiếp tục thực hiện Chỉ thị 05-CT/TW</a>"#))
        #expect(page.contains("01/01/2025 – 31/12/2025"))
        #expect(page.contains("30/11/2025"))
        #expect(page.contains(#"<a href="/campaigns/5?unit=1">Đảng bộ Thành phố Hồ Chí Minh</a> › <strong>Đảng bộ phường Bến Nghé</strong>"#))
        #expect(page.contains("<strong>245.200</strong>"))
        #expect(page.contains("45/50 chi bộ đã báo cáo"))
        #expect(page.contains(#"<a href="/campaigns/5/members?unit=7&amp;list=studied"><strong>231.700/245.200 đảng viên (94,5%)</strong></a>"#),
                "a share with one decimal and a comma, saying what it counts, linking to the members it counts")
        #expect(page.contains(#"href="/campaigns/5/members?unit=7&amp;list=not-studied""#))
        #expect(page.contains("<strong>chưa báo cáo</strong>"), "a figure nobody reported is never 0%")
        #expect(page.contains("<strong>1.234</strong>"), "sessions held")
        #expect(page.contains(#"<a href="/campaigns/5/obligations?unit=7&amp;status=accepted"><strong>3/5 nhiệm vụ (60%)</strong></a>"#))
        #expect(page.contains("chậm nhất 12 ngày"))
        #expect(page.contains(#"<a href="/obligations/31">Xây dựng kế hoạch</a> · 01/03/2025 → 15/03/2025 · Trễ hạn, trễ 12 ngày"#))
        #expect(page.contains(#"<a href="/campaigns/5?unit=11">Chi bộ Khu phố 1</a>"#), "a link to each child")
        #expect(page.contains(#"<a href="/campaigns/5?unit=12">Chi bộ Khu phố 2</a>"#))
        #expect(page.contains("10/40 (25%)"))
        #expect(page.contains(#"<a href="/campaigns/5/obligations?unit=11&amp;status=late">1</a>"#))
        #expect(page.contains(#"<a href="/campaigns/5?unit=7&amp;sort=days-late">Chậm nhất (ngày)</a>"#), "another order keeps the unit")
        #expect(page.contains("<strong>Đảng viên đã học tập ▲</strong>"))
        #expect(page.contains("Kế hoạch thực hiện · hạn 01/03/2025"))
        #expect(page.contains(#"<a class="button danger" href="/campaigns/5/close">Kết thúc đợt triển khai…</a>"#), "closing asks first, on its own page")

        let english = Self.render(CoverageShow.View(model: Self.coveragePage(children: children)), .en)
        #expect(english.contains("45 of 50 cells reported"))
        #expect(english.contains("231,700/245,200 members (94.5%)"), "English numbers on an English page")
        #expect(english.contains("<strong>not reported</strong>"))
    }

    @Test("a campaign page with nothing below: no table of children, no obligations, no requirements, nothing to close")
    func coverageEmpty() {
        let closed = CampaignHeading(id: 5, title: "Đợt cũ", topicYear: nil, isClosed: true, startsOn: day("2024-01-01"), endsOn: day("2024-12-31"))
        let page = Self.render(CoverageShow.View(model: Self.coveragePage(campaign: closed, subtree: Self.coverage(members: 0, studied: nil))))
        #expect(page.contains(#"<h1>Đợt cũ<span class="badge closed"> Đã kết thúc</span></h1>"#))
        #expect(page.contains("Không có nhiệm vụ nào của cấp dưới."))
        #expect(page.contains("Không giao nhiệm vụ cho cấp dưới."))
        #expect(!page.contains("Đơn vị trực thuộc"))
        #expect(!page.contains("Ai chưa học tập?"), "no list of who has not studied before anyone reported")
        #expect(!page.contains("/close"))
    }

    @Test("campaign and unit names are text on the campaign page")
    func coverageEscaping() {
        let hostile = CampaignHeading(id: 5, title: Self.hostile, topicYear: nil, isClosed: false, startsOn: day("2025-01-01"), endsOn: day("2025-12-31"))
        let children = [CoverageShow.Model.Child(unit: UnitLink(id: 11, name: "\"><img src=x onerror=alert(1)>"), coverage: Self.coverage(members: 1, studied: 1))]
        let page = Self.render(CoverageShow.View(model: Self.coveragePage(campaign: hostile, unitName: "A & <b>B</b>", children: children)))
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("<b>"))
        #expect(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(page.contains("Toàn đảng bộ A &amp; &lt;b&gt;B&lt;/b&gt;"))
    }

    @Test("the members behind a figure: names linking to each member, their cells, the pager in vi-VN; the empty list says so")
    func coverageMembers() {
        let members = [MemberRow(id: 21, fullName: "Nguyễn Văn An", cardNumber: "111", status: .full, cell: UnitLink(id: 11, name: "Chi bộ Khu phố 1")),
                       MemberRow(id: 22, fullName: Self.hostile, cardNumber: "112", status: .full, cell: UnitLink(id: 11, name: "Chi bộ Khu phố 1"))]
        let model = CoverageMembers.Model(campaign: Self.campaign, unit: UnitLink(id: 7, name: "Đảng bộ phường Bến Nghé"), list: .notStudied,
                                          members: Page(items: members, page: 2, perPage: 50, total: 1_234))
        let page = Self.render(CoverageMembers.View(model: model))
        #expect(page.title == "Chưa học tập · Đảng bộ phường Bến Nghé")
        #expect(page.crumbs.map(\.url) == ["/campaigns", "/campaigns/5?unit=7"])
        #expect(page.contains(#"<a href="/members/21">Nguyễn Văn An</a>"#))
        #expect(page.contains(#"<a href="/members/22">&lt;script&gt;alert(1)&lt;/script&gt;</a>"#))
        #expect(page.contains("Chi bộ Khu phố 1"))
        #expect(page.contains("Trang 2/25 · 1.234 kết quả"))
        #expect(page.contains(#"href="/campaigns/5/members?unit=7&amp;list=not-studied&amp;page=3""#))

        let empty = CoverageMembers.Model(campaign: Self.campaign, unit: UnitLink(id: 7, name: "Đảng bộ phường Bến Nghé"), list: .accepted,
                                          members: Page(items: [], page: 1, perPage: 50, total: 0))
        #expect(Self.render(CoverageMembers.View(model: empty)).contains("Không có đảng viên nào."))
        #expect(Self.render(CoverageMembers.View(model: empty), .en).contains("No members."))
    }

    // MARK: The member list

    static let members = [
        MemberRow(id: 21, fullName: "Nguyễn Văn An", cardNumber: "79.000.111", status: .full, cell: UnitLink(id: 11, name: "Chi bộ Khu phố 1")),
        MemberRow(id: 22, fullName: "Trần Thị Bình", cardNumber: "79.000.112", status: .probationary, cell: UnitLink(id: 12, name: "Chi bộ Khu phố 2")),
    ]

    @Test("the member list of a unit: its crumbs, each member linking to their page and cell, the search kept in the pager")
    func memberList() {
        let ward = UnitLink(id: 7, name: "Đảng bộ phường Bến Nghé")
        let model = MemberIndex.Model(unit: ward, lineage: [UnitLink(id: 1, name: "Đảng bộ Thành phố Hồ Chí Minh"), ward], text: "nguyen van",
                                      members: Page(items: Self.members, page: 1, perPage: 2, total: 1_234))
        let page = Self.render(MemberIndex.View(model: model))
        #expect(page.title == "Đảng viên · Đảng bộ phường Bến Nghé")
        #expect(page.contains("<h1>Đảng viên · Đảng bộ phường Bến Nghé</h1>"))
        #expect(page.crumbs.map(\.title) == ["Tổ chức đảng", "Đảng bộ Thành phố Hồ Chí Minh", "Đảng bộ phường Bến Nghé", "Đảng viên"])
        #expect(page.contains(#"<input type="hidden" name="unit" value="7"/>"#), "a search stays in the unit")
        #expect(page.contains(#"value="nguyen van""#))
        #expect(page.contains(#"<a href="/members/21">Nguyễn Văn An</a>"#))
        #expect(page.contains(#"<a href="/organizations/12">Chi bộ Khu phố 2</a>"#))
        #expect(page.contains("79.000.111"))
        #expect(page.contains(">Chính thức<"))
        #expect(page.contains(">Dự bị<"))
        #expect(page.contains("Trang 1/617 · 1.234 kết quả"))
        #expect(page.contains(#"href="/members?q=nguyen%20van&amp;unit=7&amp;page=2""#))

        let english = Self.render(MemberIndex.View(model: model), .en)
        #expect(english.contains("Members · Đảng bộ phường Bến Nghé"))
        #expect(english.contains(">Probationary<"))
        #expect(english.contains("Page 1 of 617 · 1,234 results"))
    }

    @Test("the whole member list has no crumbs; nothing found says so; names are text")
    func memberListStates() {
        let empty = Self.render(MemberIndex.View(model: MemberIndex.Model(unit: nil, lineage: [], text: "zzz",
                                                                   members: Page(items: [], page: 1, perPage: 50, total: 0))))
        #expect(empty.title == "Đảng viên")
        #expect(empty.crumbs.isEmpty)
        #expect(!empty.contains(#"name="unit""#))
        #expect(empty.contains("Không tìm thấy đảng viên nào khớp “zzz”. Thử tìm theo tên không dấu"), "nothing found says what to try")
        let pastTheEnd = Self.render(MemberIndex.View(model: MemberIndex.Model(unit: nil, lineage: [], text: "nguyen",
                                                                        members: Page(items: [], page: 22, perPage: 50, total: 1_000, totalIsLowerBound: true))))
        #expect(pastTheEnd.contains("Không còn đảng viên nào ở trang này.") && !pastTheEnd.contains("Không tìm thấy"), "a page past the last match is the end, not a failed search")
        #expect(pastTheEnd.contains("Trang 22 · hơn 1.000 kết quả") && pastTheEnd.contains("page=21") && !pastTheEnd.contains("page=23"))

        let hostile = [MemberRow(id: 23, fullName: Self.hostile, cardNumber: "\"><b>1</b>", status: .full, cell: UnitLink(id: 11, name: "<i>Chi bộ</i>"))]
        let page = Self.render(MemberIndex.View(model: MemberIndex.Model(unit: nil, lineage: [], text: "\" autofocus onfocus=\"alert(1)",
                                                                  members: Page(items: hostile, page: 1, perPage: 50, total: 1))))
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<b>"))
        #expect(!page.contains("<i>"))
        #expect(page.contains(#"<a href="/members/23">&lt;script&gt;alert(1)&lt;/script&gt;</a>"#))
        #expect(page.contains(#"value="&quot; autofocus onfocus=&quot;alert(1)""#), "the search text stays inside its attribute")
    }

    // MARK: An obligation's page

    static func obligation(title: String = "Xây dựng kế hoạch thực hiện", kind: RequirementKind = .plan, state: ObligationState = .returned,
                           status: ObligationStatus = .returned, canSubmit: Bool = false, canReview: Bool = false,
                           plans: [ObligationShow.Model.DocumentRef] = []) -> ObligationShow.Model {
        ObligationShow.Model(
            id: 31, campaign: Self.campaign, unit: UnitLink(id: 7, name: "Đảng bộ phường Bến Nghé"), requirementTitle: title, requirementKind: kind,
            minimumSessions: kind == .studySessions ? 2 : nil,
            standing: ObligationStanding(dueOn: day("2025-03-01"), extendedUntil: nil, state: state, status: status, daysLate: 12, submissionCount: 1),
            extensionReason: nil,
            submissions: [.init(number: 1, submittedOn: day("2025-02-20"), documentId: 4, documentSymbol: "Số 12 - KH/ĐU", note: "Đã ban hành",
                                outcome: .returned, reviewComment: "Bổ sung chỉ tiêu cụ thể"),
                          .init(number: 2, submittedOn: day("2025-03-05"), documentId: 9, documentSymbol: nil, note: nil, outcome: nil, reviewComment: nil)],
            canSubmit: canSubmit, canReview: canReview, plans: plans)
    }

    @Test("an obligation's page: due date and standing, the submissions, the form to resubmit a returned plan")
    func obligationPage() {
        let page = Self.render(ObligationShow.View(model: Self.obligation(canSubmit: true, plans: [.init(id: 4, symbol: "Số 12 - KH/ĐU", title: "Kế hoạch thực hiện")])))
        #expect(page.title == "Xây dựng kế hoạch thực hiện · Đảng bộ phường Bến Nghé")
        #expect(page.crumbs.map(\.url) == ["/campaigns", "/campaigns/5?unit=7"])
        #expect(page.contains(#"<a href="/campaigns/5?unit=7">Học tập chuyên đề năm 2025</a>"#))
        #expect(page.contains("<dd>01/03/2025</dd>"))
        #expect(page.contains("<dd>Trả lại để sửa (đã nộp 1 lần), trễ 12 ngày</dd>"))
        #expect(page.contains(#"Lần 1, ngày 20/02/2025 · <a href="/documents/4">Số 12 - KH/ĐU</a><p>Đã ban hành</p><p><strong>Trả lại để sửa</strong>: Bổ sung chỉ tiêu cụ thể</p>"#))
        #expect(page.contains(#"<a href="/documents/9">#9</a>"#), "a document that cannot be read keeps its number")
        #expect(page.contains("<h2>Nộp lại</h2>"))
        #expect(page.contains(#"<form class="stack" method="post" action="/obligations/31/submissions"><input type="hidden" name="_csrf" value="csrf-token"/>"#))
        #expect(page.contains(#"<option value="4">Số 12 - KH/ĐU · Kế hoạch thực hiện</option>"#))
        #expect(!page.contains("/obligations/31/review"), "only the level above reviews")
        #expect(!page.contains("/obligations/31/extension"))

        let english = Self.render(ObligationShow.View(model: Self.obligation(canSubmit: true)), .en)
        #expect(english.contains("<h2>Resubmit</h2>"))
        #expect(english.contains("Returned for revision (submitted 1 times), 12 days late"))
    }

    @Test("the level above reviews a submitted obligation and extends one in force; a refused form lists its messages")
    func obligationReview() {
        let submitted = Self.render(ObligationShow.View(model: Self.obligation(state: .submitted, status: .submitted, canReview: true)),
                                    errors: [FieldError(field: "comment", message: LocalizedText(vi: "Cần nhận xét khi trả lại", en: "A comment is needed"))])
        #expect(submitted.contains("Chưa lưu được, vui lòng sửa:"))
        #expect(submitted.contains(##"<a href="#comment">Cần nhận xét khi trả lại</a>"##))
        #expect(submitted.contains(#"action="/obligations/31/review""#))
        #expect(submitted.contains(#"action="/obligations/31/extension""#))
        #expect(!submitted.contains("/submissions"))

        let sessions = Self.render(ObligationShow.View(model: Self.obligation(kind: .studySessions, state: .accepted, status: .accepted, canReview: true)))
        #expect(sessions.contains("Tổ chức ít nhất 2 buổi học tập; tự hoàn thành khi đủ số buổi"))
        #expect(!sessions.contains("/review"))
        #expect(!sessions.contains("/extension"), "a met obligation is not extended")
    }

    @Test("text on an obligation's page is text")
    func obligationEscaping() {
        let page = Self.render(ObligationShow.View(model: Self.obligation(title: Self.hostile, canSubmit: true,
                                                                   plans: [.init(id: 4, symbol: "<b>1</b>", title: "\"><img src=x>")])))
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<b>"))
        #expect(!page.contains("<img"))
        #expect(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; · Đảng bộ phường Bến Nghé</h1>"))
    }

    // MARK: A member's own record

    static func myRecord(name: String = "Nguyễn Văn An", pledge: String? = nil, reminded: Bool = false) -> MyRecord.Model {
        MyRecord.Model(
            fullName: name, cell: "Chi bộ Khu phố 1", cardNumber: "79.000.111", birthDate: day("1980-05-18"), admittedOn: day("2005-05-19"), fullMemberOn: nil,
            status: .full, idNumber: nil, phone: "0903 123 456", address: nil,
            commitments: OwnCommitments(
                memberId: 21, year: 2025,
                reminder: reminded ? .init(sentByName: "Bí thư Lê Văn Bảy", sentAt: nil) : nil,
                commitments: [.init(id: 41, year: 2025, title: "Đi làm đúng giờ", measure: "Không đi muộn buổi nào", dueOn: day("2025-12-31"),
                                    selfResult: .achieved, selfNote: "Cả năm đúng giờ", cellResult: nil, cellNote: nil, checkIns: [])],
                pledge: pledge),
            reflections: [.init(campaignId: 5, campaignTitle: "Học tập chuyên đề năm 2025", state: .accepted, grade: "Tốt")],
            ratings: [.init(period: "Năm 2024", level: .good), .init(period: "Năm 2025", level: nil)])
    }

    @Test("a member's own record: their facts with dates as dd/mm/yyyy, their commitments, reflections and ratings, the correction form")
    func myRecordPage() {
        let page = Self.render(MyRecord.View(model: Self.myRecord(reminded: true)))
        #expect(page.title == "Nguyễn Văn An")
        #expect(page.crumbs.isEmpty)
        #expect(page.contains("<h1>Nguyễn Văn An</h1>"))
        #expect(page.contains("<dt>Ngày sinh</dt><dd>18/05/1980</dd>"))
        #expect(page.contains("<dt>Ngày chính thức</dt><dd>—</dd>"), "a date nobody recorded")
        #expect(page.contains("<dt>Tình trạng</dt><dd>Chính thức</dd>"))
        #expect(page.contains("<h2>Đăng ký làm theo năm 2025</h2>"))
        #expect(page.contains("Bí thư Lê Văn Bảy nhắc bạn đăng ký làm theo năm 2025"))
        #expect(page.contains(#"href="/commitments/new?member=21&amp;year=2025""#))
        #expect(page.contains(#"<a href="/commitments/41">2025 · Đi làm đúng giờ</a>"#))
        #expect(page.contains("Không đi muộn buổi nào · hạn 31/12/2025"))
        #expect(page.contains("Tự đánh giá: Đạt: Cả năm đúng giờ · Chi bộ: chưa đánh giá"))
        #expect(page.contains("Chưa cập nhật tiến độ."))
        #expect(page.contains(#"<a href="/me/reflections/5">Học tập chuyên đề năm 2025</a> · Đạt · Tốt"#))
        #expect(page.contains("<li>Năm 2024 · Hoàn thành tốt nhiệm vụ</li>"))
        #expect(page.contains("<li>Năm 2025 · chưa có quyết định</li>"))
        #expect(page.contains(#"action="/me/corrections"><input type="hidden" name="_csrf" value="csrf-token"/>"#))

        let english = Self.render(MyRecord.View(model: Self.myRecord()), .en)
        #expect(english.contains("<dt>Date of birth</dt><dd>18/05/1980</dd>"))
        #expect(english.contains("<h2>Commitments for 2025</h2>"))
        #expect(!english.contains("reminds you"), "no reminder")
        #expect(!english.contains(#"class="notice""#))
    }

    @Test("a refused correction comes back with its message; the member's own text is text")
    func myRecordStates() {
        let refused = Self.render(MyRecord.View(model: Self.myRecord()),
                                  errors: [FieldError(field: "text", message: LocalizedText(vi: "Hãy ghi nội dung cần sửa", en: "Say what to correct"))])
        #expect(refused.contains("Chưa lưu được, vui lòng sửa:"))
        #expect(refused.contains("Hãy ghi nội dung cần sửa"))

        let hostile = Self.render(MyRecord.View(model: Self.myRecord(name: Self.hostile, pledge: "</textarea><script>alert(1)</script>")))
        #expect(!hostile.contains("<script>"))
        #expect(hostile.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(hostile.contains("&lt;/textarea&gt;&lt;script&gt;"), "the pledge stays inside its field")
    }

    // MARK: A study session's page

    static func studySession(title: String = "Học tập chuyên đề năm 2025", canEdit: Bool = false,
                             bridgePoints: [StudySessionShow.Model.BridgePoint] = [], marks: [StudySessionShow.Model.Mark] = []) -> StudySessionShow.Model {
        StudySessionShow.Model(
            id: 61, title: title, unit: UnitLink(id: 11, name: "Chi bộ Khu phố 1"),
            lineage: [UnitLink(id: 7, name: "Đảng bộ phường Bến Nghé"), UnitLink(id: 11, name: "Chi bộ Khu phố 1")],
            heldOn: day("2025-05-19"), campaignTitle: nil, format: .inPerson, presenter: "Đồng chí Bí thư",
            documents: [.init(symbol: "01-KL/TW", title: "Kết luận về tiếp tục thực hiện Chỉ thị 05-CT/TW")],
            nonMemberAttendees: 1_250, attendance: AttendanceSummary(present: 1_234, absent: 2, excused: 1), canEdit: canEdit,
            bridgePoints: bridgePoints, marks: marks, changes: [])
    }

    @Test("a study session's page: its facts, attendance counts and bridge points in vi-VN, each member marked, the forms for an editor")
    func studySessionPage() {
        let points = [StudySessionShow.Model.BridgePoint(name: "Hội trường phường", attendeeCount: 3_600),
                      StudySessionShow.Model.BridgePoint(name: "Điểm cầu khu phố 1", attendeeCount: 760)]
        let marks = [StudySessionShow.Model.Mark(memberId: 21, fullName: "Nguyễn Văn An", status: .present, reason: nil),
                     StudySessionShow.Model.Mark(memberId: 22, fullName: "Trần Thị Bình", status: .excused, reason: "Ốm")]
        let page = Self.render(StudySessionShow.View(model: Self.studySession(canEdit: true, bridgePoints: points, marks: marks)))
        #expect(page.title == "Học tập chuyên đề năm 2025")
        #expect(page.crumbs.map(\.title) == ["Tổ chức đảng", "Đảng bộ phường Bến Nghé", "Chi bộ Khu phố 1", "Học tập chuyên đề năm 2025"])
        #expect(page.contains(#"<dd><a href="/organizations/11">Chi bộ Khu phố 1</a></dd>"#))
        #expect(page.contains("<dd>19/05/2025</dd>"))
        #expect(page.contains("<dt>Đợt triển khai</dt><dd>—</dd>"))
        #expect(page.contains("<dd>Trực tiếp</dd>"))
        #expect(page.contains("<li><strong>01-KL/TW</strong> — Kết luận về tiếp tục thực hiện Chỉ thị 05-CT/TW</li>"))
        #expect(page.contains("<dd>1.250</dd>"))
        #expect(page.contains("<strong>1.234</strong>Có mặt"))
        #expect(page.contains(#"<td class="num">3.600</td>"#))
        #expect(page.contains("Tổng cộng 2 điểm cầu"))
        #expect(page.contains(#"<th class="num">4.360</th>"#), "the bridge points' total")
        #expect(page.contains(#"<a href="/members/22">Trần Thị Bình</a>: Vắng có lý do (Ốm)"#))
        #expect(page.contains(#"href="/study-sessions/61/attendance""#))
        #expect(page.contains(#"<a class="button danger" href="/study-sessions/61/delete">Xóa buổi học tập</a>"#), "deleting asks first, on its own page")
        #expect(page.contains("Lịch sử thay đổi"))

        let english = Self.render(StudySessionShow.View(model: Self.studySession(bridgePoints: points)), .en)
        #expect(english.contains("<strong>1,234</strong>Present"), "English numbers on an English page")
        #expect(page.contains("<strong>4.360</strong>Đại biểu tại 2 điểm cầu"), "the delegates count beside the members marked")
        #expect(english.contains("Total, 2 bridge points"))
    }

    @Test("a session nobody has marked says so, offers a reader no forms, and shows its text as text")
    func studySessionStates() {
        let page = Self.render(StudySessionShow.View(model: Self.studySession(title: Self.hostile)))
        #expect(page.contains("Chưa điểm danh."))
        #expect(!page.contains("Điểm cầu</h2>"), "no bridge points, no table")
        #expect(!page.contains("/attendance"))
        #expect(!page.contains("/delete"))
        #expect(!page.contains("<script>"))
        #expect(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
    }
}
