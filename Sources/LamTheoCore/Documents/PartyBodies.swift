/// How a Party document's header names a unit's bodies, by default (the author may change them): the party
/// organisation above, the committee that issues, and the authority it signs for.
public enum PartyBodies {
    /// "Đảng bộ phường Bến Nghé" issues as "ĐẢNG ỦY PHƯỜNG BẾN NGHÉ"; a cell ("Chi bộ …") as itself; in capitals.
    public static func issuingBody(ofUnitNamed name: String) -> String {
        committee(ofUnitNamed: name).uppercased()
    }

    /// "Đảng bộ phường Bến Nghé" is led by "Đảng ủy phường Bến Nghé"; a cell ("Chi bộ …") by itself.
    public static func committee(ofUnitNamed name: String) -> String {
        name.hasPrefix(partyOrganisation) ? "Đảng ủy " + name.dropFirst(partyOrganisation.count) : name
    }

    /// "T/M CHI BỘ" for a cell, "T/M BAN THƯỜNG VỤ" for a committee.
    public static func authority(ofUnitNamed name: String) -> String {
        name.hasPrefix("Chi bộ") ? "T/M CHI BỘ" : "T/M BAN THƯỜNG VỤ"
    }

    /// The issuer part of the symbols a unit's committee writes, from its name and kind (`StandardOrganizationKind`'s
    /// code): "TW" for the Central Committee, "TU" for a province or centrally run city, "ĐUK" for a bloc ("Đảng bộ
    /// Khối …"), "ĐU" for a commune's, ward's or other đảng bộ's committee, "CB" for a cell, and the central
    /// committees the standard list names. nil where the name and kind do not say (a central block, a kind of the
    /// installation's own): then no issuer is expected.
    public static func issuerCode(ofUnitNamed name: String, kind: String) -> String? {
        if let central = centralCommittees[name] { return central }
        if name.hasPrefix("Chi bộ ") { return "CB" }
        guard name.hasPrefix(partyOrganisation) else { return nil }
        let rest = name.dropFirst(partyOrganisation.count)
        if rest.lowercased().hasPrefix("khối ") { return "ĐUK" }
        switch StandardOrganizationKind(rawValue: kind) {
        case .province:
            return ["tỉnh ", "thành phố "].contains { rest.lowercased().hasPrefix($0) } ? "TU" : nil
        case .commune, .upperGrassroots, .grassroots, .subCommittee:
            return "ĐU"
        case .central, .grassrootsCell, .cell, nil:
            return nil
        }
    }

    /// Whether a symbol's issuer part `issuer` is the committee `own` (an `issuerCode`) or one of its boards in the
    /// standard list, whose code ends with the committee's ("VPTU", "BTGDVTU" of a "TU"; "UBKTĐU" of an "ĐU").
    public static func isIssuer(_ issuer: String, of own: String) -> Bool {
        issuer == own || (issuer.hasSuffix(own) && StandardDocumentAbbreviations.issuers.contains { $0.code == issuer })
    }

    private static let partyOrganisation = "Đảng bộ "

    /// The central committees whose symbols the standard list holds, by the name of their đảng bộ.
    private static let centralCommittees = [
        "Ban Chấp hành Trung ương": "TW",
        "Đảng bộ Chính phủ": "ĐUCP",
        "Đảng bộ Quốc hội": "ĐUQH",
        "Đảng bộ Công an Trung ương": "ĐUCA",
    ]
}
