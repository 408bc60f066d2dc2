import LamTheoCore

// The OpenAPI schemas of the self-service answers (`SelfServiceAPI`) and of the personal-data log (`PersonalDataAPI`).

extension MemberDataExport: OpenAPIDescribed {
    static let schemaName = "MemberData"
    static var schema: JSONValue {
        .object(properties: [
            "exportedAt": .dateTime, "member": .ref(MemberAPI.MemberDTO.self),
            "transfers": .array(of: .ref(MemberAPI.TransferDTO.self)), "positions": .array(of: .ref(MemberAPI.PositionDTO.self)),
            "accounts": .array(of: .string).described("The usernames of the member's accounts"),
            "correctionRequests": .array(of: .object(properties: ["text": .string, "status": SelfServiceAPI.correctionStatus, "createdAt": .dateTime],
                                                     required: ["text", "status"])),
            "personalDataViews": .array(of: .object(properties: ["viewedAt": .dateTime, "username": .string, "what": .string],
                                                    required: ["viewedAt", "username", "what"]))
                .described("Who has viewed or exported the member's personal data"),
        ], required: ["exportedAt", "member", "transfers", "positions", "accounts", "correctionRequests", "personalDataViews"])
    }
}

extension SelfServiceAPI.CorrectionBody: OpenAPIDescribed {
    static let schemaName = "CorrectionRequestCreate"
    static var schema: JSONValue {
        .object(properties: ["text": .string], required: ["text"])
    }
}

extension SelfServiceAPI.CorrectionDTO: OpenAPIDescribed {
    static let schemaName = "CorrectionRequest"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "text": .string, "status": SelfServiceAPI.correctionStatus], required: ["id", "text", "status"])
    }
}

extension PersonalDataAPI.ViewerDTO: OpenAPIDescribed {
    static let schemaName = "PersonalDataView"
    static var schema: JSONValue {
        .object(properties: [
            "viewedAt": .dateTime, "userId": .integer, "username": .string,
            "what": .string.described("member.page, member.api, member.list.api, member.export.csv…"),
            "count": .integer.described("How many members the view showed (1 for the member alone)"), "ip": .nullable(.string),
        ], required: ["viewedAt", "userId", "username", "what", "count"])
    }
}

extension SelfServiceAPI {
    fileprivate static let correctionStatus: JSONValue = ["type": "string", "enum": [.string(CorrectionRequest.open), .string(CorrectionRequest.resolved)]]
}
