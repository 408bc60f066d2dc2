import Fluent
import LamTheoCore
import NIOConcurrencyHelpers

/// A change of the organisation tree, as the features that keep data per unit see it: published by
/// `OrganizationCommands` inside the change's transaction, so that a follower's writes commit or roll
/// back with it.
struct TreeChange: Sendable {
    enum Kind: Sendable {
        case created
        /// The unit's kind changed (a cell became a grassroots cell…): what is required of it may differ.
        case rekinded
        case moved
        /// `subtree` is the unit that received the merged one (`merged`).
        case merged
        case dissolved
    }

    let kind: Kind
    /// The unit the change is about, at its place after the change, with everything under it.
    let subtree: TreePath
    /// Units whose chain of ancestors lost something: a moved unit's former parent, a merged-away unit.
    let formerChains: Set<Int>
    /// For a merge, the unit merged away and the one it went into.
    let merged: (source: Organization, target: Organization)?
    let effectiveOn: CalendarDate

    init(_ kind: Kind, subtree: TreePath, formerChains: Set<Int> = [], merged: (source: Organization, target: Organization)? = nil,
         effectiveOn: CalendarDate) {
        self.kind = kind
        self.subtree = subtree
        self.formerChains = formerChains
        self.merged = merged
        self.effectiveOn = effectiveOn
    }

    /// The units whose per-unit figures count differently after a move or a merge: for a move every unit
    /// holding members in the moved subtree (it may have entered or left a campaign's scope), its root and
    /// its former parent; for a merge both units. Nothing for the other kinds.
    func unitsToRecount(on db: any Database) async throws -> Set<Int> {
        switch kind {
        case .moved:
            let rows = try await db.sql.raw("""
                SELECT id FROM organizations WHERE \(column: "path", in: subtree) AND member_count > 0
                """).all()
            return Set(try rows.map { try $0.decode(column: "id", as: Int.self) }).union(chainsToRebuild)
        case .merged:
            return chainsToRebuild
        case .created, .rekinded, .dissolved:
            return []
        }
    }

    /// The units whose ancestors' subtree figures must be recomputed, not only adjusted: the tree changed
    /// shape around them.
    var chainsToRebuild: Set<Int> {
        switch kind {
        case .moved, .merged: return formerChains.union([subtree.ids.last!])
        case .created, .rekinded, .dissolved: return []
        }
    }
}

/// A feature that keeps data per unit (obligations, members, figures) and follows the tree: it registers at
/// start-up (`configure`) instead of being called by name, so that the organisation commands need not know it.
protocol TreeFollower: Sendable {
    /// The tree changed; runs inside the change's transaction.
    func treeChanged(_ change: TreeChange, on db: any Database) async throws
    /// Members joined, left or changed status at these units (a transfer, an import, a status change);
    /// runs inside that write's transaction.
    func membersChanged(at units: Set<Int>, on db: any Database) async throws
}

extension TreeFollower {
    func treeChanged(_ change: TreeChange, on db: any Database) async throws {}
    func membersChanged(at units: Set<Int>, on db: any Database) async throws {}
}

/// The followers, in the order they run: a merge hands the source's obligations over and moves its members
/// before the figures are recounted. Registered once per process (the list is code, the same for every
/// application instance a test starts).
enum TreeFollowers {
    private static let registered = NIOLockedValueBox<[any TreeFollower]>([])

    /// Adds `follower` after those registered before; registering the same type again changes nothing.
    static func register(_ follower: any TreeFollower) {
        registered.withLockedValue { followers in
            if !followers.contains(where: { type(of: $0) == type(of: follower) }) { followers.append(follower) }
        }
    }

    static func publish(_ change: TreeChange, on db: any Database) async throws {
        for follower in registered.withLockedValue({ $0 }) {
            try await follower.treeChanged(change, on: db)
        }
    }

    static func membersChanged(at units: Set<Int>, on db: any Database) async throws {
        guard !units.isEmpty else { return }
        for follower in registered.withLockedValue({ $0 }) {
            try await follower.membersChanged(at: units, on: db)
        }
    }
}
