/// The library's addresses in the members' app and its API: the list (`?q=`, `?kind=`, `?topic=`, `?campaign=`), an
/// item (opening it records a member's reading), a new item, a new version, the file of a version, and the API's
/// record of a reading.
enum LibraryRoute: SiteRoute {
    case list
    case newItem
    case item(Parameter<Int>)
    /// The form of a new version.
    case edit(Parameter<Int>)
    case versions(Parameter<Int>)
    /// The item's file (`?version=` for an older one).
    case file(Parameter<Int>)
    case readings(Parameter<Int>)

    static let pages: [LibraryRoute] = [.list, .newItem, .item(.key), .edit(.key), .versions(.key), .file(.key)]
    static let api: [LibraryRoute] = [.list, .item(.key), .versions(.key), .readings(.key)]

    var components: [RouteComponent] {
        switch self {
        case .list: return ["library"]
        case .newItem: return ["library", "new"]
        case .item(let id): return ["library", id.named("id")]
        case .edit(let id): return Self.item(id).components + ["edit"]
        case .versions(let id): return Self.item(id).components + ["versions"]
        case .file(let id): return Self.item(id).components + ["file"]
        case .readings(let id): return Self.item(id).components + ["readings"]
        }
    }
}

/// The library on a committee's public site: public items only, served with `.publicSite`.
enum PublicLibraryRoute: SiteRoute {
    case list(Parameter<String>)
    case item(Parameter<String>, id: Parameter<Int>)
    case file(Parameter<String>, id: Parameter<Int>)

    static let pages: [PublicLibraryRoute] = [.list(.key), .item(.key, id: .key), .file(.key, id: .key)]

    var components: [RouteComponent] {
        switch self {
        case .list(let slug): return PublicRoute.home(slug).components + ["library"]
        case .item(let slug, let id): return Self.list(slug).components + [id.named("itemId")]
        case .file(let slug, let id): return Self.item(slug, id: id).components + ["file"]
        }
    }
}
