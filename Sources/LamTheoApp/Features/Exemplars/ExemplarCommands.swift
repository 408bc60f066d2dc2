import Fluent
import LamTheoCore
import SQLKit
import struct Vapor.File

/// A figure: what is measured, before (an exemplar's) and after, in what unit.
struct ExemplarFigureInput: Codable, Sendable {
    var indicator: String?
    var before: Double?
    var after: Double?
    var unit: String?
}

/// A nomination: what, whose, on which theme, with what results, grown from which records.
struct ExemplarInput: Codable, Sendable {
    var kind: String?
    var title: String?
    var summary: String?
    var organizationId: Int?
    /// The unit nominating: the exemplar's unit (the default) or its parent.
    var nominatingOrganizationId: Int?
    var memberId: Int?
    var campaignId: Int?
    var topic: String?
    var figures: [ExemplarFigureInput]?
    var commitmentIds: [Int]?
    var breakthroughIds: [Int]?
    var nominatedOn: String?
}

struct ExemplarVerificationInput: Codable, Sendable {
    /// What the level above checked.
    var note: String?
    var verifiedOn: String?
}

struct CommendationInput: Codable, Sendable {
    var form: String?
    var grantingOrganizationId: Int?
    /// The decision, a registered document.
    var documentId: Int?
    var grantedOn: String?
}

/// A committee asks units of its subtree to replicate an exemplar: one follow-up task each.
struct ReplicationRequestInput: Codable, Sendable {
    var issuerOrganizationId: Int?
    var organizationIds: [Int]?
    var responsible: String?
    var requiredEvidence: String?
    var dueOn: String?
}

struct AdoptionInput: Codable, Sendable {
    var organizationId: Int?
    var adoptedOn: String?
    var results: String?
    var figures: [ExemplarFigureInput]?
}

/// An evidence file (JSON's `{"filename", "data": base64}` or a multipart part) and what it shows.
struct ExemplarEvidenceInput: Codable, Sendable {
    var description: String?
    var file: File?
}

/// A new version of the commendation authority of one kind of unit, from a day on.
struct CommendationAuthorityInput: Codable, Sendable {
    var organizationKind: String?
    var forms: [String]?
    var validFrom: String?
}

struct ExemplarNominationRuleInput: Codable, Sendable {
    /// The lowest `RatingLevel` a unit needs in the last period to be nominated as a collective.
    var minimumRating: String?
}

/// The life of an exemplar. Every command is one write of the caller's transaction, logs a dated event and
/// refreshes the stored subtree tallies (`ExemplarTallies`) of the units it touched.
enum ExemplarCommands {
    static let replicationOrigin = "replication"

    static func nominate(_ input: ExemplarInput, by actor: String?, today: CalendarDate = .today(), on db: any Database) async throws -> Exemplar {
        var validator = Validator()
        let kind = input.kind.flatMap(ExemplarKind.init(rawValue:))
        if kind == nil {
            validator.add("kind", LocalizedText(vi: "Chọn loại điển hình: cá nhân, tập thể hoặc mô hình", en: "Choose the kind: individual, collective or model"))
        }
        let title = validator.requiredText(input.title, field: "title", label: LocalizedText(vi: "Tên điển hình", en: "Title"), maxLength: 300)
        let summary = validator.optionalText(input.summary, field: "summary", label: LocalizedText(vi: "Việc đã làm", en: "What it did"), maxLength: 4000)
        let topic = validator.optionalText(input.topic, field: "topic", label: LocalizedText(vi: "Chủ đề", en: "Topic"), maxLength: 500)
        let nominatedOn = validator.optionalDate(input.nominatedOn, field: "nominatedOn", label: LocalizedText(vi: "Ngày đề nghị", en: "Nomination date")) ?? today
        if nominatedOn > today {
            validator.add("nominatedOn", LocalizedText(vi: "Ngày đề nghị không được sau hôm nay", en: "The nomination date cannot be after today"))
        }
        let unit = try await existingUnit(input.organizationId, field: "organizationId", validator: &validator, on: db)
        if let unit {
            if unit.status != .active {
                validator.add("organizationId", LocalizedText(vi: "\(unit.name) đã ngừng hoạt động", en: "\(unit.name) is no longer active"))
            }
            if let nominating = input.nominatingOrganizationId, nominating != unit.id, nominating != unit.parentId {
                validator.add("nominatingOrganizationId", LocalizedText(vi: "Chỉ đơn vị có điển hình hoặc cấp trên trực tiếp của đơn vị mới đề nghị",
                                                                        en: "Only the unit or its parent nominates"))
            }
            if kind == .individual {
                if let memberId = input.memberId {
                    let member = try await Member.find(memberId, on: db)
                    if member.map({ !unit.treePath.contains(TreePath(rawValue: $0.organizationPath)!) }) ?? true {
                        validator.add("memberId", LocalizedText(vi: "Không tìm thấy đảng viên số \(memberId) trong \(unit.name)",
                                                                en: "Member \(memberId) not found in \(unit.name)"))
                    }
                } else {
                    validator.add("memberId", LocalizedText(vi: "Điển hình cá nhân phải chọn đảng viên", en: "An individual exemplar names the member"))
                }
            } else if input.memberId != nil {
                validator.add("memberId", LocalizedText(vi: "Chỉ điển hình cá nhân mới gắn với một đảng viên", en: "Only an individual exemplar names a member"))
            }
            if let campaignId = input.campaignId {
                let campaign = try await Campaign.find(campaignId, on: db)
                if campaign.map({ !TreePath(rawValue: $0.organizationPath)!.contains(unit.treePath) }) ?? true {
                    validator.add("campaignId", LocalizedText(vi: "Không tìm thấy đợt triển khai số \(campaignId) áp dụng cho \(unit.name)",
                                                              en: "No campaign \(campaignId) covering \(unit.name)"))
                }
            } else if topic == nil {
                validator.add("topic", LocalizedText(vi: "Chọn đợt triển khai hoặc ghi chủ đề điển hình làm theo", en: "Choose a campaign or write the topic it follows"))
            }
            try await checkSources(input, in: unit, validator: &validator, on: db)
            if kind == .collective, let refusal = try await collectiveRefusal(unit, on: nominatedOn, db: db) {
                validator.add("organizationId", refusal)
            }
        }
        let figures = checkFigures(input.figures, needsBefore: true, validator: &validator)
        try validator.throwIfInvalid()

        let exemplar = Exemplar()
        exemplar.kind = kind!
        exemplar.title = title
        exemplar.summary = summary
        exemplar.organizationId = unit!.requireID()
        exemplar.organizationPath = unit!.path
        exemplar.memberId = kind == .individual ? input.memberId : nil
        exemplar.campaignId = input.campaignId
        exemplar.topic = topic
        exemplar.state = .nominated
        exemplar.nominatedById = input.nominatingOrganizationId ?? unit!.requireID()
        exemplar.nominatedOn = nominatedOn
        try await exemplar.create(on: db)
        let id = exemplar.requireID()
        try await save(figures, exemplar: id, adoption: nil, on: db)
        for (kind, ids) in [(ExemplarSourceKind.commitment, input.commitmentIds ?? []), (.breakthrough, input.breakthroughIds ?? [])] {
            for sourceId in Set(ids).sorted() {
                let link = ExemplarLink()
                link.exemplarId = id
                link.sourceKind = kind
                link.sourceId = sourceId
                try await link.create(on: db)
            }
        }
        try await ExemplarEvent(exemplar: id, .nominated, on: nominatedOn, by: actor, unit: exemplar.nominatedById).create(on: db)
        try await ExemplarTallies.refresh(chainsOf: [exemplar.organizationId], on: db)
        return exemplar
    }

    /// The level above the exemplar's unit verifies it, saying what it checked.
    static func verify(_ id: Int, _ input: ExemplarVerificationInput, by actor: String?, today: CalendarDate = .today(),
                       on db: any Database) async throws -> Exemplar {
        let exemplar = try await ExemplarQueries.require(id, on: db)
        let unit = try await OrganizationQueries.require(exemplar.organizationId, on: db)
        var validator = Validator()
        let note = validator.requiredText(input.note, field: "note", label: LocalizedText(vi: "Nội dung đã thẩm định", en: "What was checked"), maxLength: 4000)
        let verifiedOn = validator.optionalDate(input.verifiedOn, field: "verifiedOn", label: LocalizedText(vi: "Ngày thẩm định", en: "Verification date")) ?? today
        if verifiedOn > today || verifiedOn < exemplar.nominatedOn {
            validator.add("verifiedOn", LocalizedText(vi: "Ngày thẩm định phải từ ngày đề nghị (\(exemplar.nominatedOn.vietnamese)) đến hôm nay",
                                                      en: "The verification date is from the nomination (\(exemplar.nominatedOn.vietnamese)) to today"))
        }
        if unit.parentId == nil {
            validator.add("id", LocalizedText(vi: "\(unit.name) không có cấp trên để thẩm định", en: "\(unit.name) has no level above to verify it"))
        }
        let next = step(.verify, from: exemplar.state, validator: &validator)
        try validator.throwIfInvalid()
        exemplar.state = next!
        exemplar.verifiedById = unit.parentId
        exemplar.verifiedOn = verifiedOn
        exemplar.verificationNote = note
        try await exemplar.save(on: db)
        try await ExemplarEvent(exemplar: id, .verified, on: verifiedOn, by: actor, unit: unit.parentId, note: note).create(on: db)
        return exemplar
    }

    /// A commendation by the unit or a level above it, within the granting level's authority on its date,
    /// once per level.
    static func commend(_ id: Int, _ input: CommendationInput, by actor: String?, today: CalendarDate = .today(),
                        on db: any Database) async throws -> Commendation {
        let exemplar = try await ExemplarQueries.require(id, on: db)
        var validator = Validator()
        let form = input.form.flatMap(CommendationForm.init(rawValue:))
        if form == nil {
            validator.add("form", LocalizedText(vi: "Chọn hình thức khen thưởng", en: "Choose the form of commendation"))
        }
        let grantedOn = validator.requiredDate(input.grantedOn, field: "grantedOn", label: LocalizedText(vi: "Ngày khen thưởng", en: "Date"))
        if let grantedOn, grantedOn > today {
            validator.add("grantedOn", LocalizedText(vi: "Ngày khen thưởng không được sau hôm nay", en: "The date cannot be after today"))
        }
        if input.documentId == nil {
            validator.add("documentId", LocalizedText(vi: "Chọn quyết định khen thưởng (văn bản đã vào sổ)", en: "Choose the decision (a registered document)"))
        } else if let documentId = input.documentId, try await Document.find(documentId, on: db) == nil {
            validator.add("documentId", LocalizedText(vi: "Không tìm thấy văn bản số \(documentId)", en: "Document \(documentId) not found"))
        }
        let granting = try await existingUnit(input.grantingOrganizationId, field: "grantingOrganizationId", validator: &validator, on: db)
        if let granting {
            if !granting.treePath.contains(exemplar.treePath) {
                validator.add("grantingOrganizationId", LocalizedText(vi: "\(granting.name) không phải cấp của đơn vị có điển hình hoặc cấp trên của đơn vị",
                                                                      en: "\(granting.name) is neither the exemplar's unit nor above it"))
            } else if let form, let grantedOn {
                let rules = try await CommendationAuthorityRecord.query(on: db).all().map(\.rule)
                if let refusal = CommendationAuthority(rules: rules).refusal(form, by: granting.name, kind: granting.kindCode, on: grantedOn) {
                    validator.add("form", refusal)
                }
            }
            if let earlier = try await Commendation.query(on: db).filter(\.$exemplarId == id).filter(\.$grantingOrganizationId == granting.requireID()).first() {
                let decision = try await Document.find(earlier.documentId, on: db)
                let number = decision.map { "số \($0.documentNumber.symbol)" } ?? "số \(earlier.documentId)"
                validator.add("grantingOrganizationId", LocalizedText(
                    vi: "“\(exemplar.title)” đã được \(granting.name) khen thưởng (\(earlier.form.label.vi.lowercased())) theo quyết định \(number) ngày \(earlier.grantedOn.vietnamese); không khen thưởng hai lần ở cùng một cấp",
                    en: "“\(exemplar.title)” was already commended by \(granting.name) (\(earlier.form.label.en.lowercased())), decision \(number.replacingOccurrences(of: "số ", with: "")) of \(earlier.grantedOn.vietnamese); not twice at one level"))
            }
        }
        let next = step(.commend, from: exemplar.state, validator: &validator)
        try validator.throwIfInvalid()

        let commendation = Commendation()
        commendation.exemplarId = id
        commendation.form = form!
        commendation.grantingOrganizationId = granting!.requireID()
        commendation.documentId = input.documentId!
        commendation.grantedOn = grantedOn!
        try await commendation.create(on: db)
        let changed = exemplar.state != next!
        exemplar.state = next!
        try await exemplar.save(on: db)
        try await ExemplarEvent(exemplar: id, .commended, on: grantedOn!, by: actor, unit: granting!.requireID(), note: form!.label.vi).create(on: db)
        if changed { try await ExemplarTallies.refresh(chainsOf: [exemplar.organizationId], on: db) }
        return commendation
    }

    /// A committee asks units under it to replicate the exemplar: a follow-up task of origin "replication" each,
    /// which the unit's adoption report answers.
    static func requestReplication(_ id: Int, _ input: ReplicationRequestInput, by actor: String?, today: CalendarDate = .today(),
                                   on db: any Database) async throws -> [FollowUpTask] {
        let exemplar = try await ExemplarQueries.require(id, on: db)
        var validator = Validator()
        if input.issuerOrganizationId == nil {
            validator.add("issuerOrganizationId", LocalizedText(vi: "Chọn cấp giao nhân rộng", en: "Choose the issuing committee"))
        }
        if (input.organizationIds ?? []).contains(exemplar.organizationId) {
            validator.add("organizationIds", LocalizedText(vi: "Đơn vị có điển hình không tự nhân rộng điển hình của mình", en: "The exemplar's own unit does not replicate it"))
        }
        _ = step(.requestReplication, from: exemplar.state, validator: &validator)
        try validator.throwIfInvalid()
        let task = FollowUpTaskInput(organizationIds: input.organizationIds, title: "Nghiên cứu, nhân rộng \(exemplar.kind.label.vi.lowercased()) “\(exemplar.title)”",
                                     responsible: input.responsible,
                                     requiredEvidence: input.requiredEvidence ?? "Báo cáo kết quả nhân rộng (cách làm, kết quả, số liệu)", dueOn: input.dueOn)
        let source = FollowUpSource(kind: replicationOrigin, id: id, label: "Nhân rộng điển hình “\(exemplar.title)”")
        let tasks = try await FollowUpCommands.issue(task, from: source, issuer: input.issuerOrganizationId!, by: actor, today: today, on: db)
        try await ExemplarEvent(exemplar: id, .replicationRequested, on: today, by: actor, unit: input.issuerOrganizationId,
                                note: "\(tasks.count) đơn vị, hạn \(tasks.first?.dueOn.vietnamese ?? "")").create(on: db)
        return tasks
    }

    /// Another unit adopted the exemplar, with its results; its replication task, if it was asked, is reported.
    static func adopt(_ id: Int, _ input: AdoptionInput, by actor: String?, today: CalendarDate = .today(),
                      on db: any Database) async throws -> ExemplarAdoption {
        let exemplar = try await ExemplarQueries.require(id, on: db)
        var validator = Validator()
        let results = validator.requiredText(input.results, field: "results", label: LocalizedText(vi: "Kết quả nhân rộng", en: "Results"), maxLength: 4000)
        let adoptedOn = validator.optionalDate(input.adoptedOn, field: "adoptedOn", label: LocalizedText(vi: "Ngày áp dụng", en: "Adoption date")) ?? today
        if adoptedOn > today {
            validator.add("adoptedOn", LocalizedText(vi: "Ngày áp dụng không được sau hôm nay", en: "The adoption date cannot be after today"))
        }
        let unit = try await existingUnit(input.organizationId, field: "organizationId", validator: &validator, on: db)
        if let unit {
            if unit.id == exemplar.organizationId {
                validator.add("organizationId", LocalizedText(vi: "Đơn vị có điển hình không tự nhân rộng điển hình của mình", en: "The exemplar's own unit does not replicate it"))
            } else if unit.status != .active {
                validator.add("organizationId", LocalizedText(vi: "\(unit.name) đã ngừng hoạt động", en: "\(unit.name) is no longer active"))
            } else if let earlier = try await ExemplarAdoption.query(on: db).filter(\.$exemplarId == id).filter(\.$organizationId == unit.requireID()).first() {
                validator.add("organizationId", LocalizedText(vi: "\(unit.name) đã ghi nhận nhân rộng điển hình này ngày \(earlier.adoptedOn.vietnamese)",
                                                              en: "\(unit.name) already recorded adopting it on \(earlier.adoptedOn.vietnamese)"))
            }
        }
        let figures = checkFigures(input.figures, needsBefore: false, validator: &validator)
        let next = step(.adopt, from: exemplar.state, validator: &validator)
        try validator.throwIfInvalid()

        let unitId = unit!.requireID()
        let task = try await FollowUpTask.query(on: db).filter(\.$originKind == replicationOrigin).filter(\.$originId == id)
            .filter(\.$organizationId == unitId).filter(\.$state ~~ FollowUpState.awaitingOwner).first()
        let adoption = ExemplarAdoption()
        adoption.exemplarId = id
        adoption.organizationId = unitId
        adoption.organizationPath = unit!.path
        adoption.adoptedOn = adoptedOn
        adoption.results = results
        adoption.taskId = task?.id
        try await adoption.create(on: db)
        try await save(figures, exemplar: id, adoption: adoption.requireID(), on: db)
        if let task {
            _ = try await FollowUpCommands.report(task.requireID(), FollowUpReportInput(note: results, reportedOn: adoptedOn.iso), by: actor, on: db)
        }
        exemplar.state = next!
        try await exemplar.save(on: db)
        try await ExemplarEvent(exemplar: id, .adopted, on: adoptedOn, by: actor, unit: unitId, note: results).create(on: db)
        try await ExemplarTallies.refresh(chainsOf: [exemplar.organizationId, unitId], on: db)
        return adoption
    }

    /// An evidence file, stored (by content, see `DocumentFileStore`) once everything is checked.
    static func addEvidence(_ id: Int, _ input: ExemplarEvidenceInput, store: DocumentFileStore, by actor: String?, today: CalendarDate = .today(),
                            on db: any Database) async throws -> ExemplarEvidence {
        _ = try await ExemplarQueries.require(id, on: db)
        var validator = Validator()
        let details = validator.optionalText(input.description, field: "description", label: LocalizedText(vi: "Nội dung minh chứng", en: "What it shows"),
                                             maxLength: 1000)
        let file = validator.evidence(input.file, field: "file")
        if file == nil, validator.errors.allSatisfy({ $0.field != "file" }) {
            validator.add("file", LocalizedText(vi: "Chọn tệp minh chứng (PDF, DOCX, ảnh JPEG hoặc PNG)", en: "Choose the evidence file (PDF, DOCX, JPEG or PNG)"))
        }
        try validator.throwIfInvalid()
        let evidence = ExemplarEvidence()
        evidence.exemplarId = id
        evidence.details = details
        try evidence.attach(file!, in: store)
        try await evidence.create(on: db)
        try await ExemplarEvent(exemplar: id, .evidenceAdded, on: today, by: actor, unit: nil, note: file!.fileName).create(on: db)
        return evidence
    }

    /// A new version of what one kind of unit may grant, from `validFrom` on; the kind's rules in force then end the day before.
    static func addAuthorityVersion(_ input: CommendationAuthorityInput, on db: any Database) async throws -> [CommendationAuthorityRecord] {
        var validator = Validator()
        let kindCode = input.organizationKind ?? ""
        if try await OrganizationKind.find(kindCode, on: db) == nil {
            validator.add("organizationKind", LocalizedText(vi: "Không có loại tổ chức “\(kindCode)”", en: "No organisation kind “\(kindCode)”"))
        }
        let forms = (input.forms ?? []).map { CommendationForm(rawValue: $0) }
        if forms.isEmpty || forms.contains(nil) {
            validator.add("forms", LocalizedText(vi: "Chọn ít nhất một hình thức khen thưởng hợp lệ", en: "Choose at least one valid form"))
        }
        let validFrom = validator.requiredDate(input.validFrom, field: "validFrom", label: LocalizedText(vi: "Áp dụng từ ngày", en: "Valid from"))
        let existing = try await CommendationAuthorityRecord.query(on: db).filter(\.$organizationKind == kindCode).all()
        var closed: [CommendationAuthorityRule] = []
        if let validFrom {
            let authority = CommendationAuthority(rules: existing.map(\.rule))
            if let refusal = authority.versionRefusal(kind: kindCode, from: validFrom) {
                validator.add("validFrom", refusal)
            }
            closed = authority.closing(kind: kindCode, from: validFrom)
        }
        try validator.throwIfInvalid()
        for record in existing {
            if let rule = closed.first(where: { $0.form == record.form && $0.validFrom == record.validFrom }) {
                record.validTo = rule.validTo
                try await record.save(on: db)
            }
        }
        var created: [CommendationAuthorityRecord] = []
        for form in Set(forms.compactMap { $0 }).sorted(by: { $0.rawValue < $1.rawValue }) {
            let record = CommendationAuthorityRecord()
            record.organizationKind = kindCode
            record.form = form
            record.validFrom = validFrom!
            try await record.create(on: db)
            created.append(record)
        }
        return created
    }

    static func setNominationRule(_ input: ExemplarNominationRuleInput, on db: any Database) async throws -> CollectiveNominationRule {
        guard let level = input.minimumRating.flatMap(RatingLevel.init(rawValue:)) else {
            throw DomainError.invalid(field: "minimumRating", LocalizedText(vi: "Chọn mức xếp loại", en: "Choose a rating level"))
        }
        try await db.sql.raw("UPDATE exemplar_settings SET value = \(bind: level.rawValue) WHERE key = \(bind: ExemplarQueries.collectiveMinimumKey)").run()
        return CollectiveNominationRule(minimum: level)
    }

    /// A merged unit's exemplars and adoptions go on at the unit it went into, with a line in their log (an
    /// adoption the receiving unit also made stays where it was). The caller refreshes the tallies.
    static func handOver(from source: Organization, to target: Organization, on db: any Database) async throws {
        let rows = try await db.sql.raw("""
            UPDATE exemplars SET organization_id = \(bind: target.requireID()), organization_path = \(bind: target.path), updated_at = CURRENT_TIMESTAMP
            WHERE organization_id = \(bind: source.requireID()) RETURNING id
            """).all()
        for row in rows {
            try await ExemplarEvent(exemplar: try row.decode(column: "id", as: Int.self), .handedOver, on: .today(), by: nil, unit: target.requireID(),
                                    note: "\(source.name) → \(target.name)").create(on: db)
        }
        try await db.sql.raw("""
            UPDATE exemplar_adoptions SET organization_id = \(bind: target.requireID()), organization_path = \(bind: target.path)
            WHERE organization_id = \(bind: source.requireID())
              AND exemplar_id NOT IN (SELECT a.exemplar_id FROM exemplar_adoptions a WHERE a.organization_id = \(bind: target.requireID()))
            """).run()
    }

    // MARK: Checks

    private static func step(_ step: ExemplarStep, from state: ExemplarState, validator: inout Validator) -> ExemplarState? {
        switch state.after(step) {
        case .success(let next): return next
        case .failure(let refusal):
            validator.add("id", refusal.message)
            return nil
        }
    }

    private static func existingUnit(_ id: Int?, field: String, validator: inout Validator, on db: any Database) async throws -> Organization? {
        guard let id else {
            validator.add(field, LocalizedText(vi: "Chọn đơn vị", en: "Choose the unit"))
            return nil
        }
        guard let unit = try await Organization.find(id, on: db) else {
            validator.add(field, LocalizedText(vi: "Không tìm thấy tổ chức số \(id)", en: "Organisation \(id) not found"))
            return nil
        }
        return unit
    }

    /// The commitments (of members in the unit's subtree) and breakthroughs (of units in it) the exemplar grew from.
    private static func checkSources(_ input: ExemplarInput, in unit: Organization, validator: inout Validator, on db: any Database) async throws {
        for id in Set(input.commitmentIds ?? []).sorted() {
            let member = try await Commitment.find(id, on: db).asyncMap { try await Member.find($0.memberId, on: db) } ?? nil
            if member.map({ !unit.treePath.contains(TreePath(rawValue: $0.organizationPath)!) }) ?? true {
                validator.add("commitmentIds", LocalizedText(vi: "Không tìm thấy đăng ký làm theo số \(id) trong \(unit.name)",
                                                             en: "Commitment \(id) not found in \(unit.name)"))
            }
        }
        for id in Set(input.breakthroughIds ?? []).sorted() {
            let breakthrough = try await Breakthrough.find(id, on: db)
            if breakthrough.map({ !unit.treePath.contains($0.treePath) }) ?? true {
                validator.add("breakthroughIds", LocalizedText(vi: "Không tìm thấy khâu đột phá số \(id) trong \(unit.name)",
                                                               en: "Breakthrough \(id) not found in \(unit.name)"))
            }
        }
    }

    private static func checkFigures(_ inputs: [ExemplarFigureInput]?, needsBefore: Bool, validator: inout Validator) -> [ExemplarFigureInput] {
        var figures: [ExemplarFigureInput] = []
        for input in inputs ?? [] {
            let indicator = validator.requiredText(input.indicator, field: "figures", label: LocalizedText(vi: "Tên chỉ tiêu", en: "Indicator"), maxLength: 300)
            let unit = validator.optionalText(input.unit, field: "figures", label: LocalizedText(vi: "Đơn vị tính", en: "Unit"), maxLength: 50)
            let values = [input.before, input.after].compactMap { $0 }
            if input.after == nil || (needsBefore && input.before == nil) || values.contains(where: { !$0.isFinite }) {
                validator.add("figures", needsBefore
                              ? LocalizedText(vi: "Chỉ tiêu “\(indicator)” cần số liệu trước và sau", en: "Indicator “\(indicator)” needs a figure before and after")
                              : LocalizedText(vi: "Chỉ tiêu “\(indicator)” cần số liệu kết quả", en: "Indicator “\(indicator)” needs its result"))
            }
            figures.append(ExemplarFigureInput(indicator: indicator, before: input.before, after: input.after, unit: unit))
        }
        return figures
    }

    private static func save(_ figures: [ExemplarFigureInput], exemplar: Int, adoption: Int?, on db: any Database) async throws {
        for input in figures {
            let figure = ExemplarFigure()
            figure.exemplarId = exemplar
            figure.adoptionId = adoption
            figure.indicator = input.indicator!
            figure.before = input.before
            figure.after = input.after!
            figure.measureUnit = input.unit
            try await figure.create(on: db)
        }
    }

    /// Why `unit` may not be nominated as a collective on `day`: rated below the configured level in the last
    /// year period ended before it. A unit not rated then is not below.
    static func collectiveRefusal(_ unit: Organization, on day: CalendarDate, db: any Database) async throws -> LocalizedText? {
        guard let period = try await RatingPeriod.query(on: db).filter(\.$kind == .year).filter(\.$endsOn < day).sort(\.$endsOn, .descending).first() else {
            return nil
        }
        let rating = try await Rating.query(on: db).filter(\.$periodId == period.requireID()).filter(\.$memberId == nil)
            .filter(\.$organizationId == unit.requireID()).first()
        let rule = try await ExemplarQueries.nominationRule(on: db)
        return rule.refusal(unitName: unit.name, level: rating?.decidedLevel, periodTitle: period.title)
    }
}
