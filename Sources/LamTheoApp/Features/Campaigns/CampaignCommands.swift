import Fluent
import LamTheoCore

/// What a launch asks of the units below: the API body's `requirements`, and one row of the web form.
struct RequirementInput: Codable, Sendable {
    var kind: String?
    var title: String?
    /// Organisation kind codes (`grassroots`, `cell`…).
    var unitKinds: [String]?
    var dueOn: String?
    var minimumSessions: Int?
}

/// A campaign as typed into the launch form or sent to the API.
struct CampaignInput: Codable, Sendable {
    var documentId: Int?
    var organizationId: Int?
    var title: String?
    var startsOn: String?
    var endsOn: String?
    var topicYear: Int?
    var reflectionDueOn: String?
    /// Grades, best first, one per line or separated by "|".
    var gradingScale: String?
    /// Whether work after a deadline is still taken, marked late (the default), or refused.
    var acceptsLateWork: Bool?
    var requirements: [RequirementInput]?
}

/// A new due date for one of a campaign's requirements.
struct RequirementChange: Codable, Sendable {
    var id: Int?
    var dueOn: String?
}

/// Changes to a running campaign, as its edit form or `PATCH /campaigns/{id}` sends them: absent fields keep
/// their value.
struct CampaignChanges: Codable, Sendable {
    var title: String?
    var startsOn: String?
    var endsOn: String?
    /// A date, or blank to set no deadline.
    var reflectionDueOn: String?
    var acceptsLateWork: Bool?
    var requirements: [RequirementChange]?
}

/// Launching and closing campaigns. Launching creates one obligation per requirement for every active
/// unit of the requirement's kinds in the subtree, in set-based statements whatever the tree's size.
enum CampaignCommands {
    static let defaultGradingScale = ["Tốt", "Khá", "Trung bình", "Chưa đạt"]

    static func launch(_ input: CampaignInput, on db: any Database) async throws -> Campaign {
        var validator = Validator()
        let document = try await validator.document(input.documentId, on: db)
        let unit = try await validator.activeUnit(input.organizationId, on: db)
        let title = validator.optionalText(input.title, field: "title", label: LocalizedText(vi: "Tên đợt triển khai", en: "Title"), maxLength: 300)
        let startsOn = validator.requiredDate(input.startsOn, field: "startsOn", label: Self.startLabel)
        let endsOn = validator.requiredDate(input.endsOn, field: "endsOn", label: LocalizedText(vi: "Ngày kết thúc", en: "End date"))
        let period = validator.period(startsOn, endsOn)
        if let unit, let startsOn { validator.notBeforeFounding(of: unit, startsOn, field: "startsOn", label: Self.startInSentence) }
        let reflectionDueOn = validator.optionalDate(input.reflectionDueOn, field: "reflectionDueOn", label: Self.reflectionDueLabel)
        if let reflectionDueOn, let period { validator.within(period, reflectionDueOn, field: "reflectionDueOn") }
        validator.topicYear(input.topicYear, within: period)
        let grades = validator.gradingScale(input.gradingScale)
        let requirements = try await validator.requirements(input.requirements ?? [], within: period, on: db)
        try validator.throwIfInvalid()
        if let year = input.topicYear, let unit {
            let existing = try await Campaign.query(on: db).filter(\.$organizationId == unit.requireID())
                .filter(\.$topicYear == year).filter(\.$status == .active).first()
            if let existing {
                throw DomainError.conflict(field: "topicYear", LocalizedText(
                    vi: "\(unit.name) đã có chuyên đề năm \(year): “\(existing.title)”",
                    en: "\(unit.name) already has a topic for \(year): “\(existing.title)”"))
            }
        }

        let campaign = Campaign()
        campaign.documentId = document!.requireID()
        campaign.organizationId = unit!.requireID()
        campaign.organizationPath = unit!.path
        campaign.title = title ?? document!.title
        campaign.titleSearch = VietnameseText.searchKey(campaign.title)
        campaign.startsOn = period!.lowerBound
        campaign.endsOn = period!.upperBound
        campaign.topicYear = input.topicYear
        campaign.reflectionDueOn = reflectionDueOn
        campaign.gradingScale = grades.joined(separator: "|")
        campaign.acceptsLateWork = input.acceptsLateWork ?? true
        campaign.status = .active
        try await campaign.create(on: db)
        for checked in requirements {
            let requirement = CampaignRequirement()
            requirement.campaignId = campaign.requireID()
            requirement.kind = checked.kind
            requirement.title = checked.title
            requirement.dueOn = checked.dueOn
            requirement.minimumSessions = checked.minimumSessions
            try await requirement.create(on: db)
            for kind in checked.unitKinds {
                let row = CampaignRequirementKind()
                row.requirementId = requirement.requireID()
                row.kindCode = kind
                try await row.create(on: db)
            }
        }
        try await ObligationRoster.assignAll(of: campaign, on: db)
        try await CampaignProgressFollowers.publish(.started(campaign), on: db)
        return campaign
    }

    /// Changes a running campaign's title, dates, reflection deadline, late-work setting and requirements' due
    /// dates. The period still holds every date given inside it: the deadlines, the sessions recorded for the
    /// campaign, the extensions given. Units' obligations follow their requirement's new due date, except those
    /// extended to a later day, which keep their extension.
    static func update(_ id: Int, _ changes: CampaignChanges, on db: any Database) async throws -> Campaign {
        let campaign = try await CampaignQueries.require(id, on: db)
        guard campaign.status == .active else {
            throw DomainError.conflict(field: "status", LocalizedText(vi: "Đợt triển khai đã kết thúc: không sửa được nữa",
                                                                      en: "The campaign is closed and can no longer be changed"))
        }
        let unit = try await OrganizationQueries.require(campaign.organizationId, on: db)
        let requirements = try await CampaignQueries.requirements(of: campaign, on: db)
        var validator = Validator()
        let title = changes.title.map {
            validator.requiredText($0, field: "title", label: LocalizedText(vi: "Tên đợt triển khai", en: "Title"), maxLength: 300)
        } ?? campaign.title
        let startsOn = changes.startsOn == nil ? campaign.startsOn : validator.requiredDate(changes.startsOn, field: "startsOn", label: Self.startLabel)
        let endsOn = changes.endsOn == nil ? campaign.endsOn
            : validator.requiredDate(changes.endsOn, field: "endsOn", label: LocalizedText(vi: "Ngày kết thúc", en: "End date"))
        let period = validator.period(startsOn, endsOn)
        if let startsOn, startsOn != campaign.startsOn { validator.notBeforeFounding(of: unit, startsOn, field: "startsOn", label: Self.startInSentence) }
        let reflectionDueOn = changes.reflectionDueOn == nil ? campaign.reflectionDueOn
            : validator.optionalDate(changes.reflectionDueOn, field: "reflectionDueOn", label: Self.reflectionDueLabel)
        if let reflectionDueOn, let period { validator.within(period, reflectionDueOn, field: "reflectionDueOn") }
        validator.topicYear(campaign.topicYear, within: period)
        var dueDates = Dictionary(uniqueKeysWithValues: requirements.map { ($0.requireID(), $0.dueOn) })
        for (index, change) in (changes.requirements ?? []).enumerated() {
            let field = "requirements[\(index)]"
            guard let requirementId = change.id, dueDates[requirementId] != nil else {
                validator.add("\(field).id", LocalizedText(vi: "Yêu cầu \(index + 1): không thuộc đợt triển khai này",
                                                           en: "Requirement \(index + 1) is not one of this campaign's"))
                continue
            }
            let label = LocalizedText(vi: "Yêu cầu \(index + 1): hạn", en: "Requirement \(index + 1): due date")
            if let due = validator.requiredDate(change.dueOn, field: "\(field).dueOn", label: label) {
                dueDates[requirementId] = due
                if let period { validator.within(period, due, field: "\(field).dueOn") }
            }
        }
        if let period, period != campaign.startsOn ... campaign.endsOn {
            // Due dates left as they were must still fall inside the new period.
            for requirement in requirements where !period.contains(requirement.dueOn) && dueDates[requirement.requireID()] == requirement.dueOn {
                validator.add(requirement.dueOn < period.lowerBound ? "startsOn" : "endsOn", LocalizedText(
                    vi: "Yêu cầu “\(requirement.title)” có hạn \(requirement.dueOn.vietnamese), nằm ngoài thời gian mới: sửa cả hạn của yêu cầu",
                    en: "The requirement “\(requirement.title)” is due on \(requirement.dueOn.vietnamese), outside the new period: change its due date too"))
            }
            try await validator.datesRecorded(for: campaign, fitIn: period, on: db)
        }
        try validator.throwIfInvalid()

        campaign.title = title
        campaign.titleSearch = VietnameseText.searchKey(title)
        campaign.startsOn = period!.lowerBound
        campaign.endsOn = period!.upperBound
        campaign.reflectionDueOn = reflectionDueOn
        campaign.acceptsLateWork = changes.acceptsLateWork ?? campaign.acceptsLateWork
        try await campaign.save(on: db)
        var moved: Set<Int> = []
        for requirement in requirements where dueDates[requirement.requireID()] != requirement.dueOn {
            let due = dueDates[requirement.requireID()]!
            requirement.dueOn = due
            try await requirement.save(on: db)
            // An extension the new date overtakes gives no more time: it goes, and its unit follows the date.
            let rows = try await db.sql.raw("""
                UPDATE obligations SET due_on = \(bind: due), extended_until = NULL, extension_reason = NULL, updated_at = CURRENT_TIMESTAMP
                WHERE requirement_id = \(bind: requirement.requireID()) AND (extended_until IS NULL OR extended_until <= \(bind: due))
                RETURNING organization_id
                """).all()
            moved.formUnion(try rows.map { try $0.decode(column: "organization_id", as: Int.self) })
        }
        if !moved.isEmpty {
            try await CampaignProgressFollowers.publish(.obligationsChanged(at: moved, campaigns: [id]), on: db)
        }
        return campaign
    }

    static let startLabel = LocalizedText(vi: "Ngày bắt đầu", en: "Start date")
    static let startInSentence = LocalizedText(vi: "ngày bắt đầu đợt triển khai", en: "campaign's start date")
    static let reflectionDueLabel = LocalizedText(vi: "Hạn nộp bài thu hoạch", en: "Reflection deadline")

    /// Closes a campaign: its figures stay as they were on that day, and nothing more is counted for it.
    static func close(_ id: Int, on db: any Database) async throws -> Campaign {
        let campaign = try await CampaignQueries.require(id, on: db)
        guard campaign.status == .active else {
            throw DomainError.conflict(field: "status", LocalizedText(vi: "Đợt triển khai đã kết thúc", en: "The campaign is already closed"))
        }
        campaign.status = .closed
        try await campaign.save(on: db)
        return campaign
    }
}

/// A requirement after checking.
struct CheckedRequirement: Sendable {
    let kind: RequirementKind
    let title: String
    let unitKinds: [String]
    let dueOn: CalendarDate
    let minimumSessions: Int?
}

extension Validator {
    mutating func document(_ id: Int?, on db: any Database) async throws -> Document? {
        guard let id else {
            add("documentId", LocalizedText(vi: "Chọn văn bản cần triển khai", en: "Choose the document to roll out"))
            return nil
        }
        guard let document = try await Document.find(id, on: db) else {
            add("documentId", LocalizedText(vi: "Không tìm thấy văn bản số \(id)", en: "Document \(id) not found"))
            return nil
        }
        return document
    }

    mutating func activeUnit(_ id: Int?, field: String = "organizationId", on db: any Database) async throws -> Organization? {
        guard let id else {
            add(field, LocalizedText(vi: "Chọn tổ chức đảng", en: "Choose an organisation"))
            return nil
        }
        guard let unit = try await Organization.find(id, on: db) else {
            add(field, LocalizedText(vi: "Không tìm thấy tổ chức đảng số \(id)", en: "Organisation \(id) not found"))
            return nil
        }
        if !unit.isActive {
            add(field, LocalizedText(vi: "\(unit.name) đã giải thể hoặc hợp nhất", en: "\(unit.name) has been dissolved or merged"))
            return nil
        }
        return unit
    }

    /// A period whose end is not before its start.
    mutating func period(_ start: CalendarDate?, _ end: CalendarDate?) -> ClosedRange<CalendarDate>? {
        guard let start, let end else { return nil }
        guard start <= end else {
            add("endsOn", LocalizedText(vi: "Ngày kết thúc (\(end.vietnamese)) trước ngày bắt đầu (\(start.vietnamese))",
                                        en: "The end date (\(end.vietnamese)) is before the start date (\(start.vietnamese))"))
            return nil
        }
        return start ... end
    }

    /// A date of what `unit` holds or launches: not before the unit was founded.
    /// - Parameter label: the date's name inside a sentence ("ngày bắt đầu").
    mutating func notBeforeFounding(of unit: Organization, _ date: CalendarDate, field: String, label: LocalizedText) {
        if let problem = UnitFounding(unitName: unit.name, foundedOn: unit.validFrom).problem(with: date, label: label) {
            add(field, problem)
        }
    }

    /// The year a campaign is the topic for falls within its period.
    mutating func topicYear(_ year: Int?, within period: ClosedRange<CalendarDate>?) {
        if let year, let period, !(period.lowerBound.year ... period.upperBound.year).contains(year) {
            add("topicYear", LocalizedText(vi: "Năm chuyên đề \(year) phải nằm trong thời gian của đợt triển khai",
                                           en: "The topic year \(year) must fall within the campaign's period"))
        }
    }

    /// A campaign's new period still holds the sessions recorded for it and the extensions given in it.
    mutating func datesRecorded(for campaign: Campaign, fitIn period: ClosedRange<CalendarDate>, on db: any Database) async throws {
        let id = campaign.requireID()
        let sessions = try await db.sql.raw("""
            SELECT MIN(held_on) AS first, MAX(held_on) AS last, COUNT(*) AS n FROM study_sessions WHERE campaign_id = \(bind: id)
            """).first()
        if let sessions, try sessions.decode(column: "n", as: Int.self) > 0 {
            let first = try sessions.decode(column: "first", as: CalendarDate.self)
            let last = try sessions.decode(column: "last", as: CalendarDate.self)
            if !period.contains(first) || !period.contains(last) {
                add(period.contains(first) ? "endsOn" : "startsOn", LocalizedText(
                    vi: "Đã có buổi học tập của đợt triển khai tổ chức từ \(first.vietnamese) đến \(last.vietnamese): thời gian mới phải bao gồm các ngày này",
                    en: "Sessions of this campaign were held from \(first.vietnamese) to \(last.vietnamese): the new period must include them"))
            }
        }
        let extended = try await db.sql.raw("""
            SELECT MAX(extended_until) AS until FROM obligations WHERE campaign_id = \(bind: id) AND extended_until IS NOT NULL
            UNION ALL SELECT MAX(until) AS until FROM reflection_extensions WHERE campaign_id = \(bind: id)
            """).all().compactMap { try $0.decode(column: "until", as: CalendarDate?.self) }.max()
        if let extended, extended > period.upperBound {
            add("endsOn", LocalizedText(vi: "Đã gia hạn đến \(extended.vietnamese): ngày kết thúc không được trước ngày này",
                                        en: "An extension runs until \(extended.vietnamese): the campaign cannot end before it"))
        }
    }

    mutating func within(_ period: ClosedRange<CalendarDate>, _ date: CalendarDate, field: String) {
        if !period.contains(date) {
            add(field, LocalizedText(
                vi: "Ngày \(date.vietnamese) nằm ngoài thời gian đợt triển khai (\(period.lowerBound.vietnamese) – \(period.upperBound.vietnamese))",
                en: "\(date.vietnamese) is outside the campaign's period (\(period.lowerBound.vietnamese) – \(period.upperBound.vietnamese))"))
        }
    }

    mutating func gradingScale(_ raw: String?) -> [String] {
        let grades = (raw ?? "").split(whereSeparator: { $0 == "|" || $0.isNewline })
            .map { VietnameseText.normalized(String($0)) }.filter { !$0.isEmpty }
        guard !grades.isEmpty else { return CampaignCommands.defaultGradingScale }
        if grades.count < 2 || grades.count > 10 || Set(grades).count != grades.count || grades.contains(where: { $0.count > 50 }) {
            add("gradingScale", LocalizedText(vi: "Thang đánh giá cần từ 2 đến 10 mức khác nhau, mỗi mức không quá 50 ký tự",
                                              en: "The grading scale needs 2 to 10 distinct grades of at most 50 characters"))
        }
        return grades
    }

    mutating func requirements(_ inputs: [RequirementInput], within period: ClosedRange<CalendarDate>?, on db: any Database) async throws -> [CheckedRequirement] {
        let kinds = Set(try await OrganizationKind.query(on: db).all().compactMap(\.id))
        var checked: [CheckedRequirement] = []
        for (index, input) in inputs.enumerated() {
            let field = "requirements[\(index)]"
            let number = index + 1
            guard let kind = input.kind.flatMap(RequirementKind.init(rawValue:)) else {
                add("\(field).kind", LocalizedText(vi: "Yêu cầu \(number): loại yêu cầu phải là plan, study_sessions hoặc report",
                                                   en: "Requirement \(number): the kind must be plan, study_sessions or report"))
                continue
            }
            let title = optionalText(input.title, field: "\(field).title", label: LocalizedText(vi: "Yêu cầu \(number): tên", en: "Requirement \(number): title"), maxLength: 300)
            let unitKinds = (input.unitKinds ?? []).filter { !$0.isEmpty }
            if unitKinds.isEmpty {
                add("\(field).unitKinds", LocalizedText(vi: "Yêu cầu \(number): chọn loại tổ chức phải thực hiện",
                                                        en: "Requirement \(number): choose the kinds of unit it applies to"))
            }
            for unknown in unitKinds where !kinds.contains(unknown) {
                add("\(field).unitKinds", LocalizedText(vi: "Yêu cầu \(number): không có loại tổ chức “\(unknown)”",
                                                        en: "Requirement \(number): there is no kind of unit “\(unknown)”"))
            }
            let due = requiredDate(input.dueOn, field: "\(field).dueOn", label: LocalizedText(vi: "Yêu cầu \(number): hạn", en: "Requirement \(number): due date"))
            if let due, let period { within(period, due, field: "\(field).dueOn") }
            var minimum: Int?
            if kind == .studySessions {
                minimum = input.minimumSessions ?? 1
                if !(1 ... 100).contains(minimum!) {
                    add("\(field).minimumSessions", LocalizedText(vi: "Yêu cầu \(number): số buổi học tập phải từ 1 đến 100",
                                                                  en: "Requirement \(number): the number of sessions must be 1 to 100"))
                }
            }
            if let due {
                checked.append(CheckedRequirement(kind: kind, title: title ?? kind.label.vi, unitKinds: Array(Set(unitKinds)).sorted(),
                                                  dueOn: due, minimumSessions: minimum))
            }
        }
        return checked
    }
}
