import Fluent
import LamTheoCore
import Plot
import Vapor

/// Reports on the web: a unit's reports, the form that drafts one, a report's page (preview, downloads, issue), the
/// form that edits a draft.
enum ReportPages {
    static let title = LocalizedText(vi: "Báo cáo", en: "Reports")
    /// The edit form may carry ten parts of up to 20,000 characters each; URL-encoded, a Vietnamese letter takes up to
    /// 9 bytes, beyond the default 1 MB.
    static let editBodyLimit: ByteCount = "4mb"

    static func register(on routes: any RoutesBuilder) {
        routes.get(ReportRoute.list, use: list).requiring(.capability(.read))
        routes.post(ReportRoute.list, use: create).requiring(.capability(.edit))
        routes.get(ReportRoute.new, use: newForm).requiring(.capability(.edit))
        routes.get(ReportRoute.show(.key), use: show).requiring(.capability(.read))
        routes.get(ReportRoute.edit(.key), use: editForm).requiring(.capability(.edit))
        routes.post(ReportRoute.edit(.key), bodyLimit: editBodyLimit, use: update).requiring(.capability(.edit))
        routes.post(ReportRoute.refresh(.key), use: refresh).requiring(.capability(.edit))
        routes.post(ReportRoute.issue(.key), use: issue).requiring(.capability(.edit))
        routes.get(ReportRoute.draft(.key, format: .key), use: ReportAPI.draftFile).requiring(.capability(.read))
        routes.get(ReportRoute.version(.key, version: .key, format: .key), use: ReportAPI.versionFile).requiring(.capability(.read))
    }

    static func list(request: Request) async throws -> Response {
        let paging = try Paging(request)
        let unit = try await request.readableUnit()
        let page = try await ReportQueries.list(of: unit.requireID(), page: paging.page, perPage: paging.perPage, on: request.reads)
        let mayDraft = try request.requireActor().can(.edit, at: unit.treePath)
        return ReportList.View(unitId: unit.requireID(), unitName: unit.name, page: page, mayDraft: mayDraft).response(for: request)
    }

    static func newForm(request: Request) async throws -> Response {
        let unit = try await request.readableUnit()
        try request.require(.edit, at: unit.treePath)
        let day = try request.queryDay("day", default: .today())
        return ReportNew.View(unitId: unit.requireID(), unitName: unit.name, day: day, period: try request.reportingPeriod(),
                              campaigns: try await ReportNew.campaigns(of: unit, on: request.reads)).response(for: request)
    }

    /// The new-report form's fields: the campaign sent as text, blank for none.
    struct NewForm: Content {
        var organizationId: Int?
        var kind: String?
        var day: String?
        var period: String?
        var campaignId: String?

        var input: ReportInput {
            ReportInput(organizationId: organizationId, kind: kind, day: day, period: period, campaignId: campaignId.flatMap { Int($0) })
        }
    }

    static func create(request: Request) async throws -> Response {
        let form = try request.content.decode(NewForm.self)
        let input = form.input
        do {
            let report = try await ReportActions.create(input, request: request)
            return request.redirect(to: ReportRoute.show(.value(report.requireID())).path,
                                    flash: LocalizedText(vi: "Đã lập dự thảo; đang tổng hợp số liệu.", en: "Draft created; gathering the figures."))
        } catch let error as DomainError where error.kind != .notFound {
            guard let unitId = input.organizationId, let unit = try await Organization.find(unitId, on: request.reads) else { throw error }
            try request.require(.edit, at: unit.treePath)
            return ReportNew.View(unitId: unitId, unitName: unit.name, day: .today(), period: .month, campaigns: try await ReportNew.campaigns(of: unit, on: request.reads))
                .response(for: request, errors: error.fieldErrors, refused: RefusedForm(form: ReportNew.form, form), status: .unprocessableEntity)
        }
    }

    static func show(request: Request) async throws -> Response {
        try await showPage(try request.id(), request: request)
    }

    private static func showPage(_ id: Int, request: Request, errors: [FieldError] = [], refused: RefusedForm? = nil,
                                 status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await ReportActions.access(id, request: request)
        let model = try await ReportShow.Query.run(access.report, unitName: access.unit.name, mayEdit: access.mayEdit,
                                                   jobs: request.application.jobs, on: request.reads)
        return ReportShow.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }

    // MARK: Editing

    /// The edit form's fields: recipients one a line, each part's text as `narratives[part]`.
    struct EditForm: Content {
        var subject: String?
        var place: String?
        var superiorBody: String?
        var issuingBody: String?
        var authority: String?
        var signerTitle: String?
        var signerName: String?
        var recipients: String?
        var narratives: [String: String]?

        var changes: ReportChanges {
            ReportChanges(subject: subject, place: place ?? "", superiorBody: superiorBody ?? "", issuingBody: issuingBody, authority: authority,
                          signerTitle: signerTitle, signerName: signerName ?? "",
                          recipients: (recipients ?? "").split(whereSeparator: \.isNewline).map(String.init)
                              .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty },
                          narratives: narratives)
        }

        /// What was sent, by field name, for the form shown again.
        var sent: [String: String] {
            var values = ["subject": subject, "place": place, "superiorBody": superiorBody, "issuingBody": issuingBody, "authority": authority,
                          "signerTitle": signerTitle, "signerName": signerName, "recipients": recipients].compactMapValues { $0 }
            for (key, text) in narratives ?? [:] { values["narratives[\(key)]"] = text }
            return values
        }
    }

    static func editForm(request: Request) async throws -> Response {
        let report = try await ReportActions.requireEditable(try request.id(), request: request)
        return ReportEdit.View(report: report).response(for: request)
    }

    static func update(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(EditForm.self)
        do {
            _ = try await ReportActions.update(id, form.changes, request: request)
            return request.redirect(to: ReportRoute.show(.value(id)).path, flash: LocalizedText(vi: "Đã lưu dự thảo.", en: "Draft saved."))
        } catch let error as DomainError where error.kind != .notFound {
            let report = try await ReportActions.require(id, request: request)
            return ReportEdit.View(report: report).response(for: request, errors: error.fieldErrors,
                                                             refused: RefusedForm(form: ReportEdit.form, values: form.sent), status: .unprocessableEntity)
        }
    }

    static func refresh(request: Request) async throws -> Response {
        let id = try request.id()
        _ = try await ReportActions.refresh(id, request: request)
        return request.redirect(to: ReportRoute.show(.value(id)).path,
                                flash: LocalizedText(vi: "Đang tổng hợp lại số liệu.", en: "Gathering the figures again."))
    }

    struct IssueForm: Content {
        var symbol: String?
        var issuedOn: String?
    }

    static func issue(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(IssueForm.self)
        do {
            let version = try await ReportActions.issue(id, ReportIssueInput(symbol: form.symbol, issuedOn: form.issuedOn), request: request)
            return request.redirect(to: ReportRoute.show(.value(id)).path(query: [:], fragment: "v\(version.version)"),
                                    flash: LocalizedText(vi: "Đã ban hành báo cáo (lần \(version.version)).", en: "Report issued (version \(version.version))."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await showPage(id, request: request, errors: error.fieldErrors.isEmpty ? [FieldError(field: "symbol", message: error.title)] : error.fieldErrors,
                                      refused: RefusedForm(form: ReportShow.issueForm, form), status: .unprocessableEntity)
        }
    }
}
