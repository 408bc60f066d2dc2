"""The committee's public news site from both ends. The demo's editor (bientap) writes an article with a script
canary in its title, summary and body, previews it in the public site's frame and publishes it; an anonymous reader,
at 360 px and at desktop width, finds it on the site's home page, by a search typed without accents, and in the
site's Atom feed — and no canary runs anywhere. Left behind: two published articles."""
import re
import urllib.parse

from browser import JourneyPass, canary


def run(r):
    r.at_both_widths(Pass)


class Pass(JourneyPass):
    label = "99 portal"

    def __init__(self, r, narrow):
        super().__init__(r, narrow)
        self.word = f"kiemtra{r.stamp}{'h' if narrow else 'r'}".lower()
        self.title = f"Học tập và làm theo Bác ở khu phố {self.word}"
        self.slug = None
        self.article = None

    def steps(self):
        ok = self.step("bientap writes a draft with canaries in title, summary and body", self.write)
        ok = ok and self.step("the preview shows it in the public site's frame", self.preview)
        ok = ok and self.step("bientap publishes it", self.publish)
        ok = ok and self.step("a reader finds it on the home page and opens it", self.home)
        ok and self.step("a reader finds it by a search without accents", self.search)
        ok and self.step("the site's Atom feed lists it", self.feed)

    def write(self):
        r = self.r
        r.sign_in("bientap")
        r.get("/portal/articles")
        site_links = [a.get_attribute("href") for a in r.css_all("main a") if "/site/" in (a.get_attribute("href") or "")]
        assert site_links, "the editor's page links to the site"
        self.slug = urllib.parse.urlparse(site_links[0]).path.split("/")[2]
        new = [a for a in r.css_all("main a") if a.text.strip() == "Viết tin mới"]
        assert new, "no “Viết tin mới”"
        href = urllib.parse.urlparse(new[0].get_attribute("href"))
        r.get(f"{href.path}?{href.query}")
        r.choose("category", "hoc-tap-lam-theo")
        r.fill("title", self.title + " " + canary("ptTitle"))
        r.fill("summary", "Chi bộ khu phố làm theo Bác bằng việc cụ thể. " + canary("ptSummary"))
        r.fill("body", f"<p>Đảng viên {self.word} đăng ký việc làm theo.</p>" + canary("ptBody", "AIJ")
               + '<p><a href="javascript:window.__pwned=\'ptLink\'">liên kết</a></p>')
        r.fill("authorName", "Ban Tuyên giáo")
        r.submit(r.submit_button("/portal/articles", "Lưu"))
        path = r.expect_path(r"/portal/articles/\d+", "the saved draft")
        self.article = int(path.rstrip("/").split("/")[-1])
        assert "Bản nháp" in r.text(), "it is a draft"
        return f"article #{self.article} on /site/{self.slug}"

    def preview(self):
        r = self.r
        r.get(f"/portal/articles/{self.article}/preview")
        assert self.title in r.text("h1"), f"h1 is “{r.text('h1')}”"
        assert "Bản xem trước" in r.text(), "the preview says so"
        assert r.css_all("header.masthead"), "the public frame"
        return r.text("h1")[:60]

    def publish(self):
        r = self.r
        r.get(f"/portal/articles/{self.article}")
        r.submit(r.submit_button(f"/portal/articles/{self.article}/publish", "Đăng"))
        assert "Đã đăng" in r.text(), f"not published: “{r.text('main')[:120]}”"
        r.sign_out()
        return "published"

    def home(self):
        r = self.r
        r.get(f"/site/{self.slug}")
        links = [a for a in r.css_all("main a") if a.text.startswith(self.title)]
        assert links, "the new article is on the home page"
        r.submit(links[0])
        assert r.text("h1").startswith(self.title), f"h1 is “{r.text('h1')}”"
        assert "Lượt xem" in r.text(), "the view count"
        assert not r.css_all("header.site"), "no members' app chrome"
        return r.text("h1")[:60]

    def search(self):
        r = self.r
        r.get(f"/site/{self.slug}/search?q=" + urllib.parse.quote(f"hoc tap lam theo bac {self.word}"))
        links = [a for a in r.css_all("main a") if a.text.startswith(self.title)]
        assert links, "the unaccented search finds it"
        return f"{len(links)} found"

    def feed(self):
        r = self.r
        status, headers, body = r.fetch(f"/site/{self.slug}/feed.xml")
        text = body.decode("utf-8")
        assert status == 200 and "atom+xml" in headers.get("Content-Type", ""), f"{status} {headers.get('Content-Type')}"
        assert f"/site/{self.slug}/articles/{self.article}" in text, "the feed lists it"
        assert re.search(r"<script", text) is None, "no markup in the feed"
        return f"{text.count('<entry>')} entries"
