#!/usr/bin/env python3
# LamTheo CI, browser stage: drives a running demo server (`lamtheo demo`) with headless Chromium.
#
# Needs installed (install.sh):
#   Debian:  chromium chromium-driver            (apt-get install -y chromium chromium-driver)
#   PyPI:    selenium                             (pip install selenium; tested with 4.51)
#            axe-playwright-python==0.1.8         (pip install --no-deps axe-playwright-python==0.1.8)
#              Only its bundled axe.min.js (axe-core 4.12.1) is used; Playwright is NOT needed or imported,
#              hence --no-deps (its playwright dependency would want to download browsers).
#              Fallbacks, in order: $LAMTHEO_AXE_JS, --axe PATH, axe-core-python (axe 4.4), axe-selenium-python.
#   Nothing else: no PIL (the test photo is a PNG written with zlib), no network beyond --base.
#
# Usage: python3 .ci/e2e/browser.py --base http://127.0.0.1:PORT --backend sqlite --artifacts DIR
#        [--shots]  also save a screenshot of every page visited (for looking at layouts)
# Prints one line per step (PASS/FAIL/SKIP) and ends with "N passed, M failed, K skipped";
# exits 0 only when nothing failed. For each failed step DIR gets a PNG screenshot and the page's HTML.
#
# Run it on a fresh demo database (it adds units, members, an account ci<time>, campaigns, canary texts).
# Canaries are checked with the server's CSP bypassed (CDP Page.setBypassCSP), so an escaping bug shows
# even though `script-src 'none'` would stop the script.
# Steps (numbers as in the CI brief; run in the order 1, 2, 4, 3, 6: the member answers the campaign
# launched in step 4, whose deadline is ahead, the demo's own may be past):
#   1  sign-in through /login for the six demo accounts: landing page, name in the header, sign-out.
#   2  attendance on a 360x740 viewport for a session of a ~70-member unit (>2 KB form), saved 3 times.
#   4  officer: launch a campaign, coverage and one level of drill-down, re-import the members export.
#   3  member: a 3,000-character reflection and a commitment check-in with a ~300 KB PNG.
#   5  axe-core on every kind of page visited (each URL pattern, per viewport): critical/serious fail.
#   6  script canaries in every free-text field the roles can fill, and in q= and /login?next=.
#   7  layout: every page visited at 360 px fits the viewport (no sideways scroll), canary texts included.
#   journeys/*.py  one module per user journey (start pages, accounts, …), run after step 3; see run_journeys.
import argparse
import datetime
import importlib.util
import os
import random
import re
import shutil
import struct
import sys
import tempfile
import time
import traceback
import urllib.parse
import urllib.request
import zlib

from selenium import webdriver
from selenium.common.exceptions import (NoAlertPresentException, NoSuchElementException, StaleElementReferenceException,
                                        TimeoutException, UnexpectedAlertPresentException, WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait


def replaced(old):
    """A wait condition: the page that held `old` has gone. Chrome sometimes reports a node of a page that has
    just been replaced as "not belonging to the document" instead of stale; both mean the same here."""
    def condition(_):
        try:
            old.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True
    return condition

PASSWORD = "lamtheo-demo"
ACCOUNTS = ["admin", "thanhuy", "phuong", "xem", "bithu", "dangvien"]
FORBIDDEN_TEXT = "Biểu mẫu đã hết hạn hoặc không hợp lệ"

# Installed before any page script: every assignment to window.__pwned is kept, so one page can report
# several canaries (each payload assigns its own tag).
PWN_TRAP = """(function(){var hits=[];try{Object.defineProperty(window,'__pwned',{configurable:false,
get:function(){return hits.length?hits.join(','):undefined},set:function(v){hits.push(String(v))}});}catch(e){}})();"""


def canary(tag, kinds="AIT"):
    """A value that runs `window.__pwned = tag_X` if a page puts it in HTML unescaped: A breaks out of a
    double-quoted attribute, I out of a single-quoted one (or text) into an <img onerror>, T out of <title>,
    J is a javascript: URL for link-ish fields."""
    parts = {
        "A": f'x"><script>window.__pwned="{tag}_A"</script>',
        "I": f"'><img src=x onerror=\"window.__pwned='{tag}_I'\">",
        "T": f'</title><script>window.__pwned="{tag}_T"</script>',
        "J": f'javascript:window.__pwned="{tag}_J"',
    }
    return " ".join(parts[k] for k in kinds)


def find_axe(explicit):
    candidates = [explicit, os.environ.get("LAMTHEO_AXE_JS")]
    for module, rel in [("axe_playwright_python", "axe.min.js"), ("axe_core_python", "axe.min.js"),
                        ("axe_selenium_python", "node_modules/axe-core/axe.min.js")]:
        try:
            spec = importlib.util.find_spec(module)
        except Exception:
            spec = None
        if spec and spec.submodule_search_locations:
            candidates.append(os.path.join(list(spec.submodule_search_locations)[0], rel))
    candidates += ["/usr/share/nodejs/axe-core/axe.min.js", "/usr/lib/nodejs/axe-core/axe.min.js"]
    for path in candidates:
        if path and os.path.isfile(path):
            return path
    return None


def make_png(path, size=300 * 1024, seed=7):
    """A valid RGB PNG of about `size` bytes: noise does not compress."""
    rnd = random.Random(seed)
    width = 400
    height = size // (width * 3) + 1
    raw = b"".join(b"\x00" + rnd.randbytes(width * 3) for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(png)
    return len(png)


def reflection_text(length=3000):
    sentences = [
        "Qua học tập chuyên đề, tôi nhận thức sâu sắc hơn trách nhiệm nêu gương của người đảng viên ở nơi cư trú.",
        "Tôi tự liên hệ bản thân: còn có lúc ngại va chạm, chưa mạnh dạn góp ý với đồng chí, đồng nghiệp.",
        "Năm nay tôi đăng ký làm theo ba việc cụ thể, có kết quả đo được và báo cáo chi bộ hằng quý.",
        "Một là vận động các hộ trong tổ dân phố phân loại rác tại nguồn, phấn đấu đạt hai mươi hộ.",
        "Hai là tham gia tổ hòa giải ở cơ sở, lắng nghe và phản ánh kịp thời ý kiến của nhân dân.",
        "Ba là giữ gìn nếp sống giản dị, tiết kiệm, gần dân, không để xảy ra biểu hiện tiêu cực trong gia đình.",
    ]
    out, i = [], 0
    while len("\n".join(out)) < length:
        out.append(f"{i + 1}. " + sentences[i % len(sentences)] + " " + sentences[(i + 2) % len(sentences)])
        i += 1
    return "\n".join(out)[:length].rstrip()


def vn_today():
    """The server's calendar is Vietnam's (UTC+7)."""
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date()


def today(days=0):
    return (vn_today() + datetime.timedelta(days=days)).strftime("%d/%m/%Y")


def number(text):
    digits = re.sub(r"[^\d]", "", text or "")
    return int(digits) if digits else None


class StepFailed(Exception):
    pass


# The page's width, the viewport's, and the element reaching furthest past the viewport's right edge that no
# scrolling container (a table's wrapper) holds: what makes a page scroll sideways.
WIDEST_OUTSIDE_VIEWPORT = """
var viewport = document.documentElement.clientWidth, worst = null, right = viewport;
document.querySelectorAll('body *').forEach(function (e) {
  var r = e.getBoundingClientRect();
  if (r.right <= right + 0.5) return;
  for (var p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return;
  }
  right = r.right;
  worst = e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')
    + ' “' + (e.textContent || '').trim().slice(0, 50) + '” (' + Math.round(r.right) + 'px)';
});
return [document.documentElement.scrollWidth, viewport, worst];"""


class JourneyPass:
    """One pass of a journey at one width (360 px or desktop): a journey module subclasses it, names it with
    `label`, lists its checks in `steps()` and runs both widths with `r.at_both_widths(Pass)`."""
    label = "journey"

    def __init__(self, r, narrow):
        self.r = r
        self.narrow = narrow
        self.width = "360px" if narrow else "desktop"

    def step(self, name, fn):
        return self.r.step(f"{self.label} ({self.width}): {name}", fn)

    def run(self):
        self.r.viewport(self.narrow)
        self.steps()
        self.r.sign_out()

    def steps(self):
        raise NotImplementedError


class Run:
    def __init__(self, args):
        self.base = args.base.rstrip("/")
        self.backend = args.backend
        self.artifacts = args.artifacts
        self.shots = args.shots
        os.makedirs(self.artifacts, exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix="lamtheo-browser-")  # the upload files (the export holds personal data)
        self.results = []  # (status, name, detail)
        self.axe_seen = set()
        self.axe_path = find_axe(args.axe)
        self.axe_source = open(self.axe_path, encoding="utf-8").read() if self.axe_path else None
        self.fired = {}  # url -> set of canary tags seen there
        self.stamp = datetime.datetime.now().strftime("%H%M%S") + str(random.randint(10, 99))
        self.narrow = False
        self.shot_count = 0
        self.state = {}
        self.current_user = None

        options = webdriver.ChromeOptions()
        for binary in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]:
            if os.path.exists(binary):
                options.binary_location = binary
                break
        for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                    "--lang=vi-VN", "--disable-extensions", "--no-first-run", "--disable-background-networking"]:
            options.add_argument(arg)
        options.add_experimental_option("prefs", {"intl.accept_languages": "vi-VN,vi"})
        options.set_capability("unhandledPromptBehavior", "ignore")
        driver_path = next((p for p in ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"] if os.path.exists(p)), None)
        service = Service(executable_path=driver_path) if driver_path else Service()
        self.d = webdriver.Chrome(service=service, options=options)
        self.d.set_page_load_timeout(60)
        self.d.set_script_timeout(60)
        self.d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PWN_TRAP})
        # The server's Content-Security-Policy (script-src 'none') would keep an injected script from running
        # and hide the escaping bug: canaries are checked with it bypassed, and by the markup they leave.
        self.d.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
        self.overflow = {}  # kind of page -> (url, width) of a page wider than the phone's viewport
        self.narrow_pages = set()  # kinds of page measured at 360 px
        self.phase = ""

    # ---------------------------------------------------------------- recording

    def record(self, status, name, detail=""):
        self.results.append((status, name, detail))
        line = f"{status} {name}" + (f": {detail}" if detail else "")
        print(line, flush=True)
        if status == "FAIL":
            self.save_artifacts(name)

    def save_artifacts(self, name):
        slug = re.sub(r"[^A-Za-z0-9]+", "-", name)[:80].strip("-")
        prefix = os.path.join(self.artifacts, f"{len(self.results):03d}-{slug}")
        try:
            self.dismiss_alert()
            self.d.save_screenshot(prefix + ".png")
            with open(prefix + ".html", "w", encoding="utf-8") as f:
                f.write(f"<!-- {self.d.current_url} -->\n" + self.d.page_source)
        except Exception as e:  # the browser may be gone
            print(f"  (no artifacts for {name}: {e.__class__.__name__})", flush=True)

    def step(self, name, fn, *args):
        """Runs one step; an assertion, a timeout or a WebDriver error fails it (with artifacts)."""
        started = time.time()
        try:
            detail = fn(*args) or ""
            self.record("PASS", name, (detail + " " if detail else "") + f"({time.time() - started:.1f}s)")
            return True
        except StepFailed as e:
            self.record("FAIL", name, str(e) + f" [at {self.url()}]")
        except AssertionError as e:
            self.record("FAIL", name, (str(e) or "assertion failed") + f" [at {self.url()}]")
        except TimeoutException as e:
            self.record("FAIL", name, f"timed out waiting: {e.msg or ''} [at {self.url()}]")
        except WebDriverException as e:
            self.record("FAIL", name, f"{e.__class__.__name__}: {(e.msg or '').splitlines()[0] if e.msg else ''} [at {self.url()}]")
        except Exception as e:
            self.record("FAIL", name, f"{e.__class__.__name__}: {e} [at {self.url()}]\n" + traceback.format_exc(limit=3))
        return False

    def skip(self, name, why):
        self.record("SKIP", name, why)

    def url(self):
        try:
            return self.d.current_url.replace(self.base, "")
        except Exception:
            return "?"

    # ---------------------------------------------------------------- page handling

    def dismiss_alert(self):
        try:
            alert = self.d.switch_to.alert
            text = alert.text
            alert.accept()
            return text
        except NoAlertPresentException:
            return None
        except WebDriverException:
            return None

    def canary_state(self):
        """Canary tags that ran on this page, an alert's text, and javascript: links."""
        alert = self.dismiss_alert()
        try:
            state = self.d.execute_script("""
                var hit = window.__pwned;
                var js = Array.from(document.querySelectorAll('a[href],area[href],form[action],iframe[src],button[formaction]'))
                  .map(function(e){return e.getAttribute('href')||e.getAttribute('action')||e.getAttribute('src')||e.getAttribute('formaction')||''})
                  .filter(function(v){return /^\\s*javascript:/i.test(v)});
                var markup = [];
                document.querySelectorAll('script,[onerror]').forEach(function (e) {
                  var code = e.tagName === 'SCRIPT' ? e.textContent : e.getAttribute('onerror');
                  var m = /__pwned=["']([\w]+)["']/.exec(code || '');
                  if (m) markup.push(m[1]);
                });
                return {hit: hit ? String(hit) : '', js: js, markup: markup};""")
        except UnexpectedAlertPresentException:
            alert = (alert or "") + (self.dismiss_alert() or "alert")
            return self.canary_state_after_alert(alert)
        tags = set(t for t in state["hit"].split(",") if t)
        tags |= {t for t in state["markup"] if t not in tags and t + "(markup)" not in tags}
        if alert:
            tags.add("alert:" + alert[:40])
        for link in state["js"]:
            tags.add("javascript-link:" + link[:60])
        return tags

    def canary_state_after_alert(self, alert):
        tags = self.canary_state()
        tags.add("alert:" + alert[:40])
        return tags

    def loaded(self, axe=True):
        """After every navigation: wait for the page and its images (an <img onerror> canary fires when its
        image fails), note any canary that ran, and run axe once per kind of page."""
        try:
            WebDriverWait(self.d, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
            WebDriverWait(self.d, 5).until(lambda d: d.execute_script(
                "return Array.from(document.images).every(function(i){return i.complete})"))
        except UnexpectedAlertPresentException:
            pass
        except TimeoutException:
            pass
        tags = self.canary_state()
        url = self.url()
        if self.narrow:
            self.check_width(url)
        if tags:
            self.fired.setdefault(url, set()).update(tags)
        if self.shots:
            self.shot_count += 1
            slug = re.sub(r"[^A-Za-z0-9]+", "-", url)[:60].strip("-") or "root"
            self.d.save_screenshot(os.path.join(self.artifacts, f"shot-{self.shot_count:03d}-{'360' if self.narrow else 'wide'}-{slug}.png"))
        if axe:
            self.axe_check()
        return tags

    def page_width(self):
        """(the page's width, the viewport's, the widest element sticking out of it outside a scrolling container)."""
        return self.d.execute_script(WIDEST_OUTSIDE_VIEWPORT)

    def focus_by_keyboard(self, element, presses=200):
        """Presses Tab from the top of the page until `element` has the focus, as a keyboard user reaches it, and
        returns the outline it shows then; fails when Tab never gets there or the focus is invisible."""
        self.css("body").click()
        for _ in range(presses):
            ActionChains(self.d).send_keys(Keys.TAB).perform()
            if self.d.switch_to.active_element == element:
                break
        else:
            raise StepFailed(f"{presses} presses of Tab never reached “{element.text}”")
        style, width, color = self.d.execute_script(
            "var s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.outlineColor];")
        if style == "none" or width in ("0px", ""):
            raise StepFailed(f"“{element.text}” has the focus but shows no outline ({style} {width})")
        if self.shots:
            self.shot_count += 1
            self.d.save_screenshot(os.path.join(self.artifacts, f"shot-{self.shot_count:03d}-{'360' if self.narrow else 'wide'}-focus.png"))
        return f"{width} {style} {color}"

    def check_width(self, url):
        """At 360 px no page may scroll sideways: a page wider than the viewport fails (once per kind of page),
        naming the widest element that sticks out and is not inside a scrolling container."""
        key = re.sub(r"/\d+(?=/|$)", "/:id", url.split("?")[0])
        self.narrow_pages.add(key)
        width, viewport, culprit = self.page_width()
        if width > viewport and key not in self.overflow:
            self.overflow[key] = (url, width)
            self.record("FAIL", f"7 layout {key} @360px", f"the page is {width}px wide in a {viewport}px viewport (scrolls sideways){self.phase}; "
                                                            f"widest: {culprit} [at {url}]")

    def get(self, path, axe=True):
        self.d.get(self.base + path)
        return self.loaded(axe)

    def submit(self, button, axe=True, timeout=20):
        """Clicks a submit button and waits for the next page."""
        old = self.d.find_element(By.TAG_NAME, "html")
        self.d.execute_script("arguments[0].scrollIntoView({block:'center'})", button)
        button.click()
        try:
            WebDriverWait(self.d, timeout).until(replaced(old))
        except TimeoutException:
            invalid = self.d.execute_script(
                "return Array.from(document.querySelectorAll('input,textarea,select')).filter(function(e){return !e.checkValidity()}).map(function(e){return e.name+': '+e.validationMessage})")
            raise StepFailed(f"no new page after submitting (browser validation: {invalid})")
        return self.loaded(axe)

    def css(self, selector, root=None):
        return (root or self.d).find_element(By.CSS_SELECTOR, selector)

    def css_all(self, selector, root=None):
        return (root or self.d).find_elements(By.CSS_SELECTOR, selector)

    def text(self, selector="main"):
        try:
            return self.css(selector).text
        except NoSuchElementException:
            return ""

    def fill(self, field_id, value, js=False):
        element = self.d.find_element(By.ID, field_id)
        if js:
            self.d.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles:true}))", element, value)
        else:
            element.clear()
            element.send_keys(value)
        return element

    def choose(self, field_id, value=None, text_contains=None):
        select = Select(self.d.find_element(By.ID, field_id))
        if value is not None:
            select.select_by_value(value)
        else:
            for option in select.options:
                if text_contains in option.text:
                    select.select_by_visible_text(option.text)
                    return option.get_attribute("value")
            raise StepFailed(f"no option containing {text_contains!r} in #{field_id}: {[o.text for o in select.options][:10]}")
        return value

    def form(self, where):
        """A form by its action's path (the query, such as a token, is ignored) or by a CSS selector."""
        if where.startswith("/"):
            for form in self.css_all("form"):
                action = form.get_attribute("action") or ""
                if urllib.parse.urlparse(action).path == where and (form.get_attribute("method") or "").lower() == "post":
                    return form
            raise StepFailed(f"no form posting to {where} on this page (h1 “{self.text('h1')}”, “{self.problem()}”)")
        found = self.css_all(where)
        if not found:
            raise StepFailed(f"no form {where} on this page (h1 “{self.text('h1')}”, “{self.problem()}”)")
        return found[0]

    def submit_button(self, where, text=None):
        forms = [f for f in self.css_all("form") if urllib.parse.urlparse(f.get_attribute("action") or "").path == where] \
            if where.startswith("/") else self.css_all(where)
        for form in forms:
            if (form.get_attribute("method") or "get").lower() != "post" and len(forms) > 1:
                continue
            for button in self.css_all("button[type=submit]", form):
                if text is None or text in button.text:
                    return button
        raise StepFailed(f"no submit button {text!r} in a form {where} (h1 “{self.text('h1')}”, “{self.problem()}”)")

    def in_form(self, where, selector):
        return self.css(selector, self.form(where))

    def problem(self):
        """The refusal a page shows: the error page's title, a form's error summary, or field errors."""
        parts = []
        for selector in ["main .error h1", "main .errors", "main .field-error"]:
            parts += [e.text.strip() for e in self.css_all(selector) if e.text.strip()]
        return " | ".join(parts)[:400]

    def expect_path(self, pattern, what):
        path = urllib.parse.urlparse(self.d.current_url).path
        if not re.fullmatch(pattern, path):
            problem = self.problem()
            raise StepFailed(f"{what}: expected a page {pattern}, got {path}" + (f" showing “{problem}”" if problem else
                                                                                   f" with h1 “{self.text('h1')}”"))
        return path

    def cookies_header(self):
        return "; ".join(f"{c['name']}={c['value']}" for c in self.d.get_cookies())

    def fetch(self, path):
        request = urllib.request.Request(self.base + path, headers={"Cookie": self.cookies_header(), "Accept-Language": "vi"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()

    def viewport(self, narrow):
        self.narrow = narrow
        if narrow:
            self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": False})
        else:
            self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # ---------------------------------------------------------------- axe

    def axe_check(self):
        if not self.axe_source:
            return
        path = urllib.parse.urlparse(self.d.current_url).path
        pattern = re.sub(r"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27,})(?=/|$)", "/:id", path) or "/"
        key = (pattern, self.narrow)
        if key in self.axe_seen:
            return
        self.axe_seen.add(key)
        name = f"5 axe {pattern}{' @360px' if self.narrow else ''}"
        try:
            if not self.d.execute_script("return !!window.axe"):
                self.d.execute_script(self.axe_source)
            result = self.d.execute_async_script("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(function (r) {
                  done(r.violations.map(function (v) { return {id: v.id, impact: v.impact, help: v.help,
                    count: v.nodes.length, targets: v.nodes.slice(0, 4).map(function (n) { return n.target.join(' '); })}; }));
                }).catch(function (e) { done({error: String(e)}); });""")
        except WebDriverException as e:
            self.record("FAIL", name, f"axe could not run: {e.__class__.__name__} [at {self.url()}]")
            return
        if isinstance(result, dict) and result.get("error"):
            self.record("FAIL", name, f"axe error {result['error']} [at {self.url()}]")
            return
        duplicates = self.d.execute_script("""
            var count = {};
            document.querySelectorAll('[id]').forEach(function (e) { count[e.id] = (count[e.id] || 0) + 1; });
            return Object.keys(count).filter(function (id) {
              return count[id] > 1 && document.querySelector('label[for="' + CSS.escape(id) + '"],[aria-describedby~="' + CSS.escape(id) + '"],[aria-labelledby~="' + CSS.escape(id) + '"]');
            });""")
        if duplicates:
            # axe 4.9+ no longer reports duplicate ids; a label pointing at a duplicated id labels the wrong field.
            result.append({"id": "duplicate-id-labelled (custom check)", "impact": "serious", "count": len(duplicates),
                           "targets": [f"#{d}" for d in duplicates[:4]]})
        bad = [v for v in result if v["impact"] in ("critical", "serious")]
        minor = [f"{v['id']}({v['impact']})" for v in result if v["impact"] not in ("critical", "serious")]
        if bad:
            detail = "; ".join(f"{v['id']} ({v['impact']}, {v['count']} nodes: {', '.join(v['targets'])})" for v in bad)
            self.record("FAIL", name, detail + f" [at {self.url()}]" + (f" also: {', '.join(minor)}" if minor else ""))
        else:
            self.record("PASS", name, f"[at {self.url()}]" + (f" (not failing: {', '.join(minor)})" if minor else ""))

    def flash(self):
        """The note a page shows once after a form (“Đã lưu …”), or "" when it shows none."""
        notes = self.css_all("main .flash")
        return notes[0].text if notes else ""

    def first_unit(self):
        """(id, name) of the first unit the signed-in user's organisations page lists: a secretary's own cell."""
        self.get("/organizations")
        link = self.css("main table tbody tr td:first-child a")
        return int(link.get_attribute("href").rstrip("/").split("/")[-1]), link.text

    def at_both_widths(self, make_pass):
        """Runs a journey's `JourneyPass` at 360 px, then at desktop width, and leaves the browser wide."""
        for narrow in (True, False):
            make_pass(self, narrow).run()
        self.viewport(False)

    # ---------------------------------------------------------------- accounts

    def menu(self, opened=True):
        """On a phone the header's menu (sign-out and language included) is folded behind its “Menu” button:
        opens or closes it as a user would. Nothing to do on a wide screen or when signed out."""
        toggles = self.css_all("header.site details.menu")
        if not toggles:
            return False
        summary = self.css("summary", toggles[0])
        if summary.is_displayed() and (toggles[0].get_attribute("open") is not None) != opened:
            summary.click()
        return True

    def sign_in(self, username, password=PASSWORD):
        if self.current_user:
            self.sign_out()
        self.get("/login")
        self.fill("username", username)
        self.fill("password", password)
        self.submit(self.submit_button("/login"))
        self.menu(True)
        button = self.css_all("header.site form.signout button")
        text = button[0].text if button else ""
        self.menu(False)
        if f"({username})" not in text:
            raise StepFailed(f"sign-in as {username} did not show “({username})” in the header; page says “{self.problem() or self.text('h1')}”")
        self.current_user = username
        return button[0].get_attribute("title")

    def sign_out(self):
        buttons = self.css_all("header.site form.signout button")
        if not buttons:
            self.get("/organizations", axe=False)
            buttons = self.css_all("header.site form.signout button")
        if buttons:
            self.menu(True)
            self.submit(buttons[0], axe=False)
        self.current_user = None

    # ================================================================ step 1

    def step1_sign_in(self, username):
        display = self.sign_in(username)
        path = urllib.parse.urlparse(self.d.current_url).path
        expected = "/me/todos"  # every role starts on its to-do list (journeys/10_start_pages.py looks at it)
        assert path == expected, f"{username} landed on {path}, expected {expected}"
        h1 = self.text("h1")
        assert h1 == "Việc cần làm", f"landing h1 is “{h1}”"
        assert display, "the sign-out button has no title with the user's name"
        self.state.setdefault("display", {})[username] = display
        self.sign_out()
        path = urllib.parse.urlparse(self.d.current_url).path
        assert path == "/login", f"after signing out: {path}"
        assert "Đăng nhập" in self.text("header.site"), "after signing out the header has no “Đăng nhập” link"
        return f"landed on {expected}, header “{display}”"

    # ================================================================ step 2

    def find_big_unit(self):
        """A unit with about 70 members on roll (40..200), found through the pages the signed-in officer
        sees: the organisations list and each unit's list of units under it."""
        self.get("/organizations")
        queue = [(a.get_attribute("href"), a.text) for a in self.css_all("main table tbody tr td:first-child a")]
        best = None
        visited = 0
        while queue and visited < 6:
            href, _ = queue.pop(0)
            self.d.get(href)
            self.loaded()
            visited += 1
            rows = []
            for tr in self.css_all("main table.responsive tbody tr"):
                link = self.css_all("td:first-child a", tr)
                cells = self.css_all("td", tr)
                if link and len(cells) >= 2:
                    rows.append((link[0].get_attribute("href"), link[0].text, number(cells[1].text) or 0, number(cells[2].text) if len(cells) > 2 else 0))
            for row in rows:
                if 40 <= row[2] <= 200 and (best is None or abs(row[2] - 70) < abs(best[2] - 70)):
                    best = row
            if best and abs(best[2] - 70) <= 15:
                break
            queue += [(r[0], r[1]) for r in sorted(rows, key=lambda r: -r[2]) if r[2] > 200][:2]
        if not best:
            raise StepFailed("no unit with 40..200 members found under the officer's scope")
        return best

    def step2_attendance(self):
        self.viewport(True)
        self.sign_in("bithu")
        self.get("/organizations")
        cell_link = self.css("main table tbody tr td:first-child a")
        cell_members = number(self.css_all("main table tbody tr td")[1].text)
        self.state["cell_href"] = cell_link.get_attribute("href")
        self.state["cell_id"] = int(cell_link.get_attribute("href").rstrip("/").split("/")[-1])
        self.state["cell_name"] = cell_link.text
        who = "bithu"
        self.state["cell_members"] = cell_members
        if cell_members and cell_members >= 50:
            unit_id, unit_name, members = self.state["cell_id"], cell_link.text, cell_members
        else:
            # The demo cell is small: an officer of the ward records a session for a bigger unit.
            who = "phuong"
            self.sign_in("phuong")
            href, unit_name, members, _ = self.find_big_unit()
            unit_id = int(href.rstrip("/").split("/")[-1])
        self.get(f"/study-sessions/new?unit={unit_id}")
        self.fill("title", f"Sinh hoạt chuyên đề tháng {vn_today().month} (CI {self.stamp})")
        campaign = Select(self.d.find_element(By.ID, "campaignId"))
        if len(campaign.options) > 1:
            campaign.select_by_index(1)
        self.fill("presenter", "Bí thư chi bộ")
        self.submit(self.submit_button("/study-sessions/new", "Lưu"))
        path = self.expect_path(r"/study-sessions/\d+/attendance", "recording the session")
        session_id = int(path.split("/")[2])
        marks = self.css_all("form fieldset.mark")
        n = len(marks)
        assert n >= 40, f"the attendance sheet lists {n} members (unit said {members})"
        assert f"{n} đảng viên" in self.text("main p.muted"), f"the sheet's note says “{self.text('main p.muted')}”, not {n} members"
        notes = [f"{who} at 360x740, unit “{unit_name}” ({n} on the sheet)"
                 + ("" if who == "bithu" else f"; bithu's own cell has only {cell_members} members")]
        failures = []
        previous = set()
        for round_no in range(3):
            if round_no:
                self.get(f"/study-sessions/{session_id}/attendance")
            fieldsets = self.css_all("form fieldset.mark")
            absent = set(range(round_no * 4 + 1, round_no * 4 + 4))
            excused = {round_no * 4 + 4}
            for i in sorted(previous | absent | excused):
                status = "absent" if i in absent else "excused" if i in excused else "present"
                radio = self.css(f"input[type=radio][value='{status}']", fieldsets[i])
                self.d.execute_script("arguments[0].scrollIntoView({block:'center'})", radio)
                radio.click()
                reason = self.css("input:not([type=radio])", fieldsets[i])
                if reason.is_displayed():  # shown only for a member marked absent or excused
                    reason.clear()
                if i in excused:
                    reason.send_keys("Đi công tác theo quyết định của cơ quan")
            previous = absent | excused
            size = self.d.execute_script(
                "return new URLSearchParams(new FormData(arguments[0])).toString().length", self.form(f"/study-sessions/{session_id}/attendance"))
            self.submit(self.submit_button(f"/study-sessions/{session_id}/attendance", "Lưu điểm danh"))
            path = urllib.parse.urlparse(self.d.current_url).path
            if path != f"/study-sessions/{session_id}":
                failures.append(f"save {round_no + 1}/3 ({size} B body) refused: {path} shows “{self.problem() or self.text('h1')}”")
                self.save_artifacts(f"2 attendance save {round_no + 1}")
                continue
            figures = [number(e.text) for e in self.css_all("main .figures .figure strong")]
            expected = [n - 4, 3, 1]
            if figures[:3] != expected:
                failures.append(f"save {round_no + 1}/3: figures present/absent/excused {figures[:3]}, expected {expected}")
                continue
            listed = self.text("main")
            if "Vắng" not in listed or "Đi công tác theo quyết định của cơ quan" not in listed:
                failures.append(f"save {round_no + 1}/3: the session page's attendance list does not show the absent/excused marks")
                continue
            notes.append(f"save {round_no + 1}: {size} B body, figures {figures[:3]}")
        self.state["big_session"] = session_id
        if failures:
            raise StepFailed("; ".join(failures) + " — " + "; ".join(notes))
        return "; ".join(notes)

    # ================================================================ step 4

    def step4_officer(self):
        self.viewport(False)
        self.sign_in("phuong")
        self.get("/campaigns/new")
        documents = Select(self.d.find_element(By.ID, "documentId"))
        options = [o for o in documents.options if o.get_dom_attribute("value")]
        assert options, "the launch form offers no document"
        documents.select_by_value(options[0].get_attribute("value"))
        title = f"Học tập, làm theo chuyên đề (CI {self.backend} {self.stamp})"
        self.fill("title", title)
        self.fill("startsOn", today())
        self.fill("endsOn", today(90))
        self.fill("reflectionDueOn", today(45))
        self.fill_due_dates(60)
        self.submit(self.submit_button("/campaigns/new", "Triển khai"))
        path = self.expect_path(r"/campaigns/\d+", "launching the campaign")
        campaign_id = int(path.split("/")[2])
        self.state["campaign_id"] = campaign_id
        self.state["campaign_title"] = title
        assert title in self.text("h1"), f"the campaign page's h1 is “{self.text('h1')}”"
        tiles = {self.text_of(f): f for f in self.css_all("main .figures .figure")}
        members = next((number(self.css("strong", f).text) for label, f in tiles.items() if label.startswith("Đảng viên")), None)
        assert members and members > 0, f"coverage shows no member count (tiles: {list(tiles)[:6]})"
        children = self.css_all("main table.responsive tbody tr td:first-child a")
        assert children, "the coverage page lists no unit under the ward"
        obligations = [t for t in tiles if t.startswith("Tất cả")]
        child_name = children[0].text
        self.submit(children[0])
        dd = self.text("main dl.facts")
        assert child_name in self.text("main dl.facts strong"), f"drill-down shows “{dd}”, not {child_name}"
        child_figures = [self.text_of(f) for f in self.css_all("main .figures .figure")]
        assert any(f.startswith("Đảng viên") and number(f) for f in child_figures), f"drill-down figures: {child_figures}"
        detail = f"campaign {campaign_id}: {members} members, {len(children)} units under it, obligations {obligations}; drilled into “{child_name}”: {child_figures[:2]}"

        # The members' list the officer downloads, uploaded again (dry run, then applied).
        status, headers, body = self.fetch("/exports/members.csv")
        assert status == 200 and body.count(b"\n") > 10, f"/exports/members.csv answered {status} with {len(body)} bytes"
        export = os.path.join(self.tmp, f"dang-vien-{self.stamp}.csv")
        with open(export, "wb") as f:
            f.write(body)
        rows = body.count(b"\n") - 1
        self.get("/imports")
        self.choose("kind", "members")
        self.d.find_element(By.ID, "file").send_keys(export)
        self.submit(self.submit_button("/imports"))
        self.expect_path(r"/imports/[^/]+", "uploading the members' export")
        report = self.wait_import()
        assert "errors" not in (report.get_attribute("class") or ""), f"the dry run reports errors: “{report.text}”"
        apply = self.css_all("form[action*='/apply'] button[type=submit]")
        assert apply, f"no “Ghi dữ liệu vào hệ thống” button after the dry run: “{report.text}”"
        dry = report.text
        self.submit(apply[0])
        report = self.wait_import()
        assert "Đã nhập xong." in self.text("main"), f"after applying: “{self.problem() or self.text('main')[:200]}”"
        return detail + f"; import of {rows} rows: dry run “{dry}”, applied “{report.text}”"

    def fill_due_dates(self, days):
        """Each requirement ticked on the launch form needs its due date."""
        for name in ["plan", "sessions", "report"]:
            wanted = self.css_all(f"#{name}Kinds-wanted")
            if wanted and wanted[0].is_selected():
                self.fill(f"{name}DueOn", today(days))

    def text_of(self, element):
        return " ".join(element.text.split())

    def wait_import(self):
        def finished(d):
            try:
                found = d.find_elements(By.CSS_SELECTOR, "main p.notice, main p.errors, main div.errors")
                return found[0] if found and found[0].text else False
            except StaleElementReferenceException:
                return False
        WebDriverWait(self.d, 90, ignored_exceptions=(StaleElementReferenceException,)).until(finished)
        self.loaded()
        return self.css("main p.notice, main p.errors, main div.errors")

    # ================================================================ step 3

    def step3_member(self):
        self.viewport(True)
        self.sign_in("dangvien")
        self.get("/me/reflections")
        open_items = [li for li in self.css_all("main ul li") if "chưa nộp" in li.text]
        assert open_items, f"/me/reflections has no campaign still open for a reflection: “{self.text('main')[:200]}”"
        # The campaign launched in step 4 (its deadline is ahead); the demo's own may be past its deadline.
        preferred = [li for li in open_items if self.state.get("campaign_title") and self.state["campaign_title"] in li.text]
        link = self.css("a", (preferred or open_items)[0])
        campaign_title = link.text
        self.submit(link)
        text = reflection_text(3000)
        self.fill("body", text, js=True)
        campaign_path = urllib.parse.urlparse(self.d.current_url).path
        self.submit(self.submit_button(campaign_path, "Nộp bài"))
        path = urllib.parse.urlparse(self.d.current_url).path
        if path != campaign_path or self.css_all("main form textarea#body"):
            raise StepFailed(f"the reflection was not saved: {path} shows “{self.problem() or self.text('h1')}”")
        badge = self.text("main .badge")
        shown = self.d.execute_script("return Array.from(document.querySelectorAll('main details p')).map(function(p){return p.textContent}).join('\\n')")
        assert badge, "no state badge after submitting the reflection"
        assert shown.replace("\n", "") == text.replace("\n", ""), f"the saved reflection shows {len(shown)} characters, {len(text)} were sent"
        detail = f"reflection ({len(text)} chars) for “{campaign_title}”: “{badge}”"

        # A commitment check-in with a ~300 KB photo.
        self.get("/me")
        year = vn_today().year
        cards = [a for a in self.css_all("main article.card h3 a") if a.text.startswith(f"{year} ·")]
        if not cards:
            self.get(f"/commitments/new?year={year}")
            self.fill("title", "Vận động các hộ phân loại rác tại nguồn")
            self.fill("measure", "20 hộ trong tổ dân phố")
            self.fill("dueOn", f"31/12/{year}")
            self.submit(self.submit_button("/commitments", "Đăng ký"))
        else:
            self.submit(cards[-1])
        path = self.expect_path(r"/commitments/\d+", "opening a commitment")
        commitment_id = int(path.split("/")[2])
        self.state["member_commitment"] = commitment_id
        plain = f"Đã báo cáo chi bộ tiến độ tháng này (CI {self.stamp})"
        self.fill("note", plain)
        self.submit(self.submit_button(f"/commitments/{commitment_id}/check-ins", "Cập nhật"))
        path = urllib.parse.urlparse(self.d.current_url).path
        failures = []
        if path != f"/commitments/{commitment_id}" or self.problem():
            failures.append(f"a check-in with only its note (progress, value, file left blank) was not saved: "
                            f"POST {path} answered “{self.problem() or self.text('h1')}”")
            self.save_artifacts("3 plain check-in")
            self.get(f"/commitments/{commitment_id}")
        elif not [li for li in self.css_all("main ul li") if plain in li.text]:
            failures.append(f"the check-in “{plain}” is not listed")
        photo = os.path.join(self.tmp, f"anh-minh-chung-{self.stamp}.png")
        size = make_png(photo)
        note = f"Đã vận động thêm 5 hộ phân loại rác (CI {self.stamp})"
        self.fill("note", note)
        self.fill("progress", "60")
        self.fill("value", "15 hộ")
        self.d.find_element(By.ID, "evidence").send_keys(photo)
        self.submit(self.submit_button(f"/commitments/{commitment_id}/check-ins", "Cập nhật"))
        path = urllib.parse.urlparse(self.d.current_url).path
        if path != f"/commitments/{commitment_id}" or self.problem():
            failures.append(f"the check-in with a {size // 1024} KB PNG was not saved: {path} shows “{self.problem() or self.text('h1')}”")
            raise StepFailed(detail + "; " + "; ".join(failures))
        items = [li for li in self.css_all("main ul li") if note in li.text]
        assert items, f"the check-in “{note}” is not listed on the commitment's page"
        assert "60%" in items[0].text, f"the check-in line reads “{items[0].text}”"
        evidence = self.css_all("a[href*='/evidence']", items[0])
        assert evidence, f"the check-in line has no evidence link: “{items[0].text}”"
        status, headers, body = self.fetch(urllib.parse.urlparse(evidence[0].get_attribute("href")).path)
        assert status == 200 and len(body) == size, f"the evidence link returns {status}, {len(body)} bytes (uploaded {size})"
        detail += f"; check-in on commitment {commitment_id} with a {size // 1024} KB PNG saved and downloadable"
        if failures:
            raise StepFailed("; ".join(failures) + " — " + detail)
        return detail

    # ================================================================ step 6

    def canary_step(self, name, tag, action, pages=()):
        """action() stores or sends the canary; each path in pages (or returned by action) is then opened.
        Fails when any tag of this canary ran on any of those pages, or the value could not be stored."""
        def run():
            start_marks = {u: set(t) for u, t in self.fired.items()}
            fired = {}
            stored = action()
            extra = list(pages)
            if isinstance(stored, tuple):
                stored, more = stored
                extra += more
            here = self.url()
            tags = self.canary_state() | self.fired.get(here, set())
            mine = {t for t in tags if t.startswith(tag + "_") or t.startswith("alert") or t.startswith("javascript-link")}
            if mine:
                fired[here] = mine
            for path in extra:
                tags = self.get(path)
                mine = {t for t in tags if t.startswith(tag + "_") or t.startswith("alert") or t.startswith("javascript-link")}
                if mine:
                    fired[self.url()] = mine
            del start_marks
            if fired:
                raise StepFailed("script ran: " + "; ".join(f"{u} → {', '.join(sorted(t))}" for u, t in fired.items())
                                 + (f" ({stored})" if stored else ""))
            return stored or "no script ran"
        return self.step(f"6 canary {name}", run)

    def stored_or_refused(self, expected_path, what):
        path = urllib.parse.urlparse(self.d.current_url).path
        if re.fullmatch(expected_path, path) and not self.css_all("main .error"):
            return f"stored, shown at {path}"
        problem = self.problem()
        if FORBIDDEN_TEXT in problem or self.css_all("main .error"):
            raise StepFailed(f"{what} was not saved: {path} shows “{problem}”")
        return f"refused by validation (form shown again): “{problem[:120]}”"

    def step6_canaries(self):
        # --- anonymous: /login?next=
        self.viewport(False)
        if self.current_user:
            self.sign_out()
        self.canary_step("/login?next=", "next", lambda: self.get("/login?next=" + urllib.parse.quote(canary("next", "AIJ"))) and None
                         or "reflected in the sign-in form")

        # --- officer of the ward (editor)
        self.sign_in("phuong")
        for page in ["/members", "/organizations", "/documents", "/campaigns"]:
            tag = "q" + page.strip("/")[:3]
            self.canary_step(f"{page}?q=", tag, lambda page=page, tag=tag: self.get(f"{page}?q=" + urllib.parse.quote(canary(tag))) and None
                             or "search box")
        self.get("/organizations")
        ward_link = self.css("main table tbody tr td:first-child a")
        ward_id = int(ward_link.get_attribute("href").rstrip("/").split("/")[-1])
        code = f"CI-{self.backend[:2].upper()}-{self.stamp}"

        def new_unit():
            self.get(f"/organizations/new?parent={ward_id}")
            self.fill("name", canary("oName"))
            self.fill("code", code)
            self.choose("kindCode", text_contains="Chi bộ")
            self.submit(self.submit_button("main form.stack", "Lưu"))
            result = self.stored_or_refused(r"/organizations/\d+", "the new unit")
            if result.startswith("stored"):
                self.state["canary_unit"] = int(self.url().split("?")[0].rstrip("/").split("/")[-1])
            return result, [f"/organizations?q={code}", f"/organizations/{ward_id}"]
        self.canary_step("unit name (/organizations/new)", "oName", new_unit)

        def new_member():
            unit = self.state.get("canary_unit") or self.state.get("cell_id")
            self.get(f"/members/new?unit={unit}")
            self.fill("familyName", canary("mFam", "A"))
            self.fill("middleName", canary("mMid", "T"))
            self.fill("givenName", canary("mGiv", "I"))
            self.fill("cardNumber", f"CI{self.stamp}{random.randint(100, 999)}")
            self.fill("address", canary("mAddr"))
            self.submit(self.submit_button("main form.stack", "Lưu"))
            result = self.stored_or_refused(r"/members/\d+", "the new member")
            return result, ([f"/members?q=CI{self.stamp}", f"/members/{self.url().split('/')[-1]}/edit"] if result.startswith("stored") else [])
        self.canary_step("member name, address (/members/new)", "m", new_member)

        def new_document():
            for attempt in range(3):
                self.get("/documents/new")
                radios = self.css_all("input[type=radio][name=organizationId]")
                if radios and not any(r.is_selected() for r in radios):
                    radios[0].click()
                self.fill("symbol", f"{random.randint(100, 9999)}-KH/ĐU")
                self.fill("title", canary("dTitle"))
                self.fill("issuedOn", today())
                self.submit(self.submit_button("/documents/new", "Lưu"))
                if "đã có" not in self.problem() and "already" not in self.problem():
                    break
            result = self.stored_or_refused(r"/documents/\d+", "the document")
            if result.startswith("stored"):
                self.state["canary_document"] = int(self.url().rstrip("/").split("/")[-1])
            return result, ["/documents", "/campaigns/new"]
        self.canary_step("document title (/documents/new)", "dTitle", new_document)

        def new_campaign():
            unit = self.state.get("canary_unit")
            self.get("/campaigns/new" + (f"?unit={unit}" if unit else ""))
            documents = Select(self.d.find_element(By.ID, "documentId"))
            values = [o.get_dom_attribute("value") for o in documents.options if o.get_dom_attribute("value")]
            documents.select_by_value(values[0])
            self.fill("title", canary("campTitle"))
            self.fill("startsOn", today())
            self.fill("endsOn", today(30))
            self.fill_due_dates(20)
            self.submit(self.submit_button("/campaigns/new", "Triển khai"))
            result = self.stored_or_refused(r"/campaigns/\d+", "the campaign")
            return result, ["/campaigns"]
        self.canary_step("campaign name (/campaigns/new)", "campTitle", new_campaign)

        # --- the city's manager gives a role to a new account whose display name is a canary
        self.sign_in("thanhuy")
        self.get("/organizations")
        city_href = self.css("main table tbody tr td:first-child a").get_attribute("href")
        self.d.get(city_href)
        self.loaded()
        city_code = self.css("main dl.facts dd").text.strip()
        username = f"ci{self.stamp}"

        def new_account():
            self.get("/access")
            form = "/access/users"
            self.in_form(form, "#username").send_keys(username)
            self.in_form(form, "#displayName").send_keys(canary("uName"))
            self.in_form(form, "#password").send_keys("lamtheo-ci-password")
            Select(self.in_form(form, "#newRole")).select_by_value("officer")
            self.in_form(form, "#newOrganizationCode").send_keys(city_code)
            Select(self.in_form(form, "#newLevel")).select_by_value("viewer")
            self.submit(self.submit_button(form))
            result = self.stored_or_refused(r"/access", "the account")
            if "refused" in result:
                return result
            self.sign_in(username, "lamtheo-ci-password")  # the header shows the display name in a title attribute
            return result + ", signed in as the new account"
        self.canary_step("account display name (/access)", "uName", new_account, ["/organizations"])

        # --- the member
        self.viewport(True)
        self.sign_in("dangvien")
        year = vn_today().year

        def new_commitment():
            self.get(f"/commitments/new?year={year}")
            self.fill("title", canary("cTitle"))
            self.fill("measure", canary("cMeasure"))
            self.fill("dueOn", f"31/12/{year}")
            self.submit(self.submit_button("/commitments", "Đăng ký"))
            result = self.stored_or_refused(r"/commitments/\d+", "the commitment")
            if result.startswith("stored"):
                self.state["canary_commitment"] = int(self.url().rstrip("/").split("/")[-1])
            return result, ["/me", f"/commitments?year={year}"]
        self.canary_step("commitment title, measure (/commitments/new)", "c", new_commitment)

        commitment = self.state.get("canary_commitment") or self.state.get("member_commitment")

        def check_in():
            self.get(f"/commitments/{commitment}")
            self.fill("note", canary("ciNote"))
            self.fill("value", canary("ciVal", "JA"))
            self.fill("progress", "30")
            self.submit(self.submit_button(f"/commitments/{commitment}/check-ins", "Cập nhật"))
            return self.stored_or_refused(rf"/commitments/{commitment}", "the check-in"), ["/me"]
        if commitment:
            self.canary_step("check-in note, value (/commitments/:id)", "ci", check_in)

        def self_assess():
            self.get(f"/commitments/{commitment}")
            form = f"/commitments/{commitment}/self-assessment"
            note = self.in_form(form, "#selfNote")
            note.clear()
            note.send_keys(canary("saNote"))
            self.submit(self.submit_button(form))
            return self.stored_or_refused(rf"/commitments/{commitment}", "the self-assessment"), [f"/commitments/{commitment}", "/me"]
        if commitment:
            self.canary_step("self-assessment note (/commitments/:id)", "saNote", self_assess)

        def pledge():
            self.get("/me")
            self.fill("pledge", canary("pledge"))
            self.submit(self.submit_button("/commitments/pledges"))
            return self.stored_or_refused(r"/me", "the pledge"), []
        self.canary_step("pledge (/me)", "pledge", pledge)

        def correction():
            self.get("/me")
            self.fill("text", canary("corr"))
            self.submit(self.submit_button("/me/corrections"))
            return self.stored_or_refused(r"/me", "the correction request"), []
        self.canary_step("correction request (/me)", "corr", correction)

        # --- the cell's secretary
        self.sign_in("bithu")
        cell = self.state.get("cell_id")
        self.canary_step("correction request shown to the secretary (/corrections)", "corr", lambda: self.get("/corrections") and None or "opened")

        def new_session():
            self.get(f"/study-sessions/new?unit={cell}")
            self.fill("title", canary("sTitle"))
            self.fill("presenter", canary("sPres"))
            self.fill("bridgePoints[0].name", canary("sBridge"))
            self.fill("bridgePoints[0].attendeeCount", "12")
            self.submit(self.submit_button("/study-sessions/new", "Lưu"))
            result = self.stored_or_refused(r"/study-sessions/\d+/attendance", "the session")
            if not result.startswith("stored"):
                return result
            session = int(self.url().split("/")[2])
            self.state["canary_session"] = session
            return result, [f"/study-sessions/{session}", f"/study-sessions?unit={cell}"]
        self.canary_step("session topic, presenter, bridge point (/sessions/new)", "s", new_session)

        def attendance_reason():
            session = self.state.get("canary_session") or self.state.get("big_session")
            self.get(f"/study-sessions/{session}/attendance")
            fieldset = self.css_all("form fieldset.mark")[0]
            self.css("input[type=radio][value='absent']", fieldset).click()
            reason = self.css("input:not([type=radio])", fieldset)
            reason.clear()
            reason.send_keys(canary("attR"))
            self.submit(self.submit_button(f"/study-sessions/{session}/attendance"))
            return self.stored_or_refused(rf"/study-sessions/{session}", "the attendance"), [f"/study-sessions/{session}/attendance"]
        self.canary_step("attendance reason (/sessions/:id/attendance)", "attR", attendance_reason)

        def reflection_for_member():
            campaign = self.state.get("campaign_id")
            self.get(f"/reflections?unit={cell}" + (f"&campaign={campaign}" if campaign else ""))
            links = [a for a in self.css_all("main section.reflection a") if "Nộp thay" in a.text]
            if not links:
                return "no member without a reflection (nothing to submit on their behalf)"
            self.submit(links[-1])
            self.fill("body", canary("rBody"))
            self.submit(self.submit_button("/reflections/new", "Nộp bài"))
            return self.stored_or_refused(r"/reflections", "the reflection"), []
        self.canary_step("reflection text submitted for a member (/reflections/new)", "rBody", reflection_for_member)

        def review_comment():
            self.get(f"/reflections?unit={cell}")
            forms = self.css_all("main form[action*='/review']")
            if not forms:
                return "no reflection waiting for review"
            action = urllib.parse.urlparse(forms[-1].get_attribute("action")).path
            self.css("textarea", forms[-1]).send_keys(canary("rCom"))
            self.submit(self.submit_button(action, "Trả lại"))
            return self.stored_or_refused(r"/reflections", "the review"), []
        self.canary_step("review comment (/reflections)", "rCom", review_comment)

        def assess():
            self.get(f"/commitments/{commitment}")
            form = f"/commitments/{commitment}/assessment"
            note = self.in_form(form, "#cellNote")
            note.clear()
            note.send_keys(canary("caNote"))
            self.submit(self.submit_button(form))
            return self.stored_or_refused(rf"/commitments/{commitment}", "the assessment"), [f"/commitments/{commitment}"]
        if commitment:
            self.canary_step("cell's assessment note (/commitments/:id)", "caNote", assess)

        def breakthrough():
            self.get("/breakthroughs")
            links = [a.get_attribute("href") for a in self.css_all("main a[href^='/breakthroughs/'], main a[href*='/breakthroughs/']")
                     if re.search(r"/breakthroughs/\d+$", a.get_attribute("href") or "")]
            if not links:
                return "the secretary sees no breakthrough"
            self.d.get(links[0])
            self.loaded()
            bid = int(links[0].rstrip("/").split("/")[-1])
            form = f"/breakthroughs/{bid}/check-ins"
            if not [f for f in self.css_all("form") if urllib.parse.urlparse(f.get_attribute("action") or "").path == form]:
                return "no check-in form"
            if self.css_all("#value", self.form(form)):
                self.fill("value", "1")
            self.fill("note", canary("bNote"))
            self.fill("evidence", canary("bEvid", "JA"))
            self.submit(self.submit_button(form))
            return self.stored_or_refused(rf"/breakthroughs/{bid}", "the breakthrough check-in"), []
        self.canary_step("breakthrough check-in note, evidence (/breakthroughs/:id)", "b", breakthrough)

    def final_canary_summary(self):
        def run():
            if self.fired:
                raise StepFailed("script ran on " + "; ".join(f"{u} → {', '.join(sorted(t))}" for u, t in sorted(self.fired.items())))
            return "no script ran on any page visited"
        self.step("6 canary: all pages visited", run)

    # ================================================================ main

    def run_journeys(self):
        """The users' journeys, one module each in .ci/e2e/journeys/ (run in file-name order): a module has a
        `run(r)` that takes this Run and records its steps with r.step(...)."""
        folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "journeys")
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if not name.endswith(".py") or name.startswith("_"):
                continue
            spec = importlib.util.spec_from_file_location(f"journeys.{name[:-3]}", os.path.join(folder, name))
            module = importlib.util.module_from_spec(spec)
            started = time.time()
            try:
                spec.loader.exec_module(module)
                module.run(self)
            except Exception as e:  # a journey that broke outside its steps: reported, the others still run
                self.record("FAIL", f"journey {name}", f"{e.__class__.__name__}: {str(e)[:300]} [at {self.url()}]\n" + traceback.format_exc(limit=3))
            print(f"# journey {name} took {time.time() - started:.1f}s", flush=True)

    def main(self):
        started = time.time()
        if not self.axe_source:
            self.record("FAIL", "5 axe-core", "axe.min.js not found (pip install --no-deps axe-playwright-python)")
        else:
            print(f"# axe: {self.axe_path}", flush=True)
        for username in ACCOUNTS:
            self.step(f"1 sign-in {username}", self.step1_sign_in, username)
        self.step("2 attendance of a ~70-member unit at 360x740, saved 3 times", self.step2_attendance)
        self.step("4 officer: launch a campaign, coverage, drill-down, re-import", self.step4_officer)
        self.step("3 member: 3,000-char reflection and a check-in with a 300 KB photo", self.step3_member)
        self.run_journeys()
        self.phase = " (with canary test strings: long unbroken words)"
        try:
            self.step6_canaries()
        except Exception as e:  # a sign-in that failed mid-way: the rest is reported by what ran
            self.record("FAIL", "6 canaries (aborted)", f"{e.__class__.__name__}: {str(e)[:300]} [at {self.url()}]")
        self.final_canary_summary()
        if self.narrow_pages and not self.overflow:
            self.record("PASS", "7 layout: no page wider than the viewport at 360px", f"{len(self.narrow_pages)} kinds of page measured")
        try:
            self.d.quit()
        except Exception:
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)
        passed = sum(1 for r in self.results if r[0] == "PASS")
        failed = sum(1 for r in self.results if r[0] == "FAIL")
        skipped = sum(1 for r in self.results if r[0] == "SKIP")
        print(f"# browser stage ({self.backend}) took {time.time() - started:.0f}s", flush=True)
        print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""), flush=True)
        return 0 if failed == 0 else 1


def parse():
    parser = argparse.ArgumentParser(description="LamTheo browser stage")
    parser.add_argument("--base", required=True)
    parser.add_argument("--backend", default="sqlite")
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--axe", default=None, help="path to axe.min.js")
    parser.add_argument("--shots", action="store_true", help="screenshot every page visited")
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse()
    try:
        run = Run(arguments)
    except WebDriverException as e:
        print(f"FAIL browser: Chromium could not start: {e.msg}")
        print("0 passed, 1 failed")
        sys.exit(1)
    sys.exit(run.main())
