"""Follow-up tasks from both ends, at 360 px and at desktop width, on the tasks the demo's briefing and inspection
gave phường Gia Định. The ward's officer (phuong) finds a task to report on the start page, follows it to the task
and sends a report: the page says which report it was and the log shows it. The city's officer (thanhuy) finds
the report to review on the start page, which leads to the city's list narrowed to the reports it has to review;
on a phone the report is returned with a comment (so that the desktop pass finds "Báo cáo lại" on the ward's start
page), at desktop width it is accepted. Then thanhuy opens another open task's cancellation: a page of its own
asks first, says it cannot be undone and wants a reason; a reason left empty is asked for again, nothing
cancelled; the way back leads to the task, still open.
Left behind: one task reported twice, returned once and accepted."""
import re

from browser import JourneyPass


def run(r):
    r.at_both_widths(Pass)


class Pass(JourneyPass):
    label = "95 follow-ups"

    def __init__(self, r, narrow):
        super().__init__(r, narrow)
        self.task = None
        self.note = None

    def steps(self):
        if self.step("phuong's start page lists a task to report; it leads to the task, and the report says which one it was", self.report):
            self.step("thanhuy's start page lists the report to review, among the city's reports; "
                      + ("returned with a comment" if self.narrow else "accepted"), self.review)
        self.step("thanhuy is asked before cancelling a task, a reason is required, and the way back leaves it open", self.cancel_question)

    def todo(self, kind, prefer=None):
        """The start page's first item of `kind` (the first whose title starts with `prefer`, when there is one)."""
        items = [item for item in self.r.css_all("main ol.todos > li") if item.get_attribute("data-kind") == kind]
        assert items, f"no “{kind}” item on {self.r.current_user}'s start page: {self.r.text('main')[:300]}"
        preferred = [item for item in items if prefer and self.r.css("a", item).get_attribute("textContent").strip().startswith(prefer)]
        return (preferred or items)[0]

    def report(self):
        r = self.r
        r.sign_in("phuong")
        item = self.todo("follow-ups.report", prefer="Báo cáo lại")
        link = r.css("a", item)
        words = link.get_attribute("textContent").strip()
        title = words.split(": ", 1)[-1]
        r.submit(link)
        path = r.expect_path(r"/follow-ups/\d+", f"the item “{words}”")
        self.task = int(path.split("/")[2])
        assert r.text("h1") == title, f"the task's page is headed “{r.text('h1')}”, the item named “{title}”"
        self.note = f"Đã ban hành kế hoạch thực hiện, gửi kèm biên bản (CI {r.stamp} {self.width})"
        r.fill("note", self.note)
        r.submit(r.submit_button(f"/follow-ups/{self.task}/reports", "Gửi báo cáo"))
        note = r.flash()
        assert re.match(r"Đã gửi báo cáo lần \d+; cấp giao nhiệm vụ sẽ xem xét\.", note), f"after the report the page says “{note}”"
        assert self.note in r.text("main ol.log"), "the task's log does not show the report"
        return f"task {self.task}: {note}"

    def review(self):
        r = self.r
        r.sign_in("thanhuy")
        item = self.todo("follow-ups.review")
        count = int(re.match(r"(\d+)", r.css("a", item).get_attribute("textContent").strip()).group(1))
        r.submit(r.css("a", item))
        headings = [h.text for h in r.css_all("main h2")]
        assert any(h.startswith("Nhiệm vụ · Đã báo cáo, chờ xem xét · do ") for h in headings), f"the review item led to a list headed {headings}"
        listed = r.css_all(f"main table a[href='/follow-ups/{self.task}']")
        assert listed, f"the reported task {self.task} is not on the list the item leads to"
        rows = len(r.css_all("main table tbody tr"))
        assert rows == count or rows == 20 < count, f"the item counts {count} reports, the list shows {rows}"
        r.submit(listed[0])
        if self.narrow:
            r.choose("outcome", "returned")
            r.fill("comment", "Bổ sung biên bản họp chi bộ")
            expected = "Đã trả lại để đơn vị làm tiếp và báo cáo lại."
        else:
            r.choose("outcome", "accepted")
            expected = "Đã công nhận nhiệm vụ hoàn thành."
        r.submit(r.submit_button(f"/follow-ups/{self.task}/review", "Ghi kết quả"))
        note = r.flash()
        assert note == expected, f"after the review the page says “{note}”"
        return f"{count} report(s) to review; task {self.task}: {note}"

    def cancel_question(self):
        r = self.r
        if r.current_user != "thanhuy":
            r.sign_in("thanhuy")
        r.get("/follow-ups?status=open")
        tasks = r.css_all("main table tbody a[href^='/follow-ups/']")
        assert tasks, "no open task in the city's subtree"
        href = tasks[0].get_attribute("href")
        r.submit(tasks[0])
        task = r.expect_path(r"/follow-ups/\d+", "an open task")
        r.submit(r.css("main a.button.danger"))
        r.expect_path(r"/follow-ups/\d+/cancellation", "“Hủy nhiệm vụ…”")
        page = r.text("main")
        assert r.text("h1").startswith("Hủy nhiệm vụ “") and "Không mở lại được." in page, f"the question says “{page[:300]}”"
        r.d.execute_script("document.getElementById('reason').removeAttribute('required')")
        r.submit(r.submit_button(f"{task}/cancellation", "Hủy nhiệm vụ"))
        marked = r.css_all("#reason[aria-invalid=true]")
        assert marked and r.problem(), "a cancellation without its reason is not asked again with the field marked"
        r.submit(r.css("main a.button.secondary"))
        r.expect_path(re.escape(task), "the way back")
        assert "Đang thực hiện" in r.text("main p .badge") or "Quá hạn" in r.text("main p .badge"), f"the task is now “{r.text('main p .badge')}”"
        return f"{href}: asked, refused without a reason, left open"
