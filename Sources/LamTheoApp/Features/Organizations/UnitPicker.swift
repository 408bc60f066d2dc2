import Fluent
import LamTheoCore
import Plot
import Vapor

/// Choosing a unit without JavaScript, for move, merge and transfer: a search form that reloads the page
/// with `?q=`, and inside the page's own form the matches as radio buttons, each with its parent's name
/// and its code, since many units share a name ("Chi bộ Khu phố 1").
struct UnitPicker {
    struct Candidate {
        let id: Int
        let name: String
        let code: String
        let parentName: String?
    }

    /// The radio buttons' field name, as the command's input calls it.
    let field: String
    let legend: LocalizedText
    let searchLabel: LocalizedText
    /// The page's own URL: the search reloads it.
    let action: String
    let searchText: String
    let candidates: [Candidate]
    let selected: Int?

    /// Up to 20 units matching the search (cells only, committees only, or both when `holdsMembers` is nil),
    /// and the one already chosen, whatever the search.
    static func candidates(matching text: String, holdsMembers: Bool?, excluding excluded: Int?, selected: Int?,
                           scopes: [TreePath]?, on db: any Database) async throws -> [Candidate] {
        var units: [(id: Int, parentId: Int?, name: String, code: String)] = []
        if !text.isEmpty {
            let filter = OrganizationQueries.Filter(text: text, holdsMembers: holdsMembers, scopes: scopes)
            units = try await OrganizationQueries.search(filter, page: 1, perPage: 20, on: db).items.filter { $0.id != excluded }
                .map { ($0.id, $0.parentId, $0.name, $0.code) }
        }
        // The chosen unit by itself: its subtree's figures (a sum over the whole tree for the root) are not shown here.
        if let selected, !units.contains(where: { $0.id == selected }), let unit = try await Organization.find(selected, on: db),
           scopes?.contains(where: { $0.contains(unit.treePath) }) ?? true {
            units.insert((selected, unit.parentId, unit.name, unit.code), at: 0)
        }
        let parents = try await OrganizationQueries.parentNames(of: units.map { ($0.id, $0.parentId) }, on: db)
        return units.map { Candidate(id: $0.id, name: $0.name, code: $0.code, parentName: parents[$0.id]) }
    }

    func searchForm(_ language: UILanguage) -> Node<HTML.BodyContext> {
        .form(.class("inline"), .method(.get), .action(action), .attribute(named: "role", value: "search"),
              .div(.label(.for("q"), .text(searchLabel(language))),
                   .input(.id("q"), .name("q"), .type(.search), .value(searchText))),
              .button(.type(.submit), .class("secondary"), .text(LocalizedText(vi: "Tìm", en: "Search")(language))))
    }

    func choices(_ language: UILanguage, errors: [String]) -> Node<HTML.FormContext> {
        .fieldset(
            .id(field),
            .element(named: "legend", text: legend(language)),
            .if(candidates.isEmpty, .p(.class("muted"), .text(searchText.isEmpty
                ? LocalizedText(vi: "Hãy tìm đơn vị ở ô tìm kiếm phía trên.", en: "Search for the unit above.")(language)
                : UnitRow.nothingFound(searchText)(language)))),
            .forEach(candidates) { candidate in
                .div(.class("choice"),
                     .input(.type(.radio), .name(field), .value(String(candidate.id)), .id("\(field)-\(candidate.id)"),
                            .checked(candidate.id == selected), .attribute(named: "aria-invalid", value: errors.isEmpty ? nil : "true")),
                     .label(.for("\(field)-\(candidate.id)"),
                            .text(candidate.name),
                            .span(.class("muted"), .text(" — " + [candidate.parentName, candidate.code].compactMap { $0 }.joined(separator: " · ")))))
            },
            .forEach(errors) { .p(.class("field-error"), .text($0)) }
        )
    }
}
