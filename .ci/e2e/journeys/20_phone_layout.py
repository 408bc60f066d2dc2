"""Phones first: each demo role at 360 px gets a compact header whose one “Menu” button opens the navigation (sign-out
and language included) and leads to a page; every page its menu lists, and the first record each list links to, fits
the viewport (no sideways scroll). At desktop width the menu is a row with no button. On the attendance sheet the
three marks differ in colour and sign when chosen, with white text readable on each, and the reason box shows for
an absent or excused member only. Printed (print media), the sheet, a session, a rating sheet (and the one-sheet
entry of a cell's ratings, where offered) and a campaign's coverage keep their headings and content, without the
header, the buttons or the forms that only act; a form that is a sheet (the roll, a table of rows) prints.
Reads only: the marks are chosen on the sheet and never saved."""
import re
import urllib.parse

ROLES = ["admin", "thanhuy", "phuong", "xem", "bithu", "dangvien"]
# A compact header is one row: the brand and the button (about 60 px); the former menu took four lines.
HEADER_MAX_HEIGHT = 72


def run(r):
    for username in ROLES:
        r.step(f"20 phone layout (360px, {username}): one Menu button opens the menu, which leads to a page; the main pages fit 360 px",
               phone_pages, r, username)
    r.step("20 phone layout (desktop, bithu): the menu is a row of links, no Menu button", desktop_menu, r)
    state = {}
    if r.step("20 phone layout (360px, bithu): attendance marks differ in colour and sign; the reason box only for the absent",
              attendance_marks, r, state):
        r.step("20 print (bithu, phuong): attendance sheet, session, rating sheet and coverage print without header, buttons or acting forms",
               printed, r, state)
    r.viewport(False)


def path_of(href):
    parsed = urllib.parse.urlparse(href)
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


def kind(path):
    return re.sub(r"/\d+(?=/|$)", "/:id", path.split("?")[0])


def fits(r, path, widths, wide):
    """Opens `path` (axe included, as every page) and notes its width; a page wider than the viewport goes in `wide`."""
    r.get(path)
    width, viewport, culprit = r.page_width()
    widths[kind(r.url())] = width
    if width > viewport:
        wide.append(f"{r.url()} is {width}px in {viewport}px (widest: {culprit})")


def phone_pages(r, username):
    r.viewport(True)
    r.sign_in(username)
    header = r.css("header.site")
    height = header.size["height"]
    assert height <= HEADER_MAX_HEIGHT, f"the header is {height}px tall at 360 px (one row expected)"
    summary = r.css("header.site details.menu > summary")
    links = r.css_all("header.site nav a:not(.lang)")
    assert summary.is_displayed() and summary.text.strip() == "Menu", f"no “Menu” button in the header: “{summary.text}”"
    assert links and not any(a.is_displayed() for a in links), "menu links show on a phone before the Menu button is pressed"

    r.menu(True)
    shown = [a for a in links if a.is_displayed()]
    assert len(shown) == len(links), f"the opened menu shows {len(shown)} of its {len(links)} links"
    assert r.css("header.site form.signout button").is_displayed(), "the opened menu has no sign-out button"
    assert r.css("header.site nav a.lang").is_displayed(), "the opened menu has no language switch"
    menu = [(a.text.strip(), path_of(a.get_attribute("href"))) for a in links]
    # The menu leads somewhere: its last entry, pressed like a user would.
    title, target = menu[-1]
    r.submit(shown[-1])
    r.expect_path(re.escape(target.split("?")[0]), f"the menu's “{title}”")

    widths, wide = {}, []
    fits(r, r.url(), widths, wide)
    for _, path in menu:
        fits(r, path, widths, wide)
        # The first record the page lists (a unit, a member, a session…): detail pages are where long texts sit.
        records = [path_of(a.get_attribute("href")) for a in r.css_all("main table a[href], main li a[href]")]
        records = [p for p in records if re.search(r"/\d+$", p.split("?")[0]) and kind(p) not in widths]
        if records:
            fits(r, records[0], widths, wide)
    assert not wide, "pages wider than the viewport at 360 px: " + "; ".join(wide)
    return f"header {height}px; menu of {len(menu)} ({', '.join(t for t, _ in menu)}); “{title}” opened {target}; " \
           f"{len(widths)} pages fit: " + ", ".join(f"{k} {w}" for k, w in sorted(widths.items()))


def desktop_menu(r):
    r.viewport(False)
    r.sign_in("bithu")
    assert not r.css("header.site details.menu > summary").is_displayed(), "the Menu button shows at desktop width"
    links = r.css_all("header.site nav a")
    assert links and all(a.is_displayed() for a in links), "the menu's links are hidden at desktop width"
    assert "(bithu)" in r.css("header.site form.signout button").text
    tops = {a.location["y"] for a in links[:3]}
    assert len(tops) == 1, f"the first menu links are not on one row at desktop width: tops {tops}"
    return f"{len(links)} links in the header, height {r.css('header.site').size['height']}px"


def luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(c) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a, b):
    light, dark = sorted([luminance(a), luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rgb(css):
    return tuple(int(float(v)) for v in re.findall(r"[\d.]+", css)[:3])


def attendance_marks(r, state):
    r.viewport(True)
    r.sign_in("bithu")
    r.get("/study-sessions")
    sessions = [path_of(a.get_attribute("href")) for a in r.css_all("main a[href]")]
    sessions = [p for p in sessions if re.fullmatch(r"/study-sessions/\d+", p)]
    assert sessions, "the secretary's study page lists no session"
    state["session"] = sessions[0]
    r.get(sessions[0] + "/attendance")
    rows = r.css_all("form fieldset.mark")
    assert len(rows) >= 3, f"the sheet lists {len(rows)} members"
    marks = {}
    for row, status in zip(rows[:3], ["present", "absent", "excused"]):
        radio = r.css(f"input[type=radio][value='{status}']", row)
        r.d.execute_script("arguments[0].scrollIntoView({block:'center'})", radio)
        radio.click()
        label = r.css(f"label.{status}", row)
        background, colour, sign = r.d.execute_script("""var s = getComputedStyle(arguments[0]);
            return [s.backgroundColor, s.color, getComputedStyle(arguments[0], '::after').content];""", label)
        reason = r.css("input.reason", row)
        marks[status] = {"background": rgb(background), "colour": rgb(colour), "sign": sign, "reason": reason.is_displayed(),
                         "text": label.text.strip()}
    backgrounds = {m["background"] for m in marks.values()}
    signs = {m["sign"] for m in marks.values()}
    assert len(backgrounds) == 3, f"chosen marks share a colour: {[(s, m['background']) for s, m in marks.items()]}"
    assert len(signs) == 3 and "none" not in signs, f"chosen marks share a sign: {[(s, m['sign']) for s, m in marks.items()]}"
    for status, mark in marks.items():
        ratio = contrast(mark["colour"], mark["background"])
        assert ratio >= 4.5, f"“{mark['text']}” chosen: text {mark['colour']} on {mark['background']} has contrast {ratio:.1f}:1"
    assert not marks["present"]["reason"], "the reason box shows for a member marked present"
    assert marks["absent"]["reason"] and marks["excused"]["reason"], "the reason box is hidden for an absent or excused member"
    # Changing one's mind hides the box again: the first member, absent, then present.
    absent = r.css("input[type=radio][value='absent']", rows[0])
    absent.click()
    assert r.css("input.reason", rows[0]).is_displayed(), "marking a member absent does not show their reason box"
    r.css("input[type=radio][value='present']", rows[0]).click()
    assert not r.css("input.reason", rows[0]).is_displayed(), "marking the member present again leaves the reason box"
    width, viewport, culprit = r.page_width()
    assert width <= viewport, f"the sheet is {width}px in {viewport}px (widest: {culprit})"
    return "; ".join(f"{s}: {m['background']} “{m['text']}” {m['sign']}, contrast {contrast(m['colour'], m['background']):.1f}:1, "
                     f"reason box {'shown' if m['reason'] else 'hidden'}" for s, m in marks.items())


def print_media(r, on):
    r.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print" if on else ""})


def printed_page(r, path):
    """Opens `path` and reads it as print media shows it: headings, what is hidden, the tables' borders."""
    r.get(path)
    print_media(r, True)
    try:
        return r.d.execute_script("""
            function shown(e) { return !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length); }
            var visible = function (sel) { return Array.from(document.querySelectorAll(sel)).filter(shown); };
            var cell = document.querySelector('main td');
            return {h1: (document.querySelector('main h1') || {}).textContent || '',
                    h2: visible('main h2').map(function (e) { return e.textContent.trim(); }),
                    header: visible('header.site').length, crumbs: visible('nav.crumbs').length,
                    buttons: visible('button, .button').map(function (e) { return e.textContent.trim(); }),
                    forms: visible('main form').filter(function (f) { return !f.querySelector('table, fieldset.mark'); }).length,
                    sheets: visible('main form').length, rows: visible('main form tbody tr').length, marks: visible('fieldset.mark').length,
                    border: cell ? getComputedStyle(cell).borderTopStyle + ' ' + getComputedStyle(cell).borderTopColor : null};""")
    finally:
        print_media(r, False)


def printed(r, state):
    r.viewport(False)
    r.sign_in("bithu")
    pages = {"attendance sheet": state["session"] + "/attendance", "session (minutes)": state["session"]}
    r.get("/ratings")
    periods = [path_of(a.get_attribute("href")) for a in r.css_all("main a[href*='/rating-periods/']")]
    if periods:
        r.get(periods[0])
        sheets = [path_of(a.get_attribute("href")) for a in r.css_all("main a[href*='/sheet']")]
        if sheets:
            pages["rating sheet"] = sheets[0]
            r.get(sheets[0])
            entry = [path_of(a.get_attribute("href")) for a in r.css_all("main a[href*='/sheet/entry']")]
            if entry:
                pages["rating entry sheet"] = entry[0]
    seen = {}
    for name, path in pages.items():
        seen[name] = printed_page(r, path)
    r.sign_in("phuong")
    r.get("/campaigns")
    campaigns = [path_of(a.get_attribute("href")) for a in r.css_all("main a[href]")]
    campaigns = [p for p in campaigns if re.fullmatch(r"/campaigns/\d+", p)]
    if campaigns:
        seen["coverage"] = printed_page(r, campaigns[0])
    assert {"attendance sheet", "session (minutes)", "rating sheet", "coverage"} <= set(seen), f"pages found to print: {list(seen)}"
    problems = []
    for name, page in seen.items():
        if not page["h1"].strip():
            problems.append(f"{name}: no heading")
        if page["header"] or page["crumbs"]:
            problems.append(f"{name}: the header or the trail prints")
        if page["buttons"]:
            problems.append(f"{name}: buttons print: {page['buttons'][:4]}")
        if page["forms"]:
            problems.append(f"{name}: {page['forms']} forms that only act print")
        if page["border"] and not page["border"].startswith("solid rgb(0, 0, 0)"):
            problems.append(f"{name}: table cells print with border {page['border']}")
    if seen["attendance sheet"]["marks"] < 3:
        problems.append(f"attendance sheet: the roll does not print ({seen['attendance sheet']['marks']} members shown)")
    if "rating entry sheet" in seen and not seen["rating entry sheet"]["rows"]:
        problems.append("rating entry sheet: its rows do not print")
    assert not problems, "; ".join(problems)
    return "; ".join(f"{name}: “{page['h1'].strip()[:40]}”, {len(page['h2'])} headings" + (f", {page['marks']} members" if page["marks"] else "")
                     + (f", a sheet of {page['rows']} rows" if page["rows"] else "")
                     + (", tables with black borders" if page["border"] else "") for name, page in seen.items())
