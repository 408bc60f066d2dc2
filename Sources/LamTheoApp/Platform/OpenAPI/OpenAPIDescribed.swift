import LamTheoCore

/// A type the API sends or reads as JSON, described under `components.schemas` of the OpenAPI document.
/// Each feature writes its conformances beside its API (`XAPI+Schema.swift`); `APIDocumentation.describedTypes`
/// lists them, and a test encodes every one and checks the JSON against its schema, so that a field added to
/// a type without its schema fails.
protocol OpenAPIDescribed: Codable, Sendable {
    /// The name under `components.schemas`.
    static var schemaName: String { get }
    static var schema: JSONValue { get }
}

/// The pieces schemas are built from, written as `.date`, `.nullable(.integer)`, `.ref(X.self)`…
extension JSONValue {
    static let string: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer"]
    static let number: JSONValue = ["type": "number"]
    static let boolean: JSONValue = ["type": "boolean"]
    /// Dates are `yyyy-MM-dd` everywhere.
    static let date: JSONValue = ["type": "string", "format": "date"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let binary: JSONValue = ["type": "string", "format": "binary"]
    /// A file in a JSON body. The pattern is what the server decodes (padded base64): a generator that does not
    /// read `contentEncoding` still sends a file the server takes.
    static let base64File: JSONValue = .object(properties: [
        "filename": .string,
        "data": ["type": "string", "contentEncoding": "base64", "pattern": "^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"],
    ], required: ["filename", "data"])

    /// An object of exactly these properties: no other is sent or read.
    static func object(properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", "object"), ("properties", .object(properties))]
        if !required.isEmpty { pairs.append(("required", .array(required.map { .string($0) }))) }
        pairs.append(("additionalProperties", false))
        return .object(pairs)
    }

    static func object(properties: KeyValuePairs<String, JSONValue>, required: [String] = []) -> JSONValue {
        object(properties: properties.map { ($0.key, $0.value) }, required: required)
    }

    /// An object whose keys are data (counts by status…), each value of one schema.
    static func dictionary(of values: JSONValue) -> JSONValue {
        ["type": "object", "additionalProperties": values]
    }

    static func array(of items: JSONValue) -> JSONValue {
        ["type": "array", "items": items]
    }

    /// The raw values of a Swift enumeration: the document lists what the type can hold, never a copy of it.
    static func enumeration<Choice: CaseIterable & RawRepresentable>(_: Choice.Type) -> JSONValue where Choice.RawValue == String {
        ["type": "string", "enum": .array(Choice.allCases.map { .string($0.rawValue) })]
    }

    /// The same schema, or null: a second type (and null among the values of an enumeration) for a typed
    /// schema, `oneOf` for a reference.
    static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var pairs) = schema, let index = pairs.firstIndex(where: { $0.0 == "type" }),
              case .string(let type) = pairs[index].1 else {
            return ["oneOf": [["type": "null"], schema]]
        }
        pairs[index].1 = [.string(type), "null"]
        if let values = pairs.firstIndex(where: { $0.0 == "enum" }), case .array(let choices) = pairs[values].1 {
            pairs[values].1 = .array(choices + [.null])
        }
        return .object(pairs)
    }

    static func ref(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/schemas/\(name)")]
    }

    static func ref<Described: OpenAPIDescribed>(_: Described.Type) -> JSONValue {
        ref(Described.schemaName)
    }

    /// This schema with a description.
    func described(_ text: String) -> JSONValue {
        adding("description", .string(text))
    }

    /// This schema with one more keyword (`minimum`, `default`…).
    func adding(_ keyword: String, _ value: JSONValue) -> JSONValue {
        guard case .object(let pairs) = self else { return self }
        return .object(pairs.filter { $0.0 != keyword } + [(keyword, value)])
    }

    /// The body of a partial update: the same properties, none required, less those an update cannot change.
    func partial(without fixed: Set<String> = []) -> JSONValue {
        guard case .object(let pairs) = self else { return self }
        return .object(pairs.compactMap { key, value in
            switch key {
            case "required": return nil
            case "properties":
                guard case .object(let properties) = value else { return (key, value) }
                return (key, .object(properties.filter { !fixed.contains($0.0) }))
            default: return (key, value)
            }
        })
    }
}

/// The envelope of every paged list, named after what it pages: `OrganizationPage`.
extension PageDTO: OpenAPIDescribed where Item: OpenAPIDescribed {
    static var schemaName: String { Item.schemaName + "Page" }
    static var schema: JSONValue {
        .object(properties: ["items": .array(of: .ref(Item.self)), "page": .integer, "perPage": .integer, "total": .integer,
                             "totalIsLowerBound": .boolean],
                required: ["items", "page", "perPage", "total"])
    }
}

/// Every error answer of the API (RFC 9457).
extension Problem: OpenAPIDescribed {
    static let schemaName = "Problem"
    static var schema: JSONValue {
        .object(properties: [
            "type": .string, "title": .string, "status": .integer, "detail": .string, "instance": .string,
            "errors": .array(of: .object(properties: ["field": .string, "detail": .string], required: ["field", "detail"])),
        ], required: ["type", "title", "status", "instance"])
    }
}
