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

    /// `?q=` matches the actor, the action or the entity; `entity=` and `key=` narrow to one record.
    static func search(request: Request) async throws -> Response {
        let language = request.language
        let paging = try Paging(request)
        let text = (try request.queryText("q") ?? "").trimmingCharacters(in: .whitespaces)
        var query = AuditEvent.query(on: request.db)
        if !text.isEmpty {
            let pattern = "%\(text.lowercased().withoutLikeWildcards)%"
            query = query.group(.or) {
                $0.filter(\.$actorName, .custom("LIKE"), pattern).filter(\.$action, .custom("LIKE"), pattern).filter(\.$entity, .custom("LIKE"), pattern)
            }
        }
        if let entity = try request.queryText("entity") { query = query.filter(\.$entity == entity) }
        if let key = try request.queryText("key") { query = query.filter(\.$entityKey == key) }
        let total = try await query.count()
        let events = try await query.sort(\.$id, .descending).range((paging.page - 1) * paging.perPage ..< paging.page * paging.perPage).all()
        let title = LocalizedText(vi: "Nhật ký thay đổi", en: "Audit trail")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .p(.class("muted"), .text(LocalizedText(
                vi: "Mỗi thay đổi được ghi một lần, nối chuỗi băm; lệnh “lamtheo audit verify” kiểm tra toàn bộ chuỗi.",
                en: "Every change is recorded once, hash-chained; “lamtheo audit verify” checks the whole chain.")(language))),
            .form(.class("inline"), .method(.get), .action(AuditRoute.search.path), .attribute(named: "role", value: "search"),
                  .div(.label(.for("q"), .text(LocalizedText(vi: "Người thực hiện, thao tác hoặc đối tượng", en: "Actor, action or entity")(language))),
                       .input(.id("q"), .name("q"), .type(.search), .value(text))),
                  .button(.type(.submit), .text(LocalizedText(vi: "Tìm", en: "Search")(language)))),
            table(events.map(AuditEntry.init), language: language, showEntity: true),
            Pager(page: paging.page, pageCount: max(1, (total + paging.perPage - 1) / paging.perPage), total: total,
                  link: { AuditRoute.search.path(query: ["q": text, "page": $0]) }).node(language),
            .p(.a(.href(AuditRoute.personalData.path), .text(LocalizedText(vi: "Nhật ký truy cập dữ liệu cá nhân", en: "Personal data access log")(language))))
        )
        return Layout(title: title, content: content).response(for: request)
    }

    static func personalDataViews(request: Request) async throws -> Response {
        let language = request.language
        let paging = try Paging(request)
        let query = PersonalDataView.query(on: request.db)
        let total = try await query.count()
        let views = try await query.sort(\.$id, .descending).range((paging.page - 1) * paging.perPage ..< paging.page * paging.perPage).all()
        let title = LocalizedText(vi: "Nhật ký truy cập dữ liệu cá nhân", en: "Personal data access log")(language)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(
                .thead(.tr(.th(.text(LocalizedText(vi: "Thời điểm", en: "When")(language))), .th(.text(LocalizedText(vi: "Người xem", en: "Viewer")(language))),
                           .th(.text(LocalizedText(vi: "Nội dung", en: "What")(language))), .th(.class("num"), .text(LocalizedText(vi: "Số hồ sơ", en: "Records")(language))))),
                .tbody(.forEach(views) { view in
                    .tr(.td(.text(VietnameseFormat.dateTime(view.viewedAt))), .td(.text(view.username + (view.ip.map { " · \($0)" } ?? ""))),
                        .td(.text(view.what + (view.memberId.map { " #\($0)" } ?? ""))), .td(.class("num"), .text(VietnameseFormat.integer(view.count))))
                })
            )),
            Pager(page: paging.page, pageCount: max(1, (total + paging.perPage - 1) / paging.perPage), total: total,
                  link: { AuditRoute.personalData.path(query: ["page": $0]) }).node(language)
        )
        return Layout(title: title, content: content).response(for: request)
    }

    /// A record's own history, newest first, for a page that reads it while rendering.
    static func history(of entity: String, key: Int, request: Request) async throws -> Node<HTML.BodyContext> {
        historySection(try await history(of: entity, key: key, on: request.db), language: request.language)
    }

    /// A record's own history, newest first (its last 50 changes): what a page's query loads for its model.
    static func history(of entity: String, key: Int, on db: any Database) async throws -> [AuditEntry] {
        try await AuditEvent.query(on: db).filter(\.$entity == entity).filter(\.$entityKey == String(key))
            .sort(\.$id, .descending).limit(50).all().map(AuditEntry.init)
    }

    /// The "Lịch sử thay đổi" section at the foot of a record's page.
    static func historySection(_ entries: [AuditEntry], language: UILanguage) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(LocalizedText(vi: "Lịch sử thay đổi", en: "Change history")(language))),
            entries.isEmpty ? .p(.class("muted"), .text("—")) : table(entries, language: language, showEntity: false)
        )
    }

    private static func table(_ events: [AuditEntry], language: UILanguage, showEntity: Bool) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(
            .thead(.tr(.th(.text("#")), .th(.text(LocalizedText(vi: "Thời điểm", en: "When")(language))),
                       .th(.text(LocalizedText(vi: "Người thực hiện", en: "Who")(language))), .th(.text(LocalizedText(vi: "Thao tác", en: "Action")(language))),
                       .th(.text(LocalizedText(vi: "Thay đổi", en: "Changes")(language))))),
            .tbody(.forEach(events) { event in
                .tr(.td(.text(String(event.sequence))),
                    .td(.text(ISO8601DateFormatter().date(from: event.occurredAt.replacingOccurrences(of: #"\.\d+"#, with: "", options: .regularExpression))
                        .map(VietnameseFormat.dateTime) ?? event.occurredAt)),
                    .td(.text("\(event.actorName) · \(event.source)" + (event.ip.map { " · \($0)" } ?? ""))),
                    .td(.text(event.action + (showEntity ? " · \(event.entity) \(event.entityKey ?? "")" : ""))),
                    .td(.text(event.changes)))
            })
        ))
    }
}

/// "name: Bến Nghé → Sài Gòn; status: active → merged": what changed between two snapshots.
enum AuditDiff {
    static func summary(before: String?, after: String?) -> String {
        let old = fields(before), new = fields(after)
        let changed = Set(old.keys).union(new.keys).sorted().compactMap { key -> String? in
            let was = old[key] ?? nil, now = new[key] ?? nil
            return was == now ? nil : "\(key): \(was ?? "∅") → \(now ?? "∅")"
        }
        return changed.joined(separator: "; ")
    }

    private static func fields(_ json: String?) -> [String: String?] {
        guard let data = json?.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: String?].self, from: data)) ?? [:]
    }
}
