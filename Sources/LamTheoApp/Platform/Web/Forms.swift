import LamTheoCore
import Plot
import Vapor

/// Labelled, keyboard-usable form fields with their error messages, shared by every feature's forms.
struct FormFields {
    let language: UILanguage
    let errors: [FieldError]
    /// The anti-forgery token every POST form carries (see `CSRFMiddleware`).
    let csrfToken: String

    init(_ request: Request, errors: [FieldError] = []) {
        language = request.language
        self.errors = errors
        csrfToken = request.csrfToken
    }

    /// A POST form: always with the anti-forgery token, so that no form can forget it.
    func postForm(_ action: String, _ nodes: Node<HTML.FormContext>...) -> Node<HTML.BodyContext> {
        .form(.class("stack"), .method(.post), .action(action),
              .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
              .group(nodes))
    }

    func errors(for field: String) -> [String] {
        errors.filter { $0.field == field }.map { $0.message(language) }
    }

    /// The list at the top of a refused form, each message linking to its field.
    var summary: Node<HTML.BodyContext> {
        .if(!errors.isEmpty, .div(
            .class("errors"), .attribute(named: "role", value: "alert"),
            .p(.strong(.text(LocalizedText(vi: "Chưa lưu được, vui lòng sửa:", en: "Not saved yet, please correct:")(language)))),
            .ul(.forEach(errors) { error in .li(.a(.href("#\(error.field)"), .text(error.message(language)))) })
        ))
    }

    /// - Parameter named: the submitted field name, when two forms on one page share it (the id stays unique).
    func text(_ name: String, _ label: LocalizedText, value: String?, required: Bool = false, type: HTMLInputType = .text,
              hint: LocalizedText? = nil, autocomplete: String? = nil, named: String? = nil) -> Node<HTML.FormContext> {
        let messages = errors(for: name)
        return .div(
            .label(.for(name), .text(label(language) + (required ? " *" : ""))),
            .unwrap(hint) { .p(.class("muted"), .id("\(name)-hint"), .text($0(language))) },
            .input(.id(name), .name(named ?? name), .type(type), .value(value ?? ""), .required(required),
                   .attribute(named: "autocomplete", value: autocomplete ?? "off"),
                   .attribute(named: "aria-invalid", value: messages.isEmpty ? nil : "true"),
                   .attribute(named: "aria-describedby", value: hint == nil ? nil : "\(name)-hint")),
            .forEach(messages) { .p(.class("field-error"), .text($0)) }
        )
    }

    func select(_ name: String, _ label: LocalizedText, options: [(value: String, title: String)], selected: String?,
                required: Bool = false, named: String? = nil) -> Node<HTML.FormContext> {
        let messages = errors(for: name)
        return .div(
            .label(.for(name), .text(label(language) + (required ? " *" : ""))),
            .element(named: "select", nodes: [
                .attribute(named: "id", value: name), .attribute(named: "name", value: named ?? name),
                .attribute(named: "aria-invalid", value: messages.isEmpty ? nil : "true"),
                .forEach(options) { option in
                    .element(named: "option", nodes: [
                        .attribute(named: "value", value: option.value),
                        .attribute(named: "selected", value: option.value == selected ? "selected" : nil),
                        .text(option.title),
                    ])
                },
            ]),
            .forEach(messages) { .p(.class("field-error"), .text($0)) }
        )
    }

    /// A one-button POST form, for actions such as revoking a role or signing out.
    func postButton(_ action: String, _ title: LocalizedText) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(action),
              .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
              .button(.type(.submit), .class("secondary"), .text(title(language))))
    }

    func submit(_ title: LocalizedText) -> Node<HTML.FormContext> {
        .div(.class("actions"), .button(.type(.submit), .text(title(language))))
    }
}

extension KeyedDecodingContainer {
    /// An optional whole number from JSON (a number) or from a form (text, blank when the field was left
    /// empty): blank is nil, other text that is not a number is a decoding error naming the field.
    func decodeOptionalInteger(forKey key: Key) throws -> Int? {
        if let number = try? decodeIfPresent(Int.self, forKey: key) { return number }
        guard let text = try decodeIfPresent(String.self, forKey: key)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let number = Int(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a whole number")
        }
        return number
    }
}
