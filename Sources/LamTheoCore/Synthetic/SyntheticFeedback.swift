/// One generated citizens' feedback item (ý kiến, kiến nghị of the people a cell lives among), sent to the cell's
/// committee in the year before the reference date.
public struct SyntheticFeedback: Sendable, Hashable {
    /// The committee it was sent to: the cell's parent.
    public var siteIndex: Int
    /// Where it is answered: the cell, when the committee forwarded it, or the committee itself.
    public var organizationIndex: Int
    public var receivedOn: CalendarDate
    public var answerDueOn: CalendarDate
    /// nil while it is open; otherwise after it was received and by the reference date, by its deadline or after it.
    public var answeredOn: CalendarDate?
    /// The unit holding members it is about, and its place among that unit's items: together, a key for a tracking code.
    public var unitIndex: Int
    public var ordinal: Int
}

extension SyntheticDataset {
    /// Days a committee has to answer, the application's default.
    static let feedbackAnswerDays = 15

    /// The feedback about one unit holding members: a fifth of its members' count, received on days spread over the year
    /// before the reference date. Most older items are answered, one in eight after its deadline; one in twenty stays
    /// open past it (overdue); of those still within their deadline, two in five are answered already. Deterministic
    /// for (seed, unit), like `members(of:)`.
    public func feedback(of organization: SyntheticOrganization) -> [SyntheticFeedback] {
        guard let parent = organization.parentIndex else { return [] }
        var random = SyntheticRandom(seed: seed, key: organization.code, purpose: .feedback)
        return (0..<Self.feedbackCount(of: organization)).map { ordinal in
            let age = random.below(365)
            let received = referenceDate.adding(days: -age)
            let due = received.adding(days: Self.feedbackAnswerDays)
            let settled = age < Self.feedbackAnswerDays ? random.chance(perMille: 400) : random.chance(perMille: 950)
            let late = random.chance(perMille: 125) && age > Self.feedbackAnswerDays
            let answerDays = late ? random.int(in: Self.feedbackAnswerDays + 1...age) : random.int(in: 0...min(age, Self.feedbackAnswerDays))
            return SyntheticFeedback(siteIndex: parent, organizationIndex: random.chance(perMille: 600) ? organization.index : parent,
                                     receivedOn: received, answerDueOn: due, answeredOn: settled ? received.adding(days: answerDays) : nil,
                                     unitIndex: organization.index, ordinal: ordinal)
        }
    }

    /// The exact number of items `feedback(of:)` gives over all organisations.
    public func feedbackCount() -> Int {
        tree.organizations.reduce(0) { $0 + Self.feedbackCount(of: $1) }
    }

    private static func feedbackCount(of organization: SyntheticOrganization) -> Int {
        organization.kind.holdsMembers && organization.parentIndex != nil ? organization.memberCount / 5 : 0
    }
}
