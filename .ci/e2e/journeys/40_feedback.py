"""Feedback and safety, at 360 px and at desktop width: after each action the page it returns to says what
happened, with its numbers (a session recorded, its attendance saved, a reminder sent, a document registered);
Enter in the session form saves it instead of adding rows; deleting a session asks first on a page of its own
that says what goes with it, with a dangerous button and a way back; a refused self-assessment comes back with
its score and text and the score marked; the viewer sees no button to change the tree or a member, and the city
officer is not offered the cell's proposal. Closing a campaign, closing a rating period and revoking a role each
lead to a question that says what is lost, with a dangerous button and a way back (taken: nothing is closed). The session recorded here is deleted again; a reminder and a
document stay (each pass registers its own number)."""
import re
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser import JourneyPass


def run(r):
    r.at_both_widths(Pass)


class Pass(JourneyPass):
    label = "40 feedback"

    def __init__(self, r, narrow):
        super().__init__(r, narrow)
        self.cell = None
        self.session = None

    def steps(self):
        ok = self.step("bithu records a session with Enter: saved, and the attendance sheet says so", self.record_session)
        ok = ok and self.step("bithu saves the attendance: the session page says how many were marked", self.take_attendance)
        ok = ok and self.step("bithu deletes the session: a page asks first, saying what goes with it; then a note", self.delete_session)
        self.step("bithu reminds a member to register: back on the roll, at the member, with a note", self.remind)
        self.step("phuong registers a document: its page says so", self.register_document)
        self.step("dangvien's refused self-assessment keeps its score and text, the score marked", self.refused_self_assessment)
        self.step("xem sees no button to change a unit or a member", self.viewer)
        self.step("thanhuy is not offered the cell's proposal", self.city_officer)
        self.step("thanhuy is asked before closing a campaign, and goes back", self.campaign_question)
        self.step("thanhuy is asked before closing a rating period, and goes back", self.rating_question)
        self.step("admin is asked before revoking a role, and goes back", self.revoke_question)

    # ------------------------------------------------------------------ helpers

    def own_cell(self):
        self.cell, _ = self.r.first_unit()
        return self.cell

    # ------------------------------------------------------------------ steps

    def record_session(self):
        r = self.r
        r.sign_in("bithu")
        cell = self.own_cell()
        r.get(f"/study-sessions/new?unit={cell}")
        title = f"Sinh hoạt chi bộ (CI {r.stamp} {self.width})"
        r.fill("title", title)
        campaign = Select(r.d.find_element(By.ID, "campaignId"))
        if len(campaign.options) > 1:
            campaign.select_by_index(1)
        # Enter in a field sends the form's first submit button: Save, not “more rows”.
        r.fill("presenter", "Bí thư chi bộ").send_keys(Keys.ENTER)
        WebDriverWait(r.d, 20).until(lambda d: urllib.parse.urlparse(d.current_url).path != "/study-sessions/new")
        r.loaded()
        path = r.expect_path(r"/study-sessions/\d+/attendance", "Enter in the session form")
        self.session = int(path.split("/")[2])
        note = self.r.flash()
        assert f"Đã ghi buổi học tập “{title}”" in note and "Mời điểm danh" in note, f"the sheet's note is “{note}”"
        return f"session #{self.session}: “{note}”"

    def take_attendance(self):
        r = self.r
        marks = r.css_all("form fieldset.mark")
        assert marks, "the attendance sheet lists nobody"
        radio = r.css("input[type=radio][value='excused']", marks[0])
        r.d.execute_script("arguments[0].scrollIntoView({block:'center'})", radio)
        radio.click()
        reason = r.css("input.reason", marks[0])
        reason.clear()
        reason.send_keys("Đi công tác")
        r.submit(r.submit_button(f"/study-sessions/{self.session}/attendance", "Lưu điểm danh"))
        r.expect_path(rf"/study-sessions/{self.session}", "after saving the attendance")
        note = self.r.flash()
        n = len(marks)
        expected = f"Đã lưu điểm danh {n} đảng viên: {n - 1} có mặt, 1 vắng có lý do, 0 vắng không lý do."
        assert note == expected, f"the note is “{note}”, expected “{expected}”"
        r.get(f"/study-sessions/{self.session}")
        assert not self.r.flash(), "the note shows again on the next visit"
        return note

    def delete_session(self):
        r = self.r
        links = [a for a in r.css_all("main .actions a") if "Xóa buổi học tập" in a.text]
        assert links, "no “Xóa buổi học tập” on the session's page"
        assert "danger" in (links[0].get_attribute("class") or ""), "the delete link is not styled as dangerous"
        r.d.get(links[0].get_attribute("href"))
        r.loaded()
        r.expect_path(rf"/study-sessions/{self.session}/delete", "the delete link")
        h1 = r.text("h1")
        assert re.search(r"cùng điểm danh của \d+ đảng viên( và \d+ điểm cầu)?\?$", h1), f"the question is “{h1}”"
        assert r.css_all(f"main a[href='/study-sessions/{self.session}']"), "no way back to the session"
        button = r.submit_button(f"/study-sessions/{self.session}/delete", "Xóa buổi học tập")
        assert "danger" in (button.get_attribute("class") or ""), "the delete button is not styled as dangerous"
        r.submit(button)
        r.expect_path(r"/study-sessions", "after deleting")
        note = self.r.flash()
        assert note.startswith("Đã xóa buổi học tập") and "cùng điểm danh của" in note, f"the note is “{note}”"
        self.session = None
        return f"asked “{h1}”, then “{note}”"

    def remind(self):
        r = self.r
        if r.current_user != "bithu":
            r.sign_in("bithu")
        cell = self.cell or self.own_cell()
        r.get(f"/commitments?unit={cell}")
        query = urllib.parse.urlparse(r.d.current_url).query
        buttons = [b for b in r.css_all("main form button[type=submit]") if "Nhắc đăng ký" in b.text]
        if not buttons:
            return "everyone in the cell has registered: no reminder to send"
        item = buttons[0].find_element(By.XPATH, "./ancestor::li")
        member = item.get_attribute("id")
        name = r.css("a", item).text
        r.submit(buttons[0])
        parsed = urllib.parse.urlparse(r.d.current_url)
        assert parsed.path == "/commitments" and f"unit={cell}" in parsed.query, f"the reminder returned to {r.d.current_url}"
        assert parsed.fragment == member, f"the reminder returned to #{parsed.fragment}, not #{member}"
        note = self.r.flash()
        assert note.startswith(f"Đã nhắc {name} đăng ký làm theo năm"), f"the note is “{note}”"
        return f"{query} → {parsed.query}#{parsed.fragment}: “{note}”"

    def register_document(self):
        r = self.r
        r.sign_in("phuong")
        r.get("/documents/new")
        number = f"{int(r.stamp[:6]) % 900 + 100}{1 if self.narrow else 2}"
        symbol = f"{number}-KH/ĐU"
        r.fill("symbol", symbol)
        r.fill("title", f"Kế hoạch học tập chuyên đề (CI {r.stamp})")
        r.fill("issuedOn", "02/01/2026")
        checked = r.css_all("main input[name=organizationId]:checked")
        assert checked, "the ward officer's own unit is not chosen by default"
        r.submit(r.submit_button("/documents/new", "Lưu"))
        r.expect_path(r"/documents/\d+", f"registering {symbol}")
        note = self.r.flash()
        assert note == f"Đã vào sổ văn bản {symbol} ngày 02/01/2026.", f"the note is “{note}”"
        return note

    def refused_self_assessment(self):
        r = self.r
        r.sign_in("dangvien")
        r.get("/me/ratings")
        forms = [f for f in r.css_all("main form[method=post]") if "/me/ratings/" in (f.get_attribute("action") or "")]
        if not forms:
            return "no self-assessment open for dangvien in the demo"
        form = forms[0]
        score = r.css("input[name=score]", form)
        score_id = score.get_attribute("id")
        text = f"Hoàn thành tốt nhiệm vụ (CI {r.stamp})"
        score.clear()
        score.send_keys("150")
        explanation = r.css("textarea[name=explanation]", form)
        explanation.clear()
        explanation.send_keys(text)
        r.submit(r.css("button[type=submit]", form))
        assert "Điểm phải từ 0 đến 100" in r.problem(), f"150 was not refused: “{r.problem()}”"
        score = r.d.find_element(By.ID, score_id)
        assert score.get_attribute("value") == "150", f"the score came back as “{score.get_attribute('value')}”"
        assert score.get_attribute("aria-invalid") == "true", "the score is not marked as the field at fault"
        explanation = r.css(f"#{score_id.replace('score', 'explanation')}")
        assert explanation.get_attribute("value") == text, f"the text came back as “{explanation.get_attribute('value')}”"
        return f"#{score_id} kept 150 and the text"

    def viewer(self):
        r = self.r
        r.sign_in("xem")
        r.get("/organizations")
        r.d.get(r.css("main table tbody tr td:first-child a").get_attribute("href"))
        r.loaded()
        unit = urllib.parse.urlparse(r.d.current_url).path
        labels = [a.text for a in r.css_all("main .actions a")]
        changes = [label for label in labels if label.startswith(("Thêm", "Sửa", "Chuyển", "Hợp nhất", "Giải thể"))]
        assert not changes, f"the viewer is offered {changes} on {unit}"
        r.get("/members")
        members = r.css_all("main table tbody tr td a[href^='/members/']")
        member = []
        if members:
            r.d.get(members[0].get_attribute("href"))
            r.loaded()
            member = [a.text for a in r.css_all("main .actions a")]
            assert not member, f"the viewer is offered {member} on a member's page"
        return f"{unit}: only {labels}; a member's page: {member or 'nothing'}"

    def city_officer(self):
        r = self.r
        r.sign_in("thanhuy")
        r.get("/ratings")
        periods = r.css_all("main a[href^='/rating-periods/']")
        if not periods or not self.cell:
            return "no rating period or cell in the demo"
        period = urllib.parse.urlparse(periods[0].get_attribute("href")).path.split("/")[2]
        r.get(f"/rating-periods/{period}/sheet?unit={self.cell}")
        proposals = r.css_all("main input[name=step][value=proposal]")
        assert not proposals, f"the city officer is offered {len(proposals)} proposal forms on the cell's sheet"
        return f"sheet of cell {self.cell}: no “Chi bộ đề xuất” form"

    # ------------------------------------------------------------------ irreversible actions ask first

    def question(self, link_text, answer, lost):
        """Follows the link whose text starts with `link_text` (dangerous, or secondary in a table's rows) to its question page: a question, what is
        lost (each of `lost` said), a dangerous `answer` button and a way back, taken."""
        r = self.r
        here = urllib.parse.urlparse(r.d.current_url).path
        links = [a for a in r.css_all("main a.button") if a.text.startswith(link_text)]
        assert links, f"no “{link_text}…” on {here}"
        style = links[0].get_attribute("class") or ""
        assert "danger" in style or "secondary" in style, f"“{link_text}” is styled as the page's main action"
        r.d.get(links[0].get_attribute("href"))
        r.loaded()
        h1 = r.text("h1")
        assert h1.endswith("?"), f"the page does not ask: “{h1}”"
        said = r.text("main")
        for words in lost:
            assert words in said, f"the question does not say “{words}”"
        buttons = [b for b in r.css_all("main form button[type=submit]") if b.text == answer]
        assert buttons and "danger" in (buttons[0].get_attribute("class") or ""), f"no dangerous “{answer}” button"
        back = [a for a in r.css_all("main .actions a") if a.text.strip()]
        assert back, "no way back"
        r.d.get(back[0].get_attribute("href"))
        r.loaded()
        return f"“{h1}” → back to {urllib.parse.urlparse(r.d.current_url).path}"

    def campaign_question(self):
        r = self.r
        r.sign_in("thanhuy")
        r.get("/campaigns")
        r.d.get(r.css("main table tbody tr td a").get_attribute("href"))
        r.loaded()
        campaign = urllib.parse.urlparse(r.d.current_url).path
        asked = self.question("Kết thúc đợt triển khai", "Kết thúc đợt triển khai", ["Số liệu giữ nguyên như hôm nay", "Không mở lại được."])
        assert urllib.parse.urlparse(r.d.current_url).path == campaign, "the way back does not lead to the campaign"
        assert r.css_all("main a.button.danger"), "the campaign was closed by asking"
        return asked

    def rating_question(self):
        r = self.r
        r.sign_in("thanhuy")
        r.get("/ratings")
        periods = r.css_all("main a[href^='/rating-periods/']")
        if not periods:
            return "no rating period in the demo"
        r.d.get(periods[0].get_attribute("href"))
        r.loaded()
        return self.question("Khóa sổ kỳ này", "Khóa sổ", ["Số liệu được chụp lại như hôm nay", "phải mở lại kỳ"])

    def revoke_question(self):
        r = self.r
        r.sign_in("admin")
        r.get("/access")
        return self.question("Thu hồi", "Thu hồi vai trò", ["Vai trò bị thu hồi:", "phải giao một vai trò mới"])
