import Fluent
import LamTheoCore
import Plot
import Vapor

/// `/me`: a member's own record (`MyRecord`), the download of all their data and the correction form;
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
        try await renderMe(errors: [], request: request)
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
            return request.redirect(to: PrivacyRoute.me.path(query: [:], fragment: MyRecord.correctionForm), flash: LocalizedText(
                vi: "Đã gửi đề nghị sửa thông tin đến bí thư chi bộ.", en: "Your correction request was sent to your cell's secretary."))
        } catch let error as DomainError {
            return try await renderMe(errors: error.fieldErrors, refused: RefusedForm(form: MyRecord.correctionForm, form), request: request,
                                      status: .unprocessableEntity)
        }
    }

    /// The member's own page, with a refused form of it (a correction request, the pledge) as typed.
    static func renderMe(errors: [FieldError], refused: RefusedForm? = nil, request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let member = try await request.ownMember()
        let model = try await MyRecord.Query.run(member, today: CalendarDate.today(), on: request.reads)
        try await PersonalDataLog.logView("member.self", memberId: member.id, request: request)
        return MyRecord.View(model: model).response(for: request, errors: errors, refused: refused, status: status)
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
        let correction = try await SelfService.resolve(request.id(), request: request)
        let member = try await Member.find(correction.memberId, on: request.reads)
        return request.redirect(to: PrivacyRoute.corrections.path, flash: LocalizedText(
            vi: "Đã đánh dấu đã xử lý đề nghị của \(member?.fullName ?? "đảng viên").", en: "The request of \(member?.fullName ?? "the member") marked as done."))
    }
}
