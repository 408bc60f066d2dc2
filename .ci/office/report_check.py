#!/usr/bin/env python3
"""A sơ kết checked against a live server as a person would check it (the e2e runner's `reports` stage).

Usage: report_check.py --base http://127.0.0.1:PORT [--username phuong] [--artifacts DIR]

Through the API, as the ward's officer (the demo account `phuong`, an editor of the demo ward):
  1 drafts a sơ kết of the officer's unit for today and the month, and waits until its figures are gathered;
  2 compares every figure of the draft with the dashboard's for the same unit, day and period (key, count, total),
    and that each figure's text (as the API gives it) is written vi-VN and says how it was computed (its source);
  3 writes what issuing asks of the author (place, signer, the parts a report must say), issues it with a fresh BC
    symbol and downloads the version's DOCX, PDF and XLSX: the DOCX's SHA-256 is the version's docxSha256 (the
    XLSX's its xlsxSha256), the PDF starts with %PDF;
  4 runs check.py on the DOCX (python-docx, LibreOffice, the header's positions) and on the XLSX (openpyxl), and
    finds each figure in the DOCX's text as vi-VN text ("231.700/245.200", or "1.234" for a count alone);
  5 changes data: a study session of the report's first campaign held today, everyone present, at the unit below
    furthest behind (or the unit itself): the sessions held, and who studied, move on the dashboard;
  6 the issued version downloads byte for byte as before (DOCX and XLSX), while a fresh draft of the same unit,
    day and period shows the changed figures, equal to the dashboard's.
Prints a PASS or FAIL line per check and ends with "N passed, M failed"; exits 1 when anything failed.
The files are kept in ARTIFACTS (default: a temporary directory) for a person to open.
"""
import argparse
import datetime
import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
import httpkit  # noqa: E402

PASSWORD = "lamtheo-demo"
SOURCE = "127.0.0.2"  # the e2e stages' own loopback address, apart from the hostile stage's bursts
COMPOSE_TIMEOUT = 180  # seconds for a report's figures to be gathered by the background job
# What the author writes before issuing: the place and signer, and the parts a report may not leave empty.
AUTHOR = {
    "place": "TP. Hồ Chí Minh",
    "signerName": "Nguyễn Văn Kiểm",
    "narratives": {
        "shortcomings": "Một số chi bộ tổ chức học tập còn chậm; việc viết bài thu hoạch chưa đều.",
        "lessons": "Cấp ủy bám sát kế hoạch, phân công rõ người, rõ việc, rõ thời hạn.",
        "directions": "Tiếp tục tổ chức học tập bổ sung cho đảng viên vắng; đôn đốc nộp bài thu hoạch đúng hạn.",
    },
}


class CheckFailed(Exception):
    pass


def vi_number(value):
    """245200 → "245.200" (vi-VN groups thousands with dots)."""
    return f"{value:,}".replace(",", ".")


def figure_text(figure):
    """How the report writes a figure: "231.700/245.200" when it has a total, "1.234" alone otherwise; "—" for one it
    writes without numbers (no unit has reported it: "chưa báo cáo"; a share of nothing: "—")."""
    if figure.get("count") is None or figure.get("total") == 0:
        return "—"
    text = vi_number(figure["count"])
    return f"{text}/{vi_number(figure['total'])}" if figure.get("total") is not None else text


def figures_of(document):
    """{key: figure} over every section of a report or a dashboard."""
    return {figure["key"]: figure for section in document.get("sections", []) for figure in section.get("figures", [])}


def vn_today():
    """The server's calendar is Vietnam's (UTC+7)."""
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date()


class Check:
    def __init__(self, base, username, artifacts):
        self.base = base.rstrip("/")
        self.username = username
        self.artifacts = artifacts
        self.results = []
        self.token = None
        self.state = {}

    # ---------------------------------------------------------------- recording

    def step(self, name, fn):
        started = time.monotonic()
        try:
            detail = fn() or ""
            self.record("PASS", name, f"{detail} ({time.monotonic() - started:.1f}s)".strip())
            return True
        except CheckFailed as error:
            self.record("FAIL", name, str(error))
        except Exception as error:  # a broken answer (not JSON, a missing field): the check failed, the run goes on
            self.record("FAIL", name, f"{error.__class__.__name__}: {error}\n" + traceback.format_exc(limit=3))
        return False

    def record(self, status, name, detail):
        self.results.append(status)
        print(f"{status} {name}" + (f": {detail}" if detail else ""), flush=True)

    # ---------------------------------------------------------------- HTTP

    def call(self, method, path, payload=None, expect=(200,), timeout=30.0):
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        body = None
        if payload is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(payload)
        result = httpkit.request(self.base, method, path, headers, body, source=SOURCE, timeout=timeout)
        if result.status not in expect:
            raise CheckFailed(f"{method} {path} answered {result.outcome()}: {result.body[:400].decode('utf-8', 'replace')}")
        return result

    def json(self, method, path, payload=None, expect=(200,)):
        return self.call(method, path, payload, expect).json()

    def download(self, path, content_type, name):
        """A file: its type, not empty, kept in the artifacts; its bytes."""
        result = self.call("GET", path, timeout=180.0)
        given = (result.header("content-type") or "").split(";")[0].strip()
        if given != content_type:
            raise CheckFailed(f"GET {path}: Content-Type {given!r}, expected {content_type}")
        if not result.body:
            raise CheckFailed(f"GET {path}: an empty file")
        with open(os.path.join(self.artifacts, name), "wb") as handle:
            handle.write(result.body)
        return result.body

    # ---------------------------------------------------------------- the report

    def draft(self, unit, day, period):
        """A new sơ kết drafted and its figures gathered: the report as the API shows it when done."""
        created = self.json("POST", "/api/v1/reports", {"organizationId": unit, "kind": "interim", "day": day, "period": period},
                            expect=(201,))
        deadline = time.monotonic() + COMPOSE_TIMEOUT
        report = created
        while report.get("status") == "composing" and time.monotonic() < deadline:
            time.sleep(1)
            report = self.json("GET", f"/api/v1/reports/{created['id']}")
        if report.get("status") != "draft":
            raise CheckFailed(f"report #{created['id']} is {report.get('status')!r} after {COMPOSE_TIMEOUT} s, not \"draft\"")
        return report

    def compare(self, report, dashboard):
        """Every figure of the report equals the dashboard's of the same key, and none of the dashboard's is left out."""
        ours, theirs = figures_of(report), figures_of(dashboard)
        if not ours:
            raise CheckFailed("the report carries no figure")
        unlike = [f"{key}: report {figure.get('count')}/{figure.get('total')}, dashboard "
                  + (f"{theirs[key].get('count')}/{theirs[key].get('total')}" if key in theirs else "none")
                  for key, figure in ours.items()
                  if key not in theirs or (figure.get("count"), figure.get("total")) != (theirs[key].get("count"), theirs[key].get("total"))]
        left_out = sorted(set(theirs) - set(ours))
        if unlike or left_out:
            raise CheckFailed("; ".join(unlike + ([f"on the dashboard, not in the report: {left_out}"] if left_out else [])))
        return len(ours)

    # ---------------------------------------------------------------- steps

    def sign_in(self):
        self.token = httpkit.api_token(self.base, self.username, PASSWORD, source=SOURCE)
        dashboard = self.json("GET", "/api/v1/dashboard")
        self.state.update(unit=dashboard["organizationId"], day=vn_today().isoformat(), period="month")
        return f"{self.username}'s unit #{dashboard['organizationId']} {dashboard['name']}"

    def dashboard(self):
        state = self.state
        return self.json("GET", f"/api/v1/dashboard?unit={state['unit']}&day={state['day']}&period={state['period']}")

    def first_draft(self):
        report = self.draft(self.state["unit"], self.state["day"], self.state["period"])
        self.state["report"] = report
        missing = [key for key in ("subject", "issuingBody", "signerTitle", "recipients", "narratives") if not report.get(key)]
        if missing:
            raise CheckFailed(f"report #{report['id']} has no {missing}")
        sections = [section["key"] for section in report["sections"]]
        return f"report #{report['id']}, sections {sections}"

    def figures_match(self):
        count = self.compare(self.state["report"], self.dashboard())
        figures = figures_of(self.state["report"]).values()
        unwritten = [f"{f['key']}: “{f.get('text')}”" for f in figures
                     if figure_text(f) != "—" and not f.get("text", "").startswith(figure_text(f))]
        unexplained = [f["key"] for f in figures if not f.get("source", "").strip()]
        if unwritten or unexplained:
            raise CheckFailed(f"texts not vi-VN {unwritten}; no source {unexplained}")
        return f"{count} figures equal the dashboard's, each written vi-VN with its source"

    def issue(self):
        report = self.state["report"]
        written = {key: text for key, text in report["narratives"].items() if text.strip()}
        self.json("PATCH", f"/api/v1/reports/{report['id']}", {**AUTHOR, "narratives": {**AUTHOR["narratives"], **written}})
        for _ in range(5):  # a number another run took already: the register refuses it, take another
            symbol = f"{random.randint(100, 9999)}-BC/ĐU"
            result = self.call("POST", f"/api/v1/reports/{report['id']}/issue", {"symbol": symbol, "issuedOn": self.state["day"]},
                               expect=(200, 201, 409, 422))
            if result.status in (200, 201):
                break
        else:
            raise CheckFailed(f"no symbol accepted: {result.outcome()} {result.body[:300]!r}")
        issued = result.json()
        versions = issued.get("versions") or []
        if len(versions) != 1 or versions[0].get("symbol") != symbol:
            raise CheckFailed(f"versions after issuing {symbol}: {versions}")
        self.state.update(issued=issued, version=versions[0])
        return f"{symbol}, version {versions[0]['version']}, docxSha256 {versions[0].get('docxSha256', '')[:12]}…"

    def version_path(self, kind):
        return f"/api/v1/reports/{self.state['report']['id']}/versions/{self.state['version']['version']}/{kind}"

    def downloads(self):
        version = self.state["version"]
        docx = self.download(self.version_path("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                             "report.docx")
        xlsx = self.download(self.version_path("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "annex.xlsx")
        pdf = self.download(self.version_path("pdf"), "application/pdf", "report.pdf")
        for name, data in (("DOCX", docx), ("XLSX", xlsx)):
            if not zipfile.is_zipfile(io.BytesIO(data)):
                raise CheckFailed(f"the {name} is not a ZIP file")
        if not pdf.startswith(b"%PDF"):
            raise CheckFailed(f"the PDF starts with {pdf[:8]!r}")
        hashes = {"docx": hashlib.sha256(docx).hexdigest(), "xlsx": hashlib.sha256(xlsx).hexdigest()}
        if hashes["docx"] != version.get("docxSha256"):
            raise CheckFailed(f"the DOCX's SHA-256 is {hashes['docx']}, the version says {version.get('docxSha256')}")
        if version.get("xlsxSha256") and hashes["xlsx"] != version["xlsxSha256"]:
            raise CheckFailed(f"the XLSX's SHA-256 is {hashes['xlsx']}, the version says {version['xlsxSha256']}")
        self.state.update(docx=docx, xlsx=xlsx)
        return f"DOCX {len(docx):,} B, PDF {len(pdf):,} B, XLSX {len(xlsx):,} B; the hashes are the version's"

    def office(self, name, *options):
        """check.py on a downloaded file: its measurements printed, its failures this check's."""
        path = os.path.join(self.artifacts, name)
        process = subprocess.run([sys.executable, os.path.join(HERE, "check.py"), path, *options], capture_output=True, text=True, timeout=400)
        for line in process.stdout.splitlines():
            print(f"  {line}", flush=True)
        if process.returncode != 0:
            raise CheckFailed(f"check.py {name} exited with {process.returncode}: {process.stderr.strip()[-1500:]}")
        return process.stdout.strip().splitlines()[-1]

    def docx_office(self):
        return self.office("report.docx", "--pdf", os.path.join(self.artifacts, "report-libreoffice.pdf"),
                           "--png", os.path.join(self.artifacts, "report-page1.png"))

    def xlsx_office(self):
        return self.office("annex.xlsx")

    def docx_figures(self):
        import docx

        document = docx.Document(io.BytesIO(self.state["docx"]))
        paragraphs = list(document.paragraphs)
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    paragraphs.extend(cell.paragraphs)
        text = "\n".join(paragraph.text for paragraph in paragraphs)
        figures = [figure for figure in figures_of(self.state["report"]).values() if figure_text(figure) != "—"]
        # A figure stands alone: "1.234" is not a piece of "11.234" nor of "1.234/2.000".
        missing = [f"{figure['key']} “{figure_text(figure)}”" for figure in figures
                   if not re.search(r"(?<![\d.,/])" + re.escape(figure_text(figure)) + r"(?![\d]|[.,/]\d)", text)]
        if missing:
            raise CheckFailed(f"not in the DOCX's text: {missing}")
        return f"{len(figures)} figures found as vi-VN text, e.g. {[figure_text(f) for f in figures[:4]]}"

    def change_data(self):
        """A session of the report's first campaign, held today at the child unit furthest behind, everyone present."""
        state = self.state
        dashboard = self.dashboard()
        campaigns = [section for section in dashboard["sections"] if section["key"].startswith("campaign-")]
        if not campaigns:
            raise CheckFailed(f"no campaign on the dashboard of unit #{state['unit']}: nothing a session could move")
        section = campaigns[0]
        behind = [child for child in section["children"] if child.get("count") is not None and child.get("total")
                  and child["count"] < child["total"]]
        unit = min(behind, key=lambda child: child["count"] / child["total"])["organizationId"] if behind else state["unit"]
        session = self.json("POST", "/api/v1/study-sessions", {
            "organizationId": unit, "campaignId": int(section["key"].split("-")[1]), "title": "Hội nghị học tập bổ sung (kiểm tra báo cáo CI)",
            "heldOn": state["day"], "format": "in_person"}, expect=(201,))
        self.json("PUT", f"/api/v1/study-sessions/{session['session']['id']}/attendance", {"entries": [], "othersPresent": True})
        after = figures_of(self.dashboard())
        before = figures_of(state["report"])
        moved = {key: (before[key], after[key]) for key in before if key in after
                 and (before[key].get("count"), before[key].get("total")) != (after[key].get("count"), after[key].get("total"))}
        if not moved:
            raise CheckFailed(f"the session at unit #{unit} moved no figure of the report")
        state["moved"] = moved
        return f"session #{session['session']['id']} at unit #{unit}: " + ", ".join(
            f"{key} {figure_text(old)} → {figure_text(new)}" for key, (old, new) in moved.items())

    def issued_unchanged(self):
        again = {"docx": self.call("GET", self.version_path("docx"), timeout=180.0).body,
                 "xlsx": self.call("GET", self.version_path("xlsx"), timeout=180.0).body}
        changed = [kind.upper() for kind, data in again.items() if data != self.state[kind]]
        if changed:
            with open(os.path.join(self.artifacts, "report-after-change.docx"), "wb") as handle:
                handle.write(again["docx"])
            raise CheckFailed(f"the issued version's {' and '.join(changed)} changed after the data did")
        report = self.json("GET", f"/api/v1/reports/{self.state['report']['id']}")
        if report.get("versions", [{}])[0].get("docxSha256") != self.state["version"].get("docxSha256"):
            raise CheckFailed(f"the version's docxSha256 changed: {report.get('versions')}")
        return f"DOCX and XLSX identical ({hashlib.sha256(again['docx']).hexdigest()[:12]}…)"

    def fresh_draft(self):
        state = self.state
        report = self.draft(state["unit"], state["day"], state["period"])
        ours = figures_of(report)
        stale = [f"{key}: {figure_text(ours[key]) if key in ours else 'absent'}, the dashboard {figure_text(new)}"
                 for key, (_, new) in state["moved"].items()
                 if key not in ours or (ours[key].get("count"), ours[key].get("total")) != (new.get("count"), new.get("total"))]
        if stale:
            raise CheckFailed(f"the fresh draft #{report['id']} does not show the change: {stale}")
        count = self.compare(report, self.dashboard())
        return f"report #{report['id']}: the changed figures shown, all {count} equal to the dashboard's"

    def run(self):
        ok = self.step("sign in through the API; the officer's unit", self.sign_in)
        ok = ok and self.step("draft a sơ kết of today by month: its figures gathered", self.first_draft)
        ok and self.step("every figure of the draft equals the dashboard's (key, count, total), written vi-VN with its source", self.figures_match)
        ok = ok and self.step("place, signer and the required parts written; issued with a fresh BC symbol: one version", self.issue)
        ok = ok and self.step("the version's DOCX, PDF and XLSX download; SHA-256 as recorded", self.downloads)
        if ok:
            self.step("check.py on the DOCX: python-docx, LibreOffice, the header's positions", self.docx_office)
            self.step("check.py on the XLSX: openpyxl", self.xlsx_office)
            self.step("every figure is in the DOCX's text as vi-VN text", self.docx_figures)
        ok = ok and self.step("data changed through the API: a study session held today, everyone present", self.change_data)
        ok and self.step("the issued version downloads exactly as issued (DOCX, XLSX)", self.issued_unchanged)
        ok and self.step("a fresh draft of the same unit, day and period shows the change", self.fresh_draft)
        passed, failed = self.results.count("PASS"), self.results.count("FAIL")
        print(f"{passed} passed, {failed} failed", flush=True)
        return 0 if failed == 0 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--username", default="phuong")
    parser.add_argument("--artifacts", help="where to keep the files downloaded (default: a temporary directory)")
    arguments = parser.parse_args()
    artifacts = arguments.artifacts or tempfile.mkdtemp(prefix="lamtheo-report-check-")
    os.makedirs(artifacts, exist_ok=True)
    print(f"# report check against {arguments.base} as {arguments.username}; files in {artifacts}", flush=True)
    return Check(arguments.base, arguments.username, artifacts).run()


if __name__ == "__main__":
    sys.exit(main())
