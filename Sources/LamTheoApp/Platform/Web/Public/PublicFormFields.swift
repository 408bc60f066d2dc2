import LamTheoCore
import Plot

/// The guard's part of a public form (feedback, a reader's comment), written once for every form that uses it.
extension PublicFormTicket {
    /// The signed token the form was served with, and the honeypot: a field people never see and robots fill.
    var hiddenFields: Node<HTML.FormContext> {
        .group(
            .input(.type(.hidden), .name(PublicFormProof.tokenField), .value(token)),
            .div(.attribute(named: "hidden", value: "hidden"),
                 .label(.for(PublicFormProof.honeypotField), .text("Trang web")),
                 .input(.id(PublicFormProof.honeypotField), .name(PublicFormProof.honeypotField), .type(.text), .value(""),
                        .attribute(named: "tabindex", value: "-1"), .attribute(named: "autocomplete", value: "off"))))
    }

    /// The "mã bảo vệ" to answer, when the address has sent several forms lately; nothing otherwise.
    func challengeField(_ fields: FormFields) -> Node<HTML.FormContext> {
        .unwrap(challenge) { challenge in
            fields.text(PublicFormProof.answerField, LocalizedText(vi: "Mã bảo vệ: \(challenge.vi)", en: "Security code: \(challenge.en)"),
                        value: nil, required: true, type: .text, autocomplete: "off")
        }
    }
}
