import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// What a citizen sends: the topic, the content, files, how to answer them and whether the answer may be published.
/// From the public form (multipart, `attachments[]`) or the API (JSON, each file `{"filename", "data": base64}`).
struct FeedbackInput: Codable, Sendable {
    var topic: String?
    var topicOther: String?
    var content: String?
    var senderName: String?
    var senderAddress: String?
    var senderPhone: String?
    var senderEmail: String?
    var consentsToPublish: Bool?
    var attachments: [File]?
}

struct FeedbackForwardInput: Codable, Sendable {
    var organizationId: Int?
    var note: String?
}

struct FeedbackAnswerInput: Codable, Sendable {
    var answer: String?
}

struct FeedbackRejectionInput: Codable, Sendable {
    var reason: String?
}

struct FeedbackSettingInput: Codable, Sendable {
    var answerDays: Int?
}

/// The life of a feedback item. Every command is one write of the caller's transaction and logs a dated event.
enum FeedbackCommands {
    /// Without a committee's own setting, feedback is answered within 15 days.
    static let defaultAnswerDays = 15
    static let maximumAttachments = 3
    static let maximumAttachmentSize = 5 * 1024 * 1024
    /// A request with every file at its largest and the form, base64 in JSON taking a third more.
    static let uploadLimit: ByteCount = "24mb"

    static let topicLabel = LocalizedText(vi: "Lĩnh vực", en: "Topic")
    static let contentLabel = LocalizedText(vi: "Nội dung ý kiến, kiến nghị", en: "Your opinion or petition")

    /// A feedback item sent to the committee `site`, with the tracking code `code`; its files saved in `store` after
    /// every check. Its deadline is the committee's setting (or the nearest one above), counted from `today`.
    static func submit(_ input: FeedbackInput, to site: Organization, code: String, store: DocumentFileStore, today: CalendarDate = .today(),
                       on db: any Database) async throws -> Feedback {
        var validator = Validator()
        let topic = FeedbackTopic(rawValue: input.topic ?? "")
        if topic == nil {
            validator.add("topic", LocalizedText(vi: "Chọn lĩnh vực của ý kiến", en: "Choose the topic"))
        }
        let topicOther = validator.optionalText(input.topicOther, field: "topicOther", label: LocalizedText(vi: "Lĩnh vực khác", en: "Other topic"), maxLength: 200)
        if topic == .other, topicOther == nil {
            validator.add("topicOther", LocalizedText(vi: "Ghi rõ lĩnh vực khác", en: "Say what the other topic is"))
        }
        let content = validator.requiredText(input.content, field: "content", label: contentLabel, maxLength: 10_000)
        let name = validator.optionalText(input.senderName, field: "senderName", label: LocalizedText(vi: "Họ và tên", en: "Name"), maxLength: 200)
        let address = validator.optionalText(input.senderAddress, field: "senderAddress", label: LocalizedText(vi: "Địa chỉ", en: "Address"), maxLength: 300)
        let phone = validator.optionalText(input.senderPhone, field: "senderPhone", label: LocalizedText(vi: "Số điện thoại", en: "Phone"), maxLength: 20)
        if let phone, !isPhoneNumber(phone) {
            validator.add("senderPhone", LocalizedText(vi: "Số điện thoại gồm 8 đến 15 chữ số (có thể có +, dấu cách, dấu chấm), ví dụ 0903 123 456",
                                                       en: "A phone number has 8 to 15 digits (+, spaces and dots allowed), e.g. 0903 123 456"))
        }
        let email = validator.optionalText(input.senderEmail, field: "senderEmail", label: LocalizedText(vi: "Thư điện tử", en: "E-mail"), maxLength: 254)
        if let email, !MailAddress.isValid(email) {
            validator.add("senderEmail", LocalizedText(vi: "Thư điện tử không đúng dạng, ví dụ ten@example.vn", en: "Not an e-mail address, e.g. name@example.vn"))
        }
        if phone == nil, email == nil, address == nil {
            validator.add("senderPhone", LocalizedText(vi: "Cho biết ít nhất một cách để trả lời bạn: số điện thoại, thư điện tử hoặc địa chỉ",
                                                       en: "Give at least one way to answer you: phone, e-mail or address"))
        }
        let files = checkedAttachments(input.attachments ?? [], validator: &validator)
        try validator.throwIfInvalid()

        let feedback = Feedback()
        feedback.code = code
        feedback.siteOrganizationId = site.requireID()
        feedback.organizationId = site.requireID()
        feedback.organizationPath = site.path
        feedback.topic = topic!
        feedback.topicOther = topic == .other ? topicOther : nil
        feedback.content = content
        feedback.senderName = name
        feedback.senderAddress = address
        feedback.senderPhone = phone
        feedback.senderEmail = email
        feedback.consentsToPublish = input.consentsToPublish ?? false
        feedback.state = .received
        feedback.receivedOn = today
        feedback.answerDueOn = today.adding(days: try await answerDays(at: site, on: db))
        try await feedback.create(on: db)
        try await FeedbackTallies.record(from: nil, to: FeedbackTallies.entry(of: feedback), on: db)
        let id = feedback.requireID()
        for file in files {
            let attachment = FeedbackAttachment()
            attachment.feedbackId = id
            attachment.fileKey = try store.save(file.data)
            attachment.fileName = file.fileName
            attachment.mediaType = file.type.mediaType
            attachment.size = file.data.count
            try await attachment.create(on: db)
        }
        try await FeedbackEvent(id, .received, on: today, by: nil).create(on: db)
        return feedback
    }

    /// Up to `maximumAttachments` files of `maximumAttachmentSize` each, PDF, DOCX, JPEG or PNG by their content.
    /// An empty part (a form sent with no file chosen) is no file.
    private static func checkedAttachments(_ files: [File], validator: inout LamTheoCore.Validator) -> [CheckedAttachment] {
        let sent = files.filter { $0.data.readableBytes > 0 || !$0.filename.isEmpty }
        if sent.count > maximumAttachments {
            validator.add("attachments", LocalizedText(vi: "Đính kèm tối đa \(maximumAttachments) tệp (đã chọn \(sent.count))",
                                                       en: "At most \(maximumAttachments) files (\(sent.count) chosen)"))
            return []
        }
        return sent.compactMap { file in
            if file.data.readableBytes > maximumAttachmentSize {
                validator.add("attachments", LocalizedText(vi: "Tệp \(file.filename) lớn quá \(maximumAttachmentSize / 1_048_576) MB",
                                                           en: "\(file.filename) is larger than \(maximumAttachmentSize / 1_048_576) MB"))
                return nil
            }
            return validator.attachment(named: file.filename, Data(buffer: file.data), field: "attachments", accepting: AttachmentType.evidence)
        }
    }

    /// 8 to 15 digits, with an optional leading + and spaces, dots or hyphens between them.
    static func isPhoneNumber(_ text: String) -> Bool {
        let digits = text.filter(\.isASCII).filter(\.isNumber).count
        let allowed = text.enumerated().allSatisfy { index, character in
            (character.isASCII && character.isNumber) || " .-".contains(character) || (character == "+" && index == 0)
        }
        return allowed && (8...15).contains(digits)
    }

    static func acknowledge(_ id: Int, by actor: String?, today: CalendarDate = .today(), on db: any Database) async throws -> Feedback {
        let feedback = try await FeedbackQueries.require(id, on: db)
        guard feedback.state == .received else {
            throw DomainError.invalid(field: "id", LocalizedText(vi: "Chỉ xác nhận được ý kiến vừa tiếp nhận (hiện: \(feedback.state.label.vi))",
                                                                 en: "Only newly received feedback can be acknowledged (now: \(feedback.state.label.en))"))
        }
        feedback.state = .acknowledged
        try await feedback.save(on: db)
        try await FeedbackEvent(id, .acknowledged, on: today, by: actor).create(on: db)
        return feedback
    }

    /// Hands the item to a unit under the one responsible now (recorded in the log); the deadline stays the sender's.
    static func forward(_ id: Int, _ input: FeedbackForwardInput, by actor: String?, today: CalendarDate = .today(),
                        on db: any Database) async throws -> Feedback {
        let feedback = try await FeedbackQueries.require(id, on: db)
        var validator = Validator()
        let note = validator.optionalText(input.note, field: "note", label: LocalizedText(vi: "Ghi chú khi chuyển", en: "Note"), maxLength: 1000)
        var target: Organization?
        if let unitId = input.organizationId {
            target = try await Organization.find(unitId, on: db)
            if let unit = target {
                if !(feedback.treePath.contains(unit.treePath) && unit.path != feedback.organizationPath) {
                    validator.add("organizationId", LocalizedText(vi: "\(unit.name) không trực thuộc đơn vị đang giải quyết: chỉ chuyển xuống đơn vị cấp dưới",
                                                                  en: "\(unit.name) is not under the unit responsible: feedback is forwarded down the tree"))
                } else if unit.status != .active {
                    validator.add("organizationId", LocalizedText(vi: "\(unit.name) đã ngừng hoạt động", en: "\(unit.name) is no longer active"))
                }
            } else {
                validator.add("organizationId", LocalizedText(vi: "Không tìm thấy tổ chức số \(unitId)", en: "Organisation \(unitId) not found"))
            }
        } else {
            validator.add("organizationId", LocalizedText(vi: "Chọn đơn vị nhận để giải quyết", en: "Choose the unit to forward to"))
        }
        requireOpen(feedback, validator: &validator)
        try validator.throwIfInvalid()
        let counted = FeedbackTallies.entry(of: feedback)
        feedback.organizationId = target!.requireID()
        feedback.organizationPath = target!.path
        feedback.state = .forwarded
        try await feedback.save(on: db)
        try await FeedbackTallies.record(from: counted, to: FeedbackTallies.entry(of: feedback), on: db)
        try await FeedbackEvent(id, .forwarded, on: today, by: actor, unit: feedback.organizationId, note: note).create(on: db)
        return feedback
    }

    static func answer(_ id: Int, _ input: FeedbackAnswerInput, by actor: String?, today: CalendarDate = .today(),
                       on db: any Database) async throws -> Feedback {
        try await settle(id, as: .answered, input.answer, field: "answer", label: LocalizedText(vi: "Nội dung trả lời", en: "Answer"),
                         maxLength: 10_000, by: actor, today: today, on: db)
    }

    static func reject(_ id: Int, _ input: FeedbackRejectionInput, by actor: String?, today: CalendarDate = .today(),
                       on db: any Database) async throws -> Feedback {
        try await settle(id, as: .rejected, input.reason, field: "reason", label: LocalizedText(vi: "Lý do không thụ lý", en: "Reason"),
                         maxLength: 2000, by: actor, today: today, on: db)
    }

    /// An open item settled today: answered with `text`, or rejected with `text` as the reason (which its log keeps too).
    private static func settle(_ id: Int, as state: FeedbackState, _ raw: String?, field: String, label: LocalizedText, maxLength: Int,
                               by actor: String?, today: CalendarDate, on db: any Database) async throws -> Feedback {
        let feedback = try await FeedbackQueries.require(id, on: db)
        var validator = Validator()
        let text = validator.requiredText(raw, field: field, label: label, maxLength: maxLength)
        requireOpen(feedback, validator: &validator)
        try validator.throwIfInvalid()
        let rejected = state == .rejected
        let counted = FeedbackTallies.entry(of: feedback)
        if rejected { feedback.rejectionReason = text } else { feedback.answer = text }
        feedback.answeredOn = today
        feedback.state = state
        try await feedback.save(on: db)
        try await FeedbackTallies.record(from: counted, to: FeedbackTallies.entry(of: feedback), on: db)
        try await FeedbackEvent(id, rejected ? .rejected : .answered, on: today, by: actor, note: rejected ? text : nil).create(on: db)
        return feedback
    }

    /// Shows the answer on the tracking page: only an answered item whose sender agreed.
    static func publish(_ id: Int, by actor: String?, today: CalendarDate = .today(), on db: any Database) async throws -> Feedback {
        let feedback = try await FeedbackQueries.require(id, on: db)
        var validator = Validator()
        if feedback.state != .answered {
            validator.add("id", LocalizedText(vi: "Chỉ công khai được ý kiến đã trả lời (hiện: \(feedback.state.label.vi))",
                                              en: "Only answered feedback can be published (now: \(feedback.state.label.en))"))
        } else if !feedback.consentsToPublish {
            validator.add("id", LocalizedText(vi: "Người gửi không đồng ý công khai nội dung trả lời", en: "The sender did not agree to the answer being published"))
        }
        try validator.throwIfInvalid()
        feedback.state = .published
        feedback.publishedOn = today
        try await feedback.save(on: db)
        try await FeedbackEvent(id, .published, on: today, by: actor).create(on: db)
        return feedback
    }

    /// The sender's contact details and files go, at their request; the record, its log and its figures stay. Returns
    /// the files' keys, for the caller to remove once the transaction has committed.
    static func eraseContact(_ id: Int, by actor: String?, today: CalendarDate = .today(), on db: any Database) async throws -> [String] {
        let feedback = try await FeedbackQueries.require(id, on: db)
        guard feedback.contactErasedOn == nil else {
            throw DomainError.invalid(field: "id", LocalizedText(vi: "Thông tin liên hệ đã được xóa ngày \(feedback.contactErasedOn!.vietnamese)",
                                                                 en: "The contact details were erased on \(feedback.contactErasedOn!.vietnamese)"))
        }
        let attachments = try await FeedbackAttachment.query(on: db).filter(\.$feedbackId == id).all()
        try await FeedbackAttachment.query(on: db).filter(\.$feedbackId == id).delete()
        feedback.senderName = nil
        feedback.senderAddress = nil
        feedback.senderPhone = nil
        feedback.senderEmail = nil
        feedback.contactErasedOn = today
        try await feedback.save(on: db)
        try await FeedbackEvent(id, .contactErased, on: today, by: actor).create(on: db)
        return attachments.map(\.fileKey)
    }

    /// A merged unit's open items go on at the unit it went into, each with a line in its log; the deadline stays the
    /// sender's. The caller recounts the figures (`FeedbackTreeFollower`).
    static func handOver(from source: Organization, to target: Organization, on db: any Database) async throws {
        let rows = try await db.sql.raw("""
            UPDATE feedback SET organization_id = \(bind: target.requireID()), organization_path = \(bind: target.path), updated_at = CURRENT_TIMESTAMP
            WHERE organization_id = \(bind: source.requireID()) AND state IN (\(binds: FeedbackState.open.map(\.rawValue)))
            RETURNING id
            """).all()
        for row in rows {
            try await FeedbackEvent(try row.decode(column: "id", as: Int.self), .forwarded, on: .today(), by: nil, unit: target.requireID(),
                                    note: "\(source.name) → \(target.name)").create(on: db)
        }
    }

    /// A committee's answer deadline for feedback in its subtree, in days (1 to 90).
    static func setAnswerDays(at unit: Organization, _ input: FeedbackSettingInput, on db: any Database) async throws -> FeedbackSetting {
        guard let days = input.answerDays, (1...90).contains(days) else {
            throw DomainError.invalid(field: "answerDays", LocalizedText(vi: "Thời hạn trả lời từ 1 đến 90 ngày", en: "The answer deadline is 1 to 90 days"))
        }
        let setting = try await FeedbackSetting.find(unit.requireID(), on: db) ?? FeedbackSetting()
        setting.id = unit.requireID()
        setting.answerDays = days
        try await setting.save(on: db)
        return setting
    }

    /// The setting of the unit or the nearest unit above it that has one; the default otherwise.
    static func answerDays(at unit: Organization, on db: any Database) async throws -> Int {
        let chain = unit.treePath.ids
        let settings = try await FeedbackSetting.query(on: db).filter(\.$id ~~ chain).all()
        let days = Dictionary(uniqueKeysWithValues: settings.compactMap { setting in setting.id.map { ($0, setting.answerDays) } })
        return chain.reversed().lazy.compactMap { days[$0] }.first ?? defaultAnswerDays
    }

    private static func requireOpen(_ feedback: Feedback, validator: inout LamTheoCore.Validator) {
        if !feedback.state.isOpen {
            validator.add("id", LocalizedText(vi: "Ý kiến này đã được giải quyết (\(feedback.state.label.vi))", en: "This feedback is settled (\(feedback.state.label.en))"))
        }
    }
}
