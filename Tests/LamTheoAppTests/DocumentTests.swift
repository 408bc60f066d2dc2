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
            #expect(stored.issuedOn.iso == "2016-05-15")
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

    @Test("a unit's document bears its committee's symbol or one of its boards': a ward's ĐU, a bloc's ĐUK, a cell's CB; any where the name does not tell",
          arguments: TestBackend.allCases)
    func issuerOfTheUnit(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let bloc = try await app.createUnit("Đảng bộ Khối Cơ quan và Doanh nghiệp", code: "K", kind: .upperGrassroots, parent: tree.city, on: "2020-01-01")
            let army = try await app.createUnit("Đảng bộ Quân đội", code: "QD", kind: .province, parent: nil, on: "2020-01-01")
            func refused(_ symbol: String, by unit: Int) async -> DomainError? {
                await domainError { _ = try await app.registerDocument(symbol, "Báo cáo sơ kết", on: "2021-08-01", by: unit) }
            }
            func register(_ symbol: String, by unit: Int) async throws {
                _ = try await app.registerDocument(symbol, "Báo cáo sơ kết", on: "2021-08-01", by: unit)
            }
            let before = try await app.rowCount("documents")
            let refusal = await refused("498-BC/ĐU", by: bloc)
            #expect(refusal?.fields == ["symbol"])
            #expect(refusal?.fieldErrors.first?.message.vi == "Ký hiệu phải là …-BC/ĐUK của Đảng ủy Khối Cơ quan và Doanh nghiệp (không phải ĐU)")
            #expect(refusal?.fieldErrors.first?.message.en == "The symbol must be …-BC/ĐUK for Đảng ủy Khối Cơ quan và Doanh nghiệp (not ĐU)")
            #expect(await refused("12-BC/TU", by: tree.wardA)?.fieldErrors.first?.message.vi == "Ký hiệu phải là …-BC/ĐU của Đảng ủy phường Bến Nghé (không phải TU)")
            #expect(await refused("12-BC/ĐU", by: tree.cellA1)?.fields == ["symbol"], "a cell writes CB")
            #expect(try await app.rowCount("documents") == before, "nothing written")

            try await register("498-BC/ĐUK", by: bloc)
            try await register("12-BC/VPĐU", by: tree.wardA) // the committee's office
            try await register("13-BC/BTGDVTU", by: tree.city) // a board of the city's committee
            try await register("12-BC/CB", by: tree.cellA1)
            try await register("07-BC/QUTW", by: army) // no symbol known for the unit: any is accepted
            #expect(try await app.rowCount("documents") == before + 5)
        }
    }

    @Test("each issuing unit numbers its own documents: two wards each issue 12-BC/ĐU in one term, one ward cannot twice",
          arguments: TestBackend.allCases)
    func registerPerIssuingUnit(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let inWardA = try await app.registerDocument("12-BC/ĐU", "Báo cáo sơ kết phường Bến Nghé", on: "2021-08-01", by: tree.wardA)
            let inWardB = try await app.registerDocument("12-BC/ĐU", "Báo cáo sơ kết phường Đa Kao", on: "2021-08-02", by: tree.wardB)
            #expect(inWardA != inWardB)

            let before = try await app.rowCount("documents")
            let again = await domainError { _ = try await app.registerDocument("12-BC/ĐU", "Lặp", on: "2021-09-01", by: tree.wardA) }
            #expect(again?.kind == .conflict)
            #expect(again?.fields == ["symbol"])
            // A central document with the same number is a third register; two central ones clash.
            _ = try await app.registerDocument("12-BC/ĐU", "Văn bản không thuộc đơn vị nào", on: "2021-08-03")
            #expect(await domainError { _ = try await app.registerDocument("12-BC/ĐU", "Lặp", on: "2021-08-04") }?.kind == .conflict)
            #expect(try await app.rowCount("documents") == before + 1)

            // The database holds the rule too, for two writers racing past the check.
            let row = try #require(try await Document.find(inWardA, on: app.db))
            let copy = Document()
            copy.organizationId = row.organizationId
            copy.number = row.number; copy.typeCode = row.typeCode; copy.issuerCode = row.issuerCode; copy.symbol = row.symbol
            copy.title = "Bản sao"; copy.titleSearch = "ban sao"; copy.issuedOn = row.issuedOn; copy.termId = row.termId
            await #expect(throws: (any Error).self) { try await copy.create(on: app.db) }
            copy.organizationId = tree.city
            try await copy.create(on: app.db)
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

    @Test("the lists grow: a new issuer is read at once; a new term closes the one in progress; clashes refused", arguments: TestBackend.allCases)
    func lists(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let admin = try await app.admin()
            let officer = try await app.caller("thanhuy", .officer, scope: tree.city, level: .manager)
            let tester = try app.testing()
            let unknown = await domainError { _ = try await app.registerDocument("12-KH/BTGDVHU", "Kế hoạch", on: "2025-09-01") }
            #expect(unknown?.fields == ["symbol"])
            let body = AbbreviationInput(list: "issuer", code: "BTGDVHU", nameVi: "Ban Tuyên giáo và Dân vận Huyện ủy",
                                         nameEn: "Propaganda and Mass Mobilisation Commission of a district committee")
            #expect(try await tester.sendRequest(.POST, "/api/v1/document-abbreviations", headers: officer.api) { try $0.content.encode(body) }.status == .forbidden)
            #expect(try await tester.sendRequest(.POST, "/api/v1/document-abbreviations", headers: admin.api) { try $0.content.encode(body) }.status == .created)
            #expect(try await tester.sendRequest(.POST, "/api/v1/document-abbreviations", headers: admin.api) {
                try $0.content.encode(AbbreviationInput(list: "issuer", code: "btgdvhu", nameVi: "Lặp", nameEn: "Again"))
            }.status == .conflict)
            let registered = try await app.registerDocument("12-kh/btgdvhu", "Kế hoạch", on: "2025-09-01")
            #expect(try await Document.find(registered, on: app.db)?.symbol == "12-KH/BTGDVHU")

            let late = try await app.registerDocument("03-KH/TU", "Kế hoạch", on: "2026-06-01", by: tree.city)
            let blocked = await domainError { _ = try await app.write { try await DocumentCommands.addTerm(TermInput(name: "Khóa XV", startsOn: "2026-03-01"), on: $0) } }
            #expect(blocked?.kind == .conflict)
            #expect(blocked?.fields == ["startsOn"])
            let next = try await app.write { try await DocumentCommands.addTerm(TermInput(name: "Khóa XV", startsOn: "19/01/2031"), on: $0) }
            #expect(next.endsOn == nil)
            let terms = try await DocumentQueries.terms(on: app.db)
            #expect(terms.map(\.name) == ["Khóa XI", "Khóa XII", "Khóa XIII", "Khóa XIV", "Khóa XV"])
            #expect(terms[3].endsOn?.iso == "2031-01-18")
            #expect(try await DocumentQueries.term(containing: CalendarDate(year: 2026, month: 6, day: 1)!, on: app.db)?.id
                    == Document.find(late, on: app.db)?.termId)
            let again = await domainError { _ = try await app.write { try await DocumentCommands.addTerm(TermInput(name: "Khóa XV", startsOn: "2036-01-01"), on: $0) } }
            #expect(again?.fields == ["name"])
        }
    }

    @Test("attachments: PDF and DOCX by their bytes; a renamed program, another ZIP, an empty or too large file refused, nothing written",
          arguments: TestBackend.allCases)
    func attachments(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let plan = try await app.registerDocument("89-KH/TU", "Kế hoạch", on: "2021-07-01")
            let store = app.documentFiles
            func attach(_ name: String, _ data: Data) async throws -> DocumentAttachment {
                try await app.write(AuditSubject("document.attach", DocumentAttachment.self), origin: .commandLine(user: "test")) {
                    try await DocumentCommands.attach(to: plan, fileName: name, data: data, store: store, on: $0)
                }
            }
            let pdf = try await attach("C:\\Văn bản\\Kế hoạch 89.pdf", Self.pdf)
            #expect(pdf.fileName == "Kế hoạch 89.pdf")
            #expect(pdf.mediaType == "application/pdf")
            #expect(pdf.storageKey == pdf.sha256)
            #expect(try store.read(pdf.storageKey) == Self.pdf)
            let docx = try await attach("../../etc/passwd.docx", Self.zip(["[Content_Types].xml", "word/document.xml"]))
            #expect(docx.fileName == "passwd.docx")
            #expect(docx.mediaType == AttachmentType.docx.mediaType)

            let rows = try await app.rowCount("document_attachments")
            let files = try Self.storedFiles(store)
            let program = Data([0x4D, 0x5A, 0x90, 0x00]) + Data(repeating: 0, count: 200)
            for (name, data) in [("ke-hoach.pdf", program), ("bang.docx", Self.zip(["xl/workbook.xml"])), ("rong.pdf", Data()),
                                 ("lon.pdf", Self.pdf + Data(repeating: 0x20, count: AttachmentType.maximumSize))] {
                let refused = await domainError { _ = try await attach(name, data) }
                #expect(refused?.fields == ["file"], "\(name)")
            }
            let tooLarge = await domainError { _ = try await attach("lon.pdf", Self.pdf + Data(repeating: 0x20, count: AttachmentType.maximumSize)) }
            #expect(tooLarge?.fieldErrors.first?.message.vi.hasPrefix("Tệp lớn quá 20 MB") == true)
            let renamed = await domainError { _ = try await attach("ke-hoach.pdf", program) }
            #expect(renamed?.fieldErrors.first?.message.en == "Only PDF and DOCX files can be attached (this file's content is neither)")
            #expect(try await app.rowCount("document_attachments") == rows)
            #expect(try Self.storedFiles(store) == files)
        }
    }

    @Test("scope: a ward reads its own, its city's and central documents, never a sibling ward's; writes follow the issuing unit",
          arguments: TestBackend.allCases)
    func scope(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let central = try await app.registerDocument("05-CT/TW", "Chỉ thị", on: "2016-05-15")
            let cityPlan = try await app.registerDocument("89-KH/TU", "Kế hoạch của Thành ủy", on: "2021-07-01", by: tree.city)
            let planA = try await app.registerDocument("05-KH/ĐU", "Kế hoạch phường Bến Nghé", on: "2021-08-01", by: tree.wardA)
            let planB = try await app.registerDocument("06-KH/ĐU", "Kế hoạch phường Đa Kao", on: "2021-08-02", by: tree.wardB)
            let cellPlan = try await app.registerDocument("01-KH/CB", "Kế hoạch chi bộ", on: "2021-09-01", by: tree.cellA1)
            let member = try await app.createMember("Nguyễn Văn An", card: "101", in: tree.cellA1)
            let callers = [
                ("city manager", try await app.caller("thanhuy", .officer, scope: tree.city, level: .manager), [central, cityPlan, planA, planB, cellPlan]),
                ("ward A editor", try await app.caller("phuonga", .officer, scope: tree.wardA, level: .editor), [central, cityPlan, planA, cellPlan]),
                ("cell A1 secretary", try await app.caller("bithu", .secretary, scope: tree.cellA1), [central, cityPlan, planA, cellPlan]),
                ("ward B viewer", try await app.caller("xemb", .officer, scope: tree.wardB, level: .viewer), [central, cityPlan, planB]),
                ("member", try await app.caller("dangvien", .member, member: member), [central]),
            ]
            let tester = try app.testing()
            for (name, caller, readable) in callers {
                let page = try await tester.sendRequest(.GET, "/api/v1/documents", headers: caller.api).content.decode(PageDTO<DocumentAPI.DocumentDTO>.self)
                #expect(Set(page.items.map(\.id)) == Set(readable), "\(name) list")
                #expect(page.total == readable.count, "\(name) total")
                for id in [central, cityPlan, planA, planB, cellPlan] {
                    let status = try await tester.sendRequest(.GET, "/api/v1/documents/\(id)", headers: caller.api).status
                    #expect(status == (readable.contains(id) ? .ok : .notFound), "\(name) reads \(id)")
                }
            }
            let wardA = callers[1].1
            let update = { (id: Int) in try await tester.sendRequest(.PATCH, "/api/v1/documents/\(id)", headers: wardA.api) {
                try $0.content.encode(DocumentInput(title: "Sửa"))
            }.status }
            #expect(try await update(planA) == .ok)
            #expect(try await update(cityPlan) == .forbidden)
            #expect(try await update(central) == .forbidden)
            #expect(try await update(planB) == .notFound)
            for organizationId in [nil, tree.city, tree.wardB] {
                let refused = try await tester.sendRequest(.POST, "/api/v1/documents", headers: wardA.api) {
                    try $0.content.encode(DocumentInput(symbol: "09-KH/ĐU", title: "Kế hoạch", issuedOn: "2022-01-01", organizationId: organizationId))
                }
                #expect(refused.status == .unprocessableEntity, "issued by \(organizationId.map(String.init) ?? "central")")
            }
            // A ward relates its plan to the city's plan, which it reads but does not keep.
            let related = try await tester.sendRequest(.POST, "/api/v1/documents/\(planA)/relations", headers: wardA.api) {
                try $0.content.encode(DocumentAPI.RelationBody(toDocumentId: cityPlan, kind: .implements))
            }
            #expect(related.status == .created)
            let toSibling = try await tester.sendRequest(.POST, "/api/v1/documents/\(planA)/relations", headers: wardA.api) {
                try $0.content.encode(DocumentAPI.RelationBody(toDocumentId: planB, kind: .implements))
            }
            #expect(toSibling.status == .unprocessableEntity)
            // The city plan's page, read from ward B, does not reveal ward A's plan.
            let seenFromB = try await tester.sendRequest(.GET, "/api/v1/documents/\(cityPlan)", headers: callers[3].1.api)
                .content.decode(DocumentAPI.DocumentDetailDTO.self)
            #expect(seenFromB.relations.isEmpty)
            #expect(try await DocumentQueries.find(id: planB, scopes: [try app.unit(tree.wardA).treePath], on: app.db) == nil)
        }
    }

    @Test("scope past the units a scope names: a wide scope checks each document's unit, a narrow one names its units; both read the same",
          arguments: TestBackend.allCases)
    func wideScope(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let deepCell = try await app.createCells(1_050, under: try await app.unit(tree.wardA)).last!
            let central = try await app.registerDocument("05-CT/TW", "Chỉ thị", on: "2016-05-15")
            let cityPlan = try await app.registerDocument("89-KH/TU", "Kế hoạch của Thành ủy", on: "2021-07-01", by: tree.city)
            let planA = try await app.registerDocument("05-KH/ĐU", "Kế hoạch phường Bến Nghé", on: "2021-08-01", by: tree.wardA)
            let planB = try await app.registerDocument("06-KH/ĐU", "Kế hoạch phường Đa Kao", on: "2021-08-02", by: tree.wardB)
            let cellPlan = try await app.registerDocument("01-KH/CB", "Kế hoạch chi bộ", on: "2021-09-01", by: deepCell)
            let callers = [
                ("city, 1,056 units", tree.city, [central, cityPlan, planA, planB, cellPlan]),
                ("ward A, 1,053 units", tree.wardA, [central, cityPlan, planA, cellPlan]),
                ("ward B, 2 units", tree.wardB, [central, cityPlan, planB]),
                ("a cell of ward A", deepCell, [central, cityPlan, planA, cellPlan]),
            ]
            for (name, unit, readable) in callers {
                let scopes = [try await app.unit(unit).treePath]
                // Scopes of more than 1,000 units are wide here.
                let limits = DocumentQueries.Limits(namedUnits: 1_000)
                let list = try await DocumentQueries.search(.init(scopes: scopes), page: 1, perPage: 50, limits: limits, on: app.db)
                #expect(list.items.map { $0.id! } == readable.reversed(), "\(name): newest first")
                #expect(list.total == readable.count && !list.totalIsLowerBound, "\(name): counted")
                // A candidate limit of 1 takes SQLite off the candidates: a narrow scope reads its units' documents, a wide one walks by date.
                for limit in [nil, 1] {
                    let plans = try await DocumentQueries.search(.init(text: "ke hoach", scopes: scopes), page: 1, perPage: 50,
                                                                 limits: .init(namedUnits: limits.namedUnits, candidates: limit), on: app.db)
                    #expect(plans.items.map { $0.id! } == readable.reversed().filter { $0 != central }, "\(name): a search, candidate limit \(limit ?? 0)")
                }
            }
        }
    }

    @Test("API: register, parse, relate, attach and download; problems in Vietnamese and English", arguments: TestBackend.allCases)
    func api(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let admin = try await app.admin()
            let tester = try app.testing()
            let created = try await tester.sendRequest(.POST, "/api/v1/documents", headers: admin.api) {
                try $0.content.encode(DocumentInput(symbol: "số 01 - kl/tw", title: "Về tiếp tục thực hiện Chỉ thị 05", issuedOn: "18/05/2021"))
            }
            #expect(created.status == .created)
            let conclusion = try created.content.decode(DocumentAPI.DocumentDetailDTO.self).document
            #expect(conclusion.symbol == "01-KL/TW")
            #expect(conclusion.issuedOn.iso == "2021-05-18")
            let directive = try await app.registerDocument("05-CT/TW", "Chỉ thị", on: "2016-05-15")

            let parsed = try await tester.sendRequest(.GET, "/api/v1/documents/parse-number?text=S%E1%BB%91%2002-DA%2FTU", headers: admin.api)
            #expect(try parsed.content.decode(DocumentAPI.ParsedNumberDTO.self).symbol == "02-ĐA/TU")
            let unknown = try await tester.sendRequest(.GET, "/api/v1/documents/parse-number?text=05-XY/TW", headers: admin.api)
            #expect(unknown.status == .unprocessableEntity)
            let vi = try JSONDecoder().decode(APITests.ProblemBody.self, from: Data(buffer: unknown.body))
            #expect(vi.errors?.map(\.field) == ["text"])
            #expect(vi.errors?.first?.detail == "Không có loại văn bản viết tắt “XY” trong danh mục (CT, KL, NQ, QĐ, KH…)")

            let duplicate = try await tester.sendRequest(.POST, "/api/v1/documents?lang=en", headers: admin.api) {
                try $0.content.encode(DocumentInput(symbol: "01-KL/TW", title: "Lặp", issuedOn: "2021-06-01"))
            }
            #expect(duplicate.status == .conflict)
            #expect(duplicate.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let en = try JSONDecoder().decode(APITests.ProblemBody.self, from: Data(buffer: duplicate.body))
            #expect(en.title == "01-KL/TW is already used in term Khóa XIII: a number is used once per term")
            #expect(en.errors?.map(\.field) == ["symbol"])
            #expect(try await app.rowCount("documents") == 2)

            let related = try await tester.sendRequest(.POST, "/api/v1/documents/\(conclusion.id)/relations", headers: admin.api) {
                try $0.content.encode(DocumentAPI.RelationBody(toDocumentId: directive, kind: .continues))
            }
            #expect(related.status == .created)
            let fromDirective = try await tester.sendRequest(.GET, "/api/v1/documents/\(directive)", headers: admin.api).content.decode(DocumentAPI.DocumentDetailDTO.self)
            #expect(fromDirective.relations.map { "\($0.direction) \($0.kind) \($0.symbol)" } == ["incoming continues 01-KL/TW"])

            let name = "Kết luận 01.pdf".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let uploaded = try await tester.sendRequest(.POST, "/api/v1/documents/\(conclusion.id)/attachments?fileName=\(name)", headers: admin.api,
                                                        body: ByteBuffer(data: Self.pdf))
            #expect(uploaded.status == .created)
            let attachment = try uploaded.content.decode(DocumentAPI.AttachmentDTO.self)
            #expect(attachment.fileName == "Kết luận 01.pdf")
            let download = try await tester.sendRequest(.GET, "/api/v1/documents/\(conclusion.id)/attachments/\(attachment.id)", headers: admin.api)
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(download.headers.first(name: .contentDisposition) == "attachment; filename=\"Ket_luan_01.pdf\"; filename*=UTF-8''K%E1%BA%BFt%20lu%E1%BA%ADn%2001.pdf")
            #expect(Data(buffer: download.body) == Self.pdf)

            let exe = try await tester.sendRequest(.POST, "/api/v1/documents/\(conclusion.id)/attachments?fileName=setup.pdf", headers: admin.api,
                                                   body: ByteBuffer(bytes: [0x4D, 0x5A, 0x90, 0x00]))
            #expect(exe.status == .unprocessableEntity)
            #expect(try JSONDecoder().decode(APITests.ProblemBody.self, from: Data(buffer: exe.body)).errors?.first?.field == "file")

            let removed = try await tester.sendRequest(.DELETE, "/api/v1/documents/\(conclusion.id)/attachments/\(attachment.id)", headers: admin.api)
            #expect(removed.status == .noContent)
            #expect(try Self.storedFiles(app.documentFiles).isEmpty)
            let events = try await AuditEvent.query(on: app.db).filter(\.$entity ~~ ["document", "document_relation", "document_attachment"]).all()
            #expect(events.map(\.action).sorted() == ["document.attach", "document.detach", "document.register", "document.register", "document.relate"])
        }
    }

    @Test("pages: the register, a document with its relations both ways, the forms; a refused form keeps the messages", arguments: TestBackend.allCases)
    func pages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let directive = try await app.registerDocument("05-CT/TW", "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", on: "2016-05-15")
            let conclusion = try await app.registerDocument("01-KL/TW", "Về tiếp tục thực hiện Chỉ thị 05", on: "2021-05-18")
            _ = try await app.write { try await DocumentCommands.relate(from: conclusion, to: directive, kind: .continues, on: $0) }
            let admin = try await app.admin()
            let tester = try app.testing()

            let list = String(buffer: try await tester.sendRequest(.GET, "/documents?q=hoc%20tap%20va%20lam%20theo", headers: admin.web).body)
            #expect(list.contains("05-CT/TW"))
            #expect(!list.contains("01-KL/TW"))
            #expect(list.contains(#"href="/documents""#), "the navigation link")
            let page = String(buffer: try await tester.sendRequest(.GET, "/documents/\(directive)", headers: admin.web).body)
            #expect(page.contains("Được tiếp tục bởi"))
            #expect(page.contains("15/05/2016"))
            #expect(page.contains("Khóa XII"))
            let english = String(buffer: try await tester.sendRequest(.GET, "/documents/\(conclusion)?lang=en", headers: admin.web).body)
            #expect(english.contains("Continues"))
            for path in ["/documents/new", "/documents/new?q=phuong", "/documents/\(directive)/edit", "/documents/\(directive)/relations?q=01-KL/TW",
                         "/documents?type=CT&issuer=TW&year=2016"] {
                #expect(try await tester.sendRequest(.GET, path, headers: admin.web).status == .ok, "\(path)")
            }

            let refused = try await tester.sendRequest(.POST, "/documents/new", headers: admin.web) {
                try $0.content.encode(admin.form(["symbol": "KH/ĐU", "title": "Kế hoạch", "issuedOn": "01/08/2021", "organizationId": "\(tree.wardA)"]),
                                      as: .urlEncodedForm)
            }
            #expect(refused.status == .unprocessableEntity)
            #expect(String(buffer: refused.body).contains("Thiếu số văn bản trước ký hiệu"))
            let saved = try await tester.sendRequest(.POST, "/documents/new", headers: admin.web) {
                try $0.content.encode(admin.form(["symbol": "Số 05-KH/DU", "title": "Kế hoạch", "issuedOn": "01/08/2021", "organizationId": "\(tree.wardA)"]),
                                      as: .urlEncodedForm)
            }
            #expect(saved.status == .seeOther)
            #expect(try await Document.query(on: app.db).filter(\.$organizationId == tree.wardA).first()?.symbol == "05-KH/ĐU")
            let central = try await tester.sendRequest(.POST, "/documents/new", headers: admin.web) {
                try $0.content.encode(admin.form(["symbol": "366-QĐ/TW", "title": "Quy định", "issuedOn": "2025-08-28", "organizationId": "central"]),
                                      as: .urlEncodedForm)
            }
            #expect(central.status == .seeOther)
        }
    }

    static let pdf = Data("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    /// A ZIP of empty, stored entries: enough for the type check, which reads only the central directory.
    static func zip(_ names: [String]) -> Data {
        func le(_ value: Int, _ bytes: Int) -> Data { Data((0..<bytes).map { UInt8((value >> (8 * $0)) & 0xFF) }) }
        var body = Data(), directory = Data()
        for name in names {
            let offset = body.count
            let fixed = le(20, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(0, 4) + le(0, 4) + le(0, 4) + le(name.utf8.count, 2) + le(0, 2)
            body += le(0x0403_4B50, 4) + fixed + Data(name.utf8)
            directory += le(0x0201_4B50, 4) + le(20, 2) + fixed + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(offset, 4) + Data(name.utf8)
        }
        let end = le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(names.count, 2) + le(names.count, 2) + le(directory.count, 4) + le(body.count, 4) + le(0, 2)
        return body + directory + end
    }

    static func storedFiles(_ store: DocumentFileStore) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: store.directory.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.contains("/") }.sorted()
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
