import Fluent
import LamTheoCore
import Vapor

/// A commitment as typed in a form or a JSON body.
struct CommitmentInput: Content {
    var memberId: Int?
    var year: Int?
    var campaignId: Int?
    var title: String?
    var measure: String?
    var dueOn: String?
}

/// JSON (the evidence as `{"filename", "data": base64}`) or multipart/form-data.
struct CommitmentCheckInInput: Content {
    var notedOn: String?
    var note: String?
    var progress: Int?
    var value: String?
    var evidence: File?

    init(notedOn: String? = nil, note: String? = nil, progress: Int? = nil, value: String? = nil, evidence: File? = nil) {
        (self.notedOn, self.note, self.progress, self.value, self.evidence) = (notedOn, note, progress, value, evidence)
    }

    /// The web form sends `progress` as text, blank when left empty.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        notedOn = try container.decodeIfPresent(String.self, forKey: .notedOn)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        progress = try container.decodeOptionalInteger(forKey: .progress)
        value = try container.decodeIfPresent(String.self, forKey: .value)
        evidence = try container.decodeIfPresent(File.self, forKey: .evidence)
    }
}

/// A self-assessment or the cell's assessment: `achieved` or `not_achieved`, with the explanation.
struct AssessmentInput: Content {
    var result: String?
    var note: String?
}

struct PledgeInput: Content {
    var memberId: Int?
    var year: Int?
    var text: String?
}

struct TemplateInput: Content {
    var campaignId: Int?
    var title: String?
    var measure: String?
}

/// The writes of the commitments feature. Each checks everything before it writes and refuses anything in
/// a year closed for the member's unit; the callers (`CommitmentActions`) check who may write.
enum CommitmentCommands {
    static func register(_ input: CommitmentInput, on db: any Database) async throws -> Commitment {
        var validator = Validator()
        let member = try await validator.member(input.memberId, on: db)
        let year = validator.year(input.year)
        let details = try await validator.details(input, member: member, year: year, on: db)
        try validator.throwIfInvalid()
        let period = try await requireOpenYear(year!, for: member!, on: db)
        let commitment = Commitment()
        commitment.memberId = member!.requireID()
        commitment.periodId = period.requireID()
        commitment.year = year!
        details.apply(to: commitment)
        try await commitment.create(on: db)
        try await CommitmentFigures.recount([member!.organizationId], year: year, on: db)
        return commitment
    }

    /// Changes what, the measure, the deadline or the topic; not once the cell has assessed it.
    static func update(_ id: Int, _ input: CommitmentInput, on db: any Database) async throws -> Commitment {
        let (commitment, member) = try await requireCommitment(id, on: db)
        var validator = Validator()
        let details = try await validator.details(input, member: member, year: commitment.year, on: db)
        if commitment.cellResult != nil {
            validator.add("title", LocalizedText(vi: "Chi bộ đã đánh giá cam kết này nên không sửa được nữa",
                                                 en: "The cell has assessed this commitment; it can no longer be changed"))
        }
        try validator.throwIfInvalid()
        _ = try await requireOpenYear(commitment.year, for: member, on: db)
        details.apply(to: commitment)
        try await commitment.save(on: db)
        return commitment
    }

    /// A progress note; its evidence file is stored (by content, see `DocumentFileStore`) once everything is checked.
    static func checkIn(_ id: Int, _ input: CommitmentCheckInInput, store: DocumentFileStore, on db: any Database) async throws -> CommitmentCheckIn {
        let (commitment, member) = try await requireCommitment(id, on: db)
        var validator = Validator()
        let notedOn = validator.optionalDate(input.notedOn, field: "notedOn", label: LocalizedText(vi: "Ngày cập nhật", en: "Date")) ?? CalendarDate.today()
        let note = validator.requiredText(input.note, field: "note", label: LocalizedText(vi: "Tiến độ thực hiện", en: "Progress note"), maxLength: 2000)
        let value = validator.optionalText(input.value, field: "value", label: LocalizedText(vi: "Kết quả đạt được", en: "Value reached"), maxLength: 200)
        if let progress = input.progress, !(0...100).contains(progress) {
            validator.add("progress", LocalizedText(vi: "Tỷ lệ hoàn thành phải từ 0 đến 100", en: "Progress must be from 0 to 100"))
        }
        let evidence = validator.evidence(input.evidence, field: "evidence")
        if notedOn.year != commitment.year {
            validator.add("notedOn", LocalizedText(vi: "Ngày cập nhật phải trong năm \(commitment.year)", en: "The date must be in \(commitment.year)"))
        }
        try validator.throwIfInvalid()
        _ = try await requireOpenYear(commitment.year, for: member, on: db)
        let checkIn = CommitmentCheckIn()
        checkIn.commitmentId = id
        checkIn.notedOn = notedOn
        checkIn.note = note
        checkIn.progress = input.progress
        checkIn.value = value
        if let evidence { try checkIn.attach(evidence, in: store) }
        try await checkIn.create(on: db)
        return checkIn
    }

    /// The member's year-end self-assessment (đạt / không đạt, with the explanation).
    static func selfAssess(_ id: Int, _ input: AssessmentInput, on db: any Database) async throws -> Commitment {
        try await record(id, input, noteRequired: true, on: db) { commitment, result, note in
            commitment.selfResult = result
            commitment.selfNote = note
            commitment.selfAssessedOn = CalendarDate.today()
        }.commitment
    }

    /// The cell's assessment, which the figures count.
    static func assess(_ id: Int, _ input: AssessmentInput, on db: any Database) async throws -> Commitment {
        let (commitment, member) = try await record(id, input, noteRequired: false, on: db) { commitment, result, note in
            commitment.cellResult = result
            commitment.cellNote = note
            commitment.cellAssessedOn = CalendarDate.today()
        }
        try await CommitmentFigures.recount([member.organizationId], year: commitment.year, on: db)
        return commitment
    }

    /// Checks an assessment, then lets `apply` write it on the commitment.
    private static func record(_ id: Int, _ input: AssessmentInput, noteRequired: Bool, on db: any Database,
                               apply: (Commitment, CommitmentResult, String?) -> Void) async throws -> (commitment: Commitment, member: Member) {
        let (commitment, member) = try await requireCommitment(id, on: db)
        var validator = Validator()
        let (result, note) = validator.assessment(input, noteRequired: noteRequired)
        try validator.throwIfInvalid()
        _ = try await requireOpenYear(commitment.year, for: member, on: db)
        apply(commitment, result!, note)
        try await commitment.save(on: db)
        return (commitment, member)
    }

    /// Records or replaces the member's pledge of self-cultivation for the year.
    static func pledge(_ input: PledgeInput, on db: any Database) async throws -> CommitmentPledge {
        var validator = Validator()
        let member = try await validator.member(input.memberId, on: db)
        let year = validator.year(input.year)
        let text = validator.requiredText(input.text, field: "text", label: LocalizedText(vi: "Cam kết tu dưỡng, rèn luyện", en: "Pledge"), maxLength: 4000)
        try validator.throwIfInvalid()
        let period = try await requireOpenYear(year!, for: member!, on: db)
        let pledge = try await CommitmentPledge.query(on: db).filter(\.$memberId == member!.requireID()).filter(\.$year == year!).first()
            ?? CommitmentPledge()
        pledge.memberId = member!.requireID()
        pledge.periodId = period.requireID()
        pledge.year = year!
        pledge.text = text
        try await pledge.save(on: db)
        return pledge
    }

    /// Reminds a member on the roll who has not registered for the year.
    static func remind(memberId: Int?, year rawYear: Int?, sentBy userId: Int?, name: String, on db: any Database) async throws -> CommitmentReminder {
        var validator = Validator()
        let member = try await validator.member(memberId, on: db)
        let year = validator.year(rawYear)
        if let member, let year, try await Commitment.query(on: db).filter(\.$memberId == member.requireID()).filter(\.$year == year).count() > 0 {
            validator.add("memberId", LocalizedText(vi: "\(member.fullName) đã đăng ký làm theo năm \(year)",
                                                    en: "\(member.fullName) has already registered for \(year)"))
        }
        try validator.throwIfInvalid()
        let reminder = CommitmentReminder()
        reminder.memberId = member!.requireID()
        reminder.year = year!
        reminder.sentByUserId = userId
        reminder.sentByName = name
        try await reminder.create(on: db)
        return reminder
    }

    static func addTemplate(_ input: TemplateInput, on db: any Database) async throws -> CommitmentTemplate {
        var validator = Validator()
        if input.campaignId == nil {
            validator.add("campaignId", LocalizedText(vi: "Chưa chọn đợt triển khai", en: "Choose a campaign"))
        }
        let title = validator.requiredText(input.title, field: "title", label: Labels.title, maxLength: 500)
        let measure = validator.requiredText(input.measure, field: "measure", label: Labels.measure, maxLength: 500)
        try validator.throwIfInvalid()
        _ = try await CampaignQueries.require(input.campaignId!, on: db)
        let template = CommitmentTemplate()
        template.campaignId = input.campaignId!
        template.title = title
        template.measure = measure
        try await template.create(on: db)
        return template
    }

    static func requireCommitment(_ id: Int, on db: any Database) async throws -> (Commitment, Member) {
        guard let commitment = try await Commitment.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy cam kết \(id)", en: "No commitment \(id)"))
        }
        return (commitment, try await MemberQueries.require(commitment.memberId, on: db))
    }

    /// The year's period, refused once it is closed for the member's unit.
    private static func requireOpenYear(_ year: Int, for member: Member, on db: any Database) async throws -> RatingPeriod {
        let period = try await RatingPeriods.year(year, on: db)
        try await RatingPeriods.requireOpen(period, at: TreePath(rawValue: member.organizationPath)!, field: "year", on: db)
        return period
    }

    enum Labels {
        static let title = LocalizedText(vi: "Việc làm cụ thể", en: "Action")
        static let measure = LocalizedText(vi: "Kết quả đo được", en: "Measurable result")
        static let dueOn = LocalizedText(vi: "Thời hạn", en: "Deadline")
    }
}

/// The checked fields a registration and an update share.
struct CommitmentDetails {
    let title: String
    let measure: String
    let dueOn: CalendarDate?
    let campaignId: Int?

    func apply(to commitment: Commitment) {
        commitment.title = title
        commitment.measure = measure
        // nil only when the validator refused the input, before anything is applied.
        if let dueOn { commitment.dueOn = dueOn }
        commitment.campaignId = campaignId
    }
}

extension LamTheoCore.Validator {
    /// The member a commitment is for: on the roll.
    mutating func member(_ id: Int?, on db: any Database) async throws -> Member? {
        guard let id else {
            add("memberId", LocalizedText(vi: "Chưa chọn đảng viên", en: "Choose a member"))
            return nil
        }
        guard let member = try await Member.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(vi: "Không tìm thấy đảng viên \(id)", en: "No member \(id)"))
        }
        if !member.status.isOnRoll {
            add("memberId", LocalizedText(vi: "\(member.fullName) không còn sinh hoạt đảng", en: "\(member.fullName) is no longer on a roll"))
        }
        return member
    }

    mutating func year(_ year: Int?) -> Int? {
        guard let year, (2000...2100).contains(year) else {
            add("year", LocalizedText(vi: "Năm phải từ 2000 đến 2100", en: "The year must be from 2000 to 2100"))
            return nil
        }
        return year
    }

    /// What, the measure, a deadline inside the year, and a topic of that year covering the member's cell.
    mutating func details(_ input: CommitmentInput, member: Member?, year: Int?, on db: any Database) async throws -> CommitmentDetails {
        let labels = CommitmentCommands.Labels.self
        let title = requiredText(input.title, field: "title", label: labels.title, maxLength: 500)
        let measure = requiredText(input.measure, field: "measure", label: labels.measure, maxLength: 500)
        let dueOn = requiredDate(input.dueOn, field: "dueOn", label: labels.dueOn)
        if let dueOn, let year, dueOn.year != year {
            add("dueOn", LocalizedText(vi: "Thời hạn phải trong năm \(year)", en: "The deadline must be in \(year)"))
        }
        if let campaignId = input.campaignId, let member, let year,
           try await !CommitmentQueries.topics(for: member, year: year, on: db).contains(where: { $0.id == campaignId }) {
            add("campaignId", LocalizedText(vi: "Đợt triển khai \(campaignId) không phải chuyên đề năm \(year) của đơn vị",
                                            en: "Campaign \(campaignId) is not a topic of \(year) for the member's unit"))
        }
        return CommitmentDetails(title: title, measure: measure, dueOn: dueOn, campaignId: input.campaignId)
    }

    mutating func assessment(_ input: AssessmentInput, noteRequired: Bool) -> (CommitmentResult?, String?) {
        let result = input.result.flatMap(CommitmentResult.init(rawValue:))
        if result == nil {
            add("result", LocalizedText(vi: "Chọn “đạt” hoặc “không đạt”", en: "Choose achieved or not achieved"))
        }
        let label = LocalizedText(vi: "Giải trình", en: "Explanation")
        let note = noteRequired ? requiredText(input.note, field: "note", label: label, maxLength: 2000)
                                : optionalText(input.note, field: "note", label: label, maxLength: 2000)
        return (result, note)
    }
}
