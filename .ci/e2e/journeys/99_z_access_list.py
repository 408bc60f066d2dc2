"""The access list at scale (issue 19): one page of 50 roles, newest first, paged by id with “Các vai trò giao trước
đó” (before=), narrowed by a role filter that the link keeps, never counted. Its data is made first through the API
as the administrator, in the committee below the city with the most units (not phuong's ward): a manager there, four
officers holding a role in each of its units, a secretary in each of its cells and two members' accounts — over 50
roles in one subtree, over 50 of them officers'.
At 360 px the subtree's manager walks their list (only their subtree's officers and their cells' members' accounts,
every role made there exactly once, newest first, no demo account of another unit), then filters it to officers and
walks it again; the “earlier” link is reached with the keyboard and shows its focus. At desktop width the city's
manager filters to secretaries, then to members. Sorts after the other journeys (“z”): it leaves about 70 roles."""
import re
import urllib.parse

import httpkit
from browser import JourneyPass
from selenium.webdriver.support.ui import Select

PASSWORD = "mat-khau-danh-sach-quyen"
EARLIER = "Các vai trò giao trước đó"
PAGE_SIZE = 50


def run(r):
    if Pass.make_roles(r):
        r.at_both_widths(Pass)


class Pass(JourneyPass):
    label = "99 access list"
    made = {}  # role -> ids of the grants made in the subtree; "manager", "subtree" (unit names), "members" (usernames)

    @classmethod
    def make_roles(cls, r):
        return r.step("99 access list: over 50 roles made in one committee's subtree through the API", lambda: cls.make(r))

    @classmethod
    def make(cls, r):
        token = httpkit.api_token(r.base, "admin")
        auth = {"Authorization": f"Bearer {token}"}

        def api(method, path, payload=None):
            answer = httpkit.post_json(r.base, path, payload, auth) if method == "POST" else httpkit.get(r.base, path, auth)
            assert answer.status in (200, 201), f"{method} {path} answered {answer.outcome()}: {answer.body[:300]!r}"
            return answer.json()

        units = api("GET", "/api/v1/organizations?per=200")["items"]
        children = {}
        for unit in units:
            children.setdefault(unit.get("parentId"), []).append(unit)

        def subtree(unit):
            return [unit] + [u for child in children.get(unit["id"], []) for u in subtree(child)]
        root = children[None][0]
        top = max((u for u in children.get(root["id"], []) if u["name"] != "Đảng bộ phường Gia Định"), key=lambda u: len(subtree(u)))
        inside = subtree(top)
        cells = [u for u in inside if u["memberCount"] > 0]
        stamp = r.stamp
        made = {"officer": [], "secretary": [], "member": [], "members": [], "subtree": {u["name"] for u in inside}}

        def account(name, display, grant):
            user = api("POST", "/api/v1/users", {"username": name, "password": PASSWORD, "displayName": display, "grant": grant})
            made[grant["role"]].append(user["grants"][0]["id"])
            return user["id"]

        account(f"ql{stamp}", "Quản lý danh sách quyền", {"role": "officer", "level": "manager", "organizationId": top["id"]})
        made["manager"] = f"ql{stamp}"
        for n in range(4):
            user = account(f"cb{stamp}{n}", f"Cán bộ theo dõi {n + 1}", {"role": "officer", "level": "viewer", "organizationId": inside[0]["id"]})
            for unit in inside[1:]:
                made["officer"].append(api("POST", f"/api/v1/users/{user}/grants", {"role": "officer", "level": "viewer", "organizationId": unit["id"]})["id"])
        secretary = account(f"bt{stamp}", "Bí thư nhiều chi bộ", {"role": "secretary", "organizationId": cells[0]["id"]})
        for cell in cells[1:]:
            made["secretary"].append(api("POST", f"/api/v1/users/{secretary}/grants", {"role": "secretary", "organizationId": cell["id"]})["id"])
        for n, cell in enumerate(cells[:2]):
            member = api("GET", f"/api/v1/members?unit={cell['id']}&per=1")["items"][0]
            account(f"dv{stamp}{n}", member["fullName"], {"role": "member", "memberId": member["id"]})
            made["members"].append(f"dv{stamp}{n}")
        cls.made = made
        total = sum(len(made[role]) for role in ("officer", "secretary", "member"))
        assert len(made["officer"]) > PAGE_SIZE and total > PAGE_SIZE, f"only {total} roles made ({len(made['officer'])} officers')"
        return (f"{total} roles in “{top['name']}” ({len(inside)} units): {len(made['officer'])} officers', {len(made['secretary'])} "
                f"secretaries', {len(made['member'])} members'")

    def steps(self):
        if self.narrow:
            if self.step("the manager's page 1: not counted, one card per role, its “earlier” link reached with Tab shows its focus", self.first_page):
                if self.step("the manager's pages: their subtree only, every role made there once, newest first", self.walk_all):
                    self.step("filtered to officers: only officers, the filter kept by the “earlier” link", lambda: self.walk_filtered("officer", "Cán bộ"))
        else:
            self.step("thanhuy filters to secretaries, then to members: the filter narrows the list", self.city_filters)

    # ------------------------------------------------------------------ reading the list

    def rows(self):
        """(grant id from its revoke link, account cell, role cell, scope cell) of each row of the page, read in one script."""
        return [(int(re.search(r"/access/grants/(\d+)/delete", href).group(1)), *cells) for href, *cells in self.r.d.execute_script("""
            return Array.from(document.querySelectorAll('main table tbody tr')).map(function (row) {
              var cells = Array.from(row.querySelectorAll('td')).slice(0, 3).map(function (c) { return c.innerText.trim(); });
              return [row.querySelector('a[href*="/access/grants/"]').getAttribute('href')].concat(cells);
            });""")]

    def earlier(self):
        links = [a for a in self.r.css_all("main a") if EARLIER in a.text]
        return links[0] if links else None

    def walk(self):
        """Every page from the one shown on, following the “earlier” links: the rows, and each link's query."""
        r = self.r
        rows, queries = [], []
        for _ in range(20):
            page = self.rows()
            assert len(page) <= PAGE_SIZE, f"a page lists {len(page)} roles"
            rows += page
            link = self.earlier()
            if not link:
                return rows, queries
            href = link.get_attribute("href")
            queries.append(urllib.parse.parse_qs(urllib.parse.urlparse(href).query))
            r.submit(link)
        raise AssertionError("more than 20 pages of roles")

    def check_order(self, rows):
        ids = [row[0] for row in rows]
        assert len(ids) == len(set(ids)), f"a role is listed twice: {sorted(i for i in ids if ids.count(i) > 1)[:5]}"
        assert ids == sorted(ids, reverse=True), f"not newest first: {ids[:8]}…"

    def first_page(self):
        r = self.r
        r.sign_in(Pass.made["manager"], PASSWORD)
        r.get("/access")
        assert "Mới giao trước; mỗi trang 50 vai trò." in r.text(), "the page does not say how it is ordered and paged"
        assert not r.css_all("main nav.pager") and "kết quả" not in r.text(), "the list is counted"
        # On a phone each role is a card: its “Thu hồi…” is on screen, not past the right edge of a table scrolled sideways.
        hidden = r.d.execute_script("""var width = document.documentElement.clientWidth;
            return Array.from(document.querySelectorAll('main table a.button')).filter(function (a) { return a.getBoundingClientRect().right > width; }).length;""")
        assert not hidden, f"{hidden} “Thu hồi…” buttons lie past the screen's right edge"
        link = self.earlier()
        assert link, "no “earlier” link on page 1"
        return f"every “Thu hồi…” on screen; “{EARLIER}” focused with a {r.focus_by_keyboard(link)} outline"

    def walk_all(self):
        made = Pass.made
        rows, queries = self.walk()
        self.check_order(rows)
        outside = [row for row in rows if row[3] != "—" and row[3] not in made["subtree"]]
        assert not outside, f"roles outside the manager's subtree: {outside[:3]}"
        for demo in ("(thanhuy)", "(phuong)", "(xem)", "(bithu)", "(dangvien)", "(admin)"):
            assert not any(demo in row[1] for row in rows), f"the manager sees {demo}, of another unit"
        ids = {row[0] for row in rows}
        mine = set(made["officer"] + made["secretary"] + made["member"])
        assert mine <= ids, f"roles made in the subtree are missing (a gap between pages?): {sorted(mine - ids)[:8]}"
        for username in made["members"]:
            assert any(f"({username})" in row[1] and row[2] == "Đảng viên" for row in rows), f"the member's account {username} is not listed"
        assert len(queries) >= 1 and len(rows) > PAGE_SIZE, f"{len(rows)} roles in {len(queries) + 1} page(s)"
        return f"{len(rows)} roles in {len(queries) + 1} pages, ids {rows[0][0]}…{rows[-1][0]}, {len(mine)} of them made here"

    def walk_filtered(self, role, label):
        r, made = self.r, Pass.made
        Select(r.css("#role-filter")).select_by_value(role)
        r.submit(r.submit_button("form[role=search]", "Lọc"))
        query = urllib.parse.parse_qs(urllib.parse.urlparse(r.d.current_url).query)
        assert query.get("role") == [role], f"the filter's address is {r.url()}"
        rows, queries = self.walk()
        assert queries, "no “earlier” link for the officers' roles, over 50 of them"
        for q in queries:
            assert q.get("role") == [role], f"the “earlier” link drops the filter: {q}"
        assert Select(r.css("#role-filter")).first_selected_option.get_attribute("value") == role, "the last page's filter does not show the role"
        self.check_order(rows)
        wrong = [row for row in rows if row[2].split(" · ")[0] != label]
        assert not wrong, f"other roles under the filter “{label}”: {wrong[:3]}"
        missing = set(made[role]) - {row[0] for row in rows}
        assert not missing, f"officers' roles made here are missing: {sorted(missing)[:8]}"
        return f"{len(rows)} {label} roles in {len(queries) + 1} pages"

    def city_filters(self):
        r, made = self.r, Pass.made
        r.sign_in("thanhuy")
        r.get("/access")
        first = self.rows()
        assert len(first) == PAGE_SIZE and self.earlier(), f"the city's page 1 lists {len(first)} roles"
        found = {}
        for role, label in (("secretary", "Bí thư chi bộ"), ("member", "Đảng viên")):
            Select(r.css("#role-filter")).select_by_value(role)
            r.submit(r.submit_button("form[role=search]", "Lọc"))
            rows = self.rows()
            wrong = [row for row in rows if row[2].split(" · ")[0] != label]
            assert rows and not wrong, f"the filter {role} lists {len(rows)} roles, {wrong[:2]} of others"
            missing = set(made[role]) - {row[0] for row in rows}
            assert not missing, f"{label}: the roles made in the subtree are missing: {sorted(missing)[:5]}"
            found[label] = len(rows)
        return ", ".join(f"{n} {label}" for label, n in found.items())
