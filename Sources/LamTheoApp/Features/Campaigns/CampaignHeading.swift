import LamTheoCore
import Plot

/// A campaign as pages name it: its title with its badges, and its period. Plain values for a page's model.
struct CampaignHeading: Sendable, Hashable {
    let id: Int
    let title: String
    let topicYear: Int?
    let isClosed: Bool
    let startsOn: CalendarDate
    let endsOn: CalendarDate
}

extension CampaignHeading {
    init(_ campaign: Campaign) {
        self.init(id: campaign.requireID(), title: campaign.title, topicYear: campaign.topicYear, isClosed: campaign.status == .closed,
                  startsOn: campaign.startsOn, endsOn: campaign.endsOn)
    }

    /// "01/01/2025 – 31/12/2025".
    var period: String {
        "\(startsOn.vietnamese) – \(endsOn.vietnamese)"
    }

    /// What follows the title: the year whose topic it is, and that it is over.
    func badges(_ language: UILanguage) -> Node<HTML.BodyContext> {
        .group(.unwrap(topicYear) { .span(.class("badge"), .text(LocalizedText(vi: " Chuyên đề năm \($0)", en: " Topic of \($0)")(language))) },
               .if(isClosed, .span(.class("badge closed"), .text(LocalizedText(vi: " Đã kết thúc", en: " Closed")(language)))))
    }
}
