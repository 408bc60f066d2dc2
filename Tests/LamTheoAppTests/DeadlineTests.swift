import Fluent
import Foundation
@testable import LamTheoApp
import LamTheoCore
import SQLKit
import Testing
import VaporTesting

/// Deadlines that can move: a running campaign's dates and due dates changed by whoever may launch at its unit,
/// reflection deadlines extended for a unit or a member, late work taken (marked late) or refused as the campaign
/// says, said on the forms before anyone writes; and nothing dated before its unit was founded.
@Suite("Deadlines")
struct DeadlineTests {
    static let year = CityCampaign.year

    // MARK: Changing a campaign

    @Test("a campaign's title, dates, reflection deadline and due dates change; obligations follow unless their extension runs later; audited",
          arguments: TestBackend.allCases)
    func changeCampaign(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let campaign = setup.campaign.requireID()
            let year = Self.year
            let plan = try #require(try await CampaignQueries.requirements(of: setup.campaign, on: app.db).first { $0.kind == .plan })
            let wardA = try #require(try await app.obligations(of: setup.campaign, at: setup.tree.wardA).first)
            _ = try await app.write { try await ObligationCommands.extend(wardA.requireID(), .init(until: "\(year)-06-01", reason: "Đại hội"), on: $0) }

            let changed = try await app.write(AuditSubject("campaign.update", Campaign.self, id: campaign), origin: .commandLine(user: "test")) {
                try await CampaignCommands.update(campaign, CampaignChanges(
                    title: "Học tập chuyên đề năm \(year) (điều chỉnh)", reflectionDueOn: "15/12/\(year)", acceptsLateWork: false,
                    requirements: [RequirementChange(id: plan.id, dueOn: "01/03/\(year)")]), on: $0)
            }
            #expect(changed.title == "Học tập chuyên đề năm \(year) (điều chỉnh)" && changed.titleSearch.contains("dieu chinh"))
            #expect(changed.reflectionDueOn == CalendarDate(year: year, month: 12, day: 15) && !changed.acceptsLateWork)
            #expect(changed.startsOn == setup.campaign.startsOn, "absent fields keep their value")
            let marchFirst = CalendarDate(year: year, month: 3, day: 1)!
            #expect(try await app.obligations(of: setup.campaign, at: setup.tree.wardB).map(\.dueOn) == [marchFirst])
            let keptA = try #require(try await app.obligations(of: setup.campaign, at: setup.tree.wardA).first)
            #expect(keptA.dueOn == CalendarDate(year: year, month: 1, day: 1) && keptA.extendedUntil == CalendarDate(year: year, month: 6, day: 1),
                    "an extension to a later day stands")
            #expect(try await app.rollupsMatchSubtrees(), "the tallies follow the new due dates")

            // A due date past the extension overtakes it: the unit follows the date, the extension goes.
            _ = try await app.write { try await CampaignCommands.update(campaign, CampaignChanges(requirements: [RequirementChange(id: plan.id, dueOn: "01/07/\(year)")]), on: $0) }
            let followedA = try #require(try await app.obligations(of: setup.campaign, at: setup.tree.wardA).first)
            #expect(followedA.dueOn == CalendarDate(year: year, month: 7, day: 1) && followedA.extendedUntil == nil && followedA.extensionReason == nil)
            #expect(try await app.rollupsMatchSubtrees())

            // Blank removes the reflection deadline.
            let cleared = try await app.write { try await CampaignCommands.update(campaign, CampaignChanges(reflectionDueOn: ""), on: $0) }
            #expect(cleared.reflectionDueOn == nil)

            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "campaign.update").first())
            let after = try #require(event.after)
            #expect(after.contains("\"requirements\"") && after.contains("\(year)-03-01") && after.contains("\"acceptsLateWork\":\"false\""))
            _ = try await AuditTrail.verify(on: app.db)
        }
    }

    @Test("a change is refused when the new period leaves out a session, an extension or a deadline, names a requirement of another campaign, or the campaign is closed",
          arguments: TestBackend.allCases)
    func refusedChanges(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let campaign = setup.campaign.requireID()
            let year = Self.year
            try await app.recordSession(setup.campaign, at: setup.tree.cellA1, present: [])  // held on the first day
            func refusal(_ changes: CampaignChanges) async -> DomainError? {
                await domainError { _ = try await app.write { try await CampaignCommands.update(campaign, changes, on: $0) } }
            }
            let late = await refusal(CampaignChanges(startsOn: "01/02/\(year)"))
            #expect(late?.fields.contains("startsOn") == true)
            #expect(late?.fieldErrors.contains { $0.field == "startsOn" && $0.message.vi.hasPrefix("Đã có buổi học tập của đợt triển khai") } == true)

            let obligation = try #require(try await app.obligations(of: setup.campaign, at: setup.tree.wardB).first)
            _ = try await app.write { try await ObligationCommands.extend(obligation.requireID(), .init(until: "\(year)-11-30", reason: "Đại hội"), on: $0) }
            let early = await refusal(CampaignChanges(endsOn: "31/10/\(year)"))
            #expect(Set(early?.fields ?? []) == ["endsOn", "reflectionDueOn"])
            #expect(early?.fieldErrors.contains { $0.message.vi == "Đã gia hạn đến 30/11/\(year): ngày kết thúc không được trước ngày này" } == true)
            #expect(early?.fieldErrors.contains { $0.message.vi.hasPrefix("Yêu cầu “Tổ chức học tập, quán triệt” có hạn 31/12/\(year)") } == true,
                    "a due date left outside the new period")

            let stranger = await refusal(CampaignChanges(requirements: [RequirementChange(id: 9_999, dueOn: "01/03/\(year)")]))
            #expect(stranger?.fields == ["requirements[0].id"])
            let blank = await refusal(CampaignChanges(title: " ", reflectionDueOn: "31/02/\(year)"))
            #expect(Set(blank?.fields ?? []) == ["title", "reflectionDueOn"])

            _ = try await app.write { try await CampaignCommands.close(campaign, on: $0) }
            #expect(await refusal(CampaignChanges(title: "Mới"))?.kind == .conflict)
            #expect(try await Campaign.find(campaign, on: app.db)?.title == setup.campaign.title)
        }
    }

    @Test("over HTTP: PATCH and the edit form for whoever may launch at the campaign's unit, not for a ward's officer below it",
          arguments: TestBackend.allCases)
    func changeOverHTTP(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let id = setup.campaign.requireID()
            let year = Self.year
            let city = try await app.caller("thanhuy", .officer, scope: setup.tree.city, level: .manager)
            let ward = try await app.caller("phuong", .officer, scope: setup.tree.wardA, level: .editor)
            let tester = try app.testing()

            let patched = try await tester.sendRequest(.PATCH, "/api/v1/campaigns/\(id)", headers: city.api) {
                try $0.content.encode(CampaignChanges(reflectionDueOn: "20/12/\(year)"))
            }
            #expect(patched.status == .ok)
            let dto = try patched.content.decode(CampaignAPI.CampaignDTO.self)
            #expect(dto.reflectionDueOn == CalendarDate(year: year, month: 12, day: 20) && dto.acceptsLateWork)
            #expect(try await tester.sendRequest(.PATCH, "/api/v1/campaigns/\(id)", headers: ward.api) {
                try $0.content.encode(CampaignChanges(title: "Của phường"))
            }.status == .notFound, "the ward's officer does not edit at the city")
            let invalid = try await tester.sendRequest(.PATCH, "/api/v1/campaigns/\(id)", headers: city.api) {
                try $0.content.encode(CampaignChanges(endsOn: "01/01/\(year - 1)"))
            }
            #expect(invalid.status == .unprocessableEntity)

            let form = try await tester.sendRequest(.GET, "/campaigns/\(id)/edit", headers: city.web)
            #expect(form.status == .ok)
            let html = String(buffer: form.body)
            #expect(html.contains(#"name="reflectionDueOn""#) && html.contains("20/12/\(year)") && html.contains(#"name="acceptsLateWork""#))
            let requirements = try await CampaignQueries.requirements(of: setup.campaign, on: app.db)
            #expect(html.contains(#"name="dueOn[\#(requirements[0].requireID())]""#))
            #expect(try await tester.sendRequest(.GET, "/campaigns/\(id)/edit", headers: ward.web).status == .notFound)
            #expect(String(buffer: try await tester.sendRequest(.GET, "/campaigns/\(id)", headers: city.web).body).contains("/campaigns/\(id)/edit"),
                    "the campaign's page links to the form")

            var fields = ["title": setup.campaign.title, "startsOn": "01/01/\(year)", "endsOn": "31/12/\(year)", "reflectionDueOn": "10/12/\(year)"]
            for requirement in requirements { fields["dueOn[\(requirement.requireID())]"] = requirement.dueOn.vietnamese }
            fields["dueOn[\(requirements[0].requireID())]"] = "15/02/\(year)"
            let saved = try await tester.sendRequest(.POST, "/campaigns/\(id)/edit", headers: city.web) {
                try $0.content.encode(city.form(fields), as: .urlEncodedForm)
            }
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/campaigns/\(id)")
            let stored = try #require(try await Campaign.find(id, on: app.db))
            #expect(stored.reflectionDueOn == CalendarDate(year: year, month: 12, day: 10))
            #expect(!stored.acceptsLateWork, "an unticked box refuses late work")
            #expect(try await CampaignRequirement.find(requirements[0].requireID(), on: app.db)?.dueOn == CalendarDate(year: year, month: 2, day: 15))

            fields["endsOn"] = "01/01/\(year - 1)"
            let refused = try await tester.sendRequest(.POST, "/campaigns/\(id)/edit", headers: city.web) {
                try $0.content.encode(city.form(fields), as: .urlEncodedForm)
            }
            #expect(refused.status == .unprocessableEntity)
            let page = String(buffer: refused.body)
            #expect(page.contains("Chưa lưu được") && page.contains("01/01/\(year - 1)"), "what was typed stays")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "campaign.update").count() == 2)
        }
    }

    // MARK: Reflection deadlines

    @Test("a reflection deadline is extended for a unit (all its members) or one member, with a reason, audited; each member's deadline moves",
          arguments: TestBackend.allCases)
    func reflectionExtensions(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: "2025-01-01", acceptsLateWork: false)
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let binh = try await app.createMember("Trần Văn Bình", card: "2", in: tree.cellA1)
            let cuong = try await app.createMember("Lê Văn Cường", card: "3", in: tree.cellB1)
            let store = app.documentFiles
            // Closures, not local functions: the latter crash the 6.3.1 compiler's region-based isolation pass here.
            let submit: @Sendable (Int) async throws -> Reflection = { member in
                try await app.write { try await StudyCommands.submitReflection(campaign: campaign, member: member, body: "Bài thu hoạch", file: nil, store: store, on: $0) }
            }
            let extend: @Sendable (ReflectionExtensionInput) async throws -> ReflectionExtension = { input in
                try await app.write(AuditSubject("reflection.extend", ReflectionExtension.self), origin: .commandLine(user: "test")) {
                    try await StudyCommands.extendReflections(input, on: $0)
                }
            }
            #expect(await domainError { _ = try await submit(an) }?.kind == .conflict, "the deadline has passed and late work is refused")

            let none = await domainError { _ = try await extend(ReflectionExtensionInput(campaignId: campaign, until: "2030-06-30", reason: "x")) }
            #expect(none?.fields == ["memberId"], "a unit or a member")
            let bad = await domainError { _ = try await extend(ReflectionExtensionInput(campaignId: campaign, organizationId: tree.cellA1, until: "2024-12-31", reason: " ")) }
            #expect(Set(bad?.fields ?? []) == ["until", "reason"])
            #expect(bad?.fieldErrors.first { $0.field == "until" }?.message.vi == "Ngày gia hạn phải sau hạn hiện tại (01/01/2025)")
            let pastEnd = await domainError { _ = try await extend(ReflectionExtensionInput(campaignId: campaign, memberId: cuong, until: "2031-01-01", reason: "Ốm")) }
            #expect(pastEnd?.fieldErrors.first?.message.vi == "Không gia hạn quá ngày kết thúc đợt triển khai (31/12/2030)")

            let cell = try await extend(ReflectionExtensionInput(campaignId: campaign, organizationId: tree.cellA1, until: "2030-06-30",
                                                                 reason: "Chi bộ học tập bù sau đại hội"))
            #expect(cell.organizationId == tree.cellA1 && cell.memberId == nil)
            let first = try await submit(an)
            #expect(!first.late, "on time within the cell's extension")
            #expect(await domainError { _ = try await submit(cuong) }?.kind == .conflict, "another cell's member has no extension")
            // One member's own extension must go beyond what their cell already has.
            let shorter = await domainError { _ = try await extend(ReflectionExtensionInput(campaignId: campaign, memberId: binh, until: "2030-03-01", reason: "Ốm")) }
            #expect(shorter?.fieldErrors.first?.message.vi == "Ngày gia hạn phải sau hạn hiện tại (30/06/2030)")
            _ = try await extend(ReflectionExtensionInput(campaignId: campaign, memberId: cuong, until: "2030-01-01", reason: "Nằm viện"))
            #expect(try await submit(cuong).late == false)

            let deadline = try await StudyQueries.reflectionDeadline(in: try await CampaignQueries.require(campaign, on: app.db),
                                                                     for: try await MemberQueries.require(binh, on: app.db), on: app.db)
            #expect(deadline.dueOn == CalendarDate(year: 2030, month: 6, day: 30))
            #expect(deadline.text(.vi) == "Hạn nộp: 30/06/2030 (gia hạn từ 01/01/2025: Chi bộ học tập bù sau đại hội)")
            let events = try await AuditEvent.query(on: app.db).filter(\.$action == "reflection.extend").all()
            #expect(events.count == 2 && events.allSatisfy { $0.after?.contains("\"reason\"") == true })
        }
    }

    @Test("over HTTP: a cell's secretary extends for their cell's members on the cell's page and by the API, not for another cell's",
          arguments: TestBackend.allCases)
    func extensionOverHTTP(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let campaign = try await app.launchStudyCampaign(at: tree.city, reflectionDueOn: "2025-01-01")
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let cuong = try await app.createMember("Lê Văn Cường", card: "3", in: tree.cellB1)
            let secretary = try await app.caller("bithu", .secretary, scope: tree.cellA1)
            let tester = try app.testing()

            let page = String(buffer: try await tester.sendRequest(.GET, "/reflections?unit=\(tree.cellA1)&campaign=\(campaign)", headers: secretary.web).body)
            #expect(page.contains("Gia hạn nộp bài thu hoạch") && page.contains(#"action="/reflections/extensions""#))
            #expect(page.contains("bài nộp sau hạn được nhận, ghi là nộp muộn"))
            let saved = try await tester.sendRequest(.POST, "/reflections/extensions", headers: secretary.web) {
                try $0.content.encode(secretary.form(["campaignId": "\(campaign)", "cellId": "\(tree.cellA1)", "memberId": "\(an)",
                                                      "until": "30/06/2030", "reason": "Đi công tác dài ngày"]), as: .urlEncodedForm)
            }
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/reflections?unit=\(tree.cellA1)&campaign=\(campaign)#extensions")
            let after = String(buffer: try await tester.sendRequest(.GET, "/reflections?unit=\(tree.cellA1)&campaign=\(campaign)", headers: secretary.web).body)
            #expect(after.contains("Đi công tác dài ngày"))
            #expect(after.contains("Hạn nộp: 30/06/2030 (gia hạn từ 01/01/2025: Đi công tác dài ngày)"), "beside the member's name")

            let refused = try await tester.sendRequest(.POST, "/reflections/extensions", headers: secretary.web) {
                try $0.content.encode(secretary.form(["campaignId": "\(campaign)", "cellId": "\(tree.cellA1)", "memberId": "",
                                                      "until": "", "reason": ""]), as: .urlEncodedForm)
            }
            #expect(refused.status == .unprocessableEntity)
            #expect(String(buffer: refused.body).contains("Lý do gia hạn không được để trống"))

            let api = try await tester.sendRequest(.POST, "/api/v1/reflections/extensions", headers: secretary.api) {
                try $0.content.encode(ReflectionExtensionInput(campaignId: campaign, organizationId: tree.cellA1, until: "2029-12-31", reason: "Học bù"))
            }
            #expect(api.status == .created)
            #expect(try api.content.decode(StudyAPI.ReflectionExtensionDTO.self).organizationId == tree.cellA1)
            let elsewhere = try await tester.sendRequest(.POST, "/api/v1/reflections/extensions", headers: secretary.api) {
                try $0.content.encode(ReflectionExtensionInput(campaignId: campaign, memberId: cuong, until: "2029-12-31", reason: "Học bù"))
            }
            #expect(elsewhere.status == .notFound)
            #expect(try await app.rowCount("reflection_extensions") == 2)
        }
    }

    // MARK: Late work

    @Test("late work is taken and marked late, or refused with a clear message, as the campaign says; a returned one resubmitted is not late",
          arguments: TestBackend.allCases)
    func lateWork(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let tree = setup.tree
            let year = Self.year
            let lenient = try await app.launchStudyCampaign(at: tree.city, symbol: "06-CT/TW", reflectionDueOn: "2025-01-01")
            let strict = try await app.launchStudyCampaign(at: tree.city, symbol: "07-CT/TW", reflectionDueOn: "2025-01-01", acceptsLateWork: false)
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let store = app.documentFiles
            func submit(_ campaign: Int) async throws -> Reflection {
                try await app.write { try await StudyCommands.submitReflection(campaign: campaign, member: an, body: "Bài thu hoạch", file: nil, store: store, on: $0) }
            }
            let late = try await submit(lenient)
            #expect(late.late && late.state == .submitted)
            let refused = await domainError { _ = try await submit(strict) }
            #expect(refused?.kind == .conflict)
            #expect(refused?.title.vi == "Đã quá hạn nộp bài thu hoạch (01/01/2025): đợt triển khai này không nhận bài nộp muộn")
            _ = try await app.write { try await StudyCommands.reviewReflection(late.requireID(), ReflectionReviewInput(decision: "return", comment: "Viết thêm"), on: $0) }
            #expect(try await submit(lenient).late, "a resubmission keeps the first one's mark")

            // Obligations: the plans were due on 1 January.
            let wardA = try #require(try await app.obligations(of: setup.campaign, at: tree.wardA).first)
            let planA = try await app.registerDocument("12-KH/ĐU", "Kế hoạch thực hiện", on: "2021-06-01", by: tree.wardA)
            let sent = try await app.write { try await ObligationCommands.submit(wardA.requireID(), .init(documentId: planA, submittedOn: "15/01/\(year)"), on: $0) }
            #expect(sent.submittedLate)
            #expect(try await CampaignQueries.submissions(of: sent, on: app.db).map(\.late) == [true])
            #expect(ObligationStanding(sent, today: CalendarDate(year: year, month: 1, day: 20)!).statusText(.vi) == "Đã nộp, chờ xem xét, nộp muộn")

            _ = try await app.write { try await CampaignCommands.update(setup.campaign.requireID(), CampaignChanges(acceptsLateWork: false), on: $0) }
            let wardB = try #require(try await app.obligations(of: setup.campaign, at: tree.wardB).first)
            let planB = try await app.registerDocument("13-KH/ĐU", "Kế hoạch thực hiện", on: "2021-06-01", by: tree.wardB)
            let strictObligation = await domainError {
                _ = try await app.write { try await ObligationCommands.submit(wardB.requireID(), .init(documentId: planB, submittedOn: "15/01/\(year)"), on: $0) }
            }
            #expect(strictObligation?.fieldErrors.first?.message.vi
                == "Đã quá hạn nộp nhiệm vụ “Ban hành kế hoạch thực hiện” (01/01/\(year)): đợt triển khai này không nhận bài nộp muộn")
            let onTime = try await app.write { try await ObligationCommands.submit(wardB.requireID(), .init(documentId: planB, submittedOn: "01/01/\(year)"), on: $0) }
            #expect(!onTime.submittedLate, "on the due date itself")

            // Lists say it: the API and the cell's page.
            let admin = try await app.admin()
            let tester = try app.testing()
            let obligation = try await tester.sendRequest(.GET, "/api/v1/obligations/\(wardA.requireID())", headers: admin.api)
            #expect(try obligation.content.decode(CampaignAPI.ObligationDTO.self).submittedLate)
            let cellPage = String(buffer: try await tester.sendRequest(.GET, "/reflections?unit=\(tree.cellA1)&campaign=\(lenient)", headers: admin.web).body)
            #expect(cellPage.contains("Nộp muộn"))
        }
    }

    @Test("the forms say the deadline has passed (or is today) before anyone writes, and whether late work is taken", arguments: TestBackend.allCases)
    func noticeBeforeWriting(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let setup = try await CityCampaign.make(on: app)
            let tree = setup.tree
            let year = Self.year
            let lenient = try await app.launchStudyCampaign(at: tree.city, symbol: "06-CT/TW", reflectionDueOn: "2025-01-01")
            let strict = try await app.launchStudyCampaign(at: tree.city, symbol: "07-CT/TW", reflectionDueOn: "2025-01-01", acceptsLateWork: false)
            let today = try await app.launchStudyCampaign(at: tree.city, symbol: "08-CT/TW", reflectionDueOn: CalendarDate.today().iso)
            let an = try await app.createMember("Nguyễn Văn An", card: "1", in: tree.cellA1)
            let member = try await app.caller("dangvien", .member, member: an)
            let secretary = try await app.caller("bithu", .secretary, scope: tree.cellA1)
            let ward = try await app.caller("phuong", .officer, scope: tree.wardA, level: .editor)
            let tester = try app.testing()
            func page(_ path: String, _ caller: Caller) async throws -> String {
                let response = try await tester.sendRequest(.GET, path, headers: caller.web)
                #expect(response.status == .ok, "\(path)")
                return String(buffer: response.body)
            }

            let own = try await page("/me/reflections/\(lenient)", member)
            #expect(own.contains("Hạn nộp 01/01/2025 đã qua: bài nộp sẽ bị ghi là nộp muộn"))
            #expect(own.range(of: "đã qua")!.lowerBound < own.range(of: #"<textarea id="body""#)!.lowerBound, "before the form")
            #expect(try await page("/me/reflections/\(strict)", member).contains("Hạn nộp 01/01/2025 đã qua: đợt triển khai này không nhận bài nộp muộn"))
            #expect(try await page("/me/reflections/\(today)", member).contains("Hôm nay (\(CalendarDate.today().vietnamese)) là hạn nộp"))
            #expect(try await page("/reflections/new?member=\(an)&campaign=\(lenient)", secretary).contains("bài nộp sẽ bị ghi là nộp muộn"))

            let obligation = try #require(try await app.obligations(of: setup.campaign, at: tree.wardA).first)
            let obligationPage = try await page("/obligations/\(obligation.requireID())", ward)
            #expect(obligationPage.contains("Hạn nộp 01/01/\(year) đã qua: bài nộp sẽ bị ghi là nộp muộn") || CalendarDate.today() == CalendarDate(year: year, month: 1, day: 1))
        }
    }

    // MARK: Founding dates

    @Test("sessions and campaigns are not dated before their unit was founded; the message names the unit and its date", arguments: TestBackend.allCases)
    func beforeFounding(_ backend: TestBackend) async throws {
        try await withTestApp(backend) { app in
            let tree = try await SmallTree.make(on: app)
            let young = try await app.createUnit("Chi bộ Khu phố 9", code: "PA-9", kind: .cell, parent: tree.wardA, on: "2024-06-01")
            let session = await domainError { _ = try await app.write { try await StudyCommands.record(StudySessionInput(
                organizationId: young, title: "Sinh hoạt chuyên đề", heldOn: "01/05/2024", format: "in_person"), on: $0) } }
            #expect(session?.fieldErrors.first { $0.field == "heldOn" }?.message.vi
                == "Chi bộ Khu phố 9 thành lập ngày 01/06/2024: ngày tổ chức buổi học tập (01/05/2024) không được trước ngày thành lập")
            _ = try await app.write { try await StudyCommands.record(StudySessionInput(
                organizationId: young, title: "Sinh hoạt chuyên đề", heldOn: "01/06/2024", format: "in_person"), on: $0) }

            let document = try await app.registerDocument("05-CT/TW", "Về đẩy mạnh học tập và làm theo", on: "2016-05-15")
            let launch = await domainError { _ = try await app.write { try await CampaignCommands.launch(CampaignInput(
                documentId: document, organizationId: young, startsOn: "2024-01-01", endsOn: "2024-12-31"), on: $0) } }
            #expect(launch?.fieldErrors.first { $0.field == "startsOn" }?.message.vi
                == "Chi bộ Khu phố 9 thành lập ngày 01/06/2024: ngày bắt đầu đợt triển khai (01/01/2024) không được trước ngày thành lập")
            let campaign = try await app.write { try await CampaignCommands.launch(CampaignInput(
                documentId: document, organizationId: tree.city, startsOn: "2020-01-01", endsOn: "2030-12-31"), on: $0) }
            let moved = await domainError { _ = try await app.write { try await CampaignCommands.update(campaign.requireID(), CampaignChanges(startsOn: "2019-12-31"), on: $0) } }
            #expect(moved?.fieldErrors.first { $0.field == "startsOn" }?.message.vi.hasPrefix("Đảng bộ Thành phố Hồ Chí Minh thành lập ngày 01/01/2020") == true)
            #expect(try await app.rowCount("campaigns") == 1)
        }
    }
}
