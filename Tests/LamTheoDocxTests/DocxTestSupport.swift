import Foundation
import Testing
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An element of a parsed part: its qualified name, attributes, children and text.
final class XMLElementNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLElementNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This element and every element below it, in document order.
    var all: [XMLElementNode] { [self] + children.flatMap(\.all) }

    func elements(named name: String) -> [XMLElementNode] { all.filter { $0.name == name } }
}

enum DocxTestPackage {
    /// The text of one part of a DOCX.
    static func part(_ path: String, of data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[path], "no part \(path)")
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A part parsed into elements (qualified names as written: "w:p").
    static func tree(_ path: String, of data: Data) throws -> XMLElementNode {
        let parser = XMLParser(data: Data(try part(path, of: data).utf8))
        let builder = TreeBuilder()
        parser.delegate = builder
        #expect(parser.parse(), "\(path): \(String(describing: parser.parserError))")
        return try #require(builder.root)
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: XMLElementNode?
        private var stack: [XMLElementNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let node = XMLElementNode(name: qualifiedName ?? elementName, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
