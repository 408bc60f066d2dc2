import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// `SmallTree` with this year's period and members in cell A1 (ward A, a commune committee, decides).
struct RatingSetup {
    let tree: SmallTree
    let period: RatingPeriod
    let members: [Int]

    static let year = CalendarDate.today().year
    static let author = RatingAuthor(userId: nil, username: "test")

    static func make(on app: Application, members count: Int = 7) async throws -> RatingSetup {
        let tree = try await SmallTree.make(on: app)
        let period = try await app.write {
            try await RatingCommands.createPeriod(RatingPeriodInput(kind: "year", title: "Năm \(year)", startsOn: "01/01/\(year)", endsOn: "31/12/\(year)"), on: $0)
        }
        var members: [Int] = []
        for index in 1...count { members.append(try await app.createMember("Lê Văn \(index)", card: "R\(index)", in: tree.cellA1)) }
        return RatingSetup(tree: tree, period: period, members: members)
    }

    func input(_ step: RatingStepKind, member: Int, score: Int) -> RatingStepInput {
        RatingStepInput(periodId: period.id, memberId: member, step: step.rawValue, score: score)
    }
}

extension Application {
    @discardableResult
    func rate(_ setup: RatingSetup, _ step: RatingStepKind, member: Int, score: Int) async throws -> RatingStep {
        try await write { try await RatingCommands.record(setup.input(step, member: member, score: score), by: RatingSetup.author, on: $0) }
    }

    /// A proposal and a decision with the same score.
    func decide(_ setup: RatingSetup, member: Int, score: Int) async throws {
        try await rate(setup, .proposal, member: member, score: score)
        try await rate(setup, .decision, member: member, score: score)
    }

    func ratingTally(_ setup: RatingSetup, at unit: Int) async throws -> RatingTally {
        try await RatingQueries.tally(period: setup.period, at: self.unit(unit), on: db)
    }
}

@Suite("Ratings")
struct RatingTests {
    @Test("a decision over the quota is refused with the rule's text and the numbers, and writes nothing", arguments: TestBackend.allCases)
    func quota(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app)
            for member in setup.members.prefix(5) { try await app.decide(setup, member: member, score: 80) }
            try await app.decide(setup, member: setup.members[5], score: 95)
            try await app.rate(setup, .proposal, member: setup.members[6], score: 92)
            let steps = try await app.rowCount("rating_steps")
            let ratings = try await app.rowCount("ratings")
            let error = await domainError { try await app.rate(setup, .decision, member: setup.members[6], score: 92) }
            #expect(error?.kind == .conflict)
            #expect(error?.title.vi.contains("Số đảng viên xếp loại hoàn thành xuất sắc (2) vượt 20% số hoàn thành tốt (5) của Đảng bộ phường Bến Nghé") == true)
            #expect(error?.title.vi.contains("không vượt quá 20%") == true, "the rule's own text")
            #expect(try await app.rowCount("rating_steps") == steps)
            #expect(try await app.rowCount("ratings") == ratings)
            // A lower level for the same member passes.
            try await app.rate(setup, .decision, member: setup.members[6], score: 85)
            let tally = try await app.ratingTally(setup, at: setup.tree.city)
            #expect(tally.excellent == 1 && tally.good == 6 && tally.pending == 0)
            #expect(try await RatingQueries.quota(deciding: app.unit(setup.tree.wardA), period: setup.period, on: app.db)?.status.vi.hasPrefix("Đã xếp 1/1") == true)
        }
    }

    @Test("a downward correction of a \"tốt\" is recorded though it breaks the quota; the quota says so and the period cannot close there until an \"xuất sắc\" is lowered",
          arguments: TestBackend.allCases)
    func correctionBelowQuota(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app)
            for member in setup.members.prefix(5) { try await app.decide(setup, member: member, score: 80) }
            try await app.decide(setup, member: setup.members[5], score: 95)
            // Five "tốt" allowed the one "xuất sắc"; correcting one "tốt" to "hoàn thành" leaves four, which allow none.
            try await app.rate(setup, .decision, member: setup.members[0], score: 60)
            let ward = try await app.unit(setup.tree.wardA)
            let quota = try #require(try await RatingQueries.quota(deciding: ward, period: setup.period, on: app.db))
            #expect(quota.isBroken)
            #expect(quota.status.vi.contains("vượt 1, cần hạ bớt xếp loại xuất sắc trước khi khóa sổ"))
            let refused = await domainError {
                _ = try await app.write { try await RatingCommands.close(setup.period.requireID(), RatingClosureInput(organizationId: setup.tree.wardA), on: $0) }
            }
            #expect(refused?.kind == .conflict)
            #expect(refused?.title.vi.contains("Đảng bộ phường Bến Nghé có 1 đảng viên hoàn thành xuất sắc, vượt mức tối đa 0 (20% của 4 hoàn thành tốt)") == true)
            #expect(try await app.rowCount("period_closures") == 0)
            // Another "xuất sắc" is still refused while over.
            try await app.rate(setup, .proposal, member: setup.members[6], score: 92)
            #expect(await domainError { try await app.rate(setup, .decision, member: setup.members[6], score: 92) }?.kind == .conflict)
            // Lowering the "xuất sắc" mends it, and the period closes.
            try await app.rate(setup, .decision, member: setup.members[5], score: 85)
            #expect(try await RatingQueries.quota(deciding: ward, period: setup.period, on: app.db)?.isBroken == false)
            _ = try await app.write { try await RatingCommands.close(setup.period.requireID(), RatingClosureInput(organizationId: setup.tree.wardA), on: $0) }
            #expect(try await app.rowCount("period_closures") == 1)
        }
    }

    @Test("a decision needs a proposal; a disciplined member is capped at completed", arguments: TestBackend.allCases)
    func stepsAndCap(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 2)
            let early = await domainError { try await app.rate(setup, .decision, member: setup.members[0], score: 80) }
            #expect(early?.fields == ["step"])
            #expect(try await app.rowCount("ratings") == 0)
            let bad = await domainError { try await app.rate(setup, .proposal, member: setup.members[0], score: 101) }
            #expect(bad?.fields == ["score"])
            try await app.rate(setup, .proposal, member: setup.members[0], score: 95)
            var disciplined = setup.input(.decision, member: setup.members[0], score: 95)
            disciplined.disciplined = true
            let input = disciplined
            let decided = try await app.write { try await RatingCommands.record(input, by: RatingSetup.author, on: $0) }
            #expect(decided.level == .completed)
        }
    }

    @Test("a decision's tasks (366-QĐ/TW, Điều 11) cap what its score may give: refused with the rule and the numbers, recorded when they allow it",
          arguments: TestBackend.allCases)
    func taskConditions(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 7)
            let member = setup.members[0]
            // Five "tốt" leave room for one "xuất sắc" under the 20% quota.
            for other in setup.members[2...6] { try await app.decide(setup, member: other, score: 80) }
            try await app.rate(setup, .proposal, member: member, score: 92)
            func decide(_ tasks: RatingTasksInput, score: Int = 92) async throws -> RatingStep {
                var input = setup.input(.decision, member: member, score: score)
                input.tasks = tasks
                let sent = input
                return try await app.write { try await RatingCommands.record(sent, by: RatingSetup.author, on: $0) }
            }
            let late = await domainError { _ = try await decide(RatingTasksInput(assigned: 5, onTime: 4, late: 1, exceeding: 2)) }
            #expect(late?.kind == .conflict)
            #expect(late?.fieldErrors.first?.field == "tasks")
            #expect(late?.fieldErrors.first?.message.vi.contains("chậm tiến độ không quá 20%") == true)
            #expect(late?.fieldErrors.first?.message.vi.contains("5 nhiệm vụ được giao: 4 đúng hạn, 1 chậm tiến độ") == true)
            #expect(late?.fieldErrors.first?.message.vi.contains("Hoàn thành nhiệm vụ") == true, "the best level allowed is named")
            let impossible = await domainError { _ = try await decide(RatingTasksInput(assigned: 2, onTime: 2, late: 1, exceeding: 0)) }
            #expect(impossible?.kind == .invalid)
            #expect(try await RatingStep.query(on: app.db).filter(\.$kind == .decision).count() == 5, "nothing written")

            let fewBeyond = await domainError { _ = try await decide(RatingTasksInput(assigned: 10, onTime: 10, late: 0, exceeding: 2)) }
            #expect(fewBeyond?.fieldErrors.first?.message.vi.contains("30%") == true)
            let good = try await decide(RatingTasksInput(assigned: 10, onTime: 10, late: 0, exceeding: 2), score: 85)
            #expect(good.level == .good)
            #expect(good.tasks == TaskCompletion(assigned: 10, onTime: 10, late: 0, exceeding: 2))
            let excellent = try await decide(RatingTasksInput(assigned: 10, onTime: 10, late: 0, exceeding: 3))
            #expect(excellent.level == .excellent)

            let onlyDecisions = await domainError {
                var input = setup.input(.proposal, member: setup.members[1], score: 80)
                input.tasks = RatingTasksInput(assigned: 1, onTime: 1, late: 0, exceeding: 0)
                let sent = input
                _ = try await app.write { try await RatingCommands.record(sent, by: RatingSetup.author, on: $0) }
            }
            #expect(onlyDecisions?.fieldErrors.first?.field == "tasks")
        }
    }

    @Test("members admitted less than six months before the period's end and exempt members are not rated", arguments: TestBackend.allCases)
    func notRated(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let year = try await RatingSetup.make(on: app, members: 1)
            // A period ending three months from now: a member admitted yesterday has not had six months.
            let today = CalendarDate.today()
            let period = try await app.write {
                try await RatingCommands.createPeriod(RatingPeriodInput(kind: "ad_hoc", title: "Đột xuất", startsOn: today.adding(months: -9).iso,
                                                                        endsOn: today.adding(months: 3).iso), on: $0)
            }
            let setup = RatingSetup(tree: year.tree, period: period, members: year.members)
            let exempt = try await app.createMember("Trần Thị Miễn", card: "X1", in: setup.tree.cellA1, status: .exempt)
            let recent = try await app.write {
                try await MemberCommands.create(MemberInput(fullName: "Ngô Văn Mới", gender: "male", birthDate: "2000-01-01", cardNumber: "X2",
                                                            admittedOn: today.adding(days: -1).iso, status: "probationary", organizationId: setup.tree.cellA1), on: $0)
            }.requireID()
            for member in [exempt, recent] {
                let error = await domainError { try await app.rate(setup, .proposal, member: member, score: 80) }
                #expect(error?.kind == .conflict)
                #expect(error?.title.vi.contains("Không đánh giá") == true)
            }
            #expect(try await app.rowCount("ratings") == 0)
            let sheet = try await RatingQueries.sheet(period: setup.period, unit: app.unit(setup.tree.cellA1), page: 1, perPage: 50, on: app.db)
            #expect(Set(sheet.items.compactMap(\.notRated)) == [.exempt, .recentlyAdmitted])
            try await app.decide(setup, member: setup.members[0], score: 75)
            let tally = try await app.ratingTally(setup, at: setup.tree.wardA)
            #expect(tally.notRated == 2 && tally.good == 1 && tally.pending == 0)
        }
    }

    @Test("two decisions at once cannot both pass the quota", arguments: TestBackend.allCases)
    func concurrentDecisions(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app)
            for member in setup.members.prefix(5) { try await app.decide(setup, member: member, score: 80) }
            for member in setup.members.suffix(2) { try await app.rate(setup, .proposal, member: member, score: 95) }
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for member in setup.members.suffix(2) {
                    group.addTask {
                        do {
                            try await app.rate(setup, .decision, member: member, score: 95)
                            return true
                        } catch let error as DomainError where error.kind == .conflict {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1, "20% of 5 allows one")
            #expect(try await app.ratingTally(setup, at: setup.tree.wardA).excellent == 1)
        }
    }

    @Test("closing a subtree freezes it and keeps a snapshot; reopening needs a reason and is audited", arguments: TestBackend.allCases)
    func closing(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 3)
            let b1 = try await app.createMember("Phan Văn B", card: "B1", in: setup.tree.cellB1)
            try await app.decide(setup, member: setup.members[0], score: 80)
            try await app.rate(setup, .proposal, member: setup.members[1], score: 60)
            let closure = try await app.write { try await RatingCommands.close(setup.period.requireID(), RatingClosureInput(organizationId: setup.tree.wardA), on: $0) }
            let frozen = await domainError { try await app.rate(setup, .decision, member: setup.members[1], score: 60) }
            #expect(frozen?.kind == .conflict)
            #expect(frozen?.title.vi.contains("đã khóa sổ") == true)
            // Ward B is still open; its decision changes the city's figures, not ward A's snapshot.
            try await app.decide(setup, member: b1, score: 70)
            let snapshot = try #require(try await RatingQueries.snapshot(of: closure, on: app.db)).tally
            #expect(snapshot == RatingTally(excellent: 0, good: 1, completed: 0, notCompleted: 0, notRated: 0, pending: 2))
            #expect(try await app.ratingTally(setup, at: setup.tree.city).decided == 2)

            let noReason = await domainError { _ = try await app.write { try await RatingCommands.reopen(closure.requireID(), RatingReopenInput(reason: " "), on: $0) } }
            #expect(noReason?.fields == ["reason"])
            let admin = try await app.admin()
            let reopened = try await app.testing().sendRequest(.POST, "/api/v1/rating-closures/\(closure.requireID())/reopen", headers: admin.api) {
                try $0.content.encode(RatingReopenInput(reason: "Chi bộ bổ sung hồ sơ"))
            }
            #expect(reopened.status == .ok)
            let event = try await AuditEvent.query(on: app.db).filter(\.$action == "rating-period.reopen").first()
            #expect(event?.after?.contains("Chi bộ bổ sung hồ sơ") == true)
            try await app.rate(setup, .decision, member: setup.members[1], score: 60)
        }
    }

    @Test("a member's transfer between cells recounts both cells' figures where the period is open; a closed cell keeps its own",
          arguments: TestBackend.allCases)
    func transferRecounts(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 3)
            let (cellA1, cellB1) = (setup.tree.cellA1, setup.tree.cellB1)
            try await app.decide(setup, member: setup.members[0], score: 80)
            #expect(try await app.ratingTally(setup, at: cellA1) == RatingTally(excellent: 0, good: 1, completed: 0, notCompleted: 0, notRated: 0, pending: 2))

            _ = try await app.write { try await MemberCommands.transfer(setup.members[0], to: cellB1, on: nil, reason: "Chuyển nơi cư trú", db: $0) }
            #expect(try await app.ratingTally(setup, at: cellA1) == RatingTally(excellent: 0, good: 0, completed: 0, notCompleted: 0, notRated: 0, pending: 2))
            #expect(try await app.ratingTally(setup, at: cellB1) == RatingTally(excellent: 0, good: 1, completed: 0, notCompleted: 0, notRated: 0, pending: 0))

            // Closed for ward B: cell B1's figures stay as frozen when the member moves back; cell A1's follow.
            _ = try await app.write { try await RatingCommands.close(setup.period.requireID(), RatingClosureInput(organizationId: setup.tree.wardB), on: $0) }
            _ = try await app.write { try await MemberCommands.transfer(setup.members[0], to: cellA1, on: nil, reason: nil, db: $0) }
            #expect(try await app.ratingTally(setup, at: cellB1).good == 1)
            #expect(try await app.ratingTally(setup, at: cellA1).good == 1)
            #expect(try await app.ratingTally(setup, at: setup.tree.city).good == 2)
            #expect(try await app.rollupsMatchSubtrees())
        }
    }

    @Test("the evidence is pre-filled from attendance, reflections and commitments in the period", arguments: TestBackend.allCases)
    func evidence(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let year = CityCampaign.year
            let period = try await app.write {
                try await RatingCommands.createPeriod(RatingPeriodInput(kind: "year", title: "Năm \(year)", startsOn: "01/01/\(year)", endsOn: "31/12/\(year)"), on: $0)
            }
            let member = try await app.createMember("Đỗ Văn Học", card: "E1", in: setup.tree.cellA1)
            try await app.recordSession(setup.campaign, at: setup.tree.cellA1, present: [member])
            _ = try await app.write { db in
                let reflection = Reflection()
                reflection.campaignId = setup.campaign.requireID()
                reflection.memberId = member
                reflection.body = "Bài thu hoạch"
                reflection.state = .accepted
                reflection.submissionCount = 1
                reflection.submittedOn = CalendarDate(year: year, month: 6, day: 1)!
                reflection.late = false
                reflection.grade = "Tốt"
                try await reflection.create(on: db)
                return reflection
            }
            let commitment = try await app.write {
                try await CommitmentCommands.register(CommitmentInput(memberId: member, year: year, title: "Vận động 10 hộ phân loại rác tại nguồn",
                                                                      measure: "10 hộ", dueOn: "30/11/\(year)"), on: $0)
            }
            _ = try await app.write { try await CommitmentCommands.assess(commitment.requireID(), AssessmentInput(result: "achieved", note: "Đã vận động 12 hộ"), on: $0) }
            let sections = try await RatingEvidence.of(try await MemberQueries.require(member, on: app.db), in: period, on: app.db)
            #expect(sections.map(\.summary.vi) == ["Dự 1/1 buổi học tập", "1/1 bài đã nộp, 1 bài đạt", "1/1 cam kết được chi bộ đánh giá đạt",
                                                   "0/0 khâu đột phá hoàn thành"])
            #expect(sections[1].items.first?.vi.contains("Đạt · Tốt") == true)
            #expect(sections[2].items.first?.vi.contains("Vận động 10 hộ") == true)
        }
    }

    @Test("a head's evidence lists the breakthroughs of the units they head, by the positions held there; not a deputy's",
          arguments: TestBackend.allCases)
    func headsBreakthroughs(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let head = try await app.createMember("Võ Văn Trưởng", card: "H1", in: tree.cellA1)
            let deputy = try await app.createMember("Lý Thị Phó", card: "H2", in: tree.cellA1)
            let cellPosition = try await app.write { try await MemberCommands.addPosition(to: head, title: "Bí thư chi bộ", startedOn: "01/01/2024", db: $0) }
            #expect(cellPosition.organizationId == tree.cellA1, "held in the member's own cell by default")
            _ = try await app.write {
                try await MemberCommands.addPosition(to: head, title: "Bí thư Đảng ủy phường", startedOn: "01/01/2024", organizationId: tree.wardA, db: $0)
            }
            _ = try await app.write { try await MemberCommands.addPosition(to: deputy, title: "Phó Bí thư chi bộ", startedOn: "01/01/2024", db: $0) }
            let elsewhere = await domainError {
                _ = try await app.write { try await MemberCommands.addPosition(to: deputy, title: "Bí thư", startedOn: nil, organizationId: tree.wardB, db: $0) }
            }
            #expect(elsewhere?.fields == ["organizationId"], "a committee the member's cell is not under")

            let ward = try await app.setBreakthrough(BreakthroughFixture.numeric(at: tree.wardA))
            _ = try await app.setBreakthrough(BreakthroughFixture.deliverable(at: tree.cellA1))
            _ = try await app.setBreakthrough(BreakthroughFixture.numeric(at: tree.wardB))
            let period = try await BreakthroughQueries.period(of: ward, on: app.db)
            let heads = try await RatingEvidence.of(try await MemberQueries.require(head, on: app.db), in: period, on: app.db)
            #expect(heads.last?.summary.vi == "0/2 khâu đột phá hoàn thành")
            #expect(heads.last?.items.first?.vi.hasPrefix("Kéo giảm số hộ nghèo") == true)
            let deputies = try await RatingEvidence.of(try await MemberQueries.require(deputy, on: app.db), in: period, on: app.db)
            #expect(deputies.last?.items.isEmpty == true)
        }
    }

    @Test("a unit is proposed and decided by the level above, not by itself", arguments: TestBackend.allCases)
    func unitRating(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 1)
            let city = try await app.caller("thanhpho", .officer, scope: setup.tree.city, level: .editor)
            let ward = try await app.caller("phuonga", .officer, scope: setup.tree.wardA, level: .editor)
            let tester = try app.testing()
            let step = { (kind: RatingStepKind) in
                RatingStepInput(periodId: setup.period.id, organizationId: setup.tree.wardA, step: kind.rawValue, score: 91, explanation: "Nhiều mô hình hay")
            }
            let own = try await tester.sendRequest(.POST, "/api/v1/ratings/steps", headers: ward.api) { try $0.content.encode(step(.proposal)) }
            #expect(own.status == .forbidden)
            for kind in [RatingStepKind.proposal, .decision] {
                let response = try await tester.sendRequest(.POST, "/api/v1/ratings/steps", headers: city.api) { try $0.content.encode(step(kind)) }
                #expect(response.status == .created)
            }
            let rating = try #require(try await Rating.query(on: app.db).filter(\.$memberId == nil).first())
            #expect(rating.decidedLevel == .excellent)
            #expect(rating.decidingId == setup.tree.city)
        }
    }

    @Test("the API: self-assessment only for oneself, problem+json in Vietnamese and English, figures with chưa báo cáo", arguments: TestBackend.allCases)
    func api(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 2)
            let me = try await app.caller("dangvien", .member, member: setup.members[0])
            let secretary = try await app.caller("bithu", .secretary, scope: setup.tree.cellA1)
            let tester = try app.testing()
            let path = "/api/v1/ratings/steps"

            let other = try await tester.sendRequest(.POST, path, headers: me.api) {
                try $0.content.encode(setup.input(.selfAssessment, member: setup.members[1], score: 90))
            }
            #expect(other.status == .forbidden)
            #expect(try await app.rowCount("rating_steps") == 0)
            let mine = try await tester.sendRequest(.POST, path, headers: me.api) { try $0.content.encode(setup.input(.selfAssessment, member: setup.members[0], score: 90)) }
            #expect(mine.status == .created)
            #expect(try mine.content.decode(RatingAPI.StepDTO.self).level == .excellent)

            for (language, text) in [("vi", "Điểm phải từ 0 đến 100"), ("en", "The score must be 0 to 100")] {
                let refused = try await tester.sendRequest(.POST, path, headers: secretary.api.adding("Accept-Language", language)) {
                    try $0.content.encode(setup.input(.proposal, member: setup.members[0], score: 150))
                }
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.headers.contentType?.description.contains("problem+json") == true)
                let problem = try JSONDecoder().decode(APITests.ProblemBody.self, from: Data(buffer: refused.body))
                #expect(problem.errors?.first?.field == "score")
                #expect(problem.errors?.first?.detail == text)
            }
            let decide = try await tester.sendRequest(.POST, path, headers: secretary.api) { try $0.content.encode(setup.input(.proposal, member: setup.members[0], score: 80)) }
            #expect(decide.status == .created)
            let notSecretarys = try await tester.sendRequest(.POST, path, headers: secretary.api) { try $0.content.encode(setup.input(.decision, member: setup.members[0], score: 80)) }
            #expect(notSecretarys.status == .forbidden, "the grassroots committee decides, not the cell")

            let admin = try await app.admin()
            _ = try await tester.sendRequest(.POST, path, headers: admin.api) { try $0.content.encode(setup.input(.decision, member: setup.members[0], score: 80)) }
            let figures = try await tester.sendRequest(.GET, "/api/v1/rating-periods/\(setup.period.requireID())/figures?unit=\(setup.tree.city)", headers: admin.api)
            #expect(figures.status == .ok)
            let report = try figures.content.decode(RatingAPI.FiguresDTO.self)
            #expect(report.subtree.tally.good == 1 && report.subtree.tally.pending == 1)
            #expect(report.children.first { $0.organizationId == setup.tree.wardB }?.figures.text == "chưa báo cáo")
            let sheet = try await tester.sendRequest(.GET, "/api/v1/ratings?period=\(setup.period.requireID())&unit=\(setup.tree.cellA1)", headers: secretary.api)
            #expect(try sheet.content.decode(PageDTO<RatingAPI.SheetRowDTO>.self).items.count == 2)
            let sibling = try await tester.sendRequest(.GET, "/api/v1/ratings?period=\(setup.period.requireID())&unit=\(setup.tree.cellB1)", headers: secretary.api)
            #expect(sibling.status == .notFound)
            let rules = try await tester.sendRequest(.PUT, "/api/v1/rating-rules/1", headers: secretary.api) {
                try $0.content.encode(RatingRuleInput(parameter: 0.3, textVi: "x", textEn: "x"))
            }
            #expect(rules.status == .forbidden)
            let own = try await tester.sendRequest(.GET, "/api/v1/me/ratings", headers: me.api)
            #expect(try own.content.decode([RatingAPI.MineDTO].self).first?.decidedLevel == .good)
        }
    }

    @Test("rating pages render and their forms write", arguments: TestBackend.allCases)
    func pages(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await RatingSetup.make(on: app, members: 2)
            let admin = try await app.admin()
            let me = try await app.caller("dangvien", .member, member: setup.members[0])
            let tester = try app.testing()
            let id = setup.period.requireID()
            for path in ["/ratings", "/rating-periods/\(id)?unit=\(setup.tree.city)", "/rating-periods/\(id)/sheet?unit=\(setup.tree.wardA)",
                         "/rating-periods/\(id)/sheet?unit=\(setup.tree.cellA1)", "/rating-rules"] {
                let response = try await tester.sendRequest(.GET, path, headers: admin.web)
                #expect(response.status == .ok, "GET \(path)")
            }
            let mine = try await tester.sendRequest(.GET, "/me/ratings", headers: me.web)
            #expect(mine.status == .ok)
            #expect(String(buffer: mine.body).contains("Dự 0/0 buổi học tập"))

            let assessed = try await tester.sendRequest(.POST, "/me/ratings/\(id)", headers: me.web) {
                try $0.content.encode(me.form(["score": "88", "explanation": "Hoàn thành tốt"]), as: .urlEncodedForm)
            }
            #expect(assessed.status == .seeOther)
            for step in ["proposal", "decision"] {
                let response = try await tester.sendRequest(.POST, "/rating-periods/\(id)/steps?unit=\(setup.tree.wardA)", headers: admin.web) {
                    try $0.content.encode(admin.form(["memberId": "\(setup.members[0])", "step": step, "score": "80"]), as: .urlEncodedForm)
                }
                #expect(response.status == .seeOther, "POST \(step)")
            }
            let sheet = String(buffer: try await tester.sendRequest(.GET, "/rating-periods/\(id)/sheet?unit=\(setup.tree.wardA)", headers: admin.web).body)
            #expect(sheet.contains("Đã xếp 0/0 xuất sắc được phép"), "the quota shown live: 20% of one good rating allows none")
            let refused = try await tester.sendRequest(.POST, "/rating-periods/\(id)/steps?unit=\(setup.tree.wardA)", headers: admin.web) {
                try $0.content.encode(admin.form(["memberId": "\(setup.members[1])", "step": "proposal", "score": "abc"]), as: .urlEncodedForm)
            }
            #expect(refused.status == .unprocessableEntity)
            let unitStep = try await tester.sendRequest(.POST, "/rating-periods/\(id)/unit-steps?unit=\(setup.tree.city)", headers: admin.web) {
                try $0.content.encode(admin.form(["organizationId": "\(setup.tree.wardB)", "step": "proposal", "score": "75"]), as: .urlEncodedForm)
            }
            #expect(unitStep.status == .seeOther)
            let rollUp = String(buffer: try await tester.sendRequest(.GET, "/rating-periods/\(id)?unit=\(setup.tree.city)", headers: admin.web).body)
            #expect(rollUp.contains("75 · Hoàn thành tốt nhiệm vụ"))
            let closed = try await tester.sendRequest(.POST, "/rating-periods/\(id)/closures?unit=\(setup.tree.wardA)", headers: admin.web) {
                try $0.content.encode(admin.form(["organizationId": "\(setup.tree.wardA)"]), as: .urlEncodedForm)
            }
            #expect(closed.status == .seeOther)
            #expect(try await app.rowCount("rating_snapshots") == 1)
            let period = try await tester.sendRequest(.POST, "/rating-periods", headers: admin.web) {
                try $0.content.encode(admin.form(["kind": "quarter", "title": "Quý I", "startsOn": "01/01/2026", "endsOn": "31/03/2026"]), as: .urlEncodedForm)
            }
            #expect(period.status == .seeOther)
        }
    }
}
