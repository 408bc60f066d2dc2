"""Start pages: each role signs in and lands on its to-do list (“Việc cần làm”, first in the menu), at 360 px and at
desktop width. The list shows the kinds of items the role has in the demo (counts and dates follow the demo's day,
so only the kinds are asserted), most urgent first, and nothing meant for another role. On a phone the first item is
tapped, at desktop width every item's link is opened: each leads to the page where it is done, with the form or the
list that does it. A screenshot of each start page is saved as start-<user>-<width>.png.
Reads only: the actions are opened, never sent."""
import os
import urllib.parse

# What each role may be asked to do, by the item's data-kind (see the features' *Todos.swift).
CELL = {"study.attendance", "study.reflections-to-review", "commitments.unregistered", "commitments.to-assess",
        "ratings.proposals", "ratings.decisions", "campaigns.deadline"}
MEMBER = {"study.reflection-due", "commitments.register", "commitments.self-assessment", "commitments.check-in",
          "ratings.self-assessment"}
OFFICER_READ = {"coverage.late-units", "coverage.due-soon-units", "coverage.unreported-units"}
FOLLOW_UPS = {"follow-ups.report", "follow-ups.review", "follow-ups.overdue-below"}
OFFICER_EDIT = OFFICER_READ | FOLLOW_UPS | {"campaigns.deadline", "campaigns.review", "ratings.decisions"}

# user: (the kinds they may see, kinds of which the demo always gives them at least one, whether figures show)
ROLES = {
    "bithu": (CELL, {"commitments.unregistered", "ratings.proposals"}, True),
    "dangvien": (MEMBER, MEMBER, False),
    "phuong": (OFFICER_EDIT, OFFICER_READ | {"follow-ups.report"}, True),
    "xem": (OFFICER_READ, OFFICER_READ, True),
    "thanhuy": (OFFICER_EDIT, OFFICER_READ | {"follow-ups.review", "follow-ups.overdue-below"}, True),
}

# What the page an item leads to offers, by kind: a CSS selector that must be there.
ACTION = {
    "study.attendance": "main form[method=post] button[type=submit]",
    "study.reflections-to-review": "main section.reflection",
    "study.reflection-due": "main form[method=post] textarea",
    "commitments.unregistered": "main form[method=post] button[type=submit]",
    "commitments.to-assess": "main table, main ul li",
    "commitments.register": "main form[method=post] #title",
    "commitments.self-assessment": "main form[method=post]",
    "commitments.check-in": "main form[method=post] #note",
    "ratings.proposals": "main form[method=post] button[type=submit]",
    "ratings.decisions": "main form[method=post] button[type=submit]",
    "ratings.self-assessment": "main form[method=post]",
    "campaigns.deadline": "main dl.facts",
    "campaigns.review": "main table, main dl.facts",
    "coverage.late-units": "main .figures",
    "coverage.due-soon-units": "main .figures",
    "coverage.unreported-units": "main .figures",
    "follow-ups.report": "main form[method=post] textarea",
    "follow-ups.review": "main table",
    "follow-ups.overdue-below": "main table",
}


def run(r):
    for username in ROLES:
        for narrow in (True, False):
            width = 360 if narrow else 1280
            r.step(f"10 start page ({username}, {width}px): lands on its to-do list; {'the first item' if narrow else 'every item'} leads to its action",
                   start_page, r, username, narrow)
    r.viewport(False)


def start_page(r, username, narrow):
    allowed, expected, has_figures = ROLES[username]
    r.viewport(narrow)
    r.sign_in(username)
    path = urllib.parse.urlparse(r.d.current_url).path
    assert path == "/me/todos", f"{username} landed on {path}, expected the to-do list /me/todos"
    assert r.text("h1") == "Việc cần làm", f"the start page's h1 is “{r.text('h1')}”"
    menu = r.d.execute_script("var a = document.querySelector('header.site nav a:not(.lang)'); return a ? a.getAttribute('href') : null")
    assert menu == "/me/todos", f"the menu's first entry leads to {menu}, not the to-do list"
    r.d.save_screenshot(os.path.join(r.artifacts, f"start-{username}-{360 if narrow else 1280}.png"))

    items = r.css_all("main ol.todos > li")
    kinds = [item.get_attribute("data-kind") for item in items]
    strange = sorted(set(kinds) - allowed)
    assert not strange, f"{username} is shown items meant for another role: {strange}"
    assert set(kinds) & expected, f"{username}'s list shows none of {sorted(expected)}: {kinds or r.text('main')[:200]}"
    urgencies = [next(c for c in item.get_attribute("class").split() if c != "todo") for item in items]
    order = ["overdue", "today", "this_week", "later"]
    assert urgencies == sorted(urgencies, key=order.index), f"not most urgent first: {urgencies}"
    figures = r.css_all("main section.headline .figure")
    assert bool(figures) == has_figures, f"{username} sees {len(figures)} headline figures"
    summary = f"{len(items)} items ({', '.join(sorted(set(kinds)))}), {len(figures)} figures; "

    if narrow:
        return summary + follow(r, kinds[0], r.css("a", items[0]))
    links = [(kind, r.css("a", item).text.strip(), r.css("a", item).get_attribute("href")) for kind, item in zip(kinds, items)]
    return summary + "; ".join(follow(r, kind, title=title, href=href) for kind, title, href in links)


def follow(r, kind, link=None, title=None, href=None):
    """Taps `link`, or opens `href`: the page it names, with what does the item's work on it."""
    if link is not None:
        title, href = link.text.strip(), link.get_attribute("href")
        r.submit(link)
    else:
        r.get(urllib.parse.urlparse(href)._replace(scheme="", netloc="").geturl())
    target = urllib.parse.urlparse(href)
    landed = urllib.parse.urlparse(r.d.current_url)
    assert (landed.path, landed.query) == (target.path, target.query), f"“{title}” led to {landed.path}?{landed.query}, not {target.path}?{target.query}"
    problem = r.problem()
    assert not problem and r.text("h1"), f"“{title}” opened a page that says “{problem or 'no heading'}”"
    selector = ACTION.get(kind)
    assert selector and r.css_all(selector), f"“{title}” ({kind}) opened {landed.path} without {selector}: h1 “{r.text('h1')}”"
    if target.fragment:
        assert r.css_all(f"#{target.fragment}"), f"“{title}” points at #{target.fragment}, which {landed.path} lacks"
    return f"“{title}” → {landed.path}"
