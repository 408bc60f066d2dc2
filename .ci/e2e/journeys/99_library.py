"""The study-material library from three sides. At desktop width the city's officer (thanhuy) adds a public summary
with a script canary in every free-text field (title, summary, topics, and a javascript: link, which is refused
naming the field), then attaches a PDF instead; at 360 px the demo member (dangvien) finds it by words typed without
accents and reads it (the page says it is recorded); an anonymous reader of the committee's public site sees the
public items only, never the demo's members-only lecture outline. No canary runs anywhere. Left behind: one item."""
import os
import re
import urllib.parse

from selenium.webdriver.common.by import By

from browser import canary

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def run(r):
    journey = Journey(r)
    ok = r.step("99 library (desktop): thanhuy adds an item, canaries in every free-text field, a javascript: link refused", journey.add)
    ok = ok and r.step("99 library (360px): dangvien finds it without accents and reads it", journey.read)
    ok and r.step("99 library (360px): the public site lists public items only", journey.public)
    r.viewport(False)


class Journey:
    def __init__(self, r):
        self.r = r
        self.word = f"thuvien{r.stamp}".lower()
        self.title = f"Tóm tắt chuyên đề {self.word}"
        self.item = None

    def add(self):
        r = self.r
        r.viewport(False)
        r.sign_in("thanhuy")
        r.get("/library")
        assert r.text("h1") == "Thư viện tài liệu", f"h1 is “{r.text('h1')}”"
        r.get("/library/new")
        r.choose("kind", "summary")
        r.fill("title", self.title + " " + canary("lbTitle"))
        r.fill("summary", "Những điểm chính để chi bộ học tập. " + canary("lbSummary"))
        r.fill("topics", "Nghị quyết Đại hội XIII, " + canary("lbTopic", "I"))
        r.choose("visibility", "public")
        r.fill("linkUrl", canary("lbLink", "J"))
        r.submit(r.submit_button("/library", "Lưu"))
        assert "/library/new" not in r.url() and r.css_all("main .field-error"), "the javascript: link is refused"
        assert "Đường dẫn" in r.problem(), f"the refusal names the link: “{r.problem()}”"
        assert self.title in (r.css("#title").get_attribute("value") or ""), "the title is kept as typed"
        r.fill("linkUrl", "")
        path = os.path.join(r.tmp, "tom-tat.pdf")
        with open(path, "wb") as f:
            f.write(PDF)
        r.d.find_element(By.ID, "file").send_keys(path)
        r.submit(r.submit_button("/library", "Lưu"))
        path = r.expect_path(r"/library/\d+", "the saved item")
        self.item = int(path.rstrip("/").split("/")[-1])
        assert r.text("h1").startswith(self.title), f"h1 is “{r.text('h1')}”"
        assert "Bản 1" in r.text() and "tom-tat.pdf" in r.text(), "version 1 with its file"
        r.sign_out()
        return f"item #{self.item}"

    def read(self):
        r = self.r
        r.viewport(True)
        r.sign_in("dangvien")
        r.get("/library?q=" + urllib.parse.quote(f"tom tat chuyen de {self.word}"))
        links = [a for a in r.css_all("main ul.cards a") if a.text.startswith(self.title)]
        assert links, "the unaccented search finds it"
        r.submit(links[0])
        r.expect_path(rf"/library/{self.item}", "the item's page")
        assert "Bạn đã đọc tài liệu này" in r.text(), "the reading is recorded"
        assert r.css_all("main a.button"), "the download button"
        r.sign_out()
        return "read"

    def public(self):
        r = self.r
        status, _, body = r.fetch("/sitemap.xml")
        slugs = re.findall(r"/site/([a-z0-9-]+)", body.decode("utf-8"))
        assert status == 200 and slugs, "a published site"
        slug = slugs[0]
        r.get(f"/site/{slug}/library")
        text = r.text()
        assert self.title in text, "the new public item is listed"
        assert "Tóm tắt Nghị quyết Đại hội" in text, "the demo's public summary is listed"
        assert "Đề cương bài giảng" not in text, "the members-only outline is not"
        links = [a for a in r.css_all("main a") if a.text.startswith(self.title)]
        r.submit(links[0])
        r.expect_path(rf"/site/{slug}/library/{self.item}", "the public item page")
        assert r.css_all("header.masthead") and not r.css_all("header.site"), "the public frame, no members' chrome"
        return f"/site/{slug}/library"
