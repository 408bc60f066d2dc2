"""Exemplars and commendations (điển hình, khen thưởng), at 360 px and at desktop width, on the demo's data: the
ward officer finds the demo cell's model in the ward's registry, its figures before and after, the ward's giấy khen
with its decision's number, and the two cells that replicated it with their results; a giấy khen asked of the cell
itself is refused as above its authority, naming what a cell may grant, and nothing is saved. The city officer
reads the subtree's figures on the city's registry."""
from browser import JourneyPass, vn_today

TITLE = "Khu phố sạch, không rác thải nhựa"


def run(r):
    r.at_both_widths(Pass)


class Pass(JourneyPass):
    label = "85 exemplars"

    def __init__(self, r, narrow):
        super().__init__(r, narrow)
        self.exemplar = None

    def steps(self):
        ok = self.step("phuong lists the ward's exemplars and opens the demo model", self.list)
        ok = ok and self.step("its page: figures before and after, the ward's giấy khen 15-QĐ/ĐU, two cells that replicated it", self.page)
        ok and self.step("a giấy khen by the cell itself is refused as above its authority, and nothing is saved", self.refused)
        ok and self.step("thanhuy reads the city's registry with its subtree's figures", self.city)

    def list(self):
        r = self.r
        r.sign_in("phuong")
        r.get("/exemplars")
        assert r.text("h1").startswith("Điển hình, khen thưởng"), f"h1 is “{r.text('h1')}”"
        links = [a for a in r.css_all("main table tbody tr td a") if a.text == TITLE]
        assert links, "the demo model is listed"
        self.exemplar = int(links[0].get_attribute("href").rstrip("/").split("/")[-1])
        return f"exemplar #{self.exemplar}"

    def page(self):
        r = self.r
        r.get(f"/exemplars/{self.exemplar}")
        text = r.text()
        assert r.text("h1") == TITLE, f"h1 is “{r.text('h1')}”"
        assert "Đã nhân rộng" in text, "its state"
        assert "35%" in text and "92%" in text, "the figures before and after"
        assert "Giấy khen" in text and "15-QĐ/ĐU" in text, "the commendation and its decision"
        spread = r.css_all("main h2 + ul li")
        assert "Nơi đã nhân rộng" in text and text.count("Áp dụng tại") >= 2, "two adoptions with their results"
        return f"{len(spread)} list items"

    def refused(self):
        r = self.r
        r.get(f"/exemplars/{self.exemplar}")
        before = r.text().count("Quyết định số")
        action = f"/exemplars/{self.exemplar}/commendations"
        r.choose("grantingOrganizationId", text_contains="Chi bộ")
        r.choose("form", value="certificate")
        r.choose("documentId", text_contains="15-QĐ/ĐU")
        r.fill("grantedOn", vn_today().strftime("%d/%m/%Y"))
        r.submit(r.submit_button(action))
        problem = r.problem()
        assert "vượt thẩm quyền" in problem and "biểu dương" in problem, f"the refusal: “{problem}”"
        r.get(f"/exemplars/{self.exemplar}")
        after = r.text().count("Quyết định số")
        assert after == before, f"{before} → {after} commendations"
        return problem[:80]

    def city(self):
        r = self.r
        r.sign_in("thanhuy")
        r.get("/exemplars?unit=1")
        figures = [f.text for f in r.css_all("main .figures .figure")]
        assert any("Đã khen thưởng" in f and "1" in f for f in figures), f"the figures: {figures}"
        assert any("Lượt nhân rộng" in f and "2" in f for f in figures), f"the figures: {figures}"
        return " · ".join(f.replace("\n", " ") for f in figures)
