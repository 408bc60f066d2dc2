import LamTheoCore
import Vapor

extension Request {
    /// A query parameter that takes one of a fixed set of values (`status=late`, `sort=days-late`): nil when
    /// absent or blank; any other value is refused (400) with the values it takes.
    func queryChoice<Value>(_ type: Value.Type, at key: String) throws -> Value?
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        guard let raw = query[String.self, at: key], !raw.isEmpty else { return nil }
        return try Self.choice(raw, key: key)
    }

    /// The same for a parameter the request must carry: its absence is refused too.
    func requiredQueryChoice<Value>(_ type: Value.Type, at key: String) throws -> Value
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        try Self.choice(query[String.self, at: key] ?? "", key: key)
    }

    /// The same for a comma-separated list (`status=full,probationary`).
    func queryChoices<Value>(_ type: Value.Type, at key: String) throws -> [Value]?
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        guard let raw = query[String.self, at: key], !raw.isEmpty else { return nil }
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
