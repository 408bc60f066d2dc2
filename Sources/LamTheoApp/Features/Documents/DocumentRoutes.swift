/// The addresses of the document register, its pages and its API.
enum DocumentRoute: SiteRoute {
    case list
    case new
    case show(Parameter<Int>)
    case edit(Parameter<Int>)
    /// A page: the form that relates the document to another (GET); both: the relation it adds (POST).
    case relations(Parameter<Int>)
    case relation(Parameter<Int>, relation: Parameter<Int>)
    case deleteRelation(Parameter<Int>, relation: Parameter<Int>)
    case attachments(Parameter<Int>)
    case attachment(Parameter<Int>, attachment: Parameter<Int>)
    case deleteAttachment(Parameter<Int>, attachment: Parameter<Int>)
    case abbreviations
    case committeeTerms
    case parseNumber

    static let pages: [DocumentRoute] = [.list, .new, .show(.key), .edit(.key), .relations(.key), .deleteRelation(.key, relation: .key),
                                         .attachments(.key), .attachment(.key, attachment: .key), .deleteAttachment(.key, attachment: .key)]
    static let api: [DocumentRoute] = [.abbreviations, .committeeTerms, .list, .parseNumber, .show(.key), .relations(.key),
                                       .relation(.key, relation: .key), .attachments(.key), .attachment(.key, attachment: .key)]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["documents"]
        case .new: return ["documents", "new"]
        case .show(let id): return ["documents", id.named("id")]
        case .edit(let id): return Self.show(id).components + ["edit"]
        case .relations(let id): return Self.show(id).components + ["relations"]
        case .relation(let id, let relation): return Self.relations(id).components + [relation.named("relationId")]
        case .deleteRelation(let id, let relation): return Self.relation(id, relation: relation).components + ["delete"]
        case .attachments(let id): return Self.show(id).components + ["attachments"]
        case .attachment(let id, let attachment): return Self.attachments(id).components + [attachment.named("attachmentId")]
        case .deleteAttachment(let id, let attachment): return Self.attachment(id, attachment: attachment).components + ["delete"]
        case .abbreviations: return ["document-abbreviations"]
        case .committeeTerms: return ["committee-terms"]
        case .parseNumber: return ["documents", "parse-number"]
        }
    }
}
