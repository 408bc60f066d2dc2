@testable import LamTheoDocx
import Testing

@Suite("The Party document format as data")
struct PartyDocumentFormatTests {
    typealias Style = PartyDocumentFormat.TextStyle

    @Test("36-HD/VPTW of 03/4/2018: the values DESIGN.md lists")
    func guidance36() {
        let format = PartyDocumentFormat.guidance36of2018
        #expect(format.identifier == "36-HD/VPTW-2018")
        #expect(format.inForceFrom == DocumentDate(year: 2018, month: 4, day: 3))
        #expect(format.fontName == "Times New Roman")
        #expect([format.pageWidth, format.pageHeight] == [210, 297])
        #expect([format.marginTop, format.marginBottom, format.marginLeft, format.marginRight] == [20, 20, 30, 15])
        #expect(format.headerLeftWidth + format.headerRightWidth == format.pageWidth - format.marginLeft - format.marginRight)
        #expect(format.partyName == "ĐẢNG CỘNG SẢN VIỆT NAM")
        #expect(format.partyNameStyle == Style(size: 15, bold: true, capitals: true))
        #expect(format.partyLineWeight > 0)
        #expect(format.superiorBodyStyle == Style(size: 14, capitals: true))
        #expect(format.issuingBodyStyle == Style(size: 14, bold: true, capitals: true))
        #expect(format.issuingBodyMark == "*")
        #expect(format.numberPrefix == "Số ")
        #expect(format.numberStyle == Style(size: 14))
        #expect(format.placeAndDateStyle == Style(size: 14, italic: true))
        #expect(format.documentTypeStyle.bold && format.documentTypeStyle.capitals)
        #expect((15...16).contains(format.documentTypeStyle.size))
        #expect(format.subjectStyle.bold && (14...15).contains(format.subjectStyle.size))
        #expect((14...15).contains(format.bodyStyle.size) && !format.bodyStyle.bold)
        #expect(format.recipientsLabel == "Nơi nhận:")
        #expect(format.authorityStyle == Style(size: 14, bold: true, capitals: true))
        #expect(format.signerTitleStyle == Style(size: 14, bold: true, capitals: true))
        #expect(format.signerNameStyle.bold)
    }

    @Test("the version in force on a date, and the version a report recorded")
    func versions() {
        #expect(PartyDocumentFormat.inForce(on: DocumentDate(year: 2021, month: 11, day: 25)).identifier == "36-HD/VPTW-2018")
        // Before every version: the oldest, rather than nothing.
        #expect(PartyDocumentFormat.inForce(on: DocumentDate(year: 2017, month: 1, day: 1)).identifier == "36-HD/VPTW-2018")
        #expect(PartyDocumentFormat.version(named: "36-HD/VPTW-2018") == .guidance36of2018)
        #expect(PartyDocumentFormat.version(named: "36-HD/VPTW") == nil)
        #expect(Set(PartyDocumentFormat.all.map(\.identifier)).count == PartyDocumentFormat.all.count)
        #expect(PartyDocumentFormat.all.map(\.inForceFrom) == PartyDocumentFormat.all.map(\.inForceFrom).sorted())
        #expect(DocumentDate(year: 2018, month: 4, day: 2) < DocumentDate(year: 2018, month: 4, day: 3))
    }

    @Test("the date line: days under 10 and the months 1 and 2 with a leading zero")
    func dateLine() {
        let format = PartyDocumentFormat.guidance36of2018
        #expect(format.placeAndDate(place: "TP. Hồ Chí Minh", date: DocumentDate(year: 2021, month: 11, day: 25))
            == "TP. Hồ Chí Minh, ngày 25 tháng 11 năm 2021")
        #expect(format.placeAndDate(place: "Hạ Long", date: DocumentDate(year: 2018, month: 2, day: 20))
            == "Hạ Long, ngày 20 tháng 02 năm 2018")
        #expect(format.placeAndDate(place: "Hà Nội", date: DocumentDate(year: 2018, month: 4, day: 3))
            == "Hà Nội, ngày 03 tháng 4 năm 2018")
        #expect(format.placeAndDate(place: "Hà Nội", date: DocumentDate(year: 2022, month: 1, day: 9))
            == "Hà Nội, ngày 09 tháng 01 năm 2022")
        #expect(format.placeAndDate(place: "Hà Nội", date: DocumentDate(year: 2022, month: 10, day: 10))
            == "Hà Nội, ngày 10 tháng 10 năm 2022")
    }

    @Test("\"Số 97-BC/ĐUK\", never with a colon, whatever the caller typed")
    func numberLine() throws {
        let format = PartyDocumentFormat.guidance36of2018
        for typed in ["97-BC/ĐUK", "Số 97-BC/ĐUK", "Số: 97-BC/ĐUK", "số:97-BC/ĐUK", " 97-BC/ĐUK "] {
            #expect(format.numberLine(typed) == "Số 97-BC/ĐUK", "\(typed)")
        }
        let xml = try DocxTestPackage.part("word/document.xml", of: PartyDocumentSample.document.docx(format: format))
        #expect(xml.contains(">Số 97-BC/ĐUK<"))
        #expect(!xml.contains("Số:"))
    }
}
