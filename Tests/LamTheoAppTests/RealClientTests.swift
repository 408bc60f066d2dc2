import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting
import ZIPFoundation

/// What a browser, a fuzzer and a hostile member found when they reached the server from outside: large
/// forms arriving in pieces, numbers that overflow, markup in stored text, redirects elsewhere, requests
/// no client sends. The tests that need a body to arrive in pieces use a real server over a socket.
@Suite("Real clients")
struct RealClientTests {
    @Test("a form body that arrives in pieces passes the anti-forgery check; one over the route's limit is a 413, not a 403",
          arguments: TestBackend.allCases)
    func streamedFormBody(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let admin = try await app.admin()
            let tester = try app.testing(method: .running(port: 0))
            let padding = String(repeating: "Nội dung dài ", count: 30_000)
            let large = try await tester.sendRequest(.POST, "/logout", headers: admin.web) {
                try $0.content.encode(admin.form(["padding": padding]), as: .urlEncodedForm)
            }
            // The client follows the redirect to the sign-in page: signed out, not refused.
            #expect(large.status == .ok, "a 400 KB form is read whole before its token is checked")
            #expect(String(buffer: large.body).contains(#"name="password""#))
            let tooLarge = try await tester.sendRequest(.POST, "/logout", headers: admin.web) {
                try $0.content.encode(admin.form(["padding": padding + padding + padding]), as: .urlEncodedForm)
            }
            #expect(tooLarge.status == .payloadTooLarge)
        }
    }

    @Test("page numbers from outside are bounded: the largest integer is a 400 on every paged list, and the server answers afterwards",
          arguments: TestBackend.allCases)
    func hugePageNumbers(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let admin = try await app.admin()
            let tester = try app.testing()
            let api = ["/api/v1/documents", "/api/v1/members", "/api/v1/organizations", "/api/v1/campaigns", "/api/v1/study-sessions",
                       "/api/v1/breakthroughs", "/api/v1/commitments"]
            let web = ["/documents", "/members", "/organizations", "/campaigns", "/study-sessions", "/audit"]
            for path in api + web {
                for page in ["9223372036854775807", "1000001", "-1", "1e99"] {
                    let headers = path.hasPrefix("/api/") ? admin.api : admin.web
                    let response = try await tester.sendRequest(.GET, "\(path)?page=\(page)", headers: headers)
                    #expect(response.status == .badRequest || response.status == .unprocessableEntity, "\(path)?page=\(page): \(response.status)")
                }
            }
            #expect(try await tester.sendRequest(.GET, "/api/v1/members?page=1000000", headers: admin.api).status == .ok)
            // A year at the edge of Int was `year + 1` in the search: a trap that ended the process.
            for year in ["9223372036854775807", "-9223372036854775808", "99999"] {
                #expect(try await tester.sendRequest(.GET, "/api/v1/documents?year=\(year)", headers: admin.api).status == .unprocessableEntity)
                #expect(try await tester.sendRequest(.GET, "/documents?year=\(year)", headers: admin.web).status == .unprocessableEntity)
            }
        }
    }

    @Test("stored and reflected markup is written as text: names with quotes and tags never become markup", arguments: TestBackend.allCases)
    func markupIsEscaped(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let hostile = #"x"><script>window.pwned=1</script>'"#
            let unit = try await app.createUnit("Chi bộ \(hostile)", code: "PA-9", kind: .cell, parent: tree.wardA, on: "2020-01-01")
            let admin = try await app.admin()
            let tester = try app.testing()
            for path in ["/organizations/\(unit)", "/organizations/\(unit)/edit", "/members?q=\(hostile.queryValueEncoded)",
                         "/organizations?q=\(hostile.queryValueEncoded)", "/login?next=\(hostile.queryValueEncoded)"] {
                let html = String(buffer: try await tester.sendRequest(.GET, path, headers: admin.web).body)
                #expect(!html.contains("<script>"), "\(path)")
                #expect(!html.contains(#"x">"#), "\(path): the quote closes no attribute")
            }
            let page = String(buffer: try await tester.sendRequest(.GET, "/organizations/\(unit)", headers: admin.web).body)
            #expect(page.contains("<title>Chi bộ x\"&gt;&lt;script&gt;"))
        }
    }

    @Test("the escaping itself: quotes, tags and ampersands, entities typed by a user shown as typed")
    func escaping() {
        #expect(HTMLEscaping.attribute(#"a"b'c<d>e&quot;"#) == "a&quot;b&#39;c&lt;d&gt;e&amp;quot;")
        #expect(HTMLEscaping.text(#"a"b'c<d>e&quot;"#) == #"a"b'c&lt;d&gt;e&amp;quot;"#)
        #expect(HTMLEscaping.text("Nguyễn Văn An") == "Nguyễn Văn An")
    }

    @Test("no page builds markup from raw strings: Plot's raw nodes and attribute values appear only where escaping is defined")
    func noRawMarkup() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/LamTheoApp")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)).compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" && $0.lastPathComponent != "HTMLEscaping.swift" }
        #expect(files.count > 50)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("Attribute(name:"), "\(file.lastPathComponent) builds an attribute around HTMLEscaping")
            // Plot's `.raw(` as an implicit member; SQL's `db.sql.raw(` is another thing.
            let raws = text.ranges(of: /[\s(,]\.raw\(/).count
            #expect(raws == 0 || (file.lastPathComponent == "BreakthroughPages.swift" && raws == 1),
                    "\(file.lastPathComponent): raw markup outside the progress chart")
        }
    }

    @Test("redirect targets from outside stay on the site")
    func localPaths() async throws {
        for target in ["/members?q=a", "/organizations/1", "/"] {
            #expect(LocalPath.validated(target) == target)
        }
        for target in ["//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example", "evil.example", "/\n/x", "/ /x",
                       "/\u{200B}/x", ""] {
            #expect(LocalPath.validated(target) == nil, "\(target.debugDescription)")
        }
        try await withTestApp(.sqlite) { app in
            let tester = try app.testing()
            for back in ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "https://evil.example"] {
                let response = try await tester.sendRequest(.GET, "/language/en?back=\(back)")
                #expect(response.headers.first(name: .location) == "/", "\(back)")
            }
            let kept = try await tester.sendRequest(.GET, "/language/en?back=/members%3Fq%3Da")
            #expect(kept.headers.first(name: .location) == "/members?q=a")
        }
    }

    @Test("requests no client sends get the status that names them; every answer carries the security headers")
    func protocolLimits() async throws {
        try await withTestApp(.sqlite) { app in
            let admin = try await app.admin()
            let tester = try app.testing()
            let trace = try await tester.sendRequest(.TRACE, "/")
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers.first(name: "Allow")?.contains("GET") == true)
            #expect(try await tester.sendRequest(.GET, "/members?q=" + String(repeating: "a", count: 9_000), headers: admin.web).status == .uriTooLong)
            let header = admin.web.adding("X-Padding", String(repeating: "b", count: 20_000))
            #expect(try await tester.sendRequest(.GET, "/members", headers: header).status == .requestHeaderFieldsTooLarge)

            // A path served with other methods: 405 with those, the most specific path deciding.
            for (method, path, allow) in [(HTTPMethod.PUT, "/api/v1/me", "GET, HEAD"), (.PATCH, "/api/v1/commitments/pledges", "POST"),
                                          (.DELETE, "/members", "GET, HEAD")] {
                let response = try await tester.sendRequest(method, path, headers: admin.api)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers.first(name: "Allow") == allow, "\(method) \(path)")
            }
            #expect(try await tester.sendRequest(.GET, "/nowhere").status == .notFound)

            for (path, headers) in [("/members", admin.web), ("/api/v1/members", admin.api), ("/login", HTTPHeaders()), ("/nowhere", HTTPHeaders())] {
                let response = try await tester.sendRequest(.GET, path, headers: headers)
                let policy = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(policy.contains("script-src 'none'") && policy.contains("frame-ancestors 'none'"), "\(path)")
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY", "\(path)")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin", "\(path)")
                #expect(response.headers.first(name: .cacheControl) == "no-store", "\(path)")
                // Added, not replaced, by SecurityHeadersMiddleware: a handler that set one too would send it twice.
                for name in ["Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Cache-Control"] {
                    #expect(response.headers[name].count == 1, "\(path): \(name) once")
                }
            }
            // The stylesheets are cached, then revalidated by their ETag: the same content is a 304 without a body.
            for path in ["/assets/app.css", "/assets/site.css"] {
                let first = try await tester.sendRequest(.GET, path)
                #expect(first.status == .ok && first.body.readableBytes > 1_000, "\(path)")
                #expect(first.headers.first(name: .cacheControl) == "max-age=3600" && first.headers[.cacheControl].count == 1, "\(path)")
                let etag = try #require(first.headers.first(name: .eTag), "\(path)")
                let again = try await tester.sendRequest(.GET, path, headers: ["If-None-Match": etag])
                #expect(again.status == .notModified && again.body.readableBytes == 0, "\(path)")
                #expect(try await tester.sendRequest(.GET, path, headers: ["If-None-Match": "\"other\""]).status == .ok, "\(path)")

                // Asked as browsers ask: the same stylesheet gzipped, under an ETag of its own, revalidated the same way.
                let gzipped = try await tester.sendRequest(.GET, path, headers: ["Accept-Encoding": "gzip, deflate, br"])
                #expect(gzipped.headers.first(name: .contentEncoding) == "gzip" && gzipped.headers.first(name: .vary) == "Accept-Encoding", "\(path)")
                #expect(gzipped.body.readableBytes < first.body.readableBytes / 2, "\(path)")
                #expect(try Self.gunzip(Array(buffer: gzipped.body)) == Array(buffer: first.body), "\(path)")
                let gzipTag = try #require(gzipped.headers.first(name: .eTag))
                #expect(gzipTag != etag)
                let revalidated = try await tester.sendRequest(.GET, path, headers: ["Accept-Encoding": "gzip", "If-None-Match": gzipTag])
                #expect(revalidated.status == .notModified && revalidated.body.readableBytes == 0, "\(path)")
                let refused = try await tester.sendRequest(.GET, path, headers: ["Accept-Encoding": "gzip;q=0, identity"])
                #expect(refused.headers.first(name: .contentEncoding) == nil && refused.body == first.body, "\(path)")
            }
        }
    }

    @Test("Accept-Encoding: gzip named or by *, not with q=0, in any case and spacing")
    func acceptedEncodings() {
        for admitted in [["gzip"], ["deflate, GZIP"], ["br;q=1.0, gzip;q=0.5"], ["*"], ["identity", "gzip"], ["*;q=0, gzip"]] {
            #expect(StylesheetFile.acceptsGzip(admitted), "\(admitted)")
        }
        for refused in [[], ["identity"], ["gzip;q=0"], ["gzip; q=0.0, br"], ["x-gzip2"], ["*;q=0"], ["gzip;q=0, *"], ["*", "gzip;q=0"]] {
            #expect(!StylesheetFile.acceptsGzip(refused), "\(refused)")
        }
    }

    /// A gzip member's content, checked against its CRC-32 and length (what a browser does).
    private static func gunzip(_ member: [UInt8]) throws -> [UInt8] {
        try #require(member.count > 18 && member[0] == 0x1F && member[1] == 0x8B && member[2] == 8 && member[3] == 0)
        let deflated = Data(member[10..<(member.count - 8)])
        var inflated = Data()
        // zlib's reader asks for a whole buffer each time, past the end too.
        let crc = try Data.decompress(size: Int64(deflated.count), bufferSize: 64 * 1024, skipCRC32: false, provider: { position, size in
            deflated.subdata(in: Int(position)..<min(Int(position) + size, deflated.count))
        }, consumer: { inflated.append($0) })
        let trailer = member.suffix(8).map(UInt32.init)
        #expect(crc == trailer[0] | trailer[1] << 8 | trailer[2] << 16 | trailer[3] << 24)
        #expect(UInt32(inflated.count) == trailer[4] | trailer[5] << 8 | trailer[6] << 16 | trailer[7] << 24)
        return Array(inflated)
    }

    @Test("a query value that cannot be read is a 400 naming it, on pages and in the API", arguments: TestBackend.allCases)
    func unreadableQueryValues(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let admin = try await app.admin()
            let tester = try app.testing()
            for (path, headers) in [("/members?within=null", admin.web), ("/members?q=%ff%fe", admin.web), ("/organizations?q=%ff", admin.web),
                                    ("/api/v1/members?within=null", admin.api), ("/api/v1/members?q=%ff%fe", admin.api),
                                    ("/api/v1/study-sessions?campaignId=null", admin.api), ("/campaigns?page=%ff", admin.web)] {
                let response = try await tester.sendRequest(.GET, path, headers: headers)
                #expect(response.status == .badRequest || response.status == .unprocessableEntity, "\(path): \(response.status)")
            }
        }
    }

    @Test("malformed multipart bodies are a 4xx, never a 500; a streamed import without its token is refused before it is read",
          arguments: TestBackend.allCases)
    func malformedMultipart(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let admin = try await app.admin()
            let tester = try app.testing(method: .running(port: 0))
            let bodies: [(String, String)] = [
                ("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"),
                ("multipart/form-data; boundary=x", "--y\r\ngarbage"),
                ("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc"),
            ]
            for (contentType, body) in bodies {
                for path in ["/api/v1/commitments/1/check-ins", "/api/v1/reflections", "/api/v1/breakthroughs/1/check-ins"] {
                    let response = try await tester.sendRequest(.POST, path, headers: admin.api.adding("Content-Type", contentType)) {
                        $0.body = ByteBuffer(string: body)
                    }
                    #expect((400..<500).contains(response.status.code), "\(path) \(contentType): \(response.status)")
                }
                let upload = try await tester.sendRequest(.POST, "/imports?_csrf=\(admin.csrf)", headers: admin.web.adding("Content-Type", contentType)) {
                    $0.body = ByteBuffer(string: body)
                }
                #expect((400..<500).contains(upload.status.code), "/imports \(contentType): \(upload.status)")
            }
            // An empty boundary stopped the process (a precondition in MultipartKit); a body cut off before its
            // closing delimiter was taken for a whole one.
            let cutOff = "--x\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nTiến độ\r\n"
            for (contentType, body) in [("multipart/form-data; boundary=", "--\r\n"), ("multipart/form-data; boundary=x", cutOff),
                                        ("multipart/form-data; boundary=\(String(repeating: "b", count: 71))", "--b--\r\n"),
                                        // A header name beyond ASCII: MultipartKit indexed a 128-entry table with it and stopped.
                                        ("multipart/form-data; boundary=x", "--x\r\nTên: a\r\n\r\nb\r\n--x--\r\n")] {
                for (path, headers) in [("/api/v1/commitments/1/check-ins", admin.api), ("/logout", admin.web)] {
                    let response = try await tester.sendRequest(.POST, path, headers: headers.adding("Content-Type", contentType)) {
                        $0.body = ByteBuffer(string: body)
                    }
                    #expect(response.status == .badRequest, "\(path) \(contentType): \(response.status)")
                }
            }
            let streamed = try await tester.sendRequest(.POST, "/imports?_csrf=\(admin.csrf)",
                                                        headers: admin.web.adding("Content-Type", "multipart/form-data; boundary=x")) {
                $0.body = ByteBuffer(string: "--x\r\nTên: a\r\n\r\nb\r\n--x--\r\n")
            }
            #expect(streamed.status == .badRequest, "the streamed import's reader checks header names too")
            let unsigned = try await tester.sendRequest(.POST, "/imports", headers: admin.web.adding("Content-Type", "multipart/form-data; boundary=x")) {
                $0.body = ByteBuffer(string: "--x--\r\n")
            }
            #expect(unsigned.status == .forbidden)
        }
    }

    @Test("an import upload streams to a file in the uploads folder, kept under the name it was sent as for the job that applies it", arguments: TestBackend.allCases)
    func importUploads(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let admin = try await app.admin()
            let tester = try app.testing(method: .running(port: 0))
            let csv = "Mã đơn vị,Tên đơn vị,Loại,Đơn vị cấp trên\nHCM,Đảng bộ Thành phố Hồ Chí Minh,TP,\n"
            let boundary = "lamtheo-test"
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\norgs\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\tệp\\\\đơn vị.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n"
                + "--\(boundary)--\r\n"
            let posted = try await tester.sendRequest(.POST, "/imports?_csrf=\(admin.csrf)",
                                                      headers: admin.web.adding("Content-Type", "multipart/form-data; boundary=\(boundary)")) {
                $0.body = ByteBuffer(string: body)
            }
            // The client follows the redirect to the job's page, named after the file as it was sent.
            #expect(posted.status == .ok)
            #expect(String(buffer: posted.body).contains("Kiểm tra tệp đơn vị.csv"))

            let started = try await tester.sendRequest(.POST, "/api/v1/imports?kind=orgs&fileName=orgs.csv", headers: admin.api) {
                $0.body = ByteBuffer(string: csv)
            }
            #expect(started.status == .accepted)
            let id = try #require(started.headers.first(name: .location)?.split(separator: "/").last.map(String.init))
            let payload = try #require(try await app.jobs.job(id)?.payload(as: ImportJobs.Payload.self))
            #expect(payload.fileName == "orgs.csv" && payload.userId == admin.userId && payload.source == "api")
            #expect(try String(contentsOfFile: ImportJobs.path(of: payload, app: app), encoding: .utf8) == csv, "kept on disk for the job that applies it")
        }
    }
}
