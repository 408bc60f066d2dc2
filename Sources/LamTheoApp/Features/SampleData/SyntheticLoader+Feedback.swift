import Fluent
import LamTheoCore

extension SyntheticLoader {
    /// Citizens' feedback about every unit holding members (`SyntheticDataset.feedback(of:)`), written in bulk with the
    /// states, texts and tracking codes the commands would give it, then the stored figures counted.
    static func sendFeedback(_ dataset: SyntheticDataset, units models: [Organization], on db: any Database) async throws {
        let units = dataset.organizations()
        let topics = FeedbackTopic.allCases.filter { $0 != .other }
        try await BulkInsert.deferringIndexesAndKeys(of: [Feedback.schema], adding: dataset.feedbackCount(), on: db) {
            var batch: [[BulkInsert.Value]] = []
            for unit in units {
                for item in dataset.feedback(of: unit) {
                    // Numbered by the unit's id, not its place in the dataset: a second dataset loaded beside the first keeps its codes apart.
                    let number = models[item.unitIndex].requireID() * SyntheticDataset.slotsPerOrganization + item.ordinal
                    batch.append(row(item, number: number, topic: topics[number % topics.count], site: models[item.siteIndex], unit: models[item.organizationIndex]))
                }
                if batch.count >= batchSize {
                    try await BulkInsert.rows(batch, into: Feedback.schema, columns: feedbackColumns, on: db)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try await BulkInsert.rows(batch, into: Feedback.schema, columns: feedbackColumns, on: db)
        }
        try await FeedbackTallies.recountEverything(on: db)
    }

    private static let feedbackColumns = ["code", "site_organization_id", "organization_id", "organization_path", "topic", "content",
                                          "consents_to_publish", "state", "received_on", "answer_due_on", "answered_on", "answer",
                                          "rejection_reason", "published_on"]

    /// One item as the commands leave it: open ones received, acknowledged or forwarded; settled ones answered (and
    /// published where the sender agreed) or one in ten rejected with a reason.
    private static func row(_ item: SyntheticFeedback, number: Int, topic: FeedbackTopic, site: Organization, unit: Organization) -> [BulkInsert.Value] {
        let consents = number % 2 == 0
        let state: FeedbackState
        if item.answeredOn == nil {
            state = item.organizationIndex != item.siteIndex ? .forwarded : number % 3 == 0 ? .received : .acknowledged
        } else {
            state = number % 10 == 1 ? .rejected : consents ? .published : .answered
        }
        // A bijection of the numbers onto the codes (48,271 shares no factor with 30⁸): neighbours get unrelated codes.
        let code = FeedbackCode.spelled(number * 48_271 % FeedbackCode.count)
        return [.text(code), .integer(site.id), .integer(unit.id), .text(unit.path), .text(topic.rawValue),
                .text("\(topic.label.vi): đề nghị \(unit.name) xem xét, giải quyết"), .integer(consents ? 1 : 0), .text(state.rawValue),
                .day(item.receivedOn), .day(item.answerDueOn), .day(item.answeredOn),
                .text(state == .answered || state == .published ? "\(unit.name) đã xem xét và trả lời người gửi." : nil),
                .text(state == .rejected ? "Nội dung không thuộc thẩm quyền giải quyết của cấp ủy." : nil),
                .day(state == .published ? item.answeredOn : nil)]
    }
}
