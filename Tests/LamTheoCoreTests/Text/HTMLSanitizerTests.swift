import LamTheoCore
import Testing

@Suite("HTMLSanitizer")
struct HTMLSanitizerTests {
    static let uploads = "/site/ben-thanh/images/"

    func clean(_ html: String) -> String {
        HTMLSanitizer.sanitize(html, acceptsImage: { $0.hasPrefix(Self.uploads) }).html
    }

    @Test("the allow-list is kept as written")
    func keepsAllowed() {
        let html = #"<h2>Học tập</h2><p>Làm theo <strong>Bác</strong> <em>mỗi ngày</em><br>dòng hai</p><ul><li>một</li></ul><ol><li>hai</li></ol>"#
            + #"<blockquote><p>Trích</p></blockquote><figure><img src="/site/ben-thanh/images/ab12" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>"#
        #expect(clean(html) == html)
        #expect(clean(#"<p><a href="https://thanhuytphcm.vn/tin">nguồn</a> và <a href="/site/ben-thanh">trang</a></p>"#)
            == #"<p><a href="https://thanhuytphcm.vn/tin" rel="nofollow noopener">nguồn</a> và <a href="/site/ben-thanh">trang</a></p>"#)
    }

    @Test("scripts, handlers, styles and frames never pass", arguments: [
        #"<script>alert(1)</script>"#,
        #"<SCRIPT src=//evil.example/x.js></SCRIPT>"#,
        #"<img src=x onerror=alert(1)>"#,
        #"<img src="/site/ben-thanh/images/ab12" onerror="alert(1)">"#,
        #"<a href="javascript:alert(1)">x</a>"#,
        #"<a href="JaVaScRiPt&#58;alert(1)">x</a>"#,
        #"<a href="java&#x09;script:alert(1)">x</a>"#,
        #"<a href=" javascript:alert(1)">x</a>"#,
        #"<a href="data:text/html,<script>alert(1)</script>">x</a>"#,
        #"<a href="//evil.example">x</a>"#,
        #"<a href="/\evil.example">x</a>"#,
        #"<p onclick="alert(1)" style="color:red">x</p>"#,
        #"<iframe src="https://evil.example"></iframe>"#,
        #"<svg><script>alert(1)</script></svg>"#,
        #"<style>body{display:none}</style>"#,
        #"<!--<script>alert(1)</script>-->"#,
        #"<scr<script>ipt>alert(1)</script>"#,
        #"<p>"><script>alert(1)</script></p>"#,
        #"<img src="https://evil.example/x.png">"#,
        #"<<img src=x onerror=alert(1)//>"#,
        #"<form action="https://evil.example"><input name=x></form>"#,
    ])
    func refusesHostile(_ html: String) {
        let output = clean(html).lowercased()
        #expect(!output.contains("<script"), "\(output)")
        #expect(!output.contains("javascript:"), "\(output)")
        #expect(!output.contains("onerror"), "\(output)")
        #expect(!output.contains("onclick"), "\(output)")
        #expect(!output.contains("style"), "\(output)")
        #expect(!output.contains("<iframe"), "\(output)")
        #expect(!output.contains("evil.example"), "\(output)")
        #expect(!output.contains("<form") && !output.contains("<input"), "\(output)")
        #expect(!output.contains("data:"), "\(output)")
    }

    @Test("text is escaped again, entities decoded once, and every element closed")
    func escapesAndCloses() {
        #expect(clean("<p>a < b & c > d") == "<p>a &lt; b &amp; c &gt; d</p>")
        #expect(clean("&lt;script&gt;") == "&lt;script&gt;")
        #expect(clean("<ul><li>một<li>hai</ul>") == "<ul><li>một<li>hai</li></li></ul>")
        #expect(clean("</p>lạc<div>khối</div>") == "lạckhối")
        #expect(clean(#"<img src="/site/ben-thanh/images/ab12" alt='"><script>'>"#) == #"<img src="/site/ben-thanh/images/ab12" alt="&quot;&gt;&lt;script&gt;">"#)
    }

    @Test("plain text reads as the reader sees it")
    func plainText() {
        #expect(HTMLSanitizer.plainText("<h2>Học tập</h2><p>và&nbsp;làm theo <strong>Bác</strong></p><p>Hai</p>") == "Học tập và làm theo Bác Hai")
        #expect(HTMLSanitizer.plainText("<script>x</script>chữ") == "chữ")
    }
}
