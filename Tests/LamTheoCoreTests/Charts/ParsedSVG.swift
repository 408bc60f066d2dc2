import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG read back with an XML parser: a chart must be well-formed XML (it goes into DOCX files as it is), and the
/// tests look at what a reader gets, not at the markup's spelling.
final class ParsedElement {
    let name: String
    let attributes: [String: String]
    fileprivate(set) var children: [ParsedElement] = []
    /// The text directly inside this element.
    fileprivate(set) var ownText = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This element and everything inside it, in document order.
    var all: [ParsedElement] { [self] + children.flatMap(\.all) }

    func all(_ name: String) -> [ParsedElement] { all.filter { $0.name == name } }

    func all(class className: String) -> [ParsedElement] {
        all.filter { ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(className)) }
    }

    /// The drawn words: the element's own text and its lines (`<tspan>`s) joined by spaces, without a tooltip `<title>`.
    var text: String {
        ([ownText] + children.filter { $0.name == "tspan" }.map(\.text)).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The drawn words of every `<text>` inside.
    var texts: [String] { all("text").map(\.text) }

    static func parse(_ markup: String) throws -> ParsedElement {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseFailure(description: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }

    struct ParseFailure: Error, CustomStringConvertible {
        let description: String
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: ParsedElement?
        var open: [ParsedElement] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let element = ParsedElement(name: elementName, attributes: attributes)
            if let parent = open.last {
                parent.children.append(element)
            } else {
                root = element
            }
            open.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            open.last?.ownText += string
        }
    }
}
