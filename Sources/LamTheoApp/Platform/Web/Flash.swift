import Crypto
import Foundation
import LamTheoCore
import Vapor

/// A one-time note on the page a successful form lands on ("Đã lưu điểm danh 33 đảng viên").
///
/// It crosses the redirect in a cookie signed with the browser's session secret, so no other site, and no
/// other browser, can plant a message; the page that shows it clears it. Without a session there is no
/// note (the sign-in form has its own messages).
struct FlashMiddleware: AsyncMiddleware {
    static let cookieName = "lamtheo_flash"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // A public page neither shows nor clears a note: it sets no cookie.
        if request.ignoresCaller { return try await next.respond(to: request) }
        let arriving = request.sentCookies[Self.cookieName]?.string
        if let arriving, let key = request.flashKey {
            request.storage[IncomingKey.self] = Self.open(arriving, key: key)
        }
        let response = try await next.respond(to: request)
        if let note = request.storage[OutgoingKey.self], let key = request.flashKey {
            response.cookies[Self.cookieName] = cookie(Self.seal(note, key: key), request: request)
        } else if arriving != nil, request.storage[ShownKey.self] == true || request.storage[IncomingKey.self] == nil {
            // Shown, or not ours to show (forged, or from an ended session): gone either way.
            response.cookies[Self.cookieName] = cookie("", request: request, expired: true)
        }
        return response
    }

    private func cookie(_ value: String, request: Request, expired: Bool = false) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, expires: expired ? Date(timeIntervalSince1970: 0) : nil, maxAge: expired ? 0 : 300, path: "/",
                          isSecure: request.application.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    /// `base64url(JSON).base64url(HMAC)`.
    static func seal(_ note: LocalizedText, key: SymmetricKey) -> String {
        let payload = (try? JSONEncoder().encode(note)) ?? Data()
        let signature = Data(HMAC<SHA256>.authenticationCode(for: payload, using: key))
        return payload.base64URL + "." + signature.base64URL
    }

    static func open(_ sealed: String, key: SymmetricKey) -> LocalizedText? {
        let parts = sealed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Data(base64URL: String(parts[0])), let signature = Data(base64URL: String(parts[1])),
              HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: payload, using: key)
        else { return nil }
        return try? JSONDecoder().decode(LocalizedText.self, from: payload)
    }

    fileprivate struct IncomingKey: StorageKey { typealias Value = LocalizedText }
    fileprivate struct OutgoingKey: StorageKey { typealias Value = LocalizedText }
    fileprivate struct ShownKey: StorageKey { typealias Value = Bool }
}

extension Request {
    /// Leaves `note` for the next page this browser sees (normally the one the redirect that follows leads to).
    func flash(_ note: LocalizedText) {
        storage[FlashMiddleware.OutgoingKey.self] = note
    }

    /// A redirect after a successful form, with its note: "see other", so that a reload does not post again.
    func redirect(to location: String, flash note: LocalizedText) -> Response {
        flash(note)
        return redirect(to: location, redirectType: .normal)
    }

    /// The note left by the previous request, once: reading it marks it shown, and the response clears it.
    func takeFlash() -> LocalizedText? {
        guard let note = storage[FlashMiddleware.IncomingKey.self] else { return nil }
        storage[FlashMiddleware.ShownKey.self] = true
        return note
    }

    /// The signed-in browser's session secret, under a label of its own.
    fileprivate var flashKey: SymmetricKey? {
        guard actor != nil, let secret = sentCookies[Cookies.session]?.string else { return nil }
        return SymmetricKey(data: SHA256.hash(data: Data(("lamtheo-flash:" + secret).utf8)))
    }
}

private extension Data {
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
