import Vapor

extension Request {
    /// The cookies the client sent, parsed once per request: Vapor's `cookies` parses the header each time it is read,
    /// and a page reads it for the session, the form token, the language, the flash and the last write.
    var sentCookies: HTTPCookies {
        if let parsed = storage[SentCookiesKey.self] { return parsed }
        let parsed = cookies
        storage[SentCookiesKey.self] = parsed
        return parsed
    }

    private struct SentCookiesKey: StorageKey {
        typealias Value = HTTPCookies
    }
}
