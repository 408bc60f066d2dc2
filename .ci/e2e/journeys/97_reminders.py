"""Reminders from both ends, on the demo's notifications (the city reminds of reflections 30, 7 and 1 days ahead).
At 360 px: the member (dangvien) sees the unread count in the header without opening the menu, finds the reminder
of the reflection due in three weeks in the inbox; the ward's officer (phuong) sees it among what the 7-days-before
run will send for the ward; the member opens the reminder, which marks it read and leads to the reflection, and
submits it; the officer's preview of that day no longer lists it: the series has stopped. At desktop width: the
officer sets the ward's own schedule for follow-up tasks — refused with negative days, then saved and removed —
and the city's officer (thanhuy) opens the day's digest of lagging units, which leads to the city's reminders
page; the member chooses e-mail with a bad address (refused by name), then a good one.
Left behind: the member's reflection in the demo campaign submitted; the member's e-mail address set."""
import re
import urllib.parse

from browser import JourneyPass, StepFailed


def run(r):
    r.at_both_widths(Pass)


def day_iso(vietnamese):
    day, month, year = vietnamese.split("/")
    return f"{year}-{month}-{day}"


def shift(iso, days):
    import datetime
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=days)).isoformat()


class Pass(JourneyPass):
    label = "97 reminders"
    state = {}

    def steps(self):
        if self.narrow:
            if self.step("dangvien's header counts the unread; the inbox holds the reflection's reminder", self.inbox):
                if self.step("phuong's preview of the 7-days-before run lists it", lambda: self.preview(listed=True)):
                    if self.step("the reminder marks itself read and leads to the reflection, which is submitted", self.open_and_submit):
                        self.step("phuong's preview no longer lists it: the series stopped", lambda: self.preview(listed=False))
        else:
            self.step("phuong sets the ward's own schedule: negative days refused, then saved, then removed", self.schedule)
            self.step("thanhuy's digest of lagging units leads to the city's reminders page", self.digest)
            self.step("dangvien chooses e-mail: a bad address refused by name, a good one saved", self.settings)

    def inbox(self):
        r = self.r
        r.sign_in("dangvien")
        badge = r.css("header.site a.header-badge")
        assert badge.is_displayed(), "the inbox link is hidden in the header at this width"
        count = r.css_all("header.site a.header-badge .count")
        shown = count[0].text.strip() if count else ""
        assert shown and int(shown.rstrip("+")) >= 1, f"the header shows “{badge.text}”, no unread count"
        r.submit(badge)
        r.expect_path("/notifications", "the header's inbox link")
        items = [a for a in r.css_all("main ul.notifications > li.unread > a") if "Nộp bài thu hoạch: " in a.text]
        assert items, f"no unread reflection reminder in the inbox: “{r.text('main')[:300]}”"
        words = items[0].text.replace("Mới", "", 1).strip()
        due = re.search(r"hạn (\d\d/\d\d/\d{4})", words)
        assert due, f"the reminder “{words}” does not say its deadline"
        Pass.state.update(title=words, due=day_iso(due.group(1)), href=items[0].get_attribute("href"))
        return f"{shown} unread; “{words}”"

    def preview(self, listed):
        r = self.r
        r.sign_in("phuong")
        day = shift(Pass.state["due"], -7)
        r.get(f"/reminders?day={day}")
        heading = r.text("main h2#upcoming")
        assert heading.endswith("/".join(reversed(day.split("-")))), f"the preview is headed “{heading}”"
        # Other members with accounts (made by earlier journeys) may be reminded of the same campaign: count the rows.
        links = [urllib.parse.urlparse(a.get_attribute("href")).path for a in r.css_all("main table a") if a.text.startswith("Nộp bài thu hoạch")]
        if listed:
            assert links, f"the preview of {day} lists no reflection: “{r.text('main')[:400]}”"
            Pass.state["previewed"] = links
            return f"{len(links)} reflection reminder(s) to be sent on {day}"
        submitted = Pass.state["submitted"]
        before, after = Pass.state["previewed"].count(submitted), links.count(submitted)
        assert after == before - 1, f"the preview of {day} listed {before} reminder(s) for {submitted} before the submission, {after} after"
        return f"{before} → {after} reminder(s) for {submitted} on {day}"

    def open_and_submit(self):
        r = self.r
        r.sign_in("dangvien")
        r.get("/notifications")
        links = [a for a in r.css_all("main ul.notifications a") if Pass.state["title"] in a.text]
        assert links, "the reminder is gone from the inbox"
        r.submit(links[0])
        path = r.expect_path(r"/me/reflections/\d+", "the reminder")
        Pass.state["submitted"] = path
        r.fill("body", "Bài thu hoạch viết sau khi nhận nhắc việc: học tập và làm theo Bác bằng việc làm cụ thể ở chi bộ, "
               "mỗi tháng báo cáo kết quả trong sinh hoạt chi bộ.", js=True)
        r.submit(r.submit_button(path, "Nộp bài"))
        if r.css_all("main form textarea#body"):
            raise StepFailed(f"the reflection was not submitted: “{r.problem() or r.text('h1')}”")
        r.get("/notifications")
        read = [li for li in r.css_all("main ul.notifications > li.read") if Pass.state["title"] in li.text]
        assert read, "the opened reminder is not shown as read"
        return f"{path}: “{r.text('main .badge')}”"

    def schedule(self):
        r = self.r
        r.sign_in("phuong")
        r.get("/reminders")
        cards = r.text("main ul.cards")
        assert "Do Đảng bộ Thành phố Hồ Chí Minh đặt" in cards, f"the reflections' schedule does not say it is the city's: “{cards[:300]}”"
        action = "/reminders/rules"
        r.choose("kind", "follow-up.task")
        r.fill("daysBefore", "-2, 1")
        r.submit(r.submit_button(action, "Lưu lịch nhắc"))
        assert "Số ngày phải từ 1 đến 365" in r.problem(), f"negative days were not refused by name: “{r.problem()}”"
        r.choose("kind", "follow-up.task")
        r.fill("daysBefore", "5, 2")
        r.submit(r.submit_button(action, "Lưu lịch nhắc"))
        note = r.flash()
        assert note == "Đã lưu lịch nhắc: Nhiệm vụ sau kết luận, kiến nghị.", f"after saving the page says “{note}”"
        assert "Nhắc trước 5, 2 ngày" in r.text("main ul.cards") and "Lịch riêng của đơn vị này" in r.text("main ul.cards")
        removal = [f for f in r.css_all("main ul.cards form") if "/removal" in (f.get_attribute("action") or "")]
        assert removal, "no way to remove the ward's own schedule"
        r.submit(r.css("button", removal[0]))
        assert r.flash().startswith("Đã bỏ lịch nhắc riêng"), f"after removing the page says “{r.flash()}”"
        return "refused, saved, removed"

    def digest(self):
        r = self.r
        r.sign_in("thanhuy")
        r.get("/notifications")
        digests = [li for li in r.css_all("main ul.notifications > li") if "Đôn đốc: " in li.text]
        assert digests, f"no digest in the city officer's inbox: “{r.text('main')[:300]}”"
        lines = r.css_all("ul li", digests[0])
        first = lines[0].text if lines else ""
        assert re.search(r"\d+ .+ quá hạn ở \d+ đơn vị: ", first), f"the digest's first line reads “{first}”"
        r.submit(r.css("a", digests[0]))
        r.expect_path("/reminders", "the digest")
        assert r.text("h1").startswith("Nhắc việc, đôn đốc · Đảng bộ Thành phố"), f"the digest led to “{r.text('h1')}”"
        return f"“{first[:120]}”"

    def settings(self):
        r = self.r
        r.sign_in("dangvien")
        r.get("/me/notifications")
        # One the browser takes (a@b) but the server refuses: a domain needs two labels.
        r.fill("email", "cuong@maychu")
        checkbox = r.css("#emailEnabled")
        if not checkbox.is_selected():
            checkbox.click()
        r.submit(r.submit_button("/me/notifications", "Lưu"))
        assert "Địa chỉ thư điện tử không hợp lệ" in r.problem(), f"a bad address was not refused by name: “{r.problem()}”"
        r.fill("email", "cuong.dangvien@example.vn")
        if not r.css("#emailEnabled").is_selected():
            r.css("#emailEnabled").click()
        r.submit(r.submit_button("/me/notifications", "Lưu"))
        note = r.flash()
        assert note == "Đã lưu: thông báo cũng được gửi tới cuong.dangvien@example.vn.", f"after saving the page says “{note}”"
        return note
