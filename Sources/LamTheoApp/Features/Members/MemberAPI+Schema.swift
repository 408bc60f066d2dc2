import LamTheoCore

// The OpenAPI schemas of `MemberAPI`'s bodies and answers.

extension MemberAPI.MemberDTO: OpenAPIDescribed {
    static let schemaName = "Member"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "fullName": .string, "familyName": .string, "middleName": .string, "givenName": .string,
            "gender": .enumeration(Gender.self), "birthDate": .nullable(.date), "cardNumber": .string,
            "admittedOn": .nullable(.date), "fullMemberOn": .nullable(.date), "status": .enumeration(MemberStatus.self),
            "organizationId": .integer, "organizationName": .nullable(.string),
            "idNumber": .nullable(.string), "phone": .nullable(.string), "address": .nullable(.string),
        ], required: ["id", "fullName", "familyName", "middleName", "givenName", "gender", "cardNumber", "status", "organizationId"])
    }
}

extension MemberAPI.MemberDetailDTO: OpenAPIDescribed {
    static let schemaName = "MemberDetail"
    static var schema: JSONValue {
        .object(properties: [
            "member": .ref(MemberAPI.MemberDTO.self),
            "transfers": .array(of: .ref(MemberAPI.TransferDTO.self)),
            "positions": .array(of: .ref(MemberAPI.PositionDTO.self)),
        ], required: ["member", "transfers", "positions"])
    }
}

extension MemberAPI.TransferDTO: OpenAPIDescribed {
    static let schemaName = "MemberTransfer"
    static var schema: JSONValue {
        .object(properties: [
            "fromOrganizationId": .nullable(.integer), "toOrganizationId": .integer, "transferredOn": .date, "reason": .nullable(.string),
        ], required: ["toOrganizationId", "transferredOn"])
    }
}

/// One body for enrolling and, every field optional, for changing a member (`MemberUpdate`).
extension MemberInput: OpenAPIDescribed {
    static let schemaName = "MemberCreate"
    static var schema: JSONValue {
        .object(properties: [
            "fullName": .string.described("Split into họ, chữ đệm, tên when the parts are not given"),
            "familyName": .string, "middleName": .string, "givenName": .string,
            "gender": .enumeration(Gender.self), "birthDate": .date, "cardNumber": .string, "admittedOn": .date, "fullMemberOn": .date,
            "status": .enumeration(MemberStatus.self), "organizationId": .integer.described("The cell; on create only"),
            "idNumber": .string, "phone": .string, "address": .string,
        ], required: ["gender", "cardNumber", "organizationId"])
    }
}

extension MemberAPI.TransferBody: OpenAPIDescribed {
    static let schemaName = "MemberTransferRequest"
    static var schema: JSONValue {
        .object(properties: ["organizationId": .integer, "transferredOn": .nullable(.date), "reason": .nullable(.string)], required: ["organizationId"])
    }
}

extension MemberAPI.PositionDTO: OpenAPIDescribed {
    static let schemaName = "Position"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "title": .string, "startedOn": .date, "endedOn": .nullable(.date),
            "organizationId": .nullable(.integer).described("Where it is held; null for positions recorded before positions had units"),
        ], required: ["id", "title", "startedOn"])
    }
}

extension MemberAPI.PositionBody: OpenAPIDescribed {
    static let schemaName = "PositionCreate"
    static var schema: JSONValue {
        .object(properties: [
            "title": .string, "startedOn": .date,
            "organizationId": .integer.described("Where it is held: the member's cell (the default) or a committee above it"),
        ], required: ["title"])
    }
}

extension MemberAPI.EndPositionBody: OpenAPIDescribed {
    static let schemaName = "PositionEnd"
    static var schema: JSONValue {
        .object(properties: ["endedOn": .date])
    }
}
