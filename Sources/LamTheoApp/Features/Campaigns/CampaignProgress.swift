import Fluent
import LamTheoCore
import NIOConcurrencyHelpers

/// A step in how far campaigns have got, as the features that count it see it: published by the campaign,
/// obligation and study writes inside their transaction, so that a follower's counts commit or roll back
/// with the write.
enum CampaignProgress: Sendable {
    /// A campaign was launched and the units of its subtree were given their obligations.
    case started(Campaign)
    /// Obligations of these units in these campaigns changed state or dates: submitted, reviewed, extended,
    /// met or reopened by the sessions held.
    case obligationsChanged(at: Set<Int>, campaigns: [Int])
    /// After a change of the tree, obligations in `subtree` were assigned, withdrawn, handed over or given
    /// back in every active campaign; the chains of `formerChains` (a moved unit's former parent, a unit
    /// merged away) lost some.
    case obligationsFollowedTree(subtree: TreePath, formerChains: Set<Int>)
    /// Sessions, attendance or reflections of `campaign` changed at these units: the cells of the members
    /// concerned, the unit holding a session.
    case studyChanged(at: Set<Int>, campaign: Int)
}

/// A feature that counts campaign progress (Coverage): it registers at start-up (`configure`) instead of
/// being called by name, so that Campaigns and Study need not know it.
protocol CampaignProgressFollower: Sendable {
    /// Runs inside the transaction of the write that made the progress.
    func progressed(_ progress: CampaignProgress, on db: any Database) async throws
}

/// The followers, in the order they run. Registered once per process, like `TreeFollowers`.
enum CampaignProgressFollowers {
    private static let registered = NIOLockedValueBox<[any CampaignProgressFollower]>([])

    /// Adds `follower` after those registered before; registering the same type again changes nothing.
    static func register(_ follower: any CampaignProgressFollower) {
        registered.withLockedValue { followers in
            if !followers.contains(where: { type(of: $0) == type(of: follower) }) { followers.append(follower) }
        }
    }

    static func publish(_ progress: CampaignProgress, on db: any Database) async throws {
        for follower in registered.withLockedValue({ $0 }) {
            try await follower.progressed(progress, on: db)
        }
    }
}
