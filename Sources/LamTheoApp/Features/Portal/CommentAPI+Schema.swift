import LamTheoCore

// The OpenAPI schemas of `CommentAPI`'s bodies and answers.

extension CommentInput: PublicFormInput {
    static let submissionSchemaName = "CommentSubmission"
    static let tokenPath = "…/comments/token"
    static let required = ["authorName", "authorEmail", "content"]
    static var properties: [(String, JSONValue)] {
        [("authorName", .string.described("Up to 200 characters, shown with the comment")),
         ("authorEmail", .string.described("Never shown publicly; the moderators may write back")),
         ("content", .string.described("Up to 2,000 characters"))]
    }
}

extension CommentRejectionInput: OpenAPIDescribed {
    static let schemaName = "CommentRejection"
    static var schema: JSONValue {
        .object(properties: ["reason": .string.described("Up to 500 characters, kept for the moderators")], required: ["reason"])
    }
}

extension CommentAnswerInput: OpenAPIDescribed {
    static let schemaName = "CommentAnswer"
    static var schema: JSONValue {
        .object(properties: ["answer": .string.described("Up to 5,000 characters; replaces a former answer"),
                             "voice": JSONValue.enumeration(AnswerVoice.self).described("Whose answer it is: the editors' (default) or the committee's")],
                required: ["answer"])
    }
}

extension CommentAPI.CommentDTO: OpenAPIDescribed {
    static let schemaName = "Comment"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "siteId": .integer, "articleId": .integer, "authorName": .string,
            "authorEmail": JSONValue.string.described("Personal data: each answer holding it is logged as a personal-data view"),
            "content": .string, "status": .enumeration(CommentStatus.self), "createdAt": .dateTime, "rejectionReason": .string,
            "moderatedBy": .string, "moderatedAt": .dateTime, "answer": .string, "answerVoice": .enumeration(AnswerVoice.self),
            "answeredBy": .string, "answeredAt": .dateTime,
        ], required: ["id", "siteId", "articleId", "authorName", "authorEmail", "content", "status"])
    }
}

extension CommentAPI.PublicCommentDTO: OpenAPIDescribed {
    static let schemaName = "PublicComment"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "authorName": .string, "content": .string, "createdAt": .dateTime,
            "answer": JSONValue.string.described("The official answer, if any"),
            "answerTitle": JSONValue.string.described("Trả lời của Ban biên tập, or of the committee (cấp ủy)"),
        ], required: ["id", "authorName", "content", "createdAt"])
    }
}

extension CommentAPI.FormTokenDTO: OpenAPIDescribed {
    static let schemaName = "CommentFormToken"
    static var schema: JSONValue {
        .object(properties: ["formToken": .string, "challenge": JSONValue.string.described("A question to answer in challengeAnswer, when asked")],
                required: ["formToken"])
    }
}

extension CommentAPI.ReceiptDTO: OpenAPIDescribed {
    static let schemaName = "CommentReceipt"
    static var schema: JSONValue {
        .object(properties: ["status": JSONValue.enumeration(CommentStatus.self).described("pending: shown once a moderator approves it"),
                             "message": .string], required: ["status", "message"])
    }
}
