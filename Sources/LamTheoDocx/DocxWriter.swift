import Foundation
import ZIPFoundation

/// Writes a `DocxDocument` as a Word document (DOCX) that Word and LibreOffice open without a repair prompt.
///
/// How the file is made, and why:
/// - **Element order is the schema's.** Word refuses (with a "repair" prompt) children in an order ECMA-376 does not
///   allow, where LibreOffice is lenient: so `w:pPr` is written keepNext, pageBreakBefore, pBdr, spacing, ind, jc,
///   rPr; `w:rPr` b, i, caps, sz, szCs, u; `w:tblPr` tblW, tblBorders, tblLayout, tblCellMar; `w:sectPr` the footer
///   references, pgSz, pgMar, titlePg — and `w:sectPr` is the body's last child. A table cell always holds a
///   paragraph, and a body that would end with a table gets a 1-pt empty paragraph after it, as Word itself writes.
/// - **Fonts and sizes come from the document defaults** (`w:docDefaults` in styles.xml: the font for every script,
///   the size, the language); runs only say where they differ. The paragraph mark takes its runs' size when they
///   share one, so an empty or short last line is not taller than its text.
/// - **Pictures are SVG.** Word 2016 and later read the SVG from the `asvg:svgBlip` extension of `a:blip`; Office's
///   own files point the main `a:blip` at a PNG copy for older readers, but a PNG needs an SVG renderer, which Swift
///   on Linux does not have without another package. LibreOffice 7.4 ignores the extension and reads only the main
///   blip — and draws an SVG there as vectors (checked: its PDF has the chart's text). So both point at the one
///   SVG part: vectors in Word 2016+ and LibreOffice; Word 2013 and older show an empty frame.
/// - The page number is a `PAGE` field in the footer; when `onFirstPage` is false the first page gets an empty
///   footer of its own (`w:titlePg`).
/// - Text: "&", "<", ">" escaped; control characters other than tab and line breaks dropped, as are U+FFFE and
///   U+FFFF; "\n", "\r\n" and "\r" are line breaks (`w:br`), "\t" a tab (`w:tab`); spaces kept (`xml:space`).
/// - **The same input gives the same bytes**: the created date is passed in (core properties and every ZIP entry's
///   date, which ZIPFoundation writes in UTC), parts are written in a fixed order, and nothing else varies.
/// - Parts: `[Content_Types].xml`, `_rels/.rels`, `docProps/core.xml` (title, creator "LamTheo"), `docProps/app.xml`,
///   `word/document.xml`, `word/_rels/document.xml.rels`, `word/styles.xml`, `word/settings.xml` (compatibility
///   mode 15, so Word does not open it in compatibility mode), `word/footerN.xml`, `word/media/imageN.svg`; deflated.
public enum DocxWriter {
    public static func write(_ document: DocxDocument) throws -> Data {
        var body = DocxBodyWriter()
        let documentXML = body.document(document)
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ bytes: [UInt8]) throws {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 modificationDate: document.created, compressionMethod: .deflate) { position, size in
                let start = Int(position)
                return Data(bytes[start..<min(bytes.count, start + size)])
            }
        }
        try add("[Content_Types].xml", contentTypes(footers: body.footers.count))
        try add("_rels/.rels", packageRelationships())
        try add("docProps/core.xml", coreProperties(title: document.title, created: document.created))
        try add("docProps/app.xml", appProperties())
        try add("word/document.xml", documentXML)
        try add("word/_rels/document.xml.rels", body.relationships())
        try add("word/styles.xml", styles(document))
        try add("word/settings.xml", settings())
        for (index, footer) in body.footers.enumerated() {
            try add("word/footer\(index + 1).xml", footer)
        }
        for (index, image) in body.images.enumerated() {
            try add("word/media/image\(index + 1).svg", Array(image.utf8))
        }
        guard let data = archive.data else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "the in-memory ZIP has no data"])
        }
        return data
    }

    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let relationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    private static func contentTypes(footers: Int) -> [UInt8] {
        var xml = DocxXML()
        xml.markup("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>"
            + "<Override PartName=\"/word/document.xml\" ContentType=\""
            + "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
            + "<Override PartName=\"/word/styles.xml\" ContentType=\""
            + "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
            + "<Override PartName=\"/word/settings.xml\" ContentType=\""
            + "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>")
        for index in 0..<footers {
            xml.markup("<Override PartName=\"/word/footer\(index + 1).xml\" ContentType=\""
                + "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>")
        }
        xml.markup("<Override PartName=\"/docProps/core.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            + "<Override PartName=\"/docProps/app.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>")
        return xml.bytes
    }

    private static func packageRelationships() -> [UInt8] {
        var xml = DocxXML()
        xml.markup("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationshipTypes)officeDocument\" Target=\"word/document.xml\"/>"
            + "<Relationship Id=\"rId2\" "
            + "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
            + "Target=\"docProps/core.xml\"/>"
            + "<Relationship Id=\"rId3\" Type=\"\(relationshipTypes)extended-properties\" Target=\"docProps/app.xml\"/>"
            + "</Relationships>")
        return xml.bytes
    }

    private static func coreProperties(title: String, created: Date) -> [UInt8] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let stamp = formatter.string(from: created)
        var xml = DocxXML()
        xml.markup("<cp:coreProperties "
            + "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>")
        xml.text(title)
        xml.markup("</dc:title><dc:creator>LamTheo</dc:creator><cp:lastModifiedBy>LamTheo</cp:lastModifiedBy>"
            + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(stamp)</dcterms:created>"
            + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(stamp)</dcterms:modified></cp:coreProperties>")
        return xml.bytes
    }

    private static func appProperties() -> [UInt8] {
        var xml = DocxXML()
        xml.markup("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
            + "<Application>LamTheo</Application><DocSecurity>0</DocSecurity></Properties>")
        return xml.bytes
    }

    /// The document defaults (font for every script, size, language) and the four styles Word expects to exist.
    private static func styles(_ document: DocxDocument) -> [UInt8] {
        let size = DocxBodyWriter.halfPoints(document.fontSize)
        var xml = DocxXML()
        xml.markup("<w:styles xmlns:w=\"\(wordNamespace)\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts")
        for slot in ["w:ascii", "w:eastAsia", "w:hAnsi", "w:cs"] {
            xml.attribute(slot, document.fontName)
        }
        xml.markup("/><w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/><w:lang")
        xml.attribute("w:val", document.language)
        xml.attribute("w:eastAsia", document.language)
        xml.attribute("w:bidi", "ar-SA")
        xml.markup("/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            + "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
            + "<w:qFormat/></w:style>"
            + "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
            + "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
            + "<w:unhideWhenUsed/></w:style>"
            + "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
            + "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>"
            + "<w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
            + "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
            + "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
            + "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>"
            + "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style></w:styles>")
        return xml.bytes
    }

    private static func settings() -> [UInt8] {
        var xml = DocxXML()
        xml.markup("<w:settings xmlns:w=\"\(wordNamespace)\"><w:defaultTabStop w:val=\"720\"/>"
            + "<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting "
            + "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
            + "</w:compat></w:settings>")
        return xml.bytes
    }
}

/// Writes `word/document.xml` and collects what it refers to: footers, images and their relationships.
struct DocxBodyWriter {
    private(set) var footers: [[UInt8]] = []
    private(set) var images: [String] = []
    /// Relationship ids from the document part: rId1 styles, rId2 settings, then footers and images in order.
    private var relationshipTargets: [(type: String, target: String)] = [("styles", "styles.xml"),
                                                                         ("settings", "settings.xml")]

    static func halfPoints(_ points: Double) -> Int { Int((points * 2).rounded()) }

    mutating func document(_ document: DocxDocument) -> [UInt8] {
        var xml = DocxXML()
        xml.markup("<w:document xmlns:w=\"\(DocxWriter.wordNamespace)\" "
            + "xmlns:r=\"\(DocxWriter.relationshipsNamespace)\" "
            + "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><w:body>")
        for block in document.body {
            switch block {
            case .paragraph(let paragraph): write(paragraph, to: &xml)
            case .table(let table): write(table, to: &xml)
            }
        }
        if case .table = document.body.last {
            write(DocxParagraph([DocxRun("", size: 1)]), to: &xml)
        }
        xml.markup("<w:sectPr>")
        if let numbers = document.pageNumbers {
            let number = DocxParagraph([DocxRun(content: .pageNumber, size: numbers.size)],
                                       alignment: numbers.alignment)
            xml.markup("<w:footerReference w:type=\"default\" r:id=\"\(addFooter(number))\"/>")
            if !numbers.onFirstPage {
                let empty = DocxParagraph([DocxRun("", size: numbers.size)])
                xml.markup("<w:footerReference w:type=\"first\" r:id=\"\(addFooter(empty))\"/>")
            }
        }
        let page = document.page
        xml.markup("<w:pgSz w:w=\"\(page.width.twips)\" w:h=\"\(page.height.twips)\"/>"
            + "<w:pgMar w:top=\"\(page.top.twips)\" w:right=\"\(page.right.twips)\" w:bottom=\"\(page.bottom.twips)\" "
            + "w:left=\"\(page.left.twips)\" w:header=\"720\" w:footer=\"\(page.footerDistance.twips)\" w:gutter=\"0\"/>")
        if let numbers = document.pageNumbers, !numbers.onFirstPage {
            xml.markup("<w:titlePg/>")
        }
        xml.markup("</w:sectPr></w:body></w:document>")
        return xml.bytes
    }

    func relationships() -> [UInt8] {
        var xml = DocxXML()
        xml.markup("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for (index, relationship) in relationshipTargets.enumerated() {
            xml.markup("<Relationship Id=\"rId\(index + 1)\" Type=\"\(DocxWriter.relationshipTypes)"
                + "\(relationship.type)\" Target=\"\(relationship.target)\"/>")
        }
        xml.markup("</Relationships>")
        return xml.bytes
    }

    private mutating func relationship(_ type: String, _ target: String) -> String {
        relationshipTargets.append((type, target))
        return "rId\(relationshipTargets.count)"
    }

    private mutating func addFooter(_ paragraph: DocxParagraph) -> String {
        var xml = DocxXML()
        xml.markup("<w:ftr xmlns:w=\"\(DocxWriter.wordNamespace)\" xmlns:r=\"\(DocxWriter.relationshipsNamespace)\">")
        write(paragraph, to: &xml)
        xml.markup("</w:ftr>")
        footers.append(xml.bytes)
        return relationship("footer", "footer\(footers.count).xml")
    }

    // MARK: - Paragraphs and runs

    private mutating func write(_ paragraph: DocxParagraph, to xml: inout DocxXML) {
        xml.markup("<w:p><w:pPr>")
        if paragraph.keepWithNext { xml.markup("<w:keepNext/>") }
        if paragraph.pageBreakBefore { xml.markup("<w:pageBreakBefore/>") }
        if let width = paragraph.bottomBorderWidth {
            // w:sz is in eighths of a point; w:space (points) puts the line a little below the text.
            xml.markup("<w:pBdr><w:bottom w:val=\"single\" w:sz=\"\(Int((width * 8).rounded()))\" w:space=\"1\" "
                + "w:color=\"000000\"/></w:pBdr>")
        }
        xml.markup("<w:spacing w:before=\"\(paragraph.spacingBefore.twips)\" w:after=\"\(paragraph.spacingAfter.twips)\"")
        switch paragraph.lineSpacing {
        case .multiple(let factor): xml.markup(" w:line=\"\(Int((factor * 240).rounded()))\" w:lineRule=\"auto\"/>")
        case .exactly(let distance): xml.markup(" w:line=\"\(distance.twips)\" w:lineRule=\"exact\"/>")
        }
        let firstLine = paragraph.firstLineIndent.twips
        xml.markup("<w:ind w:left=\"\(paragraph.leftIndent.twips)\" w:right=\"\(paragraph.rightIndent.twips)\" "
            + (firstLine < 0 ? "w:hanging=\"\(-firstLine)\"/>" : "w:firstLine=\"\(firstLine)\"/>"))
        xml.markup("<w:jc w:val=\"\(paragraph.alignment.rawValue)\"/>")
        let sizes = Set(paragraph.runs.map(\.size))
        if sizes.count == 1, let size = sizes.first ?? nil {
            let halfPoints = Self.halfPoints(size)
            xml.markup("<w:rPr><w:sz w:val=\"\(halfPoints)\"/><w:szCs w:val=\"\(halfPoints)\"/></w:rPr>")
        }
        xml.markup("</w:pPr>")
        for run in paragraph.runs {
            write(run, to: &xml)
        }
        xml.markup("</w:p>")
    }

    private mutating func write(_ run: DocxRun, to xml: inout DocxXML) {
        switch run.content {
        case .text(let text):
            xml.markup("<w:r>")
            writeProperties(run, to: &xml)
            var segment = ""
            func flush() {
                guard !segment.isEmpty else { return }
                xml.markup("<w:t xml:space=\"preserve\">")
                xml.text(segment)
                xml.markup("</w:t>")
                segment = ""
            }
            for character in text {
                switch character {
                case "\n", "\r\n", "\r":
                    flush()
                    xml.markup("<w:br/>")
                case "\t":
                    flush()
                    xml.markup("<w:tab/>")
                default:
                    segment.append(character)
                }
            }
            flush()
            xml.markup("</w:r>")
        case .pageNumber:
            xml.markup("<w:fldSimple w:instr=\" PAGE \"><w:r>")
            writeProperties(run, to: &xml)
            xml.markup("<w:t>1</w:t></w:r></w:fldSimple>")
        case .image(let image):
            xml.markup("<w:r>")
            writeProperties(run, to: &xml)
            writeDrawing(image, to: &xml)
            xml.markup("</w:r>")
        }
    }

    private func writeProperties(_ run: DocxRun, to xml: inout DocxXML) {
        guard run.bold || run.italic || run.caps || run.size != nil || run.underline else { return }
        xml.markup("<w:rPr>")
        if run.bold { xml.markup("<w:b/><w:bCs/>") }
        if run.italic { xml.markup("<w:i/><w:iCs/>") }
        if run.caps { xml.markup("<w:caps/>") }
        if let size = run.size {
            let halfPoints = Self.halfPoints(size)
            xml.markup("<w:sz w:val=\"\(halfPoints)\"/><w:szCs w:val=\"\(halfPoints)\"/>")
        }
        if run.underline { xml.markup("<w:u w:val=\"single\"/>") }
        xml.markup("</w:rPr>")
    }

    private mutating func writeDrawing(_ image: DocxImage, to xml: inout DocxXML) {
        images.append(image.svg)
        let number = images.count
        let id = relationship("image", "media/image\(number).svg")
        let extent = "cx=\"\(image.width.emu)\" cy=\"\(image.height.emu)\""
        xml.markup("<w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent \(extent)/>"
            + "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"\(number)\" name=\"Picture \(number)\"")
        xml.attribute("descr", image.description)
        xml.markup("/><wp:cNvGraphicFramePr><a:graphicFrameLocks "
            + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" noChangeAspect=\"1\"/>"
            + "</wp:cNvGraphicFramePr><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
            + "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
            + "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:nvPicPr>"
            + "<pic:cNvPr id=\"\(number)\" name=\"image\(number).svg\"")
        xml.attribute("descr", image.description)
        xml.markup("/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"\(id)\"><a:extLst>"
            + "<a:ext uri=\"{96DAC541-7B7A-43D3-8B79-37D633B846F1}\"><asvg:svgBlip "
            + "xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"\(id)\"/>"
            + "</a:ext></a:extLst></a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>"
            + "<a:off x=\"0\" y=\"0\"/><a:ext \(extent)/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
            + "</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>")
    }

    // MARK: - Tables

    private mutating func write(_ table: DocxTable, to xml: inout DocxXML) {
        let total = table.columnWidths.reduce(DocxLength(twips: 0), +)
        xml.markup("<w:tbl><w:tblPr><w:tblW w:w=\"\(total.twips)\" w:type=\"dxa\"/><w:tblBorders>")
        let line = table.borders ? "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"" : "w:val=\"nil\""
        for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            xml.markup("<w:\(edge) \(line)/>")
        }
        let margin = table.cellMargin.twips
        xml.markup("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
            + "<w:left w:w=\"\(margin)\" w:type=\"dxa\"/><w:right w:w=\"\(margin)\" w:type=\"dxa\"/>"
            + "</w:tblCellMar></w:tblPr><w:tblGrid>")
        for width in table.columnWidths {
            xml.markup("<w:gridCol w:w=\"\(width.twips)\"/>")
        }
        xml.markup("</w:tblGrid>")
        for row in table.rows {
            xml.markup("<w:tr>")
            if row.keepTogether || row.isHeader {
                xml.markup("<w:trPr>" + (row.keepTogether ? "<w:cantSplit/>" : "")
                    + (row.isHeader ? "<w:tblHeader/>" : "") + "</w:trPr>")
            }
            for (column, width) in table.columnWidths.enumerated() {
                let cell = column < row.cells.count ? row.cells[column] : DocxTable.Cell([])
                xml.markup("<w:tc><w:tcPr><w:tcW w:w=\"\(width.twips)\" w:type=\"dxa\"/>"
                    + "<w:vAlign w:val=\"\(cell.verticalAlignment.rawValue)\"/></w:tcPr>")
                for paragraph in cell.paragraphs.isEmpty ? [DocxParagraph([])] : cell.paragraphs {
                    write(paragraph, to: &xml)
                }
                xml.markup("</w:tc>")
            }
            xml.markup("</w:tr>")
        }
        xml.markup("</w:tbl>")
    }
}
