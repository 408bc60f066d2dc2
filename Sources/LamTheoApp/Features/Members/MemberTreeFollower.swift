import Fluent

/// Members follow a merge: everyone on the merged unit's roll transfers to the unit it went into, and
/// both units' member counts follow.
struct MemberTreeFollower: TreeFollower {
    func treeChanged(_ change: TreeChange, on db: any Database) async throws {
        guard let (source, target) = change.merged else { return }
        let moved = try await MemberRoster.transferAllOnRoll(from: source, to: target, on: change.effectiveOn,
                                                             reason: "Hợp nhất \(source.name) vào \(target.name)", db: db)
        guard moved > 0 else { return }
        try await db.sql.raw("""
            UPDATE organizations SET member_count = member_count + CASE WHEN id = \(bind: target.requireID()) THEN \(bind: moved) ELSE -\(bind: moved) END
            WHERE id IN (\(bind: source.requireID()), \(bind: target.requireID()))
            """).run()
    }
}
