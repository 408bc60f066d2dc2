import LamTheoCore

// The OpenAPI schemas of `DocumentAPI`'s bodies and answers.

extension DocumentAPI.AbbreviationDTO: OpenAPIDescribed {
    static let schemaName = "DocumentAbbreviation"
    static var schema: JSONValue {
        .object(properties: ["code": .string, "nameVi": .string, "nameEn": .string], required: ["code", "nameVi", "nameEn"])
    }
}

extension DocumentAPI.AbbreviationsDTO: OpenAPIDescribed {
    static let schemaName = "DocumentAbbreviations"
    static var schema: JSONValue {
        let entries = JSONValue.array(of: .ref(DocumentAPI.AbbreviationDTO.self))
        return .object(properties: ["types": entries, "issuers": entries], required: ["types", "issuers"])
    }
}

extension AbbreviationInput: OpenAPIDescribed {
    static let schemaName = "DocumentAbbreviationCreate"
    static var schema: JSONValue {
        .object(properties: [
            "list": .enumeration(DocumentAbbreviationList.self), "code": .string.described("Letters only: CT, ĐA, BTGTU"),
            "nameVi": .string, "nameEn": .string,
        ], required: ["list", "code", "nameVi", "nameEn"])
    }
}

extension TermInput: OpenAPIDescribed {
    static let schemaName = "CommitteeTermCreate"
    static var schema: JSONValue {
        .object(properties: ["name": .string, "startsOn": .date, "endsOn": .date], required: ["name", "startsOn"])
    }
}

extension DocumentAPI.TermDTO: OpenAPIDescribed {
    static let schemaName = "CommitteeTerm"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "name": .string, "startsOn": .date, "endsOn": .nullable(.date)], required: ["id", "name", "startsOn"])
    }
}

extension DocumentAPI.ParsedNumberDTO: OpenAPIDescribed {
    static let schemaName = "DocumentNumber"
    static var schema: JSONValue {
        .object(properties: ["symbol": .string.described("Canonical: 05-CT/TW"), "number": .integer, "typeCode": .string, "issuerCode": .string],
                required: ["symbol", "number", "typeCode", "issuerCode"])
    }
}

extension DocumentAPI.DocumentDTO: OpenAPIDescribed {
    static let schemaName = "Document"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "symbol": .string.described("Canonical: 05-CT/TW"), "number": .integer,
            "typeCode": .string, "issuerCode": .string, "title": .string, "issuedOn": .date,
            "termId": .integer, "organizationId": .nullable(.integer), "organizationName": .nullable(.string),
        ], required: ["id", "symbol", "number", "typeCode", "issuerCode", "title", "issuedOn", "termId"])
    }
}

extension DocumentAPI.DocumentDetailDTO: OpenAPIDescribed {
    static let schemaName = "DocumentDetail"
    static var schema: JSONValue {
        .object(properties: [
            "document": .ref(DocumentAPI.DocumentDTO.self),
            "relations": .array(of: .object(properties: [
                "id": .integer, "kind": .enumeration(DocumentRelationKind.self),
                "direction": ["type": "string", "enum": ["outgoing", "incoming"],
                              "description": "outgoing: this document continues, replaces or implements the other"],
                "documentId": .integer, "symbol": .string, "title": .string,
            ], required: ["id", "kind", "direction", "documentId", "symbol", "title"])),
            "attachments": .array(of: .ref(DocumentAPI.AttachmentDTO.self)),
        ], required: ["document", "relations", "attachments"])
    }
}

/// One body for registering and, every field optional, for changing a document (`DocumentUpdate`).
extension DocumentInput: OpenAPIDescribed {
    static let schemaName = "DocumentCreate"
    static var schema: JSONValue {
        .object(properties: [
            "symbol": .string.described("Number and symbol as written: \"Số 05-CT/TW\", \"05 - ct / tw\", \"02-DA/TU\""),
            "title": .string.described("Trích yếu"), "issuedOn": .date,
            "organizationId": .integer.described("The issuing organisation; absent for central documents (administrators only)"),
        ], required: ["symbol", "title", "issuedOn"])
    }
}

extension DocumentAPI.RelationBody: OpenAPIDescribed {
    static let schemaName = "DocumentRelationCreate"
    static var schema: JSONValue {
        .object(properties: ["toDocumentId": .integer, "kind": .enumeration(DocumentRelationKind.self)], required: ["toDocumentId", "kind"])
    }
}

extension DocumentAPI.AttachmentDTO: OpenAPIDescribed {
    static let schemaName = "DocumentAttachment"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "fileName": .string, "mediaType": .string, "size": .integer, "sha256": .string],
                required: ["id", "fileName", "mediaType", "size", "sha256"])
    }
}
