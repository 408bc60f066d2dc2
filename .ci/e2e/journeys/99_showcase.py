"""The public face of the work: a campaign's published results and the exemplar showcase. The demo's site editor
(bientap), at desktop width, opens the publication form of the campaign the city's site shows, leaves "Đã nộp bài
thu hoạch" out and publishes the rest; a visitor at 360 px reads "Kết quả học tập" — the chosen figures, not the one
left out, and no link into the officers' app — then the showcase of commended exemplars and one's story. Left
behind: the campaign published without its reflections figure."""
import re
import urllib.parse

LEFT_OUT = "Đã nộp bài thu hoạch"
OFFICERS = ("/campaigns", "/exemplars/", "/organizations", "/coverage", "/members", "/login?")


def run(r):
    state = {}
    ok = r.step("99 showcase: bientap publishes a campaign's figures at desktop width", publish, r, state)
    ok = ok and r.step("99 showcase: a visitor reads the results at 360 px, without the figure left out", results, r, state)
    ok and r.step("99 showcase: a visitor reads the showcase and an exemplar's story at 360 px", showcase, r, state)
    r.viewport(False)


def public_links(r):
    """The local links of the page's main part, without their query."""
    links = []
    for a in r.css_all("main a"):
        path = urllib.parse.urlparse(a.get_attribute("href") or "").path
        if path:
            links.append(path)
    return links


def publish(r, state):
    r.viewport(False)
    r.sign_in("bientap")
    status, _, body = r.fetch("/sitemap.xml")
    assert status == 200, f"sitemap: {status}"
    slugs = set(re.findall(r"/site/([a-z0-9-]+)", body.decode("utf-8")))
    for slug in sorted(slugs):
        r.get(f"/site/{slug}/campaigns")
        found = [path for path in public_links(r) if path.startswith(f"/site/{slug}/campaigns/")]
        if found:
            state["slug"], state["campaign"] = slug, int(found[0].rstrip("/").split("/")[-1])
            state["site"] = r.text("header.masthead .site-title")
            break
    assert "campaign" in state, f"no site of {sorted(slugs)} publishes a campaign"
    r.get(f"/campaigns/{state['campaign']}/publication")
    assert "Công bố kết quả" in r.text("h1"), f"h1 is “{r.text('h1')}”"
    # The editor publishes on several sites: the form names them, the one shown in bold.
    other = [a for a in r.css_all("main a") if a.text.strip() == state["site"]]
    if other:
        r.submit(other[0])
    boxes = r.css_all("main input[type=checkbox][name='figures[]']")
    assert len(boxes) >= 3, f"{len(boxes)} figures to choose"
    for box in boxes:
        label = r.css(f"label[for='{box.get_attribute('id')}']").text
        if (LEFT_OUT in label) == box.is_selected():
            box.click()
    r.submit(r.submit_button(f"/campaigns/{state['campaign']}/publication", "Công bố"))
    assert "Đã công bố" in r.text(), f"not published: “{r.text('main')[:160]}”"
    r.sign_out()
    return f"campaign #{state['campaign']} on /site/{state['slug']}, {len(boxes) - 1} of {len(boxes)} figures"


def results(r, state):
    r.viewport(True)
    slug = state["slug"]
    r.get(f"/site/{slug}")
    menu = [a for a in r.css_all("nav.site-nav a") if a.get_attribute("textContent").strip() == "Kết quả học tập"]
    assert menu, "the site's menu has “Kết quả học tập”"
    r.submit(menu[0])
    r.expect_path(rf"/site/{slug}/campaigns", "the published campaigns")
    r.get(f"/site/{slug}/campaigns/{state['campaign']}")
    text = r.text()
    assert "Đảng viên đã học tập" in text, "the lead figure is shown"
    assert LEFT_OUT not in text, f"“{LEFT_OUT}” was left out but is shown"
    assert r.css_all("main .chart svg"), "the children compared in a chart"
    leaks = [path for path in public_links(r) if path.startswith(OFFICERS)]
    assert not leaks, f"links into the officers' app: {leaks}"
    return r.text("h1")[:60]


def showcase(r, state):
    slug = state["slug"]
    r.get(f"/site/{slug}/exemplars")
    assert r.text("h1") == "Điển hình tiên tiến", f"h1 is “{r.text('h1')}”"
    stories = [a for a in r.css_all("main ul.stories a")]
    assert stories, "the demo's commended exemplar is shown"
    r.submit(stories[0])
    text = r.text()
    assert "Khen thưởng" in text and "Quyết định số" in text, "its commendation"
    assert "Minh chứng" not in text and "Nhật ký" not in text, "no evidence or log"
    leaks = [path for path in public_links(r) if path.startswith(OFFICERS)]
    assert not leaks, f"links into the officers' app: {leaks}"
    return r.text("h1")[:60]
