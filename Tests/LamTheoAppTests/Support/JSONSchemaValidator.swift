import Foundation
@testable import LamTheoApp

/// A JSON value as parsed, keeping integers apart from other numbers.
indirect enum JSONTree: Decodable, Equatable, CustomStringConvertible, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [JSONTree] = []
            while !list.isAtEnd { items.append(try list.decode(JSONTree.self)) }
            self = .array(items)
        } else if let members = try? decoder.container(keyedBy: AnyKey.self) {
            self = .object(try Dictionary(uniqueKeysWithValues: members.allKeys.map { ($0.stringValue, try members.decode(JSONTree.self, forKey: $0)) }))
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                self = .null
            } else if let bool = try? value.decode(Bool.self) {
                self = .bool(bool)
            } else if let integer = try? value.decode(Int64.self) {
                self = .integer(integer)
            } else if let number = try? value.decode(Double.self) {
                self = .number(number)
            } else {
                self = .string(try value.decode(String.self))
            }
        }
    }

    init(json data: Data) throws {
        self = try JSONDecoder().decode(JSONTree.self, from: data)
    }

    /// The document the server serves, as a client reads it.
    static let apiDocument: JSONTree = {
        do {
            return try JSONTree(json: JSONEncoder.lamtheo.encode(APIDocumentation.document))
        } catch {
            fatalError("The API document does not encode: \(error)")
        }
    }()

    subscript(key: String) -> JSONTree? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    var members: [String: JSONTree] {
        if case .object(let members) = self { return members }
        return [:]
    }

    var elements: [JSONTree] {
        if case .array(let elements) = self { return elements }
        return []
    }

    var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let bool): return String(bool)
        case .integer(let integer): return String(integer)
        case .number(let number): return String(number)
        case .string(let text): return "\"\(text)\""
        case .array(let items): return "[" + items.map(\.description).joined(separator: ",") + "]"
        case .object(let members): return "{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
        }
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// A strict JSON Schema validator for the keywords the API document uses, and only those: a keyword it does not
/// know is a failure, so that the document cannot say more than the tests check.
struct JSONSchemaValidator {
    /// The OpenAPI document `$ref`s point into.
    var document: JSONTree = .apiDocument

    static let keywords: Set<String> = [
        "$ref", "type", "properties", "required", "additionalProperties", "enum", "items", "oneOf", "allOf", "format",
        "minimum", "maximum", "maxLength", "pattern", "contentEncoding", "description", "default", "examples",
    ]

    /// What is wrong with `value` under `schema`, each with where in the value; empty when it is valid.
    func errors(of value: JSONTree, against schema: JSONTree, at path: String = "$") -> [String] {
        guard case .object(let keywords) = schema else { return ["\(path): the schema \(schema) is not an object"] }
        var errors = keywords.keys.filter { !Self.keywords.contains($0) }.sorted().map { "\(path): unknown schema keyword \($0)" }
        if let reference = keywords["$ref"]?.text {
            guard let target = resolve(reference) else { return errors + ["\(path): dangling $ref \(reference)"] }
            errors += self.errors(of: value, against: target, at: path)
        }
        if let type = keywords["type"] {
            let allowed = type.text.map { [$0] } ?? type.elements.compactMap(\.text)
            if !allowed.contains(where: { Self.value(value, isOfType: $0) }) {
                return errors + ["\(path): \(Self.short(value)) is not of type \(allowed.joined(separator: " or "))"]
            }
        }
        if let choices = keywords["enum"], !choices.elements.contains(value) {
            errors.append("\(path): \(Self.short(value)) is not one of \(choices)")
        }
        if let format = keywords["format"]?.text, let problem = Self.problem(of: value, format: format) {
            errors.append("\(path): \(problem)")
        }
        errors += boundErrors(of: value, keywords, at: path)
        if case .object(let members) = value {
            errors += objectErrors(of: members, keywords, at: path)
        }
        if case .array(let items) = value, let itemSchema = keywords["items"] {
            for (index, item) in items.enumerated() { errors += self.errors(of: item, against: itemSchema, at: "\(path)[\(index)]") }
        }
        if let branches = keywords["allOf"]?.elements {
            for branch in branches { errors += self.errors(of: value, against: branch, at: path) }
        }
        if let branches = keywords["oneOf"]?.elements {
            let outcomes = branches.map { self.errors(of: value, against: $0, at: path) }
            let matching = outcomes.filter(\.isEmpty).count
            if matching != 1 {
                errors.append("\(path): \(Self.short(value)) matches \(matching) of the oneOf branches, not 1 (\(outcomes.flatMap { $0 }.joined(separator: "; ")))")
            }
        }
        return errors
    }

    /// The schema a `$ref` such as `#/components/schemas/Member` names.
    func resolve(_ reference: String) -> JSONTree? {
        guard reference.hasPrefix("#/") else { return nil }
        return reference.dropFirst(2).split(separator: "/").reduce(Optional(document)) { node, name in node?[String(name)] }
    }

    /// The schema itself when it is no reference, else what it refers to, followed to the end.
    func dereferenced(_ schema: JSONTree) -> JSONTree {
        guard let reference = schema["$ref"]?.text, let target = resolve(reference) else { return schema }
        return dereferenced(target)
    }

    private func objectErrors(of members: [String: JSONTree], _ keywords: [String: JSONTree], at path: String) -> [String] {
        var errors: [String] = []
        let properties = keywords["properties"]?.members ?? [:]
        for name in keywords["required"]?.elements.compactMap(\.text) ?? [] where members[name] == nil {
            errors.append("\(path): required property \(name) is missing")
        }
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            if let property = properties[name] {
                errors += self.errors(of: member, against: property, at: "\(path).\(name)")
            } else {
                switch keywords["additionalProperties"] {
                case .bool(false)?: errors.append("\(path): property \(name) is not in the schema")
                case .object?: errors += self.errors(of: member, against: keywords["additionalProperties"]!, at: "\(path).\(name)")
                default: break
                }
            }
        }
        return errors
    }

    private func boundErrors(of value: JSONTree, _ keywords: [String: JSONTree], at path: String) -> [String] {
        var errors: [String] = []
        if let number = Self.number(value) {
            if let minimum = keywords["minimum"].flatMap(Self.number), number < minimum { errors.append("\(path): \(number) is below the minimum \(minimum)") }
            if let maximum = keywords["maximum"].flatMap(Self.number), number > maximum { errors.append("\(path): \(number) is above the maximum \(maximum)") }
        }
        if case .string(let text) = value {
            if case .integer(let limit)? = keywords["maxLength"], text.count > limit { errors.append("\(path): longer than \(limit) characters") }
            if let pattern = keywords["pattern"]?.text, text.range(of: pattern, options: .regularExpression) == nil {
                errors.append("\(path): \(Self.short(value)) does not match \(pattern)")
            }
            if keywords["contentEncoding"]?.text == "base64", Data(base64Encoded: text) == nil { errors.append("\(path): not base64") }
        }
        return errors
    }

    private static func value(_ value: JSONTree, isOfType type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("integer", .integer), ("number", .integer), ("number", .number): return true
        case ("integer", .number(let number)): return number.rounded() == number
        default: return false
        }
    }

    private static func number(_ value: JSONTree) -> Double? {
        switch value {
        case .integer(let integer): return Double(integer)
        case .number(let number): return number
        default: return nil
        }
    }

    private static func problem(of value: JSONTree, format: String) -> String? {
        switch (format, value) {
        case ("int64", .number(let number)):
            return number.rounded() == number && abs(number) < 9.2e18 ? nil : "\(number) is not a 64-bit integer"
        case ("date", .string(let text)):
            return isCalendarDate(text) ? nil : "\(short(value)) is not a yyyy-MM-dd date"
        case ("date-time", .string(let text)):
            return ISO8601DateFormatter().date(from: text) == nil ? "\(short(value)) is not an ISO 8601 date-time" : nil
        case ("int64", _), ("date", _), ("date-time", _), ("binary", _):
            return nil
        default:
            return "unknown format \(format)"
        }
    }

    private static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.map(\.count) == [4, 2, 2], parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month) else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let first = calendar.date(from: DateComponents(year: year, month: month, day: 1))!
        return (1...calendar.range(of: .day, in: .month, for: first)!.count).contains(day)
    }

    private static func short(_ value: JSONTree) -> String {
        let text = value.description
        return text.count > 80 ? String(text.prefix(77)) + "…" : text
    }
}
