import LamTheoCore
import Testing

@Suite("Party bodies: a unit's committee, its header and its symbol")
struct PartyBodiesTests {
    @Test("the committee that issues, in the header's capitals")
    func committee() {
        #expect(PartyBodies.committee(ofUnitNamed: "Đảng bộ phường Bến Nghé") == "Đảng ủy phường Bến Nghé")
        #expect(PartyBodies.issuingBody(ofUnitNamed: "Đảng bộ phường Bến Nghé") == "ĐẢNG ỦY PHƯỜNG BẾN NGHÉ")
        #expect(PartyBodies.committee(ofUnitNamed: "Chi bộ Khu phố 3") == "Chi bộ Khu phố 3")
    }

    @Test("the symbol's issuer by name and kind; nil where they do not tell")
    func issuerCode() {
        let cases: [(String, StandardOrganizationKind, String?)] = [
            ("Ban Chấp hành Trung ương", .central, "TW"),
            ("Đảng bộ Thành phố Hồ Chí Minh", .province, "TU"),
            ("Đảng bộ tỉnh Lâm Đồng", .province, "TU"),
            ("Đảng bộ Chính phủ", .province, "ĐUCP"),
            ("Đảng bộ Quân đội", .province, nil),
            ("Đảng bộ Khối Cơ quan và Doanh nghiệp", .upperGrassroots, "ĐUK"),
            ("Đảng bộ khối Doanh nghiệp", .grassroots, "ĐUK"),
            ("Đảng bộ phường Bến Nghé", .commune, "ĐU"),
            ("Đảng bộ Công an Thành phố", .upperGrassroots, "ĐU"),
            ("Đảng bộ bộ phận Khoa Toán 2", .subCommittee, "ĐU"),
            ("Chi bộ Khu phố 3", .cell, "CB"),
            ("Chi bộ Trường Tiểu học Lê Lợi", .grassrootsCell, "CB"),
            ("Tổ đảng Khu phố 3", .cell, nil),
        ]
        for (name, kind, code) in cases {
            #expect(PartyBodies.issuerCode(ofUnitNamed: name, kind: kind.rawValue) == code, "\(name)")
        }
        #expect(PartyBodies.issuerCode(ofUnitNamed: "Đảng bộ phường Bến Nghé", kind: "ban-chi-dao") == nil, "a kind of the installation's own")
    }

    @Test("the committee's own symbol or a board's in the standard list")
    func boards() {
        #expect(PartyBodies.isIssuer("TU", of: "TU") && PartyBodies.isIssuer("BTGDVTU", of: "TU") && PartyBodies.isIssuer("VPĐU", of: "ĐU"))
        #expect(!PartyBodies.isIssuer("ĐU", of: "TU") && !PartyBodies.isIssuer("ĐUK", of: "ĐU") && !PartyBodies.isIssuer("XYZTU", of: "TU"))
    }
}
