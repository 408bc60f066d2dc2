import Foundation
@testable import LamTheoDocx
import Testing

@Suite("The DOCX writer")
struct DocxWriterTests {
    static let page = DocxDocument.Page(width: .millimetres(210), height: .millimetres(297), top: .millimetres(20),
                                        bottom: .millimetres(20), left: .millimetres(30), right: .millimetres(15),
                                        footerDistance: .millimetres(10))

    static func document(_ body: [DocxDocument.Block], pageNumbers: DocxDocument.PageNumbers? = nil,
                         created: Date = Date(timeIntervalSince1970: 1_637_798_400)) -> DocxDocument {
        DocxDocument(page: page, fontName: "Times New Roman", fontSize: 14, language: "vi-VN",
                     pageNumbers: pageNumbers, body: body, title: "Báo cáo <sơ kết> & \u{07}tổng kết", created: created)
    }

    /// Every feature of the writer once.
    static let everything = document([
        .paragraph(DocxParagraph([DocxRun("ĐẢNG CỘNG SẢN VIỆT NAM", bold: true, italic: true, underline: true,
                                          caps: true, size: 15)],
                                 alignment: .center, firstLineIndent: .millimetres(10), leftIndent: .points(12),
                                 rightIndent: .points(12), spacingBefore: .points(6), spacingAfter: .points(6),
                                 lineSpacing: .exactly(.points(18)), keepWithNext: true, pageBreakBefore: true,
                                 bottomBorderWidth: 0.75)),
        .paragraph(DocxParagraph([DocxRun(content: .image(DocxImage(svg: "<svg viewBox=\"0 0 10 5\"/>",
                                                                    width: .millimetres(100), height: .millimetres(50),
                                                                    description: "Biểu đồ \"1\"")))])),
        .table(DocxTable(columnWidths: [.millimetres(100), .millimetres(65)], rows: [
            DocxTable.Row([DocxTable.Cell([DocxParagraph([DocxRun("Đảng bộ", bold: true)])])], isHeader: true,
                          keepTogether: true),
            DocxTable.Row([DocxTable.Cell([], verticalAlignment: .center),
                           DocxTable.Cell([DocxParagraph([DocxRun("231.700")], alignment: .right)])]),
        ], borders: true)),
    ], pageNumbers: DocxDocument.PageNumbers(alignment: .center, size: 14, onFirstPage: false))

    @Test("user text: <, & and quotes escaped, control characters and U+FFFE dropped, line breaks and tabs kept")
    func escaping() throws {
        let data = try DocxWriter.write(Self.document([
            .paragraph(DocxParagraph([DocxRun("a < b & c > d \"e\"\u{01}\u{0B}\u{1F}\u{FFFE}\u{FFFF} f\ng\r\nh\ri\tj  k")])),
        ]))
        let xml = try DocxTestPackage.part("word/document.xml", of: data)
        #expect(xml.contains("<w:t xml:space=\"preserve\">a &lt; b &amp; c &gt; d \"e\" f</w:t><w:br/>"
            + "<w:t xml:space=\"preserve\">g</w:t><w:br/><w:t xml:space=\"preserve\">h</w:t><w:br/>"
            + "<w:t xml:space=\"preserve\">i</w:t><w:tab/><w:t xml:space=\"preserve\">j  k</w:t>"))
        let core = try DocxTestPackage.part("docProps/core.xml", of: data)
        #expect(core.contains("<dc:title>Báo cáo &lt;sơ kết&gt; &amp; tổng kết</dc:title>"))
        #expect(core.contains("<dc:creator>LamTheo</dc:creator>"))
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2021-11-25T00:00:00Z</dcterms:created>"))
        let paragraph = try DocxTestPackage.tree("word/document.xml", of: data).elements(named: "w:t")
        #expect(paragraph.map(\.text) == ["a < b & c > d \"e\" f", "g", "h", "i", "j  k"])
        // An attribute: the picture's description.
        let picture = try DocxTestPackage.tree("word/document.xml", of: DocxWriter.write(Self.everything))
        #expect(picture.elements(named: "wp:docPr").first?.attributes["descr"] == "Biểu đồ \"1\"")
    }

    /// The order ECMA-376 gives the children of each element the writer writes with several children.
    static let schemaOrder: [String: [String]] = [
        "w:pPr": ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
                  "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
                  "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                  "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                  "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                  "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"],
        "w:rPr": ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
                  "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
                  "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
                  "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
                  "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"],
        "w:tblPr": ["w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"],
        "w:tblBorders": ["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH", "w:insideV"],
        "w:tcPr": ["w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
                   "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"],
        "w:tbl": ["w:tblPr", "w:tblGrid", "w:tr"],
        "w:tc": ["w:tcPr", "w:p"],
        "w:tr": ["w:trPr", "w:tc"],
        "w:sectPr": ["w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
                     "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
                     "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
                     "w:docGrid"],
        "wp:inline": ["wp:extent", "wp:effectExtent", "wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"],
        "w:rPrDefault": ["w:rPr"],
        "w:style": ["w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
                    "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal",
                    "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"],
    ]

    @Test("element order is the schema's: pPr, rPr, tblPr, tcPr, sectPr last in the body, a paragraph ends every cell")
    func elementOrder() throws {
        let documents = [try DocxWriter.write(Self.everything),
                         try PartyDocumentSample.document.docx(format: .guidance36of2018)]
        for data in documents {
            for path in ["word/document.xml", "word/styles.xml", "word/footer1.xml"] {
                for element in try DocxTestPackage.tree(path, of: data).all {
                    guard let order = Self.schemaOrder[element.name] else { continue }
                    let positions = element.children.map { order.firstIndex(of: $0.name) }
                    #expect(!positions.contains(nil), "\(path): unexpected child in \(element.name): \(element.children.map(\.name))")
                    let known = positions.compactMap { $0 }
                    #expect(known == known.sorted(), "\(path): \(element.name) children out of order: \(element.children.map(\.name))")
                    if element.name == "w:tc" { #expect(element.children.last?.name == "w:p") }
                }
            }
            let body = try #require(try DocxTestPackage.tree("word/document.xml", of: data).elements(named: "w:body").first)
            #expect(body.children.last?.name == "w:sectPr")
            #expect(body.children.dropLast().last?.name == "w:p", "a body never ends with a table")
        }
    }

    @Test("the same document gives the same bytes; another created date, other bytes")
    func determinism() throws {
        let first = try DocxWriter.write(Self.everything)
        #expect(try DocxWriter.write(Self.everything) == first)
        var later = Self.everything
        later.created = Date(timeIntervalSince1970: 1_637_884_800)
        #expect(try DocxWriter.write(later) != first)
        let report = try PartyDocumentSample.document.docx(format: .guidance36of2018)
        #expect(try PartyDocumentSample.document.docx(format: .guidance36of2018) == report)
    }

    @Test("a run's looks, a paragraph's spacing, indents and border, in WordprocessingML's units")
    func formatting() throws {
        let root = try DocxTestPackage.tree("word/document.xml", of: DocxWriter.write(Self.everything))
        let paragraph = try #require(root.elements(named: "w:p").first)
        let properties = try #require(paragraph.children.first)
        #expect(properties.children.map(\.name) == ["w:keepNext", "w:pageBreakBefore", "w:pBdr", "w:spacing", "w:ind",
                                                    "w:jc", "w:rPr"])
        #expect(properties.elements(named: "w:spacing").first?.attributes
            == ["w:before": "120", "w:after": "120", "w:line": "360", "w:lineRule": "exact"])
        #expect(properties.elements(named: "w:ind").first?.attributes
            == ["w:left": "240", "w:right": "240", "w:firstLine": "567"])
        #expect(properties.elements(named: "w:jc").first?.attributes["w:val"] == "center")
        #expect(properties.elements(named: "w:bottom").first?.attributes["w:sz"] == "6")
        let run = try #require(paragraph.elements(named: "w:r").first?.children.first)
        #expect(run.children.map(\.name) == ["w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:sz", "w:szCs", "w:u"])
        #expect(run.elements(named: "w:sz").first?.attributes["w:val"] == "30")
        let section = try #require(root.elements(named: "w:sectPr").first)
        #expect(section.elements(named: "w:pgSz").first?.attributes == ["w:w": "11906", "w:h": "16838"])
        let margins = try #require(section.elements(named: "w:pgMar").first?.attributes)
        #expect([margins["w:top"], margins["w:bottom"], margins["w:left"], margins["w:right"]]
            == ["1134", "1134", "1701", "850"])
        let styles = try DocxTestPackage.part("word/styles.xml", of: DocxWriter.write(Self.everything))
        #expect(styles.contains("<w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"Times New Roman\" "
            + "w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"28\"/>"))
        #expect(styles.contains("<w:lang w:val=\"vi-VN\""))
    }

    @Test("tables: widths, borders or none, a header row repeated, rows kept together, missing cells written empty")
    func tables() throws {
        let root = try DocxTestPackage.tree("word/document.xml", of: DocxWriter.write(Self.everything))
        let table = try #require(root.elements(named: "w:tbl").first)
        #expect(table.elements(named: "w:gridCol").map { $0.attributes["w:w"] } == ["5669", "3685"])
        #expect(table.elements(named: "w:tblW").first?.attributes["w:w"] == "9354")
        #expect(table.elements(named: "w:insideV").first?.attributes["w:val"] == "single")
        #expect(table.elements(named: "w:tblHeader").count == 1)
        #expect(table.elements(named: "w:cantSplit").count == 1)
        #expect(table.elements(named: "w:tc").count == 4)
        #expect(table.elements(named: "w:vAlign").map { $0.attributes["w:val"] } == ["top", "top", "center", "top"])
        let header = PartyDocumentSample.document.layout(format: .guidance36of2018).body.first
        guard case .table(let first) = header else {
            Issue.record("the Party header is not a table")
            return
        }
        #expect(!first.borders)
        let borderless = try DocxTestPackage.tree("word/document.xml",
                                                  of: PartyDocumentSample.document.docx(format: .guidance36of2018))
        #expect(borderless.elements(named: "w:tblBorders").first?.children.allSatisfy { $0.attributes["w:val"] == "nil" } == true)
    }

    @Test("a picture: the SVG part, its relationship and content type, the main blip and the svgBlip extension")
    func picture() throws {
        let data = try DocxWriter.write(Self.everything)
        #expect(try DocxTestPackage.part("word/media/image1.svg", of: data) == "<svg viewBox=\"0 0 10 5\"/>")
        #expect(try DocxTestPackage.part("[Content_Types].xml", of: data)
            .contains("<Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>"))
        let relationships = try DocxTestPackage.tree("word/_rels/document.xml.rels", of: data).elements(named: "Relationship")
        let image = try #require(relationships.first { $0.attributes["Target"] == "media/image1.svg" })
        let id = try #require(image.attributes["Id"])
        let root = try DocxTestPackage.tree("word/document.xml", of: data)
        #expect(root.elements(named: "a:blip").first?.attributes["r:embed"] == id)
        #expect(root.elements(named: "asvg:svgBlip").first?.attributes["r:embed"] == id)
        #expect(root.elements(named: "wp:extent").first?.attributes == ["cx": "3599815", "cy": "1800225"])
        #expect(DocxImage.intrinsicSize(ofSVG: "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 300\" width=\"100%\">")
            .map { [$0.width, $0.height] } == [640, 300])
        #expect(DocxImage.intrinsicSize(ofSVG: "<svg width='200' height='100'>").map { [$0.width, $0.height] } == [200, 100])
        #expect(DocxImage.intrinsicSize(ofSVG: "<svg width=\"100%\">") == nil)
    }

    @Test("page numbers: a PAGE field in the footer, the first page's footer empty when asked")
    func pageNumbers() throws {
        let data = try DocxWriter.write(Self.everything)
        #expect(try DocxTestPackage.part("word/footer1.xml", of: data).contains("<w:fldSimple w:instr=\" PAGE \">"))
        #expect(try !DocxTestPackage.part("word/footer2.xml", of: data).contains("PAGE"))
        let section = try #require(try DocxTestPackage.tree("word/document.xml", of: data).elements(named: "w:sectPr").first)
        #expect(section.elements(named: "w:footerReference").map { $0.attributes["w:type"] } == ["default", "first"])
        #expect(section.elements(named: "w:titlePg").count == 1)
        let without = try DocxWriter.write(Self.document([.paragraph(DocxParagraph([DocxRun("x")]))]))
        #expect(try !DocxTestPackage.part("[Content_Types].xml", of: without).contains("footer"))
    }
}
