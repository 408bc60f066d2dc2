/// HTML that went through `HTMLSanitizer`: the one kind of markup a public page takes as it is. Only the sanitizer
/// makes one.
public struct SanitizedHTML: Sendable, Equatable {
    public let html: String

    fileprivate init(_ html: String) {
        self.html = html
    }
}

/// Editors' HTML reduced to an allow-list, so that an article's body cannot carry a script, an event handler, a style,
/// a frame or a link to `javascript:`: the elements p, h2, h3, ul, ol, li, strong, em, br, a, img, blockquote, figure and
/// figcaption; `href` on a link (http, https or a relative address, never `//host`); `src` and `alt` on an image, whose
/// source the caller must accept (an upload of the same site). Anything else is dropped: an unknown element's tags go
/// and its text stays, except in elements whose content is code or hidden (script, style, iframe, svg…), which go
/// whole. Text and attribute values are decoded and escaped again, and every element opened is closed.
public enum HTMLSanitizer {
    static let allowed: Set<String> = ["p", "h2", "h3", "ul", "ol", "li", "strong", "em", "br", "a", "img", "blockquote", "figure", "figcaption"]
    static let void: Set<String> = ["br", "img"]
    /// Elements dropped with everything inside them.
    static let droppedWhole: Set<String> = ["script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "title",
                                            "svg", "math", "select", "frameset", "frame", "noembed", "noframes", "xmp", "head"]
    /// Elements after which plain text takes a space, so that words of two paragraphs do not run together.
    static let blocks: Set<String> = ["p", "h2", "h3", "ul", "ol", "li", "br", "blockquote", "figure", "figcaption", "div", "h1", "h4", "tr", "td"]

    /// - Parameter acceptsImage: whether an image's source (decoded) may be shown: the caller's own uploads only.
    public static func sanitize(_ html: String, acceptsImage: (String) -> Bool) -> SanitizedHTML {
        var output = ""
        var open: [String] = []
        for token in tokens(html) {
            switch token {
            case .text(let text):
                output += escape(text, quotes: false)
            case .start(let name, let attributes):
                guard allowed.contains(name) else { continue }
                var kept: [(String, String)] = []
                switch name {
                case "a":
                    if let href = attributes.first(where: { $0.name == "href" })?.value, let safe = safeLink(href) {
                        kept.append(("href", safe))
                        if safe.lowercased().hasPrefix("http") { kept.append(("rel", "nofollow noopener")) }
                    }
                case "img":
                    guard let source = attributes.first(where: { $0.name == "src" })?.value.filter({ !$0.isWhitespace }), acceptsImage(source) else { continue }
                    kept.append(("src", source))
                    kept.append(("alt", attributes.first { $0.name == "alt" }?.value ?? ""))
                default:
                    break
                }
                output += "<" + name + kept.map { " \($0.0)=\"\(escape($0.1, quotes: true))\"" }.joined() + ">"
                if !void.contains(name) { open.append(name) }
            case .end(let name):
                guard let index = open.lastIndex(of: name) else { continue }
                for element in open[index...].reversed() { output += "</\(element)>" }
                open.removeSubrange(index...)
            }
        }
        for element in open.reversed() { output += "</\(element)>" }
        return SanitizedHTML(output)
    }

    /// The text of some HTML, as a reader sees it: no tags, entities decoded, whitespace collapsed. For search keys and
    /// descriptions.
    public static func plainText(_ html: String) -> String {
        var text = ""
        for token in tokens(html) {
            switch token {
            case .text(let words): text += words
            case .start(let name, _), .end(let name): if blocks.contains(name) { text += " " }
            }
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The link as written when it is http, https or relative to this site; nil otherwise. Browsers ignore tabs and line
    /// breaks inside an address and read a backslash as a slash, so those are judged as the browser would.
    static func safeLink(_ raw: String) -> String? {
        let link = String(raw.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        guard !link.isEmpty else { return nil }
        let normalized = link.replacingOccurrences(of: "\\", with: "/")
        if let colon = normalized.firstIndex(of: ":"),
           !normalized[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            let scheme = normalized[..<colon].lowercased()
            return scheme == "http" || scheme == "https" ? link : nil
        }
        return normalized.hasPrefix("//") ? nil : link
    }

    static func escape(_ text: String, quotes: Bool) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"" where quotes: escaped += "&quot;"
            case "'" where quotes: escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    // MARK: Reading HTML

    enum Token: Equatable {
        case text(String)
        /// A start tag: its lowercase name and its attributes (lowercase names, decoded values), in order.
        case start(String, [Attribute])
        case end(String)
    }

    struct Attribute: Equatable {
        let name: String
        let value: String

        init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The HTML as text runs and tags, the way a browser splits it closely enough for an allow-list: comments,
    /// doctypes and processing instructions go, a `<` that opens no tag is text, and the content of an element
    /// dropped whole is skipped up to its end tag.
    static func tokens(_ html: String) -> [Token] {
        let characters = Array(html.unicodeScalars.filter { $0 != "\0" })
        var tokens: [Token] = []
        var text = ""
        var index = 0

        func flush() {
            if !text.isEmpty { tokens.append(.text(decodeEntities(text))) }
            text = ""
        }
        func find(_ needle: String, from start: Int) -> Int? {
            let pattern = Array(needle.unicodeScalars)
            var position = start
            while position + pattern.count <= characters.count {
                if (0..<pattern.count).allSatisfy({ lowercased(characters[position + $0]) == pattern[$0] }) { return position }
                position += 1
            }
            return nil
        }

        while index < characters.count {
            let scalar = characters[index]
            guard scalar == "<" else {
                text.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            if next == "!" || next == "?" {
                flush()
                if find("<!--", from: index) == index {
                    index = (find("-->", from: index + 4).map { $0 + 3 }) ?? characters.count
                } else {
                    index = (find(">", from: index).map { $0 + 1 }) ?? characters.count
                }
                continue
            }
            let closing = next == "/"
            let nameStart = closing ? index + 2 : index + 1
            guard nameStart < characters.count, isASCIILetter(characters[nameStart]) else {
                text.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            flush()
            var position = nameStart
            var name = ""
            while position < characters.count, !isSpace(characters[position]), characters[position] != "/", characters[position] != ">" {
                name.unicodeScalars.append(lowercased(characters[position]))
                position += 1
            }
            var attributes: [Attribute] = []
            // Attributes, up to the tag's end.
            while position < characters.count, characters[position] != ">" {
                if isSpace(characters[position]) || characters[position] == "/" {
                    position += 1
                    continue
                }
                var attributeName = ""
                while position < characters.count, !isSpace(characters[position]), !["/", ">", "="].contains(characters[position]) {
                    attributeName.unicodeScalars.append(lowercased(characters[position]))
                    position += 1
                }
                while position < characters.count, isSpace(characters[position]) { position += 1 }
                var value = ""
                if position < characters.count, characters[position] == "=" {
                    position += 1
                    while position < characters.count, isSpace(characters[position]) { position += 1 }
                    if position < characters.count, characters[position] == "\"" || characters[position] == "'" {
                        let quote = characters[position]
                        position += 1
                        while position < characters.count, characters[position] != quote {
                            value.unicodeScalars.append(characters[position])
                            position += 1
                        }
                        position += 1
                    } else {
                        while position < characters.count, !isSpace(characters[position]), characters[position] != ">" {
                            value.unicodeScalars.append(characters[position])
                            position += 1
                        }
                    }
                }
                if !attributeName.isEmpty { attributes.append(Attribute(attributeName, decodeEntities(value))) }
            }
            index = position + 1
            if closing {
                tokens.append(.end(name))
            } else if droppedWhole.contains(name) {
                index = find("</" + name, from: index).flatMap { find(">", from: $0) }.map { $0 + 1 } ?? characters.count
            } else {
                tokens.append(.start(name, attributes))
            }
        }
        flush()
        return tokens
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
    }

    private static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    static let namedEntities: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]

    /// `&amp;`, `&#58;`, `&#x3A;` and the few named entities editors' tools write, decoded; anything else left as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            let body = after.prefix { $0.isLetter || $0.isNumber || $0 == "#" }.prefix(10)
            var decoded: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else {
                decoded = namedEntities[String(body)]
            }
            if let decoded, decoded != "\0" {
                result += decoded
                var end = after.index(after.startIndex, offsetBy: body.count)
                if end < after.endIndex, after[end] == ";" { end = after.index(after: end) }
                rest = after[end...]
            } else {
                result += "&"
                rest = after
            }
        }
        return result + rest
    }
}
