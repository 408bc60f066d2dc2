import Fluent
import LamTheoCore
import Plot
import Vapor

/// Study sessions on the web: a unit's sessions, the session form, a session's page and the attendance
/// sheet, which a cell's secretary fills in on a phone.
enum StudyPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(StudyRoute.sessions, use: index).requiring(.capability(.read))
        routes.get(StudyRoute.newSession, use: newForm).requiring(.capability(.edit))
        routes.post(StudyRoute.newSession, use: create).requiring(.capability(.edit))
        routes.get(StudyRoute.session(.key), use: show).requiring(.capability(.read))
        routes.get(StudyRoute.editSession(.key), use: editForm).requiring(.capability(.edit))
        routes.post(StudyRoute.editSession(.key), use: update).requiring(.capability(.edit))
        routes.get(StudyRoute.deleteSession(.key), use: confirmDelete).requiring(.capability(.edit))
        routes.post(StudyRoute.deleteSession(.key), use: delete).requiring(.capability(.edit))
        routes.get(StudyRoute.attendance(.key), use: attendanceForm).requiring(.capability(.edit))
        routes.post(StudyRoute.attendance(.key), use: takeAttendance).requiring(.capability(.edit))
    }

    // MARK: Reading

    static func index(request: Request) async throws -> Response {
        let language = request.language
        let actor = try request.requireActor()
        let paging = try Paging(request)
        // A secretary or officer of one unit starts at that unit.
        let within = try await request.subtreeFilter(on: request.reads) ?? (actor.readableSubtrees?.count == 1 ? actor.readableSubtrees?.first : nil)
        let unit = try await within.asyncMap { try await Organization.find($0.ids.last!, on: request.reads) } ?? nil
        let campaigns = try await unit.asyncMap { try await CampaignQueries.active(covering: $0, on: request.reads) } ?? []
        let campaignId = try request.queryInteger(.campaign)
        let page = try await StudyQueries.sessions(.init(within: within, campaignId: campaignId, scopes: actor.readableSubtrees),
                                                   page: paging.page, perPage: paging.perPage, on: request.reads)
        let summaries = try await StudyQueries.attendanceSummaries(of: page.items.map { $0.requireID() }, on: request.reads)
        let delegates = try await StudyQueries.delegates(of: page.items.map { $0.requireID() }, on: request.reads)
        let units = try await OrganizationQueries.names(page.items.map(\.organizationId), on: request.reads)
        let lineage = try await unit.asyncMap { try await OrganizationQueries.lineage(of: $0, readableBy: actor, on: request.reads) } ?? []
        let holdsMembers = try await unit.asyncMap { try await OrganizationKind.find($0.kindCode, on: request.reads)?.holdsMembers == true } ?? false
        let heading = LocalizedText(vi: "Học tập, quán triệt", en: "Study sessions")(language)
        let title = unit.map { "\(heading) · \($0.name)" } ?? heading
        let dateTitle = LocalizedText(vi: "Ngày", en: "Date")(language)
        let sessionTitle = LocalizedText(vi: "Buổi học tập", en: "Session")(language)
        let unitTitle = LocalizedText(vi: "Đơn vị", en: "Unit")(language)
        let presentTitle = LocalizedText(vi: "Người dự", en: "Attended")(language)
        let unitId = unit?.requireID()

        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .unwrap(unit) { unit in
                .group(
                    .form(.class("inline"), .method(.get), .action(StudyRoute.sessions.path),
                          .input(.type(.hidden), .name(QueryName.unit.name), .value(String(unit.requireID()))),
                          .div(.label(.for("campaign"), .text(LocalizedText(vi: "Đợt triển khai", en: "Campaign")(language))),
                               campaignSelect(campaigns, selected: campaignId, language: language)),
                          .button(.type(.submit), .class("secondary"), .text(LocalizedText(vi: "Lọc", en: "Filter")(language)))),
                    .div(.class("actions"),
                         .if(actor.can(.edit, at: unit.treePath), .a(.class("button"), .href(StudyRoute.newSession.path(query: [.unit: unit.requireID(), .campaign: campaignId])),
                                                                     .text(LocalizedText(vi: "Ghi buổi học tập", en: "Record a session")(language)))),
                         .if(holdsMembers, .a(.class("button secondary"), .href(StudyRoute.reflections.path(query: [.unit: unit.requireID()])),
                                              .text(LocalizedText(vi: "Bài thu hoạch", en: "Reflections")(language))))))
            },
            page.items.isEmpty
                ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có buổi học tập nào.", en: "No study sessions yet.")(language)))
                : .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                    .thead(.tr(.th(.text(dateTitle)), .th(.text(sessionTitle)), .th(.text(unitTitle)), .th(.class("num"), .text(presentTitle)))),
                    .tbody(.forEach(page.items) { session in
                        .tr(.td(.attribute(named: "data-label", value: dateTitle), .text(session.heldOn.vietnamese)),
                            .td(.attribute(named: "data-label", value: sessionTitle), .a(.href(StudyRoute.session(.value(session.requireID())).path), .text(session.title))),
                            .td(.attribute(named: "data-label", value: unitTitle), .text(units[session.organizationId] ?? "")),
                            .td(.class("num"), .attribute(named: "data-label", value: presentTitle),
                                .text((summaries[session.requireID()] ?? AttendanceSummary()).attendedText(with: delegates[session.requireID()], language: language))))
                    }))),
            Pager(page: page.page, pageCount: page.pageCount, total: page.total, link: {
                StudyRoute.sessions.path(query: [.unit: unitId, .campaign: campaignId, "page": $0])
            }).node(language)
        )
        let crumbs = unit.map { _ in OrganizationPages.crumbs(lineage[...], current: heading, language: language) } ?? []
        return Layout(title: title, crumbs: crumbs, content: content).response(for: request)
    }

    static func show(request: Request) async throws -> Response {
        let session = try await StudyActions.requireSession(request.id(), .read, request: request)
        let model = try await StudySessionShow.Query.run(session, readableBy: request.requireActor(), on: request.reads)
        return StudySessionShow.View(model: model).response(for: request)
    }

    // MARK: The session form

    /// A bridge point row as the form sends it: the count is text until checked.
    struct BridgePointRow: Content {
        var name: String?
        var attendeeCount: String?
    }

    struct SessionForm: Content {
        var organizationId: Int?
        var campaignId: String?
        var title: String?
        var heldOn: String?
        var format: String?
        var presenter: String?
        var nonMemberAttendees: String?
        var documentIds: [Int]?
        var bridgePoints: [BridgePointRow]?
        /// Set by the "more rows" button: show the form again with more empty rows, saving nothing.
        var more: String?

        /// The rows with something typed in; the form's spare rows are blank.
        var filledBridgePoints: [BridgePointRow] {
            (bridgePoints ?? []).filter { !VietnameseText.normalized($0.name ?? "").isEmpty || !($0.attendeeCount ?? "").isEmpty }
        }

        /// The input the command takes; counts typed as 4.360 or 4360 alike.
        func input() throws -> StudySessionInput {
            var validator = Validator()
            func count(_ raw: String?, field: String) -> Int? {
                let digits = (raw ?? "").filter { !$0.isWhitespace && $0 != "." }
                guard !digits.isEmpty else { return nil }
                guard let value = Int(digits) else {
                    validator.add(field, LocalizedText(vi: "Phải là một số nguyên", en: "Must be a whole number"))
                    return nil
                }
                return value
            }
            let input = StudySessionInput(
                organizationId: organizationId, campaignId: campaignId.flatMap { Int($0) }, title: title, heldOn: heldOn, format: format,
                presenter: presenter, nonMemberAttendees: count(nonMemberAttendees, field: "nonMemberAttendees"), documentIds: documentIds,
                bridgePoints: filledBridgePoints.enumerated().map { index, row in
                    BridgePointInput(name: row.name, attendeeCount: count(row.attendeeCount, field: "bridgePoints[\(index)].attendeeCount"))
                })
            try validator.throwIfInvalid()
            return input
        }
    }

    static func newForm(request: Request) async throws -> Response {
        let form = SessionForm(organizationId: try request.queryInteger(.unit), campaignId: try request.queryText(.campaign),
                               heldOn: CalendarDate.today().vietnamese, format: StudyFormat.inPerson.rawValue)
        return try await renderSessionForm(form, session: nil, errors: [], request: request)
    }

    static func create(request: Request) async throws -> Response {
        let form = try request.content.decode(SessionForm.self)
        if form.more != nil { return try await renderSessionForm(form, session: nil, errors: [], request: request) }
        do {
            let session = try await StudyActions.record(try form.input(), request: request)
            return request.redirect(to: StudyRoute.attendance(.value(session.requireID())).path, flash: LocalizedText(
                vi: "Đã ghi buổi học tập “\(session.title)” ngày \(session.heldOn.vietnamese). Mời điểm danh: mặc định mọi người có mặt.",
                en: "Study session “\(session.title)” of \(session.heldOn.vietnamese) recorded. Now take attendance: everyone is present by default."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderSessionForm(form, session: nil, errors: error.fieldErrors, request: request)
        }
    }

    static func editForm(request: Request) async throws -> Response {
        let session = try await StudyActions.requireSession(request.id(), .edit, request: request)
        let id = session.requireID()
        let form = SessionForm(
            organizationId: session.organizationId, campaignId: session.campaignId.map(String.init), title: session.title, heldOn: session.heldOn.vietnamese,
            format: session.format.rawValue, presenter: session.presenter, nonMemberAttendees: String(session.nonMemberAttendees),
            documentIds: try await StudyQueries.documents(of: id, on: request.reads).map { $0.requireID() },
            bridgePoints: try await StudyQueries.bridgePoints(of: id, on: request.reads).map { BridgePointRow(name: $0.name, attendeeCount: String($0.attendeeCount)) })
        return try await renderSessionForm(form, session: session, errors: [], request: request)
    }

    static func update(request: Request) async throws -> Response {
        let session = try await StudyActions.requireSession(request.id(), .edit, request: request)
        let form = try request.content.decode(SessionForm.self)
        if form.more != nil { return try await renderSessionForm(form, session: session, errors: [], request: request) }
        do {
            let input = try form.input()
            let saved = try await StudyActions.update(session.requireID(), request: request) { _, _ in input }
            return request.redirect(to: StudyRoute.session(.value(session.requireID())).path, flash: LocalizedText(
                vi: "Đã lưu buổi học tập “\(saved.title)” ngày \(saved.heldOn.vietnamese).", en: "Study session “\(saved.title)” of \(saved.heldOn.vietnamese) saved."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderSessionForm(form, session: session, errors: error.fieldErrors, request: request)
        }
    }

    /// What deleting a session takes with it, in words: "buổi học tập “…” ngày 04/12/2026 cùng điểm danh của 33
    /// đảng viên và 2 điểm cầu".
    private static func deletion(of session: StudySession, on db: any Database) async throws -> LocalizedText {
        let id = session.requireID()
        let marked = try await StudyQueries.attendanceSummaries(of: [id], on: db)[id]?.marked ?? 0
        let points = try await StudyQueries.bridgePoints(of: id, on: db).count
        let number = VietnameseFormat.integer
        // A session without bridge points does not mention them.
        let bridged = points == 0 ? LocalizedText(vi: "", en: "") : LocalizedText(vi: " và \(number(points)) điểm cầu", en: " and \(points) bridge points")
        return LocalizedText(vi: "buổi học tập “\(session.title)” ngày \(session.heldOn.vietnamese) cùng điểm danh của \(number(marked)) đảng viên\(bridged.vi)",
                             en: "the study session “\(session.title)” of \(session.heldOn.vietnamese) with the attendance of \(marked) members\(bridged.en)")
    }

    /// Deleting takes the attendance with it, and the members' "studied" with it: the page says so first.
    static func confirmDelete(request: Request) async throws -> Response {
        let session = try await StudyActions.requireSession(request.id(), .edit, request: request)
        let id = session.requireID()
        let what = try await deletion(of: session, on: request.reads)
        let campaign = try await session.campaignId.asyncMap { try await CampaignQueries.require($0, on: request.reads) }
        return ConfirmationView(
            title: LocalizedText(vi: "Xóa \(what.vi)?", en: "Delete \(what.en)?"),
            consequences: [
                LocalizedText(vi: "Xóa \(what.vi).", en: "Deletes \(what.en)."),
                campaign.map { LocalizedText(vi: "Số liệu học tập của đợt “\($0.title)” được tính lại: ai chỉ dự buổi này sẽ thành chưa học tập.",
                                             en: "The study figures of “\($0.title)” are counted again: whoever attended only this session becomes not studied.") }
                    ?? LocalizedText(vi: "Buổi này không thuộc đợt triển khai nào: số liệu các đợt không đổi.",
                                     en: "The session belongs to no campaign: no campaign's figures change."),
                LocalizedText(vi: "Không khôi phục lại được; lịch sử thay đổi vẫn giữ bản ghi đã xóa.",
                              en: "It cannot be undone; the change history keeps a record of what was deleted."),
            ],
            action: StudyRoute.deleteSession(.value(id)).path, button: LocalizedText(vi: "Xóa buổi học tập", en: "Delete the session"),
            back: StudyRoute.session(.value(id)).path
        ).response(for: request)
    }

    static func delete(request: Request) async throws -> Response {
        let found = try await StudyActions.requireSession(request.id(), .edit, request: request)
        let what = try await deletion(of: found, on: request.reads)
        let session = try await StudyActions.delete(found.requireID(), request: request)
        return request.redirect(to: StudyRoute.sessions.path(query: [.unit: session.organizationId]),
                                flash: LocalizedText(vi: "Đã xóa \(what.vi).", en: "Deleted \(what.en)."))
    }

    /// How many empty bridge point rows the form offers below the filled ones; "more rows" adds as many again.
    static let emptyBridgePointRows = 5

    private static func renderSessionForm(_ form: SessionForm, session: StudySession?, errors: [FieldError], request: Request) async throws -> Response {
        let language = request.language
        let fields = FormFields(request, errors: errors)
        let unitId = session?.organizationId ?? form.organizationId
        let unit = try await unitId.asyncMap { try await Organization.find($0, on: request.reads) } ?? nil
        let actor = try request.requireActor()
        let lineage = try await unit.asyncMap { try await OrganizationQueries.lineage(of: $0, readableBy: actor, on: request.reads) } ?? []
        let campaigns = try await unit.asyncMap { try await CampaignQueries.active(covering: $0, on: request.reads) } ?? []
        // The documents of the campaigns the unit takes part in, and those already chosen.
        let documents = try await StudyQueries.documents(ids: Array(Set(campaigns.map(\.documentId) + (form.documentIds ?? []))), on: request.reads)
        let shownRows = form.filledBridgePoints + Array(repeating: BridgePointRow(), count: emptyBridgePointRows)
        let title = session.map { LocalizedText(vi: "Sửa: \($0.title)", en: "Edit: \($0.title)")(language) }
            ?? LocalizedText(vi: "Ghi buổi học tập, quán triệt", en: "Record a study session")(language)
        let action = session.map { StudyRoute.editSession(.value($0.requireID())).path } ?? StudyRoute.newSession.path
        let nameLabel = LocalizedText(vi: "Tên điểm cầu", en: "Bridge point")
        let countLabel = LocalizedText(vi: "Số người", en: "Attendees")

        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .unwrap(unit) { .p(.text(LocalizedText(vi: "Đơn vị tổ chức: ", en: "Held by: ")(language) + $0.name)) },
            fields.summary,
            fields.postForm(action,
                .input(.type(.hidden), .name("organizationId"), .value(unitId.map(String.init) ?? "")),
                .forEach(fields.errors(for: "organizationId")) { .p(.class("field-error"), .text($0)) },
                fields.text("title", LocalizedText(vi: "Tên buổi học tập", en: "Title"), value: form.title, required: true),
                fields.text("heldOn", LocalizedText(vi: "Ngày tổ chức", en: "Date held"), value: form.heldOn, required: true,
                            hint: LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")),
                fields.select("campaignId", LocalizedText(vi: "Đợt triển khai", en: "Campaign"),
                              options: [("", LocalizedText(vi: "— Không thuộc đợt nào —", en: "— None —")(language))]
                                + campaigns.map { (String($0.requireID()), $0.title) }, selected: form.campaignId),
                fields.select("format", LocalizedText(vi: "Hình thức", en: "Format"),
                              options: StudyFormat.allCases.map { ($0.rawValue, $0.label(language)) }, selected: form.format, required: true),
                fields.text("presenter", LocalizedText(vi: "Báo cáo viên", en: "Presenter"), value: form.presenter),
                .if(!documents.isEmpty, .fieldset(.id("documentIds"),
                    .element(named: "legend", text: LocalizedText(vi: "Văn bản học tập", en: "Documents studied")(language)),
                    .forEach(documents) { document in
                        .div(.class("choice"),
                             .input(.type(.checkbox), .name("documentIds[]"), .value(String(document.requireID())), .id("document-\(document.requireID())"),
                                    .checked((form.documentIds ?? []).contains(document.requireID()))),
                             .label(.for("document-\(document.requireID())"), .strong(.text(document.symbol)), .text(" — \(document.title)")))
                    },
                    .forEach(fields.errors(for: "documentIds")) { .p(.class("field-error"), .text($0)) })),
                count(fields, "nonMemberAttendees", LocalizedText(vi: "Số người ngoài Đảng dự", en: "Non-member attendees"), value: form.nonMemberAttendees),
                .fieldset(.class("rows"),
                    .element(named: "legend", text: LocalizedText(vi: "Điểm cầu (nếu có)", en: "Bridge points (if any)")(language)),
                    .forEach(Array(shownRows.enumerated())) { index, row in
                        .div(.class("row"),
                             fields.text("bridgePoints[\(index)].name", LocalizedText(vi: "\(nameLabel.vi) \(index + 1)", en: "\(nameLabel.en) \(index + 1)"),
                                         value: row.name, named: "bridgePoints[\(index)][name]"),
                             count(fields, "bridgePoints[\(index)].attendeeCount", countLabel, value: row.attendeeCount,
                                   named: "bridgePoints[\(index)][attendeeCount]"))
                    },
                    .p(.class("muted"), .text(LocalizedText(vi: "Cần thêm dòng? Bấm “Thêm dòng điểm cầu” ở cuối trang.",
                                                            en: "Need more rows? Press “More bridge point rows” at the end of the form.")(language)))),
                // Save comes first, so that Enter in any field saves: the first submit button is the form's default.
                .div(.class("actions"),
                     .button(.type(.submit), .text(LocalizedText(vi: "Lưu", en: "Save")(language))),
                     .button(.type(.submit), .class("secondary"), .name("more"), .value("1"),
                             .text(LocalizedText(vi: "Thêm dòng điểm cầu", en: "More bridge point rows")(language)))))
        )
        let status: HTTPStatus = errors.isEmpty ? .ok : .unprocessableEntity
        return Layout(title: title, crumbs: OrganizationPages.crumbs(lineage[...], current: title, language: language), content: content)
            .response(for: request, status: status)
    }

    /// A count field: a number keyboard on phones.
    private static func count(_ fields: FormFields, _ name: String, _ label: LocalizedText, value: String?, named: String? = nil) -> Node<HTML.FormContext> {
        fields.text(name, label, value: value, type: .number, named: named)
    }

    // MARK: Attendance

    /// The sheet as the page sends it: `status[memberId]` and `reason[memberId]`.
    struct AttendanceForm: Content {
        var status: [String: String]?
        var reason: [String: String]?

        /// One entry per member, in the order of the roll shown.
        func entries(for roll: [RollEntry]) -> [AttendanceEntry] {
            roll.compactMap { entry in
                let key = String(entry.member.requireID())
                guard let status = status?[key] else { return nil }
                return AttendanceEntry(memberId: entry.member.requireID(), status: status, reason: reason?[key])
            }
        }
    }

    /// The sheet lists everyone on the roll: it is meant for a cell or a small unit, not a city's conference.
    static let largestSheet = 500

    private static func requireSheetSize(_ session: StudySession, on db: any Database) async throws {
        let size = try await OrganizationQueries.subtreeMemberCount(session.treePath, on: db)
        if size > largestSheet {
            throw DomainError.conflict(field: "attendance", LocalizedText(
                vi: "Đơn vị có \(VietnameseFormat.integer(size)) đảng viên, trang điểm danh dành cho đơn vị đến \(largestSheet) đảng viên: hãy điểm danh qua API, hoặc ở buổi sinh hoạt của từng chi bộ",
                en: "The unit has \(size) members and this sheet is for units of up to \(largestSheet): take attendance through the API, or at each cell's own session"))
        }
    }

    /// "Đã lưu điểm danh 33 đảng viên: 31 có mặt, 2 vắng có lý do, 0 vắng không lý do."
    private static func attendanceSaved(_ entries: [AttendanceEntry]) -> LocalizedText {
        let counts = Dictionary(grouping: entries.compactMap { $0.status.flatMap(AttendanceStatus.init(rawValue:)) }, by: { $0 }).mapValues(\.count)
        let present = counts[.present, default: 0], excused = counts[.excused, default: 0], absent = counts[.absent, default: 0]
        let total = present + excused + absent
        return LocalizedText(vi: "Đã lưu điểm danh \(total) đảng viên: \(present) có mặt, \(excused) vắng có lý do, \(absent) vắng không lý do.",
                             en: "Attendance of \(total) members saved: \(present) present, \(excused) excused, \(absent) absent.")
    }

    static func attendanceForm(request: Request) async throws -> Response {
        let session = try await StudyActions.requireSession(request.id(), .edit, request: request)
        try await requireSheetSize(session, on: request.reads)
        return try await renderAttendance(session, sent: nil, errors: [], request: request)
    }

    static func takeAttendance(request: Request) async throws -> Response {
        let session = try await StudyActions.requireSession(request.id(), .edit, request: request)
        try await requireSheetSize(session, on: request.reads)
        let form = try request.content.decode(AttendanceForm.self)
        let entries = form.entries(for: try await StudyQueries.roll(of: session, on: request.reads))
        do {
            _ = try await StudyActions.takeAttendance(of: session.requireID(), AttendanceInput(entries: entries), request: request)
            return request.redirect(to: StudyRoute.session(.value(session.requireID())).path, flash: attendanceSaved(entries))
        } catch let error as DomainError where error.kind != .notFound {
            // The command names entries by position; the page shows each message next to its member.
            let errors = error.fieldErrors.map { error in
                let position = error.field.firstMatch(of: /^entries\[(\d+)\]/).flatMap { Int($0.1) }
                let member = position.flatMap { entries.indices.contains($0) ? entries[$0].memberId : nil }
                return FieldError(field: member.map { "member-\($0)" } ?? error.field, message: error.message)
            }
            return try await renderAttendance(session, sent: form, errors: errors, request: request)
        }
    }

    /// One fieldset per member with three large choices, present by default, and a reason: on a phone a
    /// secretary taps only the absent. Each choice is classed by its status so that the stylesheet colours
    /// it and shows the reason only for a member not marked present.
    private static func renderAttendance(_ session: StudySession, sent: AttendanceForm?, errors: [FieldError], request: Request) async throws -> Response {
        let language = request.language
        let fields = FormFields(request, errors: errors)
        let roll = try await StudyQueries.roll(of: session, on: request.reads)
        let title = LocalizedText(vi: "Điểm danh: \(session.title)", en: "Attendance: \(session.title)")(language)
        let choices: [(AttendanceStatus, LocalizedText)] = [
            (.present, LocalizedText(vi: "Có mặt", en: "Present")), (.absent, LocalizedText(vi: "Vắng", en: "Absent")),
            (.excused, LocalizedText(vi: "Có lý do", en: "Excused")),
        ]
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .p(.class("muted"), .text(session.heldOn.vietnamese + " · " + LocalizedText(
                vi: "\(roll.count) đảng viên. Mặc định là có mặt: chỉ cần chọn người vắng.",
                en: "\(roll.count) members. Everyone is present by default: mark only the absent.")(language))),
            fields.summary,
            fields.postForm(StudyRoute.attendance(.value(session.requireID())).path,
                .forEach(roll) { entry in
                    let id = entry.member.requireID()
                    let key = String(id)
                    let status = sent?.status?[key] ?? entry.attendance?.status.rawValue ?? AttendanceStatus.present.rawValue
                    let reason = sent?.reason?[key] ?? entry.attendance?.reason
                    let messages = fields.errors(for: "member-\(id)")
                    return .fieldset(.class("mark"), .id("member-\(id)"),
                        .element(named: "legend", text: entry.member.fullName),
                        .div(.class("marks"), .forEach(choices) { choice, label in
                            .label(.class(choice.rawValue), .input(.type(.radio), .name("status[\(key)]"), .value(choice.rawValue), .checked(status == choice.rawValue)),
                                   .text(label(language)))
                        }),
                        .input(.class("reason"), .name("reason[\(key)]"), .value(reason ?? ""), .attribute(named: "aria-label", value: LocalizedText(
                                   vi: "Lý do vắng của \(entry.member.fullName)", en: "Why \(entry.member.fullName) was absent")(language)),
                               .placeholder(LocalizedText(vi: "Lý do (nếu vắng)", en: "Reason (if absent)")(language)),
                               .attribute(named: "aria-invalid", value: messages.isEmpty ? nil : "true")),
                        .forEach(messages) { .p(.class("field-error"), .text($0)) })
                },
                .div(.class("actions sticky"), .button(.type(.submit), .text(LocalizedText(vi: "Lưu điểm danh", en: "Save attendance")(language)))))
        )
        let status: HTTPStatus = errors.isEmpty ? .ok : .unprocessableEntity
        return Layout(title: title, content: content).response(for: request, status: status)
    }

    // MARK: Helpers

    static func campaignSelect(_ campaigns: [Campaign], selected: Int?, language: UILanguage) -> Node<HTML.FormContext> {
        .element(named: "select", nodes: [
            .attribute(named: "id", value: "campaign"), .attribute(named: "name", value: "campaign"),
            .element(named: "option", nodes: [.attribute(named: "value", value: ""), .text(LocalizedText(vi: "Tất cả", en: "All")(language))]),
            .forEach(campaigns) { campaign in
                .element(named: "option", nodes: [
                    .attribute(named: "value", value: String(campaign.requireID())),
                    .attribute(named: "selected", value: campaign.id == selected ? "selected" : nil),
                    .text(campaign.title),
                ])
            },
        ])
    }
}
