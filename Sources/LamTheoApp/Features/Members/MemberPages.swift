import Fluent
import LamTheoCore
import Plot
import Vapor

/// Members on the web: the searchable list, a member's page, and the forms.
enum MemberPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(MemberRoute.list, use: index).requiring(.capability(.read))
        routes.get(MemberRoute.new, use: newForm).requiring(.capability(.edit))
        routes.post(MemberRoute.new, use: create).requiring(.capability(.edit))
        routes.get(MemberRoute.show(.key), use: show).requiring(.capability(.read))
        routes.get(MemberRoute.edit(.key), use: editForm).requiring(.capability(.edit))
        routes.post(MemberRoute.edit(.key), use: update).requiring(.capability(.edit))
        routes.get(MemberRoute.transfer(.key), use: transferForm).requiring(.capability(.edit))
        routes.post(MemberRoute.transfer(.key), use: transfer).requiring(.capability(.edit))
    }

    // MARK: Reading

    static func index(request: Request) async throws -> Response {
        let paging = try Paging(request)
        let within = try await request.subtreeFilter(on: request.reads)
        let text = try request.queryText("q") ?? ""
        let model = try await MemberIndex.Query.run(text: text, within: within, readableBy: request.requireActor(), paging: paging, on: request.reads)
        return MemberIndex.View(model: model).response(for: request)
    }

    static func show(request: Request) async throws -> Response {
        let language = request.language
        let member = try await MemberActions.requireMember(request.id(), .read, request: request)
        let id = member.requireID()
        let cell = try await OrganizationQueries.require(member.organizationId, on: request.reads)
        let actor = try request.requireActor()
        let lineage = try await OrganizationQueries.lineage(of: cell, readableBy: actor, on: request.reads)
        let personal = member.personalDataVisible(to: actor)
        if personal { try await PersonalDataLog.logView("member.page", memberId: id, request: request) }
        let history = try await AuditPages.history(of: Member.auditEntity, key: id, request: request)
        let transfers = try await MemberQueries.transfers(of: id, on: request.reads)
        let positions = try await MemberQueries.positions(of: id, on: request.reads)
        let unitIds = Set(transfers.flatMap { [$0.fromOrganizationId, $0.toOrganizationId].compactMap { $0 } } + positions.compactMap(\.organizationId))
        let unitNames = try await OrganizationQueries.names(unitIds, on: request.reads)

        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(member.fullName)),
            .dl(.class("facts"),
                .dt(.text(LocalizedText(vi: "Họ / chữ đệm / tên", en: "Family / middle / given name")(language))),
                .dd(.text("\(member.familyName) / \(member.middleName.isEmpty ? "—" : member.middleName) / \(member.givenName)")),
                .dt(.text(LocalizedText(vi: "Giới tính", en: "Gender")(language))), .dd(.text(member.gender.label(language))),
                .dt(.text(LocalizedText(vi: "Ngày sinh", en: "Date of birth")(language))), .dd(.text(personal ? VietnameseFormat.day(member.birthDate) : "—")),
                .dt(.text(LocalizedText(vi: "Số thẻ đảng viên", en: "Party card number")(language))), .dd(.text(member.cardNumber)),
                .dt(.text(LocalizedText(vi: "Ngày vào Đảng", en: "Admitted")(language))), .dd(.text(VietnameseFormat.day(member.admittedOn))),
                .dt(.text(LocalizedText(vi: "Ngày chính thức", en: "Full member since")(language))), .dd(.text(VietnameseFormat.day(member.fullMemberOn))),
                .dt(.text(LocalizedText(vi: "Tình trạng", en: "Status")(language))), .dd(.text(member.status.label(language))),
                .dt(.text(LocalizedText(vi: "Chi bộ", en: "Cell")(language))), .dd(.a(.href(OrganizationRoute.show(.value(cell.requireID())).path), .text(cell.name))),
                .dt(.text(LocalizedText(vi: "Số CCCD", en: "ID number")(language))), .dd(.text(personal ? member.idNumber ?? "—" : "—")),
                .dt(.text(LocalizedText(vi: "Điện thoại", en: "Phone")(language))), .dd(.text(personal ? member.phone ?? "—" : "—")),
                .dt(.text(LocalizedText(vi: "Địa chỉ", en: "Address")(language))), .dd(.text(personal ? member.address ?? "—" : "—"))),
            // Editing and transferring need `edit` at the member's cell, as their routes do.
            .if(actor.can(.edit, at: cell.treePath), .div(.class("actions"),
                 .a(.class("button secondary"), .href(MemberRoute.edit(.value(id)).path), .text(LocalizedText(vi: "Sửa", en: "Edit")(language))),
                 .if(member.status.isOnRoll, .a(.class("button secondary"), .href(MemberRoute.transfer(.value(id)).path),
                                                .text(LocalizedText(vi: "Chuyển sinh hoạt", en: "Transfer")(language)))))),
            .h2(.text(LocalizedText(vi: "Chức vụ", en: "Positions")(language))),
            positions.isEmpty ? .p(.class("muted"), .text("—")) : .ul(.forEach(positions) { position in
                .li(.text("\(position.title)\(position.organizationId.flatMap { unitNames[$0] }.map { " · \($0)" } ?? ""): "
                          + "\(position.startedOn.vietnamese) – \(position.endedOn?.vietnamese ?? LocalizedText(vi: "nay", en: "now")(language))"))
            }),
            .h2(.text(LocalizedText(vi: "Quá trình sinh hoạt", en: "Cells over time")(language))),
            .ul(.forEach(transfers) { transfer in
                let target = unitNames[transfer.toOrganizationId] ?? ""
                let source = transfer.fromOrganizationId.flatMap { unitNames[$0] }
                return .li(.text("\(transfer.transferredOn.vietnamese): " + (source.map { "\($0) → \(target)" } ?? target)
                                 + (transfer.reason.map { " (\($0))" } ?? "")))
            })
       ,
            history
        )
        return Layout(title: member.fullName, crumbs: OrganizationPages.crumbs(lineage[...], current: member.fullName, language: language),
                      content: content).response(for: request)
    }

    // MARK: Forms

    static func newForm(request: Request) async throws -> Response {
        try await renderMemberForm(MemberInput(status: MemberStatus.full.rawValue, organizationId: try request.queryInteger(.unit)),
                                   member: nil, errors: [], request: request)
    }

    static func create(request: Request) async throws -> Response {
        let form = try request.content.decode(MemberInput.self)
        do {
            let member = try await MemberActions.create(form, request: request)
            let cell = try await Organization.find(member.organizationId, on: request.reads)?.name ?? ""
            return request.redirect(to: MemberRoute.show(.value(member.requireID())).path, flash: LocalizedText(
                vi: "Đã thêm đảng viên \(member.fullName) (thẻ số \(member.cardNumber)) vào \(cell).",
                en: "Member \(member.fullName) (card \(member.cardNumber)) added to \(cell)."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderMemberForm(form, member: nil, errors: error.fieldErrors, request: request)
        }
    }

    static func editForm(request: Request) async throws -> Response {
        let member = try await MemberActions.requireMember(request.id(), .edit, request: request)
        let form = MemberInput(familyName: member.familyName, middleName: member.middleName, givenName: member.givenName,
                              gender: member.gender.rawValue, birthDate: member.birthDate?.vietnamese, cardNumber: member.cardNumber,
                              admittedOn: member.admittedOn?.vietnamese, fullMemberOn: member.fullMemberOn?.vietnamese, status: member.status.rawValue,
                              idNumber: member.idNumber, phone: member.phone, address: member.address, organizationId: member.organizationId)
        return try await renderMemberForm(form, member: member, errors: [], request: request)
    }

    static func update(request: Request) async throws -> Response {
        let member = try await MemberActions.requireMember(request.id(), .edit, request: request)
        let form = try request.content.decode(MemberInput.self)
        do {
            let saved = try await MemberActions.update(member.requireID(), request: request) { _ in form }
            return request.redirect(to: MemberRoute.show(.value(member.requireID())).path, flash: LocalizedText(
                vi: "Đã lưu thông tin của đảng viên \(saved.fullName).", en: "The record of \(saved.fullName) saved."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderMemberForm(form, member: member, errors: error.fieldErrors, request: request)
        }
    }

    private static func renderMemberForm(_ form: MemberInput, member: Member?, errors: [FieldError], request: Request) async throws -> Response {
        let language = request.language
        let fields = FormFields(request, errors: errors)
        let cell = try await form.organizationId.asyncMap { try await Organization.find($0, on: request.reads) } ?? nil
        let actor = try request.requireActor()
        let lineage = try await cell.asyncMap { try await OrganizationQueries.lineage(of: $0, readableBy: actor, on: request.reads) } ?? []
        let title = member.map { LocalizedText(vi: "Sửa \($0.fullName)", en: "Edit \($0.fullName)")(language) }
            ?? LocalizedText(vi: "Thêm đảng viên", en: "New member")(language)
        let action = member.map { MemberRoute.edit(.value($0.requireID())).path } ?? MemberRoute.new.path
        let dateHint = LocalizedText(vi: "dd/mm/yyyy", en: "dd/mm/yyyy")
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .unwrap(cell) { .p(.text(LocalizedText(vi: "Chi bộ: ", en: "Cell: ")(language) + $0.name)) },
            fields.summary,
            fields.postForm(action,
                  .if(member == nil, .input(.type(.hidden), .name("organizationId"), .value(form.organizationId.map(String.init) ?? ""))),
                  .forEach(fields.errors(for: "organizationId")) { .p(.class("field-error"), .text($0)) },
                  fields.text("familyName", LocalizedText(vi: "Họ", en: "Family name"), value: form.familyName, required: true),
                  fields.text("middleName", LocalizedText(vi: "Chữ đệm", en: "Middle name"), value: form.middleName),
                  fields.text("givenName", LocalizedText(vi: "Tên", en: "Given name"), value: form.givenName, required: true),
                  fields.select("gender", LocalizedText(vi: "Giới tính", en: "Gender"),
                                options: Gender.allCases.map { ($0.rawValue, $0.label(language)) }, selected: form.gender, required: true),
                  fields.text("birthDate", LocalizedText(vi: "Ngày sinh", en: "Date of birth"), value: form.birthDate, hint: dateHint),
                  fields.text("cardNumber", LocalizedText(vi: "Số thẻ đảng viên", en: "Party card number"), value: form.cardNumber, required: true),
                  fields.text("admittedOn", LocalizedText(vi: "Ngày vào Đảng", en: "Date admitted"), value: form.admittedOn, hint: dateHint),
                  fields.text("fullMemberOn", LocalizedText(vi: "Ngày chính thức", en: "Date made full member"), value: form.fullMemberOn, hint: dateHint),
                  fields.select("status", LocalizedText(vi: "Tình trạng", en: "Status"),
                                options: MemberStatus.allCases.map { ($0.rawValue, $0.label(language)) }, selected: form.status, required: true),
                  fields.text("idNumber", LocalizedText(vi: "Số CCCD", en: "ID number"), value: form.idNumber),
                  fields.text("phone", LocalizedText(vi: "Điện thoại", en: "Phone"), value: form.phone, type: .tel, autocomplete: "tel"),
                  fields.text("address", LocalizedText(vi: "Địa chỉ", en: "Address"), value: form.address),
                  fields.submit(LocalizedText(vi: "Lưu", en: "Save")))
        )
        let status: HTTPStatus = errors.isEmpty ? .ok : .unprocessableEntity
        return Layout(title: title, crumbs: OrganizationPages.crumbs(lineage[...], current: title, language: language), content: content)
            .response(for: request, status: status)
    }

    struct TransferForm: Content {
        var organizationId: Int?
        var transferredOn: String?
        var reason: String?
    }

    static func transferForm(request: Request) async throws -> Response {
        try await renderTransferForm(TransferForm(), errors: [], request: request)
    }

    static func transfer(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(TransferForm.self)
        do {
            let moved = try await MemberActions.transfer(id, to: form.organizationId, on: form.transferredOn, reason: form.reason, request: request)
            let cell = try await Organization.find(moved.organizationId, on: request.reads)?.name ?? ""
            return request.redirect(to: MemberRoute.show(.value(id)).path, flash: LocalizedText(
                vi: "Đã chuyển sinh hoạt đảng viên \(moved.fullName) sang \(cell).", en: "\(moved.fullName) transferred to \(cell)."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderTransferForm(form, errors: error.fieldErrors, request: request)
        }
    }

    /// Pick the new cell by searching on the same page (no script needed), then confirm.
    private static func renderTransferForm(_ form: TransferForm, errors: [FieldError], request: Request) async throws -> Response {
        let language = request.language
        let member = try await MemberActions.requireMember(request.id(), .edit, request: request)
        let id = member.requireID()
        let fields = FormFields(request, errors: errors)
        let searchText = try request.queryText("q") ?? ""
        let picker = UnitPicker(
            field: "organizationId",
            legend: LocalizedText(vi: "Chi bộ mới", en: "New cell"),
            searchLabel: LocalizedText(vi: "Tìm chi bộ mới theo tên hoặc mã", en: "Find the new cell by name or code"),
            action: MemberRoute.transfer(.value(id)).path, searchText: searchText,
            candidates: try await UnitPicker.candidates(matching: searchText, holdsMembers: true, excluding: member.organizationId,
                                                        selected: form.organizationId, scopes: try request.readableSubtrees, on: request.reads),
            selected: form.organizationId)
        let title = LocalizedText(vi: "Chuyển sinh hoạt: \(member.fullName)", en: "Transfer \(member.fullName)")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            fields.summary,
            picker.searchForm(language),
            fields.postForm(MemberRoute.transfer(.value(id)).path,
                  picker.choices(language, errors: fields.errors(for: "organizationId") + fields.errors(for: "status")),
                  fields.text("transferredOn", LocalizedText(vi: "Ngày chuyển", en: "Transfer date"), value: form.transferredOn,
                              hint: LocalizedText(vi: "dd/mm/yyyy; để trống là hôm nay", en: "dd/mm/yyyy; today when blank")),
                  fields.text("reason", LocalizedText(vi: "Lý do", en: "Reason"), value: form.reason),
                  fields.submit(LocalizedText(vi: "Chuyển sinh hoạt", en: "Transfer")))
        )
        let status: HTTPStatus = errors.isEmpty ? .ok : .unprocessableEntity
        return Layout(title: title, content: content).response(for: request, status: status)
    }
}
