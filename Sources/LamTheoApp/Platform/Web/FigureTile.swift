import LamTheoCore
import Plot

/// A headline number with its caption, linking to the rows it counts when there is a link.
func figureTile(_ title: LocalizedText, _ value: String, link: String?, note: String? = nil, language: UILanguage) -> Node<HTML.BodyContext> {
    .div(.class("figure"), .span(.class("muted"), .text(title(language))),
         .unwrap(link, { .a(.href($0), .strong(.text(value))) }, else: .strong(.text(value))),
         .unwrap(note) { .span(.class("muted"), .text($0)) })
}
