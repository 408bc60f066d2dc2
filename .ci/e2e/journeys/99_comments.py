"""Readers' comments from both ends. The demo's editor (bientap) finds the site whose article carries the demo's
comments; a reader on a phone (360 px) reads that article — the approved comment with its official answer, never an
e-mail —, sends two comments (script canaries in the name and the text) and is told they wait for moderation, and
does not see them yet; the editor (desktop) finds them in /portal/comments through the pending count, approves and
answers the first (a canary in the answer) and rejects the second (a canary in the reason); the reader, on the phone
again, sees the first with "Trả lời của Ban biên tập" under it, and not the second. Left behind: one approved,
answered comment and one rejected."""
import importlib.util
import os
import re
import time
import urllib.parse

from browser import canary

DEMO_ANSWERED = "Lê Hoàng Nam"


def number_from_words(words):
    """The "mã bảo vệ" read as a person reads it: the feedback journey's reader, which the same guard asks."""
    spec = importlib.util.spec_from_file_location("journeys.99_feedback", os.path.join(os.path.dirname(os.path.abspath(__file__)), "99_feedback.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.number_from_words(words)


def send_comment(r):
    """Submits the comment form of the page, answering the "mã bảo vệ" when the refusal asks it (the article's cached
    page never does: the challenge depends on the reader's address)."""
    time.sleep(3.5)  # a person takes longer than the form's 3 s; a robot does not
    r.submit(r.css(".comment-form form button[type=submit]"))
    if r.css_all("#challengeAnswer"):
        words = r.css("label[for=challengeAnswer]").text.split(": ")[-1].rstrip(" *")
        r.fill("challengeAnswer", str(number_from_words(words)))
        time.sleep(3.5)
        r.submit(r.css(".comment-form form button[type=submit]"))


def run(r):
    state = {}

    def find():
        r.viewport(False)
        r.sign_in("bientap")
        r.get("/portal/comments")
        sites = [urllib.parse.urlparse(a.get_attribute("href")) for a in r.css_all("main nav a") if "site=" in (a.get_attribute("href") or "")]
        queues = ["/portal/comments"] + sorted({f"{u.path}?{u.query}" for u in sites if "status=" not in u.query})
        for queue in queues:
            r.get(queue)
            cards = [c for c in r.css_all("main ul.cards > li") if DEMO_ANSWERED in c.text]
            if cards:
                link = [a.get_attribute("href") for a in r.css_all("a", cards[0]) if "/site/" in (a.get_attribute("href") or "")]
                state["article"] = urllib.parse.urlparse(link[0]).path
                state["queue"] = queue
                break
        assert "article" in state, "no site's queue holds the demo's answered comment"
        pending = len([c for c in r.css_all("main ul.cards > li") if "Chờ duyệt" in c.text])
        assert pending >= 2, f"the demo's two pending comments are not in the queue ({pending})"
        r.sign_out()
        return f"{state['article']}: {pending} pending"

    def send():
        r.viewport(True)
        r.get(state["article"])
        thread = r.text("#comments")
        assert re.search(r"Ý kiến bạn đọc \(\d+\)", thread), "the count of comments is not shown"
        assert DEMO_ANSWERED in thread and "Trả lời của Ban biên tập" in thread, "the demo's answered comment is not shown"
        assert "@" not in thread, "an e-mail is shown on the public page"
        assert "Ý KIẾN BẠN ĐỌC VỀ BÀI VIẾT NÀY" in r.text("main"), "no comment form"
        state["first"] = f"Chi bộ khu phố 3 đã học tập (CI {r.stamp}) " + canary("cmContent")
        state["second"] = f"Ý kiến thứ hai, để từ chối (CI {r.stamp})"
        for text in (state["first"], state["second"]):
            r.get(state["article"])
            r.fill("authorName", "Phạm Thị Lan " + canary("cmName", "AI"))
            assert r.css("#authorEmail").get_attribute("type") == "email", "the e-mail field is not an e-mail keypad"
            r.fill("authorEmail", "lan.pham@example.vn")
            r.fill("content", text)
            send_comment(r)
            receipt = r.text("#comment-receipt")
            assert "đang chờ duyệt" in receipt, f"no receipt after sending: “{r.problem() or r.text('main')[:200]}”"
        r.get(state["article"])
        assert f"(CI {r.stamp})" not in r.text("#comments"), "a pending comment is public"
        return "two comments sent, pending"

    def moderate():
        r.viewport(False)
        r.sign_in("bientap")
        query = state["queue"].partition("?")[2]
        r.get("/portal/articles" + (f"?{query}" if query else ""))
        counts = [a for a in r.css_all("#comment-queue")]
        assert counts and re.search(r"chờ duyệt \(\d+\)", counts[0].text), "the editors' page shows no count of pending comments"
        r.submit(counts[0])
        cards = {}
        for card in r.css_all("main ul.cards > li"):
            for key in ("first", "second"):
                if state[key].split(" (CI")[0] in card.text and f"(CI {r.stamp})" in card.text:
                    cards[key] = int(card.get_attribute("id").split("-")[-1])
        assert set(cards) == {"first", "second"}, f"the queue does not list both comments ({cards})"
        assert "lan.pham@example.vn" in r.text("main"), "the moderator does not see the e-mail"
        first, second = cards["first"], cards["second"]
        r.submit(r.submit_button(f"/portal/comments/{first}/approve", "Duyệt đăng"))
        assert r.flash().startswith("Đã duyệt"), f"after approving the page says “{r.flash()}”"
        r.css(f"#comment-{first} details summary").click()
        state["answer"] = f"Cảm ơn chi bộ (CI {r.stamp}) " + canary("cmAnswer")
        r.fill(f"answer-{first}", state["answer"])
        r.submit(r.submit_button(f"/portal/comments/{first}/answer", "Đăng trả lời"))
        assert r.flash().startswith("Đã đăng trả lời"), f"after answering the page says “{r.flash()}”"
        r.css_all(f"#comment-{second} details summary")[-1].click()
        r.fill(f"reason-{second}", "Trùng ý kiến " + canary("cmReason"))
        r.submit(r.submit_button(f"/portal/comments/{second}/reject", "Không đăng"))
        assert r.flash().startswith("Đã từ chối"), f"after rejecting the page says “{r.flash()}”"
        state["moderation"] = urllib.parse.urlparse(r.url()).path + "?" + urllib.parse.urlparse(r.url()).query
        r.sign_out()
        return f"#{first} approved and answered, #{second} rejected"

    def read():
        r.viewport(True)
        r.get(state["article"])
        thread = r.text("#comments")
        assert state["first"].split(" (CI")[0] in thread and f"Cảm ơn chi bộ (CI {r.stamp})" in thread, "the approved comment or its answer is missing"
        assert "Ý kiến thứ hai, để từ chối" not in thread, "the rejected comment is public"
        assert "lan.pham" not in r.text("main"), "the e-mail is public"
        r.viewport(False)
        return "approved comment and its answer shown; rejected one and e-mails not"

    if r.step("99 comments (desktop): bientap finds the demo's comments in the queue", find):
        if r.step("99 comments (360px): a reader sends two comments with canaries and is told they wait", send):
            if r.step("99 comments (desktop): bientap approves and answers one, rejects the other", moderate):
                r.step("99 comments (360px): the reader sees the approved comment and its answer", read)
    if "moderation" in state:
        r.canary_step("comment name and text (the public article)", "cmName", lambda: None, [state["article"]])
        r.canary_step("comment text and answer (the public article)", "cmAnswer", lambda: None, [state["article"]])
        r.sign_in("bientap")
        for tag in ("cmName", "cmContent", "cmAnswer", "cmReason"):
            r.canary_step(f"comment {tag} (the moderators' queue)", tag, lambda: None, [state["moderation"]])
        r.sign_out()
