import LamTheoCore

// The OpenAPI schemas of `AccountAPI`'s bodies and answers.

extension AccountAPI.TokenRequest: OpenAPIDescribed {
    static let schemaName = "TokenRequest"
    static var schema: JSONValue {
        .object(properties: [
            "username": .string, "password": .string, "name": .string,
            "expiresInDays": ["type": "integer", "minimum": 1, "maximum": 365, "default": 30],
            "newPassword": JSONValue.string.described("Only when the password is a temporary one (after a reset): the password to replace it with"),
        ], required: ["username", "password"])
    }
}

extension AccountAPI.TokenDTO: OpenAPIDescribed {
    static let schemaName = "Token"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "token": .string, "expiresAt": .dateTime], required: ["id", "token", "expiresAt"])
    }
}

extension NewGrant: OpenAPIDescribed {
    static let schemaName = "GrantCreate"
    static var schema: JSONValue {
        .object(properties: [
            "role": .enumeration(Role.self), "organizationId": .integer, "organizationCode": .string,
            "level": .enumeration(OfficerLevel.self), "memberId": .integer, "startsOn": .date, "endsOn": .date,
        ], required: ["role"])
    }
}

extension AccountAPI.GrantDTO: OpenAPIDescribed {
    static let schemaName = "Grant"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "role": .enumeration(Role.self), "organizationId": .nullable(.integer),
            "level": .nullable(.enumeration(OfficerLevel.self)), "memberId": .nullable(.integer), "startsOn": .date, "endsOn": .nullable(.date),
        ], required: ["id", "role", "startsOn"])
    }
}

/// A role as `/me` reports it: what the caller holds today.
extension Grant: OpenAPIDescribed {
    static let schemaName = "HeldRole"
    static var schema: JSONValue {
        .object(properties: [
            "role": .enumeration(Role.self),
            "scope": .nullable(["type": "string", "pattern": "^/([0-9a-z]+/)+$", "examples": ["/1/a/"]])
                .described("The subtree the role covers: the ids (base 36) of its units from the root; absent for administrators and members"),
            "level": .nullable(.enumeration(OfficerLevel.self)), "memberId": .nullable(.integer).described("The member record of a member's account"),
            "lentBy": .nullable(.object(properties: ["kind": .string, "id": .integer], required: ["kind", "id"]))
                .described("Read-only access lent for a time by a record (an inspection to its team), not a role held"),
        ], required: ["role"])
    }
}

extension AccountAPI.NewUserRequest: OpenAPIDescribed {
    static let schemaName = "UserCreate"
    static var schema: JSONValue {
        .object(properties: ["username": .string, "displayName": .string, "password": .string, "grant": .ref(NewGrant.self)],
                required: ["username", "password", "grant"])
    }
}

extension AccountAPI.UserDTO: OpenAPIDescribed {
    static let schemaName = "User"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "username": .string, "displayName": .string, "active": .boolean, "mustChangePassword": .boolean,
                             "grants": .array(of: .ref(AccountAPI.GrantDTO.self))],
                required: ["id", "username", "displayName", "active", "mustChangePassword", "grants"])
    }
}

extension AccountAPI.MeDTO: OpenAPIDescribed {
    static let schemaName = "Me"
    static var schema: JSONValue {
        .object(properties: ["userId": .integer, "username": .string, "displayName": .string, "grants": .array(of: .ref(Grant.self))],
                required: ["userId", "username", "displayName", "grants"])
    }
}

extension AccountAPI.PasswordChange: OpenAPIDescribed {
    static let schemaName = "PasswordChange"
    static var schema: JSONValue {
        .object(properties: ["currentPassword": .string, "newPassword": .string], required: ["currentPassword", "newPassword"])
    }
}

extension AccountAPI.SessionDTO: OpenAPIDescribed {
    static let schemaName = "Session"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "startedAt": .nullable(.dateTime), "lastSeenAt": .nullable(.dateTime), "expiresAt": .dateTime,
                             "ip": .nullable(.string), "userAgent": .nullable(.string)],
                required: ["id", "expiresAt"])
    }
}

extension AccountAPI.TokenInfoDTO: OpenAPIDescribed {
    static let schemaName = "TokenInfo"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "name": .string, "createdAt": .nullable(.dateTime), "expiresAt": .dateTime,
                             "lastUsedAt": .nullable(.dateTime), "current": JSONValue.boolean.described("The token this request carries")],
                required: ["id", "name", "expiresAt", "current"])
    }
}

extension AccountAPI.PasswordResetDTO: OpenAPIDescribed {
    static let schemaName = "PasswordReset"
    static var schema: JSONValue {
        .object(properties: ["user": .ref(AccountAPI.UserDTO.self),
                             "temporaryPassword": JSONValue.string.described("Shown once; to be replaced at the account's next sign-in")],
                required: ["user", "temporaryPassword"])
    }
}
