"""A sơ kết from draft to issue, at 360 px and at desktop width: the ward's officer (phuong) goes from the ward's
dashboard to its reports, drafts a sơ kết of today by month, waits while its figures are gathered (reloading the page
with its “Tải lại trang”) and sees the preview with the Party's header and the figures written vi-VN; edits the subject and the
leadership narrative (a script canary among its words: it must show as text, in the preview and after) and writes
what issuing asks for (place, signer, shortcomings, lessons, directions), sees the edits in the preview, issues it
with a fresh BC number and downloads the issued DOCX (a ZIP) and PDF (%PDF).
Left behind: two issued sơ kết of the ward (one per width), each a document in the register."""
import random
import re
import time
import urllib.parse

from browser import JourneyPass, StepFailed, canary, today
from selenium.common.exceptions import WebDriverException

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COMPOSE_TIMEOUT = 120  # seconds for the background job to gather the figures
# What issuing asks of the author besides the figures: the place, the signer and the parts a report must say.
REQUIRED = {
    "place": "TP. Hồ Chí Minh",
    "signerName": "Trần Thị Lan",
    "narratives[shortcomings]": "Một số chi bộ tổ chức học tập chậm so với kế hoạch.",
    "narratives[lessons]": "Cấp ủy phân công rõ người, rõ việc, rõ thời hạn.",
    "narratives[directions]": "Tổ chức học tập bổ sung cho đảng viên vắng trong tháng tới.",
}


def run(r):
    r.at_both_widths(Pass)


class Pass(JourneyPass):
    label = "96 reports"

    def __init__(self, r, narrow):
        super().__init__(r, narrow)
        self.unit = None
        self.report = None
        self.subject = f"Sơ kết học tập chuyên đề tháng (CI {r.stamp} {self.width})"
        self.narrative = f"Cấp ủy đã lãnh đạo sát sao (CI {r.stamp} {self.width}) "
        self.canary = canary("repNarr")
        self.symbol = None

    def steps(self):
        ok = self.step("phuong goes from the ward's dashboard to its reports and drafts a sơ kết of today by month", self.draft)
        ok = ok and self.step("the figures are gathered (“Tải lại trang” until then); then the preview with its header and figures", self.preview)
        ok = ok and self.step("phuong edits the subject and a narrative (a canary among its words); the preview shows both, as text", self.edit)
        ok = ok and self.step("phuong issues it with a fresh BC number: the version listed with its SHA-256", self.issue)
        ok and self.step("the issued DOCX (a ZIP) and PDF (%PDF) download", self.download)

    def fill_named(self, name, value):
        field = self.r.css(f"[name='{name}']")
        field.clear()
        field.send_keys(value)

    def composing(self):
        """Whether the page still waits for the figures; a page being replaced by its refresh still waits."""
        try:
            return "Đang tổng hợp số liệu" in self.r.text()
        except WebDriverException:
            return True

    def draft(self):
        r = self.r
        r.sign_in("phuong")
        self.unit, name = r.first_unit()
        r.get(f"/dashboard?unit={self.unit}")
        reports = [a for a in r.css_all("main a") if urllib.parse.urlparse(a.get_attribute("href") or "").path == "/reports"]
        assert reports, "the dashboard does not link to the unit's reports"
        r.submit(reports[0])
        r.expect_path(r"/reports", "the dashboard's link to the reports")
        links = [a for a in r.css_all("main a") if urllib.parse.urlparse(a.get_attribute("href") or "").path == "/reports/new"]
        assert links and links[0].text.strip() == "Lập báo cáo", f"the list's links: {[a.text for a in r.css_all('main a')][:12]}"
        r.submit(links[0])
        r.expect_path(r"/reports/new", "“Lập báo cáo”")
        r.choose("kind", value="interim")
        r.fill("day", today())
        r.choose("period", value="month")
        r.submit(r.submit_button("/reports"))
        path = r.expect_path(r"/reports/\d+", "the new report")
        self.report = int(path.split("/")[2])
        return f"report #{self.report} of {name}"

    def preview(self):
        r = self.r
        deadline = time.monotonic() + COMPOSE_TIMEOUT
        composing = self.composing()
        while self.composing():
            if time.monotonic() > deadline:
                raise StepFailed(f"the figures were not gathered within {COMPOSE_TIMEOUT} s")
            time.sleep(1)
            reload = [a for a in r.css_all("main a") if a.text.strip() == "Tải lại trang"]
            assert reload, "the page waiting for the figures offers no “Tải lại trang”"
            r.submit(reload[0])
        r.loaded()
        text = r.text()
        for words in ("ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO", "Nơi nhận"):
            assert words.lower() in text.lower(), f"the preview has no “{words}”: {text[:300]}"
        # "23/282 (8,2%)": a count out of a whole with its share, vi-VN (not a date's "06/12").
        figures = re.findall(r"(?<![\d/.])\d{1,3}(?:\.\d{3})*/\d{1,3}(?:\.\d{3})* \(\d+(?:,\d+)?%\)", text)
        assert figures, f"no figure written “count/total (share%)” in the preview: {text[:400]}"
        return ("waited for the figures; " if composing else "") + f"figures such as {figures[:3]}"

    def edit(self):
        r = self.r
        links = [a for a in r.css_all("main a") if urllib.parse.urlparse(a.get_attribute("href") or "").path == f"/reports/{self.report}/edit"]
        assert links and links[0].text.strip() == "Sửa dự thảo", "no “Sửa dự thảo” link"
        r.submit(links[0])
        r.expect_path(rf"/reports/{self.report}/edit", "“Sửa dự thảo”")
        self.fill_named("subject", self.subject)
        self.fill_named("narratives[leadership]", self.narrative + self.canary)
        for name, value in REQUIRED.items():
            if not self.r.css(f"[name='{name}']").get_attribute("value").strip():
                self.fill_named(name, value)
        r.submit(r.submit_button(f"/reports/{self.report}/edit"))
        r.expect_path(rf"/reports/{self.report}", "the saved draft")
        text = r.text()
        assert self.subject in text, f"the preview does not show the new subject: {text[:300]}"
        assert self.narrative.strip() in text, "the preview does not show the new narrative"
        assert "window.__pwned" in text, "the canary's words are not shown as text"
        fired = {tag for tags in r.fired.values() for tag in tags if tag.startswith("repNarr")}
        assert not fired, f"script ran: {sorted(fired)}"
        r.get(f"/reports?unit={self.unit}")
        assert self.subject in r.text(), "the reports list does not show the new subject"
        r.get(f"/reports/{self.report}")
        return "subject and narrative shown as typed"

    def issue(self):
        r = self.r
        for _ in range(3):  # a number another run took already is refused: take another
            self.symbol = f"{random.randint(100, 9999)}-BC/ĐU"
            r.fill("symbol", self.symbol)
            r.fill("issuedOn", today())
            r.submit(r.submit_button(f"/reports/{self.report}/issue", "Ban hành"))
            if not r.problem():
                break
        r.expect_path(rf"/reports/{self.report}", "the issued report")
        assert not r.problem(), f"issuing {self.symbol} was refused: {r.problem()}"
        text = r.text()
        assert self.symbol in text, f"the page does not show {self.symbol}"
        hashes = re.findall(r"\b[0-9a-f]{64}\b", text)
        assert hashes, "no SHA-256 of the issued DOCX"
        return f"{self.symbol}, DOCX SHA-256 {hashes[0][:12]}…"

    def download(self):
        r = self.r
        found = {}
        for kind in ("docx", "pdf"):
            links = [a.get_attribute("href") for a in r.css_all("main a")
                     if re.fullmatch(rf"/reports/{self.report}/versions/\d+/{kind}", urllib.parse.urlparse(a.get_attribute("href") or "").path)]
            assert links, f"no link to the issued version's {kind.upper()}"
            status, headers, body = r.fetch(urllib.parse.urlparse(links[0]).path)
            kind_given = headers.get("Content-Type", "")
            assert status == 200 and body, f"the {kind.upper()} answered {status} with {len(body)} bytes"
            expected, magic = (DOCX_TYPE, b"PK\x03\x04") if kind == "docx" else ("application/pdf", b"%PDF")
            assert kind_given.startswith(expected), f"the {kind.upper()} is sent as {kind_given}"
            assert body.startswith(magic), f"the {kind.upper()} starts with {body[:8]!r}"
            found[kind] = len(body)
        return f"DOCX {found['docx']:,} B, PDF {found['pdf']:,} B"
