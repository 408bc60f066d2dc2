"""Background jobs (việc nền), at 360 px and at desktop width: the administrator opens “Việc nền” from the menu and
finds the demo server's scheduled jobs (and the members' import of step 4, when it ran), each with its state, who
started it and its outcome; narrows the list to the finished ones. An officer has no such menu entry and is refused
the page."""
from browser import JourneyPass


def run(r):
    r.at_both_widths(Pass)


class Pass(JourneyPass):
    label = "98 jobs"

    def steps(self):
        ok = self.step("admin opens “Việc nền” from the menu: the jobs with state, starter and outcome", self.list)
        ok and self.step("admin narrows the list to the finished jobs", self.filtered)
        self.step("phuong has no “Việc nền” in the menu and is refused /jobs", self.refused)

    def list(self):
        r = self.r
        r.sign_in("admin")
        r.get("/me/todos")
        r.menu(True)
        links = [a for a in r.css_all("header.site a") if (a.get_attribute("href") or "").endswith("/jobs")]
        assert links and links[0].text.strip() == "Việc nền", f"the menu's links: {[a.text for a in r.css_all('header.site a')]}"
        r.submit(links[0])
        r.expect_path(r"/jobs", "the menu's “Việc nền”")
        assert r.text("h1") == "Việc nền", f"h1 is “{r.text('h1')}”"
        rows = r.css_all("main table tbody tr")
        assert rows, f"no job listed: “{r.text()[:200]}”"
        text = r.text("main table")
        # The e-mail job's slot is every 5 minutes, so it is there whatever the hour (the daily ones wait for theirs).
        assert "Gửi thư thông báo" in text and "Theo lịch" in text, "the runner's own scheduled job"
        assert "Đã xong" in text, "a finished job"
        imports = [row.text for row in rows if "Nhập danh sách đảng viên" in row.text]
        return f"{len(rows)} jobs, {len(imports)} members' imports" + (f": “{imports[0][:120]}”" if imports else "")

    def filtered(self):
        r = self.r
        r.choose("state", value="succeeded")
        r.submit(r.submit_button("/jobs"))
        r.expect_path(r"/jobs", "the filter")
        states = [td.text for td in r.css_all("main table tbody td:nth-child(2)")]
        assert states and all(s.startswith("Đã xong") for s in states), f"the states shown: {states}"
        return f"{len(states)} finished jobs"

    def refused(self):
        r = self.r
        r.sign_in("phuong")
        r.menu(True)
        assert not [a for a in r.css_all("header.site a") if (a.get_attribute("href") or "").endswith("/jobs")], "a “Việc nền” link"
        r.menu(False)
        r.get("/jobs")
        problem = r.problem()
        assert problem, f"/jobs shows “{r.text()[:200]}”"
        return problem[:80]
