import Fluent
import LamTheoCore
import SQLKit

/// A member of a session's roll with their mark, if any.
struct RollEntry: Sendable {
    let member: Member
    let attendance: Attendance?
}

/// A member of a cell with their reflection for a campaign, if any.
struct ReflectionEntry: Sendable {
    let member: Member
    let reflection: Reflection?
}

/// How many members were marked present, absent, excused.
struct AttendanceSummary: Sendable {
    var present = 0
    var absent = 0
    var excused = 0

    var marked: Int { present + absent + excused }
}

/// The people at a session's bridge points.
struct Delegates: Sendable, Hashable {
    var points = 0
    var people = 0
}

extension AttendanceSummary {
    /// Who attended, in a few words: "31 đảng viên", "31 đảng viên, 4.360 đại biểu tại 12 điểm cầu", or "—" when nobody
    /// is counted yet.
    func attendedText(with delegates: Delegates?, language: UILanguage) -> String {
        let numbers = NumberFormat(language)
        var parts: [String] = []
        if marked > 0 { parts.append(LocalizedText(vi: "\(numbers.integer(present)) đảng viên", en: "\(numbers.integer(present)) members")(language)) }
        if let delegates, delegates.points > 0 {
            parts.append(LocalizedText(vi: "\(numbers.integer(delegates.people)) đại biểu tại \(numbers.integer(delegates.points)) điểm cầu",
                                       en: "\(numbers.integer(delegates.people)) delegates at \(numbers.integer(delegates.points)) bridge points")(language))
        }
        return parts.isEmpty ? "—" : parts.joined(separator: ", ")
    }
}

/// Reads of study sessions, attendance and reflections.
enum StudyQueries {
    static func require(_ id: Int, on db: any Database) async throws -> StudySession {
        guard let session = try await StudySession.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy buổi học tập", en: "Study session not found"))
        }
        return session
    }

    static func requireReflection(_ id: Int, on db: any Database) async throws -> Reflection {
        guard let reflection = try await Reflection.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy bài thu hoạch", en: "Reflection not found"))
        }
        return reflection
    }

    struct Filter: Sendable {
        /// Sessions of units in this subtree.
        var within: TreePath?
        var campaignId: Int?
        /// The caller's readable subtrees; nil for the whole tree.
        var scopes: [TreePath]?
    }

    /// Newest first.
    static func sessions(_ filter: Filter, page: Int, perPage: Int, on db: any Database) async throws -> Page<StudySession> {
        var query = StudySession.query(on: db)
        if let within = filter.within {
            query = query.filter(\.$organizationPath, in: within)
        }
        if let scopes = filter.scopes {
            query = query.withinAny(scopes, \.$organizationPath)
        }
        if let campaignId = filter.campaignId {
            query = query.filter(\.$campaignId == campaignId)
        }
        let total = try await query.count()
        let sessions = try await query.sort(\.$heldOn, .descending).sort(\.$id, .descending)
            .range((page - 1) * perPage ..< page * perPage).all()
        return Page(items: sessions, page: page, perPage: perPage, total: total)
    }

    static func documents(of sessionId: Int, on db: any Database) async throws -> [Document] {
        let ids = try await StudySessionDocument.query(on: db).filter(\.$sessionId == sessionId).all().map(\.documentId)
        return try await documents(ids: ids, on: db)
    }

    static func documents(ids: [Int], on db: any Database) async throws -> [Document] {
        ids.isEmpty ? [] : try await Document.query(on: db).filter(\.$id ~~ ids).sort(\.$id).all()
    }

    static func bridgePoints(of sessionId: Int, on db: any Database) async throws -> [BridgePoint] {
        try await BridgePoint.query(on: db).filter(\.$sessionId == sessionId).sort(\.$id).all()
    }

    /// The members marked at a session, in Vietnamese name order, with their marks.
    static func marks(of sessionId: Int, on db: any Database) async throws -> [RollEntry] {
        let marks = try await Attendance.query(on: db).filter(\.$sessionId == sessionId).all()
        let byMember = Dictionary(uniqueKeysWithValues: marks.map { ($0.memberId, $0) })
        return try await Member.query(on: db).filter(\.$id ~~ Array(byMember.keys)).sort(\.$nameSort).sort(\.$id).all()
            .map { RollEntry(member: $0, attendance: byMember[$0.requireID()]) }
    }

    /// The members on the roll of the session's unit and the units under it, in Vietnamese name order,
    /// with their marks; then the members marked who have left since (transferred, struck off).
    static func roll(of session: StudySession, on db: any Database) async throws -> [RollEntry] {
        let marked = try await marks(of: session.requireID(), on: db)
        let byMember = Dictionary(uniqueKeysWithValues: marked.map { ($0.member.requireID(), $0.attendance) })
        let path = session.treePath
        let onRoll = try await Member.query(on: db)
            .filter(\.$organizationPath, in: path)
            .filter(\.$status ~~ MemberStatus.onRoll)
            .sort(\.$nameSort).sort(\.$id).all()
        let listed = Set(onRoll.map { $0.requireID() })
        return onRoll.map { RollEntry(member: $0, attendance: byMember[$0.requireID()] ?? nil) }
            + marked.filter { !listed.contains($0.member.requireID()) }
    }

    static func attendanceSummaries(of sessionIds: [Int], on db: any Database) async throws -> [Int: AttendanceSummary] {
        guard !sessionIds.isEmpty else { return [:] }
        let rows = try await db.sql.raw("""
            SELECT session_id, status, COUNT(*) AS n FROM study_attendance WHERE session_id IN (\(binds: sessionIds)) GROUP BY session_id, status
            """).all()
        var summaries: [Int: AttendanceSummary] = [:]
        for row in rows {
            let count = try row.decode(column: "n", as: Int.self)
            let id = try row.decode(column: "session_id", as: Int.self)
            switch AttendanceStatus(rawValue: try row.decode(column: "status", as: String.self)) {
            case .present?: summaries[id, default: .init()].present = count
            case .absent?: summaries[id, default: .init()].absent = count
            case .excused?: summaries[id, default: .init()].excused = count
            case nil: break
            }
        }
        return summaries
    }

    /// The people at each session's bridge points (an online conference's delegates), by session, for those that have
    /// any: counted beside the members marked wherever a session's attendance is shown.
    static func delegates(of sessionIds: [Int], on db: any Database) async throws -> [Int: Delegates] {
        guard !sessionIds.isEmpty else { return [:] }
        let rows = try await db.sql.raw("""
            SELECT session_id, COUNT(*) AS points, CAST(SUM(attendee_count) AS BIGINT) AS people FROM study_bridge_points
            WHERE session_id IN (\(binds: sessionIds)) GROUP BY session_id
            """).all()
        return try rows.reduce(into: [:]) { delegates, row in
            delegates[try row.decode(column: "session_id", as: Int.self)] = Delegates(points: try row.decode(column: "points", as: Int.self),
                                                                                      people: try row.decode(column: "people", as: Int.self))
        }
    }

    /// The cells of the members marked at a session: whose figures a change to the session touches.
    static func attendeeCells(of sessionId: Int, on db: any Database) async throws -> Set<Int> {
        Set(try await db.sql.raw("""
            SELECT DISTINCT m.organization_id FROM study_attendance a JOIN members m ON m.id = a.member_id WHERE a.session_id = \(bind: sessionId)
            """).all().map { try $0.decode(column: "organization_id", as: Int.self) })
    }

    /// The cell of each of `memberIds` that is on the roll of a unit in `subtree`; others are left out.
    static func cellsOnRoll(of memberIds: [Int], within subtree: TreePath, on db: any Database) async throws -> [Int: Int] {
        guard !memberIds.isEmpty else { return [:] }
        let rows = try await db.sql.raw("""
            SELECT id, organization_id FROM members
            WHERE id IN (\(binds: memberIds)) AND status IN (\(binds: MemberStatus.onRoll.map(\.rawValue)))
              AND \(column: "organization_path", in: subtree)
            """).all()
        return Dictionary(uniqueKeysWithValues: try rows.map {
            (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "organization_id", as: Int.self))
        })
    }

    /// The members on the roll of a cell, in name order, each with their reflection for the campaign.
    static func reflections(of campaignId: Int, in cell: Organization, on db: any Database) async throws -> [ReflectionEntry] {
        let members = try await Member.query(on: db).filter(\.$organizationId == cell.requireID()).filter(\.$status ~~ MemberStatus.onRoll)
            .sort(\.$nameSort).sort(\.$id).all()
        let reflections = try await Reflection.query(on: db).filter(\.$campaignId == campaignId)
            .filter(\.$memberId ~~ members.map { $0.requireID() }).all()
        let byMember = Dictionary(uniqueKeysWithValues: reflections.map { ($0.memberId, $0) })
        return members.map { ReflectionEntry(member: $0, reflection: byMember[$0.requireID()]) }
    }

    static func reflection(of memberId: Int, campaign campaignId: Int, on db: any Database) async throws -> Reflection? {
        try await Reflection.query(on: db).filter(\.$memberId == memberId).filter(\.$campaignId == campaignId).first()
    }

    /// A member's reflections, by campaign.
    static func reflections(of memberId: Int, on db: any Database) async throws -> [Int: Reflection] {
        Dictionary(uniqueKeysWithValues: try await Reflection.query(on: db).filter(\.$memberId == memberId).all().map { ($0.campaignId, $0) })
    }
}

extension StudyQueries {
    /// The extensions of a campaign's reflection deadline that reach the members on a unit's roll: given to the
    /// unit or a unit above it (its lineage, as it stands now), or to one of `members`. Latest first.
    static func reflectionExtensions(of campaignId: Int, reaching path: TreePath, members: [Int], on db: any Database) async throws -> [ReflectionExtension] {
        try await ReflectionExtension.query(on: db).filter(\.$campaignId == campaignId)
            .group(.or) { any in
                any.filter(\.$organizationId ~~ path.ids)
                if !members.isEmpty { any.filter(\.$memberId ~~ members) }
            }
            .sort(\.$until, .descending).sort(\.$id, .descending).all()
    }

    /// A member's reflection deadline in a campaign: the campaign's, or the latest extension that reaches them.
    static func reflectionDeadline(in campaign: Campaign, for member: Member, on db: any Database) async throws -> MemberDeadline {
        let extensions = try await reflectionExtensions(of: campaign.requireID(), reaching: TreePath(rawValue: member.organizationPath)!,
                                                        members: [member.requireID()], on: db)
        return MemberDeadline(campaign, extensions: extensions, member: member.requireID())
    }
}

/// A member's reflection deadline: the campaign's, moved by the latest extension that reaches them (for them,
/// or for a unit they belong to), and whether late work is taken.
struct MemberDeadline: Sendable {
    let campaignDueOn: CalendarDate?
    /// The extension that gives the member the most time, if it gives more than the campaign.
    let extensionUntil: CalendarDate?
    let extensionReason: String?
    let acceptsLateWork: Bool

    /// - Parameters:
    ///   - extensions: extensions reaching the member's cell (for the cell, units above it, or members of it).
    ///   - member: the member; nil for what every member of the cell has (the units' extensions only).
    init(_ campaign: Campaign, extensions: [ReflectionExtension], member: Int?) {
        self.init(campaignDueOn: campaign.reflectionDueOn, acceptsLateWork: campaign.acceptsLateWork, extensions: extensions, member: member)
    }

    init(campaignDueOn: CalendarDate?, acceptsLateWork: Bool, extensions: [ReflectionExtension], member: Int?) {
        self.campaignDueOn = campaignDueOn
        self.acceptsLateWork = acceptsLateWork
        let latest = extensions.filter { $0.memberId == nil || ($0.memberId != nil && $0.memberId == member) }.max { $0.until < $1.until }
        let moves = campaignDueOn.map { due in latest.map { $0.until > due } ?? false } ?? false
        extensionUntil = moves ? latest?.until : nil
        extensionReason = moves ? latest?.reason : nil
    }

    var dueOn: CalendarDate? { extensionUntil ?? campaignDueOn }
    var rule: ReflectionDeadline { ReflectionDeadline(dueOn: dueOn, acceptsLateWork: acceptsLateWork) }

    /// "Hạn nộp: 30/11/2026", or with the extension: "Hạn nộp: 12/12/2026 (gia hạn từ 30/11/2026: Đi công tác)".
    func text(_ language: UILanguage) -> String {
        guard let due = dueOn else { return LocalizedText(vi: "Không có hạn nộp", en: "No deadline")(language) }
        guard let extended = extensionUntil, let original = campaignDueOn else {
            return LocalizedText(vi: "Hạn nộp: \(due.vietnamese)", en: "Due by \(due.vietnamese)")(language)
        }
        let reason = extensionReason.map { ": \($0)" } ?? ""
        return LocalizedText(vi: "Hạn nộp: \(extended.vietnamese) (gia hạn từ \(original.vietnamese)\(reason))",
                             en: "Due by \(extended.vietnamese) (extended from \(original.vietnamese)\(reason))")(language)
    }
}
