import Foundation
@testable import LamTheoApp
import Testing

/// The API document against the Swift types it describes. Every answer the other API tests provoke is also checked
/// against it (`APIResponseAudit`, installed by `withTestApp`).
@Suite("API document")
struct APIDocumentTests {
    /// Which way each schema travels: in request bodies, in answers.
    enum Direction: String {
        case request
        case answer
    }

    /// The component schemas each operation's request bodies and answers reach, followed through references.
    static let directions: [String: Set<Direction>] = {
        var directions: [String: Set<Direction>] = [:]
        let validator = JSONSchemaValidator()
        func visit(_ node: JSONTree, _ direction: Direction, _ seen: inout Set<String>) {
            switch node {
            case .object(let members):
                if let reference = members["$ref"]?.text, seen.insert(reference).inserted, let target = validator.resolve(reference) {
                    if reference.hasPrefix("#/components/schemas/") {
                        directions[String(reference.dropFirst("#/components/schemas/".count)), default: []].insert(direction)
                    }
                    visit(target, direction, &seen)
                }
                for (_, member) in members { visit(member, direction, &seen) }
            case .array(let items):
                for item in items { visit(item, direction, &seen) }
            default:
                break
            }
        }
        for (_, operations) in JSONTree.apiDocument["paths"]?.members ?? [:] {
            for (_, operation) in operations.members {
                var seenInRequests: Set<String> = []
                var seenInAnswers: Set<String> = []
                if let body = operation["requestBody"] { visit(body, .request, &seenInRequests) }
                if let answers = operation["responses"] { visit(answers, .answer, &seenInAnswers) }
            }
        }
        return directions
    }()

    static var typesByName: [String: any OpenAPIDescribed.Type] {
        Dictionary(uniqueKeysWithValues: APIDocumentation.describedTypes.map { ($0.schemaName, $0) })
    }

    @Test("every schema of the document is a described Swift type, used one way only")
    func everySchemaIsDescribed() throws {
        let schemas = Set((JSONTree.apiDocument["components"]?["schemas"]?.members ?? [:]).keys)
        let partial = Set(APIDocumentation.partialUpdates.map(\.name))
        #expect(schemas == Set(Self.typesByName.keys).union(partial), "schemas without a type: \(schemas.subtracting(Self.typesByName.keys).subtracting(partial))")
        for name in schemas.sorted() {
            #expect(Self.directions[name] != nil, "\(name) is used by no operation")
            #expect((Self.directions[name]?.count ?? 0) <= 1, "\(name) is both a request body and an answer: give each its own schema")
        }
    }

    @Test("every described type encodes as its schema says: every field, none other, required exactly",
          arguments: APIDocumentation.describedTypes.map { $0.schemaName })
    func typeMatchesSchema(_ name: String) throws {
        let type = try #require(Self.typesByName[name])
        let isAnswer = Self.directions[name] == [.answer]
        for completeness in SchemaRoundTrip.Completeness.allCases {
            let findings = check(type, completeness, isAnswer: isAnswer)
            #expect(findings.isEmpty, "\(name), \(completeness.rawValue):\n  \(findings.joined(separator: "\n  "))")
        }
    }

    private func check<Described: OpenAPIDescribed>(_ type: Described.Type, _ completeness: SchemaRoundTrip.Completeness, isAnswer: Bool) -> [String] {
        SchemaRoundTrip().findings(type, completeness, isAnswer: isAnswer)
    }

    @Test("the validator refuses what the document does not allow")
    func validatorIsStrict() throws {
        let validator = JSONSchemaValidator()
        let position = JSONTree.object(["$ref": .string("#/components/schemas/Position")])
        func errors(_ json: String) throws -> [String] { validator.errors(of: try JSONTree(json: Data(json.utf8)), against: position) }

        #expect(try errors(#"{"id": 1, "title": "Bí thư", "startedOn": "2024-02-29", "endedOn": null}"#).isEmpty)
        #expect(try errors(#"{"id": 1, "title": "Bí thư", "startedOn": "2024-02-29", "rank": 3}"#).count == 1, "a property not in the schema")
        #expect(try errors(#"{"id": 1, "title": "Bí thư"}"#).count == 1, "a required property missing")
        #expect(try errors(#"{"id": 1.5, "title": "Bí thư", "startedOn": "2024-02-29"}"#).count == 1, "a fraction for an integer")
        #expect(try errors(#"{"id": "1", "title": "Bí thư", "startedOn": "2024-02-29"}"#).count == 1, "a string for an integer")
        #expect(try errors(#"{"id": 1, "title": "Bí thư", "startedOn": "2023-02-29"}"#).count == 1, "a day that does not exist")
        #expect(try errors(#"{"id": 1, "title": "Bí thư", "startedOn": "29/02/2024"}"#).count == 1, "a date not as yyyy-MM-dd")
        #expect(try errors(#"{"id": 1, "title": null, "startedOn": "2024-02-29"}"#).count == 1, "null where the schema does not allow it")
        let member = JSONTree.object(["$ref": .string("#/components/schemas/MemberTransfer")])
        #expect(validator.errors(of: .object(["toOrganizationId": .integer(1), "transferredOn": .string("2024-01-01"), "reason": .null]),
                                 against: member).isEmpty)
        let unknown = JSONTree.object(["type": .string("string"), "const": .string("x")])
        #expect(validator.errors(of: .string("x"), against: unknown).count == 1, "a keyword the validator does not know")
    }
}
