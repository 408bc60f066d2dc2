import Fluent
import LamTheoCore
import Plot
import Vapor

/// Campaigns on the web: the list, the launch form, a subtree's obligations, and an obligation's page with
/// its submit, review and extension forms. A campaign's own page is its coverage (`CoveragePages`).
enum CampaignPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(CampaignRoute.list, use: index).requiring(.capability(.read))
        routes.get(CampaignRoute.new, use: newForm).requiring(.capability(.edit))
        routes.post(CampaignRoute.new, use: launch).requiring(.capability(.edit))
        routes.get(CampaignRoute.edit(.key), use: editForm).requiring(.capability(.edit))
        routes.post(CampaignRoute.edit(.key), use: update).requiring(.capability(.edit))
        routes.get(CampaignRoute.close(.key), use: confirmClose).requiring(.capability(.edit))
        routes.post(CampaignRoute.close(.key), use: close).requiring(.capability(.edit))
        routes.get(CampaignRoute.obligations(.key), use: obligations).requiring(.capability(.read))
        routes.get(CampaignRoute.obligation(.key), use: obligation).requiring(.capability(.read))
        routes.post(CampaignRoute.submissions(.key), use: submit).requiring(.capability(.edit))
        routes.post(CampaignRoute.review(.key), use: review).requiring(.capability(.edit))
        routes.post(CampaignRoute.extension(.key), use: extend).requiring(.capability(.edit))
    }

    // MARK: The list

    static func index(request: Request) async throws -> Response {
        let language = request.language
        let paging = try Paging(request)
        let text = try request.queryText("q") ?? ""
        let page = try await CampaignQueries.list(scopes: try request.readableSubtrees, status: nil, text: text,
                                                  page: paging.page, perPage: paging.perPage, on: request.reads)
        let units = try await OrganizationQueries.names(page.items.map(\.organizationId), on: request.reads)
        let titleTitle = LocalizedText(vi: "Đợt triển khai", en: "Campaign")(language)
        let unitTitle = LocalizedText(vi: "Cấp triển khai", en: "Launched by")(language)
        let periodTitle = LocalizedText(vi: "Thời gian", en: "Period")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(LocalizedText(vi: "Đợt triển khai", en: "Campaigns")(language))),
            .if(try request.requireActor().canSomewhere(.edit), .div(.class("actions"),
                .a(.class("button"), .href(CampaignRoute.new.path), .text(LocalizedText(vi: "Triển khai văn bản mới", en: "Launch a campaign")(language))))),
            .form(.class("inline"), .method(.get), .action(CampaignRoute.list.path), .attribute(named: "role", value: "search"),
                  .div(.label(.for("q"), .text(LocalizedText(vi: "Tìm theo tên", en: "Search by title")(language))),
                       .input(.id("q"), .name("q"), .type(.search), .value(text))),
                  .button(.type(.submit), .text(LocalizedText(vi: "Tìm", en: "Search")(language)))),
            page.items.isEmpty
                ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có đợt triển khai nào.", en: "No campaigns yet.")(language)))
                : .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                    .thead(.tr(.th(.text(titleTitle)), .th(.text(unitTitle)), .th(.text(periodTitle)))),
                    .tbody(.forEach(page.items) { campaign in
                        let heading = CampaignHeading(campaign)
                        return .tr(.td(.attribute(named: "data-label", value: titleTitle),
                                       .a(.href(CoverageRoute.campaign(.value(campaign.requireID())).path), .text(campaign.title)), heading.badges(language)),
                                   .td(.attribute(named: "data-label", value: unitTitle), .text(units[campaign.organizationId] ?? "")),
                                   .td(.attribute(named: "data-label", value: periodTitle), .text(heading.period)))
                    }))),
            Pager(page: page.page, pageCount: page.pageCount, total: page.total,
                  link: { CampaignRoute.list.path(query: ["q": text, "page": $0]) }).node(language)
        )
        return Layout(title: LocalizedText(vi: "Đợt triển khai", en: "Campaigns")(language), content: content).response(for: request)
    }

    // MARK: Launching

    /// The launch form's fields: the campaign, then one row per kind of requirement (ticked to include it).
    struct LaunchForm: Content {
        var documentId: Int?
        var organizationId: Int?
        var title: String?
        var startsOn: String?
        var endsOn: String?
        var topicYear: String?
        var reflectionDueOn: String?
        var gradingScale: String?
        /// A checkbox: present when ticked.
        var acceptsLateWork: String?
        var planWanted: String?
        var planKinds: [String]?
        var planDueOn: String?
        var sessionsWanted: String?
        var sessionsKinds: [String]?
        var sessionsDueOn: String?
        var sessionsMinimum: String?
        var reportWanted: String?
        var reportKinds: [String]?
        var reportDueOn: String?

        var input: CampaignInput {
            var requirements: [RequirementInput] = []
            if planWanted != nil { requirements.append(RequirementInput(kind: RequirementKind.plan.rawValue, unitKinds: planKinds, dueOn: planDueOn)) }
            if sessionsWanted != nil {
                requirements.append(RequirementInput(kind: RequirementKind.studySessions.rawValue, unitKinds: sessionsKinds, dueOn: sessionsDueOn,
                                                     minimumSessions: sessionsMinimum.flatMap { Int($0) }))
            }
            if reportWanted != nil { requirements.append(RequirementInput(kind: RequirementKind.report.rawValue, unitKinds: reportKinds, dueOn: reportDueOn)) }
            return CampaignInput(documentId: documentId, organizationId: organizationId, title: title, startsOn: startsOn, endsOn: endsOn,
                                 topicYear: topicYear.flatMap { Int($0) }, reflectionDueOn: reflectionDueOn, gradingScale: gradingScale,
                                 acceptsLateWork: acceptsLateWork != nil, requirements: requirements)
        }
    }

    static func newForm(request: Request) async throws -> Response {
        let scopeRoot = try request.requireActor().readableSubtrees?.first?.ids.last
        let unitId = try request.queryInteger(.unit) ?? scopeRoot
        let form = LaunchForm(documentId: try request.queryInteger("document"), organizationId: unitId,
                              gradingScale: CampaignCommands.defaultGradingScale.joined(separator: "\n"), acceptsLateWork: "on",
                              planWanted: "on", planKinds: [StandardOrganizationKind.grassroots.rawValue, StandardOrganizationKind.grassrootsCell.rawValue],
                              sessionsWanted: "on", sessionsKinds: [StandardOrganizationKind.cell.rawValue, StandardOrganizationKind.grassrootsCell.rawValue],
                              sessionsMinimum: "1")
        return try await renderLaunchForm(form, errors: [], request: request)
    }

    static func launch(request: Request) async throws -> Response {
        let form = try request.content.decode(LaunchForm.self)
        do {
            let campaign = try await CampaignActions.launch(form.input, request: request)
            let obligations = try await Obligation.query(on: request.reads).filter(\.$campaignId == campaign.requireID()).count()
            let unit = try await Organization.find(campaign.organizationId, on: request.reads)?.name ?? ""
            return request.redirect(to: CoverageRoute.campaign(.value(campaign.requireID())).path, flash: LocalizedText(
                vi: "Đã triển khai “\(campaign.title)” tại \(unit): \(VietnameseFormat.integer(obligations)) nhiệm vụ đã giao cho các đơn vị.",
                en: "“\(campaign.title)” launched at \(unit): \(obligations) obligations given to the units."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderLaunchForm(form, errors: error.fieldErrors.isEmpty ? [FieldError(field: "title", message: error.title)] : error.fieldErrors,
                                              request: request)
        }
    }

    private static func renderLaunchForm(_ form: LaunchForm, errors: [FieldError], request: Request) async throws -> Response {
        let language = request.language
        let fields = FormFields(request, errors: errors)
        let db = request.reads
        let unit = try await form.organizationId.asyncMap { try await Organization.find($0, on: db) } ?? nil
        if let unit { try request.require(.edit, at: unit.treePath) }
        let documents = try await DocumentQueries.search(.init(scopes: try request.readableSubtrees), page: 1, perPage: Paging.maximumPerPage, on: db).items
        let kinds = try await OrganizationQueries.kinds(on: db)
        let dateHint = LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")
        func requirementRow(_ kind: RequirementKind, wanted: String?, kindsName: String, chosen: [String]?, dueName: String, due: String?,
                            extra: Node<HTML.FormContext> = .empty) -> Node<HTML.FormContext> {
            .fieldset(
                .element(named: "legend", text: kind.label(language)),
                .div(.class("choice"), .input(.type(.checkbox), .id("\(kindsName)-wanted"), .name(kindsName.replacingOccurrences(of: "Kinds", with: "Wanted")),
                                              .attribute(named: "checked", value: wanted == nil ? nil : "checked")),
                     .label(.for("\(kindsName)-wanted"), .text(LocalizedText(vi: "Giao nhiệm vụ này", en: "Require this")(language)))),
                .p(.class("muted"), .text(LocalizedText(vi: "Các loại tổ chức phải thực hiện:", en: "Kinds of unit that must do it:")(language))),
                .forEach(kinds) { unitKind in
                    .div(.class("choice"), .input(.type(.checkbox), .id("\(kindsName)-\(unitKind.id!)"), .name("\(kindsName)[]"), .value(unitKind.id!),
                                                  .attribute(named: "checked", value: (chosen ?? []).contains(unitKind.id!) ? "checked" : nil)),
                         .label(.for("\(kindsName)-\(unitKind.id!)"), .text(unitKind.name(language))))
                },
                fields.text(dueName, LocalizedText(vi: "Hạn hoàn thành", en: "Due date"), value: due, hint: dateHint),
                extra)
        }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(LocalizedText(vi: "Triển khai văn bản", en: "Launch a campaign")(language))),
            .unwrap(unit) { .p(.text(LocalizedText(vi: "Cấp triển khai: ", en: "Launched by: ")(language) + $0.name)) },
            fields.summary,
            .if(documents.isEmpty, .p(.class("notice"), .text(LocalizedText(
                vi: "Chưa có văn bản nào trong sổ văn bản: hãy đăng ký văn bản trước khi triển khai.",
                en: "The document register is empty: register the document before launching it.")(language)))),
            fields.postForm(CampaignRoute.new.path,
                .input(.type(.hidden), .name("organizationId"), .value(form.organizationId.map(String.init) ?? "")),
                .forEach(fields.errors(for: "organizationId")) { .p(.class("field-error"), .text($0)) },
                fields.select("documentId", LocalizedText(vi: "Văn bản triển khai", en: "Document to roll out"),
                              options: [("", "—")] + documents.map { (String($0.requireID()), "\($0.symbol) · \($0.title)") },
                              selected: form.documentId.map(String.init), required: true),
                fields.text("title", LocalizedText(vi: "Tên đợt triển khai (để trống: lấy trích yếu văn bản)", en: "Title (blank: the document's title)"), value: form.title),
                fields.text("startsOn", LocalizedText(vi: "Từ ngày", en: "From"), value: form.startsOn, required: true, hint: dateHint),
                fields.text("endsOn", LocalizedText(vi: "Đến ngày", en: "Until"), value: form.endsOn, required: true, hint: dateHint),
                fields.text("topicYear", LocalizedText(vi: "Là chuyên đề năm (ghi năm, nếu có)", en: "The year's topic for (year, if any)"), value: form.topicYear, type: .number),
                fields.text("reflectionDueOn", LocalizedText(vi: "Hạn nộp bài thu hoạch", en: "Reflection deadline"), value: form.reflectionDueOn, hint: dateHint),
                fields.textArea("gradingScale", LocalizedText(vi: "Thang đánh giá bài thu hoạch (mỗi dòng một mức, mức cao nhất trước)",
                                                              en: "Reflection grades (one per line, best first)"), value: form.gradingScale),
                lateWorkChoice(checked: form.acceptsLateWork != nil, language: language),
                requirementRow(.plan, wanted: form.planWanted, kindsName: "planKinds", chosen: form.planKinds, dueName: "planDueOn", due: form.planDueOn),
                requirementRow(.studySessions, wanted: form.sessionsWanted, kindsName: "sessionsKinds", chosen: form.sessionsKinds,
                               dueName: "sessionsDueOn", due: form.sessionsDueOn,
                               extra: fields.text("sessionsMinimum", LocalizedText(vi: "Số buổi tối thiểu", en: "At least this many sessions"),
                                                  value: form.sessionsMinimum, type: .number)),
                requirementRow(.report, wanted: form.reportWanted, kindsName: "reportKinds", chosen: form.reportKinds, dueName: "reportDueOn", due: form.reportDueOn),
                fields.submit(LocalizedText(vi: "Triển khai", en: "Launch")))
        )
        let status: HTTPResponseStatus = errors.isEmpty ? .ok : .unprocessableEntity
        return Layout(title: LocalizedText(vi: "Triển khai văn bản", en: "Launch a campaign")(language),
                      crumbs: [Crumb(title: LocalizedText(vi: "Đợt triển khai", en: "Campaigns")(language), url: CampaignRoute.list.path)],
                      content: content).response(for: request, status: status)
    }

    /// Ticked: work after a deadline is taken and marked late; unticked: it is refused.
    private static func lateWorkChoice(checked: Bool, language: UILanguage) -> Node<HTML.FormContext> {
        .div(.class("choice"),
             .input(.type(.checkbox), .id("acceptsLateWork"), .name("acceptsLateWork"), .attribute(named: "checked", value: checked ? "checked" : nil)),
             .label(.for("acceptsLateWork"), .text(LocalizedText(vi: "Nhận bài nộp sau hạn (ghi là nộp muộn); bỏ chọn để không nhận",
                                                                 en: "Take work sent after a deadline (marked late); untick to refuse it")(language))))
    }

    // MARK: Editing

    /// The edit form's fields: the campaign's dates and deadlines, and one due date per requirement, by its id.
    struct EditForm: Content {
        var title: String?
        var startsOn: String?
        var endsOn: String?
        var reflectionDueOn: String?
        var acceptsLateWork: String?
        var dueOn: [String: String]?

        init(_ campaign: Campaign, requirements: [CampaignRequirement]) {
            title = campaign.title
            startsOn = campaign.startsOn.vietnamese
            endsOn = campaign.endsOn.vietnamese
            reflectionDueOn = campaign.reflectionDueOn?.vietnamese ?? ""
            acceptsLateWork = campaign.acceptsLateWork ? "on" : nil
            dueOn = Dictionary(uniqueKeysWithValues: requirements.map { (String($0.requireID()), $0.dueOn.vietnamese) })
        }

        /// The changes, the requirements in the order the form lists them (so that their messages find their fields).
        func changes(_ requirements: [CampaignRequirement]) -> CampaignChanges {
            CampaignChanges(title: title, startsOn: startsOn, endsOn: endsOn, reflectionDueOn: reflectionDueOn ?? "", acceptsLateWork: acceptsLateWork != nil,
                            requirements: requirements.map { RequirementChange(id: $0.id, dueOn: dueOn?[String($0.requireID())]) })
        }
    }

    static func editForm(request: Request) async throws -> Response {
        let campaign = try await editableCampaign(request)
        let requirements = try await CampaignQueries.requirements(of: campaign, on: request.reads)
        return try await renderEditForm(campaign, requirements: requirements, form: EditForm(campaign, requirements: requirements), errors: [], request: request)
    }

    static func update(request: Request) async throws -> Response {
        let campaign = try await editableCampaign(request)
        let requirements = try await CampaignQueries.requirements(of: campaign, on: request.reads)
        let form = try request.content.decode(EditForm.self)
        do {
            _ = try await CampaignActions.update(campaign.requireID(), form.changes(requirements), request: request)
            return request.redirect(to: CoverageRoute.campaign(.value(campaign.requireID())).path,
                                    flash: LocalizedText(vi: "Đã lưu thay đổi của đợt triển khai", en: "The campaign's changes are saved"))
        } catch let error as DomainError where error.kind != .notFound && error.kind != .forbidden {
            return try await renderEditForm(campaign, requirements: requirements, form: form,
                                            errors: error.fieldErrors.isEmpty ? [FieldError(field: "title", message: error.title)] : error.fieldErrors,
                                            request: request)
        }
    }

    /// The campaign, if the caller may change it (edits at its unit); not found when they may not read there.
    private static func editableCampaign(_ request: Request) async throws -> Campaign {
        let campaign = try await CampaignQueries.require(try request.id(), on: request.reads)
        try request.require(.edit, at: campaign.treePath)
        return campaign
    }

    private static func renderEditForm(_ campaign: Campaign, requirements: [CampaignRequirement], form: EditForm, errors: [FieldError],
                                       request: Request) async throws -> Response {
        let language = request.language
        let fields = FormFields(request, errors: errors)
        let dateHint = LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")
        let title = LocalizedText(vi: "Sửa đợt triển khai", en: "Change the campaign")(language)
        let campaignPage = CoverageRoute.campaign(.value(campaign.requireID())).path
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .p(.a(.href(campaignPage), .text(campaign.title))),
            fields.summary,
            campaign.status != .active
                ? .p(.class("muted"), .text(LocalizedText(vi: "Đợt triển khai đã kết thúc: không sửa được nữa.",
                                                          en: "The campaign is closed and can no longer be changed.")(language)))
                : fields.postForm(CampaignRoute.edit(.value(campaign.requireID())).path,
                    fields.text("title", LocalizedText(vi: "Tên đợt triển khai", en: "Title"), value: form.title, required: true),
                    fields.text("startsOn", LocalizedText(vi: "Từ ngày", en: "From"), value: form.startsOn, required: true, hint: dateHint),
                    fields.text("endsOn", LocalizedText(vi: "Đến ngày", en: "Until"), value: form.endsOn, required: true, hint: dateHint),
                    fields.text("reflectionDueOn", LocalizedText(vi: "Hạn nộp bài thu hoạch", en: "Reflection deadline"), value: form.reflectionDueOn,
                                hint: LocalizedText(vi: "dd/mm/yyyy; để trống là không có hạn. Gia hạn cho từng đảng viên hoặc chi bộ đã cho vẫn giữ nguyên",
                                                    en: "dd/mm/yyyy; blank for no deadline. Extensions given to members or cells stay")),
                    lateWorkChoice(checked: form.acceptsLateWork != nil, language: language),
                    .if(!requirements.isEmpty, .fieldset(
                        .element(named: "legend", text: LocalizedText(vi: "Hạn hoàn thành của các yêu cầu", en: "Requirements' due dates")(language)),
                        .p(.class("muted"), .text(LocalizedText(vi: "Nhiệm vụ của các đơn vị theo hạn mới, trừ đơn vị đã được gia hạn đến ngày muộn hơn.",
                                                                en: "Each unit's obligation follows the new date, unless its extension runs later.")(language))),
                        .forEach(Array(requirements.enumerated())) { index, requirement in
                            fields.text("requirements[\(index)].dueOn", LocalizedText(vi: requirement.title, en: requirement.title),
                                        value: form.dueOn?[String(requirement.requireID())], required: true, hint: dateHint,
                                        named: "dueOn[\(requirement.requireID())]")
                        })),
                    fields.submit(LocalizedText(vi: "Lưu thay đổi", en: "Save the changes")))
        )
        return Layout(title: title, crumbs: [Crumb(title: LocalizedText(vi: "Đợt triển khai", en: "Campaigns")(language), url: CampaignRoute.list.path),
                                             Crumb(title: campaign.title, url: campaignPage)],
                      content: content).response(for: request, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// Closing stops the campaign's work and freezes its figures, for good: the page says so, with today's
    /// figures, before the officer confirms.
    static func confirmClose(request: Request) async throws -> Response {
        let campaign = try await CampaignQueries.require(try request.id(), on: request.reads)
        try request.require(.edit, at: campaign.treePath)
        let id = campaign.requireID()
        let page = CoverageRoute.campaign(.value(id)).path
        guard campaign.status == .active else { return request.redirect(to: page) }
        let unit = try await OrganizationQueries.require(campaign.organizationId, on: request.reads)
        let coverage = try await CoverageQueries.coverage(of: campaign, at: unit, .subtree, today: CalendarDate.today(), on: request.reads)
        let done: Set<ObligationStatus> = [.accepted, .handedOver, .withdrawn]
        let open = coverage.obligations.counts.filter { !done.contains($0.key) }.values.reduce(0, +)
        let number = VietnameseFormat.integer
        return ConfirmationView(
            title: LocalizedText(vi: "Kết thúc đợt triển khai “\(campaign.title)”?", en: "Close the campaign “\(campaign.title)”?"),
            consequences: [
                LocalizedText(vi: "Từ lúc kết thúc, \(unit.name) và các đơn vị trực thuộc không ghi thêm được buổi học tập, bài thu hoạch hay nộp nhiệm vụ cho đợt này.",
                              en: "From then on \(unit.name) and the units under it can no longer record sessions or reflections or submit obligations for it."),
                LocalizedText(vi: "Số liệu giữ nguyên như hôm nay: \(coverage.studied.text(.vi)) đảng viên đã học tập, \(coverage.reflectionsSubmitted.text(.vi)) đã nộp bài thu hoạch.",
                              en: "The figures stay as they are today: \(coverage.studied.text(.en)) members studied, \(coverage.reflectionsSubmitted.text(.en)) reflections submitted."),
                open == 0
                    ? LocalizedText(vi: "Mọi nhiệm vụ của đợt đã hoàn thành.", en: "Every obligation of the campaign is met.")
                    : LocalizedText(vi: "\(number(open)) nhiệm vụ chưa hoàn thành sẽ dừng ở tình trạng hiện tại.",
                                    en: "\(open) obligations not yet met stay as they are."),
                LocalizedText(vi: "Không mở lại được.", en: "It cannot be reopened."),
            ],
            action: CampaignRoute.close(.value(id)).path, button: LocalizedText(vi: "Kết thúc đợt triển khai", en: "Close the campaign"), back: page
        ).response(for: request)
    }

    static func close(request: Request) async throws -> Response {
        let campaign = try await CampaignActions.close(try request.id(), request: request)
        return request.redirect(to: CoverageRoute.campaign(.value(campaign.requireID())).path, flash: LocalizedText(
            vi: "Đã kết thúc đợt triển khai “\(campaign.title)”: số liệu giữ nguyên như ngày \(CalendarDate.today().vietnamese).",
            en: "The campaign “\(campaign.title)” is closed: its figures stay as on \(CalendarDate.today().vietnamese)."))
    }

    // MARK: Obligations

    static func obligations(request: Request) async throws -> Response {
        let language = request.language
        let campaign = try await CampaignAPI.requireCampaign(request)
        let unit = try await CampaignAPI.requireUnit(in: campaign, request: request)
        let paging = try Paging(request)
        let status = try request.queryText("status").flatMap(ObligationStatus.init(rawValue:))
        let today = CalendarDate.today()
        let page = try await CampaignQueries.obligations(of: campaign, within: unit, status: status, today: today,
                                                         page: paging.page, perPage: paging.perPage, on: request.reads)
        let unitTitle = LocalizedText(vi: "Đơn vị", en: "Unit")(language)
        let taskTitle = LocalizedText(vi: "Nhiệm vụ", en: "Obligation")(language)
        let dueTitle = LocalizedText(vi: "Hạn", en: "Due")(language)
        let statusTitle = LocalizedText(vi: "Tình trạng", en: "Status")(language)
        let heading = LocalizedText(vi: "Nhiệm vụ · \(unit.name)", en: "Obligations · \(unit.name)")(language)
            + (status.map { " · " + $0.label(language) } ?? "")
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(heading)),
            .p(.a(.href(CoverageRoute.campaign(.value(campaign.requireID())).path(query: [.unit: unit.requireID()])), .text(campaign.title))),
            page.items.isEmpty
                ? .p(.class("muted"), .text(LocalizedText(vi: "Không có nhiệm vụ nào.", en: "No obligations.")(language)))
                : .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                    .thead(.tr(.th(.text(unitTitle)), .th(.text(taskTitle)), .th(.text(dueTitle)), .th(.text(statusTitle)))),
                    .tbody(.forEach(page.items) { row in
                        .tr(.td(.attribute(named: "data-label", value: unitTitle), .a(.href(CampaignRoute.obligation(.value(row.obligation.requireID())).path), .text(row.unitName))),
                            .td(.attribute(named: "data-label", value: taskTitle), .text(row.requirementTitle)),
                            .td(.attribute(named: "data-label", value: dueTitle), .text(ObligationStanding(row.obligation, today: today).dueText)),
                            .td(.attribute(named: "data-label", value: statusTitle), .text(ObligationStanding(row.obligation, today: today).statusText(language))))
                    }))),
            Pager(page: page.page, pageCount: page.pageCount, total: page.total, link: {
                CampaignRoute.obligations(.value(campaign.requireID())).path(query: [.unit: unit.requireID(), "status": status?.rawValue, "page": $0])
            }).node(language)
        )
        return Layout(title: heading, crumbs: [Crumb(title: LocalizedText(vi: "Đợt triển khai", en: "Campaigns")(language), url: CampaignRoute.list.path),
                                               Crumb(title: campaign.title, url: CoverageRoute.campaign(.value(campaign.requireID())).path)],
                      content: content).response(for: request)
    }

    static func obligation(request: Request) async throws -> Response {
        try await obligationPage(request.id(), request: request)
    }

    struct SubmitForm: Content {
        /// Text: the plan's list sends "" for "—".
        var documentId: String?
        var submittedOn: String?
        var note: String?
    }

    static func submit(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(SubmitForm.self)
        return try await obligationForm(id, form: ObligationShow.submitForm, sent: form, request: request) {
            let obligation = try await CampaignActions.submit(id, ObligationSubmissionInput(documentId: form.documentId.flatMap { Int($0) }, submittedOn: form.submittedOn, note: form.note),
                                                              request: request)
            return LocalizedText(vi: "Đã nộp lần \(obligation.submissionCount); cấp trên sẽ xem xét.",
                                 en: "Submission \(obligation.submissionCount) sent; the level above will review it.")
        }
    }

    static func review(request: Request) async throws -> Response {
        let id = try request.id()
        let input = try request.content.decode(ObligationReviewInput.self)
        return try await obligationForm(id, form: ObligationShow.reviewForm, sent: input, request: request) {
            let obligation = try await CampaignActions.review(id, input, request: request)
            return obligation.state == .accepted
                ? LocalizedText(vi: "Đã ghi kết quả: chấp nhận, nhiệm vụ hoàn thành.", en: "Review recorded: accepted, the obligation is met.")
                : LocalizedText(vi: "Đã ghi kết quả: trả lại để đơn vị sửa và nộp lại.", en: "Review recorded: returned for the unit to revise and resubmit.")
        }
    }

    static func extend(request: Request) async throws -> Response {
        let id = try request.id()
        let input = try request.content.decode(ObligationExtensionInput.self)
        return try await obligationForm(id, form: ObligationShow.extensionForm, sent: input, request: request) {
            let obligation = try await CampaignActions.extend(id, input, request: request)
            let until = VietnameseFormat.day(obligation.extendedUntil)
            return LocalizedText(vi: "Đã gia hạn đến ngày \(until).", en: "Extended until \(until).")
        }
    }

    /// Runs one of the obligation page's forms: back to the page with `action`'s note when it worked, the page
    /// with the refused form as typed and its messages when it was refused.
    private static func obligationForm(_ id: Int, form: String, sent: some Encodable, request: Request,
                                       _ action: () async throws -> LocalizedText) async throws -> Response {
        do {
            let note = try await action()
            return request.redirect(to: CampaignRoute.obligation(.value(id)).path, flash: note)
        } catch let error as DomainError where error.kind != .notFound {
            let errors = error.fieldErrors.isEmpty ? [FieldError(field: "id", message: error.title)] : error.fieldErrors
            return try await obligationPage(id, errors: errors, refused: RefusedForm(form: form, sent),
                                            status: error.kind == .forbidden ? .forbidden : .unprocessableEntity, request: request)
        }
    }

    /// The obligation's page, with a refused form's messages and values.
    private static func obligationPage(_ id: Int, errors: [FieldError] = [], refused: RefusedForm? = nil, status: HTTPResponseStatus = .ok,
                                       request: Request) async throws -> Response {
        let obligation = try await CampaignActions.requireObligation(id, request: request)
        let model = try await ObligationShow.Query.run(obligation, readableBy: request.requireActor(), today: CalendarDate.today(), on: request.reads)
        return ObligationShow.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
    }
}

extension ObligationStatus {
    var label: LocalizedText {
        switch self {
        case .notYetDue: return LocalizedText(vi: "Chưa đến hạn", en: "Not yet due")
        case .dueSoon: return LocalizedText(vi: "Sắp đến hạn", en: "Due soon")
        case .extended: return LocalizedText(vi: "Được gia hạn", en: "Extended")
        case .late: return LocalizedText(vi: "Trễ hạn", en: "Late")
        case .submitted: return LocalizedText(vi: "Đã nộp, chờ xem xét", en: "Submitted")
        case .returned: return LocalizedText(vi: "Trả lại để sửa", en: "Returned for revision")
        case .accepted: return LocalizedText(vi: "Đã hoàn thành", en: "Accepted")
        case .handedOver: return LocalizedText(vi: "Đã chuyển cho đơn vị hợp nhất", en: "Handed over on a merger")
        case .withdrawn: return LocalizedText(vi: "Không còn áp dụng", en: "Withdrawn")
        }
    }
}
