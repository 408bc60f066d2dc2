/// What an exemplar is (mô hình hay, gương điển hình): a person, a collective or a model.
public enum ExemplarKind: String, Sendable, Codable, CaseIterable {
    case individual
    case collective
    case model

    public var label: LocalizedText {
        switch self {
        case .individual: return LocalizedText(vi: "Cá nhân", en: "Individual")
        case .collective: return LocalizedText(vi: "Tập thể", en: "Collective")
        case .model: return LocalizedText(vi: "Mô hình", en: "Model")
        }
    }
}

/// Where an exemplar stands: nominated by its unit or the unit's parent, verified by the level above,
/// commended, replicated by other units.
public enum ExemplarState: String, Sendable, Codable, CaseIterable {
    case nominated
    case verified
    case commended
    case replicated

    public var label: LocalizedText {
        switch self {
        case .nominated: return LocalizedText(vi: "Đã đề nghị", en: "Nominated")
        case .verified: return LocalizedText(vi: "Đã thẩm định", en: "Verified")
        case .commended: return LocalizedText(vi: "Đã khen thưởng", en: "Commended")
        case .replicated: return LocalizedText(vi: "Đã nhân rộng", en: "Replicated")
        }
    }

    /// Commended: counted as such in the roll-ups, and readable by every reader (it is there to be copied).
    public static let commendedOrLater: [ExemplarState] = [.commended, .replicated]

    /// The state after `step`, or why the step cannot be taken now.
    public func after(_ step: ExemplarStep) -> Result<ExemplarState, ExemplarStepRefusal> {
        switch (step, self) {
        case (.verify, .nominated): return .success(.verified)
        case (.commend, .verified): return .success(.commended)
        // A higher level may commend again (at its own level), whatever has spread since.
        case (.commend, .commended), (.commend, .replicated): return .success(self)
        case (.requestReplication, .commended), (.requestReplication, .replicated): return .success(self)
        case (.adopt, .commended), (.adopt, .replicated): return .success(.replicated)
        default: return .failure(ExemplarStepRefusal(step: step, state: self))
        }
    }
}

/// The steps of an exemplar's life after its nomination.
public enum ExemplarStep: String, Sendable, Codable, CaseIterable {
    case verify
    case commend
    case requestReplication = "request_replication"
    case adopt
}

/// A step refused in the state the exemplar is in, worded for the user.
public struct ExemplarStepRefusal: Error, Sendable, Hashable {
    public let step: ExemplarStep
    public let state: ExemplarState

    public var message: LocalizedText {
        let (vi, en): (String, String)
        switch step {
        case .verify: (vi, en) = ("Chỉ thẩm định điển hình đang ở bước đề nghị", "Only a nominated exemplar can be verified")
        case .commend: (vi, en) = ("Chỉ khen thưởng điển hình đã được cấp trên thẩm định", "Only a verified exemplar can be commended")
        case .requestReplication, .adopt: (vi, en) = ("Chỉ nhân rộng điển hình đã được khen thưởng", "Only a commended exemplar can be replicated")
        }
        return LocalizedText(vi: "\(vi) (hiện: \(state.label.vi.lowercased()))", en: "\(en) (now: \(state.label.en.lowercased()))")
    }
}

/// The forms of commendation, lowest first.
public enum CommendationForm: String, Sendable, Codable, CaseIterable {
    /// Biểu dương.
    case praise
    /// Giấy khen.
    case certificate
    /// Bằng khen.
    case meritCertificate = "merit_certificate"
    /// Cờ thi đua.
    case flag

    public var label: LocalizedText {
        switch self {
        case .praise: return LocalizedText(vi: "Biểu dương", en: "Praise")
        case .certificate: return LocalizedText(vi: "Giấy khen", en: "Certificate of merit")
        case .meritCertificate: return LocalizedText(vi: "Bằng khen", en: "Diploma of merit")
        case .flag: return LocalizedText(vi: "Cờ thi đua", en: "Emulation flag")
        }
    }
}

/// One rule of commendation authority as stored: units of `organizationKind` may grant `form` on the days
/// from `validFrom` to `validTo` (open-ended when nil). A version for a kind is the set of its rules starting
/// on one day.
public struct CommendationAuthorityRule: Sendable, Hashable, Codable {
    public let organizationKind: String
    public let form: CommendationForm
    public let validFrom: CalendarDate
    public let validTo: CalendarDate?

    public init(organizationKind: String, form: CommendationForm, validFrom: CalendarDate, validTo: CalendarDate? = nil) {
        self.organizationKind = organizationKind
        self.form = form
        self.validFrom = validFrom
        self.validTo = validTo
    }

    public func isValid(on day: CalendarDate) -> Bool {
        validFrom <= day && (validTo.map { day <= $0 } ?? true)
    }
}

/// Who may grant which form, from the stored rules: checked on the commendation's date.
public struct CommendationAuthority: Sendable {
    public let rules: [CommendationAuthorityRule]

    public init(rules: [CommendationAuthorityRule]) {
        self.rules = rules
    }

    /// The forms a unit of `kind` may grant on `day`, lowest first.
    public func forms(for kind: String, on day: CalendarDate) -> [CommendationForm] {
        let allowed = Set(rules.filter { $0.organizationKind == kind && $0.isValid(on: day) }.map(\.form))
        return CommendationForm.allCases.filter(allowed.contains)
    }

    /// Why `level` (named `levelName`, of kind `kind`) may not grant `form` on `day`, naming what it may grant.
    public func refusal(_ form: CommendationForm, by levelName: String, kind: String, on day: CalendarDate) -> LocalizedText? {
        let forms = forms(for: kind, on: day)
        guard !forms.contains(form) else { return nil }
        if forms.isEmpty {
            return LocalizedText(vi: "\(levelName) không có thẩm quyền khen thưởng vào ngày \(day.vietnamese)",
                                 en: "\(levelName) may grant no commendation on \(day.vietnamese)")
        }
        let vi = forms.map { $0.label.vi.lowercased() }.joined(separator: ", ")
        let en = forms.map { $0.label.en.lowercased() }.joined(separator: ", ")
        return LocalizedText(vi: "\(form.label.vi) vượt thẩm quyền của \(levelName): cấp này chỉ được \(vi) (quy định áp dụng ngày \(day.vietnamese))",
                             en: "\(form.label.en) is above the authority of \(levelName): it may grant only \(en) (rules in force on \(day.vietnamese))")
    }

    /// Why a new version for `kind` cannot start on `day`: the kind already has one starting then or later.
    public func versionRefusal(kind: String, from day: CalendarDate) -> LocalizedText? {
        guard let latest = rules.filter({ $0.organizationKind == kind }).map(\.validFrom).max(), latest >= day else { return nil }
        return LocalizedText(vi: "Đã có quy định cho cấp này áp dụng từ ngày \(latest.vietnamese); phiên bản mới phải bắt đầu sau ngày đó",
                             en: "This level already has rules from \(latest.vietnamese); a new version must start after it")
    }

    /// The kind's rules still in force on `day`, ending the day before: what a new version from `day` closes.
    public func closing(kind: String, from day: CalendarDate) -> [CommendationAuthorityRule] {
        rules.filter { $0.organizationKind == kind && ($0.validTo.map { $0 >= day } ?? true) }.map {
            CommendationAuthorityRule(organizationKind: $0.organizationKind, form: $0.form, validFrom: $0.validFrom, validTo: day.adding(days: -1))
        }
    }
}

/// A unit rated below a configured level in the last rating period is not nominated as a collective exemplar.
public struct CollectiveNominationRule: Sendable, Hashable {
    public let minimum: RatingLevel

    public init(minimum: RatingLevel) {
        self.minimum = minimum
    }

    /// Why `unitName`, rated `level` in `periodTitle`, cannot be nominated; nil when it can (not rated is not below).
    public func refusal(unitName: String, level: RatingLevel?, periodTitle: String) -> LocalizedText? {
        guard let level, level < minimum else { return nil }
        return LocalizedText(
            vi: "\(unitName) xếp loại “\(level.label.vi.lowercased())” \(periodTitle.lowercased()), dưới mức “\(minimum.label.vi.lowercased())” nên không được đề nghị điển hình tập thể",
            en: "\(unitName) was rated “\(level.label.en.lowercased())” in \(periodTitle), below “\(minimum.label.en.lowercased())”, so it cannot be nominated as a collective exemplar")
    }
}
