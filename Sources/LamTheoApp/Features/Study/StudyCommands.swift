import Fluent
import Foundation
import LamTheoCore
import SQLKit

/// A bridge point (điểm cầu) as typed into a row of the session form or sent to the API.
struct BridgePointInput: Codable, Sendable {
    var name: String?
    var attendeeCount: Int?
}

/// A study session as typed into the form or sent to the API (it is both bodies).
struct StudySessionInput: Codable, Sendable {
    /// The unit holding the session; fixed once recorded.
    var organizationId: Int?
    var campaignId: Int?
    var title: String?
    var heldOn: String?
    var format: String?
    var presenter: String?
    var nonMemberAttendees: Int?
    var documentIds: [Int]?
    var bridgePoints: [BridgePointInput]?

    /// The stored session with this input's fields laid over it: what a partial update means.
    func laid(over session: StudySession, documentIds storedDocuments: [Int], bridgePoints storedPoints: [BridgePoint]) -> StudySessionInput {
        StudySessionInput(
            organizationId: session.organizationId, campaignId: campaignId ?? session.campaignId, title: title ?? session.title,
            heldOn: heldOn ?? session.heldOn.iso, format: format ?? session.format.rawValue, presenter: presenter ?? session.presenter,
            nonMemberAttendees: nonMemberAttendees ?? session.nonMemberAttendees, documentIds: documentIds ?? storedDocuments,
            bridgePoints: bridgePoints ?? storedPoints.map { BridgePointInput(name: $0.name, attendeeCount: $0.attendeeCount) })
    }
}

/// One member's line of an attendance sheet.
struct AttendanceEntry: Codable, Sendable {
    var memberId: Int?
    var status: String?
    var reason: String?
}

/// An attendance sheet for one session: the members listed, and whether the others on the roll who
/// have no mark yet count as present (the usual case: list only the absent).
struct AttendanceInput: Codable, Sendable {
    var entries: [AttendanceEntry]?
    var othersPresent: Bool?
}

/// A reflection's file as uploaded.
struct ReflectionUpload: Sendable {
    let fileName: String?
    let data: Data
}

/// A cell's review of a reflection: accept with a grade, or return with a comment.
struct ReflectionReviewInput: Codable, Sendable {
    /// A `ReflectionDecision`: `accept` or `return`.
    var decision: String?
    var grade: String?
    var comment: String?
}

/// More time for reflections in one campaign: for a unit (all its members) or one member.
struct ReflectionExtensionInput: Codable, Sendable {
    var campaignId: Int?
    /// The unit whose members all get the time; or
    var organizationId: Int?
    /// the one member who does.
    var memberId: Int?
    var until: String?
    var reason: String?
}

/// The writes of study: sessions, attendance, reflections. Every write that changes who studied, who
/// reflected or how many sessions a unit held publishes it for the units it touched
/// (`CampaignProgress.studyChanged`), inside the same transaction.
enum StudyCommands {
    static let maximumReflectionLength = 20_000

    // MARK: Sessions

    static func record(_ input: StudySessionInput, today: CalendarDate = .today(), on db: any Database) async throws -> StudySession {
        let checked = try await checkedSession(input, today: today, on: db)
        let session = StudySession()
        session.organizationId = checked.unit.requireID()
        session.organizationPath = checked.unit.path
        try await save(session, checked, on: db)
        try await settle(session.organizationId, campaigns: [session.campaignId], on: db)
        return session
    }

    /// Replaces a session's details, documents and bridge points; its unit stays.
    static func update(_ id: Int, _ input: StudySessionInput, today: CalendarDate = .today(), on db: any Database) async throws -> StudySession {
        let session = try await StudyQueries.require(id, on: db)
        var input = input
        input.organizationId = session.organizationId
        let checked = try await checkedSession(input, today: today, on: db)
        let previousCampaign = session.campaignId
        try await StudySessionDocument.query(on: db).filter(\.$sessionId == id).delete()
        try await BridgePoint.query(on: db).filter(\.$sessionId == id).delete()
        try await save(session, checked, on: db)
        if previousCampaign != session.campaignId {
            // Who studied for each campaign follows the session's attendance.
            let cells = try await StudyQueries.attendeeCells(of: id, on: db)
            for campaign in [previousCampaign, session.campaignId].compactMap({ $0 }) {
                try await CampaignProgressFollowers.publish(.studyChanged(at: cells, campaign: campaign), on: db)
            }
            try await settle(session.organizationId, campaigns: [previousCampaign, session.campaignId], on: db)
        }
        return session
    }

    static func delete(_ id: Int, on db: any Database) async throws -> StudySession {
        let session = try await StudyQueries.require(id, on: db)
        let cells = try await StudyQueries.attendeeCells(of: id, on: db)
        try await Attendance.query(on: db).filter(\.$sessionId == id).delete()
        try await StudySessionDocument.query(on: db).filter(\.$sessionId == id).delete()
        try await BridgePoint.query(on: db).filter(\.$sessionId == id).delete()
        try await session.delete(on: db)
        if let campaign = session.campaignId {
            try await CampaignProgressFollowers.publish(.studyChanged(at: cells, campaign: campaign), on: db)
        }
        try await settle(session.organizationId, campaigns: [session.campaignId], on: db)
        return session
    }

    // MARK: Attendance

    /// Records the attendance of the listed members in one multi-row upsert; members not listed keep
    /// their mark (or, with `othersPresent`, are marked present if they had none). Only the cells of the
    /// members marked are recounted, so the cost follows the sheet, not the tree.
    static func takeAttendance(of id: Int, _ input: AttendanceInput, on db: any Database) async throws -> StudySession {
        let session = try await StudyQueries.require(id, on: db)
        let entries = input.entries ?? []
        var validator = Validator()
        var rows: [(memberId: Int, mark: AttendanceMark)] = []
        var seen: Set<Int> = []
        for (index, entry) in entries.enumerated() {
            let field = "entries[\(index)]"
            let line = index + 1
            guard let memberId = entry.memberId else {
                validator.add("\(field).memberId", LocalizedText(vi: "Dòng \(line): thiếu đảng viên", en: "Line \(line): the member is missing"))
                continue
            }
            if !seen.insert(memberId).inserted {
                validator.add("\(field).memberId", LocalizedText(vi: "Dòng \(line): đảng viên số \(memberId) có hai dòng",
                                                                 en: "Line \(line): member \(memberId) is listed twice"))
            }
            guard let status = entry.status.flatMap(AttendanceStatus.init(rawValue:)) else {
                validator.add("\(field).status", LocalizedText(vi: "Dòng \(line): tình trạng phải là present, absent hoặc excused",
                                                               en: "Line \(line): the status must be present, absent or excused"))
                continue
            }
            let reason = validator.optionalText(entry.reason, field: "\(field).reason",
                                                label: LocalizedText(vi: "Dòng \(line): lý do", en: "Line \(line): reason"), maxLength: 300)
            let mark = AttendanceMark(status: status, reason: reason)
            if let problem = mark.problem(line: line) {
                validator.add("\(field).reason", problem)
            }
            rows.append((memberId, mark))
        }
        let cells = try await StudyQueries.cellsOnRoll(of: Array(seen), within: session.treePath, on: db)
        for (index, entry) in entries.enumerated() {
            if let memberId = entry.memberId, cells[memberId] == nil {
                validator.add("entries[\(index)].memberId", LocalizedText(
                    vi: "Dòng \(index + 1): đảng viên số \(memberId) không sinh hoạt trong đơn vị tổ chức buổi học tập",
                    en: "Line \(index + 1): member \(memberId) is not on the roll of the unit holding the session"))
            }
        }
        try validator.throwIfInvalid()

        if !rows.isEmpty {
            try await db.sql.insert(into: Attendance.schema)
                .columns("session_id", "member_id", "status", "reason")
                .rows(rows.map { [SQLBind(id), SQLBind($0.memberId), SQLBind($0.mark.status.rawValue), SQLBind($0.mark.reason)] as [any SQLExpression] })
                .onConflict(with: ["session_id", "member_id"], do: { $0.set(excludedValueOf: "status").set(excludedValueOf: "reason") })
                .run()
        }
        var touched = Set(cells.values)
        if input.othersPresent == true {
            let path = session.treePath
            try await db.sql.raw("""
                INSERT INTO study_attendance (session_id, member_id, status)
                SELECT \(bind: id), m.id, \(bind: AttendanceStatus.present.rawValue) FROM members m
                WHERE \(column: "m.organization_path", in: path)
                  AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))
                ON CONFLICT (session_id, member_id) DO NOTHING
                """).run()
            touched.formUnion(try await StudyQueries.attendeeCells(of: id, on: db))
        }
        if let campaign = session.campaignId {
            try await CampaignProgressFollowers.publish(.studyChanged(at: touched, campaign: campaign), on: db)
        }
        return session
    }

    // MARK: Reflections

    /// Submits a member's reflection for a campaign: text, a file, or both. A first one after the member's
    /// deadline (the campaign's, or an extension's) is taken and marked late if the campaign takes late work, and
    /// refused if not; a returned one may be resubmitted at any time, and is numbered.
    static func submitReflection(campaign campaignId: Int?, member memberId: Int, body rawBody: String?, file: ReflectionUpload?,
                                 store: DocumentFileStore, today: CalendarDate = .today(), on db: any Database) async throws -> Reflection {
        let member = try await MemberQueries.require(memberId, on: db)
        var validator = Validator()
        let campaign = try await validator.campaign(campaignId, covering: TreePath(rawValue: member.organizationPath)!, on: db)
        let body = validator.longText(rawBody, field: "body", label: LocalizedText(vi: "Bài thu hoạch", en: "Reflection"),
                                      maxLength: maximumReflectionLength)
        let upload = file.map { validator.attachment(named: $0.fileName, $0.data, field: "file") } ?? nil
        if body == nil, file == nil {
            validator.add("body", LocalizedText(vi: "Viết bài thu hoạch hoặc tải tệp lên", en: "Write the reflection or upload a file"))
        }
        if !member.status.isOnRoll {
            validator.add("memberId", LocalizedText(vi: "Đảng viên không còn sinh hoạt", en: "The member is no longer on the roll"))
        }
        try validator.throwIfInvalid()

        let existing = try await Reflection.query(on: db).filter(\.$campaignId == campaign!.requireID()).filter(\.$memberId == memberId).first()
        let deadline = try await StudyQueries.reflectionDeadline(in: campaign!, for: member, on: db).rule
        if let refusal = deadline.refusal(after: existing?.state, on: today) {
            throw DomainError.conflict(field: "campaignId", refusal)
        }

        let reflection = existing ?? Reflection()
        reflection.campaignId = campaign!.requireID()
        reflection.memberId = memberId
        reflection.body = body
        if let file, let upload {
            reflection.fileKey = try store.save(file.data)
            reflection.fileName = upload.fileName
            reflection.fileType = upload.type.mediaType
        } else {
            reflection.fileKey = nil
            reflection.fileName = nil
            reflection.fileType = nil
        }
        reflection.late = existing?.late ?? deadline.marksLate(after: nil, on: today)
        reflection.state = .submitted
        reflection.submissionCount = (existing?.submissionCount ?? 0) + 1
        reflection.submittedOn = today
        reflection.grade = nil
        reflection.reviewComment = nil
        reflection.reviewedOn = nil
        try await reflection.save(on: db)
        try await CampaignProgressFollowers.publish(.studyChanged(at: [member.organizationId], campaign: reflection.campaignId), on: db)
        return reflection
    }

    static func reviewReflection(_ id: Int, _ input: ReflectionReviewInput, today: CalendarDate = .today(), on db: any Database) async throws -> Reflection {
        let reflection = try await StudyQueries.requireReflection(id, on: db)
        let campaign = try await CampaignQueries.require(reflection.campaignId, on: db)
        var validator = Validator()
        let comment = validator.longText(input.comment, field: "comment", label: LocalizedText(vi: "Nhận xét", en: "Comment"), maxLength: 2_000)
        let grade = VietnameseText.normalized(input.grade ?? "")
        let decision = input.decision.flatMap(ReflectionDecision.init(rawValue:))
        let problem = decision.map { $0.problem(grade: grade, comment: comment, grades: campaign.grades) } ?? ReflectionDecision.unknown
        if let problem { validator.add(problem.field, problem.message) }
        try validator.throwIfInvalid()
        guard reflection.state == .submitted else {
            throw DomainError.conflict(field: "decision", LocalizedText(vi: "Bài thu hoạch không ở trạng thái chờ nhận xét",
                                                                        en: "The reflection is not awaiting review"))
        }
        reflection.state = decision!.state
        reflection.grade = decision == .accept ? grade : nil
        reflection.reviewComment = comment
        reflection.reviewedOn = today
        try await reflection.save(on: db)
        let member = try await MemberQueries.require(reflection.memberId, on: db)
        try await CampaignProgressFollowers.publish(.studyChanged(at: [member.organizationId], campaign: reflection.campaignId), on: db)
        return reflection
    }

    /// Gives more time for reflections: to every member of a unit's subtree, or to one member, until a day after
    /// their current deadline and not past the campaign's end, with the reason on record.
    static func extendReflections(_ input: ReflectionExtensionInput, on db: any Database) async throws -> ReflectionExtension {
        var validator = Validator()
        var member: Member?
        var unit: Organization?
        switch (input.organizationId, input.memberId) {
        case (nil, let memberId?):
            member = try await Member.find(memberId, on: db)
            if member?.status.isOnRoll != true {
                validator.add("memberId", LocalizedText(vi: "Không tìm thấy đảng viên đang sinh hoạt số \(memberId)", en: "No member \(memberId) on the roll"))
            }
        case (let unitId?, nil):
            unit = try await validator.activeUnit(unitId, on: db)
        default:
            validator.add("memberId", LocalizedText(vi: "Chọn một đảng viên hoặc một tổ chức đảng được gia hạn",
                                                    en: "Choose one member or one organisation to extend the deadline for"))
        }
        let path = member.flatMap { TreePath(rawValue: $0.organizationPath) } ?? unit?.treePath
        let campaign = try await path.asyncMap { try await validator.campaign(input.campaignId, covering: $0, on: db) } ?? nil
        if let campaign, campaign.reflectionDueOn == nil {
            validator.add("campaignId", LocalizedText(vi: "Đợt triển khai “\(campaign.title)” không đặt hạn nộp bài thu hoạch",
                                                      en: "The campaign “\(campaign.title)” sets no reflection deadline"))
        }
        let until = validator.requiredDate(input.until, field: "until", label: LocalizedText(vi: "Gia hạn đến ngày", en: "Extended until"))
        let reason = validator.requiredText(input.reason, field: "reason", label: LocalizedText(vi: "Lý do gia hạn", en: "Reason"), maxLength: 1000)
        if let campaign, let path, let until {
            // A member's deadline counts their own extensions too; a unit's, those given to it or above it (all its members have that time).
            let extensions = try await StudyQueries.reflectionExtensions(of: campaign.requireID(), reaching: path,
                                                                         members: member.map { [$0.id!] } ?? [], on: db)
            if let current = MemberDeadline(campaign, extensions: extensions, member: member?.id).dueOn {
                for problem in DeadlineExtension(until: until).problems(currentDue: current, campaignEndsOn: campaign.endsOn) {
                    validator.add(problem.field, problem.message)
                }
            }
        }
        try validator.throwIfInvalid()
        let granted = ReflectionExtension()
        granted.campaignId = campaign!.requireID()
        granted.organizationId = unit?.id
        granted.memberId = member?.id
        granted.until = until!
        granted.reason = reason
        try await granted.create(on: db)
        return granted
    }

    // MARK: Helpers

    /// A session after checking, ready to be written.
    private struct CheckedSession {
        let unit: Organization
        let campaignId: Int?
        let title: String
        let heldOn: CalendarDate
        let format: StudyFormat
        let presenter: String?
        let nonMemberAttendees: Int
        let documentIds: [Int]
        let bridgePoints: [(name: String, attendeeCount: Int)]
    }

    private static func checkedSession(_ input: StudySessionInput, today: CalendarDate, on db: any Database) async throws -> CheckedSession {
        var validator = Validator()
        let unit = try await validator.activeUnit(input.organizationId, on: db)
        let title = validator.requiredText(input.title, field: "title", label: LocalizedText(vi: "Tên buổi học tập", en: "Title"), maxLength: 300)
        let heldOn = validator.requiredDate(input.heldOn, field: "heldOn", label: LocalizedText(vi: "Ngày tổ chức", en: "Date held"))
        if let heldOn, heldOn > today {
            validator.add("heldOn", LocalizedText(vi: "Ngày tổ chức không được sau hôm nay", en: "The date held cannot be in the future"))
        }
        if let heldOn, let unit {
            validator.notBeforeFounding(of: unit, heldOn, field: "heldOn", label: LocalizedText(vi: "ngày tổ chức buổi học tập", en: "session's date"))
        }
        let format = StudyFormat(rawValue: input.format ?? "")
        if format == nil {
            validator.add("format", LocalizedText(vi: "Hình thức phải là in_person, online hoặc hybrid", en: "The format must be in_person, online or hybrid"))
        }
        let presenter = validator.optionalText(input.presenter, field: "presenter", label: LocalizedText(vi: "Báo cáo viên", en: "Presenter"), maxLength: 200)
        let nonMembers = input.nonMemberAttendees ?? 0
        validator.check(nonMembers >= 0, "nonMemberAttendees", LocalizedText(vi: "Số người ngoài Đảng dự không được âm",
                                                                           en: "The number of non-member attendees cannot be negative"))
        if let id = input.campaignId, let unit {
            let campaign = try await validator.campaign(id, covering: unit.treePath, on: db)
            if let campaign, let heldOn {
                validator.within(campaign.startsOn ... campaign.endsOn, heldOn, field: "heldOn")
            }
        }
        let documentIds = Array(Set(input.documentIds ?? [])).sorted()
        if !documentIds.isEmpty {
            let found = Set(try await db.sql.raw("SELECT id FROM documents WHERE id IN (\(binds: documentIds))").all()
                .map { try $0.decode(column: "id", as: Int.self) })
            for missing in documentIds where !found.contains(missing) {
                validator.add("documentIds", LocalizedText(vi: "Không tìm thấy văn bản số \(missing)", en: "Document \(missing) not found"))
            }
        }
        var points: [(name: String, attendeeCount: Int)] = []
        for (index, point) in (input.bridgePoints ?? []).enumerated() {
            let number = index + 1
            let name = validator.requiredText(point.name, field: "bridgePoints[\(index)].name",
                                              label: LocalizedText(vi: "Điểm cầu \(number): tên", en: "Bridge point \(number): name"), maxLength: 200)
            let count = point.attendeeCount ?? 0
            validator.check(count >= 0, "bridgePoints[\(index)].attendeeCount",
                            LocalizedText(vi: "Điểm cầu \(number): số người dự không được âm", en: "Bridge point \(number): the attendee count cannot be negative"))
            points.append((name, count))
        }
        try validator.throwIfInvalid()
        return CheckedSession(unit: unit!, campaignId: input.campaignId, title: title, heldOn: heldOn!, format: format!, presenter: presenter,
                              nonMemberAttendees: nonMembers, documentIds: documentIds, bridgePoints: points)
    }

    private static func save(_ session: StudySession, _ checked: CheckedSession, on db: any Database) async throws {
        session.campaignId = checked.campaignId
        session.title = checked.title
        session.heldOn = checked.heldOn
        session.format = checked.format
        session.presenter = checked.presenter
        session.nonMemberAttendees = checked.nonMemberAttendees
        try await session.save(on: db)
        let id = session.requireID()
        if !checked.documentIds.isEmpty {
            try await db.sql.insert(into: StudySessionDocument.schema).columns("session_id", "document_id")
                .rows(checked.documentIds.map { [SQLBind(id), SQLBind($0)] as [any SQLExpression] }).run()
        }
        if !checked.bridgePoints.isEmpty {
            try await db.sql.insert(into: BridgePoint.schema).columns("session_id", "name", "attendee_count")
                .rows(checked.bridgePoints.map { [SQLBind(id), SQLBind($0.name), SQLBind($0.attendeeCount)] as [any SQLExpression] }).run()
        }
    }

    /// Lets each campaign's figures and the unit's "hold N sessions" obligations follow the sessions it held.
    private static func settle(_ unitId: Int, campaigns: [Int?], on db: any Database) async throws {
        for campaign in Set(campaigns.compactMap { $0 }) {
            try await CampaignProgressFollowers.publish(.studyChanged(at: [unitId], campaign: campaign), on: db)
            try await ObligationCommands.settleStudySessions(of: [unitId], campaign: campaign, on: db)
        }
    }
}

extension Campaign {
    /// The campaign's own reflection deadline, before any extension (`StudyQueries.reflectionDeadline` has a member's).
    var reflectionDeadline: ReflectionDeadline {
        ReflectionDeadline(dueOn: reflectionDueOn, acceptsLateWork: acceptsLateWork)
    }
}

extension Validator {
    /// An active campaign whose subtree holds `path`.
    mutating func campaign(_ id: Int?, covering path: TreePath, on db: any Database) async throws -> Campaign? {
        guard let id else {
            add("campaignId", LocalizedText(vi: "Chọn đợt triển khai", en: "Choose a campaign"))
            return nil
        }
        guard let campaign = try await Campaign.find(id, on: db) else {
            add("campaignId", LocalizedText(vi: "Không tìm thấy đợt triển khai số \(id)", en: "Campaign \(id) not found"))
            return nil
        }
        if campaign.status != .active {
            add("campaignId", LocalizedText(vi: "Đợt triển khai “\(campaign.title)” đã kết thúc", en: "The campaign “\(campaign.title)” is closed"))
        } else if !campaign.treePath.contains(path) {
            add("campaignId", LocalizedText(vi: "Đợt triển khai “\(campaign.title)” không bao gồm đơn vị này",
                                            en: "The campaign “\(campaign.title)” does not cover this unit"))
        }
        return campaign
    }

    /// Text of several paragraphs: each line tidied like `optionalText`, blank lines between paragraphs
    /// kept (one at most); nil when blank.
    mutating func longText(_ raw: String?, field: String, label: LocalizedText, maxLength: Int) -> String? {
        var lines: [String] = []
        for line in (raw ?? "").split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let tidy = VietnameseText.normalized(String(line))
            if !tidy.isEmpty || lines.last?.isEmpty == false { lines.append(tidy) }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        let text = lines.joined(separator: "\n")
        guard !text.isEmpty else { return nil }
        if !VietnameseText.isCleanText(text) {
            add(field, LocalizedText(vi: "\(label.vi) chứa ký tự không hợp lệ (có thể do sai bảng mã)",
                                     en: "\(label.en) contains invalid characters (possibly a wrong encoding)"))
        } else if text.count > maxLength {
            add(field, LocalizedText(vi: "\(label.vi) dài quá \(VietnameseFormat.integer(maxLength)) ký tự",
                                     en: "\(label.en) is longer than \(maxLength) characters"))
        }
        return text
    }
}
