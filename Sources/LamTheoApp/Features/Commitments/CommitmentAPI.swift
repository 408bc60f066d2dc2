import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/commitments`: members' yearly commitments, check-ins, assessments, pledges, reminders,
/// templates and the year's figures at a unit.
enum CommitmentAPI {
    static func register(on api: any RoutesBuilder) {
        // Members reach their own and their cell's commitments: the handlers check each record.
        api.get(CommitmentRoute.list, use: list).requiring(.signedIn)
        api.post(CommitmentRoute.list, use: create).requiring(.signedIn)
        api.get(CommitmentRoute.figures, use: figures).requiring(.capability(.read))
        api.post(CommitmentRoute.pledges, use: pledge).requiring(.signedIn)
        api.post(CommitmentRoute.reminders, use: remind).requiring(.capability(.edit))
        api.post(CommitmentRoute.templates, use: addTemplate).requiring(.capability(.edit))
        api.get(CommitmentRoute.show(.key), use: show).requiring(.signedIn)
        api.patch(CommitmentRoute.show(.key), use: update).requiring(.signedIn)
        api.post(CommitmentRoute.checkIns(.key), bodyLimit: AttachmentType.uploadLimit, use: checkIn).requiring(.signedIn)
        api.get(CommitmentRoute.evidence(.key, checkIn: .key), use: evidence).requiring(.signedIn)
        api.post(CommitmentRoute.selfAssessment(.key), use: selfAssess).requiring(.signedIn)
        api.post(CommitmentRoute.assessment(.key), use: assess).requiring(.capability(.edit))
    }

    struct CheckInDTO: Content {
        let id: Int
        let notedOn: CalendarDate
        let note: String
        let progress: Int?
        let value: String?
        /// The evidence file's name; download it from `…/check-ins/{id}/evidence`.
        let evidenceName: String?

        init(_ checkIn: CommitmentCheckIn) {
            id = checkIn.id!
            notedOn = checkIn.notedOn
            note = checkIn.note
            progress = checkIn.progress
            value = checkIn.value
            evidenceName = checkIn.evidenceName
        }
    }

    struct CommitmentDTO: Content {
        let id: Int
        let memberId: Int
        let memberName: String
        /// The member's open leader position, when they hold one: an exemplary-responsibility commitment.
        let leaderTitle: String?
        let year: Int
        let campaignId: Int?
        let title: String
        let measure: String
        let dueOn: CalendarDate
        let selfResult: CommitmentResult?
        let selfNote: String?
        let cellResult: CommitmentResult?
        let cellNote: String?
        let checkIns: [CheckInDTO]?

        init(_ row: CommitmentRow, checkIns: [CommitmentCheckIn]? = nil) {
            let commitment = row.commitment
            id = commitment.requireID()
            memberId = commitment.memberId
            memberName = row.member.fullName
            leaderTitle = row.leaderTitle
            year = commitment.year
            campaignId = commitment.campaignId
            title = commitment.title
            measure = commitment.measure
            dueOn = commitment.dueOn
            selfResult = commitment.selfResult
            selfNote = commitment.selfNote
            cellResult = commitment.cellResult
            cellNote = commitment.cellNote
            self.checkIns = checkIns?.map(CheckInDTO.init)
        }
    }

    struct FiguresDTO: Content {
        let members: Int
        let registered: CoverageAPI.FigureDTO
        let commitments: Int
        let achieved: CoverageAPI.FigureDTO
        let notAchieved: Int
        let assessed: CoverageAPI.FigureDTO
        let reportingUnits: Int
        let unitsWithMembers: Int

        init(_ coverage: CommitmentCoverage, language: UILanguage) {
            members = coverage.members
            registered = CoverageAPI.FigureDTO(coverage.registered, language: language)
            commitments = coverage.commitments
            achieved = CoverageAPI.FigureDTO(coverage.achieved, language: language)
            notAchieved = coverage.notAchieved
            assessed = CoverageAPI.FigureDTO(coverage.assessed, language: language)
            reportingUnits = coverage.reportingUnits
            unitsWithMembers = coverage.unitsWithMembers
        }
    }

    struct ChildDTO: Content {
        let organizationId: Int
        let name: String
        let figures: FiguresDTO
    }

    struct ReportDTO: Content {
        let year: Int
        let organizationId: Int
        let organizationName: String
        let own: FiguresDTO
        let subtree: FiguresDTO
        /// Furthest behind in registering first.
        let children: [ChildDTO]
    }

    struct ReminderBody: Content {
        var memberId: Int?
        var year: Int?
    }

    struct ReminderDTO: Content {
        let id: Int
        let memberId: Int
        let year: Int
        let sentBy: String
        let sentAt: Date?
    }

    struct PledgeDTO: Content {
        let memberId: Int
        let year: Int
        let text: String
    }

    struct TemplateDTO: Content {
        let id: Int
        let campaignId: Int
        let title: String
        let measure: String
    }

    /// A unit's commitments for a year (`list=` one figure's rows); a member who reads no unit gets their cell's.
    static func list(request: Request) async throws -> PageDTO<CommitmentDTO> {
        let year = try Self.year(request)
        let paging = try Paging(request)
        let place = try await CommitmentPlace.resolve(request)
        switch place {
        case .unit(let unit):
            let list = try listParameter(request)
            guard list != .notRegistered else {
                throw DomainError.invalid(field: "list", LocalizedText(vi: "Danh sách đảng viên chưa đăng ký chỉ có trên trang web",
                                                                       en: "The list of members not registered is on the web page only"))
            }
            let page = try await CommitmentQueries.commitments(list, year: year, within: unit, page: paging.page, perPage: paging.perPage, on: request.reads)
            return PageDTO(items: page.items.map { CommitmentDTO($0) }, page: page.page, perPage: page.perPage, total: page.total)
        case .cell(let cell):
            let rows = try await CommitmentQueries.cellCommitments(cell, year: year, on: request.reads)
            let slice = rows.dropFirst((paging.page - 1) * paging.perPage).prefix(paging.perPage)
            return PageDTO(items: slice.map { CommitmentDTO($0) }, page: paging.page, perPage: paging.perPage, total: rows.count)
        }
    }

    static func create(request: Request) async throws -> Response {
        let commitment = try await CommitmentActions.register(try request.content.decode(CommitmentInput.self), request: request)
        return try await detail(commitment, on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func show(request: Request) async throws -> CommitmentDTO {
        try await detail(try await CommitmentActions.requireCommitment(try request.id(), request: request), on: request.reads)
    }

    static func update(request: Request) async throws -> CommitmentDTO {
        try await detail(try await CommitmentActions.update(try request.id(), try request.content.decode(CommitmentInput.self), request: request), on: request.reads)
    }

    static func checkIn(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await CommitmentActions.checkIn(id, try request.content.decode(CommitmentCheckInInput.self), request: request)
        return try await detail(try await CommitmentActions.requireCommitment(id, request: request), on: request.reads)
            .encodeResponse(status: .created, for: request)
    }

    static func evidence(request: Request) async throws -> Response {
        try await CommitmentActions.evidence(of: request.id("checkInId"), commitment: request.id(), request: request)
    }

    static func selfAssess(request: Request) async throws -> CommitmentDTO {
        try await detail(try await CommitmentActions.selfAssess(try request.id(), try request.content.decode(AssessmentInput.self), request: request), on: request.reads)
    }

    static func assess(request: Request) async throws -> CommitmentDTO {
        try await detail(try await CommitmentActions.assess(try request.id(), try request.content.decode(AssessmentInput.self), request: request), on: request.reads)
    }

    static func pledge(request: Request) async throws -> PledgeDTO {
        let pledge = try await CommitmentActions.pledge(try request.content.decode(PledgeInput.self), request: request)
        return PledgeDTO(memberId: pledge.memberId, year: pledge.year, text: pledge.text)
    }

    static func remind(request: Request) async throws -> Response {
        let body = try request.content.decode(ReminderBody.self)
        let reminder = try await CommitmentActions.remind(memberId: body.memberId, year: body.year, request: request)
        return try await ReminderDTO(id: reminder.id!, memberId: reminder.memberId, year: reminder.year, sentBy: reminder.sentByName, sentAt: reminder.sentAt)
            .encodeResponse(status: .created, for: request)
    }

    static func addTemplate(request: Request) async throws -> Response {
        let template = try await CommitmentActions.addTemplate(try request.content.decode(TemplateInput.self), request: request)
        return try await TemplateDTO(id: template.id!, campaignId: template.campaignId, title: template.title, measure: template.measure)
            .encodeResponse(status: .created, for: request)
    }

    static func figures(request: Request) async throws -> ReportDTO {
        let year = try Self.year(request)
        guard case .unit(let unit) = try await CommitmentPlace.resolve(request) else { throw Abort(.notFound) }
        let language = request.language
        let db = request.reads
        return ReportDTO(
            year: year, organizationId: unit.requireID(), organizationName: unit.name,
            own: FiguresDTO(try await CommitmentQueries.coverage(year: year, at: unit, .own, on: db), language: language),
            subtree: FiguresDTO(try await CommitmentQueries.coverage(year: year, at: unit, .subtree, on: db), language: language),
            children: try await CommitmentQueries.children(of: unit, year: year, on: db).map {
                ChildDTO(organizationId: $0.organization.id, name: $0.organization.name, figures: FiguresDTO($0.coverage, language: language))
            })
    }

    static func detail(_ commitment: Commitment, on db: any Database) async throws -> CommitmentDTO {
        let member = try await MemberQueries.require(commitment.memberId, on: db)
        let leader = try await CommitmentQueries.leaderTitles(of: [commitment.memberId], on: db)[commitment.memberId]
        let checkIns = try await CommitmentQueries.checkIns(of: [commitment.requireID()], on: db)[commitment.requireID()] ?? []
        return CommitmentDTO(CommitmentRow(commitment: commitment, member: member, leaderTitle: leader), checkIns: checkIns)
    }

    /// `year=`, this year by default.
    static func year(_ request: Request) throws -> Int {
        guard let raw = try request.queryText("year") else { return CalendarDate.today().year }
        guard let year = Int(raw), (2000...2100).contains(year) else {
            throw DomainError.invalid(field: "year", LocalizedText(vi: "Năm không hợp lệ: \(raw)", en: "Not a valid year: \(raw)"))
        }
        return year
    }

    static func listParameter(_ request: Request) throws -> CommitmentList {
        try request.queryChoice(CommitmentList.self, at: "list") ?? .registered
    }
}

/// Where a commitments page or list looks: a unit the caller reads (`unit=`, by default their outermost
/// scope), or, for a member who reads no unit, their own cell, whose commitments only they see.
enum CommitmentPlace {
    case unit(Organization)
    case cell(Organization)

    static func resolve(_ request: Request) async throws -> CommitmentPlace {
        let actor = try request.requireActor()
        let db = request.reads
        let callerCell = try await CommitmentActions.callerCell(request)
        let unitId: Int?
        if let raw = try request.queryText(.unit) {
            unitId = Int(raw)
        } else if let scope = actor.readableSubtrees?.first {
            unitId = scope.ids.last
        } else if actor.isAdministrator {
            unitId = try await Organization.query(on: db).filter(\.$parentId == nil).filter(\.$status == .active).sort(\.$id).first()?.id
        } else {
            unitId = callerCell?.ids.last
        }
        guard let unitId, let unit = try await Organization.find(unitId, on: db) else { throw Abort(.notFound) }
        if actor.can(.read, at: unit.treePath) {
            request.noteLentReading(at: unit.treePath)
            return .unit(unit)
        }
        if callerCell == unit.treePath { return .cell(unit) }
        throw Abort(.notFound)
    }
}
