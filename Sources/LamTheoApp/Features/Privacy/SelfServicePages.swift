import Fluent
import LamTheoCore
import Plot
import Vapor

/// `/me`: a member's own record on a phone, the download of all their data and the correction form;
/// `/corrections`: the requests that reach a secretary.
enum SelfServicePages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(PrivacyRoute.me, use: me).requiring(.selfService)
        routes.get(PrivacyRoute.myDataFile, use: download).requiring(.selfService)
        routes.post(PrivacyRoute.myCorrections, use: requestCorrection).requiring(.selfService)
        routes.get(PrivacyRoute.corrections, use: corrections).requiring(.capability(.edit))
        routes.post(PrivacyRoute.resolveCorrection(.key), use: resolve).requiring(.capability(.edit))
    }

    static func me(request: Request) async throws -> Response {
        try await renderMe(errors: [], notice: try request.queryText("sent") != nil, request: request)
    }

    static func download(request: Request) async throws -> Response {
        let export = try await SelfService.export(await request.ownMember(), request: request)
        let response = try await export.encodeResponse(for: request)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"lamtheo-du-lieu-cua-toi.json\"")
        return response
    }

    struct CorrectionForm: Content {
        var text: String?
    }

    static func requestCorrection(request: Request) async throws -> Response {
        let form = try request.content.decode(CorrectionForm.self)
        do {
            _ = try await SelfService.requestCorrection(form.text, request: request)
            return request.redirect(to: PrivacyRoute.me.path(query: ["sent": 1]))
        } catch let error as DomainError {
            return try await renderMe(errors: error.fieldErrors, notice: false, request: request, status: .unprocessableEntity)
        }
    }

    private static func renderMe(errors: [FieldError], notice: Bool, request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let member = try await request.ownMember()
        let cell = try await OrganizationQueries.require(member.organizationId, on: request.db)
        try await PersonalData.logView("member.self", memberId: member.id, request: request)
        let fields = FormFields(request, errors: errors)
        func day(_ iso: String?) -> String { iso.flatMap(CalendarDate.init(parsing:))?.vietnamese ?? "—" }
        let facts: [(LocalizedText, String)] = [
            (LocalizedText(vi: "Chi bộ", en: "Cell"), cell.name),
            (LocalizedText(vi: "Số thẻ đảng viên", en: "Party card number"), member.cardNumber),
            (LocalizedText(vi: "Ngày sinh", en: "Date of birth"), day(member.birthDate)),
            (LocalizedText(vi: "Ngày vào Đảng", en: "Admitted"), day(member.admittedOn)),
            (LocalizedText(vi: "Ngày chính thức", en: "Full member since"), day(member.fullMemberOn)),
            (LocalizedText(vi: "Tình trạng", en: "Status"), member.status.label(language)),
            (LocalizedText(vi: "Số CCCD", en: "ID number"), member.idNumber ?? "—"),
            (LocalizedText(vi: "Điện thoại", en: "Phone"), member.phone ?? "—"),
            (LocalizedText(vi: "Địa chỉ", en: "Address"), member.address ?? "—"),
        ]
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(member.fullName)),
            .if(notice, .p(.class("notice"), .text(LocalizedText(vi: "Đã gửi đề nghị đến bí thư chi bộ.", en: "Your request was sent to your cell's secretary.")(language)))),
            .dl(.class("facts"), .forEach(facts) { fact in .group(.dt(.text(fact.0(language))), .dd(.text(fact.1))) }),
            try await CommitmentPages.ownSection(member, request: request),
            try await reflections(of: member, language: language, on: request.db),
            .p(.a(.class("button"), .href(StudyRoute.myReflections.path), .text(LocalizedText(vi: "Bài thu hoạch của tôi", en: "My reflections")(language)))),
            try await ratings(of: member, language: language, on: request.db),
            .p(.a(.class("button secondary"), .href(PrivacyRoute.myDataFile.path),
                  .text(LocalizedText(vi: "Tải về toàn bộ dữ liệu của tôi (JSON)", en: "Download all my data (JSON)")(language)))),
            .h2(.text(LocalizedText(vi: "Đề nghị sửa thông tin", en: "Ask for a correction")(language))),
            fields.summary,
            fields.postForm(PrivacyRoute.myCorrections.path,
                .div(.label(.for("text"), .text(LocalizedText(vi: "Thông tin nào chưa đúng, cần sửa thế nào?", en: "What is wrong, and what should it be?")(language))),
                     .textarea(.id("text"), .name("text"), .rows(4))),
                fields.submit(LocalizedText(vi: "Gửi bí thư chi bộ", en: "Send to the secretary")))
        )
        return Layout(title: member.fullName, content: content).response(for: request, status: status)
    }

    /// The member's ratings: the level decided for each period, or that none is decided yet.
    private static func ratings(of member: Member, language: UILanguage, on db: any Database) async throws -> Node<HTML.BodyContext> {
        let periods = try await RatingQueries.ofMember(member, on: db).filter { $0.rating != nil }
        return .group(
            .h2(.text(LocalizedText(vi: "Đánh giá, xếp loại", en: "Ratings")(language))),
            .if(!periods.isEmpty, .ul(.forEach(periods) { entry in
                .li(.text(entry.period.title + " · "
                          + (entry.rating?.decidedLevel.map { $0.label(language) } ?? LocalizedText(vi: "chưa có quyết định", en: "not decided yet")(language))))
            })),
            .p(.a(.class("button"), .href(RatingRoute.mine.path), .text(LocalizedText(vi: "Đánh giá của tôi", en: "My ratings")(language)))))
    }

    /// The member's reflections (bài thu hoạch), newest first, with the cell's review.
    private static func reflections(of member: Member, language: UILanguage, on db: any Database) async throws -> Node<HTML.BodyContext> {
        let reflections = try await Reflection.query(on: db).filter(\.$memberId == member.requireID()).sort(\.$id, .descending).all()
        guard !reflections.isEmpty else { return .empty }
        let titles = Dictionary(uniqueKeysWithValues: try await Campaign.query(on: db).filter(\.$id ~~ reflections.map(\.campaignId)).all()
            .map { ($0.requireID(), $0.title) })
        return .group(
            .h2(.text(LocalizedText(vi: "Bài thu hoạch", en: "Reflections")(language))),
            .ul(.forEach(reflections) { reflection in
                .li(.a(.href(StudyRoute.myReflection(campaign: .value(reflection.campaignId)).path), .text(titles[reflection.campaignId] ?? "")),
                    .text(" · " + reflection.state.label(language) + (reflection.grade.map { " · \($0)" } ?? "")))
            }))
    }

    static func corrections(request: Request) async throws -> Response {
        let language = request.language
        let rows = try await SelfService.openCorrections(request: request)
        let fields = FormFields(request)
        let title = LocalizedText(vi: "Đề nghị sửa thông tin của đảng viên", en: "Members' correction requests")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            rows.isEmpty ? .p(.class("muted"), .text(LocalizedText(vi: "Không có đề nghị nào đang chờ.", en: "No open requests.")(language)))
                : .ul(.forEach(rows) { correction, member in
                    .li(.a(.href(MemberRoute.show(.value(member.requireID())).path), .text(member.fullName)), .text(": \(correction.text) "),
                        fields.postButton(PrivacyRoute.resolveCorrection(.value(correction.id!)).path, LocalizedText(vi: "Đã xử lý", en: "Done")))
                })
        )
        return Layout(title: title, content: content).response(for: request)
    }

    static func resolve(request: Request) async throws -> Response {
        try await SelfService.resolve(request.id(), request: request)
        return request.redirect(to: PrivacyRoute.corrections.path)
    }
}
