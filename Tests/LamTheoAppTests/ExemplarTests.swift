import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// Exemplars on `SmallTree`: a model of cell A1, its decisions and the wards it spreads to.
enum ExemplarFixture {
    static let today = CalendarDate(year: 2026, month: 12, day: 4)!

    static func model(in unit: Int, kind: ExemplarKind = .model) -> ExemplarInput {
        ExemplarInput(kind: kind.rawValue, title: "Tổ dân phố không rác thải nhựa", summary: "Phân loại rác tại nguồn, đổi rác lấy cây xanh",
                      organizationId: unit, topic: "Học tập và làm theo về ý thức bảo vệ môi trường",
                      figures: [ExemplarFigureInput(indicator: "Hộ phân loại rác tại nguồn", before: 35, after: 92, unit: "%")])
    }

    static func decision(_ symbol: String) -> DocumentInput {
        DocumentInput(symbol: symbol, title: "Quyết định khen thưởng tập thể có mô hình hay", issuedOn: "01/12/2026", organizationId: nil)
    }
}

extension Application {
    func nominate(_ input: ExemplarInput, on day: CalendarDate = ExemplarFixture.today) async throws -> Exemplar {
        try await write { try await ExemplarCommands.nominate(input, by: "Bí thư chi bộ", today: day, on: $0) }
    }

    /// A model of `unit`, nominated and verified.
    func verifiedExemplar(in unit: Int) async throws -> Int {
        let id = try await nominate(ExemplarFixture.model(in: unit)).requireID()
        _ = try await write {
            try await ExemplarCommands.verify(id, ExemplarVerificationInput(note: "Đã kiểm tra thực tế tại 3 tổ, đối chiếu sổ theo dõi"), by: "Phường",
                                              today: ExemplarFixture.today, on: $0)
        }
        return id
    }

    func registerDocument(_ symbol: String) async throws -> Int {
        try await write { try await DocumentCommands.register(ExemplarFixture.decision(symbol), on: $0) }.requireID()
    }

    func commend(_ id: Int, form: CommendationForm, by unit: Int, document: Int, on day: String = "02/12/2026") async throws -> Commendation {
        let input = CommendationInput(form: form.rawValue, grantingOrganizationId: unit, documentId: document, grantedOn: day)
        return try await write { try await ExemplarCommands.commend(id, input, by: "Văn phòng", today: ExemplarFixture.today, on: $0) }
    }

    /// What a refused nomination says, by field; empty when it was recorded.
    func nominationRefusal(_ input: ExemplarInput) async -> [String: String] {
        await fieldErrors { _ = try await self.nominate(input) }
    }

    func authorityRefusal(_ input: CommendationAuthorityInput) async -> [String: String] {
        await fieldErrors { _ = try await self.write { try await ExemplarCommands.addAuthorityVersion(input, on: $0) } }
    }

    /// What a refused commendation says, by field; empty when it was recorded.
    func commendRefusal(_ id: Int, form: CommendationForm, by unit: Int, document: Int, on day: String = "02/12/2026") async -> [String: String] {
        await fieldErrors { _ = try await self.commend(id, form: form, by: unit, document: document, on: day) }
    }

    /// Whether every unit's stored tally equals a count of its subtree's exemplars and adoptions now.
    func exemplarTalliesMatch() async throws -> Bool {
        let units = try await Organization.query(on: db).all()
        for unit in units {
            let path = unit.treePath
            let exemplars = try await Exemplar.query(on: db).filter(\.$organizationPath, in: path).all()
            let adoptions = try await ExemplarAdoption.query(on: db).filter(\.$organizationPath, in: path).count()
            let counted = ExemplarTally(exemplars: exemplars.count,
                                        commended: exemplars.filter { ExemplarState.commendedOrLater.contains($0.state) }.count,
                                        replicated: exemplars.filter { $0.state == .replicated }.count, adoptions: adoptions)
            if try await ExemplarTallies.read(unit.requireID(), on: db) != counted { return false }
        }
        return true
    }
}

/// What a refused write says, by field (Vietnamese). Called once per helper above, never with two closures in one
/// test: Swift 6.3 mixes up the captures of two such closures in one test function.
private func fieldErrors(_ body: @Sendable () async throws -> Void) async -> [String: String] {
    do {
        try await body()
        return [:]
    } catch let error as DomainError {
        return Dictionary(error.fieldErrors.map { ($0.field, $0.message.vi) }, uniquingKeysWith: { $0 + " / " + $1 })
    } catch {
        return ["?": "\(error)"]
    }
}

@Suite("Exemplars")
struct ExemplarTests {
    @Test("nominated by the cell, verified by the ward, commended by the ward, asked to spread by the city, adopted twice: logged, tasks reported, tallies rolled up",
          arguments: TestBackend.allCases)
    func lifecycle(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let id = try await app.verifiedExemplar(in: tree.cellA1)
            let verified = try await ExemplarQueries.require(id, on: app.db)
            #expect(verified.state == .verified && verified.verifiedById == tree.wardA && verified.verificationNote?.hasPrefix("Đã kiểm tra") == true)
            #expect(try await ExemplarTallies.read(tree.city, on: app.db) == ExemplarTally(exemplars: 1))

            let decision = try await app.registerDocument("12-QĐ/ĐU")
            let commendation = try await app.commend(id, form: .certificate, by: tree.wardA, document: decision)
            #expect(commendation.form == .certificate)
            #expect(try await ExemplarTallies.read(tree.wardA, on: app.db) == ExemplarTally(exemplars: 1, commended: 1))

            let tasks = try await app.write {
                try await ExemplarCommands.requestReplication(id, ReplicationRequestInput(issuerOrganizationId: tree.city, organizationIds: [tree.wardB, tree.cellA2],
                                                                                          responsible: "Bí thư cấp ủy", dueOn: "31/03/2027"),
                                                              by: "Thành ủy", today: ExemplarFixture.today, on: $0)
            }
            #expect(tasks.count == 2 && tasks.allSatisfy { $0.originKind == "replication" && $0.originId == id })
            #expect(FollowUpOrigins.origin("replication")?.link(id) == "/exemplars/\(id)")

            for (unit, result) in [(tree.cellA2, "Áp dụng tại 4 tổ dân phố"), (tree.cellB1, "Áp dụng tại khu phố 3")] {
                _ = try await app.write {
                    try await ExemplarCommands.adopt(id, AdoptionInput(organizationId: unit, adoptedOn: "03/12/2026", results: result,
                                                                       figures: [ExemplarFigureInput(indicator: "Hộ phân loại rác", after: 80, unit: "%")]),
                                                     by: "Bí thư", today: ExemplarFixture.today, on: $0)
                }
            }
            let detail = try await ExemplarQueries.detail(try await ExemplarQueries.require(id, on: app.db), on: app.db)
            #expect(detail.exemplar.state == .replicated)
            #expect(detail.adoptions.map(\.unitName) == ["Chi bộ Khu phố 2", "Chi bộ Khu phố 3"])
            #expect(detail.adoptions.allSatisfy { $0.figures.count == 1 })
            #expect(detail.figures.count == 1 && detail.figures[0].before == 35)
            #expect(detail.commendations.first?.documentNumber == "12-QĐ/ĐU")
            #expect(detail.events.map(\.action) == [.nominated, .verified, .commended, .replicationRequested, .adopted, .adopted])
            let asked = try #require(tasks.first { $0.organizationId == tree.cellA2 })
            #expect(try await FollowUpQueries.require(asked.requireID(), on: app.db).state == .reported, "the adoption reports the task it answers")
            #expect(detail.adoptions.first?.adoption.taskId == asked.id)
            #expect(try await FollowUpQueries.require(tasks.first { $0.organizationId == tree.wardB }!.requireID(), on: app.db).state == .open,
                    "a cell of ward B adopted it, not ward B itself")

            #expect(try await ExemplarTallies.read(tree.city, on: app.db) == ExemplarTally(exemplars: 1, commended: 1, replicated: 1, adoptions: 2))
            #expect(try await ExemplarTallies.read(tree.wardB, on: app.db) == ExemplarTally(adoptions: 1))
            #expect(try await ExemplarTallies.own(tree.cellA1, on: app.db) == ExemplarTally(exemplars: 1, commended: 1, replicated: 1))
            #expect(try await app.exemplarTalliesMatch())

            // The city commends it too: a higher level, a bằng khen, the same exemplar.
            let cityDecision = try await app.registerDocument("45-QĐ/TU")
            _ = try await app.commend(id, form: .meritCertificate, by: tree.city, document: cityDecision, on: "04/12/2026")
            #expect(try await ExemplarQueries.require(id, on: app.db).state == .replicated)
        }
    }

    @Test("refused and nothing written: no kind, an individual without a member, neither campaign nor topic, records not in the unit, figures without before",
          arguments: TestBackend.allCases)
    func nominationRefusals(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            var input = ExemplarFixture.model(in: tree.cellA1)
            input.kind = nil
            input.topic = nil
            input.commitmentIds = [999]
            input.breakthroughIds = [998]
            input.figures = [ExemplarFigureInput(indicator: "Hộ phân loại rác", after: 90)]
            let sent = input
            let errors = await app.nominationRefusal(sent)
            #expect(Set(errors.keys) == ["kind", "topic", "commitmentIds", "breakthroughIds", "figures"])
            #expect(errors["figures"] == "Chỉ tiêu “Hộ phân loại rác” cần số liệu trước và sau")
            let individual = ExemplarFixture.model(in: tree.cellA1, kind: .individual)
            #expect(await app.nominationRefusal(individual)["memberId"] == "Điển hình cá nhân phải chọn đảng viên")
            var byCousin = ExemplarFixture.model(in: tree.cellA1)
            byCousin.nominatingOrganizationId = tree.wardB
            let cousin = byCousin
            #expect(await app.nominationRefusal(cousin)["nominatingOrganizationId"] != nil)
            for table in ["exemplars", "exemplar_figures", "exemplar_links", "exemplar_events", "exemplar_tallies"] {
                #expect(try await app.rowCount(table) == 0, "\(table)")
            }
        }
    }

    @Test("a unit rated below the configured level in the last year period is not nominated as a collective, and the refusal says why; the level is data",
          arguments: TestBackend.allCases)
    func collectiveRule(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let period = try await app.write { try await RatingPeriods.year(2025, on: $0) }.requireID()
            for step in [RatingStepKind.proposal, .decision] {
                _ = try await app.write {
                    try await RatingCommands.record(RatingStepInput(periodId: period, organizationId: tree.wardB, step: step.rawValue, score: 60,
                                                                    explanation: "Còn hạn chế"), by: RatingAuthor(userId: nil, username: "test"), on: $0)
                }
            }
            let collective = ExemplarFixture.model(in: tree.wardB, kind: .collective)
            let message = await app.nominationRefusal(collective)["organizationId"]
            #expect(message == "Đảng bộ phường Đa Kao xếp loại “hoàn thành nhiệm vụ” năm 2025, dưới mức “hoàn thành tốt nhiệm vụ” nên không được đề nghị điển hình tập thể")
            #expect(try await app.rowCount("exemplars") == 0)
            // A model of the same unit is not a collective; a lower bar lets the collective through.
            _ = try await app.nominate(ExemplarFixture.model(in: tree.wardB))
            _ = try await app.write { try await ExemplarCommands.setNominationRule(ExemplarNominationRuleInput(minimumRating: "completed"), on: $0) }
            #expect(try await app.nominate(collective).kind == .collective)
            // Ward A was never rated: not below.
            #expect(try await app.nominate(ExemplarFixture.model(in: tree.wardA, kind: .collective)).state == .nominated)
        }
    }

    @Test("commendations: not before verification, not above the level's authority (naming what it may grant), not twice at one level (naming the decision); a new version of the rules applies from its day",
          arguments: TestBackend.allCases)
    func commendationRules(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let decision = try await app.registerDocument("12-QĐ/ĐU")
            let nominated = try await app.nominate(ExemplarFixture.model(in: tree.cellA1)).requireID()
            #expect(await app.commendRefusal(nominated, form: .certificate, by: tree.wardA, document: decision)["id"]?
                .hasPrefix("Chỉ khen thưởng điển hình đã được cấp trên thẩm định") == true)

            let id = try await app.verifiedExemplar(in: tree.cellA1)
            let above = await app.commendRefusal(id, form: .meritCertificate, by: tree.wardA, document: decision)
            #expect(above["form"] == "Bằng khen vượt thẩm quyền của Đảng bộ phường Bến Nghé: cấp này chỉ được biểu dương, giấy khen (quy định áp dụng ngày 02/12/2026)")
            #expect(await app.commendRefusal(id, form: .certificate, by: tree.cellA2, document: decision)["grantingOrganizationId"] != nil,
                    "a sibling cell is not the unit's level")
            #expect(try await app.rowCount("commendations") == 0)

            _ = try await app.commend(id, form: .certificate, by: tree.wardA, document: decision)
            let twice = await app.commendRefusal(id, form: .praise, by: tree.wardA, document: decision, on: "03/12/2026")
            #expect(twice["grantingOrganizationId"]?.contains("theo quyết định số 12-QĐ/ĐU ngày 02/12/2026") == true)
            #expect(try await app.rowCount("commendations") == 1)

            // From 03/12/2026 a ward may also give bằng khen in this province.
            let version = CommendationAuthorityInput(organizationKind: "commune", forms: ["praise", "certificate", "merit_certificate"], validFrom: "03/12/2026")
            _ = try await app.write { try await ExemplarCommands.addAuthorityVersion(version, on: $0) }
            #expect(await app.authorityRefusal(version)["validFrom"] != nil)
            let other = try await app.verifiedExemplar(in: tree.cellA2)
            #expect(await app.commendRefusal(other, form: .meritCertificate, by: tree.wardA, document: decision, on: "02/12/2026")["form"] != nil,
                    "the rule in force on the decision's day counts")
            _ = try await app.commend(other, form: .meritCertificate, by: tree.wardA, document: decision, on: "03/12/2026")
            let rules = try await ExemplarQueries.authorityRules(on: app.db).filter { $0.organizationKind == "commune" }
            #expect(rules.filter { $0.validTo == CalendarDate(year: 2026, month: 12, day: 2) }.count == 2)
        }
    }

    @Test("replication: not before a commendation, not by the exemplar's own unit, not twice by one unit", arguments: TestBackend.allCases)
    func replicationRefusals(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let id = try await app.verifiedExemplar(in: tree.cellA1)
            let adopt = { @Sendable (unit: Int) async -> [String: String] in
                await fieldErrors {
                    _ = try await app.write {
                        try await ExemplarCommands.adopt(id, AdoptionInput(organizationId: unit, results: "Áp dụng"), by: nil, today: ExemplarFixture.today, on: $0)
                    }
                }
            }
            #expect(await adopt(tree.cellB1)["id"]?.hasPrefix("Chỉ nhân rộng điển hình đã được khen thưởng") == true)
            _ = try await app.commend(id, form: .certificate, by: tree.wardA, document: try await app.registerDocument("12-QĐ/ĐU"))
            #expect(await adopt(tree.cellA1)["organizationId"] == "Đơn vị có điển hình không tự nhân rộng điển hình của mình")
            #expect(await adopt(tree.cellB1).isEmpty)
            #expect(await adopt(tree.cellB1)["organizationId"] == "Chi bộ Khu phố 3 đã ghi nhận nhân rộng điển hình này ngày 04/12/2026")
            #expect(try await app.rowCount("exemplar_adoptions") == 1)
        }
    }

    @Test("exemplars follow the tree: a moved cell takes its figures to its new ward; a merged cell's exemplars and adoptions go on at the unit it joined",
          arguments: TestBackend.allCases)
    func treeChanges(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let id = try await app.verifiedExemplar(in: tree.cellA2)
            _ = try await app.commend(id, form: .certificate, by: tree.wardA, document: try await app.registerDocument("12-QĐ/ĐU"))
            _ = try await app.write {
                try await ExemplarCommands.adopt(id, AdoptionInput(organizationId: tree.cellA1, results: "Áp dụng"), by: nil, today: ExemplarFixture.today, on: $0)
            }
            _ = try await app.write { try await OrganizationCommands.move(tree.cellA2, under: tree.wardB, effectiveOn: nil, on: $0) }
            #expect(try await ExemplarTallies.read(tree.wardB, on: app.db).commended == 1)
            #expect(try await ExemplarTallies.read(tree.wardA, on: app.db) == ExemplarTally(adoptions: 1))
            #expect(try await app.exemplarTalliesMatch())

            _ = try await app.write { try await OrganizationCommands.merge(tree.cellA2, into: tree.cellB1, effectiveOn: nil, on: $0) }
            let merged = try await ExemplarQueries.require(id, on: app.db)
            #expect(merged.organizationId == tree.cellB1)
            #expect(try await ExemplarQueries.detail(merged, on: app.db).events.last?.action == .handedOver)
            #expect(try await app.exemplarTalliesMatch())
        }
    }
}
