import LamTheoCore
import Plot

/// A unit as a page names and links it: what a page's model holds instead of the stored `Organization`.
struct UnitLink: Sendable, Hashable {
    let id: Int
    let name: String
}

extension UnitLink {
    init(_ unit: Organization) {
        self.init(id: unit.requireID(), name: unit.name)
    }
}

/// A line of a list of units: the unit and its state, the members of its subtree, the units directly under it.
struct UnitRow: Sendable, Hashable {
    let unit: UnitLink
    let status: OrganizationStatus
    let subtreeMembers: Int
    let childCount: Int
    /// The unit it is directly under, in a search's results, where many units share a name ("Chi bộ Khu phố 1").
    var parentName: String? = nil
}

extension UnitRow {
    init(_ summary: OrganizationSummary) {
        self.init(unit: UnitLink(id: summary.id, name: summary.name), status: summary.status,
                  subtreeMembers: summary.subtreeMembers, childCount: summary.childCount)
    }

    /// The same line, saying which unit it is under.
    func under(_ parentName: String?) -> UnitRow {
        var row = self
        row.parentName = parentName
        return row
    }

    /// What a search that found no unit says, with what to try instead.
    static func nothingFound(_ text: String) -> LocalizedText {
        LocalizedText(vi: "Không tìm thấy tổ chức nào khớp “\(text)”. Thử tìm theo tên không dấu (phuong ben nghe), chỉ vài chữ của tên, hoặc mã đơn vị.",
                      en: "No unit matches “\(text)”. Try the name without accents (phuong ben nghe), a few of its words, or the unit's code.")
    }

    /// The table of units the tree's pages show, each linking to its page (with its parent's name when known); a line
    /// saying so when there is none: `empty`, or that there is no unit.
    static func table(_ rows: [UnitRow], language: UILanguage, empty: LocalizedText? = nil) -> Node<HTML.BodyContext> {
        guard !rows.isEmpty else {
            return .p(.class("muted"), .text((empty ?? LocalizedText(vi: "Không có tổ chức nào.", en: "No organisations."))(language)))
        }
        let nameTitle = LocalizedText(vi: "Tên", en: "Name")(language)
        let membersTitle = LocalizedText(vi: "Đảng viên", en: "Members")(language)
        let unitsTitle = LocalizedText(vi: "Trực thuộc", en: "Units")(language)
        return .div(.class("table-wrap"), .attribute(named: "tabindex", value: "0"), .table(.class("responsive"),
            .thead(.tr(.th(.text(nameTitle)), .th(.class("num"), .text(membersTitle)), .th(.class("num"), .text(unitsTitle)))),
            .tbody(.forEach(rows) { row in
                .tr(
                    .td(.attribute(named: "data-label", value: nameTitle),
                        .a(.href(OrganizationRoute.show(.value(row.unit.id)).path), .text(row.unit.name)),
                        .if(row.status != .active, .span(.class("badge closed"), .text(" " + row.status.label(language)))),
                        .unwrap(row.parentName) { .span(.class("muted"), .text(" — " + $0)) }),
                    .td(.class("num"), .attribute(named: "data-label", value: membersTitle), .text(NumberFormat(language).integer(row.subtreeMembers))),
                    .td(.class("num"), .attribute(named: "data-label", value: unitsTitle), .text(NumberFormat(language).integer(row.childCount)))
                )
            })
        ))
    }
}

extension OrganizationStatus {
    var label: LocalizedText {
        switch self {
        case .active: return LocalizedText(vi: "Đang hoạt động", en: "Active")
        case .merged: return LocalizedText(vi: "Đã hợp nhất", en: "Merged")
        case .dissolved: return LocalizedText(vi: "Đã giải thể", en: "Dissolved")
        }
    }
}
