"""Words and numbers a user understands, at 360 px and at desktop width: after bithu takes the attendance of a session,
its history and the audit trail read as sentences ("… ghi điểm danh buổi học tập: N có mặt, 1 vắng có lý do"), with
dd/MM/yyyy HH:mm times and no ISO date, no stored code (`study.attendance`, `organizationId`) and no "∅"; the trail is
searched by its words without accents; the campaign page writes percentages with a comma in Vietnamese and a dot in
English, and names the unit once ("Toàn Đảng bộ …", never "Toàn đảng bộ Đảng bộ"); a member is found by given name
first ("binh nguyen van"), with the unit above their cell; a search that finds nobody says what to try. The session
recorded here is deleted again."""
import re
import urllib.parse

from browser import JourneyPass

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TIME = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")
CODES = ["study.", "organization.", "organizationId", "parentId", "∅"]


def run(r):
    r.at_both_widths(Pass)


def no_codes(text, where):
    found = [code for code in CODES if code in text]
    assert not found, f"{where} shows {found}"
    iso = ISO_DATE.search(text)
    assert not iso, f"{where} shows an ISO date “{iso.group(0)}”"


class Pass(JourneyPass):
    label = "50 words"

    def __init__(self, r, narrow):
        super().__init__(r, narrow)
        self.session = None
        self.title = None

    def steps(self):
        if self.step("bithu takes the attendance of a session: its history says so in a sentence, with a time and no code", self.history):
            self.step("admin's audit trail reads the same sentence, and finds it by “diem danh”", self.trail)
            self.step("bithu deletes the session again", self.delete)
        self.step("thanhuy's campaign page: a comma in Vietnamese, a dot in English, the unit named once", self.percentages)
        self.step("thanhuy finds a member by “binh nguyen van”, with the unit above the cell; nobody found says what to try", self.search)

    def history(self):
        r = self.r
        r.sign_in("bithu")
        cell, _ = r.first_unit()
        r.get(f"/study-sessions/new?unit={cell}")
        self.title = f"Sinh hoạt chuyên đề (CI {r.stamp} {self.width})"
        r.fill("title", self.title)
        r.submit(r.submit_button("/study-sessions/new", "Lưu"))
        path = r.expect_path(r"/study-sessions/\d+/attendance", "after recording the session")
        self.session = int(path.split("/")[2])
        marks = r.css_all("form fieldset.mark")
        assert len(marks) > 1, "the attendance sheet lists fewer than two members"
        radio = r.css("input[type=radio][value='excused']", marks[0])
        r.d.execute_script("arguments[0].scrollIntoView({block:'center'})", radio)
        radio.click()
        reason = r.css("input.reason", marks[0])
        reason.clear()
        reason.send_keys("Đi công tác")
        r.submit(r.submit_button(f"/study-sessions/{self.session}/attendance", "Lưu điểm danh"))
        r.get(f"/study-sessions/{self.session}")
        history = r.text("main")[r.text("main").find("Lịch sử thay đổi"):]
        expected = f"ghi điểm danh buổi học tập: {len(marks) - 1} có mặt, 1 vắng có lý do"
        assert expected in history, f"the history does not say “{expected}”: {history[:400]}"
        assert "Bí thư" in history, f"the history does not name the secretary: {history[:300]}"
        assert TIME.search(history), "the history shows no dd/MM/yyyy HH:mm time"
        no_codes(history, "the session's history")
        line = next(line for line in history.splitlines() if "ghi điểm danh" in line)
        return f"“{line.strip()}”"

    def trail(self):
        r = self.r
        r.sign_in("admin")
        r.get("/audit")
        text = r.text("main")
        expected = f"ghi điểm danh buổi học tập “{self.title}”"
        assert expected in text, f"the trail does not say “{expected}”"
        assert TIME.search(text), "the trail shows no dd/MM/yyyy HH:mm time"
        no_codes(text, "the audit trail")
        r.get("/audit?q=" + urllib.parse.quote("diem danh"))
        found = r.text("main")
        assert expected in found, "searching the trail for “diem danh” does not find the attendance"
        assert "đăng nhập ·" not in found, "searching for “diem danh” also lists sign-ins"
        return "found by “diem danh”"

    def delete(self):
        r = self.r
        r.sign_in("bithu")
        r.get(f"/study-sessions/{self.session}/delete")
        r.submit(r.submit_button(f"/study-sessions/{self.session}/delete", "Xóa buổi học tập"))
        r.expect_path(r"/study-sessions", "after deleting")
        return f"session #{self.session} deleted"

    def percentages(self):
        r = self.r
        r.sign_in("thanhuy")
        r.get("/campaigns")
        link = r.css("main table tbody tr td a").get_attribute("href")
        path = urllib.parse.urlparse(link).path
        r.get(path)
        vi = r.text("main")
        assert re.search(r"\d,\d%", vi), "no percentage with a decimal comma on the Vietnamese page"
        assert not re.search(r"\d\.\d%", vi), "a percentage with a decimal dot on the Vietnamese page"
        whole = r.css("main h2").text
        assert re.fullmatch(r"Toàn Đảng bộ [^ ].*", whole) and "Đảng bộ Đảng bộ" not in whole, \
            f"the unit is not named once as “Toàn Đảng bộ …”: “{whole}”"
        assert "Toàn đảng bộ Đảng bộ" not in vi, "“Toàn đảng bộ Đảng bộ” on the campaign page"
        assert "đảng viên (" in vi, "the figures do not say they count members"
        r.get(path + "?lang=en")
        en = r.text("main")
        assert re.search(r"\d\.\d%", en), "no percentage with a decimal dot on the English page"
        assert not re.search(r"\d,\d%", en), "a percentage with a decimal comma on the English page"
        share = re.search(r"\d[\d.,]*/[\d.,]+ members \(\d+\.\d%\)", en)
        assert share, "no “N/M members (x.y%)” on the English page"
        vi_share = re.search(r"[\d.]+/[\d.]+ đảng viên \([\d,]+%\)", vi)
        return f"vi “{vi_share.group(0) if vi_share else '?'}”, en “{share.group(0)}”"

    def search(self):
        r = self.r
        if r.current_user != "thanhuy":
            r.sign_in("thanhuy")
        r.get("/members?q=" + urllib.parse.quote("binh nguyen van"))
        rows = [row.text for row in r.css_all("main table tbody tr")]
        found = [row for row in rows if "Nguyễn Văn Bình" in row]
        assert found, f"“binh nguyen van” finds no Nguyễn Văn Bình: {rows[:5]}"
        assert all("— Đảng bộ" in row for row in found), f"a result does not show the unit above its cell: {found[:3]}"
        r.get("/members?q=zzzqqq")
        empty = r.text("main")
        assert "Không tìm thấy đảng viên nào khớp" in empty and "Thử tìm theo tên không dấu" in empty, f"nothing found says “{empty[:200]}”"
        return f"“{' '.join(found[0].split())}”"
