import Foundation

/// When a contribution (tham luận) arrives against its briefing's deadline: on time, late but taken (marked
/// "nộp muộn", as reflections are), or refused because the briefing takes no late ones.
public enum ContributionTiming: Sendable, Hashable {
    case onTime
    case late
    case refused(dueOn: CalendarDate)

    public init(submittedOn: CalendarDate, dueOn: CalendarDate, lateAllowed: Bool) {
        if submittedOn <= dueOn {
            self = .onTime
        } else {
            self = lateAllowed ? .late : .refused(dueOn: dueOn)
        }
    }

    public var refusal: LocalizedText? {
        guard case .refused(let dueOn) = self else { return nil }
        return LocalizedText(vi: "Đã hết hạn nộp tham luận (hạn cuối \(dueOn.vietnamese)); hội nghị không nhận tham luận nộp muộn",
                             en: "Contributions were due by \(dueOn.vietnamese); this briefing takes no late ones")
    }
}

/// The contributions presented at a briefing, counted as the source reports count them: turns to speak
/// (lượt) and the distinct units that spoke — "11 lượt ý kiến tham luận của 11 đơn vị".
public struct PresentedContributions: Sendable, Hashable {
    public let turns: Int
    public let units: Int

    /// - Parameter presentingUnits: the unit of each presented contribution, one entry per contribution.
    public init(presentingUnits: [Int]) {
        turns = presentingUnits.count
        units = Set(presentingUnits).count
    }

    public var sentence: LocalizedText {
        guard turns > 0 else {
            return LocalizedText(vi: "Chưa có tham luận nào được trình bày", en: "No contribution presented yet")
        }
        let vi = "\(VietnameseFormat.integer(turns)) lượt ý kiến tham luận của \(VietnameseFormat.integer(units)) đơn vị"
        let en = "\(turns) contribution\(turns == 1 ? "" : "s") presented by \(units) unit\(units == 1 ? "" : "s")"
        return LocalizedText(vi: vi, en: en)
    }
}

/// A briefing's list texts (bridge points, agenda, questions) as stored: one item a line, blank lines and
/// surrounding spaces dropped.
public enum BriefingLines {
    public static func items(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public static func text(_ items: [String]) -> String {
        items.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
