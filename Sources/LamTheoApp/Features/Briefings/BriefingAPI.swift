import Fluent
import LamTheoCore
import LamTheoDocx
import Vapor

/// `/api/v1/briefings`: a unit's briefings; one briefing with its invited units, contributions, conclusions and
/// their tasks, and the previous one's tasks of its series; the committee's and the invited units' writes; the
/// conclusion notice drafted and registered.
enum BriefingAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(BriefingRoute.list, use: list).requiring(.capability(.read))
        api.post(BriefingRoute.list, use: create).requiring(.capability(.edit))
        api.get(BriefingRoute.show(.key), use: show).requiring(.capability(.read))
        api.post(BriefingRoute.contributions(.key), bodyLimit: AttachmentType.uploadLimit, use: contribute).requiring(.capability(.edit))
        api.post(BriefingRoute.presented(.key, contribution: .key), use: present).requiring(.capability(.edit))
        api.get(BriefingRoute.file(.key, contribution: .key), use: file).requiring(.capability(.read))
        api.post(BriefingRoute.conclusions(.key), use: conclude).requiring(.capability(.edit))
        api.get(BriefingRoute.notice(.key), use: notice).requiring(.capability(.read))
        api.post(BriefingRoute.notice(.key), use: registerNotice).requiring(.capability(.edit))
        api.get(BriefingRoute.noticeFile(.key), use: noticeFile).requiring(.capability(.read))
    }

    struct DocumentDTO: Content {
        let id: Int
        let symbol: String
        let title: String

        init(_ document: BriefingDetail.DocumentRef) {
            id = document.id
            symbol = document.symbol
            title = document.title
        }
    }

    struct UnitDTO: Content {
        let organizationId: Int
        let organizationName: String
        /// 0: the unit has not sent its contribution.
        let contributions: Int
    }

    struct ContributionDTO: Content {
        let id: Int
        let organizationId: Int
        let organizationName: String
        let summary: String
        /// The file's name; download it from `…/contributions/{id}/file`.
        let fileName: String?
        let submittedOn: CalendarDate
        let late: Bool
        let presented: Bool
    }

    struct TaskDTO: Content {
        let id: Int
        let organizationId: Int
        let organizationName: String
        let title: String
        let responsible: String
        let requiredEvidence: String?
        let deadline: CalendarDate
        let status: FollowUpStatus

        init(_ task: BriefingDetail.Task) {
            id = task.id
            organizationId = task.unitId
            organizationName = task.unitName
            title = task.title
            responsible = task.responsible
            requiredEvidence = task.requiredEvidence
            deadline = task.deadline
            status = task.status
        }
    }

    struct ConclusionDTO: Content {
        let id: Int
        let number: Int
        let text: String
        let tasks: [TaskDTO]
    }

    struct PreviousDTO: Content {
        let id: Int
        let title: String
        let heldOn: CalendarDate
        /// Its tasks by status, every status present; 0 everywhere when its conclusions gave none.
        let counts: [String: Int]
        let tasks: [TaskDTO]
    }

    struct BriefingDTO: Content {
        let id: Int
        let organizationId: Int
        let organizationName: String
        let title: String
        let theme: String
        let campaignId: Int?
        let series: String?
        let heldOn: CalendarDate
        let startsAt: String?
        let place: String?
        let onlineLink: String?
        let bridgePoints: [String]
        let agenda: [String]
        let questions: [String]
        let leadReportId: Int?
        let contributionsDueOn: CalendarDate
        let lateContributionsAllowed: Bool
        let noticeDocumentId: Int?
        // One briefing's own page only:
        let campaignTitle: String?
        let leadReport: DocumentDTO?
        let notice: DocumentDTO?
        let invitedUnits: [UnitDTO]?
        let contributions: [ContributionDTO]?
        let presentedTurns: Int?
        let presentingUnits: Int?
        let presentedSummary: String?
        let conclusions: [ConclusionDTO]?
        let previous: PreviousDTO?

        init(_ briefing: Briefing, committeeName: String, detail: BriefingDetail? = nil, language: UILanguage = .vi) {
            id = briefing.requireID()
            organizationId = briefing.organizationId
            organizationName = committeeName
            title = briefing.title
            theme = briefing.theme
            campaignId = briefing.campaignId
            series = briefing.series
            heldOn = briefing.heldOn
            startsAt = briefing.startsAt
            place = briefing.place
            onlineLink = briefing.onlineLink
            bridgePoints = briefing.bridgePoints
            agenda = briefing.agenda
            questions = briefing.questions
            leadReportId = briefing.leadReportId
            contributionsDueOn = briefing.contributionsDueOn
            lateContributionsAllowed = briefing.lateContributionsAllowed
            noticeDocumentId = briefing.noticeDocumentId
            campaignTitle = detail?.campaignTitle
            leadReport = detail?.leadReport.map(DocumentDTO.init)
            notice = detail?.notice.map(DocumentDTO.init)
            invitedUnits = detail?.units.map { UnitDTO(organizationId: $0.id, organizationName: $0.name, contributions: $0.contributions) }
            contributions = detail?.contributions.map {
                ContributionDTO(id: $0.id, organizationId: $0.unitId, organizationName: $0.unitName, summary: $0.summary, fileName: $0.fileName,
                                submittedOn: $0.submittedOn, late: $0.late, presented: $0.presented)
            }
            presentedTurns = detail?.presented.turns
            presentingUnits = detail?.presented.units
            presentedSummary = detail?.presented.sentence(language)
            conclusions = detail?.conclusions.map { ConclusionDTO(id: $0.id, number: $0.number, text: $0.text, tasks: $0.tasks.map(TaskDTO.init)) }
            previous = detail?.previous.map { previous in
                PreviousDTO(id: previous.id, title: previous.title, heldOn: previous.heldOn,
                            counts: Dictionary(uniqueKeysWithValues: FollowUpStatus.allCases.map { ($0.rawValue, previous.tally[$0]) }),
                            tasks: previous.tasks.map(TaskDTO.init))
            }
        }
    }

    struct NoticeDTO: Content {
        let text: String
        /// Once registered: the document of type TB.
        let documentId: Int?
        let symbol: String?
    }

    static func list(request: Request) async throws -> PageDTO<BriefingDTO> {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let page = try await BriefingQueries.briefings(of: unit, page: paging.page, perPage: paging.perPage, on: request.reads)
        let names = try await committeeNames(of: page.items, on: request.reads)
        return PageDTO(items: page.items.map { BriefingDTO($0, committeeName: names[$0.organizationId] ?? "") },
                       page: page.page, perPage: page.perPage, total: page.total)
    }

    static func create(request: Request) async throws -> Response {
        let briefing = try await BriefingActions.create(try request.content.decode(BriefingInput.self), request: request)
        return try await detail(briefing, request: request).encodeResponse(status: .created, for: request)
    }

    static func show(request: Request) async throws -> BriefingDTO {
        try await detail(try await BriefingActions.require(try request.id(), request: request), request: request)
    }

    static func contribute(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await BriefingActions.contribute(id, try request.content.decode(ContributionInput.self), request: request)
        return try await detail(try await BriefingQueries.require(id, on: request.reads), request: request).encodeResponse(status: .created, for: request)
    }

    static func present(request: Request) async throws -> BriefingDTO {
        let id = try request.id()
        _ = try await BriefingActions.markPresented(try request.id("contributionId"), of: id, request: request)
        return try await detail(try await BriefingQueries.require(id, on: request.reads), request: request)
    }

    static func file(request: Request) async throws -> Response {
        try await BriefingActions.file(of: try request.id("contributionId"), briefing: try request.id(), request: request)
    }

    static func conclude(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await BriefingActions.conclude(id, try request.content.decode(ConclusionInput.self), request: request)
        return try await detail(try await BriefingQueries.require(id, on: request.reads), request: request).encodeResponse(status: .created, for: request)
    }

    static func notice(request: Request) async throws -> NoticeDTO {
        try await noticeDTO(try await BriefingActions.require(try request.id(), request: request), request: request)
    }

    static func registerNotice(request: Request) async throws -> Response {
        let briefing = try await BriefingActions.registerNotice(try request.id(), try request.content.decode(NoticeInput.self), request: request)
        return try await noticeDTO(briefing, request: request).encodeResponse(status: .created, for: request)
    }

    /// The notice in the Party's format (DOCX), numbered and dated as registered, to finish in a word processor.
    static func noticeFile(request: Request) async throws -> Response {
        let briefing = try await BriefingActions.require(try request.id(), request: request)
        let detail = try await BriefingQueries.detail(briefing, today: .today(), on: request.reads)
        let committee = try await Organization.find(briefing.organizationId, on: request.reads)
        let parent = try await committee?.parentId.asyncMap { try await Organization.find($0, on: request.reads) } ?? nil
        let registeredOn = try await detail.notice.asyncMap { try await Document.find($0.id, on: request.reads)?.issuedOn } ?? nil
        let document = BriefingNotice.document(detail, superiorBody: (parent ?? committee)?.name.uppercased() ?? "", registeredOn: registeredOn)
        let docx = try document.docx(format: .inForce(on: document.date))
        let name = detail.notice.map { $0.symbol.replacingOccurrences(of: "/", with: "-") } ?? "Thong-bao-ket-luan-\(briefing.requireID())"
        return .download(docx, named: "\(name).docx", mediaType: MediaType.docx)
    }

    private static func noticeDTO(_ briefing: Briefing, request: Request) async throws -> NoticeDTO {
        let detail = try await BriefingQueries.detail(briefing, today: .today(), on: request.reads)
        return NoticeDTO(text: BriefingNotice.text(detail), documentId: detail.notice?.id, symbol: detail.notice?.symbol)
    }

    private static func detail(_ briefing: Briefing, request: Request) async throws -> BriefingDTO {
        let detail = try await BriefingQueries.detail(briefing, today: .today(), on: request.reads)
        return BriefingDTO(briefing, committeeName: detail.committeeName, detail: detail, language: request.language)
    }

    private static func committeeNames(of briefings: [Briefing], on db: any Database) async throws -> [Int: String] {
        try await OrganizationQueries.names(briefings.map(\.organizationId), on: db)
    }
}

extension BriefingInput: Content {}
extension ContributionInput: Content {}
extension ConclusionInput: Content {}
extension NoticeInput: Content {}
