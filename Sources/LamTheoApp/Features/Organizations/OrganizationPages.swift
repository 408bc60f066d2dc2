import Fluent
import LamTheoCore
import Plot
import Vapor

/// The organisation tree on the web: browse, read, and the forms that change it.
enum OrganizationPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(OrganizationRoute.list, use: index).requiring(.capability(.read))
        routes.get(OrganizationRoute.new, use: newForm).requiring(.capability(.edit))
        routes.post(OrganizationRoute.new, use: create).requiring(.capability(.edit))
        routes.get(OrganizationRoute.show(.key), use: show).requiring(.capability(.read))
        routes.get(OrganizationRoute.edit(.key), use: editForm).requiring(.capability(.edit))
        routes.post(OrganizationRoute.edit(.key), use: update).requiring(.capability(.edit))
        routes.get(OrganizationRoute.move(.key), use: moveForm).requiring(.capability(.restructure))
        routes.post(OrganizationRoute.move(.key), use: move).requiring(.capability(.restructure))
        routes.get(OrganizationRoute.merge(.key), use: mergeForm).requiring(.capability(.restructure))
        routes.post(OrganizationRoute.merge(.key), use: merge).requiring(.capability(.restructure))
        routes.get(OrganizationRoute.dissolve(.key), use: dissolveForm).requiring(.capability(.restructure))
        routes.post(OrganizationRoute.dissolve(.key), use: dissolve).requiring(.capability(.restructure))
    }

    // MARK: Reading

    /// The top of the tree, or every unit matching `q`.
    static func index(request: Request) async throws -> Response {
        let language = request.language
        let text = try request.queryText("q") ?? ""
        let paging = try Paging(request)
        let units: [OrganizationSummary]
        var parents: [Int: String] = [:]
        var pager: Node<HTML.BodyContext> = .empty
        let scopes = try request.readableSubtrees
        if text.isEmpty {
            // The top of the tree, or for an officer or secretary the roots of their own scopes.
            if let scopes {
                let roots = try await Organization.query(on: request.reads).filter(\.$id ~~ scopes.compactMap(\.ids.last)).sort(\.$nameSort).all()
                units = try await OrganizationQueries.summaries(of: roots, on: request.reads)
            } else {
                units = try await OrganizationQueries.children(of: nil, includeClosed: false, on: request.reads)
            }
        } else {
            let page = try await OrganizationQueries.search(.init(text: text, scopes: scopes), page: paging.page, perPage: paging.perPage, on: request.reads)
            units = page.items
            parents = try await OrganizationQueries.parentNames(of: units.map { ($0.id, $0.parentId) }, on: request.reads)
            pager = Pager(page, link: { OrganizationRoute.list.path(query: ["q": text, "page": $0]) }).node(language)
        }
        let title = LocalizedText(vi: "Tổ chức đảng", en: "Organisations")(language)
        return Layout(title: title, content: .group(
            .h1(.text(title)),
            searchForm(text: text, language: language),
            UnitRow.table(units.map { UnitRow($0).under(parents[$0.id]) }, language: language,
                          empty: text.isEmpty ? nil : UnitRow.nothingFound(text)),
            pager,
            // A unit at the top of the tree is outside every scope: only administrators add one.
            .if(request.actor?.isAdministrator == true, .div(.class("actions"), .a(.class("button secondary"), .href(OrganizationRoute.new.path),
                .text(LocalizedText(vi: "Thêm tổ chức cấp cao nhất", en: "Add a top-level organisation")(language)))))
        )).response(for: request)
    }

    static func show(request: Request) async throws -> Response {
        let unit = try await readable(request, .read)
        let actor = try request.requireActor()
        if let raw = try request.queryText("asOf"), !raw.isEmpty {
            guard let date = CalendarDate(parsing: raw) else {
                throw DomainError.invalid(field: "asOf", LocalizedText(vi: "Ngày “\(raw)” không hợp lệ (dd/mm/yyyy)", en: "“\(raw)” is not a valid date (dd/mm/yyyy)"))
            }
            let model = try await OrganizationAsOf.Query.run(unit, on: date, readableBy: actor, on: request.reads)
            return OrganizationAsOf.View(model: model).response(for: request)
        }
        let model = try await OrganizationShow.Query.run(unit, includeClosed: try request.queryFlag("closed") ?? false, readableBy: actor, on: request.reads)
        return OrganizationShow.View(model: model).response(for: request)
    }

    // MARK: Forms

    struct UnitForm: Content {
        var name: String?
        var code: String?
        var kindCode: String?
        var parentId: Int?
        var validFrom: String?
        var effectiveOn: String?
    }

    static func newForm(request: Request) async throws -> Response {
        let parentId = try request.queryInteger("parent")
        return try await renderUnitForm(UnitForm(parentId: parentId), unit: nil, errors: [], request: request)
    }

    static func create(request: Request) async throws -> Response {
        let form = try request.content.decode(UnitForm.self)
        do {
            let input = NewOrganization(name: form.name, code: form.code, kindCode: form.kindCode, parentId: form.parentId, validFrom: form.validFrom)
            let unit = try await OrganizationActions.create(input, request: request)
            let parent = try await unit.parentId.asyncMap { try await Organization.find($0, on: request.reads)?.name } ?? nil
            return request.redirect(to: OrganizationRoute.show(.value(unit.requireID())).path, flash: LocalizedText(
                vi: "Đã thêm \(unit.name) (mã \(unit.code))" + (parent.map { ", trực thuộc \($0)." } ?? "."),
                en: "\(unit.name) (code \(unit.code)) added" + (parent.map { " under \($0)." } ?? ".")))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderUnitForm(form, unit: nil, errors: error.fieldErrors, request: request)
        }
    }

    static func editForm(request: Request) async throws -> Response {
        let unit = try await readable(request, .edit)
        let form = UnitForm(name: unit.name, code: unit.code, kindCode: unit.kindCode, parentId: unit.parentId)
        return try await renderUnitForm(form, unit: unit, errors: [], request: request)
    }

    static func update(request: Request) async throws -> Response {
        let unit = try await readable(request, .edit)
        let form = try request.content.decode(UnitForm.self)
        do {
            let changes = OrganizationChanges(name: form.name, code: form.code, kindCode: form.kindCode, effectiveOn: form.effectiveOn)
            let saved = try await OrganizationActions.update(unit.requireID(), changes, request: request)
            return request.redirect(to: OrganizationRoute.show(.value(unit.requireID())).path, flash: LocalizedText(
                vi: "Đã lưu \(saved.name) (mã \(saved.code)).", en: "\(saved.name) (code \(saved.code)) saved."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderUnitForm(form, unit: unit, errors: error.fieldErrors, request: request)
        }
    }

    private static func renderUnitForm(_ form: UnitForm, unit: Organization?, errors: [FieldError], request: Request) async throws -> Response {
        let language = request.language
        let fields = FormFields(request, errors: errors)
        let kinds = try await OrganizationQueries.kinds(on: request.reads)
        let parent = try await form.parentId.asyncMap { try await Organization.find($0, on: request.reads) } ?? nil
        let title = unit == nil ? LocalizedText(vi: "Thêm tổ chức đảng", en: "New organisation")(language)
                                : LocalizedText(vi: "Sửa \(unit!.name)", en: "Edit \(unit!.name)")(language)
        let action = unit.map { OrganizationRoute.edit(.value($0.requireID())).path } ?? OrganizationRoute.new.path
        let actor = try request.requireActor()
        let lineage = try await (unit ?? parent).asyncMap { try await OrganizationQueries.lineage(of: $0, readableBy: actor, on: request.reads) } ?? []
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .unwrap(parent) { .p(.text(Labels.parent(language) + ": " + $0.name)) },
            fields.summary,
            fields.postForm(action,
                  .unwrap(form.parentId) { .input(.type(.hidden), .name("parentId"), .value(String($0))) },
                  fields.text("name", Labels.name, value: form.name, required: true),
                  fields.text("code", Labels.code, value: form.code, required: true,
                              hint: LocalizedText(vi: "Chữ không dấu, chữ số, dấu - _ . /, ví dụ HCM-P014", en: "ASCII letters, digits, - _ . /, e.g. HCM-P014")),
                  fields.select("kindCode", Labels.kind, options: [("", "—")] + kinds.map { ($0.id!, $0.name(language)) },
                                selected: form.kindCode, required: true),
                  unit == nil
                      ? fields.text("validFrom", Labels.validFrom, value: form.validFrom, hint: dateHint)
                      : fields.text("effectiveOn", Labels.effectiveOn, value: form.effectiveOn, hint: dateHint),
                  fields.submit(LocalizedText(vi: "Lưu", en: "Save")))
        )
        let status: HTTPStatus = errors.isEmpty ? .ok : .unprocessableEntity
        return Layout(title: title, crumbs: crumbs(lineage[...], current: title, language: language), content: content).response(for: request, status: status)
    }

    struct TargetForm: Content {
        var targetId: Int?
        var effectiveOn: String?
        var note: String?
    }

    static func moveForm(request: Request) async throws -> Response {
        try await renderTargetForm(.move, form: TargetForm(), errors: [], request: request)
    }

    static func move(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(TargetForm.self)
        do {
            let before = try await contents(of: id, on: request.reads)
            let moved = try await OrganizationActions.move(id, under: form.targetId, effectiveOn: form.effectiveOn, request: request)
            let parent = try await moved.parentId.asyncMap { try await Organization.find($0, on: request.reads)?.name } ?? nil
            return request.redirect(to: OrganizationRoute.show(.value(id)).path, flash: LocalizedText(
                vi: "Đã chuyển \(moved.name) sang trực thuộc \(parent ?? "—")" + (before.isEmpty ? "." : ", cùng \(before.text.vi)."),
                en: "\(moved.name) moved under \(parent ?? "—")" + (before.isEmpty ? "." : ", with \(before.text.en).")))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderTargetForm(.move, form: form, errors: error.fieldErrors.map(\.renamingParentField), request: request)
        }
    }

    static func mergeForm(request: Request) async throws -> Response {
        try await renderTargetForm(.merge, form: TargetForm(), errors: [], request: request)
    }

    static func merge(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(TargetForm.self)
        do {
            let source = try await OrganizationQueries.require(id, on: request.reads)
            let before = try await contents(of: id, on: request.reads)
            let target = try await OrganizationActions.merge(id, into: form.targetId, effectiveOn: form.effectiveOn, request: request)
            return request.redirect(to: OrganizationRoute.show(.value(target.requireID())).path, flash: LocalizedText(
                vi: "Đã hợp nhất \(source.name) vào \(target.name)" + (before.isEmpty ? "." : ": \(before.text.vi) đã chuyển sang \(target.name)."),
                en: "\(source.name) merged into \(target.name)" + (before.isEmpty ? "." : ": \(before.text.en) moved to \(target.name).")))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderTargetForm(.merge, form: form, errors: error.fieldErrors, request: request)
        }
    }

    static func dissolveForm(request: Request) async throws -> Response {
        try await renderTargetForm(.dissolve, form: TargetForm(), errors: [], request: request)
    }

    static func dissolve(request: Request) async throws -> Response {
        let id = try request.id()
        let form = try request.content.decode(TargetForm.self)
        do {
            let dissolved = try await OrganizationActions.dissolve(id, effectiveOn: form.effectiveOn, note: form.note, request: request)
            return request.redirect(to: OrganizationRoute.show(.value(id)).path, flash: LocalizedText(
                vi: "Đã giải thể \(dissolved.name) từ ngày \(VietnameseFormat.day(dissolved.validTo)).",
                en: "\(dissolved.name) dissolved as of \(VietnameseFormat.day(dissolved.validTo))."))
        } catch let error as DomainError where error.kind != .notFound {
            return try await renderTargetForm(.dissolve, form: form, errors: error.fieldErrors, request: request)
        }
    }

    private enum TreeChange {
        case move, merge, dissolve
    }

    /// Move, merge and dissolve share one page: pick a target unit (found by a search on the same page,
    /// so no script is needed), an effective date, and confirm.
    private static func renderTargetForm(_ change: TreeChange, form: TargetForm, errors: [FieldError], request: Request) async throws -> Response {
        let language = request.language
        let unit = try await readable(request, .restructure)
        let id = unit.requireID()
        let fields = FormFields(request, errors: errors)
        let (title, button): (LocalizedText, LocalizedText) = switch change {
        case .move: (LocalizedText(vi: "Chuyển \(unit.name) sang đơn vị cấp trên khác", en: "Move \(unit.name) under another unit"),
                     LocalizedText(vi: "Chuyển", en: "Move"))
        case .merge: (LocalizedText(vi: "Hợp nhất \(unit.name) vào đơn vị khác", en: "Merge \(unit.name) into another unit"),
                      LocalizedText(vi: "Hợp nhất", en: "Merge"))
        case .dissolve: (LocalizedText(vi: "Giải thể \(unit.name)", en: "Dissolve \(unit.name)"), LocalizedText(vi: "Giải thể", en: "Dissolve"))
        }
        let action = switch change {
        case .move: OrganizationRoute.move(.value(id)).path
        case .merge: OrganizationRoute.merge(.value(id)).path
        case .dissolve: OrganizationRoute.dissolve(.value(id)).path
        }
        // A unit moves under a committee; it merges into a unit of its own shape (cell into cell).
        let unitHoldsMembers = try await OrganizationKind.find(unit.kindCode, on: request.reads)?.holdsMembers ?? false
        let searchText = try request.queryText("q") ?? ""
        let picker = UnitPicker(
            field: "targetId",
            legend: change == .move ? LocalizedText(vi: "Đơn vị cấp trên mới", en: "New parent unit") : LocalizedText(vi: "Đơn vị nhận hợp nhất", en: "Unit to merge into"),
            searchLabel: LocalizedText(vi: "Tìm đơn vị theo tên hoặc mã", en: "Find the unit by name or code"),
            action: action, searchText: searchText,
            candidates: change == .dissolve ? [] : try await UnitPicker.candidates(
                matching: searchText, holdsMembers: change == .merge && unitHoldsMembers, excluding: id, selected: form.targetId,
                scopes: try request.readableSubtrees, on: request.reads),
            selected: form.targetId)
        // What the change takes with it, counted now: a merge and a dissolution cannot be undone.
        let held = try await contents(of: id, on: request.reads)
        let explanation: [LocalizedText] = switch change {
        case .move: [held.isEmpty ? LocalizedText(vi: "\(unit.name) được chuyển sang đơn vị cấp trên mới.", en: "\(unit.name) moves under the new parent.")
                                  : LocalizedText(vi: "\(unit.name) được chuyển cùng \(held.text.vi).", en: "\(unit.name) moves with \(held.text.en).")]
        case .merge: [held.isEmpty ? LocalizedText(vi: "\(unit.name) không còn tổ chức trực thuộc hay đảng viên nào để chuyển.",
                                                   en: "\(unit.name) holds no units or members to hand over.")
                                   : LocalizedText(vi: "\(held.text.vi) chuyển sang đơn vị nhận.", en: "\(held.text.en) go to the receiving unit."),
                      LocalizedText(vi: "\(unit.name) được đóng từ ngày hiệu lực, ghi lại nơi hợp nhất; không hoàn tác được.",
                                    en: "\(unit.name) closes on the effective date, with a link to where it went; this cannot be undone.")]
        case .dissolve: [held.isEmpty
                            ? LocalizedText(vi: "\(unit.name) được đóng từ ngày hiệu lực; không hoàn tác được.",
                                            en: "\(unit.name) closes on the effective date; this cannot be undone.")
                            : LocalizedText(vi: "\(unit.name) còn \(held.text.vi): chỉ giải thể được đơn vị không còn đảng viên và tổ chức trực thuộc, hãy chuyển hoặc hợp nhất trước.",
                                            en: "\(unit.name) still holds \(held.text.en): only an empty unit can be dissolved; move or merge them first.")]
        }
        let lineage = try await OrganizationQueries.lineage(of: unit, readableBy: request.requireActor(), on: request.reads)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title(language))),
            .ul(.forEach(explanation) { .li(.text($0(language))) }),
            fields.summary,
            .if(change != .dissolve, picker.searchForm(language)),
            fields.postForm(action,
                  .if(change != .dissolve, picker.choices(language, errors: fields.errors(for: "targetId"))),
                  fields.text("effectiveOn", Labels.effectiveOn, value: form.effectiveOn, hint: dateHint),
                  .if(change == .dissolve, fields.text("note", LocalizedText(vi: "Lý do, căn cứ quyết định", en: "Reason, decision"), value: form.note)),
                  .forEach(fields.errors(for: "id")) { .p(.class("field-error"), .text($0)) },
                  // Merging and dissolving cannot be undone: their button is styled as dangerous, beside a way back.
                  .div(.class("actions"),
                       .button(.type(.submit), .class(change == .move ? "" : "danger"), .text(button(language))),
                       .a(.class("button secondary"), .href(OrganizationRoute.show(.value(id)).path), .text(LocalizedText(vi: "Quay lại, không làm gì", en: "Go back, do nothing")(language)))))
        )
        let status: HTTPStatus = errors.isEmpty ? .ok : .unprocessableEntity
        return Layout(title: title(language), crumbs: crumbs(lineage[...], current: button(language), language: language), content: content)
            .response(for: request, status: status)
    }

    // MARK: Pieces

    /// The unit named in the path, if the caller may do `capability` there (404 when they may not read it).
    private static func readable(_ request: Request, _ capability: Capability) async throws -> Organization {
        let unit = try await OrganizationQueries.require(request.id(), on: request.reads)
        try request.require(capability, at: unit.treePath)
        return unit
    }

    private static let dateHint = LocalizedText(vi: "dd/mm/yyyy; để trống là hôm nay", en: "dd/mm/yyyy; today when blank")

    /// What a unit holds: the units directly under it and the members of its subtree, counted now.
    private struct Holdings {
        let units: Int
        let members: Int

        var isEmpty: Bool { units == 0 && members == 0 }

        /// "6 tổ chức trực thuộc và 310 đảng viên".
        var text: LocalizedText {
            LocalizedText(vi: "\(VietnameseFormat.integer(units)) tổ chức trực thuộc và \(VietnameseFormat.integer(members)) đảng viên",
                          en: "\(units) units under it and \(members) members")
        }
    }

    private static func contents(of id: Int, on db: any Database) async throws -> Holdings {
        let summary = try await OrganizationQueries.summaries(of: [OrganizationQueries.require(id, on: db)], on: db)[0]
        return Holdings(units: summary.childCount, members: summary.subtreeMembers)
    }

    private static func searchForm(text: String, language: UILanguage) -> Node<HTML.BodyContext> {
        .form(.class("inline"), .method(.get), .action(OrganizationRoute.list.path), .attribute(named: "role", value: "search"),
              .div(.label(.for("q"), .text(LocalizedText(vi: "Tìm tổ chức (tên hoặc mã, gõ không dấu cũng được)", en: "Find a unit (name or code; accents optional)")(language))),
                   .input(.id("q"), .name("q"), .type(.search), .value(text))),
              .button(.type(.submit), .text(LocalizedText(vi: "Tìm", en: "Search")(language))))
    }

    static func crumbs(_ lineage: ArraySlice<Organization>, current: String, language: UILanguage) -> [Crumb] {
        crumbs(lineage.map(UnitLink.init), current: current, language: language)
    }

    static func crumbs(_ lineage: [UnitLink], current: String, language: UILanguage) -> [Crumb] {
        [Crumb(title: LocalizedText(vi: "Tổ chức đảng", en: "Organisations")(language), url: OrganizationRoute.list.path)]
            + lineage.map { Crumb(title: $0.name, url: OrganizationRoute.show(.value($0.id)).path) }
            + [Crumb(title: current, url: nil)]
    }
}

private extension FieldError {
    /// The move page names its target `targetId`; the command calls it `parentId`.
    var renamingParentField: FieldError {
        field == "parentId" ? FieldError(field: "targetId", message: message) : self
    }
}
