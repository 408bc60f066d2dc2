import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/campaigns` and `/api/v1/obligations`.
enum CampaignAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(CampaignRoute.list, use: list).requiring(.capability(.read))
        api.post(CampaignRoute.list, use: launch).requiring(.capability(.edit))
        api.get(CampaignRoute.show(.key), use: show).requiring(.capability(.read))
        api.patch(CampaignRoute.show(.key), use: update).requiring(.capability(.edit))
        api.post(CampaignRoute.close(.key), use: close).requiring(.capability(.edit))
        api.get(CampaignRoute.obligations(.key), use: obligations).requiring(.capability(.read))
        api.get(CampaignRoute.obligation(.key), use: obligation).requiring(.capability(.read))
        api.post(CampaignRoute.submissions(.key), use: submit).requiring(.capability(.edit))
        api.post(CampaignRoute.review(.key), use: review).requiring(.capability(.edit))
        api.post(CampaignRoute.extension(.key), use: extend).requiring(.capability(.edit))
    }

    struct RequirementDTO: Content {
        let id: Int
        let kind: RequirementKind
        let title: String
        let unitKinds: [String]
        let dueOn: CalendarDate
        let minimumSessions: Int?
    }

    struct CampaignDTO: Content {
        let id: Int
        let documentId: Int
        let organizationId: Int
        let title: String
        let startsOn: CalendarDate
        let endsOn: CalendarDate
        let topicYear: Int?
        let reflectionDueOn: CalendarDate?
        let gradingScale: [String]
        let acceptsLateWork: Bool
        let status: CampaignStatus
        let requirements: [RequirementDTO]?

        init(_ campaign: Campaign, requirements: [RequirementDTO]? = nil) {
            id = campaign.requireID()
            documentId = campaign.documentId
            organizationId = campaign.organizationId
            title = campaign.title
            startsOn = campaign.startsOn
            endsOn = campaign.endsOn
            topicYear = campaign.topicYear
            reflectionDueOn = campaign.reflectionDueOn
            gradingScale = campaign.grades
            acceptsLateWork = campaign.acceptsLateWork
            status = campaign.status
            self.requirements = requirements
        }
    }

    struct SubmissionDTO: Content {
        let number: Int
        let submittedOn: CalendarDate
        let documentId: Int?
        let note: String?
        let late: Bool
        let outcome: ObligationState?
        let reviewComment: String?
        let reviewedOn: CalendarDate?
    }

    struct ObligationDTO: Content {
        let id: Int
        let campaignId: Int
        let requirementId: Int
        let requirementTitle: String
        let organizationId: Int
        let organizationName: String
        let dueOn: CalendarDate
        let extendedUntil: CalendarDate?
        let extensionReason: String?
        let state: ObligationState
        let status: ObligationStatus
        let daysLate: Int
        let submissionCount: Int
        let submittedLate: Bool
        let evidenceDocumentId: Int?
        let handedOverToId: Int?
        let submissions: [SubmissionDTO]?

        init(_ row: CampaignQueries.ObligationRow, today: CalendarDate, submissions: [ObligationSubmission]? = nil) {
            let obligation = row.obligation
            id = obligation.requireID()
            campaignId = obligation.campaignId
            requirementId = obligation.requirementId
            requirementTitle = row.requirementTitle
            organizationId = obligation.organizationId
            organizationName = row.unitName
            dueOn = obligation.dueOn
            extendedUntil = obligation.extendedUntil
            extensionReason = obligation.extensionReason
            state = obligation.state
            status = obligation.status(today: today)
            daysLate = obligation.daysLate(today: today)
            submissionCount = obligation.submissionCount
            submittedLate = obligation.submittedLate
            evidenceDocumentId = obligation.evidenceDocumentId
            handedOverToId = obligation.handedOverToId
            self.submissions = submissions?.map {
                SubmissionDTO(number: $0.number, submittedOn: $0.submittedOn, documentId: $0.documentId, note: $0.note, late: $0.late,
                              outcome: $0.outcome, reviewComment: $0.reviewComment, reviewedOn: $0.reviewedOn)
            }
        }
    }

    static func list(request: Request) async throws -> PageDTO<CampaignDTO> {
        let paging = try Paging(request)
        let status = try request.queryChoice(CampaignStatus.self, at: "status")
        let page = try await CampaignQueries.list(scopes: try request.readableSubtrees, status: status, text: try request.queryText("q"),
                                                  page: paging.page, perPage: paging.perPage, on: request.reads)
        return PageDTO(items: page.items.map { CampaignDTO($0) }, page: page.page, perPage: page.perPage, total: page.total)
    }

    static func launch(request: Request) async throws -> Response {
        let campaign = try await CampaignActions.launch(try request.content.decode(CampaignInput.self), request: request)
        return try await detail(of: campaign, on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func show(request: Request) async throws -> CampaignDTO {
        try await detail(of: try await requireCampaign(request), on: request.reads)
    }

    static func update(request: Request) async throws -> CampaignDTO {
        let campaign = try await CampaignActions.update(try request.id(), try request.content.decode(CampaignChanges.self), request: request)
        return try await detail(of: campaign, on: request.reads)
    }

    static func close(request: Request) async throws -> CampaignDTO {
        try await detail(of: try await CampaignActions.close(try request.id(), request: request), on: request.reads)
    }

    static func obligations(request: Request) async throws -> PageDTO<ObligationDTO> {
        let campaign = try await requireCampaign(request)
        let paging = try Paging(request)
        let unit = try await requireUnit(in: campaign, request: request)
        let status = try request.queryChoice(ObligationStatus.self, at: "status")
        let today = CalendarDate.today()
        let page = try await CampaignQueries.obligations(of: campaign, within: unit, status: status, today: today,
                                                         page: paging.page, perPage: paging.perPage, on: request.reads)
        return PageDTO(items: page.items.map { ObligationDTO($0, today: today) }, page: page.page, perPage: page.perPage, total: page.total)
    }

    static func obligation(request: Request) async throws -> ObligationDTO {
        let obligation = try await CampaignActions.requireObligation(try request.id(), request: request)
        return try await obligationDetail(obligation, on: request.reads)
    }

    static func submit(request: Request) async throws -> Response {
        let obligation = try await CampaignActions.submit(try request.id(), try request.content.decode(ObligationSubmissionInput.self), request: request)
        return try await obligationDetail(obligation, on: request.reads).encodeResponse(status: .created, for: request)
    }

    static func review(request: Request) async throws -> ObligationDTO {
        let obligation = try await CampaignActions.review(try request.id(), try request.content.decode(ObligationReviewInput.self), request: request)
        return try await obligationDetail(obligation, on: request.reads)
    }

    static func extend(request: Request) async throws -> ObligationDTO {
        let obligation = try await CampaignActions.extend(try request.id(), try request.content.decode(ObligationExtensionInput.self), request: request)
        return try await obligationDetail(obligation, on: request.reads)
    }

    /// The campaign, if the caller takes part in it (reads somewhere inside its subtree, or at its unit).
    static func requireCampaign(_ request: Request) async throws -> Campaign {
        let campaign = try await CampaignQueries.require(try request.id(), on: request.reads)
        guard let scopes = try request.readableSubtrees else { return campaign }
        guard scopes.contains(where: { $0.contains(campaign.treePath) || campaign.treePath.contains($0) }) else {
            throw Abort(.notFound)
        }
        return campaign
    }

    /// The `unit=` query parameter: a unit inside the campaign the caller reads; by default the campaign's
    /// unit, or the caller's own scope when the campaign was launched above it.
    static func requireUnit(in campaign: Campaign, request: Request) async throws -> Organization {
        let actor = try request.requireActor()
        let unitId = try request.queryInteger(.unit)
            ?? (actor.can(.read, at: campaign.treePath) ? campaign.organizationId : actor.readableSubtrees?.first { campaign.treePath.contains($0) }?.ids.last)
        guard let unitId, let unit = try await Organization.find(unitId, on: request.reads), campaign.treePath.contains(unit.treePath) else {
            throw DomainError.notFound(LocalizedText(vi: "Đơn vị không thuộc phạm vi đợt triển khai", en: "The unit is not part of the campaign"))
        }
        try request.require(.read, at: unit.treePath)
        return unit
    }

    static func detail(of campaign: Campaign, on db: any Database) async throws -> CampaignDTO {
        let requirements = try await CampaignQueries.requirements(of: campaign, on: db)
        let kinds = try await CampaignQueries.unitKinds(of: requirements, on: db)
        return CampaignDTO(campaign, requirements: requirements.map {
            RequirementDTO(id: $0.requireID(), kind: $0.kind, title: $0.title, unitKinds: kinds[$0.requireID()] ?? [],
                           dueOn: $0.dueOn, minimumSessions: $0.minimumSessions)
        })
    }

    static func obligationDetail(_ obligation: Obligation, on db: any Database) async throws -> ObligationDTO {
        let requirement = try await CampaignQueries.requirement(of: obligation, on: db)
        let names = try await OrganizationQueries.names([obligation.organizationId], on: db)
        let row = CampaignQueries.ObligationRow(obligation: obligation, unitName: names[obligation.organizationId] ?? "", requirementTitle: requirement.title)
        return ObligationDTO(row, today: CalendarDate.today(), submissions: try await CampaignQueries.submissions(of: obligation, on: db))
    }
}

extension CampaignInput: Content {}
extension CampaignChanges: Content {}
extension ObligationSubmissionInput: Content {}
extension ObligationReviewInput: Content {}
extension ObligationExtensionInput: Content {}
