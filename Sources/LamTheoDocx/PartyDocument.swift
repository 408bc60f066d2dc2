import Foundation

/// A Party document's content — who issues it, its number, date, type and subject, its sections, who receives it
/// and who signs — and its layout on the page, by the rules of a `PartyDocumentFormat`:
///
/// - At the top, a borderless table of two columns: on the left the superior body, the issuing body (bold), "*" and
///   "Số …"; on the right "ĐẢNG CỘNG SẢN VIỆT NAM" (bold) with a line beneath and the place and date in italics.
/// - The document type and the subject centred in bold, a short rule beneath.
/// - The sections: a bold heading, then paragraphs justified with a first-line indent, tables (bordered, a bold
///   header row repeated on each page, figures right-aligned) and SVG figures (at the format's scale, never wider
///   than the text) with an italic caption.
/// - At the bottom, a borderless table kept on one page: "Nơi nhận:" and its lines ("- …") on the left, the
///   signature on the right (authority and title in bold capitals, room for the signature, the name in bold).
///
/// Codable, so that a draft can be stored as it is and an issued report rendered again from what was issued.
public struct PartyDocument: Sendable, Hashable, Codable {
    public struct Table: Sendable, Hashable, Codable {
        /// Above the table, in the caption's style; empty for none.
        public var title: String
        public var header: [String]
        public var rows: [[String]]
        /// Relative widths of the columns; nil: the first column (the units' names) twice as wide as each other.
        public var columnWeights: [Double]?

        public init(title: String = "", header: [String], rows: [[String]], columnWeights: [Double]? = nil) {
            self.title = title
            self.header = header
            self.rows = rows
            self.columnWeights = columnWeights
        }
    }

    public struct Figure: Sendable, Hashable, Codable {
        /// A chart's SVG, as the dashboards show it.
        public var svg: String
        /// Beneath the figure, and the picture's alternative text.
        public var caption: String

        public init(svg: String, caption: String) {
            self.svg = svg
            self.caption = caption
        }
    }

    public enum Content: Sendable, Hashable, Codable {
        case paragraph(String)
        case table(Table)
        case figure(Figure)
    }

    public struct Section: Sendable, Hashable, Codable {
        /// "I. ĐẶC ĐIỂM TÌNH HÌNH"; empty for a section without a heading.
        public var heading: String
        public var content: [Content]

        public init(heading: String, content: [Content]) {
            self.heading = heading
            self.content = content
        }
    }

    /// "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH".
    public var superiorBody: String
    /// "ĐẢNG ỦY KHỐI DÂN CHÍNH ĐẢNG".
    public var issuingBody: String
    /// "97-BC/ĐUK" (a leading "Số" or "Số:" is tolerated and written "Số 97-BC/ĐUK").
    public var numberAndSymbol: String
    /// "TP. Hồ Chí Minh".
    public var place: String
    public var date: DocumentDate
    /// "BÁO CÁO".
    public var documentType: String
    /// "Sơ kết 6 tháng đầu năm …"; "\n" breaks the line.
    public var subject: String
    public var sections: [Section]
    /// One line each, written after "- ": "Ban Tuyên giáo Thành ủy,", "Lưu Văn phòng Đảng ủy."
    public var recipients: [String]
    /// "T/M BAN THƯỜNG VỤ".
    public var authority: String
    /// "BÍ THƯ".
    public var signerTitle: String
    public var signerName: String

    public init(superiorBody: String, issuingBody: String, numberAndSymbol: String, place: String,
                date: DocumentDate, documentType: String, subject: String, sections: [Section],
                recipients: [String], authority: String, signerTitle: String, signerName: String) {
        self.superiorBody = superiorBody
        self.issuingBody = issuingBody
        self.numberAndSymbol = numberAndSymbol
        self.place = place
        self.date = date
        self.documentType = documentType
        self.subject = subject
        self.sections = sections
        self.recipients = recipients
        self.authority = authority
        self.signerTitle = signerTitle
        self.signerName = signerName
    }

    /// The DOCX file. Its created date is the document's date (midnight UTC), so the same content and format
    /// give the same bytes: an issued report re-renders exactly as issued.
    public func docx(format: PartyDocumentFormat) throws -> Data {
        try DocxWriter.write(layout(format: format))
    }

    /// The document as pages of paragraphs and tables.
    func layout(format: PartyDocumentFormat) -> DocxDocument {
        let page = DocxDocument.Page(
            width: .millimetres(format.pageWidth), height: .millimetres(format.pageHeight),
            top: .millimetres(format.marginTop), bottom: .millimetres(format.marginBottom),
            left: .millimetres(format.marginLeft), right: .millimetres(format.marginRight),
            footerDistance: .millimetres(format.footerDistance))
        var body: [DocxDocument.Block] = [.table(header(format))]
        body.append(.paragraph(centred(format.documentTypeStyle, documentType, before: 18)))
        body.append(.paragraph(centred(format.subjectStyle, subject)))
        body.append(.paragraph(centred(format.subjectStyle, format.subjectRule, after: 12)))
        for section in sections {
            body += blocks(of: section, format: format, textWidth: page.textWidth)
        }
        body.append(.paragraph(DocxParagraph([DocxRun("", size: format.recipientStyle.size)],
                                             spacingBefore: .points(6))))
        body.append(.table(closing(format)))
        let pageNumbers = DocxDocument.PageNumbers(alignment: .center, size: format.pageNumberStyle.size,
                                                   onFirstPage: format.pageNumberOnFirstPage)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let created = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))
            ?? Date(timeIntervalSince1970: 0)
        return DocxDocument(page: page, fontName: format.fontName, fontSize: format.bodyStyle.size,
                            language: "vi-VN", pageNumbers: pageNumbers, body: body,
                            title: "\(documentType) \(subject)".replacingOccurrences(of: "\n", with: " "),
                            created: created)
    }

    // MARK: - Blocks

    private func header(_ format: PartyDocumentFormat) -> DocxTable {
        let rightWidth = DocxLength.millimetres(format.headerRightWidth)
        let lineIndent = (rightWidth - .millimetres(format.partyLineLength)).twips / 2
        var partyName = centred(format.partyNameStyle, format.partyName)
        partyName.leftIndent = DocxLength(twips: max(0, lineIndent))
        partyName.rightIndent = partyName.leftIndent
        partyName.bottomBorderWidth = format.partyLineWeight
        let leftWidth = format.headerLeftWidth
        let left = DocxTable.Cell([
            centred(format.superiorBodyStyle, Self.balanced(superiorBody, style: format.superiorBodyStyle,
                                                            width: leftWidth)),
            centred(format.issuingBodyStyle, Self.balanced(issuingBody, style: format.issuingBodyStyle,
                                                           width: leftWidth)),
            centred(format.issuingBodyStyle, format.issuingBodyMark),
            centred(format.numberStyle, format.numberLine(numberAndSymbol)),
        ])
        let right = DocxTable.Cell([
            partyName,
            centred(format.placeAndDateStyle, format.placeAndDate(place: place, date: date), before: 8),
        ])
        return DocxTable(columnWidths: [.millimetres(leftWidth), rightWidth],
                         rows: [DocxTable.Row([left, right], keepTogether: true)], borders: false,
                         cellMargin: .points(0))
    }

    /// A name in capitals too long for its column, broken where its two lines come out most even ("ĐẢNG BỘ THÀNH
    /// PHỐ" / "HỒ CHÍ MINH") rather than where the line happens to fill (which leaves one word alone); a name that
    /// fits, or that already has its line breaks, as it is. Widths are estimated from Times New Roman's capitals (about
    /// 0.69 em, 0.72 in bold, a space 0.25; measured on "ĐẢNG CỘNG SẢN VIỆT NAM"), a little generously.
    static func balanced(_ text: String, style: PartyDocumentFormat.TextStyle, width millimetres: Double) -> String {
        let letterWidth = style.bold ? 0.72 : 0.69
        func width(_ part: Substring) -> Double {
            part.reduce(0) { $0 + ($1 == " " ? 0.25 : letterWidth) } * style.size * 25.4 / 72
        }
        let words = text.split(separator: " ")
        guard style.capitals, !text.contains("\n"), words.count > 1, width(Substring(text)) > millimetres else {
            return text
        }
        let lines = (1..<words.count).map { split in
            (words[..<split].joined(separator: " "), words[split...].joined(separator: " "))
        }
        let best = lines.min { max(width(Substring($0.0)), width(Substring($0.1)))
            < max(width(Substring($1.0)), width(Substring($1.1))) }!
        return best.0 + "\n" + best.1
    }

    private func blocks(of section: Section, format: PartyDocumentFormat,
                        textWidth: DocxLength) -> [DocxDocument.Block] {
        var blocks: [DocxDocument.Block] = []
        if !section.heading.isEmpty {
            var heading = bodyParagraph(format.headingStyle, section.heading, format: format)
            heading.keepWithNext = true
            blocks.append(.paragraph(heading))
        }
        for content in section.content {
            switch content {
            case .paragraph(let text):
                blocks.append(.paragraph(bodyParagraph(format.bodyStyle, text, format: format)))
            case .table(let table):
                if !table.title.isEmpty {
                    var title = centred(format.captionStyle, table.title, after: 3)
                    title.keepWithNext = true
                    blocks.append(.paragraph(title))
                }
                blocks.append(.table(self.table(table, format: format, textWidth: textWidth)))
                blocks.append(.paragraph(DocxParagraph([DocxRun("", size: format.tableTextStyle.size)])))
            case .figure(let figure):
                let size = DocxImage.intrinsicSize(ofSVG: figure.svg)
                let ratio = size.map { $0.height / $0.width } ?? 0.5
                // At the format's scale, narrower than the text if the chart is small; never taller than half
                // the page.
                let maximumHeight = DocxLength.millimetres((format.pageHeight - format.marginTop
                    - format.marginBottom) / 2)
                var width = min(textWidth, size.map { .points($0.width * format.figurePointsPerUnit) } ?? textWidth)
                if Double(width.twips) * ratio > Double(maximumHeight.twips) {
                    width = DocxLength(twips: Int(Double(maximumHeight.twips) / ratio))
                }
                let image = DocxImage(svg: figure.svg, width: width,
                                      height: DocxLength(twips: Int((Double(width.twips) * ratio).rounded())),
                                      description: figure.caption)
                blocks.append(.paragraph(DocxParagraph([DocxRun(content: .image(image))], alignment: .center,
                                                       spacingBefore: .points(6), keepWithNext: true)))
                blocks.append(.paragraph(centred(format.captionStyle, figure.caption, after: 6)))
            }
        }
        return blocks
    }

    private func table(_ table: Table, format: PartyDocumentFormat, textWidth: DocxLength) -> DocxTable {
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0, 1)
        var weights = table.columnWeights ?? [2] + Array(repeating: 1, count: columns - 1)
        weights += Array(repeating: 1, count: max(0, columns - weights.count))
        weights = Array(weights.prefix(columns))
        let total = weights.reduce(0, +)
        let widths = weights.map { DocxLength(twips: Int(Double(textWidth.twips) * $0 / total)) }
        let style = format.tableTextStyle
        func cell(_ text: String, bold: Bool) -> DocxTable.Cell {
            let alignment: DocxParagraph.Alignment = bold ? .center : Self.isFigure(text) ? .right : .left
            let run = DocxRun(text, bold: bold || style.bold, italic: style.italic, size: style.size)
            return DocxTable.Cell([DocxParagraph([run], alignment: alignment, spacingBefore: .points(2),
                                                 spacingAfter: .points(2))], verticalAlignment: .center)
        }
        var rows: [DocxTable.Row] = []
        if !table.header.isEmpty {
            rows.append(DocxTable.Row(table.header.map { cell($0, bold: true) }, isHeader: true, keepTogether: true))
        }
        for row in table.rows {
            rows.append(DocxTable.Row(row.map { cell($0, bold: false) }, keepTogether: true))
        }
        return DocxTable(columnWidths: widths, rows: rows, borders: true)
    }

    /// "231.700", "94,5%", "-3": written as figures are, right-aligned so their digits line up.
    static func isFigure(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return !trimmed.isEmpty && trimmed.contains(where: \.isNumber)
            && trimmed.allSatisfy { $0.isNumber || ".,%+-− ".contains($0) }
    }

    private func closing(_ format: PartyDocumentFormat) -> DocxTable {
        var recipientLines = [paragraph(format.recipientsLabelStyle, format.recipientsLabel, alignment: .left)]
        for recipient in recipients {
            let line = recipient.hasPrefix("-") ? recipient : "- " + recipient
            recipientLines.append(paragraph(format.recipientStyle, line, alignment: .left))
        }
        var title = centred(format.signerTitleStyle, signerTitle)
        title.spacingAfter = .points(format.signatureSpace)
        let signature = DocxTable.Cell([centred(format.authorityStyle, authority), title,
                                        centred(format.signerNameStyle, signerName)])
        return DocxTable(columnWidths: [.millimetres(format.recipientsWidth), .millimetres(format.signatureWidth)],
                         rows: [DocxTable.Row([DocxTable.Cell(recipientLines), signature], keepTogether: true)],
                         borders: false, cellMargin: .points(0))
    }

    // MARK: - Paragraphs

    private func paragraph(_ style: PartyDocumentFormat.TextStyle, _ text: String,
                           alignment: DocxParagraph.Alignment) -> DocxParagraph {
        // Capitals are written as capitals, so every reader (and the PDF's text) has the same letters.
        let run = DocxRun(style.capitals ? text.uppercased() : text, bold: style.bold, italic: style.italic,
                          underline: style.underline, size: style.size)
        return DocxParagraph([run], alignment: alignment)
    }

    private func centred(_ style: PartyDocumentFormat.TextStyle, _ text: String, before: Double = 0,
                         after: Double = 0) -> DocxParagraph {
        var paragraph = paragraph(style, text, alignment: .center)
        paragraph.spacingBefore = .points(before)
        paragraph.spacingAfter = .points(after)
        return paragraph
    }

    private func bodyParagraph(_ style: PartyDocumentFormat.TextStyle, _ text: String,
                               format: PartyDocumentFormat) -> DocxParagraph {
        var paragraph = paragraph(style, text, alignment: .justify)
        paragraph.firstLineIndent = .millimetres(format.firstLineIndent)
        paragraph.spacingAfter = .points(format.paragraphSpacing)
        paragraph.lineSpacing = .multiple(format.lineSpacing)
        return paragraph
    }
}
