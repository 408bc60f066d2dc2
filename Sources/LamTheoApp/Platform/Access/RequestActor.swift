import LamTheoCore
import Vapor

extension Request {
    /// The signed-in caller, set by the authentication middleware; nil for anonymous requests.
    public internal(set) var actor: Actor? {
        get { storage[ActorKey.self] }
        set { storage[ActorKey.self] = newValue }
    }

    /// The caller, for handlers behind a policy that needs one.
    func requireActor() throws -> Actor {
        guard let actor else { throw Abort(.unauthorized) }
        return actor
    }

    /// The subtrees the caller may read; nil for the whole tree. Every list, count and search takes it.
    var readableSubtrees: [TreePath]? {
        get throws {
            let subtrees = try requireActor().readableSubtrees
            // A list over the whole scope may show what a lent grant alone reads; one narrowed to a unit notes that
            // unit where it is resolved (`readableUnit`, `subtreeFilter`).
            if (try? queryInteger(.unit)) == nil {
                for subtree in subtrees ?? [] { noteLentReading(at: subtree) }
            }
            return subtrees
        }
    }

    /// Checks the caller against a record's place in the tree: a record they may not read does not
    /// exist for them (404, so that ids reveal nothing); one they read but may not change is 403.
    func require(_ capability: Capability, at path: TreePath) throws {
        let actor = try requireActor()
        guard actor.can(.read, at: path) else { throw Abort(.notFound) }
        noteLentReading(at: path)
        guard actor.can(capability, at: path) else { throw Abort(.forbidden) }
    }

    /// Read off the matched route when there is one (several steps ask, and Vapor builds the path anew from the address
    /// each time it is read); from the address otherwise.
    var isAPI: Bool {
        guard let route else { return url.path.hasPrefix(APIRoutes.path + "/") }
        return route.path.starts(with: APIRoutes.prefix)
    }

    private struct ActorKey: StorageKey {
        typealias Value = Actor
    }
}
