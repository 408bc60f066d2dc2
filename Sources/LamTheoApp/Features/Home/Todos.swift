import Fluent
import LamTheoCore
import NIOConcurrencyHelpers

/// How soon something is to be done: the start page lists the most urgent first.
enum TodoUrgency: String, Codable, Sendable, CaseIterable, Comparable {
    case overdue
    case today
    case thisWeek = "this_week"
    case later

    static func < (lhs: TodoUrgency, rhs: TodoUrgency) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The urgency of something due on `day`: past due, due today, within the next seven days, later.
    static func due(_ day: CalendarDate, today: CalendarDate) -> TodoUrgency {
        if day < today { return .overdue }
        if day == today { return .today }
        return day <= today.adding(days: 7) ? .thisWeek : .later
    }

    var label: LocalizedText {
        switch self {
        case .overdue: return LocalizedText(vi: "Quá hạn", en: "Overdue")
        case .today: return LocalizedText(vi: "Hôm nay", en: "Today")
        case .thisWeek: return LocalizedText(vi: "Tuần này", en: "This week")
        case .later: return LocalizedText(vi: "Sắp tới", en: "Later")
        }
    }
}

/// One thing the reader has to do, one tap from the page where it is done.
struct TodoItem: Sendable, Hashable {
    /// What kind of thing it is, the same in both languages ("study.attendance"): what the API's clients,
    /// the tests and the browser journeys key on.
    let kind: String
    let urgency: TodoUrgency
    /// How many things the item stands for ("3 bài thu hoạch chờ duyệt"): 1 for a single one.
    let count: Int
    /// What to do: "Điểm danh buổi 04/12 chưa ghi".
    let title: LocalizedText
    /// Where: the unit first, then the campaign, session or period ("Chi bộ Khu phố 1 · Năm 2026"); or the commitment.
    var detail: LocalizedText? = nil
    /// The deadline, when there is one.
    var dueOn: CalendarDate? = nil
    /// The page (or form) where it is done.
    let link: String
}

/// A headline number of a subtree the reader follows: the members, the share who studied in a campaign…
struct HeadlineFigure: Sendable, Hashable {
    /// The unit whose subtree it counts.
    let unit: String
    let title: LocalizedText
    /// Written already ("1.234", "231/245 (94,3%)", "chưa báo cáo").
    let value: LocalizedText
    /// What it is about when the title does not say (the campaign).
    var note: LocalizedText? = nil
    /// The page listing what it counts.
    var link: String? = nil
}

/// The values of headline figures.
extension LocalizedText {
    /// A count as each language writes it: 1.234 in Vietnamese, 1,234 in English.
    static func number(_ value: Int) -> LocalizedText {
        LocalizedText(vi: NumberFormat.vi.integer(value), en: NumberFormat.en.integer(value))
    }

    /// A coverage figure in each language: "231/245 (94,3%)", or "chưa báo cáo".
    static func figure(_ figure: CoverageFigure) -> LocalizedText {
        LocalizedText(vi: figure.text(.vi), en: figure.text(.en))
    }
}

/// Who asks for their to-do list, and on what day.
struct TodoReader: Sendable {
    let actor: Actor
    let today: CalendarDate

    /// The roots of the reader's officer and secretary grants: the units they answer for. Empty for an
    /// administrator, who follows the whole tree, and for a member who holds no other role.
    var scopes: [TreePath] {
        actor.grants.filter { ($0.role == .officer || $0.role == .secretary) && $0.lentBy == nil }.compactMap(\.scope)
            .reduce(into: []) { unique, scope in if !unique.contains(scope) { unique.append(scope) } }
    }
}

/// A feature that knows what a reader has to do: it registers at start-up (`configure`) instead of being
/// read by the start page, so that the start page needs no feature's tables. Items and figures count only
/// what the reader may read.
protocol TodoSource: Sendable {
    /// The reader's items, in the order this source ranks them.
    func todos(for reader: TodoReader, on db: any Database) async throws -> [TodoItem]
    /// Headline figures of the subtrees the reader follows.
    func figures(for reader: TodoReader, on db: any Database) async throws -> [HeadlineFigure]
}

extension TodoSource {
    func todos(for reader: TodoReader, on db: any Database) async throws -> [TodoItem] { [] }
    func figures(for reader: TodoReader, on db: any Database) async throws -> [HeadlineFigure] { [] }
}

/// Sources in the order their items rank among equally urgent ones, and their figures are shown.
struct TodoSources: Sendable {
    private(set) var sources: [any TodoSource] = []

    /// Adds `source` after those registered before; registering the same type again changes nothing.
    mutating func register(_ source: any TodoSource) {
        if !sources.contains(where: { type(of: $0) == type(of: source) }) { sources.append(source) }
    }

    /// Every source's items, most urgent first; equally urgent ones in registration order, then as each
    /// source listed them.
    func todos(for reader: TodoReader, on db: any Database) async throws -> [TodoItem] {
        var items: [TodoItem] = []
        for source in sources {
            items += try await source.todos(for: reader, on: db)
        }
        return items.enumerated().sorted { lhs, rhs in
            lhs.element.urgency != rhs.element.urgency ? lhs.element.urgency < rhs.element.urgency : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Every source's figures, in registration order.
    func figures(for reader: TodoReader, on db: any Database) async throws -> [HeadlineFigure] {
        var figures: [HeadlineFigure] = []
        for source in sources {
            figures += try await source.figures(for: reader, on: db)
        }
        return figures
    }
}

enum Todos {
    /// Registered once per process, like the rating evidence: the list is code, the same for every
    /// application a test starts. A value, so that a test can extend a copy without the others seeing it.
    private static let registered = NIOLockedValueBox(TodoSources())

    static var sources: TodoSources { registered.withLockedValue { $0 } }

    static func register(_ source: any TodoSource) {
        registered.withLockedValue { $0.register(source) }
    }
}
