import LamTheoCore
import Vapor

/// A query parameter's name, with the names it had before. Links write `name`; reading also accepts a
/// former name, so that clients and bookmarks that use it keep working (the API description lists them
/// as deprecated).
struct QueryName: Hashable, Sendable, ExpressibleByStringLiteral {
    let name: String
    let formerNames: [String]

    init(_ name: String, formerly formerNames: String...) {
        self.name = name
        self.formerNames = formerNames
    }

    init(stringLiteral name: String) {
        self.init(name)
    }
}

extension QueryName {
    /// The unit a page or list is about, by id (its subtree, its figures, the cell a new record goes to):
    /// one name across pages and API.
    static let unit = QueryName("unit", formerly: "within", "organizationId", "organization")
}

extension Request {
    /// A query parameter that takes one of a fixed set of values (`status=late`, `sort=days-late`): nil when
    /// absent or blank; any other value is refused (400) with the values it takes.
    func queryChoice<Value>(_ type: Value.Type, at key: QueryName) throws -> Value?
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        guard let raw = try queryText(key), !raw.isEmpty else { return nil }
        return try Self.choice(raw, key: key.name)
    }

    /// The same for a parameter the request must carry: its absence is refused too.
    func requiredQueryChoice<Value>(_ type: Value.Type, at key: QueryName) throws -> Value
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        try Self.choice(queryText(key) ?? "", key: key.name)
    }

    /// The same for a comma-separated list (`status=full,probationary`).
    func queryChoices<Value>(_ type: Value.Type, at key: QueryName) throws -> [Value]?
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        guard let raw = try queryText(key), !raw.isEmpty else { return nil }
        return try raw.split(separator: ",").map { try Self.choice(String($0), key: key.name) }
    }

    private static func choice<Value>(_ raw: String, key: String) throws -> Value
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        if let value = Value(rawValue: raw) { return value }
        let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
        throw DomainError.malformed(field: key, raw.isEmpty
            ? LocalizedText(vi: "Thiếu tham số \(key) (dùng \(allowed))", en: "\(key) is missing (use \(allowed))")
            : LocalizedText(vi: "\(key) không nhận giá trị “\(raw)” (dùng \(allowed))", en: "\(key) cannot be “\(raw)” (use \(allowed))"))
    }
}

/// Query parameters read strictly: absent (or blank) is nil, and a value that is there but cannot be read
/// (`unit=null`, `q=%ff`) is refused with a 400 naming the parameter, rather than quietly ignored.
extension Request {
    /// The parameter's value under its name, or else under the first former name the request uses.
    func queryText(_ key: QueryName) throws -> String? {
        try queryValue(key)?.text
    }

    func queryInteger(_ key: QueryName) throws -> Int? {
        guard let (name, text) = try queryValue(key), case let text = text.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            throw DomainError.malformed(field: name, LocalizedText(vi: "\(name) phải là một số nguyên", en: "\(name) must be a whole number"))
        }
        return value
    }

    func queryFlag(_ key: QueryName) throws -> Bool? {
        guard let (name, text) = try queryValue(key), !text.isEmpty else { return nil }
        switch text.lowercased() {
        case "true", "1", "on", "yes": return true
        case "false", "0", "off", "no": return false
        default:
            throw DomainError.malformed(field: name, LocalizedText(vi: "\(name) chỉ nhận true hoặc false", en: "\(name) takes true or false"))
        }
    }

    /// The name the request uses for the parameter (its own first, then the former ones) and its text.
    private func queryValue(_ key: QueryName) throws -> (name: String, text: String)? {
        for name in [key.name] + key.formerNames where mayHaveQueryName(name) {
            if let value = try? query.get(String.self, at: name) { return (name, value) }
            guard rawQueryKeys.contains(name) else { continue }
            throw DomainError.malformed(field: name, LocalizedText(vi: "\(name) không phải văn bản hợp lệ (UTF-8)", en: "\(name) is not valid text (UTF-8)"))
        }
        return nil
    }

    /// False when the query string cannot hold `name`: it is empty, or has no escape and not the name's letters. Decoding
    /// the query for each name a page may take (Vapor parses all of it each time) was a tenth of a kept dashboard page.
    func mayHaveQueryName(_ name: String) -> Bool {
        guard let raw = url.query, !raw.isEmpty else { return false }
        return raw.utf8.contains(UInt8(ascii: "%")) || raw.utf8.firstRange(of: name.utf8) != nil
    }

    /// The names in the query string as sent, decoded where they can be.
    private var rawQueryKeys: Set<String> {
        Set((url.query ?? "").split(separator: "&").map { pair in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return name.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? name
        })
    }
}
