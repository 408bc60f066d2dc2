"""Accounts a person looks after: a manager (thanhuy at 360 px, admin at desktop width) creates an account, resets
its password (the temporary one shown once), the person signs in with it and is held on the change-password form
until they set their own; they list their sessions and end another browser's; the manager deactivates the account
(its sign-in is refused) and reactivates it. Each pass uses an account of its own, never a demo account."""
import re
import urllib.parse

import httpkit
from selenium.webdriver.support.ui import Select

NEW_PASSWORD = "cay-tre-xanh-ven-song"
FIRST_PASSWORD = "mat-khau-ban-dau-ci"


def run(r):
    for narrow, manager in [(True, "thanhuy"), (False, "admin")]:
        Pass(r, narrow, manager).run()


class Pass:
    def __init__(self, r, narrow, manager):
        self.r = r
        self.narrow = narrow
        self.manager = manager
        self.width = "360px" if narrow else "desktop"
        self.username = f"tk{r.stamp}{'n' if narrow else 'w'}"
        self.user_id = None
        self.temporary = None

    def step(self, name, fn):
        return self.r.step(f"30 accounts ({self.width}, {self.manager}): {name}", fn)

    def run(self):
        self.r.viewport(self.narrow)
        ok = self.step("create an account on the access page", self.create)
        ok = ok and self.step("reset its password: confirmation, then the temporary password shown once", self.reset)
        ok = ok and self.step("sign in with the temporary password: held on the change-password form until changed", self.forced_change)
        ok = ok and self.step("list one's sessions and end another browser's", self.sessions)
        ok = ok and self.step("deactivate the account: confirmation, and its sign-in refused", self.deactivate)
        ok = ok and self.step("reactivate the account: it signs in again with its own password", self.reactivate)
        self.r.sign_out()

    # ------------------------------------------------------------------ steps

    def flash(self):
        notes = self.r.css_all("main .flash")
        return notes[0].text if notes else ""

    def create(self):
        r = self.r
        r.sign_in(self.manager)
        # A unit inside the manager's scope: the first one their organisations page lists.
        r.get("/organizations")
        r.d.get(r.css("main table tbody tr td:first-child a").get_attribute("href"))
        r.loaded()
        code = r.css("main dl.facts dd").text.strip()
        r.get("/access")
        form = "/access/users"
        r.in_form(form, "#username").send_keys(self.username)
        r.in_form(form, "#displayName").send_keys("Người thử tài khoản")
        r.in_form(form, "#password").send_keys(FIRST_PASSWORD)
        Select(r.in_form(form, "#newRole")).select_by_value("officer")
        r.in_form(form, "#newOrganizationCode").send_keys(code)
        Select(r.in_form(form, "#newLevel")).select_by_value("viewer")
        r.submit(r.submit_button(form))
        r.expect_path(r"/access", "after creating the account")
        assert f"Đã tạo tài khoản {self.username}" in self.flash(), f"no note after creating the account: “{self.flash()}”"
        links = [a for a in r.css_all("main table a") if f"({self.username})" in a.text]
        assert links, f"the access page does not link the new account {self.username}"
        href = links[0].get_attribute("href")
        self.user_id = int(re.search(r"/users/(\d+)", href).group(1))
        r.d.get(href)
        r.loaded()
        r.expect_path(rf"/users/{self.user_id}", "the account's page")
        assert "Đang hoạt động" in r.text(), "the account's page does not say it is active"
        return f"account {self.username} (#{self.user_id}) in unit {code}"

    def reset(self):
        r = self.r
        r.get(f"/users/{self.user_id}")
        link = [a for a in r.css_all("main .actions a") if "Đặt lại mật khẩu" in a.text]
        assert link, "no “Đặt lại mật khẩu” on the account's page"
        r.d.get(link[0].get_attribute("href"))
        r.loaded()
        r.expect_path(rf"/users/{self.user_id}/password-reset", "the reset's confirmation")
        text = r.text()
        assert "Mọi phiên đăng nhập và khóa truy cập API" in text, "the confirmation does not say the sessions and tokens end"
        button = r.submit_button(f"/users/{self.user_id}/password-reset", "Đặt lại mật khẩu")
        assert "danger" in (button.get_attribute("class") or ""), "the reset button is not styled as dangerous"
        r.submit(button)
        self.temporary = r.css("#temporary-password").text.strip()
        assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", self.temporary), f"temporary password “{self.temporary}”"
        assert "chỉ hiện mật khẩu tạm thời một lần" in r.text(), "the page does not say the password is shown once"
        r.get(f"/users/{self.user_id}")
        assert "Mật khẩu tạm thời" in r.text(), "the account's page does not say its password is temporary"
        return "temporary password shown"

    def forced_change(self):
        r = self.r
        r.sign_in(self.username, self.temporary)
        r.expect_path(r"/me/password", "signed in with a temporary password")
        assert "mật khẩu tạm thời" in r.text(), "the form does not say the password is temporary"
        r.get("/organizations")
        r.expect_path(r"/me/password", "another page, before the password is changed")
        r.fill("currentPassword", self.temporary)
        r.fill("newPassword", NEW_PASSWORD)
        r.fill("repeatedPassword", NEW_PASSWORD + "x")
        r.submit(r.submit_button("/me/password"))
        assert "không khớp" in r.problem(), f"mismatched passwords not refused: “{r.problem()}”"
        r.fill("currentPassword", self.temporary)
        r.fill("newPassword", NEW_PASSWORD)
        r.fill("repeatedPassword", NEW_PASSWORD)
        r.submit(r.submit_button("/me/password"))
        assert "Đã đổi mật khẩu" in self.flash(), f"no note after the change: “{self.flash()}” (h1 “{r.text('h1')}”)"
        r.get("/organizations")
        r.expect_path(r"/organizations", "after the change, the pages are open")
        return "changed, then free to work"

    def sessions(self):
        r = self.r
        # Another browser of the same person, signed in over plain HTTP.
        other, answer = httpkit.web_sign_in(r.base, self.username, NEW_PASSWORD)
        assert answer.status in (302, 303), f"a second sign-in answered {answer.outcome()}"
        r.get("/me/account")
        rows = r.css_all("main table tbody tr")
        assert len(rows) == 2, f"{len(rows)} sessions listed, expected this browser's and the other one"
        assert "Trình duyệt này" in rows[0].text, "this browser's session is not marked"
        r.submit(r.submit_button(urllib.parse.urlparse(r.css("main table tbody tr form").get_attribute("action")).path, "Kết thúc"))
        assert "Đã kết thúc phiên đăng nhập" in self.flash(), f"no note after ending the session: “{self.flash()}”"
        assert len(r.css_all("main table tbody tr")) == 1, "the ended session is still listed"
        after = httpkit.get(r.base, "/me/account", other.headers())
        assert after.status in (302, 303) and "/login" in (after.header("location") or ""), \
            f"the ended session still opens pages ({after.outcome()})"
        # Sign out everywhere else: asked first.
        httpkit.web_sign_in(r.base, self.username, NEW_PASSWORD)
        r.get("/me/account")
        link = [a for a in r.css_all("main a.danger") if "mọi nơi khác" in a.text]
        assert link, "no “Đăng xuất khỏi mọi nơi khác” with another session open"
        r.d.get(link[0].get_attribute("href"))
        r.loaded()
        button = r.submit_button("/me/sessions/end", "Đăng xuất khỏi mọi nơi khác")
        assert "danger" in (button.get_attribute("class") or ""), "the button is not styled as dangerous"
        r.submit(button)
        assert "Đã đăng xuất khỏi mọi nơi khác" in self.flash(), f"no note: “{self.flash()}”"
        assert len(r.css_all("main table tbody tr")) == 1, "other sessions are still listed"
        return "listed, one ended, then all others"

    def deactivate(self):
        r = self.r
        r.sign_in(self.manager)
        r.get(f"/users/{self.user_id}/deactivation")
        assert "kết thúc ngay" in r.text(), "the confirmation does not say the sessions end at once"
        button = r.submit_button(f"/users/{self.user_id}/deactivation", "Vô hiệu hóa")
        assert "danger" in (button.get_attribute("class") or ""), "the deactivate button is not styled as dangerous"
        r.submit(button)
        r.expect_path(rf"/users/{self.user_id}", "after deactivating")
        assert "Đã vô hiệu hóa tài khoản" in self.flash(), f"no note after deactivating: “{self.flash()}”"
        assert "đã vô hiệu hóa" in r.text("h1"), "the account's page does not show it deactivated"
        r.sign_out()
        r.get("/login")
        r.fill("username", self.username)
        r.fill("password", NEW_PASSWORD)
        r.submit(r.submit_button("/login"))
        r.expect_path(r"/login", "a deactivated account signing in")
        assert "không đúng" in r.problem(), f"the refusal says “{r.problem()}”"
        return "refused at sign-in"

    def reactivate(self):
        r = self.r
        r.sign_in(self.manager)
        r.get(f"/users/{self.user_id}")
        r.submit(r.submit_button(f"/users/{self.user_id}/reactivation", "Kích hoạt lại"))
        assert "Đã kích hoạt lại tài khoản" in self.flash(), f"no note after reactivating: “{self.flash()}”"
        r.sign_in(self.username, NEW_PASSWORD)
        return "signed in again"
