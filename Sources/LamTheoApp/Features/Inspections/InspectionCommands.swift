import Fluent
import Foundation
import LamTheoCore
import SQLKit

/// One place on the team: a role and a person, named, with the account that reads under the team's grant
/// (`userId`, or `username` from a form) and their member record if any.
struct InspectionTeamInput: Codable, Sendable, Hashable {
    var role: String?
    var name: String?
    var userId: Int?
    var username: String?
    var memberId: Int?
}

/// A new inspection or supervision, as decided: by which committee, of which kind, under which decision, on
/// what, by which team, at which units, for which period and when.
struct InspectionInput: Codable, Sendable {
    var organizationId: Int?
    var kind: String?
    var decisionDocumentId: Int?
    var subject: String?
    var periodFrom: String?
    var periodTo: String?
    var startsOn: String?
    var endsOn: String?
    var selfReportDueOn: String?
    var unitIds: [Int]?
    var team: [InspectionTeamInput]?
}

struct InspectionPlanInput: Codable, Sendable {
    var sentOn: String?
    var note: String?
}

/// An inspected unit's self-report: a registered document or its words, and the day it came.
struct InspectionSelfReportInput: Codable, Sendable {
    var organizationId: Int?
    var documentId: Int?
    var note: String?
    var submittedOn: String?
}

struct InspectionSessionInput: Codable, Sendable {
    var organizationId: Int?
    var heldOn: String?
    var minutesDocumentId: Int?
    var minutes: String?
}

struct InspectionFindingInput: Codable, Sendable {
    var organizationId: Int?
    var kind: String?
    var text: String?
    var commitmentId: Int?
    var breakthroughId: Int?
    var concerns: String?
}

/// A criticism, resting on a finding of the inspection: of the finding's unit (or a unit below it) as a
/// collective, or of a member of it.
struct InspectionCriticismInput: Codable, Sendable {
    var findingId: Int?
    var target: String?
    var organizationId: Int?
    var memberId: Int?
    var text: String?
}

struct InspectionConclusionInput: Codable, Sendable {
    var documentId: Int?
    var concludedOn: String?
}

struct InspectionClosureInput: Codable, Sendable {
    var closedOn: String?
}

/// The writes of an inspection, each one part of the caller's transaction. Every step after the first is
/// refused, naming what is missing, until the steps it rests on are done (`InspectionProgress`).
enum InspectionCommands {
    static func create(_ input: InspectionInput, on db: any Database) async throws -> Inspection {
        var validator = Validator()
        let kind = input.kind.flatMap(InspectionKind.init(rawValue:))
        if kind == nil {
            validator.add("kind", LocalizedText(vi: "Chọn kiểm tra hay giám sát", en: "Choose inspection or supervision"))
        }
        let subject = validator.requiredText(input.subject, field: "subject", label: LocalizedText(vi: "Nội dung", en: "Subject"), maxLength: 1000)
        let periodFrom = validator.requiredDate(input.periodFrom, field: "periodFrom", label: LocalizedText(vi: "Thời kỳ kiểm tra từ", en: "Period from"))
        let periodTo = validator.requiredDate(input.periodTo, field: "periodTo", label: LocalizedText(vi: "Thời kỳ kiểm tra đến", en: "Period to"))
        let startsOn = validator.requiredDate(input.startsOn, field: "startsOn", label: LocalizedText(vi: "Ngày bắt đầu", en: "Starts on"))
        let endsOn = validator.requiredDate(input.endsOn, field: "endsOn", label: LocalizedText(vi: "Ngày kết thúc", en: "Ends on"))
        let dueOn = validator.requiredDate(input.selfReportDueOn, field: "selfReportDueOn",
                                           label: LocalizedText(vi: "Hạn nộp báo cáo tự kiểm tra", en: "Self-reports due"))
        if let periodFrom, let periodTo, periodTo < periodFrom {
            validator.add("periodTo", LocalizedText(vi: "Thời kỳ kiểm tra kết thúc trước khi bắt đầu", en: "The period ends before it starts"))
        }
        if let startsOn, let endsOn, endsOn < startsOn {
            validator.add("endsOn", LocalizedText(vi: "Ngày kết thúc trước ngày bắt đầu", en: "It ends before it starts"))
        }
        if let dueOn, let endsOn, endsOn < dueOn {
            validator.add("selfReportDueOn", LocalizedText(vi: "Hạn nộp báo cáo phải trước ngày kết thúc", en: "Self-reports are due before the end"))
        }
        if input.decisionDocumentId == nil {
            validator.add("decisionDocumentId", LocalizedText(vi: "Chọn quyết định kiểm tra, giám sát", en: "Choose the decision"))
        }
        try await checkDocument(input.decisionDocumentId, field: "decisionDocumentId", into: &validator, on: db)

        guard let committeeId = input.organizationId, let committee = try await Organization.find(committeeId, on: db) else {
            validator.add("organizationId", LocalizedText(vi: "Không tìm thấy cấp ủy ra quyết định", en: "Deciding committee not found"))
            try validator.throwIfInvalid()
            throw DomainError.invalid([])
        }
        let unitIds = Array(Set(input.unitIds ?? [])).sorted()
        if unitIds.isEmpty {
            validator.add("unitIds", LocalizedText(vi: "Chọn ít nhất một đơn vị được kiểm tra", en: "Choose at least one unit to inspect"))
        }
        let units = try await Organization.query(on: db).filter(\.$id ~~ unitIds).all()
        for id in unitIds where !units.contains(where: { $0.id == id }) {
            validator.add("unitIds", LocalizedText(vi: "Không tìm thấy tổ chức số \(id)", en: "Organisation \(id) not found"))
        }
        for unit in units where unit.id == committeeId || !committee.treePath.contains(unit.treePath) || unit.status != .active {
            validator.add("unitIds", unit.status != .active
                ? LocalizedText(vi: "\(unit.name) đã ngừng hoạt động", en: "\(unit.name) is no longer active")
                : LocalizedText(vi: "\(unit.name) không trực thuộc \(committee.name)", en: "\(unit.name) is not under \(committee.name)"))
        }
        let team = try await teamMembers(input.team ?? [], into: &validator, on: db)
        try validator.throwIfInvalid()

        let inspection = Inspection()
        inspection.organizationId = committeeId
        inspection.organizationPath = committee.path
        inspection.kind = kind!
        inspection.decisionDocumentId = input.decisionDocumentId!
        inspection.subject = subject
        inspection.periodFrom = periodFrom!
        inspection.periodTo = periodTo!
        inspection.startsOn = startsOn!
        inspection.endsOn = endsOn!
        inspection.selfReportDueOn = dueOn!
        try await inspection.create(on: db)
        let id = inspection.requireID()
        for member in team {
            member.inspectionId = id
            try await member.create(on: db)
        }
        for unit in units.sorted(by: { $0.path < $1.path }) {
            let inspected = InspectedUnit()
            inspected.inspectionId = id
            inspected.organizationId = unit.requireID()
            inspected.organizationPath = unit.path
            try await inspected.create(on: db)
        }
        return inspection
    }

    static func sendPlan(_ id: Int, _ input: InspectionPlanInput, on db: any Database) async throws -> Inspection {
        let inspection = try await InspectionQueries.require(id, on: db)
        var validator = Validator()
        let sentOn = validator.optionalDate(input.sentOn, field: "sentOn", label: LocalizedText(vi: "Ngày gửi", en: "Sent on")) ?? .today()
        let note = validator.optionalText(input.note, field: "note", label: LocalizedText(vi: "Ghi chú", en: "Note"), maxLength: 2000)
        try await refuse(.plan, of: inspection, into: &validator, on: db)
        try validator.throwIfInvalid()
        inspection.planSentOn = sentOn
        inspection.planNote = note
        try await inspection.save(on: db)
        return inspection
    }

    /// Records (or replaces) an inspected unit's self-report; late when it came after the date set.
    static func recordSelfReport(_ id: Int, _ input: InspectionSelfReportInput, on db: any Database) async throws -> InspectedUnit {
        let inspection = try await InspectionQueries.require(id, on: db)
        var validator = Validator()
        let note = validator.optionalText(input.note, field: "note", label: LocalizedText(vi: "Tóm tắt báo cáo", en: "Summary"), maxLength: 4000)
        let submittedOn = validator.optionalDate(input.submittedOn, field: "submittedOn", label: LocalizedText(vi: "Ngày nộp", en: "Submitted on")) ?? .today()
        if input.documentId == nil && note == nil {
            validator.add("note", LocalizedText(vi: "Chọn văn bản báo cáo hoặc ghi tóm tắt", en: "Choose the report document or write a summary"))
        }
        try await checkDocument(input.documentId, field: "documentId", into: &validator, on: db)
        let unit = try await inspectedUnit(input.organizationId, of: id, into: &validator, on: db)
        try await refuse(.selfReports, of: inspection, into: &validator, on: db)
        try validator.throwIfInvalid()
        unit!.selfReportOn = submittedOn
        unit!.selfReportDocumentId = input.documentId
        unit!.selfReportNote = note
        try await unit!.save(on: db)
        return unit!
    }

    static func recordSession(_ id: Int, _ input: InspectionSessionInput, on db: any Database) async throws -> InspectionSession {
        let inspection = try await InspectionQueries.require(id, on: db)
        var validator = Validator()
        let heldOn = validator.requiredDate(input.heldOn, field: "heldOn", label: LocalizedText(vi: "Ngày làm việc", en: "Held on"))
        let minutes = validator.optionalText(input.minutes, field: "minutes", label: LocalizedText(vi: "Biên bản", en: "Minutes"), maxLength: 8000)
        if input.minutesDocumentId == nil && minutes == nil {
            validator.add("minutes", LocalizedText(vi: "Chọn văn bản biên bản hoặc ghi nội dung biên bản", en: "Choose the minutes document or write the minutes"))
        }
        try await checkDocument(input.minutesDocumentId, field: "minutesDocumentId", into: &validator, on: db)
        if let heldOn, !(inspection.startsOn <= heldOn && heldOn <= inspection.endsOn) {
            validator.add("heldOn", LocalizedText(
                vi: "Ngày làm việc phải trong thời gian kiểm tra (\(inspection.startsOn.vietnamese)–\(inspection.endsOn.vietnamese))",
                en: "The session must fall within the schedule (\(inspection.startsOn.vietnamese)–\(inspection.endsOn.vietnamese))"))
        }
        let unit = try await inspectedUnit(input.organizationId, of: id, into: &validator, on: db)
        try await refuse(.sessions, of: inspection, into: &validator, on: db)
        try validator.throwIfInvalid()
        let session = InspectionSession()
        session.inspectionId = id
        session.organizationId = unit!.organizationId
        session.heldOn = heldOn!
        session.minutesDocumentId = input.minutesDocumentId
        session.minutes = minutes
        try await session.create(on: db)
        return session
    }

    static func recordFinding(_ id: Int, _ input: InspectionFindingInput, on db: any Database) async throws -> InspectionFinding {
        let inspection = try await InspectionQueries.require(id, on: db)
        var validator = Validator()
        let kind = input.kind.flatMap(FindingKind.init(rawValue:))
        if kind == nil {
            validator.add("kind", LocalizedText(vi: "Chọn ưu điểm hay hạn chế", en: "Choose strength or shortcoming"))
        }
        let text = validator.requiredText(input.text, field: "text", label: LocalizedText(vi: "Nội dung", en: "Finding"), maxLength: 4000)
        let concerns = validator.optionalText(input.concerns, field: "concerns", label: LocalizedText(vi: "Liên quan đến", en: "Concerns"), maxLength: 1000)
        let unit = try await inspectedUnit(input.organizationId, of: id, into: &validator, on: db)
        if let commitmentId = input.commitmentId {
            let commitment = try await Commitment.find(commitmentId, on: db)
            let member = try await commitment.asyncMap { try await Member.find($0.memberId, on: db) } ?? nil
            if member == nil || unit.map({ $0.treePath.contains(TreePath(rawValue: member!.organizationPath)!) }) == false {
                validator.add("commitmentId", LocalizedText(vi: "Không có cam kết số \(commitmentId) ở đơn vị này", en: "No commitment \(commitmentId) at this unit"))
            }
        }
        if let breakthroughId = input.breakthroughId {
            let breakthrough = try await Breakthrough.find(breakthroughId, on: db)
            if breakthrough == nil || unit.map({ $0.treePath.contains(TreePath(rawValue: breakthrough!.organizationPath)!) }) == false {
                validator.add("breakthroughId", LocalizedText(vi: "Không có khâu đột phá số \(breakthroughId) ở đơn vị này",
                                                              en: "No breakthrough \(breakthroughId) at this unit"))
            }
        }
        try await refuse(.findings, of: inspection, into: &validator, on: db)
        try validator.throwIfInvalid()
        let finding = InspectionFinding()
        finding.inspectionId = id
        finding.organizationId = unit!.organizationId
        finding.kind = kind!
        finding.text = text
        finding.commitmentId = input.commitmentId
        finding.breakthroughId = input.breakthroughId
        finding.concerns = concerns
        try await finding.create(on: db)
        return finding
    }

    static func recordCriticism(_ id: Int, _ input: InspectionCriticismInput, on db: any Database) async throws -> InspectionCriticism {
        let inspection = try await InspectionQueries.require(id, on: db)
        var validator = Validator()
        let text = validator.requiredText(input.text, field: "text", label: LocalizedText(vi: "Nội dung phê bình", en: "Criticism"), maxLength: 4000)
        let target = input.target.flatMap(CriticismTarget.init(rawValue:))
        if target == nil {
            validator.add("target", LocalizedText(vi: "Chọn phê bình tập thể hay cá nhân", en: "Choose a collective or a person"))
        }
        var finding: InspectionFinding?
        if let findingId = input.findingId { finding = try await InspectionFinding.find(findingId, on: db) }
        var findingPath: TreePath?
        if let finding, finding.inspectionId == id {
            findingPath = try await OrganizationQueries.require(finding.organizationId, on: db).treePath
        } else {
            validator.add("findingId", LocalizedText(vi: "Chọn nội dung kết luận làm căn cứ phê bình", en: "Choose the finding the criticism rests on"))
        }
        var organizationId: Int?
        switch target {
        case .collective?:
            organizationId = input.organizationId ?? finding?.organizationId
            var unit: Organization?
            if let organizationId { unit = try await Organization.find(organizationId, on: db) }
            if let findingPath, unit.map({ findingPath.contains($0.treePath) }) != true {
                validator.add("organizationId", LocalizedText(vi: "Tập thể bị phê bình phải thuộc đơn vị của nội dung kết luận",
                                                              en: "The collective must be the finding's unit or under it"))
            }
        case .person?:
            var member: Member?
            if let memberId = input.memberId { member = try await Member.find(memberId, on: db) }
            if member == nil {
                validator.add("memberId", LocalizedText(vi: "Chọn đảng viên bị phê bình", en: "Choose the member criticised"))
            } else if let findingPath, !findingPath.contains(TreePath(rawValue: member!.organizationPath)!) {
                validator.add("memberId", LocalizedText(vi: "\(member!.fullName) không thuộc đơn vị của nội dung kết luận",
                                                        en: "\(member!.fullName) is not in the finding's unit"))
            }
        case nil: break
        }
        if let refusal = try await InspectionQueries.progress(of: inspection, on: db).refusal(toRecord: .findings) {
            validator.add("id", refusal)
        }
        try validator.throwIfInvalid()
        let criticism = InspectionCriticism()
        criticism.findingId = finding!.requireID()
        criticism.target = target!
        criticism.organizationId = target == .collective ? organizationId : nil
        criticism.memberId = target == .person ? input.memberId : nil
        criticism.text = text
        try await criticism.create(on: db)
        return criticism
    }

    static func conclude(_ id: Int, _ input: InspectionConclusionInput, on db: any Database) async throws -> Inspection {
        let inspection = try await InspectionQueries.require(id, on: db)
        var validator = Validator()
        let concludedOn = validator.optionalDate(input.concludedOn, field: "concludedOn", label: LocalizedText(vi: "Ngày kết luận", en: "Concluded on")) ?? .today()
        if input.documentId == nil {
            validator.add("documentId", LocalizedText(vi: "Chọn thông báo kết luận", en: "Choose the conclusion document"))
        }
        try await checkDocument(input.documentId, field: "documentId", into: &validator, on: db)
        try await refuse(.conclusion, of: inspection, into: &validator, on: db)
        try validator.throwIfInvalid()
        inspection.conclusionDocumentId = input.documentId
        inspection.concludedOn = concludedOn
        try await inspection.save(on: db)
        return inspection
    }

    /// A recommendation: a follow-up task for each unit named, issued by the deciding committee. A deadline and a
    /// responsible unit are required (`FollowUpCommands.issue` refuses without them, writing nothing).
    static func recommend(_ id: Int, _ input: FollowUpTaskInput, by actor: String?, today: CalendarDate = .today(),
                          on db: any Database) async throws -> [FollowUpTask] {
        let inspection = try await InspectionQueries.require(id, on: db)
        var validator = Validator()
        try await refuse(.recommendations, of: inspection, into: &validator, on: db)
        try validator.throwIfInvalid()
        let source = FollowUpSource(kind: Inspection.originKind, id: id, label: "Kiến nghị sau \(inspection.kind.label.vi.lowercased()): \(inspection.subject)")
        let tasks = try await FollowUpCommands.issue(input, from: source, issuer: inspection.organizationId, by: actor, today: today, on: db)
        return tasks
    }

    static func close(_ id: Int, _ input: InspectionClosureInput, on db: any Database) async throws -> Inspection {
        let inspection = try await InspectionQueries.require(id, on: db)
        var validator = Validator()
        let closedOn = validator.optionalDate(input.closedOn, field: "closedOn", label: LocalizedText(vi: "Ngày kết thúc", en: "Closed on")) ?? .today()
        try await refuse(.closure, of: inspection, into: &validator, on: db)
        try validator.throwIfInvalid()
        inspection.closedOn = closedOn
        try await inspection.save(on: db)
        return inspection
    }

    // MARK: Checks shared by the steps

    /// Adds the step's refusal, if the steps it rests on are not done or the inspection is closed.
    private static func refuse(_ step: InspectionStep, of inspection: Inspection, into validator: inout Validator, on db: any Database) async throws {
        if let refusal = try await InspectionQueries.progress(of: inspection, on: db).refusal(toRecord: step) {
            validator.add("id", refusal)
        }
    }

    /// Adds a refusal when a document is named that is not registered.
    private static func checkDocument(_ id: Int?, field: String, into validator: inout Validator, on db: any Database) async throws {
        if let id, try await Document.find(id, on: db) == nil {
            validator.add(field, LocalizedText(vi: "Không tìm thấy văn bản số \(id)", en: "Document \(id) not found"))
        }
    }

    private static func inspectedUnit(_ organizationId: Int?, of id: Int, into validator: inout Validator,
                                      on db: any Database) async throws -> InspectedUnit? {
        var unit: InspectedUnit?
        if let organizationId {
            unit = try await InspectedUnit.query(on: db).filter(\.$inspectionId == id).filter(\.$organizationId == organizationId).first()
        }
        if unit == nil {
            validator.add("organizationId", LocalizedText(vi: "Chọn một đơn vị được kiểm tra", en: "Choose one of the units inspected"))
        }
        return unit
    }

    /// The team as entered: one leader; each with a role and a name (an account's name when none is given).
    private static func teamMembers(_ inputs: [InspectionTeamInput], into validator: inout Validator,
                                    on db: any Database) async throws -> [InspectionTeamMember] {
        var team: [InspectionTeamMember] = []
        for input in inputs {
            let user: User?
            if let userId = input.userId {
                user = try await User.find(userId, on: db)
                if user == nil { validator.add("team", LocalizedText(vi: "Không tìm thấy tài khoản số \(userId)", en: "Account \(userId) not found")) }
            } else if let username = input.username?.trimmingCharacters(in: .whitespaces), !username.isEmpty {
                user = try await User.query(on: db).filter(\.$username == username).first()
                if user == nil { validator.add("team", LocalizedText(vi: "Không có tài khoản “\(username)”", en: "No account “\(username)”")) }
            } else {
                user = nil
            }
            if let memberId = input.memberId, try await Member.find(memberId, on: db) == nil {
                validator.add("team", LocalizedText(vi: "Không tìm thấy đảng viên số \(memberId)", en: "Member \(memberId) not found"))
            }
            let role = input.role.flatMap(InspectionTeamRole.init(rawValue:))
            let name = validator.optionalText(input.name, field: "team", label: LocalizedText(vi: "Họ tên thành viên đoàn", en: "Team member's name"))
                ?? user?.displayName
            guard let role, let name else {
                validator.add("team", LocalizedText(vi: "Mỗi thành viên đoàn cần vai trò (trưởng đoàn, thành viên, thư ký) và họ tên",
                                                    en: "Each team member needs a role (leader, member, secretary) and a name"))
                continue
            }
            let member = InspectionTeamMember()
            member.role = role
            member.name = name
            member.userId = user?.requireID()
            member.memberId = input.memberId
            team.append(member)
        }
        if team.filter({ $0.role == .leader }).count != 1 {
            validator.add("team", LocalizedText(vi: "Đoàn có đúng một trưởng đoàn", en: "The team has exactly one leader"))
        }
        return team
    }
}

// The step bodies read from a form as from JSON: a blank number field (a select left on "none") is no value.

extension InspectionSelfReportInput {
    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(organizationId: try values.decodeOptionalInteger(forKey: .organizationId), documentId: try values.decodeOptionalInteger(forKey: .documentId),
                  note: try values.decodeIfPresent(String.self, forKey: .note), submittedOn: try values.decodeIfPresent(String.self, forKey: .submittedOn))
    }
}

extension InspectionSessionInput {
    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(organizationId: try values.decodeOptionalInteger(forKey: .organizationId), heldOn: try values.decodeIfPresent(String.self, forKey: .heldOn),
                  minutesDocumentId: try values.decodeOptionalInteger(forKey: .minutesDocumentId),
                  minutes: try values.decodeIfPresent(String.self, forKey: .minutes))
    }
}

extension InspectionFindingInput {
    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(organizationId: try values.decodeOptionalInteger(forKey: .organizationId), kind: try values.decodeIfPresent(String.self, forKey: .kind),
                  text: try values.decodeIfPresent(String.self, forKey: .text), commitmentId: try values.decodeOptionalInteger(forKey: .commitmentId),
                  breakthroughId: try values.decodeOptionalInteger(forKey: .breakthroughId), concerns: try values.decodeIfPresent(String.self, forKey: .concerns))
    }
}

extension InspectionCriticismInput {
    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(findingId: try values.decodeOptionalInteger(forKey: .findingId), target: try values.decodeIfPresent(String.self, forKey: .target),
                  organizationId: try values.decodeOptionalInteger(forKey: .organizationId), memberId: try values.decodeOptionalInteger(forKey: .memberId),
                  text: try values.decodeIfPresent(String.self, forKey: .text))
    }
}

extension InspectionConclusionInput {
    init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(documentId: try values.decodeOptionalInteger(forKey: .documentId), concludedOn: try values.decodeIfPresent(String.self, forKey: .concludedOn))
    }
}
