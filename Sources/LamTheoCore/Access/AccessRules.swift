/// Who may do what where. Pure rules, so that the web, the API, the CLI and the queries all ask the same
/// questions and a unit test can walk every combination.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Installs, backs up, manages accounts: everything, everywhere.
    case administrator
    /// An officer of a committee: the whole subtree of one organisation, at a level.
    case officer
    /// The secretary of a cell: that cell and its members.
    case secretary
    /// A Party member: their own record (self-service).
    case member
    /// An editor of the committee's public news site (biên tập viên trang tin): writes and publishes the articles of
    /// the sites in one subtree, and reads nothing else.
    case portalEditor
}

/// An officer's level inside their subtree.
public enum OfficerLevel: String, Sendable, Codable, CaseIterable, Comparable {
    /// Reads everything in the subtree.
    case viewer
    /// Also records and edits units and members.
    case editor
    /// Also restructures the tree (move, merge, dissolve) and delegates roles inside the subtree.
    case manager

    public static func < (lhs: OfficerLevel, rhs: OfficerLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What a caller wants to do. A route declares the capability it needs; a record is checked against the
/// caller's grants at the record's place in the tree.
public enum Capability: String, Sendable, CaseIterable {
    /// See units, members and figures.
    case read
    /// Record and edit members; create and rename units.
    case edit
    /// Move, merge and dissolve units; add kinds of unit.
    case restructure
    /// Give and take roles inside one's own scope.
    case delegate
    /// Write, review and publish the articles of a public site.
    case publish
}

/// One role held by one user, active between two dates.
public struct Grant: Sendable, Hashable, Codable {
    public let role: Role
    /// The root of the subtree the grant covers (officer, secretary); nil for administrators and members.
    public let scope: TreePath?
    public let level: OfficerLevel?
    /// The member record a member-role user is (self-service).
    public let memberId: Int?
    /// The record that lends this grant for a time, when it is not a role held (an inspection lends its team
    /// read-only access to the units it inspects): every read under it alone is logged.
    public let lentBy: GrantLender?

    public init(role: Role, scope: TreePath? = nil, level: OfficerLevel? = nil, memberId: Int? = nil, lentBy: GrantLender? = nil) {
        self.role = role
        self.scope = scope
        self.level = level
        self.memberId = memberId
        self.lentBy = lentBy
    }

    /// Read-only access to `scope`'s subtree, lent by a record for a time.
    public static func lentReading(_ scope: TreePath, by lender: GrantLender) -> Grant {
        Grant(role: .officer, scope: scope, level: .viewer, lentBy: lender)
    }

    /// Whether this grant allows `capability` on something at `path`.
    public func allows(_ capability: Capability, at path: TreePath) -> Bool {
        switch role {
        case .administrator:
            return true
        case .officer:
            guard let scope, let level, scope.contains(path) else { return false }
            switch capability {
            case .read: return true
            case .edit: return level >= .editor
            case .restructure, .delegate: return level == .manager
            case .publish: return false
            }
        case .secretary:
            guard let scope, scope.contains(path) else { return false }
            return capability == .read || capability == .edit
        case .portalEditor:
            guard let scope, scope.contains(path) else { return false }
            return capability == .publish
        case .member:
            return false
        }
    }

    /// Whether this grant allows `capability` somewhere: what a route needs before any record is looked at.
    public func allowsSomewhere(_ capability: Capability) -> Bool {
        switch role {
        case .administrator: return true
        case .officer:
            switch capability {
            case .read: return true
            case .edit: return (level ?? .viewer) >= .editor
            case .restructure, .delegate: return level == .manager
            case .publish: return false
            }
        case .secretary: return capability == .read || capability == .edit
        case .portalEditor: return capability == .publish
        case .member: return false
        }
    }
}

/// A record lending read-only access for a time: its kind ("inspection") and id.
public struct GrantLender: Sendable, Hashable, Codable {
    public let kind: String
    public let id: Int

    public init(kind: String, id: Int) {
        self.kind = kind
        self.id = id
    }
}

/// The signed-in caller with the grants in force today.
public struct Actor: Sendable, Hashable {
    public let userId: Int
    public let username: String
    public let displayName: String
    public let grants: [Grant]

    public init(userId: Int, username: String, displayName: String, grants: [Grant]) {
        self.userId = userId
        self.username = username
        self.displayName = displayName
        self.grants = grants
    }

    public var isAdministrator: Bool { grants.contains { $0.role == .administrator } }

    /// The member record this user is, if any (self-service).
    public var memberId: Int? { grants.lazy.compactMap(\.memberId).first }

    public func can(_ capability: Capability, at path: TreePath) -> Bool {
        grants.contains { $0.allows(capability, at: path) }
    }

    /// The lenders of the grants the caller reads `path` under, when no role they hold lets them read it: a
    /// read there is to be logged. Empty when they read it in their own right (or not at all).
    public func lendersOnlyReading(at path: TreePath) -> [GrantLender] {
        let allowing = grants.filter { $0.allows(.read, at: path) }
        guard allowing.allSatisfy({ $0.lentBy != nil }) else { return [] }
        return allowing.compactMap(\.lentBy)
    }

    public func canSomewhere(_ capability: Capability) -> Bool {
        grants.contains { $0.allowsSomewhere(capability) }
    }

    /// The subtrees the caller reads, outermost only (a subtree inside another is dropped); nil means the
    /// whole tree (administrators). Every list, count and search is limited to these.
    public var readableSubtrees: [TreePath]? {
        if isAdministrator { return nil }
        let roots = grants.filter { $0.role == .officer || $0.role == .secretary }.compactMap(\.scope)
        return roots.filter { root in !roots.contains { $0 != root && $0.contains(root) } }
            .reduce(into: [TreePath]()) { unique, root in if !unique.contains(root) { unique.append(root) } }
            .sorted()
    }
}
