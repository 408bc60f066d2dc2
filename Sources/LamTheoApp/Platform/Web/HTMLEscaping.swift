import LamTheoCore
import Plot

/// Plot writes attribute values as they are (`value="x"><script>…"` breaks out of the attribute) and its
/// text escaping keeps anything that looks like an entity (`&quot;` typed by a user is shown as `"`).
/// So every Plot builder that puts a string into a page is declared again here, with the same signature:
/// Swift prefers a module's own declaration over an imported one of the same signature, so every page of
/// LamTheo writes through these and none can forget to escape. `HTMLEscapingTests` renders each of them
/// with hostile values, and checks that no source file builds an attribute or raw markup around them.
enum HTMLEscaping {
    /// For a double-quoted attribute value.
    static func attribute(_ value: String) -> String {
        escape(value, quotes: true)
    }

    /// For text between tags.
    static func text(_ value: String) -> String {
        escape(value, quotes: false)
    }

    private static func escape(_ value: String, quotes: Bool) -> String {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && ($0 == 0x22 || $0 == 0x27)) }) else {
            return value
        }
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
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
}

// MARK: - The roots: text, custom attributes and elements

extension Node {
    static func text(_ text: String) -> Node {
        .raw(HTMLEscaping.text(text))
    }

    static func element(named name: String, text: String) -> Node {
        .element(named: name, nodes: [.text(text)])
    }

    static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
        .attribute(Attribute(name: name, value: value.map(HTMLEscaping.attribute), ignoreIfValueIsEmpty: ignoreIfValueIsEmpty))
    }
}

extension Attribute {
    static func attribute(named name: String, value: String?) -> Self {
        Attribute(name: name, value: value.map(HTMLEscaping.attribute))
    }
}

// MARK: - Plot's named builders that take a string

extension Attribute where Context: HTMLContext {
    static func id(_ id: String) -> Attribute { .attribute(named: "id", value: id) }
    static func `class`(_ className: String) -> Attribute { .attribute(named: "class", value: className) }
    static func data(named name: String, value: String) -> Attribute { .attribute(named: "data-\(name)", value: value) }
    static func title(_ title: String) -> Attribute { .attribute(named: "title", value: title) }
}

extension Node where Context: HTMLContext {
    static func id(_ id: String) -> Node { .attribute(named: "id", value: id) }
    static func `class`(_ className: String) -> Node { .attribute(named: "class", value: className) }
    static func data(named name: String, value: String) -> Node { .attribute(named: "data-\(name)", value: value) }
    static func title(_ title: String) -> Node { .attribute(named: "title", value: title) }
}

extension Attribute where Context: HTMLNamableContext {
    static func name(_ name: String) -> Attribute { .attribute(named: "name", value: name) }
}

extension Node where Context: HTMLNamableContext {
    static func name(_ name: String) -> Node { .attribute(named: "name", value: name) }
}

extension Attribute where Context: HTMLTypeContext {
    static func type(_ type: String) -> Attribute { .attribute(named: "type", value: type) }
}

extension Attribute where Context: HTMLValueContext {
    static func value(_ value: String) -> Attribute { .attribute(named: "value", value: value) }
}

extension Node where Context: HTMLValueContext {
    static func value(_ value: String) -> Node { .attribute(named: "value", value: value) }
}

extension Attribute where Context: HTMLLinkableContext {
    static func href(_ url: URLRepresentable) -> Attribute { .attribute(named: "href", value: url.description) }
}

extension Node where Context: HTMLLinkableContext {
    static func href(_ url: URLRepresentable) -> Node { .attribute(named: "href", value: url.description) }
}

extension Attribute where Context: HTMLSourceContext {
    static func src(_ url: URLRepresentable) -> Attribute { .attribute(named: "src", value: url.description) }
}

extension Node where Context: HTMLSourceContext {
    static func src(_ url: URLRepresentable) -> Node { .attribute(named: "src", value: url.description) }
}

extension Node where Context == HTML.TimeContext {
    static func datetime(_ datetime: String) -> Node { .attribute(named: "datetime", value: datetime) }
}

extension Node where Context == HTML.FormContext {
    static func action(_ url: URLRepresentable) -> Node { .attribute(named: "action", value: url.description) }
}

extension Node where Context == HTML.LabelContext {
    static func `for`(_ target: String) -> Node { .attribute(named: "for", value: target) }
}

extension Attribute where Context == HTML.InputContext {
    static func placeholder(_ placeholder: String) -> Attribute { .attribute(named: "placeholder", value: placeholder) }
}

extension Node where Context == HTML.TextAreaContext {
    static func placeholder(_ placeholder: String) -> Node { .attribute(named: "placeholder", value: placeholder) }
}

extension Attribute where Context == HTML.OptionContext {
    static func label(_ label: String) -> Attribute { .attribute(named: "label", value: label) }
}

extension Node where Context: HTMLStylableContext {
    static func style(_ css: String) -> Node { .attribute(named: "style", value: css) }
}

extension Attribute where Context == HTML.MetaContext {
    static func content(_ content: String) -> Attribute { .attribute(named: "content", value: content) }
    static func property(_ property: String) -> Attribute { .attribute(named: "property", value: property) }
}

extension Attribute where Context == HTML.ImageContext {
    static func alt(_ text: String) -> Attribute { .attribute(named: "alt", value: text) }
}

extension Node where Context: HTML.BodyContext {
    static func ariaLabel(_ label: String) -> Node { .attribute(named: "aria-label", value: label) }
    static func ariaControls(_ child: String) -> Node { .attribute(named: "aria-controls", value: child) }
}

extension Node where Context == HTML.HeadContext {
    /// The page's title, for the browser only (Plot's own also writes social-sharing tags, which a
    /// signed-in application has no use for).
    static func title(_ title: String) -> Node { .element(named: "title", text: title) }
}

// MARK: - Charts

extension Node where Context == HTML.BodyContext {
    /// A chart of `LamTheoCore/Charts`, whose SVG escapes every text it is given (its tests check a unit named
    /// `<script>`): the one markup a page takes as it is, besides the breakthroughs' progress line.
    static func chart(_ chart: some Chart, id: String, language: UILanguage) -> Node {
        .raw(chart.svg(id: id, language: language))
    }
}

// MARK: - Editors' HTML

extension Node where Context == HTML.BodyContext {
    /// An article's body as `HTMLSanitizer` left it (an allow-list of elements and attributes, every text and value
    /// escaped again): the one markup besides the charts a page takes as it is.
    static func sanitized(_ html: SanitizedHTML) -> Node {
        .raw(html.html)
    }
}

/// Markup Plot has already written, through the builders above, kept to be put back into a page unchanged (a dashboard
/// drawn once for many readers). It is made from a node, never from a string, so it holds nothing unescaped.
struct RenderedHTML: Sendable {
    private let markup: String

    init(_ node: Node<HTML.BodyContext>) {
        markup = node.render()
    }

    var node: Node<HTML.BodyContext> {
        .raw(markup)
    }

    /// The markup, to be written out as it is.
    var html: String {
        markup
    }
}
