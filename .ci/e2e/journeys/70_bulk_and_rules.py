"""Work in bulk, and the rules the reports insist on, at 360 px and at desktop width.

The cell's secretary (bithu) reaches the cell's rating sheet from /ratings and enters the cell's proposals on one
sheet: a row scored 150 refuses the whole sheet, which comes back as typed with that score marked, and nothing is
saved; with that row emptied the sheet is saved and the sheet's page says for how many. The ward's officer (phuong)
opens a campaign's “Ai chưa học tập?” list from its figures and downloads it as XLSX: a real workbook holding as many
members as the page counts. A breakthrough that only restates the directive's slogan is refused although its target
and dates are given, the text kept, nothing added to the list. A session dated before the cell was founded is refused
with the cell's name and founding date, nothing recorded. Then phuong corrects a decided member of the cell downward
(“Hoàn thành tốt” → “Hoàn thành”) on the cell's sheet: accepted with a note, even when it leaves the ward's quota of
“xuất sắc” exceeded (the notice then says what to lower before closing the period); the member's decision is then
set back to what it was. Left behind: one proposal per pass for a member who had none and, when the quota had to be
filled to make the correction bind, a decision for two members who had a proposal and none.
"""
import datetime
import io
import re
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

from browser import JourneyPass, number, vn_today

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SLOGAN = "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh theo Chỉ thị 05-CT/TW năm 2026"
LEVEL_GOOD = "Hoàn thành tốt nhiệm vụ"
LEVEL_DONE = "Hoàn thành nhiệm vụ"


def run(r):
    r.at_both_widths(Pass)


class Pass(JourneyPass):
    label = "70 bulk and rules"

    def __init__(self, r, narrow):
        super().__init__(r, narrow)
        self.cell = None
        self.cell_name = None
        self.period = None
        self.proposed = None  # (member id, name) given a proposal on the bulk sheet

    def steps(self):
        self.step("bithu enters proposals on the cell's one sheet: a row scored 150 refuses it (kept, marked, nothing saved); "
                  "then saved, with a note", self.bulk_proposals)
        self.step("bithu's session dated before the cell was founded is refused, naming the cell and its founding date", self.session_before_founding)
        self.step("phuong downloads “Ai chưa học tập?” as XLSX: a workbook with as many members as the page", self.export)
        self.step("phuong's breakthrough that only restates the slogan is refused despite its target and dates", self.vague_breakthrough)
        self.step("phuong corrects a decided member of the cell downward: accepted with a note, then set back", self.downward_correction)

    # ------------------------------------------------------------------ helpers

    def follow(self, link):
        r = self.r
        r.d.get(link.get_attribute("href"))
        r.loaded()

    def link(self, selector, text=None, where=""):
        links = [a for a in self.r.css_all(selector) if text is None or text in a.text]
        assert links, f"no link {selector}" + (f" “{text}”" if text else "") + f" on {where or self.r.url()}"
        return links[0]

    def total(self):
        """The count a paged list gives (“Trang 1/1 · 3 kết quả”); 0 when it shows no pager (nothing listed)."""
        pagers = self.r.css_all("main nav.pager span")
        match = re.search(r"([\d.]+) kết quả", pagers[0].text) if pagers else None
        return number(match.group(1)) if match else 0

    def own_cell(self):
        """bithu's cell: the first unit their organisations page lists."""
        if not self.cell:
            self.cell, self.cell_name = self.r.first_unit()
        return self.cell

    def open_cell_sheet(self):
        """/ratings → the first period → (from a ward's roll-up, the cell's row) → “Phiếu đánh giá đảng viên”."""
        r = self.r
        r.get("/ratings")
        self.follow(self.link("main a[href^='/rating-periods/']", where="/ratings"))
        self.period = int(urllib.parse.urlparse(r.d.current_url).path.split("/")[2])
        # The secretary lands on the cell's page of the period; an officer on their unit's roll-up, which lists the cell.
        if not r.css_all(f"main a.button[href*='/sheet?unit={self.cell}']"):
            self.follow(self.link(f"main table a[href*='unit={self.cell}']", where="the roll-up"))
        self.follow(self.link(f"main a.button[href*='/sheet?unit={self.cell}']", "Phiếu đánh giá", "the cell's period page"))
        r.expect_path(rf"/rating-periods/{self.period}/sheet", "the cell's sheet")

    def section(self, member):
        """The member's card on the cell's sheet, looked for page by page from the current one."""
        r = self.r
        for _ in range(10):
            found = r.css_all(f"main section#member-{member}")
            if found:
                return found[0]
            following = r.css_all("main nav.pager a[rel=next]")
            if not following:
                break
            self.follow(following[0])
        raise AssertionError(f"member {member} is not on the cell's sheet")

    @staticmethod
    def facts(section):
        """A card's steps: {"Tự đánh giá": "…", "Chi bộ đề xuất": "…", "Cấp ủy cơ sở quyết định": "…"}."""
        terms = [e.get_attribute("textContent").strip() for e in section.find_elements("css selector", "dl.facts dt")]
        values = [e.get_attribute("textContent").strip() for e in section.find_elements("css selector", "dl.facts dd")]
        return dict(zip(terms, values))

    @staticmethod
    def decided(facts):
        return next((v for k, v in facts.items() if k.endswith("quyết định")), "")

    @staticmethod
    def proposal(facts):
        return next((v for k, v in facts.items() if k.endswith("đề xuất")), "")

    def quota(self):
        """The quota notice of the sheet (“Đã xếp E/A xuất sắc được phép (20% của G hoàn thành tốt)…”): (E, A, G, text, broken)."""
        for note in self.r.css_all("main p.notice, main p.errors"):
            match = re.match(r"Đã xếp (\d+)/(\d+) xuất sắc.*của (\d+) hoàn thành tốt", note.text)
            if match:
                return (*map(int, match.groups()), note.text, "errors" in (note.get_attribute("class") or ""))
        return None

    def decide(self, member, score, remark):
        """phuong's decision for a member on the cell's sheet; returns the note of the page it lands on."""
        r = self.r
        self.open_cell_sheet()
        card = self.section(member)
        form = [f for f in card.find_elements("css selector", "form") if r.css_all("input[name=step][value=decision]", f)]
        assert form, f"no decision form for member {member}"
        field = r.css(f"#score-decision-{member}", form[0])
        field.clear()
        field.send_keys(str(score))
        note = r.css(f"#explanation-decision-{member}", form[0])
        note.clear()
        note.send_keys(remark)
        r.submit(r.css("button[type=submit]", form[0]))
        r.expect_path(rf"/rating-periods/{self.period}/sheet", f"deciding {score} for member {member}")
        return self.r.flash()

    # ------------------------------------------------------------------ 1. one sheet for the cell

    def bulk_proposals(self):
        r = self.r
        r.sign_in("bithu")
        self.own_cell()
        self.open_cell_sheet()
        self.follow(self.link("main a[href*='/sheet/entry'][href*='step=proposal']", "Chấm cả bảng", "the cell's sheet"))
        entry = r.expect_path(rf"/rating-periods/{self.period}/sheet/entry", "“Chấm cả bảng: chi bộ đề xuất”")
        assert r.text("h1").startswith("Chi bộ đề xuất"), f"the sheet's title is “{r.text('h1')}”"
        # Rows nobody has scored in any step: the member's own account (dangvien) is left alone for the other journeys.
        member_name = (r.state.get("display") or {}).get("dangvien") or ""
        blank = []
        for row in r.css_all("main form tbody tr[id^='member-']"):
            score = r.css_all("input[name^='score[']", row)
            name = r.css("td strong", row).get_attribute("textContent").strip()
            so_far = r.css_all("td", row)[1].get_attribute("textContent").strip()
            if score and not score[0].get_attribute("value") and so_far == "—" and not (member_name and name in member_name):
                blank.append((int(row.get_attribute("id").split("-")[1]), name))
        assert len(blank) >= 2, f"fewer than two members of the cell without any score on the sheet: {blank}"
        (wrong, wrong_name), (right, right_name) = blank[0], blank[1]
        remark = f"Đề xuất hoàn thành tốt (CI {r.stamp})"
        r.fill(f"score-{wrong}", "150")
        r.fill(f"score-{right}", "75")
        r.css(f"input[name='explanation[{right}]']").send_keys(remark)
        form = r.form(entry)
        # The browser refuses 150 itself (max=100); the server is asked as a browser without that check would.
        assert not r.d.execute_script("return document.getElementById(arguments[0]).checkValidity()", f"score-{wrong}"), \
            "the browser takes 150 as a score"
        r.d.execute_script("arguments[0].noValidate = true", form)
        r.submit(r.submit_button(entry, "Lưu cả bảng"))
        r.expect_path(entry, "the refused sheet")
        problem = r.problem()
        assert "Điểm phải từ 0 đến 100" in problem, f"150 was not refused: “{problem}”"
        field = r.css(f"#score-{wrong}")
        assert field.get_attribute("value") == "150", f"{wrong_name}'s score came back as “{field.get_attribute('value')}”"
        assert field.get_attribute("aria-invalid") == "true", f"{wrong_name}'s score is not marked as the field at fault"
        errors = r.css_all("p.field-error", r.css(f"tr#member-{wrong}"))
        assert errors and errors[0].is_displayed(), f"no message on {wrong_name}'s row"
        message = errors[0].text
        kept = r.css(f"#score-{right}").get_attribute("value"), r.css(f"input[name='explanation[{right}]']").get_attribute("value")
        assert kept == ("75", remark), f"{right_name}'s row came back as {kept}"
        assert r.css(f"#score-{right}").get_attribute("aria-invalid") is None, f"{right_name}'s valid score is marked"

        r.css(f"#score-{wrong}").clear()
        r.submit(r.submit_button(entry, "Lưu cả bảng"))
        r.expect_path(rf"/rating-periods/{self.period}/sheet", "saving the sheet")
        note = self.r.flash()
        # One member saved: had the refused sheet kept its valid row, this save would have found nothing new.
        assert note == "Đã lưu chi bộ đề xuất cho 1 đảng viên.", f"the note is “{note}”"
        proposed = self.proposal(self.facts(self.section(right)))
        assert proposed.startswith(f"75 · {LEVEL_GOOD}") and remark in proposed, f"{right_name}'s proposal reads “{proposed}”"
        self.open_cell_sheet()
        untouched = self.proposal(self.facts(self.section(wrong)))
        assert untouched == "chưa có", f"{wrong_name}'s proposal reads “{untouched}” after the refusal"
        self.proposed = (right, right_name)
        return f"150 for {wrong_name} refused, kept and marked (“{message}” on its row); then “{note}” — {right_name}: {proposed}"

    # ------------------------------------------------------------------ 4. not before the unit existed

    def session_before_founding(self):
        r = self.r
        if r.current_user != "bithu":
            r.sign_in("bithu")
        cell = self.own_cell()
        r.get(f"/organizations/{cell}")
        founded = next((dd.text for dt, dd in zip(r.css_all("main dl.facts dt"), r.css_all("main dl.facts dd"))
                        if dt.text == "Ngày thành lập"), None)
        assert founded, "the cell's page gives no founding date"
        name = r.text("h1")
        self.follow(self.link("main .actions a", "Học tập", f"/organizations/{cell}"))
        listed = self.total()
        self.follow(self.link("main a[href*='/study-sessions/new']", where="the cell's sessions"))
        r.expect_path(r"/study-sessions/new", "the new session form")
        title = f"Sinh hoạt chi bộ ngày xưa (CI {r.stamp} {self.width})"
        r.fill("title", title)
        r.fill("heldOn", "01/01/1900")
        r.submit(r.submit_button("/study-sessions/new", "Lưu"))
        r.expect_path(r"/study-sessions/new", "a session dated 01/01/1900")
        problem = r.problem()
        expected = f"{name} thành lập ngày {founded}"
        assert expected in problem and "01/01/1900" in problem and "không được trước ngày thành lập" in problem, \
            f"the refusal says “{problem}”, not “{expected}: … (01/01/1900) không được trước ngày thành lập”"
        held = r.css("#heldOn")
        assert held.get_attribute("value") == "01/01/1900" and held.get_attribute("aria-invalid") == "true", \
            f"the date came back as “{held.get_attribute('value')}”, marked: {held.get_attribute('aria-invalid')}"
        assert r.css("#title").get_attribute("value") == title, "the title was not kept"
        below = r.css_all("#heldOn ~ p.field-error")
        assert below and below[0].is_displayed() and expected in below[0].text, "no message under the date"
        said = below[0].text
        r.get(f"/study-sessions?unit={cell}")
        assert self.total() == listed, f"the cell's sessions went from {listed} to {self.total()}"
        assert title not in r.text("main"), "the refused session is listed"
        return f"“{said}” under the date; {listed} sessions listed before and after"

    # ------------------------------------------------------------------ 2. a drill-down list in XLSX

    def export(self):
        r = self.r
        r.sign_in("phuong")
        r.get("/campaigns")
        campaigns = [a.get_attribute("href") for a in r.css_all("main table tbody tr td a[href*='/campaigns/']")]
        assert campaigns, "/campaigns lists no campaign"
        tried = []
        for href in campaigns[:6]:
            r.d.get(href)
            r.loaded()
            lists = [a for a in r.css_all("main a[href*='list=not-studied']") if "Ai chưa học tập" in a.text]
            if not lists:
                tried.append(f"{urllib.parse.urlparse(href).path}: no “Ai chưa học tập?”")
                continue
            self.follow(lists[0])
            r.expect_path(r"/campaigns/\d+/members", "“Ai chưa học tập?”")
            count = self.total()
            if count:
                break
            tried.append(f"{urllib.parse.urlparse(href).path}: nobody left to study")
        else:
            raise AssertionError("no campaign with members who have not studied: " + "; ".join(tried))
        heading = r.text("h1")
        assert heading.startswith("Chưa học tập"), f"the list's title is “{heading}”"
        first = r.css("main table tbody tr td a").text
        downloads = [a for a in r.css_all("main a[href*='/members.xlsx']")]
        assert downloads, "the list offers no XLSX download"
        button = downloads[0]
        assert button.is_displayed(), "the download link is not visible"
        assert f"{count} đảng viên" in button.text.replace(".", ""), f"the download reads “{button.text}”, the list counts {count}"
        path = urllib.parse.urlparse(button.get_attribute("href"))
        status, headers, body = r.fetch(path.path + "?" + path.query)
        assert status == 200, f"the download answered {status}"
        kind = headers.get("Content-Type", "")
        assert kind.startswith(XLSX_TYPE), f"the download is {kind}"
        assert "attachment" in headers.get("Content-Disposition", ""), f"not offered as a file: {headers.get('Content-Disposition')}"
        book = zipfile.ZipFile(io.BytesIO(body))
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        assert sheets, f"the workbook holds no worksheet: {book.namelist()}"
        rows = ET.fromstring(book.read(sheets[0])).findall(f"{SHEET_NS}sheetData/{SHEET_NS}row")
        cells = [["".join(t.text or "" for t in c.iter(f"{SHEET_NS}t")) or (c.findtext(f"{SHEET_NS}v") or "") for c in row]
                 for row in rows]
        assert len(rows) - 1 == count, f"the workbook has {len(rows) - 1} members under its header, the page counts {count}"
        assert "Họ và tên" in cells[0], f"the workbook's header is {cells[0]}"
        assert first in cells[1], f"the workbook's first member is {cells[1]}, the page's “{first}”"
        return f"{heading}: {count} on the page; {path.path}: {len(body)} bytes {kind.split(';')[0]}, {len(rows) - 1} rows + header {cells[0]}"

    # ------------------------------------------------------------------ 3. a breakthrough must be specific

    def vague_breakthrough(self):
        r = self.r
        if r.current_user != "phuong":
            r.sign_in("phuong")
        r.get("/breakthroughs")
        listed = self.total()
        self.follow(self.link("main .actions a[href*='/breakthroughs/new']", "Đặt khâu đột phá", "/breakthroughs"))
        r.expect_path(r"/breakthroughs/new", "“Đặt khâu đột phá”")
        today = vn_today()
        ends = min(today + datetime.timedelta(days=30), datetime.date(today.year, 12, 31))
        r.fill("content", SLOGAN)
        r.choose("targetKind", "numeric")
        r.fill("baselineValue", "40")
        r.fill("targetValue", "100")
        r.fill("measureUnit", "%")
        r.fill("ownerRole", "Bí thư Đảng ủy phường")
        r.fill("startsOn", today.strftime("%d/%m/%Y"))
        r.fill("endsOn", ends.strftime("%d/%m/%Y"))
        r.submit(r.submit_button("/breakthroughs/new", "Lưu"))
        r.expect_path(r"/breakthroughs/new", "the slogan as a breakthrough")
        problem = r.problem()
        assert "chỉ nhắc lại khẩu hiệu" in problem and "phải nêu cụ thể, không nêu chung chung" in problem, f"the refusal says “{problem}”"
        others = [m for m in ["chỉ tiêu", "ngày bắt đầu", "thời hạn", "nằm ngoài kỳ"] if m in problem.lower()]
        assert not others, f"the target or dates were refused too ({others}): “{problem}”"
        content = r.css("#content")
        assert content.get_attribute("value") == SLOGAN, f"the text came back as “{content.get_attribute('value')}”"
        below = r.css_all("#content ~ p.field-error")
        assert below and "chỉ nhắc lại khẩu hiệu" in below[0].text and below[0].is_displayed(), "no message under the content"
        said = below[0].text
        assert content.get_attribute("aria-invalid") == "true", "the content is not marked as the field at fault"
        assert r.css("#targetValue").get_attribute("value") == "100", "the target was not kept"
        r.get("/breakthroughs")
        assert self.total() == listed, f"the breakthroughs listed went from {listed} to {self.total()}"
        assert SLOGAN not in r.text("main"), "the slogan is listed as a breakthrough"
        return f"“{said[:120]}…” under the content; the text kept and marked; {listed} listed before and after"

    # ------------------------------------------------------------------ 5. a downward correction

    def downward_correction(self):
        r = self.r
        if r.current_user != "phuong":
            r.sign_in("phuong")
        if not self.cell:
            return "bithu's cell is unknown (step 1 did not run): nothing to correct"
        made = []
        # Make the quota bind when it does not (no “xuất sắc”, or room for more): decide members the cell proposed and
        # the ward has not decided yet — a “tốt” (75) while no “xuất sắc” is allowed, a “xuất sắc” (90) while there is room.
        for _ in range(6):
            self.open_cell_sheet()
            quota = self.quota()
            if not quota or (quota[0] > 0 and quota[0] >= quota[1]):
                break
            score = 90 if quota[0] < quota[1] else 75
            waiting = []  # (fits the score, member): a proposal of the level decided, or the one this pass made, first
            for card in r.css_all("main section[id^='member-']"):
                facts = self.facts(card)
                proposed = self.proposal(facts)
                if self.decided(facts) == "chưa có" and proposed != "chưa có" and r.css_all("input[name=step][value=decision]", card):
                    member = int(card.get_attribute("id").split("-")[1])
                    fits = (number(proposed.split(" ")[0]) or 0) >= 90 if score == 90 else self.proposed and member == self.proposed[0]
                    waiting.append((not fits, member))
            if not waiting:
                break
            waiting = [member for _, member in sorted(waiting)]
            note = self.decide(waiting[0], score, f"Cấp ủy quyết định (CI {r.stamp})")
            assert note.startswith("Đã ghi quyết định xếp loại") and f"{score} điểm" in note, f"deciding {score} noted “{note}”"
            made.append(note)

        self.open_cell_sheet()
        before = self.quota()
        good = None
        for card in r.css_all("main section[id^='member-']"):
            decision = self.decided(self.facts(card))
            if decision.startswith(tuple(str(s) for s in range(70, 90))) and LEVEL_GOOD in decision and \
                    r.css_all("input[name=step][value=decision]", card):
                good = (int(card.get_attribute("id").split("-")[1]), r.css("h2", card).text, int(decision.split(" ")[0]))
                break
        if not good:
            return f"not reachable in the demo: no member of {self.cell_name} decided “{LEVEL_GOOD}” on the sheet phuong sees"
        member, name, original = good
        note = self.decide(member, 65, f"Sửa xếp loại sau khi xem lại (CI {r.stamp})")
        expected = f"Đã ghi quyết định xếp loại {name}: 65 điểm, {LEVEL_DONE}."
        assert note == expected, f"the correction's note is “{note}”, expected “{expected}”"
        now = self.decided(self.facts(self.section(member)))
        assert now.startswith(f"65 · {LEVEL_DONE}"), f"{name}'s decision reads “{now}”"
        self.open_cell_sheet()
        after = self.quota()
        told = ""
        if after and after[0] > after[1]:
            assert after[4] and "cần hạ bớt xếp loại xuất sắc trước khi khóa sổ" in after[3], f"the exceeded quota reads “{after[3]}”"
            told = f"; the quota is exceeded and says so: “{after[3]}”"
        back = self.decide(member, original, f"Trả lại xếp loại ban đầu (CI {r.stamp})")
        assert back == f"Đã ghi quyết định xếp loại {name}: {original} điểm, {LEVEL_GOOD}.", f"setting it back noted “{back}”"
        self.open_cell_sheet()
        restored = self.quota()
        assert not (restored and restored[4]), f"after setting it back the quota reads “{restored[3]}”"
        return (("; ".join(made) + " — " if made else "") + f"quota before: “{before[3] if before else 'none'}”; "
                f"“{note}”{told}; set back: “{back}”")
