import Fluent
import LamTheoCore
import Plot
import Vapor

/// `/imports` and `/exports`: upload a file, see the dry run's report with every row-level error, import
/// it; download the lists (and the templates, which are the same files).
enum SpreadsheetPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(SpreadsheetRoute.imports, use: index).requiring(.capability(.edit))
        routes.postStreaming(SpreadsheetRoute.imports, bodyLimit: SpreadsheetImport.uploadLimit, use: upload).requiring(.capability(.edit))
        routes.get(SpreadsheetRoute.job(.key), use: job).requiring(.capability(.edit))
        routes.post(SpreadsheetRoute.applyJob(.key), use: apply).requiring(.capability(.edit))
        routes.get(SpreadsheetRoute.exportFile(.key), use: export).requiring(.capability(.read))
    }

    static func index(request: Request) async throws -> Response {
        try await renderIndex(errors: [], request: request)
    }

    /// The form streams in (see `StreamedUpload`): the file goes to disk as it arrives.
    static func upload(request: Request) async throws -> Response {
        let form = try await StreamedUpload.form(of: request, fileField: "file", limit: SpreadsheetImport.uploadLimit.value)
        let refusal: FieldError
        if let kind = SpreadsheetKind(rawValue: form.fields["kind"] ?? ""), let file = form.file, file.size > 0 {
            let upload = ImportJobs.Upload(kind: kind, file: file, sheet: form.fields["sheet"]?.trimmingCharacters(in: .whitespaces).nonEmpty)
            do {
                let id = try await ImportJobs.start(upload, dryRun: true, actor: try request.requireActor(), origin: request.auditOrigin(),
                                                    app: request.application)
                return request.redirect(to: SpreadsheetRoute.job(.value(id)).path, flash: LocalizedText(
                    vi: "Đã nhận tệp \(file.fileName) (\(VietnameseFormat.integer(max(1, file.size / 1024))) KB). Đây là kết quả kiểm tra: chưa ghi gì vào hệ thống.",
                    en: "File \(file.fileName) (\(max(1, file.size / 1024)) KB) received. This is the check: nothing has been written yet."))
            } catch let error as DomainError {
                return try await renderIndex(errors: [FieldError(field: "file", message: error.title)], sent: form.fields, request: request, status: .tooManyRequests)
            }
        } else if SpreadsheetKind(rawValue: form.fields["kind"] ?? "") == nil {
            refusal = FieldError(field: "kind", message: LocalizedText(vi: "Chọn loại dữ liệu", en: "Choose what the file holds"))
        } else {
            refusal = FieldError(field: "file", message: LocalizedText(vi: "Chọn tệp CSV hoặc XLSX", en: "Choose a CSV or XLSX file"))
        }
        form.file?.discard()
        return try await renderIndex(errors: [refusal], sent: form.fields, request: request, status: .unprocessableEntity)
    }

    static func apply(request: Request) async throws -> Response {
        let actor = try request.requireActor()
        guard let id = request.parameters.get("job"), let checked = try await ImportJobs.job(id, for: actor, app: request.application),
              let payload = checked.payload(as: ImportJobs.Payload.self) else { throw Abort(.notFound) }
        let next = try await ImportJobs.apply(checked, actor: actor, origin: request.auditOrigin(), app: request.application)
        return request.redirect(to: SpreadsheetRoute.job(.value(next)).path, flash: LocalizedText(
            vi: "Đang ghi dữ liệu từ tệp \(payload.fileName) vào hệ thống; kết quả dưới đây.",
            en: "Writing the data of \(payload.fileName); the result is below."))
    }

    static func job(request: Request) async throws -> Response {
        let language = request.language
        let actor = try request.requireActor()
        guard let id = request.parameters.get("job"), try await ImportJobs.job(id, for: actor, app: request.application) != nil else { throw Abort(.notFound) }
        // No page refreshes itself (a screen reader loses its place): the answer waits a while for the job
        // to end, and a running job's page has a link to look again.
        guard let job = try await ImportJobs.waitForEnd(of: id, for: actor, upTo: .seconds(8), app: request.application),
              let payload = job.payload(as: ImportJobs.Payload.self) else { throw Abort(.notFound) }
        let fields = FormFields(request)
        let title = payload.dryRun ? LocalizedText(vi: "Kiểm tra tệp \(payload.fileName)", en: "Checking \(payload.fileName)")(language)
                                   : LocalizedText(vi: "Nhập tệp \(payload.fileName)", en: "Importing \(payload.fileName)")(language)
        let content: Node<HTML.BodyContext>
        switch (job.state, job.result(as: ImportReport.self)) {
        case (.queued, _), (.running, _):
            let percent = VietnameseFormat.percent(job.done, of: max(job.total, 1), fractionDigits: 0) ?? "0%"
            content = .group(.h1(.text(title)),
                             .element(named: "progress", nodes: [.attribute(named: "max", value: String(max(job.total, 1))), .attribute(named: "value", value: String(job.done))]),
                             .p(.text(job.state == .queued ? LocalizedText(vi: "Đang chờ đến lượt…", en: "Waiting for its turn…")(language)
                                                          : LocalizedText(vi: "Đang xử lý… \(percent).", en: "Working… \(percent).")(language))),
                             .p(.a(.class("button"), .href(SpreadsheetRoute.job(.value(job.id)).path), .text(LocalizedText(vi: "Xem tiến độ mới nhất", en: "See the latest progress")(language)))))
        case (.succeeded, let report?):
            content = .group(
                .h1(.text(title)),
                .p(.class(report.errors.isEmpty ? "notice" : "errors"), .text(report.summary(language))),
                .if(!report.ignoredColumns.isEmpty, .group(
                    .h2(.text(LocalizedText(vi: "Cột không nhập", en: "Columns not imported")(language))),
                    .ul(.forEach(report.ignoredColumns) { .li(.text($0.message(language))) }))),
                .if(!report.errors.isEmpty, .group(
                    .p(.strong(.text(LocalizedText(vi: "Tệp có \(VietnameseFormat.integer(report.errors.count)) lỗi; chưa ghi gì. Hãy sửa tệp và tải lên lại.",
                                                   en: "The file has \(report.errors.count) errors; nothing was written. Correct the file and upload it again.")(language)))),
                    .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(
                        .thead(.tr(.th(.text(LocalizedText(vi: "Dòng", en: "Line")(language))), .th(.text(LocalizedText(vi: "Cột", en: "Column")(language))),
                                   .th(.text(LocalizedText(vi: "Lỗi", en: "Problem")(language))))),
                        .tbody(.forEach(report.errors.prefix(1_000)) { error in
                            .tr(.td(.class("num"), .text(String(error.line))), .td(.text(error.column ?? "")), .td(.text(error.message(language))))
                        }))))),
                .if(report.errors.isEmpty && payload.dryRun, fields.postForm(SpreadsheetRoute.applyJob(.value(job.id)).path,
                    fields.submit(LocalizedText(vi: "Ghi dữ liệu vào hệ thống", en: "Import it")))),
                .if(report.applied, .p(.text(LocalizedText(vi: "Đã nhập xong.", en: "Imported.")(language)))),
                .p(.a(.href(SpreadsheetRoute.imports.path), .text(LocalizedText(vi: "Về trang nhập dữ liệu", en: "Back to imports")(language))))
            )
        default:
            let message = job.error ?? job.state.label
            content = .group(.h1(.text(title)), .div(.class("errors"), .attribute(named: "role", value: "alert"), .p(.text(message(language)))),
                             .p(.a(.href(SpreadsheetRoute.imports.path), .text(LocalizedText(vi: "Chọn tệp khác", en: "Choose another file")(language)))))
        }
        return Layout(title: title, content: content).response(for: request)
    }

    static func export(request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let name = request.parameters.get("file") ?? ""
        let parts = name.split(separator: ".")
        guard parts.count == 2, let kind = SpreadsheetKind(rawValue: String(parts[0])), let format = SpreadsheetExport.Format(rawValue: String(parts[1])) else {
            throw Abort(.notFound)
        }
        return try await SpreadsheetResponses.export(kind, format: format, actor: actor, request: request)
    }

    /// - Parameter sent: a refused upload's fields (the kind, the sheet), shown again; the file must be chosen again.
    private static func renderIndex(errors: [FieldError], sent: [String: String] = [:], request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let language = request.language
        let fields = FormFields(request, errors: errors).refilled(from: RefusedForm(form: "upload", values: sent), form: "upload")
        let recent = try await ImportRecord.query(on: request.reads).sort(\.$id, .descending).limit(10).all()
        let title = LocalizedText(vi: "Nhập, xuất danh sách", en: "Import and export lists")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .p(.text(LocalizedText(
                vi: "Tệp CSV (UTF-8, UTF-16, Windows-1258) hoặc Excel (.xlsx). Cột được nhận theo các từ của tiêu đề, có dấu hoặc không dấu (“Họ tên đảng viên” là cột Họ và tên); cột số thứ tự và cột không có trong mẫu được bỏ qua, và kết quả kiểm tra nêu tên các cột đó. Văn bản gõ bằng phông TCVN3 (ABC) hay VNI được tự động chuyển sang Unicode. Hệ thống kiểm tra toàn bộ tệp trước; chỉ ghi khi không còn lỗi, và ghi tất cả hoặc không ghi gì. Nhập lại cùng một tệp không làm thay đổi gì.",
                en: "CSV (UTF-8, UTF-16, Windows-1258) or Excel (.xlsx). Columns are matched by the words of their headers, with or without accents (“Họ tên đảng viên” is the full name); a running-number column and columns the template does not have are passed over, and the check names them. Text typed in TCVN3 (ABC) or VNI fonts is converted to Unicode. The whole file is checked first; it is written only when it has no errors, all of it or nothing. Importing the same file again changes nothing.")(language))),
            fields.summary,
            // The body streams to disk, so the anti-forgery token travels in the address (see `CSRFMiddleware`).
            .form(.class("stack"), .method(.post), .action(SpreadsheetRoute.imports.path(query: [QueryName(CSRFMiddleware.fieldName): fields.csrfToken])), .enctype(.multipartData),
                  fields.select("kind", LocalizedText(vi: "Tệp chứa", en: "The file holds"),
                                options: SpreadsheetKind.allCases.map { ($0.rawValue, $0.label(language)) }, selected: SpreadsheetKind.members.rawValue, required: true),
                  .div(.label(.for("file"), .text(LocalizedText(vi: "Tệp", en: "File")(language) + " *")),
                       .input(.id("file"), .name("file"), .type(.file), .required(true),
                              .attribute(named: "accept", value: ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                              .attribute(named: "aria-invalid", value: fields.errors(for: "file").isEmpty ? nil : "true")),
                       .forEach(fields.errors(for: "file")) { .p(.class("field-error"), .text($0)) }),
                  fields.text("sheet", LocalizedText(vi: "Tên trang tính (để trống: trang đầu)", en: "Sheet name (blank: the first)"), value: nil),
                  fields.submit(LocalizedText(vi: "Kiểm tra tệp", en: "Check the file"))),
            .h2(.text(LocalizedText(vi: "Mẫu và danh sách hiện có", en: "Templates and current lists")(language))),
            .p(.text(LocalizedText(vi: "Mẫu nhập là chính danh sách trong phạm vi của bạn: tải về, sửa hoặc thêm dòng, rồi nhập lại.",
                                   en: "The template is your own list: download it, edit or add rows, and import it back.")(language))),
            .ul(.forEach(SpreadsheetKind.allCases) { kind in
                .li(.text(kind.label(language).prefix(1).uppercased() + kind.label(language).dropFirst() + ": "),
                    .a(.href(SpreadsheetRoute.exportFile(.value("\(kind.rawValue).xlsx")).path), .text("XLSX")), .text(" · "),
                    .a(.href(SpreadsheetRoute.exportFile(.value("\(kind.rawValue).csv")).path), .text("CSV")))
            }),
            .h2(.text(LocalizedText(vi: "Các lần nhập gần đây", en: "Recent imports")(language))),
            recent.isEmpty ? .p(.class("muted"), .text("—")) : .ul(.forEach(recent) { record in
                .li(.text("\(record.createdAt.map(VietnameseFormat.dateTime) ?? "") · \(record.fileName) · \(record.kind.label(language)): "
                          + "\(VietnameseFormat.integer(record.created)) / \(VietnameseFormat.integer(record.changed)) / \(VietnameseFormat.integer(record.unchanged))"))
            })
        )
        return Layout(title: title, content: content).response(for: request, status: status)
    }
}

/// Answers shared by the web and the API.
enum SpreadsheetResponses {
    static func export(_ kind: SpreadsheetKind, format: SpreadsheetExport.Format, actor: Actor, request: Request) async throws -> Response {
        let file = try await SpreadsheetExport.file(kind, format: format, scopes: actor.readableSubtrees,
                                                    within: try await request.subtreeFilter(on: request.reads), on: request.reads)
        if kind == .members {
            try await PersonalDataLog.logView("member.export.\(format.rawValue)", memberIds: file.memberIds, request: request)
        }
        return Response.download(file.data, named: file.name, mediaType: format.contentType)
    }
}
