import Fluent
import LamTheoCore
import Vapor

/// Exemplars on the web: a unit's registry with its subtree's figures, the nomination form, an exemplar's page
/// with the forms of the steps its reader may take.
enum ExemplarPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(ExemplarRoute.list, use: list).requiring(.capability(.read))
        routes.get(ExemplarRoute.new, use: new).requiring(.capability(.edit))
        routes.post(ExemplarRoute.list, use: nominate).requiring(.capability(.edit))
        routes.get(ExemplarRoute.show(.key), use: show).requiring(.capability(.read))
        routes.post(ExemplarRoute.verification(.key), use: verify).requiring(.capability(.edit))
        routes.post(ExemplarRoute.commendations(.key), use: commend).requiring(.capability(.edit))
        routes.post(ExemplarRoute.replicationRequests(.key), use: requestReplication).requiring(.capability(.edit))
        routes.post(ExemplarRoute.adoptions(.key), use: adopt).requiring(.capability(.edit))
        routes.post(ExemplarRoute.evidence(.key), bodyLimit: AttachmentType.uploadLimit, use: addEvidence).requiring(.capability(.edit))
        routes.get(ExemplarRoute.evidenceFile(.key, evidence: .key), use: ExemplarAPI.evidenceFile).requiring(.capability(.read))
    }

    /// The nomination form as a browser sends it: every field text.
    struct NominationForm: Content {
        var kind: String?
        var title: String?
        var summary: String?
        var organizationId: String?
        var nominatingOrganizationId: String?
        var memberId: String?
        var campaignId: String?
        var topic: String?
        var indicator: String?
        var before: String?
        var after: String?
        var measureUnit: String?

        var input: ExemplarInput {
            let figure = ExemplarPages.figure(indicator: indicator, before: before, after: after, unit: measureUnit)
            return ExemplarInput(kind: kind, title: title, summary: summary, organizationId: ExemplarPages.integer(organizationId),
                                 nominatingOrganizationId: ExemplarPages.integer(nominatingOrganizationId), memberId: ExemplarPages.integer(memberId),
                                 campaignId: ExemplarPages.integer(campaignId), topic: topic, figures: figure.map { [$0] })
        }
    }

    struct CommendationFormInput: Content {
        var form: String?
        var grantingOrganizationId: String?
        var documentId: String?
        var grantedOn: String?

        var input: CommendationInput {
            CommendationInput(form: form, grantingOrganizationId: ExemplarPages.integer(grantingOrganizationId), documentId: ExemplarPages.integer(documentId),
                              grantedOn: grantedOn)
        }
    }

    struct ReplicationForm: Content {
        var issuerOrganizationId: String?
        var organizationIds: [String]?
        var responsible: String?
        var dueOn: String?

        var input: ReplicationRequestInput {
            ReplicationRequestInput(issuerOrganizationId: ExemplarPages.integer(issuerOrganizationId),
                                    organizationIds: (organizationIds ?? []).compactMap(ExemplarPages.integer), responsible: responsible, dueOn: dueOn)
        }
    }

    struct AdoptionForm: Content {
        var organizationId: String?
        var adoptedOn: String?
        var results: String?
        var indicator: String?
        var after: String?
        var measureUnit: String?

        var input: AdoptionInput {
            AdoptionInput(organizationId: ExemplarPages.integer(organizationId), adoptedOn: adoptedOn, results: results,
                          figures: ExemplarPages.figure(indicator: indicator, before: nil, after: after, unit: measureUnit).map { [$0] })
        }
    }

    static func list(request: Request) async throws -> Response {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let filter = ExemplarFilter(state: try request.queryChoice(ExemplarState.self, at: "state"), kind: try request.queryChoice(ExemplarKind.self, at: "kind"))
        let model = try await ExemplarList.Query.run(unit: unit, filter: filter, actor: try request.requireActor(), page: paging.page, perPage: paging.perPage,
                                                     on: request.reads)
        return ExemplarList.View(model: model).response(for: request)
    }

    static func new(request: Request) async throws -> Response {
        try await newPage(unit: try await request.readableUnit(), request: request)
    }

    static func nominate(request: Request) async throws -> Response {
        let form = try request.content.decode(NominationForm.self)
        do {
            let exemplar = try await ExemplarActions.nominate(form.input, request: request)
            return request.redirect(to: ExemplarRoute.show(.value(exemplar.requireID())).path,
                                    flash: LocalizedText(vi: "Đã gửi đề nghị; cấp trên sẽ thẩm định.", en: "Nominated; the level above will verify it."))
        } catch let error as DomainError where error.kind != .notFound {
            guard let unitId = ExemplarPages.integer(form.organizationId), let unit = try await Organization.find(unitId, on: request.reads) else { throw error }
            try request.require(.read, at: unit.treePath)
            return try await newPage(unit: unit, errors: error.fieldErrors, refused: RefusedForm(form: "nominate", form), status: .unprocessableEntity,
                                     request: request)
        }
    }

    static func show(request: Request) async throws -> Response {
        try await page(try request.id(), request: request)
    }

    static func verify(request: Request) async throws -> Response {
        let input = try request.content.decode(ExemplarVerificationInput.self)
        return try await form(ExemplarShow.verifyForm, sent: input, request: request) { id in
            _ = try await ExemplarActions.verify(id, input, request: request)
            return LocalizedText(vi: "Đã xác nhận thẩm định.", en: "Verified.")
        }
    }

    static func commend(request: Request) async throws -> Response {
        let sent = try request.content.decode(CommendationFormInput.self)
        return try await form(ExemplarShow.commendForm, sent: sent, request: request) { id in
            let commendation = try await ExemplarActions.commend(id, sent.input, request: request)
            return LocalizedText(vi: "Đã ghi nhận khen thưởng (\(commendation.form.label.vi.lowercased())).",
                                 en: "Commendation recorded (\(commendation.form.label.en.lowercased())).")
        }
    }

    static func requestReplication(request: Request) async throws -> Response {
        let sent = try request.content.decode(ReplicationForm.self)
        return try await form(ExemplarShow.replicationForm, sent: sent, request: request) { id in
            let tasks = try await ExemplarActions.requestReplication(id, sent.input, request: request)
            return LocalizedText(vi: "Đã giao nhân rộng cho \(tasks.count) đơn vị.", en: "\(tasks.count) units asked to replicate it.")
        }
    }

    static func adopt(request: Request) async throws -> Response {
        let sent = try request.content.decode(AdoptionForm.self)
        return try await form(ExemplarShow.adoptionForm, sent: sent, request: request) { id in
            _ = try await ExemplarActions.adopt(id, sent.input, request: request)
            return LocalizedText(vi: "Đã ghi nhận kết quả nhân rộng.", en: "Adoption recorded.")
        }
    }

    static func addEvidence(request: Request) async throws -> Response {
        let input = try request.content.decode(ExemplarEvidenceInput.self)
        return try await form(ExemplarShow.evidenceForm, sent: ["description": input.description], request: request) { id in
            _ = try await ExemplarActions.addEvidence(id, input, request: request)
            return LocalizedText(vi: "Đã bổ sung minh chứng.", en: "Evidence added.")
        }
    }

    /// Runs one of the exemplar page's forms: back to the page with `action`'s note when it worked, the page with
    /// the refused form as typed and its messages when it was refused.
    private static func form(_ name: String, sent: some Encodable, request: Request, _ action: (Int) async throws -> LocalizedText) async throws -> Response {
        let id = try request.id()
        do {
            let note = try await action(id)
            return request.redirect(to: ExemplarRoute.show(.value(id)).path, flash: note)
        } catch let error as DomainError where error.kind != .notFound {
            let errors = error.fieldErrors.isEmpty ? [FieldError(field: "id", message: error.title)] : error.fieldErrors
            return try await page(id, errors: errors, refused: RefusedForm(form: name, sent), status: .unprocessableEntity, request: request)
        }
    }

    private static func page(_ id: Int, errors: [FieldError] = [], refused: RefusedForm? = nil, status: HTTPResponseStatus = .ok,
                             request: Request) async throws -> Response {
        let exemplar = try await ExemplarActions.require(id, request: request)
        let model = try await ExemplarShow.Query.run(exemplar, actor: try request.requireActor(), on: request.reads)
        return ExemplarShow.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }

    private static func newPage(unit: Organization, errors: [FieldError] = [], refused: RefusedForm? = nil, status: HTTPResponseStatus = .ok,
                                request: Request) async throws -> Response {
        let actor = try request.requireActor()
        guard actor.can(.edit, at: unit.treePath) else { throw Abort(.forbidden) }
        let parent = try await unit.parentId.asyncMap { try await Organization.find($0, on: request.reads) } ?? nil
        let model = ExemplarNew.Model(unitId: unit.requireID(), unitName: unit.name,
                                      parent: parent.flatMap { actor.can(.edit, at: $0.treePath) ? ExemplarShow.Choice(id: $0.requireID(), title: $0.name) : nil })
        return ExemplarNew.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }

    static func integer(_ text: String?) -> Int? {
        Int((text ?? "").trimmingCharacters(in: .whitespaces))
    }

    /// One figure from a form's fields; nil when the indicator was left blank.
    static func figure(indicator: String?, before: String?, after: String?, unit: String?) -> ExemplarFigureInput? {
        guard let indicator, !indicator.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        func number(_ text: String?) -> Double? {
            Double((text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "."))
        }
        return ExemplarFigureInput(indicator: indicator, before: number(before), after: number(after), unit: unit)
    }
}
