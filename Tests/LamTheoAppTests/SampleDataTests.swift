import Fluent
@testable import LamTheoApp
import LamTheoCore
import Testing
import VaporTesting

@Suite("Sample data")
struct SampleDataTests {
    @Test("the demo organisation loads in bulk with every derived figure right", arguments: TestBackend.allCases)
    func demoLoads(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let dataset = SyntheticDataset(scale: .demo, seed: DemoData.seed, referenceDate: CalendarDate(year: 2026, month: 1, day: 1)!)
            let totals = try await SyntheticLoader.load(dataset, into: app)
            #expect(totals.organizations == dataset.organizations().count)
            #expect(totals.members == dataset.memberCount())
            #expect(totals.members > 1_500)
            #expect(try await app.rowCount("members") == totals.members)
            #expect(try await app.rowCount("member_transfers") == totals.members)
            #expect(try await app.rowCount("organization_versions") == totals.organizations)
            #expect(try await app.rowCount("member_positions") > 0)
            #expect(try await MemberPosition.query(on: app.db).filter(\.$organizationId == nil).count() == 0, "held in the member's cell")
            #expect(try await app.storedCountsMatchMembers())

            let root = try #require(try await Organization.query(on: app.db).filter(\.$parentId == nil).first())
            let onRoll = try await Member.query(on: app.db).filter(\.$status ~~ MemberStatus.onRoll).count()
            #expect(try await app.subtreeCount(root.requireID()) == onRoll)
            let children = try await OrganizationQueries.children(of: root.requireID(), includeClosed: false, on: app.db)
            #expect(children.count == 10)
            #expect(children.map(\.subtreeMembers).reduce(0, +) == onRoll)

            // Pages of a large subtree come in Vietnamese name order, whichever way the database walks them.
            let everyone = try await Member.query(on: app.db).filter(\.$status ~~ MemberStatus.onRoll).all()
                .sorted { ($0.nameSort, $0.id!) < ($1.nameSort, $1.id!) }.map(\.id)
            for page in [1, 2, 40] {
                let listed = try await MemberQueries.search(.init(within: root.treePath), page: page, perPage: 50, on: app.db)
                #expect(listed.items.map(\.id) == Array(everyone[(page - 1) * 50 ..< min(page * 50, everyone.count)]), "page \(page)")
                #expect(listed.total == everyone.count)
            }
            let scoped = try await MemberQueries.search(.init(scopes: [children[0].treePath]), page: 1, perPage: 50, on: app.db)
            #expect(scoped.items.allSatisfy { $0.organizationPath.hasPrefix(children[0].treePath.rawValue) })
            #expect(scoped.total == children[0].subtreeMembers)

            // The loaded rows are ordinary rows: commands work on them, and new ids follow the loaded ones.
            let cell = try #require(try await Organization.query(on: app.db).filter(\.$kindCode == "cell").first())
            let member = try await app.createMember("Nguyễn Văn Mới", card: "NEW-1".filter(\.isLetter) + "1", in: cell.requireID())
            #expect(member > totals.members)
            let unit = try await app.createUnit("Chi bộ mới", code: "NEW", kind: .cell, parent: cell.parentId)
            #expect(unit > totals.organizations)

            // Loading again (a second dataset beside the first) keeps ids and codes apart.
            let district = SyntheticDataset(scale: .district, seed: 7, referenceDate: CalendarDate(year: 2026, month: 1, day: 1)!)
            let second = try await SyntheticLoader.load(district, into: app)
            #expect(try await app.rowCount("organizations") == totals.organizations + 1 + second.organizations)
            #expect(try await app.storedCountsMatchMembers())
        }
    }

    @Test("the benchmarks' feedback loads in bulk with its stored figures, beside a second dataset; the list pages through it in order",
          arguments: TestBackend.allCases)
    func feedbackLoads(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let today = CalendarDate.today()
            let dataset = SyntheticDataset(scale: .demo, seed: DemoData.seed, referenceDate: today)
            _ = try await SyntheticLoader.load(dataset, into: app, withFeedback: true)
            let expected = dataset.feedbackCount()
            #expect(try await app.rowCount("feedback") == expected && expected > 300)
            _ = try await SyntheticLoader.load(SyntheticDataset(scale: .district, seed: 7, referenceDate: today), into: app, withFeedback: true)
            #expect(try await app.rowCount("feedback") > expected)
            try await CitizenFeedbackTests.expectTalliesCountItems(app, today: today)
            let root = try #require(try await Organization.query(on: app.db).filter(\.$parentId == nil).sort(\.$id).first())
            try await CitizenFeedbackTests.expectListInOrder(app, unit: root.requireID(), today: today)
        }
    }

    @Test("the demo adds commitments, breakthroughs and ratings through the features' commands, audited", arguments: TestBackend.allCases)
    func demoFollowing(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            try await DemoData.prepare(app, database: .sqliteMemory)
            let today = CalendarDate.today()
            #expect(try await app.rowCount("commitment_templates") == 2)
            #expect(try await app.rowCount("commitments") >= 12)
            #expect(try await Commitment.query(on: app.db).filter(\.$cellResult == .notAchieved).count() > 0)
            #expect(try await app.rowCount("commitment_check_ins") > 0)
            #expect(try await app.rowCount("commitment_reminders") == 1)
            let figures = try await CommitmentFigures.query(on: app.db).filter(\.$year == today.year).all()
            #expect(figures.map(\.commitmentsAchieved).reduce(0, +) > 0)
            let statuses = try await Breakthrough.query(on: app.db).all().map { $0.status(today: today) }
            #expect(Set(statuses).isSuperset(of: [.atRisk, .done]))
            let kinds = try await RatingStep.query(on: app.db).all().map(\.kind)
            #expect(Set(kinds) == Set(RatingStepKind.allCases))
            let period = try await RatingPeriods.year(today.year, on: app.db)
            let root = try #require(try await Organization.query(on: app.db).filter(\.$parentId == nil).first())
            #expect(try await RatingQueries.tally(period: period, at: root, on: app.db).decided > 0)
            _ = try await AuditTrail.verify(on: app.db)
            // Run again, the demo leaves what is there alone.
            let commitments = try await app.rowCount("commitments")
            try await DemoData.prepare(app, database: .sqliteMemory)
            #expect(try await app.rowCount("commitments") == commitments)
        }
    }

    @Test("the demo is alive on any day: whichever day it is filled, every user has something to do that week",
          arguments: TestBackend.allCases, [CalendarDate(year: 2027, month: 1, day: 15)!, CalendarDate(year: 2026, month: 11, day: 20)!])
    func aliveOnAnyDay(_ backend: TestBackend, _ today: CalendarDate) async throws {
        try await withTestApp(backend) { app in
            try await DemoData.prepare(app, database: .sqliteMemory, today: today)
            let db = app.db
            let campaign = try #require(try await Campaign.query(on: db).filter(\.$status == .active).first())
            #expect((campaign.startsOn ... campaign.endsOn).contains(today))
            #expect(campaign.acceptsLateWork)
            let due = try #require(campaign.reflectionDueOn)
            #expect(due > today && due <= today.adding(days: 21), "reflections due in the coming weeks")
            let cell = try #require(try await RoleGrant.query(on: db).filter(\.$role == .secretary).first()?.organizationId)
            let ward = try #require(try await Organization.find(cell, on: db)?.parentId)
            let member = try #require(try await RoleGrant.query(on: db).filter(\.$role == .member).first()?.memberId)

            // The secretary: a session held this week whose attendance is not taken, reflections to review, the cell's
            // report due this week, a member who assessed themself waiting for the cell's proposal.
            let recent = try await StudySession.query(on: db).filter(\.$organizationId == cell)
                .filter(\.$heldOn >= today.adding(days: -7)).filter(\.$heldOn <= today).all()
            let marked = try await StudyQueries.attendanceSummaries(of: recent.map { $0.requireID() }, on: db)
            #expect(recent.contains { marked[$0.requireID()] == nil }, "a session of the last 7 days without attendance")
            let reflections = try await Reflection.query(on: db).filter(\.$campaignId == campaign.requireID()).all()
            #expect(reflections.filter { $0.state == .submitted }.count == 2, "waiting for the secretary's review")
            #expect(Set(reflections.map(\.state)) == Set(ReflectionState.allCases))
            let cellDue = try await Obligation.query(on: db).filter(\.$organizationId == cell).filter(\.$state == .open).all()
            #expect(cellDue.contains { $0.dueOn >= today && $0.dueOn <= today.adding(days: 7) }, "an obligation due this week")
            let period = try await RatingPeriods.year(today.year, on: db)
            let rows = try await RatingQueries.ofMember(try await MemberQueries.require(member, on: db), on: db)
            #expect(rows.first { $0.period.id == period.id }?.steps[.selfAssessment] == nil, "the demo member's self-assessment is theirs to do")
            let steps = try await RatingStep.query(on: db).all()
            let assessed = Set(steps.filter { $0.kind == .selfAssessment }.map(\.ratingId))
            let proposed = Set(steps.filter { $0.kind == .proposal }.map(\.ratingId))
            #expect(!assessed.subtracting(proposed).isEmpty, "a self-assessment waiting for the cell's proposal")

            // The member: no reflection yet, their deadline ahead; commitments under way.
            #expect(!reflections.contains { $0.memberId == member })
            let ownDeadline = try await StudyQueries.reflectionDeadline(in: campaign, for: try await MemberQueries.require(member, on: db), on: db)
            #expect(ownDeadline.rule.refusal(after: nil, on: today) == nil && ownDeadline.rule.notice(after: nil, on: today) == nil)
            #expect(try await Commitment.query(on: db).filter(\.$memberId == member).filter(\.$dueOn >= today).count() > 0)
            #expect(try await app.rowCount("reflection_extensions") == 1)

            // The ward: a submission from a cell under it to review; the city: a plan that came late.
            let submitted = try await Obligation.query(on: db).filter(\.$state == .submitted).all()
            let parents = try await Organization.query(on: db).filter(\.$id ~~ submitted.map(\.organizationId)).all().map(\.parentId)
            #expect(parents.contains(ward), "a submission waiting for the ward's review")
            #expect(submitted.contains { $0.submittedLate }, "a plan sent late, marked so")

            // Breakthroughs at risk and on track.
            let statuses = try await Breakthrough.query(on: db).all().map { $0.status(today: today) }
            #expect(Set(statuses).isSuperset(of: [.atRisk, .onTrack, .done]))
            _ = try await AuditTrail.verify(on: db)
        }
    }
}
