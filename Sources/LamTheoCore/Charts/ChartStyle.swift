import Foundation

/// What every chart shares: its width, type sizes and greys, the words it writes itself, its frame (`svg`), the legend.
///
/// The drawing is 360 units wide, about the width of a phone's column, so that the 14-unit type stays legible when
/// the SVG is scaled to 360 px; a wider screen scales it up. No dark background, nothing told by colour alone.
enum ChartStyle {
    static let width = 360.0
    static let margin = 6.0
    static let fontSize = 14.0
    static let smallFontSize = 12.5
    static let ink = "#1b1b1b"
    static let muted = "#595959"
    static let axis = "#767676"
    static let grid = "#dddddd"
    /// A picture of more rows than this is no longer read; the table keeps them all.
    static let maxDrawnCategories = 30

    static let notReported = LocalizedText(vi: "chưa báo cáo", en: "not reported")
    static let nothingToCount = LocalizedText(vi: "không có", en: "none")
    static let noData = LocalizedText(vi: "Chưa có số liệu", en: "No figures yet")
    static let laggingKey = LocalizedText(vi: "Chậm, cần đôn đốc", en: "Lagging")
    static let total = LocalizedText(vi: "Tổng số", en: "Total")
    static let day = LocalizedText(vi: "Ngày", en: "Day")

    static func laggingSentence(_ names: [String]) -> LocalizedText {
        let list = names.joined(separator: "; ")
        return LocalizedText(vi: "Chậm, cần đôn đốc (vạch trắng, viền đậm, tên in đậm): \(list).",
                             en: "Lagging (white stripes, dark outline, name in bold): \(list).")
    }

    static func capNote(drawn: Int, of total: Int) -> LocalizedText {
        LocalizedText(vi: "Hình vẽ \(drawn) dòng đầu trong số \(total); bảng số liệu có đủ.",
                      en: "The picture shows the first \(drawn) of \(total) rows; the table has them all.")
    }

    /// The chart's id as the SVG uses it, in its ids, `aria-labelledby` (a list split at spaces) and `url(#…)`: ASCII
    /// letters, digits, "-" and "_", anything else a "-".
    static func identifier(_ id: String) -> String {
        let kept = String(String.UnicodeScalarView(id.unicodeScalars.map {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") ? $0 : "-"
        }))
        return kept.isEmpty ? "chart" : kept
    }

    /// The whole SVG: the frame that makes it an accessible image (its title and description, named by
    /// aria-labelledby) around the chart's own markup.
    static func drawing(id: String, title: String, description: String, height: Double, definitions: String, body: String,
                        sizing: ChartSizing) -> ChartDrawing {
        let svg = SVGMarkup.element("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "chart",
            "role": "img",
            "aria-labelledby": "\(id)-title \(id)-desc",
            "viewBox": "0 0 \(SVGMarkup.number(width)) \(SVGMarkup.number(height))",
            "width": sizing == .fitsWidth ? "100%" : SVGMarkup.number(width),
            "height": sizing == .fitsWidth ? nil : SVGMarkup.number(height),
            "font-family": ChartText.fontFamily,
            "font-size": SVGMarkup.number(fontSize),
        ], SVGMarkup.element("title", ["id": "\(id)-title"], SVGMarkup.escaped(title))
            + SVGMarkup.element("desc", ["id": "\(id)-desc"], SVGMarkup.escaped(description))
            + (definitions.isEmpty ? "" : SVGMarkup.element("defs", [:], definitions))
            + body)
        return ChartDrawing(svg: svg, size: ChartSize(width: width, height: height))
    }

    /// A chart with nothing to draw says so, in the picture and in its description.
    static func emptyDrawing(id: String, title: String, description: String, language: UILanguage, sizing: ChartSizing) -> ChartDrawing {
        let words = noData(language)
        return drawing(id: id, title: title, description: sentences(description, words + "."), height: 48, definitions: "",
                       body: text(words, x: width / 2, y: 28, anchor: "middle", fill: muted, italic: true), sizing: sizing)
    }

    /// Sentences joined into one description, the empty ones left out.
    static func sentences(_ parts: String?...) -> String {
        parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// A `<text>` at a baseline; a text shortened to fit carries its whole self as a tooltip. A halo is a white
    /// outline drawn under the letters, which keeps them readable on any fill: a copy of the text stroked in white
    /// (office suites ignore paint-order, which would do it in one element).
    static func text(_ content: String, x: Double, y: Double, anchor: String = "start", size: Double = fontSize,
                     fill: String = ink, bold: Bool = false, italic: Bool = false, halo: Bool = false, whole: String? = nil) -> String {
        let style = { (className: String?, fill: String, stroke: String?) in
            text(lines: [content], x: x, y: y, lineHeight: 0, anchor: anchor, size: size, fill: fill, stroke: stroke, bold: bold,
                 italic: italic, whole: whole, className: className)
        }
        return (halo ? style("halo", "#ffffff", "#ffffff") : "") + style(nil, fill, nil)
    }

    /// Lines of text, the first one's baseline at `y`: lines after the first are `<tspan>`s.
    static func text(lines: [String], x: Double, y: Double, lineHeight: Double, anchor: String = "start", size: Double = fontSize,
                     fill: String = ink, stroke: String? = nil, bold: Bool = false, italic: Bool = false, whole: String? = nil,
                     className: String? = nil) -> String {
        let tooltip = whole.flatMap { $0 == lines.joined(separator: " ") ? nil : SVGMarkup.element("title", [:], SVGMarkup.escaped($0)) } ?? ""
        let content = lines.count == 1 ? SVGMarkup.escaped(lines[0]) : lines.enumerated().map { index, line in
            SVGMarkup.element("tspan", ["x": SVGMarkup.number(x), "y": SVGMarkup.number(y + Double(index) * lineHeight)], SVGMarkup.escaped(line))
        }.joined()
        return SVGMarkup.element("text", [
            "class": className,
            "x": SVGMarkup.number(x), "y": SVGMarkup.number(y),
            "text-anchor": anchor == "start" ? nil : anchor,
            "font-size": size == fontSize ? nil : SVGMarkup.number(size),
            "font-weight": bold ? "bold" : nil,
            "font-style": italic ? "italic" : nil,
            "fill": fill,
            "stroke": stroke, "stroke-width": stroke == nil ? nil : "3", "stroke-linejoin": stroke == nil ? nil : "round",
        ], tooltip + content)
    }

    /// The baseline that centres a line of type of `size` on `y`, computed rather than left to dominant-baseline,
    /// which office suites ignore.
    static func baseline(centredOn y: Double, size: Double = fontSize) -> Double {
        y + size * 0.36
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) -> String {
        SVGMarkup.element("line", [
            "x1": SVGMarkup.number(x1), "y1": SVGMarkup.number(y1), "x2": SVGMarkup.number(x2), "y2": SVGMarkup.number(y2),
            "stroke": stroke, "stroke-width": SVGMarkup.number(width), "stroke-dasharray": dash,
        ])
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
                     strokeWidth: Double? = nil, className: String? = nil) -> String {
        SVGMarkup.element("rect", [
            "class": className,
            "x": SVGMarkup.number(x), "y": SVGMarkup.number(y), "width": SVGMarkup.number(width), "height": SVGMarkup.number(height),
            "fill": fill, "stroke": stroke, "stroke-width": strokeWidth.map(SVGMarkup.number),
        ])
    }
}

/// One entry of a legend: its key, drawn in a 16 × 10 box whose top left corner is given, and its label.
struct ChartLegendEntry {
    let key: (_ x: Double, _ y: Double) -> String
    let label: String
}

extension ChartStyle {
    static let legendRowHeight = 18.0

    /// The entries in rows from `top`, wrapped to the width; the markup and the height it takes.
    static func legend(_ entries: [ChartLegendEntry], top: Double) -> (markup: String, height: Double) {
        guard !entries.isEmpty else { return ("", 0) }
        let keyWidth = 16.0, gap = 5.0, spacing = 14.0
        let right = width - margin
        var markup = "", x = margin, rowTop = top
        for entry in entries {
            let label = ChartText.fitted(entry.label, width: right - margin - keyWidth - gap, fontSize: smallFontSize)
            let entryWidth = keyWidth + gap + ChartText.width(label, fontSize: smallFontSize)
            if x > margin && x + entryWidth > right {
                x = margin
                rowTop += legendRowHeight
            }
            let centre = rowTop + legendRowHeight / 2
            markup += entry.key(x, centre - 5)
            markup += text(label, x: x + keyWidth + gap, y: baseline(centredOn: centre, size: smallFontSize), size: smallFontSize,
                           whole: entry.label)
            x += entryWidth + spacing
        }
        return (SVGMarkup.element("g", ["class": "legend"], markup), rowTop + legendRowHeight - top)
    }
}
