import Fluent
import LamTheoCore
import Plot
import Vapor

/// `/commitments`: a year's commitments at a unit — registration, completion and assessment rates for the
/// unit and its subtree, each child with the laggards first, leaders' commitments first, and in a cell the
/// roll with who has not registered (and a reminder button); a commitment's page with its check-ins and
/// assessments; the registration form. Members who read no unit see their own cell's commitments.
enum CommitmentPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(CommitmentRoute.list, use: year).requiring(.signedIn)
        routes.get(CommitmentRoute.rows, use: rows).requiring(.capability(.read))
        routes.get(CommitmentRoute.new, use: newForm).requiring(.signedIn)
        routes.post(CommitmentRoute.list, use: create).requiring(.signedIn)
        routes.post(CommitmentRoute.pledges, use: pledge).requiring(.signedIn)
        routes.post(CommitmentRoute.reminders, use: remind).requiring(.capability(.edit))
        routes.get(CommitmentRoute.show(.key), use: show).requiring(.signedIn)
        routes.post(CommitmentRoute.checkIns(.key), bodyLimit: AttachmentType.uploadLimit, use: checkIn).requiring(.signedIn)
        routes.get(CommitmentRoute.evidence(.key, checkIn: .key), use: evidence).requiring(.signedIn)
        routes.post(CommitmentRoute.selfAssessment(.key), use: selfAssess).requiring(.signedIn)
        routes.post(CommitmentRoute.assessment(.key), use: assess).requiring(.capability(.edit))
    }

    static func title(_ year: Int) -> LocalizedText {
        LocalizedText(vi: "Đăng ký làm theo năm \(year)", en: "Commitments for \(year)")
    }

    // MARK: The year at a unit

    static func year(request: Request) async throws -> Response {
        let language = request.language
        let db = request.reads
        let actor = try request.requireActor()
        let year = try CommitmentAPI.year(request)
        let place = try await CommitmentPlace.resolve(request)
        let unit: Organization
        let content: Node<HTML.BodyContext>
        switch place {
        case .cell(let cell):
            unit = cell
            content = .group(
                .h1(.text(title(year)(language) + " · " + cell.name)),
                .p(.class("muted"), .text(LocalizedText(vi: "Cam kết của đảng viên trong chi bộ được công khai để cùng giám sát.",
                                                        en: "The commitments of a cell's members are public inside the cell, for mutual supervision.")(language))),
                commitmentList(try await CommitmentQueries.cellCommitments(cell, year: year, on: db), language: language))
        case .unit(let found):
            unit = found
            let link = { (list: CommitmentList) in CommitmentRoute.rows.path(query: [.unit: found.requireID(), "year": year, "list": list.rawValue]) }
            let subtree = try await CommitmentQueries.coverage(year: year, at: found, .subtree, on: db)
            let children = try await CommitmentQueries.children(of: found, year: year, on: db)
            let leaders = try await CommitmentQueries.leaders(year: year, within: found, on: db)
            let holdsMembers = found.memberCount > 0
            content = .group(
                .h1(.text(title(year)(language) + " · " + found.name)),
                .p(.a(.href(CommitmentRoute.list.path(query: [.unit: found.requireID(), "year": year - 1])), .text("‹ \(year - 1)")), .text(" · "),
                   .a(.href(CommitmentRoute.list.path(query: [.unit: found.requireID(), "year": year + 1])), .text("\(year + 1) ›"))),
                figures(subtree, link: link, language: language),
                .if(!leaders.isEmpty, .group(
                    .h2(.text(LocalizedText(vi: "Trách nhiệm nêu gương của người đứng đầu", en: "Leaders' exemplary-responsibility commitments")(language))),
                    commitmentList(leaders, language: language))),
                .if(!children.isEmpty, childTable(children, year: year, language: language)),
                .if(holdsMembers, try await roll(of: found, year: year, canEdit: actor.can(.edit, at: found.treePath), request: request)))
        }
        return Layout(title: title(year)(language), crumbs: [Crumb(title: unit.name, url: nil)], content: content).response(for: request)
    }

    /// The rows behind a figure.
    static func rows(request: Request) async throws -> Response {
        let language = request.language
        let year = try CommitmentAPI.year(request)
        guard case .unit(let unit) = try await CommitmentPlace.resolve(request) else { throw Abort(.notFound) }
        let list = try CommitmentAPI.listParameter(request)
        let paging = try Paging(request)
        let link = { (page: Int) in CommitmentRoute.rows.path(query: [.unit: unit.requireID(), "year": year, "list": list.rawValue, "page": page]) }
        let body: Node<HTML.BodyContext>
        if list == .notRegistered {
            let page = try await CommitmentQueries.unregistered(year: year, within: unit, page: paging.page, perPage: paging.perPage, on: request.reads)
            body = .group(
                .ul(.forEach(page.items) { .li(.a(.href(MemberRoute.show(.value($0.requireID())).path), .text($0.fullName))) }),
                Pager(page: page.page, pageCount: page.pageCount, total: page.total, link: link).node(language))
        } else {
            let page = try await CommitmentQueries.commitments(list, year: year, within: unit, page: paging.page, perPage: paging.perPage, on: request.reads)
            body = .group(commitmentList(page.items, language: language),
                          Pager(page: page.page, pageCount: page.pageCount, total: page.total, link: link).node(language))
        }
        let heading = "\(list.label(language)) · \(unit.name) · \(year)"
        return Layout(title: heading, crumbs: [Crumb(title: title(year)(language), url: CommitmentRoute.list.path(query: [.unit: unit.requireID(), "year": year]))],
                      content: .group(.h1(.text(heading)), body)).response(for: request)
    }

    // MARK: Registration

    struct CommitmentForm: Content {
        var memberId: Int?
        var year: Int?
        var campaignId: String?
        var title: String?
        var measure: String?
        var dueOn: String?

        var input: CommitmentInput {
            CommitmentInput(memberId: memberId, year: year, campaignId: campaignId.flatMap { Int($0) }, title: title, measure: measure, dueOn: dueOn)
        }
    }

    static func newForm(request: Request) async throws -> Response {
        let memberId = try request.queryInteger("member") ?? request.actor?.memberId
        let template = try await request.queryInteger("template").asyncMap { try await CommitmentTemplate.find($0, on: request.reads) } ?? nil
        let form = CommitmentForm(memberId: memberId, year: try CommitmentAPI.year(request), campaignId: template.map { String($0.campaignId) },
                                  title: template?.title, measure: template?.measure, dueOn: nil)
        return try await renderForm(form, errors: [], request: request)
    }

    static func create(request: Request) async throws -> Response {
        let form = try request.content.decode(CommitmentForm.self)
        do {
            let commitment = try await CommitmentActions.register(form.input, request: request)
            return request.redirect(to: CommitmentRoute.show(.value(commitment.requireID())).path, flash: LocalizedText(
                vi: "Đã đăng ký việc làm theo năm \(commitment.year): “\(commitment.title)”, hạn \(commitment.dueOn.vietnamese).",
                en: "Commitment for \(commitment.year) registered: “\(commitment.title)”, due \(commitment.dueOn.vietnamese)."))
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            return try await renderForm(form, errors: error.fieldErrors, request: request, status: .unprocessableEntity)
        }
    }

    private static func renderForm(_ form: CommitmentForm, errors: [FieldError], request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        guard let memberId = form.memberId else { throw Abort(.notFound) }
        try await CommitmentActions.requireOwnerOrEditor(memberId, request: request)
        let member = try await MemberQueries.require(memberId, on: request.reads)
        let year = form.year ?? CalendarDate.today().year
        let topics = try await CommitmentQueries.topics(for: member, year: year, on: request.reads)
        let templates = try await CommitmentQueries.templates(of: topics.map { $0.requireID() }, on: request.reads)
        let fields = FormFields(request, errors: errors)
        let heading = title(year)(language) + " · " + member.fullName
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(heading)),
            .if(!templates.isEmpty, .group(
                .p(.text(LocalizedText(vi: "Gợi ý theo chuyên đề (chọn để điền sẵn):", en: "Suggestions from the topic (choose one to pre-fill):")(language))),
                .ul(.forEach(templates) { template in
                    .li(.a(.href(CommitmentRoute.new.path(query: ["member": memberId, "year": year, "template": template.id!])), .text(template.title)))
                }))),
            fields.summary,
            fields.postForm(CommitmentRoute.list.path,
                .input(.type(.hidden), .name("memberId"), .value(String(memberId))),
                .input(.type(.hidden), .name("year"), .value(String(year))),
                fields.select("campaignId", LocalizedText(vi: "Chuyên đề năm", en: "Topic of the year"),
                              options: [(value: "", title: LocalizedText(vi: "(không gắn chuyên đề)", en: "(no topic)")(language))]
                                + topics.map { (value: String($0.requireID()), title: $0.title) },
                              selected: form.campaignId ?? topics.first.map { String($0.requireID()) }),
                fields.text("title", CommitmentCommands.Labels.title, value: form.title, required: true),
                fields.text("measure", CommitmentCommands.Labels.measure, value: form.measure, required: true,
                            hint: LocalizedText(vi: "Ví dụ: vận động 20 hộ phân loại rác tại nguồn", en: "For example: get 20 households sorting their waste")),
                fields.text("dueOn", CommitmentCommands.Labels.dueOn, value: form.dueOn, required: true, hint: LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")),
                fields.submit(LocalizedText(vi: "Đăng ký", en: "Register"))))
        return Layout(title: heading, crumbs: [Crumb(title: title(year)(language), url: CommitmentRoute.list.path(query: ["year": year]))], content: content)
            .response(for: request, status: status)
    }

    struct PledgeForm: Content {
        var memberId: Int?
        var year: Int?
        var text: String?
    }

    /// The pledge is written on the member's own page (`/me`), which a refusal shows again as typed.
    static func pledge(request: Request) async throws -> Response {
        let form = try request.content.decode(PledgeForm.self)
        let own = request.actor?.memberId == form.memberId
        do {
            let pledge = try await CommitmentActions.pledge(PledgeInput(memberId: form.memberId, year: form.year, text: form.text), request: request)
            return request.redirect(to: own ? PrivacyRoute.me.path(query: [:], fragment: pledgeForm) : MemberRoute.show(.value(form.memberId ?? 0)).path,
                                    flash: LocalizedText(vi: "Đã lưu cam kết tu dưỡng, rèn luyện năm \(pledge.year).",
                                                         en: "Your pledge for \(pledge.year) saved."))
        } catch let error as DomainError where own && (error.kind == .invalid || error.kind == .conflict) {
            let errors = error.fieldErrors.map { $0.field == "text" ? FieldError(field: pledgeForm, message: $0.message) : $0 }
            return try await SelfServicePages.renderMe(errors: errors, refused: RefusedForm(form: pledgeForm, form), request: request,
                                                       status: .unprocessableEntity)
        }
    }

    /// The pledge form's name on `/me`, and its text area's id.
    static let pledgeForm = "pledge"

    struct ReminderForm: Content {
        var memberId: Int?
        var year: Int?
        var unit: Int?
    }

    /// Back to the roll where the button was pressed, at the member reminded, with a note saying so.
    static func remind(request: Request) async throws -> Response {
        let form = try request.content.decode(ReminderForm.self)
        let reminder = try await CommitmentActions.remind(memberId: form.memberId, year: form.year, request: request)
        let member = try await MemberQueries.require(reminder.memberId, on: request.reads)
        return request.redirect(to: CommitmentRoute.list.path(query: [.unit: form.unit, "year": form.year], fragment: "member-\(reminder.memberId)"),
                                flash: LocalizedText(vi: "Đã nhắc \(member.fullName) đăng ký làm theo năm \(reminder.year). Lời nhắc hiện trên trang của đảng viên.",
                                                     en: "\(member.fullName) reminded to register commitments for \(reminder.year). The reminder shows on their page."))
    }

    // MARK: One commitment

    static func show(request: Request) async throws -> Response {
        try await renderCommitment(errors: [], request: request)
    }

    static func checkIn(request: Request) async throws -> Response {
        let form = try request.content.decode(CommitmentCheckInInput.self)
        return try await handle(request, form: checkInForm, sent: form) { id in
            let checkIn = try await CommitmentActions.checkIn(id, form, request: request)
            return LocalizedText(vi: "Đã cập nhật tiến độ ngày \(checkIn.notedOn.vietnamese)" + (checkIn.progress.map { ": \($0)%." } ?? "."),
                                 en: "Progress of \(checkIn.notedOn.vietnamese) recorded" + (checkIn.progress.map { ": \($0)%." } ?? "."))
        }
    }

    static func evidence(request: Request) async throws -> Response {
        try await CommitmentActions.evidence(of: request.id("checkInId"), commitment: request.id(), request: request)
    }

    static func selfAssess(request: Request) async throws -> Response {
        let form = try request.content.decode(AssessmentInput.self)
        return try await handle(request, form: selfAssessmentForm, sent: form, fields: ["note": "selfNote"]) { id in
            let commitment = try await CommitmentActions.selfAssess(id, form, request: request)
            return LocalizedText(vi: "Đã lưu tự đánh giá: \(resultText(commitment.selfResult, nil, language: .vi)).",
                                 en: "Your self-assessment saved: \(resultText(commitment.selfResult, nil, language: .en)).")
        }
    }

    static func assess(request: Request) async throws -> Response {
        let form = try request.content.decode(AssessmentInput.self)
        return try await handle(request, form: assessmentForm, sent: form, fields: ["result": "cellResult", "note": "cellNote"]) { id in
            let commitment = try await CommitmentActions.assess(id, form, request: request)
            return LocalizedText(vi: "Đã lưu đánh giá của chi bộ: \(resultText(commitment.cellResult, nil, language: .vi)).",
                                 en: "The cell's assessment saved: \(resultText(commitment.cellResult, nil, language: .en)).")
        }
    }

    /// The names of a commitment page's forms, for showing a refused one again.
    private static let checkInForm = "check-in", selfAssessmentForm = "self-assessment", assessmentForm = "assessment"

    /// Runs one of a commitment page's forms: back to the page at that form with `write`'s note, or the page
    /// again with the refused form as typed, its messages at its fields (`fields` maps the command's field
    /// names to the form's ids where they differ).
    private static func handle(_ request: Request, form: String, sent: some Encodable, fields: [String: String] = [:],
                               _ write: (Int) async throws -> LocalizedText) async throws -> Response {
        let id = try request.id()
        do {
            let note = try await write(id)
            return request.redirect(to: CommitmentRoute.show(.value(id)).path(query: [:], fragment: form), flash: note)
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            let errors = error.fieldErrors.map { FieldError(field: fields[$0.field] ?? $0.field, message: $0.message) }
            return try await renderCommitment(errors: errors, refused: RefusedForm(form: form, sent), request: request, status: .unprocessableEntity)
        }
    }

    private static func renderCommitment(errors: [FieldError], refused: RefusedForm? = nil, request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let actor = try request.requireActor()
        let commitment = try await CommitmentActions.requireCommitment(request.id(), request: request)
        let detail = try await CommitmentAPI.detail(commitment, on: request.reads)
        let member = try await MemberQueries.require(commitment.memberId, on: request.reads)
        let id = commitment.requireID()
        let fields = FormFields(request, errors: errors)
        let checkIn = fields.refilled(from: refused, form: checkInForm)
        let selfAssessment = fields.refilled(from: refused, form: selfAssessmentForm)
        let assessment = fields.refilled(from: refused, form: assessmentForm)
        let results = CommitmentResult.allCases.map { (value: $0.rawValue, title: $0.label(language)) }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(commitment.title)),
            .dl(.class("facts"),
                .dt(.text(LocalizedText(vi: "Đảng viên", en: "Member")(language))),
                .dd(.text(member.fullName), .unwrap(detail.leaderTitle) { .span(.class("badge"), .text(" " + $0)) }),
                .dt(.text(CommitmentCommands.Labels.measure(language))), .dd(.text(commitment.measure)),
                .dt(.text(CommitmentCommands.Labels.dueOn(language))), .dd(.text(commitment.dueOn.vietnamese)),
                .dt(.text(LocalizedText(vi: "Tự đánh giá", en: "Self-assessment")(language))),
                .dd(.text(resultText(commitment.selfResult, commitment.selfNote, language: language))),
                .dt(.text(LocalizedText(vi: "Chi bộ đánh giá", en: "Cell's assessment")(language))),
                .dd(.text(resultText(commitment.cellResult, commitment.cellNote, language: language)))),
            .h2(.text(LocalizedText(vi: "Cập nhật tiến độ", en: "Check-ins")(language))),
            checkInList(detail.checkIns ?? [], commitment: id, language: language),
            fields.summary,
            // Each form only for whom its action admits: updates for the member or the cell, the self-assessment
            // for the member alone, the cell's assessment for the cell.
            .if(CommitmentActions.writesFor(member, actor: actor), .section(.id(checkInForm),
                checkIn.postForm(CommitmentRoute.checkIns(.value(id)).path, .enctype(.multipartData),
                    checkIn.text("note", LocalizedText(vi: "Tiến độ thực hiện", en: "Progress note"), value: nil, required: true),
                    checkIn.text("progress", LocalizedText(vi: "Tỷ lệ hoàn thành (%)", en: "Progress (%)"), value: nil, type: .number),
                    checkIn.text("value", LocalizedText(vi: "Kết quả đạt được", en: "Value reached"), value: nil),
                    checkIn.text("notedOn", LocalizedText(vi: "Ngày", en: "Date"), value: CalendarDate.today().vietnamese),
                    checkIn.text("evidence", LocalizedText(vi: "Minh chứng (PDF, DOCX, ảnh JPEG hoặc PNG)", en: "Evidence (PDF, DOCX, a JPEG or PNG photo)"),
                                 value: nil, type: .file),
                    checkIn.submit(LocalizedText(vi: "Cập nhật", en: "Check in"))))),
            .if(CommitmentActions.assessesThemself(actor, member: commitment.memberId), .section(.id(selfAssessmentForm),
                .h2(.text(LocalizedText(vi: "Tự đánh giá cuối năm", en: "Year-end self-assessment")(language))),
                selfAssessment.postForm(CommitmentRoute.selfAssessment(.value(id)).path,
                    selfAssessment.select("result", LocalizedText(vi: "Kết quả", en: "Result"), options: results, selected: commitment.selfResult?.rawValue),
                    selfAssessment.text("selfNote", LocalizedText(vi: "Giải trình", en: "Explanation"), value: commitment.selfNote, required: true, named: "note"),
                    selfAssessment.submit(LocalizedText(vi: "Lưu tự đánh giá", en: "Save self-assessment"))))),
            .if(CommitmentActions.assessesFor(member, actor: actor), .section(.id(assessmentForm),
                .h2(.text(LocalizedText(vi: "Chi bộ đánh giá", en: "Cell's assessment")(language))),
                assessment.postForm(CommitmentRoute.assessment(.value(id)).path,
                    assessment.select("cellResult", LocalizedText(vi: "Kết quả", en: "Result"), options: results, selected: commitment.cellResult?.rawValue, named: "result"),
                    assessment.text("cellNote", LocalizedText(vi: "Nhận xét", en: "Comment"), value: commitment.cellNote, named: "note"),
                    assessment.submit(LocalizedText(vi: "Lưu đánh giá", en: "Save assessment"))))))
        return Layout(title: commitment.title, crumbs: [Crumb(title: title(commitment.year)(language), url: CommitmentRoute.list.path(query: ["year": commitment.year])),
                                                        Crumb(title: member.fullName, url: nil)],
                      content: content).response(for: request, status: status)
    }

    // MARK: The member's own page

    /// The commitments section of `/me`: pledge, commitments with their check-ins and assessments, reminders.
    static func ownSection(_ own: OwnCommitments, context: PageContext) -> Node<HTML.BodyContext> {
        let language = context.language
        let year = own.year
        let fields = context.fields(for: pledgeForm)
        return .group(
            .h2(.text(title(year)(language))),
            .unwrap(own.reminder) { reminder in
                .p(.class("notice"), .text(LocalizedText(
                    vi: "\(reminder.sentByName) nhắc bạn đăng ký làm theo năm \(year)" + (reminder.sentAt.map { " (\(VietnameseFormat.date($0)))" } ?? ""),
                    en: "\(reminder.sentByName) reminds you to register your commitments for \(year)")(language)))
            },
            .p(.a(.class("button"), .href(CommitmentRoute.new.path(query: ["member": own.memberId, "year": year])),
                  .text(LocalizedText(vi: "Đăng ký việc làm theo", en: "Register a commitment")(language))),
               .text(" "), .a(.href(CommitmentRoute.list.path(query: ["year": year])), .text(LocalizedText(vi: "Cam kết của chi bộ", en: "My cell's commitments")(language)))),
            .forEach(own.commitments) { commitment in
                .article(.class("card"),
                    .h3(.a(.href(CommitmentRoute.show(.value(commitment.id)).path), .text("\(commitment.year) · \(commitment.title)"))),
                    .p(.text(commitment.measure + " · " + LocalizedText(vi: "hạn ", en: "due ")(language) + commitment.dueOn.vietnamese)),
                    .p(.class("muted"), .text(LocalizedText(vi: "Tự đánh giá: ", en: "Self-assessment: ")(language)
                                              + resultText(commitment.selfResult, commitment.selfNote, language: language)
                                              + " · " + LocalizedText(vi: "Chi bộ: ", en: "Cell: ")(language)
                                              + resultText(commitment.cellResult, commitment.cellNote, language: language))),
                    checkInList(commitment.checkIns, commitment: commitment.id, language: language))
            },
            .h3(.text(LocalizedText(vi: "Cam kết tu dưỡng, rèn luyện năm \(year)", en: "Pledge of self-cultivation for \(year)")(language))),
            fields.postForm(CommitmentRoute.pledges.path,
                .input(.type(.hidden), .name("memberId"), .value(String(own.memberId))),
                .input(.type(.hidden), .name("year"), .value(String(year))),
                fields.textArea(pledgeForm, LocalizedText(vi: "Nội dung cam kết", en: "Your pledge"), value: own.pledge, named: "text"),
                fields.submit(LocalizedText(vi: "Lưu cam kết", en: "Save the pledge"))))
    }

    // MARK: Pieces

    private static func figures(_ coverage: CommitmentCoverage, link: (CommitmentList) -> String, language: UILanguage) -> Node<HTML.BodyContext> {
        let reporting = UnitWording.reporting(coverage.reportingUnits, of: coverage.unitsWithMembers, language: language)
        let members = LocalizedText(vi: "đảng viên", en: "members")
        let reported = coverage.registered.isReported
        return .div(.class("figures"),
            figureTile(LocalizedText(vi: "Đảng viên", en: "Members"), NumberFormat(language).integer(coverage.members), link: nil, note: reporting, language: language),
            // Each share says what it counts: members registered, commitments achieved, members assessed.
            figureTile(LocalizedText(vi: "Đã đăng ký làm theo", en: "Registered"), coverage.registered.text(language, counting: members),
                       link: reported ? link(.registered) : nil, language: language),
            .if(reported, .div(.class("figure"), .a(.href(link(.notRegistered)), .text(LocalizedText(vi: "Ai chưa đăng ký?", en: "Who has not registered?")(language))))),
            figureTile(LocalizedText(vi: "Cam kết hoàn thành (chi bộ đánh giá đạt)", en: "Commitments achieved (cell's assessment)"),
                       coverage.achieved.text(language, counting: LocalizedText(vi: "cam kết", en: "commitments")),
                       link: reported ? link(.achieved) : nil, language: language),
            figureTile(LocalizedText(vi: "Không đạt", en: "Not achieved"),
                       reported ? NumberFormat(language).integer(coverage.notAchieved) : CoverageFigure.notReported(language),
                       link: reported ? link(.notAchieved) : nil, language: language),
            figureTile(LocalizedText(vi: "Đảng viên đã được đánh giá", en: "Members assessed"), coverage.assessed.text(language, counting: members),
                       link: reported ? link(.unassessed) : nil,
                       note: LocalizedText(vi: "bấm để xem cam kết chưa đánh giá", en: "click for the commitments not yet assessed")(language), language: language))
    }

    private static func childTable(_ children: [ChildCommitmentCoverage], year: Int, language: UILanguage) -> Node<HTML.BodyContext> {
        let columns = [LocalizedText(vi: "Đơn vị", en: "Unit"), LocalizedText(vi: "Đã đăng ký", en: "Registered"),
                       LocalizedText(vi: "Hoàn thành", en: "Achieved"), LocalizedText(vi: "Đã đánh giá", en: "Assessed")].map { $0(language) }
        return .group(
            .h2(.text(LocalizedText(vi: "Đơn vị trực thuộc — đăng ký ít nhất trước", en: "Units under it — lowest registration first")(language))),
            .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                .thead(.tr(.forEach(columns) { .th(.text($0)) })),
                .tbody(.forEach(children) { child in
                    let id = child.organization.id
                    let rows = { (list: CommitmentList) in CommitmentRoute.rows.path(query: [.unit: id, "year": year, "list": list.rawValue]) }
                    return .tr(
                        .td(.attribute(named: "data-label", value: columns[0]), .a(.href(CommitmentRoute.list.path(query: [.unit: id, "year": year])), .text(child.organization.name))),
                        cell(columns[1], child.coverage.registered, link: rows(.registered), language: language),
                        cell(columns[2], child.coverage.achieved, link: rows(.achieved), language: language),
                        cell(columns[3], child.coverage.assessed, link: rows(.unassessed), language: language))
                }))))
    }

    private static func cell(_ label: String, _ figure: CoverageFigure, link: String, language: UILanguage) -> Node<HTML.TableRowContext> {
        .td(.attribute(named: "data-label", value: label),
            .if(figure.isReported, .a(.href(link), .text(figure.text(language))), else: .text(figure.text(language))))
    }

    /// A cell's roll for the year: each member, registered or not, with the last reminder and a button to send one.
    private static func roll(of cell: Organization, year: Int, canEdit: Bool, request: Request) async throws -> Node<HTML.BodyContext> {
        let language = request.language
        let members = try await Member.query(on: request.reads).filter(\.$organizationId == cell.requireID())
            .filter(\.$status ~~ MemberStatus.onRoll).sort(\.$nameSort).range(..<500).all()
        let rows = try await CommitmentQueries.cellCommitments(cell, year: year, on: request.reads)
        let counts = Dictionary(grouping: rows, by: { $0.member.requireID() }).mapValues(\.count)
        let reminders = Dictionary(try await CommitmentQueries.reminders(of: members.map { $0.requireID() }, year: year, on: request.reads)
            .map { ($0.memberId, $0) }, uniquingKeysWith: { first, _ in first })
        let fields = FormFields(request)
        return .group(
            .h2(.text(LocalizedText(vi: "Cam kết của đảng viên", en: "Members' commitments")(language))),
            commitmentList(rows, language: language),
            .h2(.text(LocalizedText(vi: "Danh sách chi bộ", en: "The cell's roll")(language))),
            .ul(.forEach(members) { member in
                let id = member.requireID()
                let count = counts[id] ?? 0
                return .li(.id("member-\(id)"),
                    .a(.href(MemberRoute.show(.value(id)).path), .text(member.fullName)),
                    .text(count > 0 ? LocalizedText(vi: " · \(count) cam kết", en: " · \(count) commitments")(language)
                                    : LocalizedText(vi: " · chưa đăng ký", en: " · not registered")(language)),
                    .unwrap(reminders[id]) { reminder in
                        .span(.class("muted"), .text(LocalizedText(vi: " · đã nhắc", en: " · reminded")(language)
                                                     + (reminder.sentAt.map { " " + VietnameseFormat.date($0) } ?? "")))
                    },
                    .if(canEdit, .group(
                        .text(" "), .a(.href(CommitmentRoute.new.path(query: ["member": id, "year": year])), .text(LocalizedText(vi: "Ghi thay", en: "Record for them")(language))),
                        .if(count == 0, .form(.method(.post), .action(CommitmentRoute.reminders.path),
                            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(fields.csrfToken)),
                            .input(.type(.hidden), .name("memberId"), .value(String(id))),
                            .input(.type(.hidden), .name("year"), .value(String(year))),
                            .input(.type(.hidden), .name("unit"), .value(String(cell.requireID()))),
                            .button(.type(.submit), .class("secondary"), .text(LocalizedText(vi: "Nhắc đăng ký", en: "Remind")(language))))))))
            }))
    }

    private static func commitmentList(_ rows: [CommitmentRow], language: UILanguage) -> Node<HTML.BodyContext> {
        rows.isEmpty
            ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có cam kết nào.", en: "No commitments yet.")(language)))
            : .ul(.class("commitments"), .forEach(rows) { row in
                .li(.a(.href(CommitmentRoute.show(.value(row.commitment.requireID())).path), .text(row.commitment.title)),
                    .text(" · \(row.member.fullName)"),
                    .unwrap(row.leaderTitle) { .span(.class("badge"), .text(" " + LocalizedText(vi: "Nêu gương: \($0)", en: "Leader: \($0)")(language))) },
                    .text(" · " + resultText(row.commitment.cellResult, nil, language: language)))
            })
    }

    private static func checkInList(_ checkIns: [CommitmentAPI.CheckInDTO], commitment: Int, language: UILanguage) -> Node<HTML.BodyContext> {
        checkIns.isEmpty
            ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa cập nhật tiến độ.", en: "No check-ins yet.")(language)))
            : .ul(.forEach(checkIns) { checkIn in
                .li(.text(checkIn.notedOn.vietnamese + " · " + checkIn.note
                          + (checkIn.progress.map { " · \($0)%" } ?? "") + (checkIn.value.map { " · \($0)" } ?? "")),
                    .unwrap(checkIn.evidenceName) { name in
                        .group(.text(" · "), .a(.href(CommitmentRoute.evidence(.value(commitment), checkIn: .value(checkIn.id)).path), .text(name)))
                    })
            })
    }

    private static func resultText(_ result: CommitmentResult?, _ note: String?, language: UILanguage) -> String {
        guard let result else { return LocalizedText(vi: "chưa đánh giá", en: "not yet assessed")(language) }
        return result.label(language) + (note.map { ": \($0)" } ?? "")
    }
}
