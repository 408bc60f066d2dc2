import Foundation
@testable import LamTheoDocx
import Testing

@Suite("The layout of a Party document")
struct PartyDocumentTests {
    static let format = PartyDocumentFormat.guidance36of2018

    /// Every paragraph's text in a cell of the document's first table (the header), by column.
    static func header(_ document: PartyDocument) throws -> [[String]] {
        let root = try DocxTestPackage.tree("word/document.xml", of: document.docx(format: format))
        let table = try #require(root.elements(named: "w:tbl").first)
        return table.elements(named: "w:tc").map { cell in
            cell.elements(named: "w:p").map { paragraph in
                paragraph.elements(named: "w:r").map { run in
                    run.children.map { $0.name == "w:br" ? "\n" : $0.text }.joined()
                }.joined()
            }
        }
    }

    @Test("the header: bodies in capitals (long ones broken evenly), the asterisk, the number; the party, the date")
    func header() throws {
        #expect(try Self.header(PartyDocumentSample.document) == [
            ["ĐẢNG BỘ THÀNH\nPHỐ HỒ CHÍ MINH", "ĐẢNG ỦY KHỐI\nDÂN CHÍNH ĐẢNG", "*", "Số 97-BC/ĐUK"],
            ["ĐẢNG CỘNG SẢN VIỆT NAM", "TP. Hồ Chí Minh, ngày 25 tháng 11 năm 2021"],
        ])
        var short = PartyDocumentSample.document
        short.superiorBody = "Đảng bộ Quận 1"
        short.issuingBody = "Chi bộ Khu phố 3\nPhường Bến Nghé"
        #expect(try Self.header(short)[0].prefix(2) == ["ĐẢNG BỘ QUẬN 1", "CHI BỘ KHU PHỐ 3\nPHƯỜNG BẾN NGHÉ"])
    }

    @Test("after the header: the type and subject centred, the sections, then recipients and signature")
    func order() throws {
        let layout = PartyDocumentSample.document.layout(format: Self.format)
        var texts: [String] = []
        for block in layout.body {
            guard case .paragraph(let paragraph) = block else { continue }
            for run in paragraph.runs {
                if case .text(let text) = run.content, !text.isEmpty { texts.append(text) }
            }
        }
        #expect(Array(texts.prefix(4)) == ["BÁO CÁO", PartyDocumentSample.document.subject, "-----",
                                           "I. ĐẶC ĐIỂM TÌNH HÌNH"])
        guard case .table(let closing) = layout.body.last else {
            Issue.record("the document does not end with the recipients and the signature")
            return
        }
        let cells = closing.rows[0].cells.map { $0.paragraphs.flatMap(\.runs).compactMap { run -> String? in
            if case .text(let text) = run.content { return text }
            return nil
        } }
        #expect(cells == [["Nơi nhận:", "- Ban Tuyên giáo Thành ủy,", "- Văn phòng Thành ủy,",
                           "- Các tổ chức cơ sở đảng,", "- Lưu Văn phòng Đảng ủy."],
                          ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn A"]])
        #expect(closing.rows[0].keepTogether && !closing.borders)
        #expect(layout.pageNumbers?.onFirstPage == false)
        #expect(layout.fontName == "Times New Roman" && layout.fontSize == 14)
    }

    @Test("body paragraphs justified, indented, 14 pt; figures at the format's scale, never wider than the text; table figures right-aligned")
    func body() throws {
        let layout = PartyDocumentSample.document.layout(format: Self.format)
        let paragraphs = layout.body.compactMap { block -> DocxParagraph? in
            if case .paragraph(let paragraph) = block { return paragraph }
            return nil
        }
        let justified = paragraphs.filter { $0.alignment == .justify }
        #expect(justified.count == 7) // three headings, four paragraphs
        #expect(justified.allSatisfy { $0.firstLineIndent == .millimetres(10) && $0.runs.allSatisfy { $0.size == 14 } })
        let image = paragraphs.flatMap(\.runs).compactMap { run -> DocxImage? in
            if case .image(let image) = run.content { return image }
            return nil
        }.first
        // 640 units at 0.9 pt are wider than the text: as wide as the text, at the SVG's proportions.
        #expect(image?.width == layout.page.textWidth)
        #expect(image?.height == DocxLength(twips: layout.page.textWidth.twips * 300 / 640))
        var small = PartyDocumentSample.document
        small.sections = [PartyDocument.Section(heading: "", content: [
            .figure(PartyDocument.Figure(svg: "<svg viewBox=\"0 0 360 200\">", caption: "Hình 1"))])]
        let figure = small.layout(format: Self.format).body.compactMap { block -> DocxImage? in
            guard case .paragraph(let paragraph) = block, case .image(let image) = paragraph.runs.first?.content else { return nil }
            return image
        }.first
        #expect(figure?.width == .points(324) && figure?.height == .points(180))
        #expect(image?.description == "Biểu đồ 1. Tỷ lệ đảng viên học tập Nghị quyết")
        #expect(PartyDocument.isFigure("231.700") && PartyDocument.isFigure("94,5%") && PartyDocument.isFigure("-3"))
        #expect(!PartyDocument.isFigure("Quận 1") && !PartyDocument.isFigure("") && !PartyDocument.isFigure("-"))
    }

    @Test("a document stored as JSON and read back renders the same bytes")
    func codable() throws {
        let stored = try JSONEncoder().encode(PartyDocumentSample.document)
        let read = try JSONDecoder().decode(PartyDocument.self, from: stored)
        #expect(read == PartyDocumentSample.document)
        #expect(try read.docx(format: Self.format) == PartyDocumentSample.document.docx(format: Self.format))
    }
}
