import LamTheoCore

// The OpenAPI schemas of `FeedbackAPI`'s bodies and answers.

extension FeedbackInput: PublicFormInput {
    static let submissionSchemaName = "FeedbackSubmission"
    static let tokenPath = "/site/{slug}/feedback/token"
    static let required = ["topic", "content"]
    static var properties: [(String, JSONValue)] {
        [("topic", .enumeration(FeedbackTopic.self)), ("topicOther", .string.described("Required when the topic is other")),
         ("content", .string.described("The opinion or petition, up to 10,000 characters")),
         ("senderName", .string), ("senderAddress", .string), ("senderPhone", .string.described("8 to 15 digits")), ("senderEmail", .string),
         ("consentsToPublish", .boolean.described("Whether the answer may be shown to anyone holding the code; false by default")),
         ("attachments", .array(of: .base64File).described("Up to 3 files of 5 MB: PDF, DOCX, JPEG or PNG by their content"))]
    }
}

extension FeedbackAPI.TrackBody: OpenAPIDescribed {
    static let schemaName = "FeedbackTrackingRequest"
    static var schema: JSONValue {
        .object(properties: ["code": .string.described("The tracking code, YK-XXXX-XXXX (case and spaces ignored)")], required: ["code"])
    }
}

extension FeedbackAPI.FormTokenDTO: OpenAPIDescribed {
    static let schemaName = "FeedbackFormToken"
    static var schema: JSONValue {
        .object(properties: ["formToken": .string, "challenge": .string.described("A question to answer in challengeAnswer, when asked")],
                required: ["formToken"])
    }
}

extension FeedbackAPI.ReceiptDTO: OpenAPIDescribed {
    static let schemaName = "FeedbackReceipt"
    static var schema: JSONValue {
        .object(properties: ["code": .string.described("The tracking code: YK-XXXX-XXXX"), "state": .enumeration(FeedbackState.self),
                             "answerDueOn": .date], required: ["code", "state", "answerDueOn"])
    }
}

extension FeedbackAPI.TrackDTO: OpenAPIDescribed {
    static let schemaName = "FeedbackTracking"
    static var schema: JSONValue {
        .object(properties: [
            "code": .string, "state": .enumeration(FeedbackState.self), "stateText": .string, "topic": .enumeration(FeedbackTopic.self),
            "receivedOn": .date, "answerDueOn": .date, "answeredOn": .date, "answer": .string.described("Only once published"),
            "rejectionReason": .string,
        ], required: ["code", "state", "stateText", "topic", "receivedOn", "answerDueOn"])
    }
}

extension FeedbackAPI.SummaryDTO: OpenAPIDescribed {
    static let schemaName = "FeedbackSummary"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "code": .string, "organizationId": .integer.described("The unit responsible now"), "organizationName": .string,
            "topic": .enumeration(FeedbackTopic.self), "state": .enumeration(FeedbackState.self), "receivedOn": .date, "answerDueOn": .date,
            "overdue": .boolean,
        ], required: ["id", "code", "organizationId", "organizationName", "topic", "state", "receivedOn", "answerDueOn", "overdue"])
    }
}

extension FeedbackAPI.ContactDTO: OpenAPIDescribed {
    static let schemaName = "FeedbackContact"
    static var schema: JSONValue {
        .object(properties: ["name": .string, "address": .string, "phone": .string, "email": .string])
    }
}

extension FeedbackAPI.AttachmentDTO: OpenAPIDescribed {
    static let schemaName = "FeedbackAttachment"
    static var schema: JSONValue {
        .object(properties: ["id": .integer, "fileName": .string, "mediaType": .string, "size": .integer], required: ["id", "fileName", "mediaType", "size"])
    }
}

extension FeedbackAPI.EventDTO: OpenAPIDescribed {
    static let schemaName = "FeedbackEvent"
    static var schema: JSONValue {
        .object(properties: ["action": .enumeration(FeedbackAction.self), "onDate": .date, "actor": .string,
                             "organizationId": .integer.described("A forward's unit"), "note": .string], required: ["action", "onDate"])
    }
}

extension FeedbackAPI.FeedbackDTO: OpenAPIDescribed {
    static let schemaName = "Feedback"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "code": .string, "siteOrganizationId": .integer.described("The committee it was sent to"),
            "organizationId": .integer.described("The unit responsible now"), "organizationName": .string,
            "topic": .enumeration(FeedbackTopic.self), "topicOther": .string, "content": .string, "state": .enumeration(FeedbackState.self),
            "overdue": .boolean, "receivedOn": .date, "answerDueOn": .date, "consentsToPublish": .boolean, "answer": .string, "answeredOn": .date,
            "rejectionReason": .string, "publishedOn": .date,
            "contact": .ref(FeedbackAPI.ContactDTO.self).described("The sender's contact details (personal data: each view is logged); absent once erased"),
            "contactErasedOn": .date, "attachments": .array(of: .ref(FeedbackAPI.AttachmentDTO.self)),
            "events": .array(of: .ref(FeedbackAPI.EventDTO.self)),
        ], required: ["id", "code", "siteOrganizationId", "organizationId", "organizationName", "topic", "content", "state", "overdue",
                      "receivedOn", "answerDueOn", "consentsToPublish", "attachments", "events"])
    }
}

extension FeedbackForwardInput: OpenAPIDescribed {
    static let schemaName = "FeedbackForward"
    static var schema: JSONValue {
        .object(properties: ["organizationId": .integer.described("A unit under the one responsible now"), "note": .string], required: ["organizationId"])
    }
}

extension FeedbackAnswerInput: OpenAPIDescribed {
    static let schemaName = "FeedbackAnswer"
    static var schema: JSONValue {
        .object(properties: ["answer": .string], required: ["answer"])
    }
}

extension FeedbackRejectionInput: OpenAPIDescribed {
    static let schemaName = "FeedbackRejection"
    static var schema: JSONValue {
        .object(properties: ["reason": .string], required: ["reason"])
    }
}
