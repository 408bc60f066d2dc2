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
    var requirements: [RequirementInput]?
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
        let startsOn = validator.requiredDate(input.startsOn, field: "startsOn", label: LocalizedText(vi: "Ngày bắt đầu", en: "Start date"))
        let endsOn = validator.requiredDate(input.endsOn, field: "endsOn", label: LocalizedText(vi: "Ngày kết thúc", en: "End date"))
        let period = validator.period(startsOn, endsOn)
        let reflectionDueOn = validator.optionalDate(input.reflectionDueOn, field: "reflectionDueOn",
                                                     label: LocalizedText(vi: "Hạn nộp bài thu hoạch", en: "Reflection deadline"))
        if let reflectionDueOn, let period { validator.within(period, reflectionDueOn, field: "reflectionDueOn") }
        if let year = input.topicYear, let period, !(period.lowerBound.year ... period.upperBound.year).contains(year) {
            validator.add("topicYear", LocalizedText(vi: "Năm chuyên đề \(year) phải nằm trong thời gian của đợt triển khai",
                                                     en: "The topic year \(year) must fall within the campaign's period"))
        }
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
