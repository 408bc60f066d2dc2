import Fluent
import LamTheoCore
import Vapor

/// The study writes as a caller makes them, shared by the API and the web pages: a unit's sessions are
/// recorded by callers who edit that unit (a cell's secretary for the cell); a reflection is submitted by
/// the member themself or on their behalf, and reviewed, by callers who edit the member's cell.
enum StudyActions {
    static func record(_ input: StudySessionInput, request: Request) async throws -> StudySession {
        // A unit that does not exist is left to the command, which names the field.
        if let unitId = input.organizationId, let unit = try await Organization.find(unitId, on: request.reads) {
            try request.require(.edit, at: unit.treePath)
        }
        return try await request.write(AuditSubject("study.session.record", StudySession.self)) {
            try await StudyCommands.record(input, on: $0)
        }
    }

    static func update(_ id: Int, request: Request, _ input: @escaping @Sendable (StudySession, any Database) async throws -> StudySessionInput) async throws -> StudySession {
        try await requireSession(id, .edit, request: request)
        return try await request.write(AuditSubject("study.session.update", StudySession.self, id: id)) { db in
            try await StudyCommands.update(id, input(try await StudyQueries.require(id, on: db), db), on: db)
        }
    }

    static func delete(_ id: Int, request: Request) async throws -> StudySession {
        try await requireSession(id, .edit, request: request)
        return try await request.write(AuditSubject("study.session.delete", StudySession.self, id: id)) {
            try await StudyCommands.delete(id, on: $0)
        }
    }

    static func takeAttendance(of id: Int, _ input: AttendanceInput, request: Request) async throws -> StudySession {
        try await requireSession(id, .edit, request: request)
        return try await request.write(AuditSubject("study.attendance", StudySession.self, id: id)) {
            try await StudyCommands.takeAttendance(of: id, input, on: $0)
        }
    }

    /// The member themself (self-service), or a caller who edits their cell.
    static func submitReflection(campaign campaignId: Int?, member memberId: Int, body: String?, file: ReflectionUpload?,
                                 request: Request) async throws -> Reflection {
        if memberId != (try request.requireActor().memberId) {
            try await MemberActions.requireMember(memberId, .edit, request: request)
        }
        let existing = try await campaignId.asyncMap { try await StudyQueries.reflection(of: memberId, campaign: $0, on: request.reads) } ?? nil
        let store = request.application.documentFiles
        return try await request.write(AuditSubject("reflection.submit", Reflection.self, id: existing?.id)) {
            try await StudyCommands.submitReflection(campaign: campaignId, member: memberId, body: body, file: file, store: store, on: $0)
        }
    }

    static func reviewReflection(_ id: Int, _ input: ReflectionReviewInput, request: Request) async throws -> Reflection {
        try await requireReflection(id, .edit, request: request)
        return try await request.write(AuditSubject("reflection.review", Reflection.self, id: id)) {
            try await StudyCommands.reviewReflection(id, input, on: $0)
        }
    }

    /// A caller who edits the unit (or the member's cell) extends its reflection deadline: a cell's secretary
    /// for the cell or one of its members, a ward's officer for any unit or member below.
    static func extendReflections(_ input: ReflectionExtensionInput, request: Request) async throws -> ReflectionExtension {
        if let memberId = input.memberId {
            try await MemberActions.requireMember(memberId, .edit, request: request)
        } else if let unitId = input.organizationId, let unit = try await Organization.find(unitId, on: request.reads) {
            try request.require(.edit, at: unit.treePath)
        }
        return try await request.write(AuditSubject("reflection.extend", ReflectionExtension.self)) {
            try await StudyCommands.extendReflections(input, on: $0)
        }
    }

    /// The session, if the caller may do `capability` at its unit; not found otherwise.
    @discardableResult
    static func requireSession(_ id: Int, _ capability: Capability, request: Request) async throws -> StudySession {
        let session = try await StudyQueries.require(id, on: request.reads)
        try request.require(capability, at: session.treePath)
        return session
    }

    /// The reflection, for its author (reading only) or a caller who may do `capability` at the author's cell.
    @discardableResult
    static func requireReflection(_ id: Int, _ capability: Capability, request: Request) async throws -> Reflection {
        let reflection = try await StudyQueries.requireReflection(id, on: request.reads)
        if capability == .read, reflection.memberId == (try request.requireActor().memberId) { return reflection }
        try await MemberActions.requireMember(reflection.memberId, capability, request: request)
        return reflection
    }
}

extension StudySession: Auditable {
    static var auditEntity: String { "study_session" }

    var auditFields: [String: String?] {
        ["organizationId": String(organizationId), "campaignId": campaignId.map(String.init), "title": title, "heldOn": heldOn.iso,
         "format": format.rawValue, "presenter": presenter, "nonMemberAttendees": String(nonMemberAttendees)]
    }

    /// A session's state includes its documents, bridge points and attendance, which live in rows of their own.
    static func auditSnapshot(key: String, on db: any Database) async throws -> String? {
        guard let id = Int(key), let session = try await StudySession.find(id, on: db) else { return nil }
        let documents = try await StudySessionDocument.query(on: db).filter(\.$sessionId == id).sort(\.$documentId).all()
        let points = try await StudyQueries.bridgePoints(of: id, on: db)
        let marks = try await Attendance.query(on: db).filter(\.$sessionId == id).sort(\.$memberId).all()
        var fields = session.auditFields
        fields["documentIds"] = documents.map { String($0.documentId) }.joined(separator: ",")
        fields["bridgePoints"] = points.map { "\($0.name): \($0.attendeeCount)" }.joined(separator: "; ")
        fields["attendance"] = marks.map { "\($0.memberId) \($0.status.rawValue)" + ($0.reason.map { " (\($0))" } ?? "") }.joined(separator: "; ")
        return try AuditSnapshot.json(fields)
    }
}

extension Reflection: Auditable {
    static var auditEntity: String { "reflection" }

    /// The text itself stays out of the trail (up to 20,000 characters each time); its length shows a change.
    var auditFields: [String: String?] {
        ["campaignId": String(campaignId), "memberId": String(memberId), "bodyLength": body.map { String($0.count) }, "fileName": fileName,
         "state": state.rawValue, "submissionCount": String(submissionCount), "submittedOn": submittedOn.iso, "late": String(late), "grade": grade,
         "reviewComment": reviewComment, "reviewedOn": reviewedOn?.iso]
    }
}

extension ReflectionExtension: Auditable {
    static var auditEntity: String { "reflection_extension" }

    var auditFields: [String: String?] {
        ["campaignId": String(campaignId), "organizationId": organizationId.map(String.init), "memberId": memberId.map(String.init),
         "until": until.iso, "reason": reason]
    }
}
