import LamTheoCore
import LamTheoDocx

/// The inspection's conclusion (kết luận kiểm tra, giám sát) drafted from what was recorded — the decision, the
/// units and period, the strengths, the shortcomings with their criticisms, the recommendations with their units
/// and deadlines — as a DOCX in the Party's format, to finish in a word processor and register as a document.
enum InspectionConclusionDraft {
    /// `decision`: the deciding document's number ("138-QĐ/TU"); `conclusion`: the registered conclusion's number and
    /// date, when there is one.
    static func document(_ detail: InspectionAPI.DetailDTO, superiorBody: String, decision: String,
                         conclusion: (symbol: String, issuedOn: CalendarDate)?, today: CalendarDate = .today()) -> PartyDocument {
        let kind = detail.kind.label.vi
        let units = detail.units.map(\.organizationName)
        let date = conclusion?.issuedOn ?? today
        var sections = [PartyDocument.Section(heading: "", content: [.paragraph(
            "Thực hiện Quyết định số \(decision) của \(detail.organizationName), từ ngày \(detail.startsOn.vietnamese) đến ngày \(detail.endsOn.vietnamese), "
                + "Đoàn \(kind.lowercased()) đã \(kind.lowercased()) \(units.joined(separator: ", ")) về \(detail.subject.lowercasedFirst) "
                + "(thời kỳ từ \(detail.periodFrom.vietnamese) đến \(detail.periodTo.vietnamese)). Trên cơ sở báo cáo của Đoàn, "
                + "\(detail.organizationName) kết luận như sau:")])]
        let strengths = detail.findings.filter { $0.kind == .strength }
        let shortcomings = detail.findings.filter { $0.kind == .shortcoming }
        sections.append(PartyDocument.Section(heading: "I. ƯU ĐIỂM", content: lines(strengths.map { "- \($0.organizationName): \($0.text)" })))
        sections.append(PartyDocument.Section(heading: "II. HẠN CHẾ, KHUYẾT ĐIỂM", content: lines(shortcomings.map { finding in
            let criticisms = finding.criticisms.map { "phê bình \($0.name): \($0.text)" }
            return "- \(finding.organizationName): \(finding.text)" + (criticisms.isEmpty ? "" : " (" + criticisms.joined(separator: "; ") + ")")
        })))
        sections.append(PartyDocument.Section(heading: "III. KIẾN NGHỊ", content: lines(detail.recommendations.enumerated().map { index, task in
            "\(index + 1). \(task.organizationName) (\(task.responsible)): \(task.title), hoàn thành trước ngày \(task.dueOn.vietnamese)."
        })))
        return PartyDocument(
            superiorBody: superiorBody, issuingBody: PartyBodies.issuingBody(ofUnitNamed: detail.organizationName),
            numberAndSymbol: conclusion?.symbol ?? "…-KL/…", place: "", date: DocumentDate(date),
            documentType: "KẾT LUẬN", subject: "\(kind) \(detail.subject.lowercasedFirst)", sections: sections,
            recipients: units.map { "\($0)," } + ["Lưu Văn phòng."], authority: PartyBodies.authority(ofUnitNamed: detail.organizationName),
            signerTitle: "BÍ THƯ", signerName: "")
    }

    /// A paragraph a line; "…" where nothing was recorded yet, for the author to write.
    private static func lines(_ texts: [String]) -> [PartyDocument.Content] {
        texts.isEmpty ? [.paragraph("…")] : texts.map { .paragraph($0) }
    }
}
