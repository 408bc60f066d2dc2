import Crypto
import Fluent
import Foundation
import LamTheoCore
import SQLKit
import Vapor

/// What a public form sends beside its own fields to show that a person filled it in: the honeypot (a field hidden
/// from people, which bots fill), the signed time token the form was served with, and the answer to the "mã bảo vệ"
/// when one was asked.
struct PublicFormProof: Codable, Sendable {
    static let honeypotField = "website", tokenField = "formToken", answerField = "challengeAnswer"

    var website: String?
    var formToken: String?
    var challengeAnswer: String?
}

/// A public form's body as sent: the feature's own fields and the guard's proof side by side, flat (a web form's fields
/// or one JSON object), so that every public form decodes and documents its proof the same way.
struct PublicFormSubmission<Input: Codable & Sendable>: Content {
    var input: Input
    var proof: PublicFormProof

    init(_ input: Input, proof: PublicFormProof) {
        self.input = input
        self.proof = proof
    }

    init(from decoder: any Decoder) throws {
        input = try Input(from: decoder)
        proof = try PublicFormProof(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try input.encode(to: encoder)
        try proof.encode(to: encoder)
    }
}

/// A public form's own fields as the API describes them; its submission's schema adds the guard's.
protocol PublicFormInput: Codable, Sendable {
    /// "FeedbackSubmission".
    static var submissionSchemaName: String { get }
    static var properties: [(String, JSONValue)] { get }
    static var required: [String] { get }
    /// Where the form token is fetched: "/site/{slug}/feedback/token".
    static var tokenPath: String { get }
}

extension PublicFormSubmission: OpenAPIDescribed where Input: PublicFormInput {
    static var schemaName: String { Input.submissionSchemaName }
    static var schema: JSONValue {
        .object(properties: Input.properties + [
            (PublicFormProof.tokenField, .string.described("From GET \(Input.tokenPath), at least 3 s and at most 2 h old")),
            (PublicFormProof.honeypotField, .string.described("Leave empty: a field only robots fill")),
            (PublicFormProof.answerField, .string.described("The answer to the token's challenge, when it named one")),
        ], required: Input.required + [PublicFormProof.tokenField])
    }
}

/// A form as served: its signed token and, when the address has sent a lot lately, the question it must answer.
struct PublicFormTicket: Sendable {
    let token: String
    /// "Nhập bằng chữ số: bốn mươi hai", or nil when no challenge is needed now.
    let challenge: LocalizedText?
}

/// A submission that passed: what to record beside the write it allows, in the same transaction.
struct PublicFormPass: Sendable {
    let form: String
    let target: String
    let address: String
    let textHash: String
}

/// The defences of a public, anonymous form (feedback, readers' comments), needing no outside service. Each refusal is
/// a clear message naming the field, and a row in `public_form_submissions` with its reason, beside a log line:
/// - a honeypot field people never see;
/// - a time token, HMAC-SHA256 over the form, its target and the second it was served (the key is one row of
///   `public_form_keys`, shared by every process): refused when sent within 3 s or after 2 h, or altered;
/// - a text "mã bảo vệ" (a number written in words, to type in digits: readable by a screen reader, no image, no
///   script) once an address has sent 3 forms in 10 minutes;
/// - limits per address (10 an hour) and per target (200 an hour), counted in the database so that every process
///   shares them;
/// - the same text from the same address within a day refused.
struct PublicFormGuard: Sendable {
    /// "feedback", "comment": the form's name, part of what its token signs.
    let form: String

    static let minimumAge: Int64 = 3
    static let maximumAge: Int64 = 2 * 60 * 60
    static let challengeWindow: Int64 = 10 * 60
    static let challengeAfter = 3
    static let addressLimit = 10
    static let targetLimit = 200
    static let duplicateWindow: Int64 = 24 * 60 * 60

    /// A fresh token for the form sent to `target`, and the challenge if the caller's address must answer one.
    func ticket(target: String, request: Request, now: Date = Date()) async throws -> PublicFormTicket {
        let key = try await Self.key(on: request.db)
        // Nothing random: a public page is the same for every reader in the same second (its token and challenge too).
        let issued = Int64(now.timeIntervalSince1970)
        let token = "\(issued).\(Self.signature("\(form)|\(target)|\(issued)", key: key))"
        let challenged = try await recentAttempts(from: Self.address(of: request), now: issued, on: request.db) >= Self.challengeAfter
        return PublicFormTicket(token: token, challenge: challenged ? Self.challenge(of: token, key: key).question : nil)
    }

    /// Checks `proof` for a submission of `text` to `target`; throws the refusal (logged) or returns what to record
    /// with the write (`record`).
    func check(_ proof: PublicFormProof, target: String, text: String, request: Request, now: Date = Date()) async throws -> PublicFormPass {
        let address = Self.address(of: request)
        let textHash = SHA256.hash(data: Data(VietnameseText.searchKey(text).utf8)).hex
        let pass = PublicFormPass(form: form, target: target, address: address, textHash: textHash)
        let at = Int64(now.timeIntervalSince1970)
        if let refusal = try await refusal(proof, pass, at: at, on: request.db) {
            request.logger.notice("public form \(form) to \(target) refused from \(address): \(refusal.reason.rawValue)")
            _ = try await request.application.writeBookkeeping { db in
                try await Self.insert(pass, outcome: refusal.reason.rawValue, at: at, on: db)
            }
            throw refusal.error
        }
        return pass
    }

    /// Records an accepted submission; called inside the write's own transaction.
    func record(_ pass: PublicFormPass, now: Date = Date(), on db: any Database) async throws {
        try await Self.insert(pass, outcome: "accepted", at: Int64(now.timeIntervalSince1970), on: db)
    }

    /// Records a refusal that is not the guard's own (an unknown tracking code), so that it counts toward the address's
    /// limit like the others.
    func recordRefusal(_ reason: String, target: String, request: Request, now: Date = Date()) async throws {
        let pass = PublicFormPass(form: form, target: target, address: Self.address(of: request), textHash: "")
        request.logger.notice("public form \(form) to \(target) refused from \(pass.address): \(reason)")
        _ = try await request.application.writeBookkeeping { db in
            try await Self.insert(pass, outcome: reason, at: Int64(now.timeIntervalSince1970), on: db)
        }
    }

    /// Whether the address has reached its hourly limit of this form (accepted or refused): for forms that only read,
    /// such as looking up a tracking code.
    func isLimited(request: Request, now: Date = Date()) async throws -> Bool {
        let at = Int64(now.timeIntervalSince1970)
        return try await count("form = \(bind: form) AND address = \(bind: Self.address(of: request)) AND at_epoch > \(bind: at - 3600)",
                               on: request.db) >= Self.addressLimit * 3
    }

    enum Reason: String, Sendable {
        case honeypot, forged, tooFast = "too-fast", expired, challenge, addressRate = "address-rate", targetRate = "target-rate", duplicate
    }

    private func refusal(_ proof: PublicFormProof, _ pass: PublicFormPass, at: Int64, on db: any Database) async throws -> (reason: Reason, error: DomainError)? {
        if !(proof.website ?? "").isEmpty {
            return (.honeypot, Self.invalid(PublicFormProof.honeypotField, vi: "Biểu mẫu có trường ẩn đã được điền: không gửi được.",
                                            en: "A hidden field of the form was filled in: it cannot be sent."))
        }
        let key = try await Self.key(on: db)
        let parts = (proof.formToken ?? "").split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let issued = Int64(parts[0]),
              SecretToken.constantTimeEqual(parts[1], Self.signature("\(form)|\(pass.target)|\(issued)", key: key)) else {
            return (.forged, Self.invalid(PublicFormProof.tokenField, vi: "Mã biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại.",
                                          en: "The form's token is not valid. Please reload the page and send it again."))
        }
        if at - issued < Self.minimumAge {
            return (.tooFast, Self.invalid(PublicFormProof.tokenField, vi: "Biểu mẫu được gửi quá nhanh. Vui lòng đợi vài giây rồi gửi lại.",
                                           en: "The form was sent too quickly. Please wait a few seconds and send it again."))
        }
        if at - issued > Self.maximumAge {
            return (.expired, Self.invalid(PublicFormProof.tokenField, vi: "Biểu mẫu đã mở quá 2 giờ. Vui lòng tải lại trang và gửi lại.",
                                           en: "The form was opened more than 2 hours ago. Please reload the page and send it again."))
        }
        let limited = DomainError(.tooManyAttempts, title: LocalizedText(
            vi: "Đã nhận quá nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau một giờ.",
            en: "Too many submissions in a short time. Please try again in an hour."), retryAfter: 3600)
        if try await count("form = \(bind: form) AND address = \(bind: pass.address) AND outcome = 'accepted' AND at_epoch > \(bind: at - 3600)", on: db) >= Self.addressLimit {
            return (.addressRate, limited)
        }
        if try await count("form = \(bind: form) AND target = \(bind: pass.target) AND outcome = 'accepted' AND at_epoch > \(bind: at - 3600)", on: db) >= Self.targetLimit {
            return (.targetRate, limited)
        }
        if try await recentAttempts(from: pass.address, now: at, on: db) >= Self.challengeAfter {
            let challenge = Self.challenge(of: proof.formToken ?? "", key: key)
            if (proof.challengeAnswer ?? "").filter({ !$0.isWhitespace }) != String(challenge.answer) {
                return (.challenge, Self.invalid(PublicFormProof.answerField, vi: "Mã bảo vệ chưa đúng: \(challenge.question.vi).",
                                                 en: "The security code is not right: \(challenge.question.en)."))
            }
        }
        if try await count("""
            form = \(bind: form) AND address = \(bind: pass.address) AND text_hash = \(bind: pass.textHash) AND outcome = 'accepted'
            AND at_epoch > \(bind: at - Self.duplicateWindow)
            """, on: db) > 0 {
            return (.duplicate, Self.invalid("content", vi: "Nội dung này đã được gửi từ trước. Không cần gửi lại.",
                                             en: "This text has been sent already. There is no need to send it again."))
        }
        return nil
    }

    /// Whether the form needs its challenge: attempts of any outcome from the address in the last ten minutes.
    private func recentAttempts(from address: String, now: Int64, on db: any Database) async throws -> Int {
        try await count("form = \(bind: form) AND address = \(bind: address) AND at_epoch > \(bind: now - Self.challengeWindow)", on: db)
    }

    private func count(_ condition: SQLQueryString, on db: any Database) async throws -> Int {
        try await db.sql.raw("SELECT COUNT(*) AS n FROM public_form_submissions WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    private static func insert(_ pass: PublicFormPass, outcome: String, at: Int64, on db: any Database) async throws {
        try await db.sql.raw("""
            INSERT INTO public_form_submissions (form, target, address, text_hash, outcome, at_epoch)
            VALUES (\(bind: pass.form), \(bind: pass.target), \(bind: pass.address), \(bind: pass.textHash), \(bind: outcome), \(bind: at))
            """).run()
    }

    private static func invalid(_ field: String, vi: String, en: String) -> DomainError {
        DomainError.invalid(field: field, LocalizedText(vi: vi, en: en))
    }

    private static func address(of request: Request) -> String {
        request.clientAddress ?? "unknown"
    }

    static func key(on db: any Database) async throws -> String {
        guard let secret = try await db.sql.raw("SELECT secret FROM public_form_keys WHERE id = 1").first()?.decode(column: "secret", as: String.self) else {
            throw Abort(.internalServerError, reason: "public_form_keys has no key (migration 037)")
        }
        return secret
    }

    private static func signature(_ text: String, key: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(key.utf8)))).hex
    }

    /// The token's challenge: a number from 10 to 99 drawn from its signature, asked in words.
    static func challenge(of token: String, key: String) -> (question: LocalizedText, answer: Int) {
        let digest = Array(HMAC<SHA256>.authenticationCode(for: Data("challenge|\(token)".utf8), using: SymmetricKey(data: Data(key.utf8))))
        let number = 10 + Int(digest[0]) % 90
        return (LocalizedText(vi: "nhập bằng chữ số: \(VietnameseNumberWords.words(number))", en: "type in digits: \(VietnameseNumberWords.words(number))"), number)
    }
}

/// Numbers from 10 to 99 in Vietnamese words, as the challenge asks them: "mười lăm", "hai mươi mốt", "bốn mươi tư".
enum VietnameseNumberWords {
    private static let digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    static func words(_ number: Int) -> String {
        let tens = number / 10, units = number % 10
        let head = tens == 1 ? "mười" : "\(digits[tens]) mươi"
        switch units {
        case 0: return head
        case 1: return tens == 1 ? "mười một" : "\(head) mốt"
        case 4: return tens == 1 ? "mười bốn" : "\(head) tư"
        case 5: return "\(head) lăm"
        default: return "\(head) \(digits[units])"
        }
    }
}
