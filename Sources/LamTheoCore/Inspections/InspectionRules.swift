/// Kiểm tra (an inspection) or giám sát (supervision): the same procedure, named apart on the decision.
public enum InspectionKind: String, Sendable, Codable, CaseIterable {
    case inspection
    case supervision

    public var label: LocalizedText {
        switch self {
        case .inspection: return LocalizedText(vi: "Kiểm tra", en: "Inspection")
        case .supervision: return LocalizedText(vi: "Giám sát", en: "Supervision")
        }
    }
}

/// A place on the team (đoàn kiểm tra).
public enum InspectionTeamRole: String, Sendable, Codable, CaseIterable {
    case leader
    case member
    case secretary

    public var label: LocalizedText {
        switch self {
        case .leader: return LocalizedText(vi: "Trưởng đoàn", en: "Team leader")
        case .member: return LocalizedText(vi: "Thành viên", en: "Member")
        case .secretary: return LocalizedText(vi: "Thư ký", en: "Secretary")
        }
    }
}

/// What a finding says of a unit: a strength (ưu điểm) or a shortcoming (hạn chế, khuyết điểm).
public enum FindingKind: String, Sendable, Codable, CaseIterable {
    case strength
    case shortcoming

    public var label: LocalizedText {
        switch self {
        case .strength: return LocalizedText(vi: "Ưu điểm", en: "Strength")
        case .shortcoming: return LocalizedText(vi: "Hạn chế, khuyết điểm", en: "Shortcoming")
        }
    }
}

/// Who a criticism (phê bình) is of: a collective (a unit) or a person (a member).
public enum CriticismTarget: String, Sendable, Codable, CaseIterable {
    case collective
    case person

    public var label: LocalizedText {
        switch self {
        case .collective: return LocalizedText(vi: "Tập thể", en: "Collective")
        case .person: return LocalizedText(vi: "Cá nhân", en: "Person")
        }
    }
}

/// The steps of the committee's procedure, in their order.
public enum InspectionStep: String, Sendable, Codable, CaseIterable, Comparable {
    /// The plan and the outline of the self-report sent to the inspected units.
    case plan
    /// Each inspected unit's self-report.
    case selfReports = "self-reports"
    /// Working sessions, with their minutes.
    case sessions
    case findings
    /// The conclusion (a document).
    case conclusion
    /// Recommendations, each a follow-up task.
    case recommendations
    /// The follow-up tasks' reports, until each is accepted or cancelled.
    case remediation
    case closure

    public static func < (lhs: InspectionStep, rhs: InspectionStep) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var label: LocalizedText {
        switch self {
        case .plan: return LocalizedText(vi: "Gửi kế hoạch, đề cương báo cáo", en: "Plan and report outline sent")
        case .selfReports: return LocalizedText(vi: "Đơn vị tự kiểm tra, báo cáo", en: "Units' self-reports")
        case .sessions: return LocalizedText(vi: "Làm việc với đơn vị", en: "Working sessions")
        case .findings: return LocalizedText(vi: "Ưu điểm, hạn chế", en: "Findings")
        case .conclusion: return LocalizedText(vi: "Thông báo kết luận", en: "Conclusion")
        case .recommendations: return LocalizedText(vi: "Kiến nghị", en: "Recommendations")
        case .remediation: return LocalizedText(vi: "Khắc phục, báo cáo kết quả", en: "Remediation")
        case .closure: return LocalizedText(vi: "Kết thúc", en: "Closure")
        }
    }
}

/// How far an inspection has got, from what is recorded: each step is done or not, and a step can be recorded
/// only once the steps it rests on are done (`refusal(toRecord:)`); closing needs every step before it.
public struct InspectionProgress: Sendable, Hashable {
    public var planSent: Bool
    public var unitsInspected: Int
    public var selfReports: Int
    public var sessions: Int
    public var findings: Int
    public var concluded: Bool
    public var recommendations: Int
    /// Recommendations whose task is accepted or cancelled.
    public var recommendationsFinished: Int
    public var closed: Bool

    public init(planSent: Bool = false, unitsInspected: Int = 0, selfReports: Int = 0, sessions: Int = 0, findings: Int = 0,
                concluded: Bool = false, recommendations: Int = 0, recommendationsFinished: Int = 0, closed: Bool = false) {
        self.planSent = planSent
        self.unitsInspected = unitsInspected
        self.selfReports = selfReports
        self.sessions = sessions
        self.findings = findings
        self.concluded = concluded
        self.recommendations = recommendations
        self.recommendationsFinished = recommendationsFinished
        self.closed = closed
    }

    public func isDone(_ step: InspectionStep) -> Bool {
        switch step {
        case .plan: return planSent
        case .selfReports: return unitsInspected > 0 && selfReports >= unitsInspected
        case .sessions: return sessions > 0
        case .findings: return findings > 0
        case .conclusion: return concluded
        case .recommendations: return recommendations > 0
        case .remediation: return recommendations > 0 && recommendationsFinished >= recommendations
        case .closure: return closed
        }
    }

    /// The steps a step rests on: what must be done before it is recorded.
    public static func prerequisites(of step: InspectionStep) -> [InspectionStep] {
        switch step {
        case .plan: return []
        case .selfReports, .sessions: return [.plan]
        case .findings: return [.sessions]
        case .conclusion: return [.findings]
        case .recommendations: return [.conclusion]
        // Remediation is the tasks' own reports: nothing is recorded here for it.
        case .remediation: return [.recommendations]
        case .closure: return InspectionStep.allCases.filter { $0 < .closure }
        }
    }

    /// The first step not yet done: where the inspection stands.
    public var current: InspectionStep? {
        InspectionStep.allCases.first { !isDone($0) }
    }

    /// Why `step` cannot be recorded now, naming the steps still to be done; nil when it can.
    public func refusal(toRecord step: InspectionStep) -> LocalizedText? {
        if closed {
            return LocalizedText(vi: "Cuộc kiểm tra, giám sát đã kết thúc", en: "The inspection is closed")
        }
        let missing = Self.prerequisites(of: step).filter { !isDone($0) }
        guard !missing.isEmpty else { return nil }
        let vi = missing.map { "“\($0.label.vi)”" }.joined(separator: ", ")
        let en = missing.map { "“\($0.label.en)”" }.joined(separator: ", ")
        return LocalizedText(vi: "Chưa xong các bước trước: \(vi)", en: "Steps before it are not done yet: \(en)")
    }
}

/// The inspection's schedule: the team reads the inspected units' records from its first day to its last, both
/// included, and not once the inspection is closed. Asked on each request's own day, so the grant ends by itself.
public struct InspectionWindow: Sendable, Hashable {
    public let startsOn: CalendarDate
    public let endsOn: CalendarDate

    public init(startsOn: CalendarDate, endsOn: CalendarDate) {
        self.startsOn = startsOn
        self.endsOn = endsOn
    }

    public func grantsReading(on day: CalendarDate, closed: Bool) -> Bool {
        !closed && startsOn <= day && day <= endsOn
    }
}
