import Fluent
import LamTheoCore

extension TodoReader {
    /// The open units the reader answers for, each the root of a subtree the start page follows: the units of
    /// their officer and secretary grants (outer ones first), or for an administrator the top of the tree.
    func units(on db: any Database) async throws -> [Organization] {
        let query = Organization.query(on: db).filter(\.$status == .active)
        if actor.isAdministrator {
            return try await query.filter(\.$parentId == nil).sort(\.$nameSort).sort(\.$id).all()
        }
        guard !scopes.isEmpty else { return [] }
        return try await query.filter(\.$path ~~ scopes.map(\.rawValue)).sort(\.$depth).sort(\.$nameSort).sort(\.$id).all()
    }
}

/// The size of each subtree the reader follows: its members and the units directly under it.
struct OrganizationTodos: TodoSource {
    func figures(for reader: TodoReader, on db: any Database) async throws -> [HeadlineFigure] {
        try await OrganizationQueries.summaries(of: try await reader.units(on: db), on: db).flatMap { summary -> [HeadlineFigure] in
            let members = HeadlineFigure(unit: summary.name, title: LocalizedText(vi: "Đảng viên", en: "Members"),
                                         value: .number(summary.subtreeMembers), link: MemberRoute.list.path(query: [.unit: summary.id]))
            guard summary.childCount > 0 else { return [members] }
            return [members, HeadlineFigure(unit: summary.name, title: LocalizedText(vi: "Tổ chức trực thuộc", en: "Units directly under"),
                                            value: .number(summary.childCount), link: OrganizationRoute.show(.value(summary.id)).path)]
        }
    }
}
