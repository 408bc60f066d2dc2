import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/study-sessions`, `/api/v1/reflections` and the member's own `/api/v1/me/reflections`.
enum StudyAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(StudyRoute.sessions, use: list).requiring(.capability(.read))
        api.post(StudyRoute.sessions, use: record).requiring(.capability(.edit))
        api.get(StudyRoute.session(.key), use: show).requiring(.capability(.read))
        api.patch(StudyRoute.session(.key), use: update).requiring(.capability(.edit))
        api.delete(StudyRoute.session(.key), use: delete).requiring(.capability(.edit))
        api.put(StudyRoute.attendance(.key), use: attendance).requiring(.capability(.edit))
        api.get(StudyRoute.reflections, use: reflectionsOfCell).requiring(.capability(.read))
        api.post(StudyRoute.reflections, bodyLimit: AttachmentType.uploadLimit, use: submit).requiring(.capability(.edit))
        api.get(StudyRoute.reflection(.key), use: reflection).requiring(.capability(.read))
        api.post(StudyRoute.reviewReflection(.key), use: review).requiring(.capability(.edit))
        api.post(StudyRoute.reflectionExtensions, use: extend).requiring(.capability(.edit))
        api.get(StudyRoute.myReflections, use: ownReflections).requiring(.selfService)
        api.post(StudyRoute.myReflections, bodyLimit: AttachmentType.uploadLimit, use: submitOwn).requiring(.selfService)
    }

    struct SessionDTO: Content {
        let id: Int
        let organizationId: Int
        let campaignId: Int?
        let title: String
        let heldOn: CalendarDate
        let format: StudyFormat
        let presenter: String?
        let nonMemberAttendees: Int
        let present: Int
        let absent: Int
        let excused: Int
        /// Everyone at the bridge points (an online conference's delegates), counted beside the members marked.
        let bridgePointAttendees: Int

        init(_ session: StudySession, summary: AttendanceSummary?, delegates: Delegates?) {
            id = session.requireID()
            organizationId = session.organizationId
            campaignId = session.campaignId
            title = session.title
            heldOn = session.heldOn
            format = session.format
            presenter = session.presenter
            nonMemberAttendees = session.nonMemberAttendees
            present = summary?.present ?? 0
            absent = summary?.absent ?? 0
            excused = summary?.excused ?? 0
            bridgePointAttendees = delegates?.people ?? 0
        }
    }

    struct DocumentDTO: Content {
        let id: Int
        let symbol: String
        let title: String
    }

    struct BridgePointDTO: Content {
        let name: String
        let attendeeCount: Int
    }

    struct MarkDTO: Content {
        let memberId: Int
        let fullName: String
        let organizationId: Int
        let status: AttendanceStatus
        let reason: String?
    }

    struct SessionDetailDTO: Content {
        let session: SessionDTO
        let documents: [DocumentDTO]
        let bridgePoints: [BridgePointDTO]
        /// Everyone at the bridge points.
        let bridgePointAttendees: Int
        /// The members marked, in name order.
        let attendance: [MarkDTO]
    }

    struct ReflectionDTO: Content {
        let id: Int
        let campaignId: Int
        let memberId: Int
        let body: String?
        let fileName: String?
        let fileType: String?
        let state: ReflectionState
        let submissionCount: Int
        let submittedOn: CalendarDate
        let late: Bool
        let grade: String?
        let reviewComment: String?
        let reviewedOn: CalendarDate?

        init(_ reflection: Reflection) {
            id = reflection.requireID()
            campaignId = reflection.campaignId
            memberId = reflection.memberId
            body = reflection.body
            fileName = reflection.fileName
            fileType = reflection.fileType
            state = reflection.state
            submissionCount = reflection.submissionCount
            submittedOn = reflection.submittedOn
            late = reflection.late
            grade = reflection.grade
            reviewComment = reflection.reviewComment
            reviewedOn = reflection.reviewedOn
        }
    }

    /// A member of the cell and their reflection, or null when they have not submitted.
    struct ReflectionEntryDTO: Content {
        let memberId: Int
        let fullName: String
        let reflection: ReflectionDTO?
    }

    /// A campaign the member takes part in, its deadline (and theirs, if extended) and grades, and their reflection if any.
    struct OwnReflectionDTO: Content {
        let campaignId: Int
        let campaignTitle: String
        let reflectionDueOn: CalendarDate?
        let extendedUntil: CalendarDate?
        let acceptsLateWork: Bool
        let grades: [String]
        let reflection: ReflectionDTO?
    }

    struct ReflectionExtensionDTO: Content {
        let id: Int
        let campaignId: Int
        let organizationId: Int?
        let memberId: Int?
        let until: CalendarDate
        let reason: String

        init(_ granted: ReflectionExtension) {
            id = granted.requireID()
            campaignId = granted.campaignId
            organizationId = granted.organizationId
            memberId = granted.memberId
            until = granted.until
            reason = granted.reason
        }
    }

    /// JSON (the file as `{"filename", "data": base64}`) or multipart/form-data.
    struct ReflectionBody: Content {
        var campaignId: Int?
        var memberId: Int?
        var body: String?
        var file: File?
    }

    static func list(request: Request) async throws -> PageDTO<SessionDTO> {
        let paging = try Paging(request)
        let filter = StudyQueries.Filter(within: try await request.subtreeFilter(on: request.reads),
                                         campaignId: try request.queryInteger(.campaign), scopes: try request.readableSubtrees)
        let page = try await StudyQueries.sessions(filter, page: paging.page, perPage: paging.perPage, on: request.reads)
        let summaries = try await StudyQueries.attendanceSummaries(of: page.items.map { $0.requireID() }, on: request.reads)
        let delegates = try await StudyQueries.delegates(of: page.items.map { $0.requireID() }, on: request.reads)
        return PageDTO(items: page.items.map { SessionDTO($0, summary: summaries[$0.requireID()], delegates: delegates[$0.requireID()]) },
                       page: page.page, perPage: page.perPage, total: page.total)
    }

    static func show(request: Request) async throws -> SessionDetailDTO {
        try await detail(of: StudyActions.requireSession(request.id(), .read, request: request), on: request.reads)
    }

    static func record(request: Request) async throws -> Response {
        let input = try request.content.decode(StudySessionInput.self)
        let session = try await StudyActions.record(input, request: request)
        return try await detail(of: session, on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func update(request: Request) async throws -> SessionDetailDTO {
        let changes = try request.content.decode(StudySessionInput.self)
        let session = try await StudyActions.update(try request.id(), request: request) { session, db in
            changes.laid(over: session, documentIds: try await StudyQueries.documents(of: session.requireID(), on: db).map { $0.requireID() },
                         bridgePoints: try await StudyQueries.bridgePoints(of: session.requireID(), on: db))
        }
        return try await detail(of: session, on: request.reads)
    }

    static func delete(request: Request) async throws -> HTTPStatus {
        _ = try await StudyActions.delete(try request.id(), request: request)
        return .noContent
    }

    static func attendance(request: Request) async throws -> SessionDetailDTO {
        let input = try request.content.decode(AttendanceInput.self)
        return try await detail(of: StudyActions.takeAttendance(of: try request.id(), input, request: request), on: request.reads)
    }

    static func reflectionsOfCell(request: Request) async throws -> [ReflectionEntryDTO] {
        var validator = Validator()
        let campaign = try request.queryInteger(.campaign)
        let cell = try request.queryInteger(.unit)
        validator.check(campaign != nil, QueryName.campaign.name, LocalizedText(vi: "Chọn đợt triển khai", en: "Choose a campaign"))
        validator.check(cell != nil, QueryName.unit.name, LocalizedText(vi: "Chọn chi bộ", en: "Choose a cell"))
        try validator.throwIfInvalid()
        let unit = try await OrganizationQueries.require(cell!, on: request.reads)
        try request.require(.read, at: unit.treePath)
        return try await StudyQueries.reflections(of: campaign!, in: unit, on: request.reads).map {
            ReflectionEntryDTO(memberId: $0.member.requireID(), fullName: $0.member.fullName, reflection: $0.reflection.map(ReflectionDTO.init))
        }
    }

    static func submit(request: Request) async throws -> Response {
        let body = try request.content.decode(ReflectionBody.self)
        guard let memberId = body.memberId else {
            throw DomainError.invalid(field: "memberId", LocalizedText(vi: "Chọn đảng viên", en: "Choose the member"))
        }
        return try await submitted(body, member: memberId, request: request)
    }

    static func reflection(request: Request) async throws -> ReflectionDTO {
        ReflectionDTO(try await StudyActions.requireReflection(request.id(), .read, request: request))
    }

    static func review(request: Request) async throws -> ReflectionDTO {
        let input = try request.content.decode(ReflectionReviewInput.self)
        return ReflectionDTO(try await StudyActions.reviewReflection(try request.id(), input, request: request))
    }

    static func extend(request: Request) async throws -> Response {
        let granted = try await StudyActions.extendReflections(try request.content.decode(ReflectionExtensionInput.self), request: request)
        return try await ReflectionExtensionDTO(granted).encodeResponse(status: .created, for: request)
    }

    static func ownReflections(request: Request) async throws -> [OwnReflectionDTO] {
        let (member, campaigns) = try await ownCampaigns(request)
        let reflections = try await StudyQueries.reflections(of: member.requireID(), on: request.reads)
        var own: [OwnReflectionDTO] = []
        for campaign in campaigns {
            let deadline = try await StudyQueries.reflectionDeadline(in: campaign, for: member, on: request.reads)
            own.append(OwnReflectionDTO(campaignId: campaign.requireID(), campaignTitle: campaign.title, reflectionDueOn: campaign.reflectionDueOn,
                                        extendedUntil: deadline.extensionUntil, acceptsLateWork: campaign.acceptsLateWork,
                                        grades: campaign.grades, reflection: reflections[campaign.requireID()].map(ReflectionDTO.init)))
        }
        return own
    }

    /// Always the caller's own member record: self-service cannot submit for anyone else.
    static func submitOwn(request: Request) async throws -> Response {
        let body = try request.content.decode(ReflectionBody.self)
        return try await submitted(body, member: try await request.ownMember().requireID(), request: request)
    }

    /// The caller's member record and the active campaigns their cell takes part in.
    static func ownCampaigns(_ request: Request) async throws -> (Member, [Campaign]) {
        let member = try await request.ownMember()
        let cell = try await OrganizationQueries.require(member.organizationId, on: request.reads)
        return (member, try await CampaignQueries.active(covering: cell, on: request.reads))
    }

    private static func submitted(_ body: ReflectionBody, member memberId: Int, request: Request) async throws -> Response {
        let reflection = try await StudyActions.submitReflection(campaign: body.campaignId, member: memberId, body: body.body,
                                                                 file: ReflectionUpload(body.file), request: request)
        return try await ReflectionDTO(reflection).encodeResponse(status: .created, for: request)
    }

    static func detail(of session: StudySession, on db: any Database) async throws -> SessionDetailDTO {
        let id = session.requireID()
        let points = try await StudyQueries.bridgePoints(of: id, on: db)
        let marks = try await StudyQueries.marks(of: id, on: db)
        let summary = try await StudyQueries.attendanceSummaries(of: [id], on: db)[id]
        return SessionDetailDTO(
            session: SessionDTO(session, summary: summary, delegates: Delegates(points: points.count, people: points.reduce(0) { $0 + $1.attendeeCount })),
            documents: try await StudyQueries.documents(of: id, on: db).map { DocumentDTO(id: $0.requireID(), symbol: $0.symbol, title: $0.title) },
            bridgePoints: points.map { BridgePointDTO(name: $0.name, attendeeCount: $0.attendeeCount) },
            bridgePointAttendees: points.reduce(0) { $0 + $1.attendeeCount },
            attendance: marks.compactMap { entry in
                entry.attendance.map { MarkDTO(memberId: entry.member.requireID(), fullName: entry.member.fullName,
                                               organizationId: entry.member.organizationId, status: $0.status, reason: $0.reason) }
            })
    }
}

extension ReflectionUpload {
    /// A browser sends an empty part when no file was chosen: that is no file.
    init?(_ file: File?) {
        guard let file, file.data.readableBytes > 0 || !file.filename.isEmpty else { return nil }
        self.init(fileName: file.filename, data: Data(buffer: file.data))
    }
}

extension StudySessionInput: Content {}
extension AttendanceInput: Content {}
extension ReflectionReviewInput: Content {}
extension ReflectionExtensionInput: Content {}
