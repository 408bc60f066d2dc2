/// A member's attendance at a study session.
public enum AttendanceStatus: String, Codable, Sendable, CaseIterable {
    case present
    case absent
    /// Absent with leave (vắng có lý do).
    case excused

    public var label: LocalizedText {
        switch self {
        case .present: return LocalizedText(vi: "Có mặt", en: "Present")
        case .absent: return LocalizedText(vi: "Vắng", en: "Absent")
        case .excused: return LocalizedText(vi: "Vắng có lý do", en: "Excused")
        }
    }
}

/// One member's mark on an attendance sheet: the status and, for an absence, why.
public struct AttendanceMark: Sendable, Hashable {
    public let status: AttendanceStatus
    /// Why the member was not there; never kept for a member who was.
    public let reason: String?

    public init(status: AttendanceStatus, reason: String?) {
        self.status = status
        self.reason = status == .present ? nil : reason
    }

    /// What is wrong with the mark on line `line` of the sheet, if anything: leave is granted for a reason,
    /// so an excused absence needs its reason.
    public func problem(line: Int) -> LocalizedText? {
        guard status == .excused, reason == nil else { return nil }
        return LocalizedText(vi: "Dòng \(line): vắng có lý do thì cần ghi lý do", en: "Line \(line): an excused absence needs its reason")
    }
}
