import LamTheoCore

// The OpenAPI schemas of `LibraryAPI`'s bodies and answers.

extension LibraryPages.ItemForm: OpenAPIDescribed {
    static let schemaName = "LibraryItemInput"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": JSONValue.integer.described("The unit the item belongs to (a new item); the caller must edit there"),
            "kind": .enumeration(LibraryKind.self),
            "title": JSONValue.string.described("Up to 200 characters"), "summary": JSONValue.string.described("Up to 2,000 characters"),
            "topics": JSONValue.string.described("Separated by commas, semicolons or lines; at most 10 of 60 characters"),
            "visibility": JSONValue.enumeration(LibraryVisibility.self).described("public: also on the committee's public site"),
            "linkUrl": JSONValue.string.described("An http or https address, instead of a file"),
            "campaignIds": JSONValue.array(of: .integer).described("Campaigns launched above, at or under the unit"),
            "requiredCampaignIds": JSONValue.array(of: .integer).described("Those that require reading it (linked too)"),
            "file": JSONValue.base64File.described("PDF, DOCX, JPEG or PNG by content, up to 20 MB; a new version without file or link keeps its own"),
        ], required: ["kind", "title", "summary", "visibility"])
    }
}

extension LibraryAPI.ItemDTO: OpenAPIDescribed {
    static let schemaName = "LibraryItem"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "organizationId": .integer, "unitName": .string, "kind": .enumeration(LibraryKind.self), "title": .string, "summary": .string,
            "topics": .array(of: .string), "visibility": .enumeration(LibraryVisibility.self),
            "version": JSONValue.integer.described("Every save keeps a version; this is the latest"),
            "fileName": .string, "fileType": .string, "fileSize": .integer, "filePath": JSONValue.string.described("Where the file is downloaded"),
            "linkUrl": .string, "updatedAt": .dateTime,
        ], required: ["id", "organizationId", "unitName", "kind", "title", "summary", "topics", "visibility", "version", "updatedAt"])
    }
}

extension LibraryAPI.CampaignDTO: OpenAPIDescribed {
    static let schemaName = "LibraryItemCampaign"
    static var schema: JSONValue {
        .object(properties: ["campaignId": .integer, "title": .string, "required": JSONValue.boolean.described("The campaign requires reading it")],
                required: ["campaignId", "title", "required"])
    }
}

extension LibraryAPI.VersionDTO: OpenAPIDescribed {
    static let schemaName = "LibraryItemVersion"
    static var schema: JSONValue {
        .object(properties: ["version": .integer, "title": .string, "savedBy": .string, "savedAt": .dateTime, "hasFile": .boolean, "linkUrl": .string],
                required: ["version", "title", "savedBy", "savedAt", "hasFile"])
    }
}

extension LibraryAPI.DetailDTO: OpenAPIDescribed {
    static let schemaName = "LibraryItemDetail"
    static var schema: JSONValue {
        .object(properties: ["item": .ref(LibraryAPI.ItemDTO.self), "campaigns": .array(of: .ref(LibraryAPI.CampaignDTO.self)),
                             "versions": JSONValue.array(of: .ref(LibraryAPI.VersionDTO.self)).described("Newest first")],
                required: ["item", "campaigns", "versions"])
    }
}

extension LibraryAPI.ReadingDTO: OpenAPIDescribed {
    static let schemaName = "LibraryReading"
    static var schema: JSONValue {
        .object(properties: ["itemId": .integer, "recorded": JSONValue.boolean.described("False when the caller had read it before")],
                required: ["itemId", "recorded"])
    }
}
