/// A materialised path through the organisation tree: `/1/2s/k9/`, one base-36 segment per ancestor id,
/// root first, with a trailing slash.
///
/// Subtree queries are written as the range `path >= p AND path < p.upperBound`, which a plain B-tree index
/// serves on both SQLite and PostgreSQL (a `LIKE 'p%'` does not: DESIGN.md, "Facts about the stack"). The
/// column must compare bytes (SQLite's default BINARY, PostgreSQL `COLLATE "C"`).
public struct TreePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init?(rawValue: String) {
        guard rawValue.hasPrefix("/"), rawValue.hasSuffix("/"), rawValue.count > 1,
              rawValue.utf8.allSatisfy({ $0 == UInt8(ascii: "/") || TreePath.isSegmentByte($0) }),
              !rawValue.contains("//") else { return nil }
        self.rawValue = rawValue
    }

    /// The path of a root organisation.
    public static func root(id: Int) -> TreePath {
        TreePath(unchecked: "/" + String(id, radix: 36) + "/")
    }

    public func appending(id: Int) -> TreePath {
        TreePath(unchecked: rawValue + String(id, radix: 36) + "/")
    }

    /// Exclusive upper bound of the subtree range. `~` sorts after every byte a path may contain.
    public var upperBound: String { rawValue + "~" }

    /// Ids from the root down to this node.
    public var ids: [Int] {
        rawValue.split(separator: "/").compactMap { Int($0, radix: 36) }
    }

    /// Number of ancestors: 0 for a root.
    public var depth: Int { ids.count - 1 }

    public var parent: TreePath? {
        let ids = self.ids
        guard ids.count > 1 else { return nil }
        return TreePath(unchecked: "/" + ids.dropLast().map { String($0, radix: 36) }.joined(separator: "/") + "/")
    }

    /// The paths of the root, every ancestor and this node, root first.
    public var lineage: [TreePath] {
        var prefix = "/"
        return ids.map { id in
            prefix += String(id, radix: 36) + "/"
            return TreePath(unchecked: prefix)
        }
    }

    /// True for this node and every node below it.
    public func contains(_ other: TreePath) -> Bool {
        other.rawValue.hasPrefix(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: TreePath, rhs: TreePath) -> Bool { lhs.rawValue < rhs.rawValue }

    private init(unchecked rawValue: String) { self.rawValue = rawValue }

    private static func isSegmentByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }
}

extension TreePath: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let path = TreePath(rawValue: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a tree path")
        }
        self = path
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
