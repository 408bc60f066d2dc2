"""Inspections and supervision (kiểm tra, giám sát), at 360 px and at desktop width, on the demo's data: the city
officer finds the city's inspection of the study of Resolution XIII, its facts, team and steps, the wards'
self-reports (late ones marked), the session, a strength and a shortcoming with its criticism, the conclusion and
the recommendations as tasks (one overdue); from the list, every open recommendation of the subtree, overdue first.
A finding without its text is refused with what was typed kept and nothing saved. The `xem` account, on the team,
reads an inspected ward that is not its own while the inspection runs, and the city sees that read in the team's
log; the city committee itself, outside the inspection, stays closed to it."""
import urllib.parse

from browser import JourneyPass, StepFailed

SUBJECT = "Lãnh đạo, chỉ đạo việc học tập, quán triệt Nghị quyết Đại hội XIII của Đảng"


def run(r):
    r.at_both_widths(Pass)


class Pass(JourneyPass):
    label = "90 inspections"

    def __init__(self, r, narrow):
        super().__init__(r, narrow)
        self.inspection = None
        self.other_ward = None

    def steps(self):
        ok = self.step("thanhuy lists the city's inspections and opens the one running", self.list)
        ok = ok and self.step("its page: decision, team with three roles, steps, self-reports (late marked), session, findings with a criticism", self.page)
        ok and self.step("its recommendations are tasks, one overdue; the subtree's open recommendations list overdue first", self.recommendations)
        ok and self.step("a finding without its text is refused, as typed, and nothing is saved", self.refused_finding)
        ok and self.step("xem, on the team, reads another inspected ward; the city sees the read in the team's log", self.lent_read)
        ok and self.step("xem cannot read the city committee, outside the inspection", self.outside)

    def list(self):
        r = self.r
        r.sign_in("thanhuy")
        r.get("/inspections")
        assert r.text("h1").startswith("Kiểm tra, giám sát"), f"h1 is “{r.text('h1')}”"
        links = [a for a in r.css_all("main table tbody tr td a") if a.text == SUBJECT]
        assert links, "the demo inspection is listed"
        self.inspection = int(links[0].get_attribute("href").rstrip("/").split("/")[-1])
        return f"inspection #{self.inspection}"

    def page(self):
        r = self.r
        r.get(f"/inspections/{self.inspection}")
        text = r.text()
        assert r.text("h1") == SUBJECT, f"h1 is “{r.text('h1')}”"
        assert "138-QĐNS/TU" in text, "the decision"
        for role in ["Trưởng đoàn:", "Thành viên:", "Thư ký:"]:
            assert role in text, f"the team's {role}"
        assert "Đang: Đơn vị tự kiểm tra, báo cáo" in text, "where it stands: a ward has not sent its self-report"
        assert "Chậm" in text and "Chưa nộp báo cáo" in text, "late and missing self-reports"
        assert "Ưu điểm" in text and "Hạn chế, khuyết điểm" in text, "a strength and a shortcoming"
        assert "Phê bình tập thể" in text, "the criticism"
        assert "25-TB/TU" in text, "the conclusion"
        wards = [a for a in r.css_all("main ul li a") if "/organizations/" in a.get_attribute("href") and "Gia Định" not in a.text]
        assert wards, "the inspected wards link to their records"
        self.other_ward = (int(wards[0].get_attribute("href").rstrip("/").split("/")[-1]), wards[0].text)

    def recommendations(self):
        r = self.r
        rows = r.css_all("main table tbody tr")
        statuses = [r.css("td .badge", row).text for row in rows]
        assert len(rows) == 2 and "Quá hạn" in statuses, f"recommendations' statuses: {statuses}"
        link = [a for a in r.css_all("main dl.facts a") if "origin=inspection" in a.get_attribute("href")]
        assert link, "a link to the open recommendations"
        r.get(urllib.parse.urlparse(link[0].get_attribute("href")).path + "?" + urllib.parse.urlparse(link[0].get_attribute("href")).query)
        first = r.css("main table tbody tr td .badge").text
        assert first == "Quá hạn", f"the first task is “{first}”"
        return r.url()

    def refused_finding(self):
        r = self.r
        r.get(f"/inspections/{self.inspection}")
        before = len(r.css_all("#findings > li"))
        action = f"/inspections/{self.inspection}/findings"
        r.fill("concerns", "Tỷ lệ thu hoạch 80%")
        r.submit(r.submit_button(action))
        problem = r.problem()
        assert "Nội dung" in problem, f"the refusal: “{problem}”"
        assert r.in_form(action, "#concerns").get_attribute("value") == "Tỷ lệ thu hoạch 80%", "what was typed is kept"
        r.get(f"/inspections/{self.inspection}")
        after = len(r.css_all("#findings > li"))
        assert after == before, f"{before} → {after} items"
        return problem[:80]

    def lent_read(self):
        r = self.r
        unit, name = self.other_ward
        r.sign_in("xem")
        r.get(f"/organizations/{unit}")
        assert name in r.text("h1"), f"xem reads {name}: h1 “{r.text('h1')}”, “{r.problem()}”"
        r.sign_in("thanhuy")
        r.get(f"/inspections/{self.inspection}")
        reads = [li.text for li in r.css_all("#reads > li") if li.text.startswith("xem")]
        assert any(f"/organizations/{unit}" in line for line in reads), f"the team's log: {reads[:3]}"
        return reads[0]

    def outside(self):
        r = self.r
        r.sign_in("xem")
        r.get("/inspections")
        city = [a for a in r.css_all("main table tbody tr td a") if a.text == SUBJECT]
        if not city:
            raise StepFailed("xem does not see the inspection it is on")
        r.get("/organizations/1")
        assert r.css_all("main .error"), f"the city committee is open to xem: h1 “{r.text('h1')}”"
