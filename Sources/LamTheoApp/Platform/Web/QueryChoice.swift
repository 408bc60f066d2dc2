import LamTheoCore
import Vapor

extension Request {
    /// A query parameter that takes one of a fixed set of values (`status=late`, `sort=days-late`): nil when
    /// absent or blank; any other value is refused (400) with the values it takes.
    func queryChoice<Value>(_ type: Value.Type, at key: String) throws -> Value?
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        guard let raw = try queryText(key), !raw.isEmpty else { return nil }
        return try Self.choice(raw, key: key)
    }

    /// The same for a parameter the request must carry: its absence is refused too.
    func requiredQueryChoice<Value>(_ type: Value.Type, at key: String) throws -> Value
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        try Self.choice(queryText(key) ?? "", key: key)
    }

    /// The same for a comma-separated list (`status=full,probationary`).
    func queryChoices<Value>(_ type: Value.Type, at key: String) throws -> [Value]?
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        guard let raw = try queryText(key), !raw.isEmpty else { return nil }
        return try raw.split(separator: ",").map { try Self.choice(String($0), key: key) }
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
    func queryText(_ key: String) throws -> String? {
        if let value = try? query.get(String.self, at: key) { return value }
        guard rawQueryKeys.contains(key) else { return nil }
        throw DomainError.malformed(field: key, LocalizedText(vi: "\(key) không phải văn bản hợp lệ (UTF-8)", en: "\(key) is not valid text (UTF-8)"))
    }

    func queryInteger(_ key: String) throws -> Int? {
        guard let text = try queryText(key)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            throw DomainError.malformed(field: key, LocalizedText(vi: "\(key) phải là một số nguyên", en: "\(key) must be a whole number"))
        }
        return value
    }

    func queryFlag(_ key: String) throws -> Bool? {
        guard let text = try queryText(key), !text.isEmpty else { return nil }
        switch text.lowercased() {
        case "true", "1", "on", "yes": return true
        case "false", "0", "off", "no": return false
        default:
            throw DomainError.malformed(field: key, LocalizedText(vi: "\(key) chỉ nhận true hoặc false", en: "\(key) takes true or false"))
        }
    }

    /// The names in the query string as sent, decoded where they can be.
    private var rawQueryKeys: Set<String> {
        Set((url.query ?? "").split(separator: "&").map { pair in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return name.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? name
        })
    }
}
