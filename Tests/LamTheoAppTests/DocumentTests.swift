import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Documents")
struct DocumentTests {
    @Test("a document is registered with its symbol read and shown canonically, in the term of its date", arguments: TestBackend.allCases)
    func register(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let directive = try await app.registerDocument("Số 05 - ct / tw", "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                                                           on: "15/05/2016")
            let stored = try #require(try await Document.find(directive, on: app.db))
            #expect(stored.symbol == "05-CT/TW")
            #expect(stored.number == 5)
            #expect(stored.typeCode == "CT")
            #expect(stored.issuerCode == "TW")
            #expect(stored.issuedOn == "2016-05-15")
            #expect(stored.organizationId == nil)
            #expect(try await CommitteeTerm.find(stored.termId, on: app.db)?.name == "Khóa XII")
            #expect(stored.titleSearch.hasPrefix("05 ct tw ve day manh hoc tap"))

            let scheme = try await app.registerDocument("02-DA/TU", "Đề án".decomposedStringWithCanonicalMapping, on: "2021-03-01", by: tree.city)
            let schemeRow = try #require(try await Document.find(scheme, on: app.db))
            #expect(schemeRow.symbol == "02-ĐA/TU")
            #expect(schemeRow.title == "Đề án")
            #expect(try await CommitteeTerm.find(schemeRow.termId, on: app.db)?.name == "Khóa XIII")
        }
    }

    @Test("bad input names each field and writes nothing", arguments: TestBackend.allCases)
    func refused(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let before = try await app.rowCount("documents")
            let wrong = await domainError {
                _ = try await app.write { try await DocumentCommands.register(
                    DocumentInput(symbol: "05-XY/TW", title: " ", issuedOn: "31/02/2020", organizationId: 999), on: $0) }
            }
            #expect(wrong?.kind == .invalid)
            #expect(Set(wrong?.fields ?? []) == ["symbol", "title", "issuedOn", "organizationId"])
            #expect(wrong?.fieldErrors.first?.message.vi == "Không có loại văn bản viết tắt “XY” trong danh mục (CT, KL, NQ, QĐ, KH…)")

            let noNumber = await domainError {
                _ = try await app.write { try await DocumentCommands.register(DocumentInput(symbol: "CT/TW", title: "X", issuedOn: "2020-01-01"), on: $0) }
            }
            #expect(noNumber?.fieldErrors.first?.message.en == "The number is missing before the symbol, e.g. 05-CT/TW")
            let beforeTerms = await domainError {
                _ = try await app.write { try await DocumentCommands.register(DocumentInput(symbol: "01-CT/TW", title: "X", issuedOn: "2001-01-01"), on: $0) }
            }
            #expect(beforeTerms?.fields == ["issuedOn"])
            #expect(try await app.rowCount("documents") == before)
        }
    }

    @Test("a number is used once per type, issuer and term: refused twice in a term, allowed in the next", arguments: TestBackend.allCases)
    func duplicates(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let first = try await app.registerDocument("01-KL/TW", "Kết luận khóa XII", on: "2016-06-01")
            let before = try await app.rowCount("documents")
            let duplicate = await domainError {
                _ = try await app.write { try await DocumentCommands.register(DocumentInput(symbol: "Số 1-KL/TW", title: "Lặp", issuedOn: "2020-12-31"), on: $0) }
            }
            #expect(duplicate?.kind == .conflict)
            #expect(duplicate?.fields == ["symbol"])
            #expect(duplicate?.title.vi == "Số 01-KL/TW đã được dùng trong nhiệm kỳ Khóa XII: mỗi số chỉ dùng một lần trong một nhiệm kỳ")
            #expect(try await app.rowCount("documents") == before)

            let next = try await app.registerDocument("01-KL/TW", "Về tiếp tục thực hiện Chỉ thị 05-CT/TW", on: "18/05/2021")
            #expect(next != first)
            // Saving a document unchanged is not a clash with itself.
            _ = try await app.write { try await DocumentCommands.update(next, DocumentInput(symbol: "01-KL/TW", title: "Về tiếp tục", issuedOn: "2021-05-18"), on: $0) }
            #expect(try await Document.find(next, on: app.db)?.title == "Về tiếp tục")
        }
    }

    @Test("relations: continues, implements, seen from both ends; no self-relation, no duplicate", arguments: TestBackend.allCases)
    func relations(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let directive = try await app.registerDocument("05-CT/TW", "Chỉ thị", on: "2016-05-15")
            let conclusion = try await app.registerDocument("01-KL/TW", "Kết luận", on: "2021-05-18")
            let plan = try await app.registerDocument("89-KH/TU", "Kế hoạch thực hiện Kết luận 01-KL/TW", on: "2021-07-01", by: tree.city)
            _ = try await app.write { try await DocumentCommands.relate(from: conclusion, to: directive, kind: .continues, on: $0) }
            _ = try await app.write { try await DocumentCommands.relate(from: plan, to: conclusion, kind: .implements, on: $0) }

            let around = try await DocumentQueries.relations(of: conclusion, scopes: nil, on: app.db)
            #expect(around.map { "\($0.label.vi) \($0.document.symbol)" } == ["Tiếp tục thực hiện 05-CT/TW", "Được thực hiện bởi 89-KH/TU"])

            let before = try await app.rowCount("document_relations")
            let itself = await domainError { _ = try await app.write { try await DocumentCommands.relate(from: plan, to: plan, kind: .implements, on: $0) } }
            #expect(itself?.fields == ["toDocumentId"])
            let again = await domainError { _ = try await app.write { try await DocumentCommands.relate(from: directive, to: conclusion, kind: .replaces, on: $0) } }
            #expect(again?.kind == .conflict)
            #expect(try await app.rowCount("document_relations") == before)
        }
    }
}

extension Application {
    /// Registers a document as the command line would; returns its id.
    func registerDocument(_ symbol: String, _ title: String, on date: String, by organization: Int? = nil) async throws -> Int {
        let input = DocumentInput(symbol: symbol, title: title, issuedOn: date, organizationId: organization)
        return try await write(AuditSubject("document.register", Document.self), origin: .commandLine(user: "test")) {
            try await DocumentCommands.register(input, on: $0)
        }.requireID()
    }
}
