import Fluent
import LamTheoCore
import Plot
import Vapor

/// The audit trail on the web: administrators search it; every record's page shows its own history.
enum AuditPages {
    static func register(on routes: any RoutesBuilder) {
        routes.get(AuditRoute.search, use: search).requiring(.administrator)
        routes.get(AuditRoute.personalData, use: personalDataViews).requiring(.administrator)
    }

    /// `?q=` matches the person who acted (their name or username), the action or the record in words ("điểm danh",
    /// "buổi học tập") or as recorded; `entity=` and `key=` narrow to one record.
    static func search(request: Request) async throws -> Response {
        let language = request.language
        let paging = try Paging(request)
        let text = (try request.queryText("q") ?? "").trimmingCharacters(in: .whitespaces)
        let wordings = AuditWording.wordings
        var query = AuditEvent.query(on: request.reads)
        if !text.isEmpty {
            let folded = VietnameseText.searchKey(text)
            let says = { (words: LocalizedText) in
                VietnameseText.searchKey(words.vi).contains(folded) || VietnameseText.searchKey(words.en).contains(folded)
            }
            let actions = wordings.actions.values.filter { says($0.verb) }.map(\.action)
            let entities = wordings.records.values.filter { says($0.noun) }.map(\.entity)
            let users = try await wordings.references[.user]?.ids(matching: folded, limit: 500, on: request.reads) ?? []
            let pattern = "%\(text.lowercased().withoutLikeWildcards)%"
            query = query.group(.or) { group in
                group.filter(\.$actorName, .custom("LIKE"), pattern).filter(\.$action, .custom("LIKE"), pattern)
                    .filter(\.$entity, .custom("LIKE"), pattern)
                if !actions.isEmpty { group.filter(\.$action ~~ actions) }
                if !entities.isEmpty { group.filter(\.$entity ~~ entities) }
                if !users.isEmpty { group.filter(\.$actorUserId ~~ users.map(Optional.some)) }
            }
        }
        if let entity = try request.queryText("entity") { query = query.filter(\.$entity == entity) }
        if let key = try request.queryText("key") { query = query.filter(\.$entityKey == key) }
        let total = try await query.count()
        let events = try await query.sort(\.$id, .descending).range((paging.page - 1) * paging.perPage ..< paging.page * paging.perPage).all()
        let entries = try await AuditReading.entries(events, wordings: wordings, on: request.reads)
        let title = LocalizedText(vi: "Nhật ký thay đổi", en: "Audit trail")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .p(.class("muted"), .text(LocalizedText(
                vi: "Mỗi thay đổi được ghi một lần, nối chuỗi băm; lệnh “lamtheo audit verify” kiểm tra toàn bộ chuỗi.",
                en: "Every change is recorded once, hash-chained; “lamtheo audit verify” checks the whole chain.")(language))),
            .form(.class("inline"), .method(.get), .action(AuditRoute.search.path), .attribute(named: "role", value: "search"),
                  .div(.label(.for("q"), .text(LocalizedText(vi: "Người thực hiện, thao tác hoặc đối tượng", en: "Who, what or which record")(language))),
                       .input(.id("q"), .name("q"), .type(.search), .value(text))),
                  .button(.type(.submit), .text(LocalizedText(vi: "Tìm", en: "Search")(language)))),
            entries.isEmpty
                ? .p(.class("muted"), .text(LocalizedText(vi: "Không có thay đổi nào khớp.", en: "No change matches.")(language)))
                : table(entries, title: title, language: language, namingSubjects: true),
            Pager(page: paging.page, pageCount: max(1, (total + paging.perPage - 1) / paging.perPage), total: total,
                  link: { AuditRoute.search.path(query: ["q": text, "page": $0]) }).node(language),
            .p(.a(.href(AuditRoute.personalData.path), .text(LocalizedText(vi: "Nhật ký truy cập dữ liệu cá nhân", en: "Personal data access log")(language))))
        )
        return Layout(title: title, content: content).response(for: request)
    }

    static func personalDataViews(request: Request) async throws -> Response {
        let language = request.language
        let paging = try Paging(request)
        let query = PersonalDataView.query(on: request.reads)
        let total = try await query.count()
        let views = try await query.sort(\.$id, .descending).range((paging.page - 1) * paging.perPage ..< paging.page * paging.perPage).all()
        let wordings = AuditWording.wordings
        let names = try await AuditNames.read([.user: Set(views.map(\.userId)), .member: Set(views.compactMap(\.memberId))],
                                              wordings: wordings, on: request.reads)
        let title = LocalizedText(vi: "Nhật ký truy cập dữ liệu cá nhân", en: "Personal data access log")(language)
        let columns = [LocalizedText(vi: "Thời điểm", en: "When"), LocalizedText(vi: "Người xem", en: "Viewer"),
                       LocalizedText(vi: "Nội dung", en: "What"), LocalizedText(vi: "Số hồ sơ", en: "Records")].map { $0(language) }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
                .thead(.tr(.th(.text(columns[0])), .th(.text(columns[1])), .th(.text(columns[2])), .th(.class("num"), .text(columns[3])))),
                .tbody(.forEach(views) { view in
                    let viewer = (names[.user, view.userId] ?? LocalizedText(vi: view.username, en: view.username))(language)
                    let what = (wordings.personalDataViews[view.what] ?? LocalizedText(vi: "Xem dữ liệu cá nhân", en: "Personal data seen"))(language)
                    return .tr(.td(.attribute(named: "data-label", value: columns[0]), .text(VietnameseFormat.dateTime(view.viewedAt))),
                               .td(.attribute(named: "data-label", value: columns[1]), .text(viewer + (view.ip.map { " · \($0)" } ?? ""))),
                               .td(.attribute(named: "data-label", value: columns[2]),
                                   .text(what + (view.memberId.map { ": " + names.name(.member, $0)(language) } ?? ""))),
                               .td(.class("num"), .attribute(named: "data-label", value: columns[3]), .text(NumberFormat(language).integer(view.count))))
                })
            )),
            Pager(page: paging.page, pageCount: max(1, (total + paging.perPage - 1) / paging.perPage), total: total,
                  link: { AuditRoute.personalData.path(query: ["page": $0]) }).node(language)
        )
        return Layout(title: title, content: content).response(for: request)
    }

    /// A record's own history, newest first, for a page that reads it while rendering.
    static func history(of entity: String, key: Int, request: Request) async throws -> Node<HTML.BodyContext> {
        historySection(try await history(of: entity, key: key, on: request.reads), language: request.language)
    }

    /// A record's own history, newest first (its last 50 changes), in words: what a page's query loads for its model.
    static func history(of entity: String, key: Int, on db: any Database) async throws -> [AuditEntry] {
        let events = try await AuditEvent.query(on: db).filter(\.$entity == entity).filter(\.$entityKey == String(key))
            .sort(\.$id, .descending).limit(50).all()
        return try await AuditReading.entries(events, on: db)
    }

    /// The "Lịch sử thay đổi" section at the foot of a record's page.
    static func historySection(_ entries: [AuditEntry], language: UILanguage) -> Node<HTML.BodyContext> {
        let title = LocalizedText(vi: "Lịch sử thay đổi", en: "Change history")(language)
        return .group(
            .h2(.text(title)),
            entries.isEmpty ? .p(.class("muted"), .text(LocalizedText(vi: "Chưa có thay đổi nào.", en: "No change yet.")(language)))
                : table(entries, title: title, language: language, namingSubjects: false)
        )
    }

    /// One row per event: its time, then the sentence and what changed, one line per field. On the trail of many
    /// records the sentence names the record, and the event's number, channel and address follow it. Two columns of
    /// words wrap at any width; the region scrolls by itself if a value is wider than a phone.
    private static func table(_ entries: [AuditEntry], title: String, language: UILanguage, namingSubjects: Bool) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .attribute(named: "role", value: "region"),
             .attribute(named: "aria-label", value: title), .table(
            .thead(.tr(.th(.text(LocalizedText(vi: "Thời điểm", en: "When")(language))),
                       .th(.text(LocalizedText(vi: "Thay đổi", en: "Change")(language))))),
            .tbody(.forEach(entries) { entry in
                let actor = entry.actor(language)
                let rest = String(entry.sentence(language, namingSubject: namingSubjects).dropFirst(actor.count))
                let origin = ([entry.channel?(language)] + (namingSubjects ? [entry.ip, "#\(entry.sequence)"] : [])).compactMap { $0 }
                return .tr(
                    .td(.class("when"), .text(entry.when)),
                    .td(.p(.strong(.text(actor)), .text(rest),
                           .if(!origin.isEmpty, .span(.class("muted"), .text(" · " + origin.joined(separator: " · "))))),
                        .if(!entry.changes.isEmpty, .ul(.forEach(entry.changes) { change in
                            .li(.text(change.label(language) + ": " + (change.before.map { $0(language) + " → " } ?? "") + change.after(language)))
                        }))))
            })
        ))
    }
}
