import Fluent
import LamTheoCore
import NIOConcurrencyHelpers

/// One figure of a unit's subtree, read from the stored roll-ups: a count out of a whole ("231.700/245.200 đảng viên
/// đã học tập") or a count alone ("12 điển hình được khen thưởng").
struct DashboardFigure: Sendable, Hashable, Codable {
    /// Stable from day to day, what the daily snapshots are stored under: "campaign-3.studied", "commitments.achieved".
    let key: String
    /// "Đảng viên đã học tập".
    let title: LocalizedText
    /// nil: no unit counted here has reported it ("chưa báo cáo", never 0).
    let count: Int?
    /// The whole it is out of; nil for a count alone.
    let total: Int?
    /// How it was computed, each number named: "231.700 = đảng viên có mặt ít nhất một buổi học tập của đợt; 245.200 =
    /// đảng viên trong danh sách, không tính miễn sinh hoạt". nil for a unit read for its count alone (a child compared,
    /// a snapshot).
    let explanation: LocalizedText?
    /// The page listing the units, then the people, behind it; nil for a count alone, or where there is none.
    let link: String?
    /// Whether more is better (a share studied) or worse (obligations overdue): how lagging units are found.
    let higherIsBetter: Bool

    /// `explained` false: the count alone, for a unit compared or stored beside hundreds of others, whose explanation
    /// and link are never read and so never built.
    init(key: String, title: LocalizedText, count: Int?, total: Int?, explanation: @autoclosure () -> LocalizedText,
         link: @autoclosure () -> String?, higherIsBetter: Bool = true, explained: Bool) {
        self.key = key
        self.title = title
        self.count = count
        self.total = total
        self.explanation = explained ? explanation() : nil
        self.link = explained ? link() : nil
        self.higherIsBetter = higherIsBetter
    }
}

/// A stacked distribution of a whole into parts (ratings by grade), for the stacked bar chart.
struct DashboardDistribution: Sendable, Hashable, Codable {
    struct Part: Sendable, Hashable, Codable {
        let label: LocalizedText
        let count: Int
    }

    let title: LocalizedText
    let parts: [Part]
}

/// What a section's figures tell of the work, which is where a report puts them under "kết quả thực hiện".
enum DashboardTopic: String, Sendable, Hashable, Codable, CaseIterable {
    /// Lãnh đạo, chỉ đạo: briefings, inspections and the tasks they set.
    case leadership
    /// Quán triệt, học tập: the campaigns' coverage.
    case study
    /// Làm theo: commitments, breakthroughs.
    case practice
    /// Nêu gương, đánh giá: the ratings.
    case example
    /// Điển hình: exemplars commended and replicated.
    case exemplars
}

/// A feature's figures on the dashboard: a campaign's coverage, the commitments of a year, the ratings of a period.
struct DashboardSection: Sendable, Hashable, Codable {
    /// Stable: "campaign-3", "commitments-2026", "ratings-5".
    let key: String
    /// "Học tập Nghị quyết Đại hội XIV của Đảng".
    let title: LocalizedText
    let figures: [DashboardFigure]
    /// The figure (a key of `figures`) that compares child units in the bar chart and lists the lagging first.
    var leadFigure: String?
    var distribution: DashboardDistribution?
    var topic: DashboardTopic
}

/// A feature that has stored figures registers them here (`configure`) instead of being called by the dashboards:
/// the dashboard, the daily snapshots and the reports read every registered source the same way.
protocol DashboardSource: Sendable {
    /// Stable, e.g. "coverage".
    var name: String { get }
    /// The sections of each unit's subtree on `day`, from stored figures only (never a count of raw rows: the
    /// national root must read in the time of a ward): the unit asked about and its children are read together,
    /// with a grouped query, not one per unit. Only the figures of `explaining` (the unit a page or report is about)
    /// carry their explanation and link; the others are counts. A unit with nothing to show has no entry.
    func sections(of units: [DashboardUnit], explaining: Int?, day: CalendarDate, on db: any Database) async throws -> [Int: [DashboardSection]]
}

enum Dashboards {
    /// Registered once per process, in the order the dashboard shows them.
    private static let registered = NIOLockedValueBox([any DashboardSource]())

    static var sources: [any DashboardSource] { registered.withLockedValue { $0 } }

    /// Adds `source`; a second source of the same name changes nothing.
    static func register(_ source: any DashboardSource) {
        registered.withLockedValue { sources in
            if !sources.contains(where: { $0.name == source.name }) { sources.append(source) }
        }
    }

    /// Every registered source's sections for `units`, in registration order; those of `explaining` explained.
    /// `sourceRead` is told after each source (a report's job shows it as its progress).
    static func sections(of units: [DashboardUnit], explaining: Int?, day: CalendarDate, on db: any Database,
                         sourceRead: (Int) async throws -> Void = { _ in }) async throws -> [Int: [DashboardSection]] {
        var all: [Int: [DashboardSection]] = [:]
        for (index, source) in sources.enumerated() {
            for (unit, sections) in try await source.sections(of: units, explaining: explaining, day: day, on: db) { all[unit, default: []] += sections }
            try await sourceRead(index + 1)
        }
        return all
    }
}
