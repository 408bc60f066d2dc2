@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

/// The markup the phone layout and the print stylesheet rely on: the header's one “Menu” button, the attendance
/// sheet's choices classed by status, and the stylesheet rules that use them. (How it looks at 360 px, and that no
/// page scrolls sideways, is checked in a browser: .ci/e2e/journeys/20_phone_layout.py.)
@Suite("Phone layout and print")
struct PhoneLayoutTests {
    static let navigation = SiteNavigation(
        signIn: AccountRoute.signIn, signOut: AccountRoute.signOut, start: [],
        menu: [MenuEntry(OrganizationRoute.list, LocalizedText(vi: "Tổ chức đảng", en: "Organisations"), shownTo: .capability(.read)),
               MenuEntry(DocumentRoute.list, LocalizedText(vi: "Văn bản", en: "Documents"), shownTo: .signedIn)])

    static func header(_ actor: Actor?, _ language: UILanguage = .vi) -> String {
        let html = Layout(title: "Trang", content: .empty)
            .render(language: language, path: "/documents", actor: actor, csrfToken: "csrf-token", navigation: navigation)
        return String(html[html.range(of: "<header")!.lowerBound..<html.range(of: "</header>")!.upperBound])
    }

    @Test("signed in, the menu folds behind one Menu button placed before it, with the sign-out and the language switch inside")
    func signedInHeader() {
        let actor = Actor(userId: 1, username: "bithu", displayName: "Bí thư Nguyễn Văn Bình", grants: [Grant(role: .administrator)])
        let header = Self.header(actor)
        #expect(header.contains(#"<details class="menu"><summary>Menu</summary></details><nav aria-label="Điều hướng chính">"#),
                "the button is a <details> before the menu, whose open state the stylesheet follows (no script under the CSP)")
        #expect(header.contains(#"<a href="/organizations">Tổ chức đảng</a><a href="/documents">Văn bản</a>"#))
        let menu = header[header.range(of: "<nav")!.lowerBound...]
        #expect(menu.contains(#"hreflang="en""#), "the language switch is in the menu")
        #expect(menu.contains(#"<form class="signout" method="post" action="/logout">"#), "so is the sign-out")
        #expect(menu.contains("Đăng xuất (bithu)"))
        #expect(header.components(separatedBy: "<summary>").count == 2, "one button")
        #expect(Self.header(actor, .en).contains("<summary>Menu</summary>"))
    }

    @Test("signed out, the header is the language switch and the sign-in link, with no menu button")
    func signedOutHeader() {
        let header = Self.header(nil)
        #expect(!header.contains("<details"))
        #expect(header.contains(#"<a href="/login">Đăng nhập</a>"#))
        #expect(!header.contains("Tổ chức đảng"), "the menu's entries are for the signed-in")
    }

    @Test("the stylesheet folds the menu below 48rem, marks each chosen status its own way, hides a present member's reason, prints A4")
    func stylesheet() {
        let css = Stylesheet.css
        let phone = css[css.range(of: "@media (max-width: 47.99rem)")!.lowerBound...]
        #expect(phone.prefix(2_000).contains("header.site details.menu:not([open]) + nav { display: none; }"))
        #expect(css.contains("@media (min-width: 48rem) {\n  header.site details.menu { display: none; }"), "a wide screen shows the menu as a row")
        let signs = ["present", "absent", "excused"].map { status -> String? in
            css.firstMatch(of: try! Regex("label\\.\(status):has\\(input:checked\\)::after \\{ content: (\"[^\"]+\")"))
                .flatMap { $0.output[1].substring.map(String.init) }
        }
        #expect(signs.allSatisfy { $0 != nil } && Set(signs).count == 3, "each chosen status has a sign of its own: \(signs)")
        #expect(css.contains("fieldset.mark:has(label.present input:checked) input.reason { display: none; }"))
        #expect(css.contains("main { padding: .5rem 1rem 2rem; max-width: 70rem; margin: 0 auto; overflow-wrap: anywhere; }"),
                "a long unbroken word wraps instead of widening the page")
        let print = css[css.range(of: "@media print {")!.lowerBound...]
        #expect(print.contains("@page { size: A4;"))
        #expect(print.contains("header.site, nav.crumbs"), "no menu or trail on paper")
        #expect(print.contains("main form:not(:has(table, fieldset.mark))"), "forms do not print, except sheets: the attendance roll, a table of rows")
    }

    @Test("the attendance sheet classes each choice by its status, the chosen one checked, and the reason box", arguments: TestBackend.allCases)
    func attendanceSheet(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city)
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let binh = try await app.createMember("Trần Văn Bình", card: "2", in: tree.cellA1)
            let secretary = try await app.caller("bithua1", .secretary, scope: tree.cellA1)
            let session = try await app.cellSession(tree.cellA1, campaign: campaign)
            let tester = try app.testing()
            let taken = try await tester.sendRequest(.POST, "/study-sessions/\(session)/attendance", headers: secretary.web) {
                try $0.content.encode(secretary.form(["status[\(an)]": "present", "status[\(binh)]": "excused", "reason[\(binh)]": "Ốm"]), as: .urlEncodedForm)
            }
            #expect(taken.status == .seeOther)

            let sheet = String(buffer: try await tester.sendRequest(.GET, "/study-sessions/\(session)/attendance", headers: secretary.web).body)
            #expect(sheet.contains(#"<label class="present"><input type="radio" name="status[\#(an)]" value="present" checked/>Có mặt</label>"#))
            #expect(sheet.contains(#"<label class="absent"><input type="radio" name="status[\#(an)]" value="absent"/>Vắng</label>"#))
            #expect(sheet.contains(#"<label class="excused"><input type="radio" name="status[\#(binh)]" value="excused" checked/>Có lý do</label>"#))
            #expect(sheet.contains(#"<input class="reason" name="reason[\#(binh)]" value="Ốm""#))
            #expect(sheet.contains(#"<input class="reason" name="reason[\#(an)]" aria-label="Lý do vắng của Nguyễn Văn An""#), "every member has the box; the stylesheet hides it for the present")
            #expect(sheet.contains(#"<details class="menu"><summary>Menu</summary></details>"#))
        }
    }
}
