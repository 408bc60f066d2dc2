"""A search past 1,000 matches (issue 19): lists count matches only up to 1,000 and then say “hơn 1.000 kết quả”,
with no last page, while their pager still leads to every match. The demo has no search that many match, so the city
(thanhuy, through the API) first makes a cell and imports 1,001 members into it from a spreadsheet: every name has
the word “Wen” (no Vietnamese name has a w); 1,000 of them are “Thử Wen …”, the last one “Lẻ Wen An”. The import is
keyed by card number: a second run changes nothing.
At desktop width: “wen” says “hơn 1.000” on every page and its pages, walked with “Trang sau”, hold the 1,001
members once each, in order; “wen thu” (exactly 1,000) says “Trang 1/20 · 1.000 kết quả” and its page 20 is the
last; the cell's own list, not searched, is counted exactly (1.001). At 360 px: the same pages fit the screen and
the pager's link shows its keyboard focus. Sorts after the other journeys (“z”): it leaves the cell and its members."""
import csv
import io
import time
import urllib.parse

import httpkit
from browser import JourneyPass

CELL_CODE = "CI-WEN"
GIVEN_NAMES = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nam"]
PAGE_SIZE = 50


def run(r):
    if r.step("99 large lists: a cell of 1,001 members imported through the API", lambda: make_members(r)):
        r.at_both_widths(Pass)


# The cell made, and the order in which the API lists the members “wen” finds (every one of them, once).
STATE = {}


def members_csv(cell):
    """The export's columns; 1,000 “Thử Wen <tên>” and one “Lẻ Wen An”, cards CIWEN0001…CIWEN1001."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Số thẻ đảng viên", "Họ và tên", "Họ", "Chữ đệm", "Tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng",
                     "Ngày chính thức", "Tình trạng", "Mã chi bộ", "Tên chi bộ"])
    for n in range(1, 1002):
        family, given = ("Thử", GIVEN_NAMES[n % len(GIVEN_NAMES)]) if n <= 1000 else ("Lẻ", "An")
        writer.writerow([f"CIWEN{n:04d}", f"{family} Wen {given}", family, "Wen", given, "Nam" if n % 2 else "Nữ",
                         f"{1 + n % 28:02d}/{1 + n % 12:02d}/{1950 + n % 40}", "03/02/2010", "03/02/2011", "Chính thức",
                         cell["code"], cell["name"]])
    return out.getvalue()


def make_members(r):
    auth = {"Authorization": f"Bearer {httpkit.api_token(r.base, 'thanhuy')}"}

    def answer(result, what):
        assert result.status in (200, 201, 202), f"{what} answered {result.outcome()}: {result.body[:300]!r}"
        return result.json()
    found = answer(httpkit.get(r.base, f"/api/v1/organizations?q={CELL_CODE}", auth), "finding the cell")["items"]
    if found:
        cell = found[0]
    else:
        units = answer(httpkit.get(r.base, "/api/v1/organizations?per=200", auth), "the units")["items"]
        root = next(u for u in units if u.get("parentId") is None)
        ward = next(u for u in units if u.get("parentId") == root["id"] and u["kindCode"] == "commune" and u["name"] != "Đảng bộ phường Gia Định")
        cell = answer(httpkit.post_json(r.base, "/api/v1/organizations", {"name": "Chi bộ Khu phố thử danh sách lớn", "code": CELL_CODE,
                                                                          "kindCode": "cell", "parentId": ward["id"]}, auth), "creating the cell")
    body = members_csv(cell)
    job = answer(httpkit.request(r.base, "POST", "/api/v1/imports?kind=members&dryRun=false&fileName=wen.csv",
                                 {**auth, "Content-Type": "text/csv", "Accept": "application/json"}, body, timeout=60), "the import")
    for _ in range(120):
        if job["state"] != "running":
            break
        time.sleep(0.5)
        job = answer(httpkit.get(r.base, f"/api/v1/imports/{job['id']}", auth), "the import's job")
    report = job.get("report") or {}
    assert job["state"] == "finished" and not report.get("errors") and report.get("applied"), \
        f"the import {job['state']}: “{report.get('summary')}”, errors {report.get('errors', [])[:3]} {job.get('error') or ''}"
    order = []
    for page in range(1, 7):
        listed = answer(httpkit.get(r.base, f"/api/v1/members?q=wen&per=200&page={page}", auth), "the API's search")
        order += [member["id"] for member in listed["items"]]
    cell_members = set()
    for page in range(1, 7):
        listed = answer(httpkit.get(r.base, f"/api/v1/members?unit={cell['id']}&per=200&page={page}", auth), "the cell's members")
        cell_members |= {member["id"] for member in listed["items"]}
    assert len(order) == len(set(order)) == 1001 and set(order) == cell_members, \
        f"the API's search lists {len(order)} rows, {len(set(order))} distinct, {len(set(order) ^ cell_members)} unlike the cell's {len(cell_members)}"
    STATE.update(cell=cell, order=order)
    return f"cell {cell['code']} ({cell['id']}): {report['rows']} rows, {report['created']} created, {report['unchanged']} unchanged"


class Pass(JourneyPass):
    label = "99 large lists"

    def steps(self):
        self.r.sign_in("thanhuy")
        if self.narrow:
            self.step("“wen” at 360 px: the first and the last page fit, the pager's link shows its focus", self.phone)
        else:
            self.step("“wen” (1,001 matches): “hơn 1.000” on every page; pages 1, 2, 20, 21 hold the API's members in order", self.walk)
            self.step("“wen thu” (exactly 1,000): “Trang 1/20 · 1.000 kết quả”, page 20 the last", self.exactly_thousand)
            self.step("the cell's own list, not searched, is counted exactly: 1.001", self.cell_list)

    def page(self):
        """(member ids of the rows, names, the pager's summary, the next page's address or None)."""
        r = self.r
        links = r.css_all("main table tbody tr td:first-child a")
        ids = [int(a.get_attribute("href").rstrip("/").split("/")[-1]) for a in links]
        nexts = r.css_all("main nav.pager a[rel=next]")
        return ids, [a.text for a in links], r.text("main nav.pager span"), nexts[0].get_attribute("href") if nexts else None

    def follow(self, number, order):
        """Checks the page shown is page `number` of “wen”: its summary, its rows those of the API's order, its links."""
        ids, names, summary, following = self.page()
        assert summary == f"Trang {number} · hơn 1.000 kết quả", f"page {number} says “{summary}”"
        expected = order[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
        assert ids == expected, f"page {number} lists {len(ids)} members, not the {len(expected)} that follow page {number - 1}"
        assert all(" Wen " in name for name in names), f"page {number} lists others"
        assert (number > 1) == bool(self.r.css_all("main nav.pager a[rel=prev]")), f"page {number}'s previous link"
        return following

    def walk(self):
        r, order = self.r, STATE["order"]
        r.get("/members?q=wen")
        following = self.follow(1, order)
        assert following, "page 1 links no next page"
        r.d.get(following)
        r.loaded()
        self.follow(2, order)
        r.get("/members?q=wen&page=20")
        following = self.follow(20, order)
        assert following, "page 20 links no next page: the 1,001st member cannot be reached"
        r.d.get(following)
        r.loaded()
        assert not self.follow(21, order), "the last page links a next one"
        # Past the last match (a full last page links one more): the end of the list, not a search that found nothing.
        r.get("/members?q=wen&page=22")
        assert "Không còn đảng viên nào ở trang này." in r.text() and r.css_all("main nav.pager a[rel=prev]"), \
            f"page 22 says “{r.text('main p.muted')}”"
        return "pages 1, 2, 20 and 21 (1 row) are the API's 1,001 members in order, each “hơn 1.000 kết quả”; page 22 says it is past the end"

    def exactly_thousand(self):
        r = self.r
        r.get("/members?q=" + urllib.parse.quote("wen thu"))
        ids, _, summary, following = self.page()
        assert summary == "Trang 1/20 · 1.000 kết quả", f"page 1 says “{summary}”"
        assert following, "no next page"
        r.get("/members?q=" + urllib.parse.quote("wen thu") + "&page=20")
        ids, names, summary, following = self.page()
        assert summary == "Trang 20/20 · 1.000 kết quả" and len(ids) == PAGE_SIZE and not following, \
            f"page 20 says “{summary}”, {len(ids)} rows, next {following}"
        assert all(n.startswith("Thử Wen ") for n in names), "page 20 lists others"
        return f"page 1 and 20: “{summary}”"

    def cell_list(self):
        r = self.r
        r.get(f"/members?unit={STATE['cell']['id']}")
        _, _, summary, following = self.page()
        assert summary == "Trang 1/21 · 1.001 kết quả" and following, f"the cell's list says “{summary}”"
        return f"“{summary}”"

    def phone(self):
        r = self.r
        r.get("/members?q=wen")
        _, _, summary, following = self.page()
        assert summary == "Trang 1 · hơn 1.000 kết quả" and following, f"page 1 says “{summary}”"
        width, viewport, culprit = r.page_width()
        assert width <= viewport, f"page 1 is {width}px wide: {culprit}"
        r.get("/members?q=wen&page=21")
        ids, _, summary, following = self.page()
        assert summary == "Trang 21 · hơn 1.000 kết quả" and len(ids) == 1 and not following, f"page 21 says “{summary}” with {len(ids)} rows"
        outline = r.focus_by_keyboard(r.css("main nav.pager a[rel=prev]"))
        return f"page 1 and 21 fit; “Trang trước” focused with a {outline} outline"
