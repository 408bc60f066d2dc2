import LamTheoCore
import LamTheoDocx

/// The conclusion notice (thông báo kết luận) drafted from a briefing: the Party's document header, the
/// briefing's facts, the count of contributions and the numbered conclusions with the units given each and
/// their deadlines, ready to be finished and registered as a document of type TB — as text on the page, and as a
/// DOCX in the Party's format to finish in a word processor.
enum BriefingNotice {
    static let unnumbered = "…-TB/…"

    static func text(_ detail: BriefingDetail) -> String {
        let lines = [
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            detail.committeeName.uppercased(),
            "Số \(detail.notice?.symbol ?? unnumbered)",
            "",
            "THÔNG BÁO",
            "Kết luận \(detail.briefing.title)",
            "",
        ] + body(detail) + ["", "Nơi nhận:"] + recipients(detail).map { "- \($0)" }
        return lines.joined(separator: "\n")
    }

    /// The notice as a Party document: `superiorBody` above the committee, numbered and dated as registered (a
    /// placeholder number and `today` before).
    static func document(_ detail: BriefingDetail, superiorBody: String, registeredOn: CalendarDate?, today: CalendarDate = .today()) -> PartyDocument {
        let date = registeredOn ?? today
        return PartyDocument(
            superiorBody: superiorBody, issuingBody: PartyBodies.issuingBody(ofUnitNamed: detail.committeeName),
            numberAndSymbol: detail.notice?.symbol ?? unnumbered, place: "", date: DocumentDate(date),
            documentType: "THÔNG BÁO", subject: "Kết luận \(detail.briefing.title)",
            sections: [PartyDocument.Section(heading: "", content: body(detail).filter { !$0.isEmpty }.map { .paragraph($0) })],
            recipients: recipients(detail), authority: PartyBodies.authority(ofUnitNamed: detail.committeeName), signerTitle: "BÍ THƯ", signerName: "")
    }

    /// From the meeting's facts to the last conclusion, a line a paragraph ("" between the facts and the conclusions).
    private static func body(_ detail: BriefingDetail) -> [String] {
        let briefing = detail.briefing
        var lines: [String] = []
        let place = [briefing.place, briefing.onlineLink.map { "trực tuyến (\($0))" }].compactMap { $0 }.joined(separator: " và ")
        let bridges = briefing.bridgePoints.isEmpty ? "" : ", kết nối \(briefing.bridgePoints.count) điểm cầu (\(briefing.bridgePoints.joined(separator: ", ")))"
        lines.append("Ngày \(briefing.heldOn.vietnamese)\(briefing.startsAt.map { ", lúc \($0)" } ?? ""), tại \(place)\(bridges), "
                     + "\(detail.committeeName) tổ chức \(briefing.title) về chuyên đề “\(briefing.theme)”, "
                     + "với sự tham dự của \(detail.units.count) đơn vị: \(detail.units.map(\.name).joined(separator: ", ")).")
        if let report = detail.leadReport {
            lines.append("Hội nghị nghe báo cáo đề dẫn (\(report.symbol): \(report.title)).")
        }
        if !briefing.questions.isEmpty {
            lines.append("Các vấn đề đặt ra thảo luận: " + briefing.questions.joined(separator: "; ") + ".")
        }
        lines.append("Hội nghị đã nghe \(detail.presented.sentence.vi).")
        lines.append("")
        lines.append("Kết luận hội nghị, \(detail.committeeName) yêu cầu:")
        for conclusion in detail.conclusions {
            var point = "\(conclusion.number). \(conclusion.text)"
            if !conclusion.tasks.isEmpty {
                let byDeadline = Dictionary(grouping: conclusion.tasks, by: \.deadline).sorted { $0.key < $1.key }
                point += " Giao: " + byDeadline.map { deadline, tasks in
                    "\(tasks.map(\.unitName).joined(separator: ", ")) (\(tasks[0].responsible)) thực hiện, hoàn thành trước ngày \(deadline.vietnamese)"
                }.joined(separator: "; ") + "."
            }
            lines.append(point)
        }
        return lines
    }

    private static func recipients(_ detail: BriefingDetail) -> [String] {
        detail.units.map { "\($0.name)," } + ["Lưu Văn phòng."]
    }
}
