import Fluent
import LamTheoCore
import Vapor

/// Everything LamTheo holds about one member, as they download it.
struct MemberDataExport: Content {
    let exportedAt: Date
    let member: MemberAPI.MemberDTO
    let transfers: [MemberAPI.TransferDTO]
    let positions: [MemberAPI.PositionDTO]
    let accounts: [String]
    let correctionRequests: [Correction]
    /// Who has viewed or exported this member's personal data.
    let personalDataViews: [View]

    struct Correction: Content {
        let text: String
        let status: String
        let createdAt: Date?
    }

    struct View: Content {
        let viewedAt: Date
        let username: String
        let what: String
    }
}

/// The member's own record, its download and correction requests; and the secretary's side of them.
enum SelfService {
    static func export(_ member: Member, request: Request) async throws -> MemberDataExport {
        let db = request.reads
        let id = member.requireID()
        let detail = try await MemberAPI.detail(of: member, request: request)
        let accountIds = try await RoleGrant.query(on: db).filter(\.$memberId == id).all().map(\.userId)
        let accounts = try await User.query(on: db).filter(\.$id ~~ accountIds).all().map(\.username)
        let corrections = try await CorrectionRequest.query(on: db).filter(\.$memberId == id).sort(\.$id).all()
        let views = try await PersonalDataLog.viewers(of: id, on: db)
        try await PersonalDataLog.logView("member.export", memberId: id, request: request)
        return MemberDataExport(
            exportedAt: Date(), member: detail.member, transfers: detail.transfers, positions: detail.positions, accounts: accounts,
            correctionRequests: corrections.map { .init(text: $0.text, status: $0.status, createdAt: $0.createdAt) },
            personalDataViews: views.map { .init(viewedAt: $0.viewedAt, username: $0.username, what: $0.what) })
    }

    static func requestCorrection(_ text: String?, request: Request) async throws -> CorrectionRequest {
        let member = try await request.ownMember()
        var validator = Validator()
        let checked = validator.requiredText(text?.replacingOccurrences(of: "\r\n", with: "\n"), field: "text",
                                             label: LocalizedText(vi: "Nội dung đề nghị", en: "What to correct"), maxLength: 2000)
        try validator.throwIfInvalid()
        return try await request.write(AuditSubject("correction.request", CorrectionRequest.self)) { db in
            let correction = CorrectionRequest()
            correction.memberId = member.requireID()
            correction.text = checked
            correction.status = CorrectionRequest.open
            try await correction.create(on: db)
            return correction
        }
    }

    /// Open requests of members whose cell the caller edits.
    static func openCorrections(request: Request) async throws -> [(CorrectionRequest, Member)] {
        let actor = try request.requireActor()
        let open = try await CorrectionRequest.query(on: request.reads).filter(\.$status == CorrectionRequest.open).sort(\.$id).all()
        let members = Dictionary(uniqueKeysWithValues: try await Member.query(on: request.reads).filter(\.$id ~~ Set(open.map(\.memberId))).all()
            .map { ($0.requireID(), $0) })
        return open.compactMap { correction in
            guard let member = members[correction.memberId], let path = TreePath(rawValue: member.organizationPath), actor.can(.edit, at: path) else { return nil }
            return (correction, member)
        }
    }

    @discardableResult
    static func resolve(_ id: Int, request: Request) async throws -> CorrectionRequest {
        let actor = try request.requireActor()
        guard let correction = try await CorrectionRequest.find(id, on: request.reads) else { throw Abort(.notFound) }
        _ = try await MemberActions.requireMember(correction.memberId, .edit, request: request)
        return try await request.write(AuditSubject("correction.resolve", CorrectionRequest.self, id: id)) { db in
            correction.status = CorrectionRequest.resolved
            correction.resolvedBy = actor.userId
            correction.resolvedAt = Date()
            try await correction.save(on: db)
            return correction
        }
    }
}

/// `/api/v1/me/data` and `/api/v1/me/corrections`.
enum SelfServiceAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(PrivacyRoute.myData, use: data).requiring(.selfService)
        api.post(PrivacyRoute.myCorrections, use: correction).requiring(.selfService)
        PersonalDataAPI.register(on: api)
    }

    struct CorrectionBody: Content {
        var text: String?
    }

    struct CorrectionDTO: Content {
        let id: Int
        let text: String
        let status: String
    }

    static func data(request: Request) async throws -> MemberDataExport {
        try await SelfService.export(await request.ownMember(), request: request)
    }

    static func correction(request: Request) async throws -> Response {
        let body = try request.content.decode(CorrectionBody.self)
        let correction = try await SelfService.requestCorrection(body.text, request: request)
        return try await CorrectionDTO(id: correction.id!, text: correction.text, status: correction.status).encodeResponse(status: .created, for: request)
    }
}
