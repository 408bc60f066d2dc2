import Fluent
import Foundation
import LamTheoCore
import SQLKit
import struct Vapor.File

/// A briefing as the committee sets it up (the API's body; the page's form builds one).
struct BriefingInput: Codable, Sendable {
    /// The convening committee.
    var organizationId: Int?
    var title: String?
    var theme: String?
    var campaignId: Int?
    var series: String?
    var heldOn: String?
    /// "08:00".
    var startsAt: String?
    var place: String?
    var onlineLink: String?
    var bridgePoints: [String]?
    var agenda: [String]?
    var questions: [String]?
    /// The lead report (báo cáo đề dẫn), a registered document.
    var leadReportId: Int?
    var invitedUnitIds: [Int]?
    var contributionsDueOn: String?
    var lateContributionsAllowed: Bool?
}

/// A unit's contribution: JSON (the file as `{"filename", "data": base64}`) or multipart/form-data.
struct ContributionInput: Codable, Sendable {
    /// The invited unit contributing.
    var organizationId: Int?
    var summary: String?
    /// A PDF, DOCX, JPEG or PNG, stored like breakthroughs' evidence.
    var file: File?
}

/// A conclusion point, and the follow-up task it becomes (its title defaults to the point's text).
struct ConclusionInput: Codable, Sendable {
    var text: String?
    var task: FollowUpTaskInput?
}

/// The conclusion notice to register as a document of type TB.
struct NoticeInput: Codable, Sendable {
    /// "125-TB/TU": the number and symbol, of type TB.
    var symbol: String?
    /// Today by default.
    var issuedOn: String?
}

/// The writes of briefings. Each checks everything before writing and is one write of the caller's
/// transaction: a refused one leaves nothing behind.
enum BriefingCommands {
    /// The origin kind of the tasks that conclusions become.
    static let originKind = "briefing"

    static func create(_ input: BriefingInput, on db: any Database) async throws -> Briefing {
        var validator = Validator()
        let title = validator.requiredText(input.title, field: "title", label: LocalizedText(vi: "Tên hội nghị", en: "Title"), maxLength: 500)
        let theme = validator.requiredText(input.theme, field: "theme", label: LocalizedText(vi: "Chuyên đề", en: "Theme"), maxLength: 1000)
        let series = validator.optionalText(input.series, field: "series", label: LocalizedText(vi: "Chuỗi giao ban", en: "Series"), maxLength: 200)
        let heldOn = validator.requiredDate(input.heldOn, field: "heldOn", label: LocalizedText(vi: "Ngày họp", en: "Date"))
        let startsAt = validator.optionalText(input.startsAt, field: "startsAt", label: LocalizedText(vi: "Giờ họp", en: "Time"), maxLength: 5)
        if let startsAt, !isTimeOfDay(startsAt) {
            validator.add("startsAt", LocalizedText(vi: "Giờ họp viết dạng giờ:phút, ví dụ 08:00", en: "The time is hours:minutes, e.g. 08:00"))
        }
        let place = validator.optionalText(input.place, field: "place", label: LocalizedText(vi: "Địa điểm", en: "Place"), maxLength: 500)
        let link = validator.optionalText(input.onlineLink, field: "onlineLink", label: LocalizedText(vi: "Đường dẫn trực tuyến", en: "Online link"), maxLength: 500)
        if let link, !(link.hasPrefix("https://") || link.hasPrefix("http://")) {
            validator.add("onlineLink", LocalizedText(vi: "Đường dẫn trực tuyến bắt đầu bằng https://", en: "The online link starts with https://"))
        }
        if place == nil, link == nil {
            validator.add("place", LocalizedText(vi: "Cho biết địa điểm họp hoặc đường dẫn họp trực tuyến", en: "Give the place or the online link"))
        }
        let bridgePoints = lines(input.bridgePoints, field: "bridgePoints", label: LocalizedText(vi: "Điểm cầu", en: "Bridge point"), &validator)
        let agenda = lines(input.agenda, field: "agenda", label: LocalizedText(vi: "Nội dung chương trình", en: "Agenda item"), &validator)
        let questions = lines(input.questions, field: "questions", label: LocalizedText(vi: "Vấn đề thảo luận", en: "Question"), &validator)
        let dueOn = validator.requiredDate(input.contributionsDueOn, field: "contributionsDueOn",
                                           label: LocalizedText(vi: "Hạn nộp tham luận", en: "Contributions due"))
        if let dueOn, let heldOn, dueOn > heldOn {
            validator.add("contributionsDueOn", LocalizedText(vi: "Hạn nộp tham luận không được sau ngày họp (\(heldOn.vietnamese))",
                                                              en: "Contributions cannot be due after the meeting (\(heldOn.vietnamese))"))
        }
        if let id = input.leadReportId, try await Document.find(id, on: db) == nil {
            validator.add("leadReportId", LocalizedText(vi: "Không tìm thấy văn bản số \(id)", en: "Document \(id) not found"))
        }
        if let id = input.campaignId, try await Campaign.find(id, on: db) == nil {
            validator.add("campaignId", LocalizedText(vi: "Không tìm thấy đợt triển khai số \(id)", en: "Campaign \(id) not found"))
        }
        let committee = try await input.organizationId.asyncMap { try await Organization.find($0, on: db) } ?? nil
        if committee == nil {
            validator.add("organizationId", LocalizedText(vi: "Chọn cấp ủy triệu tập hội nghị", en: "Choose the convening committee"))
        }
        let invited = try await invitedUnits(input.invitedUnitIds, of: committee, &validator, on: db)
        try validator.throwIfInvalid()

        let briefing = Briefing()
        briefing.organizationId = committee!.requireID()
        briefing.organizationPath = committee!.path
        briefing.title = title
        briefing.theme = theme
        briefing.campaignId = input.campaignId
        briefing.series = series
        briefing.heldOn = heldOn!
        briefing.startsAt = startsAt
        briefing.place = place
        briefing.onlineLink = link
        briefing.bridgePointsText = BriefingLines.text(bridgePoints)
        briefing.agendaText = BriefingLines.text(agenda)
        briefing.questionsText = BriefingLines.text(questions)
        briefing.leadReportId = input.leadReportId
        briefing.contributionsDueOn = dueOn!
        briefing.lateContributionsAllowed = input.lateContributionsAllowed ?? false
        try await briefing.create(on: db)
        for unit in invited {
            let row = BriefingUnit()
            row.briefingId = briefing.requireID()
            row.organizationId = unit.requireID()
            row.organizationPath = unit.path
            try await row.create(on: db)
        }
        return briefing
    }

    /// A contribution of an invited unit, on `today`: late ones are marked, or refused when the briefing
    /// takes none. The file is stored (by content, see `DocumentFileStore`) once everything is checked.
    static func contribute(to briefingId: Int, _ input: ContributionInput, by actor: String?, store: DocumentFileStore,
                           today: CalendarDate = .today(), on db: any Database) async throws -> BriefingContribution {
        let briefing = try await BriefingQueries.require(briefingId, on: db)
        var validator = Validator()
        let summary = validator.requiredText(input.summary, field: "summary", label: LocalizedText(vi: "Tóm tắt tham luận", en: "Summary"), maxLength: 4000)
        let file = validator.evidence(input.file, field: "file")
        var invitation: BriefingUnit?
        if let unitId = input.organizationId {
            invitation = try await BriefingUnit.query(on: db).filter(\.$briefingId == briefingId).filter(\.$organizationId == unitId).first()
            if invitation == nil {
                let name = try await Organization.find(unitId, on: db)?.name ?? LocalizedText(vi: "Tổ chức số \(unitId)", en: "Organisation \(unitId)").vi
                validator.add("organizationId", LocalizedText(vi: "\(name) không được mời dự \(briefing.title)", en: "\(name) is not invited to \(briefing.title)"))
            }
        } else {
            validator.add("organizationId", LocalizedText(vi: "Chọn đơn vị gửi tham luận", en: "Choose the contributing unit"))
        }
        let timing = ContributionTiming(submittedOn: today, dueOn: briefing.contributionsDueOn, lateAllowed: briefing.lateContributionsAllowed)
        if let refusal = timing.refusal {
            validator.add("id", refusal)
        }
        try validator.throwIfInvalid()

        let contribution = BriefingContribution()
        contribution.briefingId = briefingId
        contribution.organizationId = invitation!.organizationId
        contribution.organizationPath = invitation!.organizationPath
        contribution.summary = summary
        contribution.submittedOn = today
        contribution.late = timing == .late
        contribution.presented = false
        contribution.submittedBy = actor
        if let file { try contribution.attach(file, in: store) }
        try await contribution.create(on: db)
        return contribution
    }

    /// Marks a contribution as presented at the meeting: from the meeting's day on.
    static func markPresented(_ contributionId: Int, of briefingId: Int, today: CalendarDate = .today(),
                              on db: any Database) async throws -> BriefingContribution {
        let briefing = try await BriefingQueries.require(briefingId, on: db)
        let contribution = try await BriefingQueries.contribution(contributionId, of: briefingId, on: db)
        try requireHeld(briefing, today: today)
        contribution.presented = true
        try await contribution.save(on: db)
        return contribution
    }

    /// The next numbered conclusion point, and with it, when asked, one follow-up task per unit named — all or
    /// nothing: a task the follow-ups refuse leaves no point behind either.
    static func conclude(_ briefingId: Int, _ input: ConclusionInput, by actor: String?, today: CalendarDate = .today(),
                         on db: any Database) async throws -> BriefingConclusion {
        let briefing = try await BriefingQueries.require(briefingId, on: db)
        var validator = Validator()
        let text = validator.requiredText(input.text, field: "text", label: LocalizedText(vi: "Nội dung kết luận", en: "Conclusion"), maxLength: 4000)
        try validator.throwIfInvalid()
        try requireHeld(briefing, today: today)

        let last = try await BriefingConclusion.query(on: db).filter(\.$briefingId == briefingId).sort(\.$number, .descending).first()?.number ?? 0
        let conclusion = BriefingConclusion()
        conclusion.briefingId = briefingId
        conclusion.number = last + 1
        conclusion.text = text
        try await conclusion.create(on: db)
        if var task = input.task {
            if (task.title ?? "").trimmingCharacters(in: .whitespaces).isEmpty { task.title = text }
            let source = FollowUpSource(kind: originKind, id: briefingId, label: "Kết luận \(briefing.title), điểm \(conclusion.number)")
            let tasks: [FollowUpTask]
            do {
                tasks = try await FollowUpCommands.issue(task, from: source, issuer: briefing.organizationId, by: actor, today: today, on: db)
            } catch let error as DomainError where error.kind == .invalid {
                // The task's fields are under `task` in the body.
                throw DomainError.invalid(error.fieldErrors.map { FieldError(field: "task." + $0.field, message: $0.message) })
            }
            for issued in tasks {
                let link = BriefingConclusionTask()
                link.conclusionId = conclusion.requireID()
                link.taskId = issued.requireID()
                try await link.create(on: db)
            }
        }
        return conclusion
    }

    /// Registers the conclusion notice as the committee's document of type TB (Documents keep no drafts:
    /// it is registered as issued, on `issuedOn`, and linked from the briefing).
    static func registerNotice(_ briefingId: Int, _ input: NoticeInput, today: CalendarDate = .today(), on db: any Database) async throws -> Briefing {
        let briefing = try await BriefingQueries.require(briefingId, on: db)
        if let existing = briefing.noticeDocumentId {
            let symbol = try await Document.find(existing, on: db)?.symbol ?? String(existing)
            throw DomainError.conflict(field: "symbol", LocalizedText(vi: "Thông báo kết luận đã được đăng ký (\(symbol))",
                                                                     en: "The conclusion notice is already registered (\(symbol))"))
        }
        if try await BriefingConclusion.query(on: db).filter(\.$briefingId == briefingId).count() == 0 {
            throw DomainError.invalid(field: "id", LocalizedText(vi: "Chưa có kết luận nào để thông báo", en: "There is no conclusion to give notice of"))
        }
        let document = try await DocumentCommands.register(
            DocumentInput(symbol: input.symbol, title: "Thông báo kết luận \(briefing.title)", issuedOn: input.issuedOn ?? today.iso,
                          organizationId: briefing.organizationId), on: db)
        guard document.typeCode == "TB" else {
            throw DomainError.invalid(field: "symbol", LocalizedText(vi: "Thông báo kết luận là văn bản loại TB, ví dụ 125-TB/TU (không phải \(document.typeCode))",
                                                                    en: "A conclusion notice is of type TB, e.g. 125-TB/TU (not \(document.typeCode))"))
        }
        briefing.noticeDocumentId = document.requireID()
        try await briefing.save(on: db)
        return briefing
    }

    private static func requireHeld(_ briefing: Briefing, today: CalendarDate) throws {
        if today < briefing.heldOn {
            throw DomainError.invalid(field: "id", LocalizedText(vi: "Hội nghị chưa diễn ra (ngày họp \(briefing.heldOn.vietnamese))",
                                                                en: "The briefing has not been held yet (it is on \(briefing.heldOn.vietnamese))"))
        }
    }

    /// The invited units: at least one, each an active unit under the committee.
    private static func invitedUnits(_ ids: [Int]?, of committee: Organization?, _ validator: inout Validator,
                                     on db: any Database) async throws -> [Organization] {
        let ids = Array(Set(ids ?? [])).sorted()
        if ids.isEmpty {
            validator.add("invitedUnitIds", LocalizedText(vi: "Chọn ít nhất một đơn vị tham dự", en: "Invite at least one unit"))
            return []
        }
        let units = try await Organization.query(on: db).filter(\.$id ~~ ids).all()
        for id in ids where !units.contains(where: { $0.id == id }) {
            validator.add("invitedUnitIds", LocalizedText(vi: "Không tìm thấy tổ chức số \(id)", en: "Organisation \(id) not found"))
        }
        guard let committee else { return units }
        for unit in units {
            if unit.id == committee.id || !committee.treePath.contains(unit.treePath) {
                validator.add("invitedUnitIds", LocalizedText(vi: "\(unit.name) không trực thuộc \(committee.name): chỉ mời đơn vị cấp dưới",
                                                              en: "\(unit.name) is not under \(committee.name): only units under it are invited"))
            } else if unit.status != .active {
                validator.add("invitedUnitIds", LocalizedText(vi: "\(unit.name) đã ngừng hoạt động", en: "\(unit.name) is no longer active"))
            }
        }
        return units.sorted { $0.path < $1.path }
    }

    /// A list's items, each checked as text of at most 500 characters.
    private static func lines(_ items: [String]?, field: String, label: LocalizedText, _ validator: inout Validator) -> [String] {
        BriefingLines.items(BriefingLines.text(items ?? [])).map { validator.requiredText($0, field: field, label: label, maxLength: 500) }
    }

    private static func isTimeOfDay(_ text: String) -> Bool {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hours = Int(parts[0]), let minutes = Int(parts[1]) else { return false }
        return (0..<24).contains(hours) && (0..<60).contains(minutes)
    }
}
