"""Briefings (giao ban chuyên đề), at 360 px and at desktop width, on the demo's data: the city officer finds the
last quarterly briefing with its count of contributions as the source writes it ("11 lượt ý kiến tham luận của
10 đơn vị"), who has and has not contributed, its three conclusions with their tasks (some overdue), and its
registered notice; the next briefing of the series opens with the state of those tasks; a conclusion whose task
has no unit nor deadline is refused with what was typed kept and nothing saved. The ward officer sees the
conclusion's task on the follow-ups page and sends the ward's contribution to the next briefing (each pass adds
one: a unit may send more than one)."""
import re

from browser import JourneyPass


def run(r):
    r.at_both_widths(Pass)


class Pass(JourneyPass):
    label = "80 briefings"

    def __init__(self, r, narrow):
        super().__init__(r, narrow)
        self.past = None
        self.next = None

    def steps(self):
        ok = self.step("thanhuy lists the city's briefings: the next one upcoming, the last one held", self.list)
        ok = ok and self.step("the last briefing: eleven turns of ten units, who has contributed, three conclusions with tasks", self.past_page)
        ok and self.step("its notice is drafted from the conclusions and registered as a TB document", self.notice)
        ok and self.step("the next briefing opens with the previous one's tasks by status", self.next_page)
        ok and self.step("a conclusion whose task has no unit nor deadline is refused, as typed, and nothing is saved", self.refused_conclusion)
        ok and self.step("phuong sees the conclusion's task of Gia Định on the follow-ups page", self.ward_tasks)
        ok and self.step("phuong sends Gia Định's contribution to the next briefing: a note, and the ward has sent", self.contribute)

    def list(self):
        r = self.r
        r.sign_in("thanhuy")
        r.get("/briefings")
        assert r.text("h1").startswith("Giao ban chuyên đề"), f"h1 is “{r.text('h1')}”"
        rows = r.css_all("main table tbody tr")
        found = {}
        for row in rows:
            link = r.css("td a", row)
            badge = r.css("td .badge", row).text
            found["held" if badge == "Đã họp" else "upcoming"] = int(link.get_attribute("href").rstrip("/").split("/")[-1])
        assert "held" in found and "upcoming" in found, f"badges seen: {[r.css('td .badge', row).text for row in rows]}"
        self.past, self.next = found["held"], found["upcoming"]
        return f"last #{self.past}, next #{self.next}"

    def past_page(self):
        r = self.r
        r.get(f"/briefings/{self.past}")
        text = r.text()
        count = re.search(r"(\d+) lượt ý kiến tham luận của (\d+) đơn vị", text)
        assert count and count.group(1) == "11" and count.group(2) == "10", f"the count reads “{count.group(0) if count else None}”"
        assert "Đã nộp: 10/10 đơn vị được mời" in text, "every invited unit has sent"
        assert "Nộp muộn" in text, "the late contribution is marked"
        conclusions = r.css_all("main h2#conclusions + ol > li")
        assert len(conclusions) == 3, f"{len(conclusions)} conclusions"
        assert "Quá hạn" in text, "an overdue task shows"
        assert "Đánh dấu đã trình bày" not in text, "every contribution is presented"
        return count.group(0)

    def notice(self):
        r = self.r
        r.get(f"/briefings/{self.past}/notice")
        text = r.text()
        assert "THÔNG BÁO" in text and "1. Rà soát, bổ sung quy chế" in text, "the notice's body"
        assert "Đã đăng ký: 125-TB/TU" in text, "the registered document"
        assert not r.css_all("main form"), "no second registration offered"

    def next_page(self):
        r = self.r
        r.get(f"/briefings/{self.next}")
        assert r.text("h2") == "Kết quả thực hiện kết luận hội nghị trước", f"the first section is “{r.text('h2')}”"
        figures = {tile.find_element("css selector", "span.muted").text: tile.find_element("css selector", "strong").text
                   for tile in r.css_all("main .figures .figure")}
        assert figures.get("Quá hạn") == "3" and figures.get("Hoàn thành") == "1", f"the figures: {figures}"
        return str(figures)

    def refused_conclusion(self):
        r = self.r
        r.get(f"/briefings/{self.past}")
        r.fill("text", "Điểm kết luận thử (CI)")
        r.fill("responsible", "Bí thư Đảng ủy phường")
        r.submit(r.submit_button(f"/briefings/{self.past}/conclusions"))
        assert r.css_all("#dueOn[aria-invalid=true]"), "the deadline is marked"
        assert "Chọn ít nhất một đơn vị chịu trách nhiệm thực hiện" in r.text(), "the missing unit is said"
        assert r.css("#text").get_attribute("value") == "Điểm kết luận thử (CI)", "the text typed is kept"
        r.get(f"/briefings/{self.past}")
        assert len(r.css_all("main h2#conclusions + ol > li")) == 3, "nothing saved"

    def ward_tasks(self):
        r = self.r
        r.sign_in("phuong")
        r.get("/follow-ups")
        assert "Kết luận Hội nghị giao ban chuyên đề quý" in r.text(), "the briefing's task is listed"

    def contribute(self):
        r = self.r
        r.get(f"/briefings/{self.next}")
        r.fill("summary", f"Tham luận của phường ({self.width})")
        r.submit(r.submit_button(f"/briefings/{self.next}/contributions"))
        note = r.flash()
        assert note == "Đã gửi tham luận.", f"the note is “{note}”"
        assert "Gia Định · Đã nộp" in r.text(), "the ward has sent"
        return note
