/// How a Party document's header names a unit's bodies, by default (the author may change them): the party
/// organisation above, the committee that issues, and the authority it signs for.
public enum PartyBodies {
    /// "Đảng bộ phường Bến Nghé" issues as "ĐẢNG ỦY PHƯỜNG BẾN NGHÉ"; a cell ("Chi bộ …") as itself; in capitals.
    public static func issuingBody(ofUnitNamed name: String) -> String {
        let prefix = "Đảng bộ "
        return (name.hasPrefix(prefix) ? "Đảng ủy " + name.dropFirst(prefix.count) : name).uppercased()
    }

    /// "T/M CHI BỘ" for a cell, "T/M BAN THƯỜNG VỤ" for a committee.
    public static func authority(ofUnitNamed name: String) -> String {
        name.hasPrefix("Chi bộ") ? "T/M CHI BỘ" : "T/M BAN THƯỜNG VỤ"
    }
}
