import LamTheoCore

// The OpenAPI schemas of `PortalAPI`'s bodies and answers.

extension ArticleInput: OpenAPIDescribed {
    static let schemaName = "ArticleInput"
    static var schema: JSONValue {
        .object(properties: [
            "category": JSONValue.enumeration(ArticleCategory.self).described("Also the category's address on the site"),
            "title": JSONValue.string.described("Up to 200 characters"), "summary": JSONValue.string.described("Up to 600 characters"),
            "body": JSONValue.string.described("HTML, kept as far as the allow-list goes: p, h2, h3, ul, ol, li, strong, em, br, a (http, https or relative href), img (an image uploaded to the site), blockquote, figure, figcaption"),
            "authorName": .string, "linkKind": JSONValue.enumeration(ArticleLinkKind.self).described("The record the article reports"),
            "linkId": JSONValue.integer.described("That record's id"), "imageKey": JSONValue.string.described("The lead image: the key of an image uploaded to the site"),
        ], required: ["category", "title", "summary", "body", "authorName"])
    }
}

extension ArticlePublication: OpenAPIDescribed {
    static let schemaName = "ArticlePublication"
    static var schema: JSONValue {
        .object(properties: ["publishAt": JSONValue.dateTime.described("A time to come schedules the article; absent or past: published now")], required: [])
    }
}

extension PortalAPI.ArticleDTO: OpenAPIDescribed {
    static let schemaName = "Article"
    static var schema: JSONValue {
        .object(properties: [
            "id": .integer, "siteId": .integer, "category": .enumeration(ArticleCategory.self), "title": .string, "summary": .string,
            "body": JSONValue.string.described("Sanitized HTML"), "authorName": .string,
            "status": JSONValue.enumeration(ArticleStatus.self).described("published with a publishedAt to come: scheduled"),
            "publishedAt": .dateTime, "linkKind": .enumeration(ArticleLinkKind.self), "linkId": .integer, "imageKey": .string,
            "version": JSONValue.integer.described("Every save keeps a version"), "viewCount": JSONValue.integer.described("Readers counted once a day each, robots not"),
            "publicPath": JSONValue.string.described("Where readers find it once published"),
        ], required: ["id", "siteId", "category", "title", "summary", "body", "authorName", "status", "version", "viewCount", "publicPath"])
    }
}
