import Fluent
import LamTheoCore
import Vapor

/// The member writes as a caller makes them, shared by the API and the web pages: rights checked at the
/// member's cell (and the receiving cell), then one audited transaction.
enum MemberActions {
    static func create(_ input: MemberInput, request: Request) async throws -> Member {
        if let cellId = input.organizationId, let cell = try await Organization.find(cellId, on: request.reads) {
            try request.require(.edit, at: cell.treePath)
        }
        return try await request.write(AuditSubject("member.create", Member.self)) {
            try await MemberCommands.create(input, on: $0)
        }
    }

    static func update(_ id: Int, request: Request, _ input: @escaping @Sendable (Member) -> MemberInput) async throws -> Member {
        try await requireMember(id, .edit, request: request)
        return try await request.write(AuditSubject("member.update", Member.self, id: id)) { db in
            try await MemberCommands.update(id, input(try await MemberQueries.require(id, on: db)), on: db)
        }
    }

    static func transfer(_ id: Int, to cellId: Int?, on date: String?, reason: String?, request: Request) async throws -> Member {
        try await requireMember(id, .edit, request: request)
        if let cellId, let cell = try await Organization.find(cellId, on: request.reads), try !request.requireActor().can(.edit, at: cell.treePath) {
            throw DomainError.invalid(field: "organizationId", LocalizedText(vi: "Không tìm thấy chi bộ nhận trong phạm vi của bạn",
                                                                            en: "The receiving cell is not within your scope"))
        }
        return try await request.write(AuditSubject("member.transfer", Member.self, id: id)) {
            try await MemberCommands.transfer(id, to: cellId, on: date, reason: reason, db: $0)
        }
    }

    /// The unit the position is held in must be one the caller edits too: a cell's secretary records a position in
    /// the cell, not in the ward committee above it (whose breakthroughs would then show in the member's evidence).
    static func addPosition(to id: Int, title: String?, startedOn: String?, organizationId: Int?, request: Request) async throws -> MemberPosition {
        try await requireMember(id, .edit, request: request)
        if let organizationId, let unit = try await Organization.find(organizationId, on: request.reads),
           try !request.requireActor().can(.edit, at: unit.treePath) {
            throw DomainError(.forbidden, title: LocalizedText(vi: "Chỉ được ghi chức vụ tại đơn vị trong phạm vi của mình",
                                                               en: "Positions can only be recorded in units within your own scope"),
                              fieldErrors: [FieldError(field: "organizationId", message: LocalizedText(
                                  vi: "Đơn vị này nằm ngoài phạm vi bạn được cập nhật", en: "This unit is outside the scope you may change"))])
        }
        return try await request.write(AuditSubject("member.position.add", MemberPosition.self)) {
            try await MemberCommands.addPosition(to: id, title: title, startedOn: startedOn, organizationId: organizationId, db: $0)
        }
    }

    static func endPosition(_ positionId: Int, of id: Int, endedOn: String?, request: Request) async throws -> MemberPosition {
        try await requireMember(id, .edit, request: request)
        return try await request.write(AuditSubject("member.position.end", MemberPosition.self, id: positionId)) {
            try await MemberCommands.endPosition(positionId, of: id, endedOn: endedOn, db: $0)
        }
    }

    /// The member, if the caller may do `capability` at their cell; not found otherwise.
    @discardableResult
    static func requireMember(_ id: Int, _ capability: Capability, request: Request) async throws -> Member {
        let member = try await MemberQueries.require(id, on: request.reads)
        try request.require(capability, at: TreePath(rawValue: member.organizationPath)!)
        return member
    }
}

extension Member: Auditable {
    static var auditEntity: String { "member" }

    var auditFields: [String: String?] {
        ["familyName": familyName, "middleName": middleName, "givenName": givenName, "fullName": fullName, "gender": gender.rawValue,
         "birthDate": birthDate?.iso, "cardNumber": cardNumber, "admittedOn": admittedOn?.iso, "fullMemberOn": fullMemberOn?.iso, "status": status.rawValue,
         "organizationId": String(organizationId), "idNumber": idNumber, "phone": phone, "address": address]
    }
}

extension MemberPosition: Auditable {
    static var auditEntity: String { "member_position" }

    var auditFields: [String: String?] {
        ["memberId": String(memberId), "title": title, "startedOn": startedOn.iso, "endedOn": endedOn?.iso, "organizationId": organizationId.map(String.init)]
    }
}
