/// The members behind one of a campaign page's figures (who studied, who has not…), in a unit's subtree.
enum CoverageMembers {}

extension CoverageMembers {
    struct Model: Sendable {
        let campaign: CampaignHeading
        let unit: UnitLink
        let list: CoverageMemberList
        let members: Page<MemberRow>
    }
}
