import Foundation

/// The few pieces of SVG markup the charts write: elements with ordered attributes (the same chart gives the same bytes),
/// escaped text, and coordinates to a tenth of a unit.
enum SVGMarkup {
    /// `<name a="1" b="2">content</name>`, or `<name a="1"/>` with no content. Attributes whose value is nil are left
    /// out; values are escaped, content is markup already.
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ content: String = "") -> String {
        var markup = "<" + name
        for case let (attribute, value?) in attributes {
            markup += " \(attribute)=\"\(escaped(value))\""
        }
        return content.isEmpty ? markup + "/>" : markup + ">" + content + "</" + name + ">"
    }

    /// Text for between tags or inside a double-quoted attribute: `& < > " '` as entities, and the control characters
    /// XML 1.0 forbids (which a pasted unit name can carry) left out, so that the SVG always parses.
    static func escaped(_ text: String) -> String {
        // Most values (numbers, colours, ids, names) need nothing done: returned as they are. 0xEF leads 0xFFFE and 0xFFFF.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0xEF || Self.entityBytes.contains($0) }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `& < > " '`, which `escaped` writes as entities.
    private static let entityBytes: Set<UInt8> = [UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'")]

    /// A coordinate or length rounded to a tenth, "12.5", "12", "-3.2": short and the same on every machine.
    static func number(_ value: Double) -> String {
        let tenths = value.isFinite ? Int((value * 10).rounded()) : 0
        let magnitude = tenths.magnitude
        let sign = tenths < 0 ? "-" : ""
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
