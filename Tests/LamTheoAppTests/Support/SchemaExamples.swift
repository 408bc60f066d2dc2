import Foundation
@testable import LamTheoApp

/// Checks one described type against its schema without hand-written examples: a value is built from the schema
/// (every property, or only the required ones), read into the Swift type by a decoder that notes every key the
/// type asks for, encoded back with the app's encoder and validated. A field the schema does not list, one the
/// type needs but the schema leaves optional, and (for an answer) one the schema requires but the type may leave
/// out are each reported; so is an encoding that differs from the value read.
struct SchemaRoundTrip {
    let validator = JSONSchemaValidator()

    enum Completeness: String, CaseIterable {
        /// Every property present and not null, one item in every list.
        case full
        /// Only the required properties.
        case minimal
    }

    /// What is wrong, each as a sentence; empty when the type and its schema agree.
    func findings<Described: OpenAPIDescribed>(_ type: Described.Type, _ completeness: Completeness, isAnswer: Bool) -> [String] {
        let schema = JSONTree.object(["$ref": .string("#/components/schemas/\(Described.schemaName)")])
        let example = self.example(of: schema, completeness)
        let probe = KeyProbe(isAnswer: isAnswer)
        do {
            let value = try Described(from: ProbingDecoder(value: example, schema: schema, probe: probe, validator: validator, codingPath: []))
            let encoded = try JSONTree(json: JSONEncoder.lamtheo.encode(value))
            var findings = probe.findings + validator.errors(of: encoded, against: schema)
            if encoded != example {
                findings.append("encodes \(encoded)\n    from \(example)")
            }
            return findings
        } catch {
            return probe.findings + ["cannot read \(example): \(error)"]
        }
    }

    /// A value that fits `schema`.
    func example(of schema: JSONTree, _ completeness: Completeness) -> JSONTree {
        let schema = validator.dereferenced(schema)
        if let first = schema["examples"]?.elements.first { return first }
        if let choices = schema["enum"]?.elements, let first = choices.first(where: { $0 != .null }) { return first }
        if let branches = schema["oneOf"]?.elements ?? schema["allOf"]?.elements,
           let branch = branches.first(where: { validator.dereferenced($0)["type"]?.text != "null" }) {
            return example(of: branch, completeness)
        }
        let types = schema["type"].map { $0.text.map { [$0] } ?? $0.elements.compactMap(\.text) } ?? []
        switch types.first(where: { $0 != "null" }) {
        case "object"?:
            let properties = schema["properties"]?.members ?? [:]
            let required = Set(schema["required"]?.elements.compactMap(\.text) ?? [])
            var members: [String: JSONTree] = [:]
            for (name, property) in properties where completeness == .full || required.contains(name) {
                members[name] = example(of: property, completeness)
            }
            if properties.isEmpty, case .object? = schema["additionalProperties"] {
                members["sample"] = example(of: schema["additionalProperties"]!, completeness)
            }
            return .object(members)
        case "array"?:
            return .array([example(of: schema["items"] ?? .object([:]), completeness)])
        case "integer"?:
            var minimum: Int64 = 1
            if case .integer(let bound)? = schema["minimum"] { minimum = max(bound, 1) }
            return .integer(minimum)
        case "number"?:
            return .number(12.5)
        case "boolean"?:
            return .bool(true)
        case "string"?:
            switch (schema["format"]?.text, schema["contentEncoding"]?.text) {
            case ("date"?, _): return .string("2024-05-31")
            case ("date-time"?, _): return .string("2024-05-31T08:30:00Z")
            case (_, "base64"?): return .string("SGVsbG8=")
            default: return .string("Văn bản")
            }
        default:
            return .null
        }
    }
}

/// The keys a type asks for, checked against the schema as they are asked.
final class KeyProbe {
    let isAnswer: Bool
    var findings: [String] = []

    init(isAnswer: Bool) {
        self.isAnswer = isAnswer
    }

    func asked(_ key: String, optionally: Bool, of schema: JSONTree?, at path: [any CodingKey]) {
        guard let schema, schema["type"]?.text == "object" || schema["properties"] != nil else { return }
        let place = (path.map(\.stringValue) + [key]).joined(separator: ".")
        let properties = schema["properties"]?.members ?? [:]
        if properties[key] == nil, !(schema["additionalProperties"].map { if case .object = $0 { return true } else { return false } } ?? false) {
            note("\(place): the Swift type reads it, the schema does not list it")
        }
        let required = schema["required"]?.elements.compactMap(\.text) ?? []
        if isAnswer, optionally, required.contains(key) {
            note("\(place): optional in the Swift type, required by the schema")
        }
    }

    /// Once each: a key is asked for up to three times (contains, decodeNil, decode).
    private func note(_ finding: String) {
        if !findings.contains(finding) { findings.append(finding) }
    }
}

/// A decoder over a JSON value that tells `KeyProbe` every key read, with the schema of where it reads.
struct ProbingDecoder: Decoder {
    let value: JSONTree
    let schema: JSONTree?
    let probe: KeyProbe
    let validator: JSONSchemaValidator
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The schema that describes a value here: references followed, and of `oneOf` or `allOf` the branch that is not null.
    var resolvedSchema: JSONTree? {
        guard let schema else { return nil }
        let resolved = validator.dereferenced(schema)
        if let branches = resolved["oneOf"]?.elements ?? resolved["allOf"]?.elements,
           let branch = branches.first(where: { validator.dereferenced($0)["type"]?.text != "null" }) {
            return ProbingDecoder(value: value, schema: branch, probe: probe, validator: validator, codingPath: codingPath).resolvedSchema
        }
        return resolved
    }

    func child(_ value: JSONTree, schema: JSONTree?, key: any CodingKey) -> ProbingDecoder {
        ProbingDecoder(value: value, schema: schema, probe: probe, validator: validator, codingPath: codingPath + [key])
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: JSONTree].self) }
        return KeyedDecodingContainer(Keyed<Key>(decoder: self, members: members, schema: resolvedSchema))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([JSONTree].self) }
        return Unkeyed(decoder: self, items: items, itemSchema: resolvedSchema?["items"])
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(decoder: self)
    }

    func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "found \(value)"))
    }

    /// Dates and data arrive as the app's encoder writes them: ISO 8601 and base64.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == Date.self {
            guard case .string(let text) = value, let date = ISO8601DateFormatter().date(from: text) else { throw mismatch(Date.self) }
            return date as! T
        }
        if T.self == Data.self {
            guard case .string(let text) = value, let data = Data(base64Encoded: text) else { throw mismatch(Data.self) }
            return data as! T
        }
        return try T(from: self)
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: ProbingDecoder
        let members: [String: JSONTree]
        let schema: JSONTree?
        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool {
            decoder.probe.asked(key.stringValue, optionally: true, of: schema, at: codingPath)
            return members[key.stringValue] != nil
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            decoder.probe.asked(key.stringValue, optionally: true, of: schema, at: codingPath)
            return (members[key.stringValue] ?? .null) == .null
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            decoder.probe.asked(key.stringValue, optionally: false, of: schema, at: codingPath)
            guard let member = members[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "the schema does not require it"))
            }
            let propertySchema = schema?["properties"]?[key.stringValue] ?? schema?["additionalProperties"]
            return try decoder.child(member, schema: propertySchema, key: key).decode(type)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try decoder.child(members[key.stringValue] ?? .null, schema: schema?["properties"]?[key.stringValue], key: key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try decoder.child(members[key.stringValue] ?? .null, schema: schema?["properties"]?[key.stringValue], key: key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: ProbingDecoder
        let items: [JSONTree]
        let itemSchema: JSONTree?
        var currentIndex = 0
        var codingPath: [any CodingKey] { decoder.codingPath }
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, items[currentIndex] == .null else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            guard !isAtEnd else { throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "no more items")) }
            defer { currentIndex += 1 }
            return try decoder.child(items[currentIndex], schema: itemSchema, key: JSONTree.AnyKey("[\(currentIndex)]")).decode(type)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            defer { currentIndex += 1 }
            return try decoder.child(items[currentIndex], schema: itemSchema, key: JSONTree.AnyKey("[\(currentIndex)]")).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            defer { currentIndex += 1 }
            return try decoder.child(items[currentIndex], schema: itemSchema, key: JSONTree.AnyKey("[\(currentIndex)]")).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { decoder }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: ProbingDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool { decoder.value == .null }

        func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let bool) = decoder.value else { throw decoder.mismatch(type) }
            return bool
        }

        func decode(_ type: String.Type) throws -> String {
            guard case .string(let text) = decoder.value else { throw decoder.mismatch(type) }
            return text
        }

        func decode(_ type: Double.Type) throws -> Double {
            switch decoder.value {
            case .integer(let integer): return Double(integer)
            case .number(let number): return number
            default: throw decoder.mismatch(type)
            }
        }

        func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
        func decode(_ type: Int.Type) throws -> Int { try integer() }
        func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
        func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
        func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
        func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
        func decode(_ type: UInt.Type) throws -> UInt { try integer() }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try decoder.decode(type)
        }

        private func integer<Integer: FixedWidthInteger>() throws -> Integer {
            guard case .integer(let integer) = decoder.value, let exact = Integer(exactly: integer) else { throw decoder.mismatch(Integer.self) }
            return exact
        }
    }
}
