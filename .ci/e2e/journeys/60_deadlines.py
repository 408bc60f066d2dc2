"""Deadlines that move. The ward's officer (phuong, desktop) launches a campaign whose reflections are due in three
weeks, then on its edit form (reached from the campaign's page) moves the deadline to yesterday; the member
(dangvien, 360 px) opens the reflection form and sees, before writing, that the deadline has passed and that a
reflection will be marked late; the cell's secretary (bithu, 360 px) gives that member a week more with a reason on
the cell's reflections page; the member (desktop) then sees their own deadline with the reason, and no notice. The
campaign is the journey's own, launched at the ward without requirements, so the demo's stays as it was."""
import datetime
import urllib.parse


def day(offset=0):
    """dd/mm/yyyy, `offset` days from today in Vietnam (the server's calendar)."""
    today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date()
    return (today + datetime.timedelta(days=offset)).strftime("%d/%m/%Y")


def run(r):
    state = {}
    steps = [
        ("phuong, desktop: launch a campaign, then move its reflection deadline to yesterday on its edit form", launch_and_move),
        ("dangvien, 360px: the reflection form says the deadline has passed, before anything is written", member_notice),
        ("bithu, 360px: give dangvien a week more, with a reason, on the cell's reflections page", extend_for_member),
        ("dangvien, desktop: the form shows the member's own deadline and its reason, no notice", member_extended),
    ]
    for name, fn in steps:
        if not r.step(f"60 deadlines ({name})", fn, r, state):
            break
    r.viewport(False)


def flash(r):
    notes = r.css_all("main .flash")
    return notes[0].text if notes else ""


def launch_and_move(r, state):
    r.viewport(False)
    r.sign_in("phuong")
    r.get("/campaigns/new")
    documents = [o.get_dom_attribute("value") for o in r.css_all("#documentId option") if o.get_dom_attribute("value")]
    assert documents, "the launch form offers no document"
    r.choose("documentId", documents[0])
    title = f"Chuyên đề hạn nộp (CI {r.backend} {r.stamp})"
    r.fill("title", title)
    # Begun ten days ago, so that yesterday lies inside it; no requirement, so no unit is given an obligation.
    r.fill("startsOn", day(-10))
    r.fill("endsOn", day(60))
    r.fill("reflectionDueOn", day(21))
    for name in ["plan", "sessions", "report"]:
        wanted = r.css_all(f"#{name}Kinds-wanted")
        if wanted and wanted[0].is_selected():
            wanted[0].click()
    assert r.css("#acceptsLateWork").is_selected(), "late work is not taken by default on the launch form"
    r.submit(r.submit_button("/campaigns/new", "Triển khai"))
    path = r.expect_path(r"/campaigns/\d+", "launching the campaign")
    campaign = int(path.split("/")[2])
    state.update(campaign=campaign, title=title)

    edit = [a for a in r.css_all("main a") if urllib.parse.urlparse(a.get_attribute("href") or "").path == f"/campaigns/{campaign}/edit"]
    assert edit, "the campaign's page has no link to its edit form"
    assert "Sửa" in edit[0].text, f"the edit link reads “{edit[0].text}”"
    r.submit(edit[0])
    r.expect_path(rf"/campaigns/{campaign}/edit", "opening the edit form")
    shown = r.css("#reflectionDueOn").get_attribute("value")
    assert shown == day(21), f"the form shows the reflection deadline as “{shown}”, not {day(21)}"
    yesterday = day(-1)
    r.fill("reflectionDueOn", yesterday)
    r.submit(r.submit_button(f"/campaigns/{campaign}/edit", "Lưu thay đổi"))
    r.expect_path(rf"/campaigns/{campaign}", "saving the campaign's changes")
    assert "Đã lưu thay đổi của đợt triển khai" in flash(r), f"no note after saving: “{flash(r)}”"
    r.get(f"/campaigns/{campaign}/edit")
    stored = r.css("#reflectionDueOn").get_attribute("value")
    assert stored == yesterday, f"the edit form now shows “{stored}”, not {yesterday}"
    state["due"] = yesterday
    return f"campaign {campaign} “{title}”: reflections due {day(21)} → {yesterday}"


def member_notice(r, state):
    r.viewport(True)
    state["member"] = r.sign_in("dangvien")
    r.get("/me/reflections")
    links = [a for a in r.css_all("main ul li a") if state["title"] in a.text]
    assert links, f"/me/reflections does not list “{state['title']}”: “{r.text('main')[:200]}”"
    r.submit(links[0])
    r.expect_path(rf"/me/reflections/{state['campaign']}", "opening the reflection form")
    expected = f"Hạn nộp {state['due']} đã qua: bài nộp sẽ bị ghi là nộp muộn"
    notices = [p for p in r.css_all("main p.notice") if expected in p.text]
    assert notices, f"no notice “{expected}” on the form: “{r.text('main')[:300]}”"
    textarea = r.css_all("main form textarea#body")
    assert textarea, "the form is not there: the member could not write"
    before = r.d.execute_script("return !!(arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING)",
                                notices[0], textarea[0])
    assert before, "the notice comes after the text box, not before it"
    assert notices[0].is_displayed(), "the notice is not visible"
    return f"“{notices[0].text}” above the form"


def extend_for_member(r, state):
    r.viewport(True)
    r.sign_in("bithu")
    cell = r.state.get("cell_id")
    if not cell:
        cell, _ = r.first_unit()
    r.get(f"/reflections?unit={cell}&campaign={state['campaign']}")
    assert f"Hạn nộp: {state['due']}" in r.text("main"), f"the cell's page does not give the deadline {state['due']}"
    form = "/reflections/extensions"
    r.form(form)
    r.choose("memberId", text_contains=state["member"])
    until = day(7)
    reason = f"Đi công tác dài ngày (CI {r.stamp})"
    r.fill("until", until)
    r.fill("reason", reason)
    r.submit(r.submit_button(form, "Gia hạn"))
    r.expect_path(r"/reflections", "giving the extension")
    expected = f"Đã gia hạn nộp bài thu hoạch cho {state['member']} đến {until}"
    assert expected in flash(r), f"the note says “{flash(r)}”, not “{expected}”"
    listed = r.text("#extensions")
    assert state["member"] in listed and reason in listed, f"the extensions list reads “{listed[:300]}”"
    state.update(until=until, reason=reason)
    return f"{state['member']}: until {until}, “{reason}”"


def member_extended(r, state):
    r.viewport(False)
    r.sign_in("dangvien")
    r.get(f"/me/reflections/{state['campaign']}")
    expected = f"Hạn nộp: {state['until']} (gia hạn từ {state['due']}: {state['reason']})"
    main = r.text("main")
    assert expected in main, f"the form does not say “{expected}”: “{main[:300]}”"
    assert "đã qua" not in main, f"a passed-deadline notice is still shown: “{main[:300]}”"
    assert r.css_all("main form textarea#body"), "the form is not there"
    return expected
