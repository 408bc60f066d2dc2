import LamTheoCore
import Testing

@Suite("Synthetic feedback")
struct SyntheticFeedbackTests {
    @Test func sameSeedGivesTheSameFeedbackAndItsDatesHold() {
        let reference = SyntheticFixture.referenceDate
        let dataset = SyntheticDataset(scale: .demo, seed: 5, referenceDate: reference)
        let units = dataset.organizations()
        let items = units.flatMap(dataset.feedback(of:))
        #expect(items == units.flatMap(SyntheticDataset(scale: .demo, seed: 5, referenceDate: reference).feedback(of:)))
        #expect(items != units.flatMap(SyntheticDataset(scale: .demo, seed: 6, referenceDate: reference).feedback(of:)))
        #expect(items.count == dataset.feedbackCount())
        #expect(items.count == units.filter { $0.kind.holdsMembers && $0.parentIndex != nil }.reduce(0) { $0 + $1.memberCount / 5 })

        for item in items {
            let unit = units[item.unitIndex]
            #expect(unit.kind.holdsMembers && item.siteIndex == unit.parentIndex && [unit.index, unit.parentIndex].contains(item.organizationIndex))
            #expect(item.receivedOn <= reference && item.receivedOn > reference.adding(days: -365) && item.answerDueOn == item.receivedOn.adding(days: 15))
            if let answeredOn = item.answeredOn { #expect(answeredOn >= item.receivedOn && answeredOn <= reference) }
        }
        let open = items.filter { $0.answeredOn == nil }
        let overdue = open.filter { $0.answerDueOn < reference }
        let late = items.filter { item in item.answeredOn.map { $0 > item.answerDueOn } ?? false }
        #expect(!overdue.isEmpty && overdue.count < open.count, "some open items overdue, others within their deadline")
        #expect(!late.isEmpty && late.count * 4 < items.count, "some answered late, most on time")
        #expect(Set(items.map { [$0.unitIndex, $0.ordinal] }).count == items.count)
    }
}
