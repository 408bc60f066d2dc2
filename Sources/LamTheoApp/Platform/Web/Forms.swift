import Foundation
import LamTheoCore
import Plot
import Vapor

/// Labelled, keyboard-usable form fields with their error messages, shared by every feature's forms.
struct FormFields {
    let language: UILanguage
    let errors: [FieldError]
    /// The anti-forgery token every POST form carries (see `CSRFMiddleware`).
    let csrfToken: String
    /// What a refused form sent, by submitted name, shown again in its fields instead of the values given
    /// (see `refilled(from:form:)`); empty on a fresh page.
    var sent: [String: String] = [:]

    /// - Parameter language: a page in one language whatever the reader's (the public sites are in Vietnamese); the
    ///   request's otherwise.
    init(_ request: Request, errors: [FieldError] = [], language: UILanguage? = nil) {
        self.language = language ?? request.language
        self.errors = errors
        csrfToken = request.csrfToken
    }

    /// A POST form: always with the anti-forgery token, so that no form can forget it.
    func postForm(_ action: String, _ nodes: Node<HTML.FormContext>...) -> Node<HTML.BodyContext> {
        .form(.class("stack"), .method(.post), .action(action),
              .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
              .group(nodes))
    }

    /// These fields holding what `refused` sent, when it was the form called `form` (the name a page gives
    /// each of its forms, usually its action): a page with several forms shows the typed values again only
    /// in the one that was refused.
    func refilled(from refused: RefusedForm?, form: String) -> FormFields {
        var fields = self
        fields.sent = refused?.form == form ? refused?.values ?? [:] : [:]
        return fields
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
            .input(.id(name), .name(named ?? name), .type(type), .value(type == .file ? "" : sent[named ?? name] ?? value ?? ""), .required(required),
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
                        .attribute(named: "selected", value: option.value == (sent[named ?? name] ?? selected) ? "selected" : nil),
                        .text(option.title),
                    ])
                },
            ]),
            .forEach(messages) { .p(.class("field-error"), .text($0)) }
        )
    }

    /// A text area with its label and messages, holding what a refused form sent.
    func textArea(_ name: String, _ label: LocalizedText, value: String?, rows: Int = 4, named: String? = nil) -> Node<HTML.FormContext> {
        let messages = errors(for: name)
        return .div(
            .label(.for(name), .text(label(language))),
            .textarea(.id(name), .name(named ?? name), .rows(rows), .text(sent[named ?? name] ?? value ?? ""),
                      .attribute(named: "aria-invalid", value: messages.isEmpty ? nil : "true")),
            .forEach(messages) { .p(.class("field-error"), .text($0)) }
        )
    }

    /// A checkbox sending "true" when ticked (and nothing otherwise), so that it decodes as an optional Bool; a
    /// refused form shows it as it was sent.
    func checkbox(_ name: String, _ label: LocalizedText, checked: Bool) -> Node<HTML.FormContext> {
        let ticked = sent.isEmpty ? checked : sent[name] == "true"
        return .div(.class("choice"),
                    .input(.type(.checkbox), .id(name), .name(name), .value("true"), .attribute(named: "checked", value: ticked ? "checked" : nil)),
                    .label(.for(name), .text(label(language))),
                    .forEach(errors(for: name)) { .p(.class("field-error"), .text($0)) })
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

/// A form that was refused, to be shown again as typed: which of the page's forms it was and what each
/// field held, by submitted name. Built from the handler's own decoded form, so that only the fields it
/// reads come back (a file is never sent back).
struct RefusedForm: Sendable {
    let form: String
    let values: [String: String]

    init(form: String, values: [String: String]) {
        self.form = form
        self.values = values
    }

    /// The text and whole-number fields of `sent` (a decoded form struct), by their coding keys.
    init(form: String, _ sent: some Encodable) {
        let fields = (try? JSONEncoder().encode(sent)).flatMap { try? JSONDecoder().decode([String: Scalar].self, from: $0) } ?? [:]
        self.init(form: form, values: fields.compactMapValues(\.text))
    }

    /// One field as JSON has it: text, or a whole number as text; anything else (a file, a list) is not sent back.
    private struct Scalar: Decodable {
        let text: String?

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            text = (try? value.decode(String.self)) ?? (try? value.decode(Int.self)).map(String.init)
        }
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
