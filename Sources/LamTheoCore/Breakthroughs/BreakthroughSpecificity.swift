/// How a breakthrough's result is measured: a number moved from a baseline to a target in some unit of
/// measure ("%", "hộ", "km", "tỷ đồng"), or a concrete deliverable that is either done or not.
public enum BreakthroughTargetKind: String, Sendable, Codable, CaseIterable {
    case numeric
    case deliverable
}

/// A breakthrough as typed, after its text has been tidied: what the specificity check looks at.
public struct BreakthroughDraft: Sendable {
    public var content: String
    public var targetKind: BreakthroughTargetKind?
    public var baselineValue: Double?
    public var targetValue: Double?
    public var measureUnit: String?
    public var deliverable: String?
    public var startsOn: CalendarDate?
    public var endsOn: CalendarDate?

    public init(content: String, targetKind: BreakthroughTargetKind?, baselineValue: Double? = nil, targetValue: Double? = nil,
                measureUnit: String? = nil, deliverable: String? = nil, startsOn: CalendarDate?, endsOn: CalendarDate?) {
        self.content = content
        self.targetKind = targetKind
        self.baselineValue = baselineValue
        self.targetValue = targetValue
        self.measureUnit = measureUnit
        self.deliverable = deliverable
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}

/// The words of slogans (nâng cao, tăng cường, đẩy mạnh, chất lượng, hiệu quả…) and the small words around
/// them, folded with `VietnameseText.searchKey`. A text is vague when nothing is left once they are taken
/// out: no number and no named thing that can be checked.
public struct SloganVocabulary: Sendable {
    /// Folded phrases, matched on whole words.
    public let phrases: [[Substring]]

    public init(_ phrases: [String]) {
        // Longest first, so that "to chuc co so dang" goes before "dang".
        self.phrases = phrases.map { VietnameseText.searchKey($0).split(separator: " ") }.filter { !$0.isEmpty }
            .sorted { $0.count > $1.count }
    }

    /// The words of `text` that are neither slogan nor filler, nor a reference to the directive itself: a
    /// document's number ("05-CT/TW", "Nghị quyết 21-NQ/TW"), a congress ("Đại hội XIII"), the year
    /// ("năm 2026") name what is being implemented, not what will be done.
    public func concreteWords(of text: String) -> [Substring] {
        let words = Self.withoutReferences(VietnameseText.searchKey(text).split(separator: " "))
        var kept: [Substring] = []
        var index = 0
        next: while index < words.count {
            for phrase in phrases where words[index...].starts(with: phrase) {
                index += phrase.count
                continue next
            }
            kept.append(words[index])
            index += 1
        }
        return kept
    }

    /// Folded document types that follow a document's number ("05 ct tw", "21 nq tw", "138 qdns tw").
    static let documentTypes: Set<Substring> = ["ct", "kl", "nq", "qd", "qdi", "qdns", "hd", "tb", "kh", "bc", "ql", "qc", "ttr", "cv", "da", "dan"]
    /// Folded words after which a roman numeral is a congress or a term ("đại hội XIII", "khóa XIV", "lần thứ XIII").
    static let numeralMarkers: Set<Substring> = ["hoi", "khoa", "thu"]

    static func withoutReferences(_ words: [Substring]) -> [Substring] {
        var kept: [Substring] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            let isNumber = word.allSatisfy(\.isNumber)
            if isNumber, index + 1 < words.count, documentTypes.contains(words[index + 1]) {
                // The number, its type and the issuer after it ("tw", "tu", "bct"…), when one follows.
                index += index + 2 < words.count && words[index + 2].count <= 4 && !words[index + 2].contains(where: \.isNumber) ? 3 : 2
                continue
            }
            if isNumber, word.count == 4, kept.last == "nam", let year = Int(word), (1930...2100).contains(year) {
                index += 1
                continue
            }
            if let previous = kept.last, numeralMarkers.contains(previous), word.count <= 5, word.allSatisfy({ "ivxl".contains($0) }) {
                index += 1
                continue
            }
            kept.append(word)
            index += 1
        }
        return kept
    }

    public static let standard = SloganVocabulary([
        // Slogans: verbs and qualities that promise without saying what.
        "nâng cao", "tăng cường", "đẩy mạnh", "chất lượng", "hiệu quả", "toàn diện", "đổi mới", "phát huy", "quyết liệt", "đồng bộ",
        "thực chất", "mạnh mẽ", "tích cực", "sáng tạo", "bền vững", "phát triển", "tiếp tục", "cải thiện", "thực hiện", "triển khai",
        "chú trọng", "quan tâm", "xây dựng", "vững mạnh", "trong sạch", "lãnh đạo", "chỉ đạo", "hoàn thành", "xuất sắc", "tốt",
        "hơn nữa", "nhiều hơn", "rõ nét", "chuyển biến", "tạo bước đột phá", "đột phá", "khâu", "công tác", "mọi mặt", "các mặt",
        "hoạt động", "phong trào", "nhiệm vụ", "giải pháp", "vai trò", "trách nhiệm", "tinh thần", "ý thức", "năng lực", "sức chiến đấu",
        "đảng bộ", "chi bộ", "đảng viên", "cán bộ", "tổ chức cơ sở đảng", "hệ thống chính trị", "toàn thể", "chính trị",
        // The directives' own words: restating what is being implemented says nothing about how.
        "học tập và làm theo", "học tập", "làm theo", "tư tưởng", "đạo đức", "phong cách", "hồ chí minh", "bác hồ", "gương bác",
        "chỉ thị", "kết luận", "nghị quyết", "quyết định", "quy định", "hướng dẫn", "đại hội", "lần thứ", "khóa", "đảng", "nhà nước", "nhân dân", "trung ương",
        "nêu gương", "gương mẫu", "lối sống", "suy thoái", "tự diễn biến", "tự chuyển hóa", "chống", "ngăn chặn", "đẩy lùi",
        "quán triệt", "tuyên truyền", "sâu rộng", "thường xuyên", "nghiêm túc", "góp phần", "thắng lợi", "mục tiêu", "phấn đấu",
        "gắn với", "gắn", "thi đua", "yêu nước", "cấp ủy", "các cấp", "cơ quan", "đơn vị",
        // Filler.
        "các", "và", "của", "trong", "những", "việc", "để", "về", "một", "cách", "hơn", "nữa", "nhất", "thể", "ở", "tại", "cho",
        "với", "theo", "trên", "dưới", "đạt", "mức", "cao", "có", "được", "là", "đã", "sẽ", "đến", "từ", "năm", "toàn", "mới",
    ])
}

/// The rule of the seeds: "khâu đột phá phải nêu cụ thể, không nêu chung chung, và có thời gian thực hiện".
/// A breakthrough without a measurable target, without an end date, or whose text only restates a slogan
/// is refused, each time saying exactly what is missing.
public enum BreakthroughSpecificity {
    public static let rule = LocalizedText(
        vi: "Khâu đột phá phải nêu cụ thể, không nêu chung chung, và có thời gian thực hiện.",
        en: "A breakthrough must be specific, not general, and have a time frame.")

    /// Every reason `draft` is not specific enough, field by field; empty when it may be stored.
    /// - Parameter period: the rating period it belongs to; its dates must fall inside it.
    public static func problems(of draft: BreakthroughDraft, period: ClosedRange<CalendarDate>?,
                                slogans: SloganVocabulary = .standard) -> [FieldError] {
        var errors: [FieldError] = []
        func refuse(_ field: String, vi: String, en: String) {
            errors.append(FieldError(field: field, message: LocalizedText(vi: "\(vi). \(rule.vi)", en: "\(en). \(rule.en)")))
        }

        if draft.content.split(separator: " ").count < 3 {
            refuse("content", vi: "Nội dung quá ngắn: cần nêu rõ làm việc gì, ở đâu, cho ai",
                   en: "The content is too short: say what will be done, where and for whom")
        } else if isVague(draft.content, slogans: slogans) {
            refuse("content", vi: "Nội dung chỉ nhắc lại khẩu hiệu (như “nâng cao”, “tăng cường”, “chất lượng”, “hiệu quả”): cần nêu việc cụ thể có thể kiểm tra được",
                   en: "The content only restates a slogan (such as “improve”, “strengthen”, “quality”, “effectiveness”): name a concrete thing that can be checked")
        }

        switch draft.targetKind {
        case nil:
            refuse("targetKind", vi: "Chưa có chỉ tiêu đo được: cần một con số với đơn vị tính, hoặc một sản phẩm cụ thể",
                   en: "There is no measurable target: give a number with its unit of measure, or a concrete deliverable")
        case .numeric:
            if let target = draft.targetValue, target.isFinite {
                if target == (draft.baselineValue ?? 0) {
                    refuse("targetValue", vi: "Chỉ tiêu bằng giá trị hiện tại: cần nêu mức phải đạt khác với mức xuất phát",
                           en: "The target equals the baseline: give a level to reach that differs from the starting point")
                }
            } else {
                refuse("targetValue", vi: "Chưa có giá trị chỉ tiêu phải đạt (một con số)", en: "The target value (a number) is missing")
            }
            if let baseline = draft.baselineValue, !baseline.isFinite {
                refuse("baselineValue", vi: "Giá trị hiện tại không phải là một con số", en: "The baseline is not a number")
            }
            if (draft.measureUnit ?? "").isEmpty {
                refuse("measureUnit", vi: "Chưa có đơn vị tính của chỉ tiêu (như %, hộ, km, tỷ đồng)",
                       en: "The target's unit of measure is missing (such as %, households, km, billion đồng)")
            }
        case .deliverable:
            let deliverable = draft.deliverable ?? ""
            if deliverable.isEmpty {
                refuse("deliverable", vi: "Chưa nêu sản phẩm cụ thể phải hoàn thành", en: "The concrete deliverable is missing")
            } else if isVague(deliverable, slogans: slogans) {
                refuse("deliverable", vi: "Sản phẩm chỉ nhắc lại khẩu hiệu: cần nêu một sản phẩm có thể kiểm tra là đã xong hay chưa",
                       en: "The deliverable only restates a slogan: name something that can be checked as done or not")
            }
        }

        if draft.startsOn == nil {
            refuse("startsOn", vi: "Chưa có ngày bắt đầu thực hiện", en: "The start date is missing")
        }
        guard let end = draft.endsOn else {
            refuse("endsOn", vi: "Chưa có thời hạn hoàn thành", en: "The end date is missing")
            return errors
        }
        if let start = draft.startsOn, end < start {
            errors.append(FieldError(field: "endsOn", message: LocalizedText(
                vi: "Ngày kết thúc (\(end.vietnamese)) trước ngày bắt đầu (\(start.vietnamese))",
                en: "The end date (\(end.vietnamese)) is before the start date (\(start.vietnamese))")))
        } else if let period {
            for (field, date) in [("startsOn", draft.startsOn), ("endsOn", end)] {
                if let date, !period.contains(date) {
                    errors.append(FieldError(field: field, message: LocalizedText(
                        vi: "Ngày \(date.vietnamese) nằm ngoài kỳ đánh giá (\(period.lowerBound.vietnamese) – \(period.upperBound.vietnamese))",
                        en: "\(date.vietnamese) is outside the period (\(period.lowerBound.vietnamese) – \(period.upperBound.vietnamese))")))
                }
            }
        }
        return errors
    }

    /// No number and fewer than two words beyond the slogan vocabulary.
    static func isVague(_ text: String, slogans: SloganVocabulary) -> Bool {
        let concrete = slogans.concreteWords(of: text)
        return !concrete.contains { $0.contains(where: \.isNumber) } && concrete.count < 2
    }
}
