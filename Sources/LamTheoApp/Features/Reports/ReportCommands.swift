import Fluent
import Foundation
import LamTheoCore
import LamTheoDocx
import Vapor

/// A new report, as the form or the API sends it.
struct ReportInput: Codable, Sendable {
    var organizationId: Int?
    /// `interim` or `final`.
    var kind: String?
    /// The figures' day, `dd/MM/yyyy` or ISO; today when blank.
    var day: String?
    /// `month`, `quarter`, `half-year` or `year`; the month when blank.
    var period: String?
    /// For a campaign's result report (`kind` campaign): a campaign that covers the unit.
    var campaignId: Int?
}

/// Changes to a draft: each field left out stays as it is.
struct ReportChanges: Codable, Sendable {
    var subject: String?
    var place: String?
    var superiorBody: String?
    var issuingBody: String?
    var authority: String?
    var signerTitle: String?
    var signerName: String?
    var recipients: [String]?
    /// By part (`situation`, `study`…); a part left out keeps its text.
    var narratives: [String: String]?
}

/// The register's number for the report and its date: what issuing it needs.
struct ReportIssueInput: Codable, Sendable {
    /// "12-BC/ĐU".
    var symbol: String?
    /// Today when blank.
    var issuedOn: String?
}

/// The writes on reports. Like every command they check first and throw `DomainError` without writing; callers run
/// them inside an audited write.
enum ReportCommands {
    /// A draft of `unit`'s report, waiting for its figures (`compose`, on the job runner: a national subtree takes a
    /// while). The header and signature start from the tree: the unit issues it, its parent is the superior body.
    static func create(_ input: ReportInput, unit: Organization, createdBy: Int?, today: CalendarDate = .today(), on db: any Database) async throws -> Report {
        var validator = Validator()
        let kind = ReportKind(rawValue: input.kind ?? "")
        validator.check(kind != nil, "kind", LocalizedText(vi: "Loại báo cáo phải là interim (sơ kết), final (tổng kết) hoặc campaign (kết quả một đợt)",
                                                           en: "The kind must be interim, final or campaign"))
        let day = validator.optionalDate(input.day, field: "day", label: LocalizedText(vi: "Số liệu đến ngày", en: "Figures as of")) ?? today
        validator.check(day <= today, "day", LocalizedText(vi: "Ngày lấy số liệu không được sau hôm nay (\(today.vietnamese))",
                                                            en: "The figures' day cannot be after today (\(today.vietnamese))"))
        let period = (input.period?.isEmpty ?? true) ? ReportingPeriod.month : ReportingPeriod(rawValue: input.period ?? "")
        validator.check(period != nil, "period", LocalizedText(vi: "Kỳ phải là month, quarter, half-year hoặc year",
                                                               en: "The period must be month, quarter, half-year or year"))
        validator.check(unit.status == .active, "organizationId", LocalizedText(vi: "Đơn vị đã giải thể hoặc sáp nhập", en: "The unit is no longer active"))
        var campaign: Campaign?
        if kind == .campaign {
            campaign = try await input.campaignId.asyncMap { try await Campaign.find($0, on: db) } ?? nil
            // A campaign covers its launching unit's subtree: the unit reports on one launched at or above it.
            validator.check(campaign.map { unit.treePath.ids.contains($0.organizationId) } ?? false, "campaignId", LocalizedText(
                vi: "Chọn một đợt triển khai của đơn vị hoặc cấp trên", en: "Choose a campaign launched by the unit or above it"))
        } else {
            validator.check(input.campaignId == nil, "campaignId", LocalizedText(vi: "Chỉ báo cáo kết quả một đợt mới chọn đợt",
                                                                                 en: "Only a campaign result report names a campaign"))
        }
        try validator.throwIfInvalid()

        let parent = try await unit.parentId.asyncMap { try await Organization.find($0, on: db) } ?? nil
        let report = Report()
        report.organizationId = unit.requireID()
        report.kind = kind!
        report.day = day
        report.period = period!
        report.campaignId = campaign?.id
        report.status = .composing
        report.subject = ReportDraft.subject(kind: kind!, period: period!, day: day, campaignTitle: campaign?.title)
        report.place = ""
        // The format's pair: the party organisation above (a ward's city; at the top, the unit's own đảng bộ), then the
        // committee that issues.
        report.superiorBody = (parent ?? unit).name.uppercased()
        report.issuingBody = PartyBodies.issuingBody(ofUnitNamed: unit.name)
        report.authority = PartyBodies.authority(ofUnitNamed: unit.name)
        report.signerTitle = "BÍ THƯ"
        report.signerName = ""
        report.recipients = [parent.map { "\($0.name)," }, "Lưu Văn phòng."].compactMap { $0 }
        report.narratives = [:]
        report.createdBy = createdBy
        try await report.create(on: db)
        return report
    }

    /// Stores the figures gathered (`ReportQueries.gather`, the job's work, read outside the write): they replace the
    /// former ones; the author's text stays, and parts never written start from the figures.
    static func compose(_ id: Int, _ gathered: ReportQueries.Gathered, on db: any Database) async throws -> Report {
        let report = try await ReportQueries.require(id, on: db)
        let figures = gathered.figures
        let childCount = gathered.childCount
        report.figures = figures
        report.narratives = ReportDraft.narratives(figures: figures, childCount: childCount).merging(report.narratives) { _, written in written }
        report.status = .draft
        report.jobId = nil
        try await report.save(on: db)
        return report
    }

    /// Marks the draft as waiting for `jobId` to gather its figures again.
    static func recompose(_ id: Int, jobId: String, on db: any Database) async throws -> Report {
        let report = try await ReportQueries.require(id, on: db)
        report.status = .composing
        report.jobId = jobId
        try await report.save(on: db)
        return report
    }

    static func update(_ id: Int, _ changes: ReportChanges, on db: any Database) async throws -> Report {
        let report = try await ReportQueries.require(id, on: db)
        var validator = Validator()
        func text(_ raw: String?, _ field: String, _ label: LocalizedText, required: Bool = false, maxLength: Int = 255) -> String? {
            guard let raw else { return nil }
            return required ? validator.requiredText(raw, field: field, label: label, maxLength: maxLength)
                            : validator.optionalText(raw, field: field, label: label, maxLength: maxLength) ?? ""
        }
        let subject = changes.subject.map { validator.lines($0, field: "subject", label: LocalizedText(vi: "Trích yếu", en: "Subject"), maxLength: 500) }
        if subject?.isEmpty == true {
            validator.add("subject", LocalizedText(vi: "Trích yếu không được để trống", en: "Subject must not be empty"))
        }
        let place = text(changes.place, "place", LocalizedText(vi: "Địa danh", en: "Place"), maxLength: 100)
        let superior = text(changes.superiorBody, "superiorBody", LocalizedText(vi: "Cơ quan cấp trên", en: "Superior body"))
        let issuing = text(changes.issuingBody, "issuingBody", LocalizedText(vi: "Cơ quan ban hành", en: "Issuing body"), required: true)
        let authority = text(changes.authority, "authority", LocalizedText(vi: "Thẩm quyền ký", en: "Signing authority"), required: true, maxLength: 100)
        let signerTitle = text(changes.signerTitle, "signerTitle", LocalizedText(vi: "Chức vụ người ký", en: "Signer's title"), required: true, maxLength: 100)
        let signerName = text(changes.signerName, "signerName", LocalizedText(vi: "Người ký", en: "Signer"), maxLength: 100)
        let recipients = changes.recipients.map { lines in
            lines.enumerated().compactMap { index, line in
                validator.optionalText(line, field: "recipients", label: LocalizedText(vi: "Nơi nhận, dòng \(index + 1)", en: "Recipients, line \(index + 1)"))
            }
        }
        validator.check((recipients?.count ?? 0) <= 50, "recipients", LocalizedText(vi: "Nơi nhận có nhiều nhất 50 dòng", en: "At most 50 recipient lines"))
        var narratives = report.narratives
        for (key, value) in changes.narratives ?? [:] {
            guard let part = ReportPart(rawValue: key) else {
                validator.add("narratives", LocalizedText(vi: "Không có phần báo cáo “\(key)”", en: "There is no report part “\(key)”"))
                continue
            }
            narratives[part] = validator.lines(value, field: "narratives.\(key)", label: LocalizedText(vi: part.heading, en: part.heading), maxLength: 20_000)
        }
        try validator.throwIfInvalid()
        subject.map { report.subject = $0 }
        place.map { report.place = $0 }
        superior.map { report.superiorBody = $0 }
        issuing.map { report.issuingBody = $0 }
        authority.map { report.authority = $0 }
        signerTitle.map { report.signerTitle = $0 }
        signerName.map { report.signerName = $0 }
        recipients.map { report.recipients = $0 }
        report.narratives = narratives
        try await report.save(on: db)
        return report
    }

    /// Issues the draft as it stands: registers it as the unit's document of type BC with `input.symbol`, renders the
    /// DOCX (by the format in force on the day issued) and the XLSX annex, stores both and records the version. A
    /// second issue of the same report is a new version with a new number (a corrected report is a new document).
    static func issue(_ id: Int, _ input: ReportIssueInput, by actor: String, store: DocumentFileStore, today: CalendarDate = .today(),
                      on db: any Database) async throws -> ReportVersion {
        let report = try await ReportQueries.require(id, on: db)
        guard report.status == .draft, let figures = report.figures else {
            throw DomainError.conflict(field: "id", LocalizedText(vi: "Báo cáo chưa có số liệu: chờ tổng hợp xong rồi ban hành",
                                                                 en: "The report has no figures yet: wait until they are gathered"))
        }
        var validator = Validator()
        validator.check(!report.place.isEmpty, "place", LocalizedText(vi: "Nhập địa danh (vd. TP. Hồ Chí Minh) trước khi ban hành",
                                                                      en: "Enter the place (e.g. TP. Hồ Chí Minh) before issuing"))
        validator.check(!report.signerName.isEmpty, "signerName", LocalizedText(vi: "Nhập họ tên người ký trước khi ban hành",
                                                                                en: "Enter the signer's name before issuing"))
        let narratives = report.narratives
        for part in ReportDraft.requiredParts where (narratives[part] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            validator.add("narratives.\(part.rawValue)", LocalizedText(vi: "Phần “\(part.heading)” chưa có nội dung", en: "The part “\(part.heading)” is empty"))
        }
        try validator.throwIfInvalid()

        let document = try await DocumentCommands.register(
            DocumentInput(symbol: input.symbol, title: "Báo cáo " + report.subject.replacingOccurrences(of: "\n", with: " ").lowercasedFirst,
                          issuedOn: (input.issuedOn?.isEmpty ?? true) ? today.iso : input.issuedOn, organizationId: report.organizationId), on: db)
        guard document.typeCode == "BC" else {
            throw DomainError.invalid(field: "symbol", LocalizedText(vi: "Báo cáo là văn bản loại BC, ví dụ 12-BC/ĐU (không phải \(document.typeCode))",
                                                                    en: "A report is of type BC, e.g. 12-BC/ĐU (not \(document.typeCode))"))
        }
        let party = ReportDraft.document(report, outline: ReportDraft.outline(narratives: narratives, figures: figures),
                                         numberAndSymbol: document.symbol, date: document.issuedOn)
        let format = PartyDocumentFormat.inForce(on: party.date)
        let docx = try party.docx(format: format)
        let attachment = try await DocumentCommands.attach(to: document.requireID(), fileName: "\(document.symbol.replacingOccurrences(of: "/", with: "-")).docx",
                                                           data: docx, store: store, on: db)
        let xlsx = try ReportAnnex.xlsx(figures)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys

        let version = ReportVersion()
        version.reportId = id
        version.version = (try await ReportVersion.query(on: db).filter(\.$reportId == id).max(\.$version) ?? 0) + 1
        version.documentId = document.requireID()
        version.format = format.identifier
        version.content = String(decoding: try encoder.encode(party), as: UTF8.self)
        version.docxKey = attachment.storageKey
        version.docxSize = docx.count
        version.xlsxKey = try store.save(xlsx)
        version.xlsxSize = xlsx.count
        version.issuedBy = actor
        version.issuedAt = Date()
        try await version.create(on: db)
        return version
    }
}

/// Gathering a report's figures in the background.
enum ReportJobs {
    struct Payload: Codable {
        let reportId: Int
    }

    static let compose = JobKind(name: "reports.compose", title: LocalizedText(vi: "Tổng hợp số liệu báo cáo", en: "Gather a report's figures"),
                                 run: { context in
        let payload = try context.payload(as: Payload.self)
        // A step for each read of the figures (the children, each source, the history), one for the write.
        let steps = DashboardShow.Query.steps + 1
        try await context.progress(done: 0, total: steps)
        // Read first, then a short write: a national subtree's figures are never read while holding the write turn.
        let gathered = try await ReportQueries.gather(try await ReportQueries.require(payload.reportId, on: context.app.db), on: context.app.db) {
            try await context.progress(done: $0, total: steps)
        }
        let report = try await context.app.writeBookkeeping { try await ReportCommands.compose(payload.reportId, gathered, on: $0) }
        try await context.progress(done: steps, total: steps)
        return JobOutcome(summary: LocalizedText(vi: "Đã tổng hợp số liệu báo cáo: \(report.subject)", en: "Figures gathered for: \(report.subject)"))
    }, ended: { context, state in
        // Given up (failed, cancelled, interrupted too often): the draft says so instead of waiting for ever.
        guard state != .succeeded, let payload = try? context.payload(as: Payload.self) else { return }
        _ = try? await context.app.writeBookkeeping { db in
            guard let report = try await Report.find(payload.reportId, on: db), report.status == .composing else { return }
            report.status = .failed
            try await report.save(on: db)
        }
    })

    /// Queues the gathering of `reportId`'s figures inside the caller's write, so the job exists only if the draft does
    /// (the caller wakes the runner once the write is kept).
    static func enqueue(_ reportId: Int, owner: Int?, on db: any Database) async throws -> String {
        let payload = try JSONEncoder().encode(Payload(reportId: reportId))
        guard let id = try await JobQueue.enqueue(kind: compose.name, payload: payload, owner: owner, on: db) else {
            throw DomainError.conflict(field: "id", LocalizedText(vi: "Số liệu của báo cáo đang được tổng hợp", en: "The report's figures are being gathered"))
        }
        return id
    }
}

extension LamTheoCore.Validator {
    /// Text of several lines, one paragraph each (a report's part, its subject): each line checked like `optionalText`,
    /// blank lines dropped, "\r\n" from a browser's text area read as a line break; at most `maxLength` characters.
    mutating func lines(_ raw: String, field: String, label: LocalizedText, maxLength: Int) -> String {
        let lines = raw.split(whereSeparator: \.isNewline).enumerated().compactMap { index, line in
            optionalText(String(line), field: field, label: LocalizedText(vi: "\(label.vi), dòng \(index + 1)", en: "\(label.en), line \(index + 1)"),
                         maxLength: maxLength)
        }
        let text = lines.joined(separator: "\n")
        if text.count > maxLength {
            add(field, LocalizedText(vi: "\(label.vi) dài quá \(maxLength) ký tự", en: "\(label.en) is longer than \(maxLength) characters"))
        }
        return text
    }
}
