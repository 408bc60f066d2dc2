import LamTheoCore

// The OpenAPI schemas of `OrganizationAPI`'s bodies and answers.

extension OrganizationAPI.KindDTO: OpenAPIDescribed {
    static let schemaName = "OrganizationKind"
    static var schema: JSONValue {
        .object(properties: ["code": .string, "name": .string, "holdsMembers": .boolean], required: ["code", "name", "holdsMembers"])
    }
}

extension NewOrganizationKind: OpenAPIDescribed {
    static let schemaName = "OrganizationKindCreate"
    static var schema: JSONValue {
        .object(properties: [
            "code": .string, "nameVi": .string, "nameEn": .string,
            "holdsMembers": .boolean.described("true for cells, which hold members; false for committees"),
            "position": .integer,
        ], required: ["code", "nameVi", "nameEn", "holdsMembers"])
    }
}

extension OrganizationAPI.OrganizationDTO: OpenAPIDescribed {
    static let schemaName = "Organization"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "code": .string, "name": .string, "kindCode": .string,
            "parentId": .nullable(.integer), "depth": .integer, "status": OrganizationAPI.status,
            "validFrom": .date, "validTo": .nullable(.date), "mergedIntoId": .nullable(.integer),
            "memberCount": .integer.described("Members on the roll of this unit itself"),
            "subtreeMemberCount": .integer.described("Members on the roll of this unit and all units under it"),
            "childCount": .integer,
        ], required: ["id", "code", "name", "kindCode", "depth", "status", "validFrom", "memberCount", "subtreeMemberCount", "childCount"])
    }
}

extension OrganizationAPI.VersionDTO: OpenAPIDescribed {
    static let schemaName = "OrganizationVersion"
    static var schema: JSONValue {
        .object(properties: [
            "organizationId": .integer, "validFrom": .date, "validTo": .nullable(.date), "name": .string,
            "code": .string, "kindCode": .string, "parentId": .nullable(.integer), "status": OrganizationAPI.status,
            "change": .enumeration(OrganizationChange.self), "note": .nullable(.string),
        ], required: ["organizationId", "validFrom", "name", "code", "kindCode", "status", "change"])
    }
}

extension OrganizationAPI.AsOfDTO: OpenAPIDescribed {
    static let schemaName = "OrganizationAsOf"
    static var schema: JSONValue {
        let version = JSONValue.ref(OrganizationAPI.VersionDTO.self)
        return .object(properties: ["date": .date, "organization": version, "lineage": .array(of: version), "children": .array(of: version)],
                       required: ["date", "organization", "lineage", "children"])
    }
}

extension NewOrganization: OpenAPIDescribed {
    static let schemaName = "OrganizationCreate"
    static var schema: JSONValue {
        .object(properties: ["name": .string, "code": .string, "kindCode": .string, "parentId": .integer, "validFrom": .date],
                required: ["name", "code", "kindCode"])
    }
}

extension OrganizationChanges: OpenAPIDescribed {
    static let schemaName = "OrganizationUpdate"
    static var schema: JSONValue {
        .object(properties: ["name": .string, "code": .string, "kindCode": .string, "effectiveOn": .date])
    }
}

extension OrganizationAPI.MoveBody: OpenAPIDescribed {
    static let schemaName = "OrganizationMove"
    static var schema: JSONValue {
        .object(properties: ["parentId": .integer, "effectiveOn": .date], required: ["parentId"])
    }
}

extension OrganizationAPI.MergeBody: OpenAPIDescribed {
    static let schemaName = "OrganizationMerge"
    static var schema: JSONValue {
        .object(properties: ["targetId": .integer, "effectiveOn": .date], required: ["targetId"])
    }
}

extension OrganizationAPI.DissolveBody: OpenAPIDescribed {
    static let schemaName = "OrganizationDissolve"
    static var schema: JSONValue {
        .object(properties: ["effectiveOn": .date, "note": .string])
    }
}

extension OrganizationAPI {
    /// `OrganizationStatus` is not `CaseIterable` (a model's enum, outside this file): its values, once.
    fileprivate static let status: JSONValue = ["type": "string", "enum": ["active", "merged", "dissolved"]]
}
