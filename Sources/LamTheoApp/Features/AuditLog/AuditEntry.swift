import Fluent
import Foundation
import LamTheoCore

/// One event of the audit trail as the pages show it, in words: plain values, which a page's model can hold.
/// "Bí thư Nguyễn Văn Bình ghi điểm danh: 31 có mặt, 2 vắng có lý do — 04/12/2026 19:42".
struct AuditEntry: Sendable, Hashable {
    /// The event's place in the hash chain (`lamtheo audit verify` names events by it).
    let sequence: Int
    let occurredAt: Date?
    /// The person who acted, with their role: "Bí thư Nguyễn Văn Bình"; "Hệ thống" for the command line.
    let actor: LocalizedText
    /// How the write reached LamTheo: "qua API", "dòng lệnh"; nil for the web.
    let channel: LocalizedText?
    let ip: String?
    /// "ghi điểm danh".
    let verb: LocalizedText
    /// What the verb acts on: "buổi học tập"; nil when the verb says it all ("đăng nhập").
    let noun: LocalizedText?
    /// Which one, for a page listing many records' events: "“Học tập chuyên đề năm 2026”", "Nguyễn Văn Bình".
    let name: LocalizedText?
    /// What the action came to, when its feature says it in a few words: "31 có mặt, 2 vắng có lý do".
    let outcome: LocalizedText?
    /// The fields the write changed (for a new record, those it was given), labelled and in words.
    let changes: [Change]

    struct Change: Sendable, Hashable {
        let label: LocalizedText
        /// nil where there was no value before (a new record's fields).
        let before: LocalizedText?
        let after: LocalizedText
    }

    /// "Bí thư Nguyễn Văn Bình ghi điểm danh buổi học tập: 31 có mặt, 2 vắng có lý do", with the record's name after
    /// its noun when `namingSubject` (a page of many records' events).
    func sentence(_ language: UILanguage, namingSubject: Bool) -> String {
        let object = [noun, namingSubject ? name : nil].compactMap { $0?(language) }
        return ([actor(language), verb(language)] + object).joined(separator: " ") + (outcome.map { ": " + $0(language) } ?? "")
    }

    /// "04/12/2026 19:42", in Vietnam's time.
    var when: String {
        occurredAt.map(VietnameseFormat.dateTime) ?? "—"
    }
}

/// Turns stored events into `AuditEntry` values with the registered wording, reading the names the events refer to
/// (units, members, users…) in one query per kind of reference.
enum AuditReading {
    static func entries(_ events: [AuditEvent], wordings: AuditWordings = AuditWording.wordings, on db: any Database) async throws -> [AuditEntry] {
        let states = events.map { (before: fields($0.before), after: fields($0.after)) }
        var wanted: [AuditReference: Set<Int>] = [:]
        for (event, state) in zip(events, states) {
            if let user = event.actorUserId { wanted[.user, default: []].insert(user) }
            let record = wordings.record(event.entity)
            for field in record.fields {
                for value in [state.before[field.key], state.after[field.key]].compactMap({ $0 }) {
                    switch field.value {
                    case .reference(let reference): if let id = Int(value) { wanted[reference, default: []].insert(id) }
                    case .references(let reference): wanted[reference, default: []].formUnion(ids(value))
                    default: break
                    }
                }
            }
            switch record.naming {
            case .key(let reference): if let id = event.entityKey.flatMap(Int.init) { wanted[reference, default: []].insert(id) }
            case .reference(let key, let reference), .owner(let key, let reference):
                if let id = (state.after[key] ?? state.before[key]).flatMap(Int.init) { wanted[reference, default: []].insert(id) }
            default: break
            }
        }
        let names = try await AuditNames.read(wanted, wordings: wordings, on: db)
        return zip(events, states).map { event, state in
            entry(event, before: state.before, after: state.after, wordings: wordings, names: names)
        }
    }

    static func entry(_ event: AuditEvent, before: [String: String], after: [String: String], wordings: AuditWordings,
                      names: AuditNames) -> AuditEntry {
        let record = wordings.record(event.entity)
        let action = wordings.action(event.action)
        let states = AuditStates(before: before, after: after)
        return AuditEntry(
            sequence: event.id ?? 0, occurredAt: instant(event.occurredAt),
            actor: actor(of: event, names: names), channel: channel(event.source), ip: event.ip,
            verb: action.verb, noun: action.showsNoun ? record.noun : nil, name: name(record, key: event.entityKey, states: states, names: names),
            outcome: action.outcome?(states),
            changes: action.listsChanges ? changes(record, before: before, after: after, names: names) : [])
    }

    /// The actor by their account's name and role; the recorded name when the write came from the command line
    /// without an account ("Hệ thống" for the system itself).
    private static func actor(of event: AuditEvent, names: AuditNames) -> LocalizedText {
        if let user = event.actorUserId, let name = names[.user, user] { return name }
        switch event.actorName {
        case "system": return LocalizedText(vi: "Hệ thống", en: "The system")
        case "anonymous": return LocalizedText(vi: "Người chưa đăng nhập", en: "Someone not signed in")
        default: return LocalizedText(vi: event.actorName, en: event.actorName)
        }
    }

    private static func channel(_ source: String) -> LocalizedText? {
        switch source {
        case "api": return LocalizedText(vi: "qua API", en: "through the API")
        case "cli": return LocalizedText(vi: "dòng lệnh", en: "command line")
        default: return nil
        }
    }

    /// "“Học tập chuyên đề năm 2026”", "Nguyễn Văn Bình", "của Nguyễn Văn Bình", or nil for a record without a name.
    private static func name(_ record: AuditRecordWording, key: String?, states: AuditStates, names: AuditNames) -> LocalizedText? {
        let name: LocalizedText?
        switch record.naming {
        case .none: name = nil
        case .title(let field): name = states[field].map { LocalizedText(vi: "“\($0)”", en: "“\($0)”") }
        case .name(let field): name = states[field].map { LocalizedText(vi: $0, en: $0) }
        case .key(let reference): name = key.flatMap(Int.init).flatMap { names[reference, $0] }
        case .reference(let field, let reference): name = states[field].flatMap(Int.init).flatMap { names[reference, $0] }
        case .owner(let field, let reference):
            name = states[field].flatMap(Int.init).flatMap { names[reference, $0] }.map { owner in LocalizedText { language in
                LocalizedText(vi: "của ", en: "of ")(language) + owner(language) } }
        }
        return name
    }

    /// The listed fields that differ: "old → new", a value given where there was none as the value alone (all of a new
    /// record's), a value taken away as emptied.
    private static func changes(_ record: AuditRecordWording, before: [String: String], after: [String: String],
                                names: AuditNames) -> [AuditEntry.Change] {
        record.fields.compactMap { field in
            let old = before[field.key].flatMap { $0.isEmpty ? nil : $0 }, new = after[field.key].flatMap { $0.isEmpty ? nil : $0 }
            switch (old, new) {
            case let (old?, new?) where old != new:
                return AuditEntry.Change(label: field.label, before: words(old, field.value, names: names), after: words(new, field.value, names: names))
            case let (nil, new?):
                return AuditEntry.Change(label: field.label, before: nil, after: words(new, field.value, names: names))
            case let (old?, nil):
                return AuditEntry.Change(label: field.label, before: words(old, field.value, names: names), after: empty)
            default:
                return nil
            }
        }
    }

    private static let empty = LocalizedText(vi: "(trống)", en: "(empty)")

    /// A recorded value in words.
    static func words(_ value: String, _ kind: AuditValue, names: AuditNames) -> LocalizedText {
        switch kind {
        case .text:
            return LocalizedText(vi: value, en: value)
        case .day:
            let day = CalendarDate(parsing: value).map { $0.vietnamese } ?? value
            return LocalizedText(vi: day, en: day)
        case .instant:
            let text = instant(value).map(VietnameseFormat.dateTime) ?? value
            return LocalizedText(vi: text, en: text)
        case .number:
            guard let number = Double(value) else { return LocalizedText(vi: value, en: value) }
            // As many decimals as recorded, none for a whole number: "97.0" is 97, "97.25" is 97,25.
            let decimals = number.rounded() == number ? 0 : min(value.split(separator: ".").last.map { $0.count } ?? 0, 4)
            return LocalizedText { NumberFormat($0).decimal(number, fractionDigits: decimals) }
        case .flag:
            return value == "true" ? LocalizedText(vi: "có", en: "yes") : LocalizedText(vi: "không", en: "no")
        case .choice(let label):
            return label(value) ?? LocalizedText(vi: value, en: value)
        case .reference(let reference):
            return Int(value).map { names.name(reference, $0) } ?? LocalizedText(vi: value, en: value)
        case .references(let reference):
            let named = ids(value).map { names.name(reference, $0) }
            guard !named.isEmpty else { return empty }
            return LocalizedText { language in named.map { $0(language) }.joined(separator: ", ") }
        case .summary(let summary):
            return summary(value)
        }
    }

    /// The recorded state's fields, without the empty ones (a JSON null and a missing key read the same).
    static func fields(_ json: String?) -> [String: String] {
        guard let data = json?.data(using: .utf8),
              let decoded = try? JSONDecoder().decode([String: String?].self, from: data) else { return [:] }
        return decoded.compactMapValues { $0 }
    }

    /// The instant of `occurred_at` or of a recorded timestamp, with or without fractions of a second.
    static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    private static func ids(_ list: String) -> [Int] {
        list.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}

/// The names a page's events refer to, read once per kind of reference.
struct AuditNames: Sendable {
    private var names: [AuditReference: [Int: LocalizedText]] = [:]

    subscript(reference: AuditReference, id: Int) -> LocalizedText? {
        names[reference]?[id]
    }

    /// The name, or words saying the record is gone: an id is never shown as such.
    func name(_ reference: AuditReference, _ id: Int) -> LocalizedText {
        self[reference, id] ?? LocalizedText(vi: "(không còn trong hệ thống)", en: "(no longer recorded)")
    }

    static func read(_ wanted: [AuditReference: Set<Int>], wordings: AuditWordings, on db: any Database) async throws -> AuditNames {
        var names = AuditNames()
        for (reference, ids) in wanted where !ids.isEmpty {
            guard let source = wordings.references[reference] else { continue }
            names.names[reference] = try await source.names(of: ids, on: db)
        }
        return names
    }
}

extension LocalizedText {
    /// The same text written in each language: a number or a list whose format follows the language.
    init(_ write: (UILanguage) -> String) {
        self.init(vi: write(.vi), en: write(.en))
    }
}

extension Array where Element == LocalizedText {
    /// The texts one after the other, in each language; nil for none.
    func joinedLocalized(_ separator: String) -> LocalizedText? {
        isEmpty ? nil : LocalizedText { language in map { $0(language) }.joined(separator: separator) }
    }
}
