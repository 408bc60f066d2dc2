import LamTheoCore
import Vapor

extension Request {
    /// The language to answer in: `?lang=` first, then the `lang` cookie set by the page switch, then
    /// Accept-Language, then Vietnamese.
    public var language: UILanguage {
        if let chosen = storage[LanguageKey.self] { return chosen }
        let chosen = negotiatedLanguage
        storage[LanguageKey.self] = chosen
        return chosen
    }

    private struct LanguageKey: StorageKey {
        typealias Value = UILanguage
    }

    /// Read once per request: it is asked for by every piece of a page.
    private var negotiatedLanguage: UILanguage {
        if mayHaveQueryName("lang"), let asked = query[String.self, at: "lang"].flatMap(UILanguage.init(rawValue:)) {
            return asked
        }
        if let chosen = sentCookies[LanguageCookie.name]?.string, let language = UILanguage(rawValue: chosen) {
            return language
        }
        for entry in headers[.acceptLanguage].flatMap({ $0.split(separator: ",") }) {
            let code = entry.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if code.hasPrefix("vi") { return .vi }
            if code.hasPrefix("en") { return .en }
        }
        return .vi
    }
}

enum LanguageCookie {
    static let name = "lang"

    static func make(_ language: UILanguage) -> HTTPCookies.Value {
        HTTPCookies.Value(string: language.rawValue, maxAge: 365 * 24 * 3600, path: "/", isHTTPOnly: true, sameSite: .lax)
    }
}
