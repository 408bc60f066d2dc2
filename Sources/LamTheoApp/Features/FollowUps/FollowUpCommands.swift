import Fluent
import LamTheoCore
import SQLKit

/// A task as its origin sets it: for one or more owner units, the same title, person or role responsible,
/// evidence required and deadline.
struct FollowUpTaskInput: Codable, Sendable {
    var organizationIds: [Int]?
    var title: String?
    var responsible: String?
    var requiredEvidence: String?
    var dueOn: String?
}

/// The owner's report: what was done, the evidence (a registered document, or described) and the day.
struct FollowUpReportInput: Codable, Sendable {
    var note: String?
    var documentId: Int?
    var reportedOn: String?
}

struct FollowUpReviewInput: Codable, Sendable {
    /// A `FollowUpReviewOutcome`: `accepted` or `returned`.
    var outcome: String?
    var comment: String?
}

struct FollowUpExtensionInput: Codable, Sendable {
    var until: String?
    var reason: String?
}

struct FollowUpCancellationInput: Codable, Sendable {
    var reason: String?
}

/// The life of a follow-up task. Every command is one write of the caller's transaction, logs a dated event
/// and refreshes the subtree tallies of the units it touched (`FollowUpTallies`).
enum FollowUpCommands {
    /// Issues one task per owner unit, each in the issuer's subtree (the issuer's own unit included).
    static func issue(_ input: FollowUpTaskInput, from source: FollowUpSource, issuer issuerId: Int, by actor: String?,
                      today: CalendarDate = .today(), on db: any Database) async throws -> [FollowUpTask] {
        var validator = Validator()
        let title = validator.requiredText(input.title, field: "title", label: LocalizedText(vi: "Nội dung nhiệm vụ", en: "Task"), maxLength: 2000)
        let responsible = validator.requiredText(input.responsible, field: "responsible",
                                                 label: LocalizedText(vi: "Người hoặc chức danh chịu trách nhiệm", en: "Person or role responsible"))
        let evidence = validator.optionalText(input.requiredEvidence, field: "requiredEvidence",
                                              label: LocalizedText(vi: "Minh chứng cần nộp", en: "Evidence required"), maxLength: 1000)
        let dueOn = validator.requiredDate(input.dueOn, field: "dueOn", label: LocalizedText(vi: "Thời hạn hoàn thành", en: "Deadline"))
        if let dueOn, dueOn < today {
            validator.add("dueOn", LocalizedText(vi: "Thời hạn hoàn thành không được trước hôm nay (\(today.vietnamese))",
                                                 en: "The deadline cannot be before today (\(today.vietnamese))"))
        }
        if FollowUpOrigins.origin(source.kind) == nil {
            validator.add("origin", LocalizedText(vi: "Không rõ nguồn giao nhiệm vụ “\(source.kind)”", en: "Unknown task origin “\(source.kind)”"))
        }
        let issuer = try await OrganizationQueries.require(issuerId, on: db)
        let ownerIds = Array(Set(input.organizationIds ?? [])).sorted()
        if ownerIds.isEmpty {
            validator.add("organizationIds", LocalizedText(vi: "Chọn ít nhất một đơn vị chịu trách nhiệm thực hiện",
                                                           en: "Choose at least one unit responsible for the task"))
        }
        let owners = try await Organization.query(on: db).filter(\.$id ~~ ownerIds).all()
        for id in ownerIds where !owners.contains(where: { $0.id == id }) {
            validator.add("organizationIds", LocalizedText(vi: "Không tìm thấy tổ chức số \(id)", en: "Organisation \(id) not found"))
        }
        for owner in owners {
            if !issuer.treePath.contains(owner.treePath) {
                validator.add("organizationIds", LocalizedText(vi: "\(owner.name) không thuộc \(issuer.name): chỉ giao nhiệm vụ cho đơn vị trực thuộc",
                                                               en: "\(owner.name) is not under \(issuer.name): tasks go to units under it"))
            } else if owner.status != .active {
                validator.add("organizationIds", LocalizedText(vi: "\(owner.name) đã ngừng hoạt động", en: "\(owner.name) is no longer active"))
            }
        }
        try validator.throwIfInvalid()

        var tasks: [FollowUpTask] = []
        for owner in owners.sorted(by: { $0.path < $1.path }) {
            let task = FollowUpTask()
            task.originKind = source.kind
            task.originId = source.id
            task.originLabel = source.label
            task.issuerOrganizationId = issuerId
            task.organizationId = owner.requireID()
            task.organizationPath = owner.path
            task.title = title
            task.responsible = responsible
            task.requiredEvidence = evidence
            task.dueOn = dueOn!
            task.state = .open
            task.reportCount = 0
            try await task.create(on: db)
            try await FollowUpEvent(task: task.requireID(), .issued, on: today, by: actor).create(on: db)
            tasks.append(task)
        }
        try await FollowUpTallies.refresh(chainsOf: Set(owners.compactMap(\.id)), on: db)
        return tasks
    }

    static func report(_ id: Int, _ input: FollowUpReportInput, by actor: String?, on db: any Database) async throws -> FollowUpTask {
        let task = try await FollowUpQueries.require(id, on: db)
        var validator = Validator()
        let note = validator.requiredText(input.note, field: "note", label: LocalizedText(vi: "Kết quả thực hiện", en: "What was done"), maxLength: 4000)
        let reportedOn = validator.optionalDate(input.reportedOn, field: "reportedOn", label: LocalizedText(vi: "Ngày báo cáo", en: "Report date")) ?? .today()
        if let documentId = input.documentId, try await Document.find(documentId, on: db) == nil {
            validator.add("documentId", LocalizedText(vi: "Không tìm thấy văn bản số \(documentId)", en: "Document \(documentId) not found"))
        }
        if let refusal = task.state.reportRefusal {
            validator.add("id", refusal)
        }
        try validator.throwIfInvalid()
        task.state = .reported
        task.reportCount += 1
        try await task.save(on: db)
        try await FollowUpEvent(task: id, .reported, on: reportedOn, by: actor, note: note, document: input.documentId).create(on: db)
        try await FollowUpTallies.refresh(chainsOf: [task.organizationId], on: db)
        return task
    }

    static func review(_ id: Int, _ input: FollowUpReviewInput, by actor: String?, on db: any Database) async throws -> FollowUpTask {
        let task = try await FollowUpQueries.require(id, on: db)
        var validator = Validator()
        let outcome = input.outcome.flatMap(FollowUpReviewOutcome.init(rawValue:))
        if outcome == nil {
            validator.add(FollowUpReviewOutcome.unknown.field, FollowUpReviewOutcome.unknown.message)
        }
        let comment = validator.optionalText(input.comment, field: "comment", label: LocalizedText(vi: "Nhận xét", en: "Comment"), maxLength: 2000)
        if let problem = outcome?.problem(comment: comment) {
            validator.add(problem.field, problem.message)
        }
        if task.state != .reported {
            validator.add("id", LocalizedText(vi: "Không có báo cáo nào đang chờ xem xét", en: "There is no report awaiting review"))
        }
        try validator.throwIfInvalid()
        task.state = outcome!.state
        try await task.save(on: db)
        try await FollowUpEvent(task: id, outcome! == .accepted ? .accepted : .returned, on: .today(), by: actor, note: comment).create(on: db)
        try await FollowUpTallies.refresh(chainsOf: [task.organizationId], on: db)
        return task
    }

    /// More time, with the reason on record; the new deadline is after the one in force.
    static func extend(_ id: Int, _ input: FollowUpExtensionInput, by actor: String?, on db: any Database) async throws -> FollowUpTask {
        let task = try await FollowUpQueries.require(id, on: db)
        var validator = Validator()
        let until = validator.requiredDate(input.until, field: "until", label: LocalizedText(vi: "Gia hạn đến ngày", en: "Extended until"))
        let reason = validator.requiredText(input.reason, field: "reason", label: LocalizedText(vi: "Lý do gia hạn", en: "Reason"), maxLength: 1000)
        if let until {
            for problem in DeadlineExtension(until: until).problems(currentDue: task.deadline, campaignEndsOn: nil) {
                validator.add(problem.field, problem.message)
            }
        }
        if let refusal = task.state.changeRefusal {
            validator.add("id", refusal)
        }
        try validator.throwIfInvalid()
        task.extendedUntil = until!
        try await task.save(on: db)
        try await FollowUpEvent(task: id, .extended, on: .today(), by: actor, note: reason, until: until).create(on: db)
        try await FollowUpTallies.refresh(chainsOf: [task.organizationId], on: db)
        return task
    }

    static func cancel(_ id: Int, _ input: FollowUpCancellationInput, by actor: String?, on db: any Database) async throws -> FollowUpTask {
        let task = try await FollowUpQueries.require(id, on: db)
        var validator = Validator()
        let reason = validator.requiredText(input.reason, field: "reason", label: LocalizedText(vi: "Lý do hủy", en: "Reason"), maxLength: 1000)
        if let refusal = task.state.changeRefusal {
            validator.add("id", refusal)
        }
        try validator.throwIfInvalid()
        task.state = .cancelled
        try await task.save(on: db)
        try await FollowUpEvent(task: id, .cancelled, on: .today(), by: actor, note: reason).create(on: db)
        try await FollowUpTallies.refresh(chainsOf: [task.organizationId], on: db)
        return task
    }

    /// A merged unit's tasks go on at the unit it went into, with a line in their log; finished ones stay
    /// where they were done. The caller refreshes the tallies (`FollowUpTreeFollower`).
    static func handOver(from source: Organization, to target: Organization, on db: any Database) async throws {
        let rows = try await db.sql.raw("""
            UPDATE follow_up_tasks SET organization_id = \(bind: target.requireID()), organization_path = \(bind: target.path), updated_at = CURRENT_TIMESTAMP
            WHERE organization_id = \(bind: source.requireID()) AND state NOT IN (\(binds: FollowUpState.finished.map(\.rawValue)))
            RETURNING id
            """).all()
        for row in rows {
            try await FollowUpEvent(task: try row.decode(column: "id", as: Int.self), .handedOver, on: .today(), by: nil,
                                    note: "\(source.name) → \(target.name)").create(on: db)
        }
    }
}
