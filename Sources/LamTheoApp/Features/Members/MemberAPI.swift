import Fluent
import LamTheoCore
import Vapor

/// `/api/v1/members`.
enum MemberAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(MemberRoute.list, use: list).requiring(.capability(.read))
        api.post(MemberRoute.list, use: create).requiring(.capability(.edit))
        api.get(MemberRoute.show(.key), use: show).requiring(.capability(.read))
        api.patch(MemberRoute.show(.key), use: update).requiring(.capability(.edit))
        api.post(MemberRoute.transfer(.key), use: transfer).requiring(.capability(.edit))
        api.post(MemberRoute.positions(.key), use: addPosition).requiring(.capability(.edit))
        api.post(MemberRoute.endPosition(.key, position: .key), use: endPosition).requiring(.capability(.edit))
    }

    struct MemberDTO: Content {
        let id: Int
        let fullName: String
        let familyName: String
        let middleName: String
        let givenName: String
        let gender: Gender
        let birthDate: CalendarDate?
        let cardNumber: String
        let admittedOn: CalendarDate?
        let fullMemberOn: CalendarDate?
        let status: MemberStatus
        let organizationId: Int
        let organizationName: String?
        let idNumber: String?
        let phone: String?
        let address: String?

        /// - Parameter personal: whether the caller may see the member's personal data (`Member.personalDataVisible`);
        ///   when not, those fields are absent from the answer.
        init(_ member: Member, organizationName: String?, personal: Bool) {
            id = member.requireID()
            fullName = member.fullName
            familyName = member.familyName
            middleName = member.middleName
            givenName = member.givenName
            gender = member.gender
            cardNumber = member.cardNumber
            admittedOn = member.admittedOn
            fullMemberOn = member.fullMemberOn
            status = member.status
            organizationId = member.organizationId
            self.organizationName = organizationName
            birthDate = personal ? member.birthDate : nil
            idNumber = personal ? member.idNumber : nil
            phone = personal ? member.phone : nil
            address = personal ? member.address : nil
        }
    }

    struct TransferDTO: Content {
        let fromOrganizationId: Int?
        let toOrganizationId: Int
        let transferredOn: CalendarDate
        let reason: String?
    }

    struct PositionDTO: Content {
        let id: Int
        let title: String
        let startedOn: CalendarDate
        let endedOn: CalendarDate?
        /// Where it is held; nil for positions recorded before positions had units.
        let organizationId: Int?

        init(_ position: MemberPosition) {
            id = position.id!
            title = position.title
            startedOn = position.startedOn
            endedOn = position.endedOn
            organizationId = position.organizationId
        }
    }

    struct MemberDetailDTO: Content {
        let member: MemberDTO
        let transfers: [TransferDTO]
        let positions: [PositionDTO]
    }

    struct TransferBody: Content {
        var organizationId: Int?
        var transferredOn: String?
        var reason: String?
    }

    struct PositionBody: Content {
        var title: String?
        var startedOn: String?
        /// The member's cell when absent.
        var organizationId: Int?
    }

    struct EndPositionBody: Content {
        var endedOn: String?
    }

    static func list(request: Request) async throws -> PageDTO<MemberDTO> {
        let paging = try Paging(request)
        let statuses = try request.queryChoices(MemberStatus.self, at: "status")
        let gender = try request.queryChoice(Gender.self, at: "gender")
        let filter = MemberQueries.Filter(text: try request.queryText("q"), within: try await request.subtreeFilter(on: request.reads),
                                          statuses: statuses, gender: gender, scopes: try request.readableSubtrees)
        let page = try await MemberQueries.search(filter, page: paging.page, perPage: paging.perPage, on: request.reads)
        let cells = try await MemberQueries.cellNames(for: page.items, on: request.reads)
        let actor = try request.requireActor()
        try await PersonalDataLog.logView("member.list.api", memberIds: page.items.compactMap(\.id), request: request)
        return PageDTO(page) { MemberDTO($0, organizationName: cells[$0.organizationId], personal: $0.personalDataVisible(to: actor)) }
    }

    static func show(request: Request) async throws -> MemberDetailDTO {
        let member = try await MemberActions.requireMember(request.id(), .read, request: request)
        try await PersonalDataLog.logView("member.api", memberId: member.id, request: request)
        return try await detail(of: member, request: request)
    }

    static func create(request: Request) async throws -> Response {
        let input = try request.content.decode(MemberInput.self)
        let member = try await MemberActions.create(input, request: request)
        return try await detail(of: member, request: request).encodeResponse(status: .created, for: request)
    }

    static func update(request: Request) async throws -> MemberDetailDTO {
        let id = try request.id()
        let changes = try request.content.decode(MemberInput.self)
        let member = try await MemberActions.update(id, request: request) { changes.laid(over: $0) }
        return try await detail(of: member, request: request)
    }

    static func transfer(request: Request) async throws -> MemberDetailDTO {
        let id = try request.id()
        let body = try request.content.decode(TransferBody.self)
        let member = try await MemberActions.transfer(id, to: body.organizationId, on: body.transferredOn, reason: body.reason, request: request)
        return try await detail(of: member, request: request)
    }

    static func addPosition(request: Request) async throws -> Response {
        let id = try request.id()
        let body = try request.content.decode(PositionBody.self)
        let position = try await MemberActions.addPosition(to: id, title: body.title, startedOn: body.startedOn, organizationId: body.organizationId,
                                                           request: request)
        return try await PositionDTO(position).encodeResponse(status: .created, for: request)
    }

    static func endPosition(request: Request) async throws -> PositionDTO {
        let id = try request.id()
        let positionId = try request.id("positionId")
        let body = try request.content.decode(EndPositionBody.self)
        return PositionDTO(try await MemberActions.endPosition(positionId, of: id, endedOn: body.endedOn, request: request))
    }

    static func detail(of member: Member, request: Request) async throws -> MemberDetailDTO {
        let db = request.reads
        let personal = member.personalDataVisible(to: try request.requireActor())
        let cells = try await MemberQueries.cellNames(for: [member], on: db)
        let transfers = try await MemberQueries.transfers(of: member.requireID(), on: db).map {
            TransferDTO(fromOrganizationId: $0.fromOrganizationId, toOrganizationId: $0.toOrganizationId, transferredOn: $0.transferredOn, reason: $0.reason)
        }
        let positions = try await MemberQueries.positions(of: member.requireID(), on: db).map(PositionDTO.init)
        return MemberDetailDTO(member: MemberDTO(member, organizationName: cells[member.organizationId], personal: personal),
                               transfers: transfers, positions: positions)
    }
}

extension MemberInput: Content {}
