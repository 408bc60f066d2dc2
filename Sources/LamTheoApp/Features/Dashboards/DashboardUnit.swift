import Fluent
import LamTheoCore
import SQLKit

/// A unit as the dashboard sources read it: what finds its subtree and names it. Read as plain rows in one query: a
/// unit's hundreds of children as Fluent models cost more than all their figures.
struct DashboardUnit: Sendable, Hashable {
    let id: Int
    let name: String
    let path: TreePath

    init(id: Int, name: String, path: TreePath) {
        self.id = id
        self.name = name
        self.path = path
    }

    init(_ organization: Organization) {
        self.init(id: organization.requireID(), name: organization.name, path: organization.treePath)
    }

    /// The active children of `unit`, in Vietnamese name order.
    static func activeChildren(of unit: Int, on db: any Database) async throws -> [DashboardUnit] {
        try await read("o.parent_id = \(bind: unit) AND o.status = \(bind: OrganizationStatus.active.rawValue) ORDER BY o.name_sort, o.id", on: db)
    }

    /// The units of `ids`, in id order.
    static func units(_ ids: [Int], on db: any Database) async throws -> [DashboardUnit] {
        guard !ids.isEmpty else { return [] }
        return try await read("o.id IN (\(binds: ids)) ORDER BY o.id", on: db)
    }

    private static func read(_ condition: SQLQueryString, on db: any Database) async throws -> [DashboardUnit] {
        try await db.sql.raw("SELECT o.id AS id, o.name AS name, o.path AS path FROM organizations o WHERE \(condition)").all().map { row in
            DashboardUnit(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                          path: TreePath(rawValue: try row.decode(column: "path", as: String.self))!)
        }
    }
}
