/// One abbreviation of a document's symbol: a type (`CT` chỉ thị) or an issuing body (`TW`). The lists
/// are data, seeded from these and extendable, because each province adds its own bodies.
public struct DocumentAbbreviation: Sendable, Hashable, Codable {
    /// As the symbol writes it: `CT`, `ĐA`, `CTr`, `BTGDVTW`.
    public let code: String
    public let nameVi: String
    public let nameEn: String

    public init(code: String, nameVi: String, nameEn: String) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
    }

    public func name(_ language: UILanguage) -> String {
        language == .vi ? nameVi : nameEn
    }
}

/// The abbreviations of Party practice: the types of document and their symbols as Hướng dẫn 36-HD/VPTW
/// (03-4-2018, on the form and presentation of Party documents) lists them, and the issuing bodies whose
/// symbols appear on published documents (a committee's own letters, `-CV/BTCTW`, `-TB/BCĐTW`, `-QĐ/BTGDVTU`…),
/// including the bodies of the 2025 reorganisation and those it dissolved, whose documents stay in force.
/// A province's own bodies beyond these are added by an administrator.
///
/// The database copies these lists when it is created; an entry added here reaches existing databases only
/// through a migration that inserts it.
public enum StandardDocumentAbbreviations {
    /// Types of document. Party "quyết định" and "quy định" are both `QĐ` today (366-QĐ/TW is a quy định), so
    /// they share one entry and one numbering; from 2018 to 2021 quy định were numbered apart as `QĐi`
    /// (08-QĐi/TW, 01-QĐi/UBKTTW), and those documents are still cited.
    public static let types: [DocumentAbbreviation] = [
        .init(code: "NQ", nameVi: "Nghị quyết", nameEn: "Resolution"),
        .init(code: "CT", nameVi: "Chỉ thị", nameEn: "Directive"),
        .init(code: "KL", nameVi: "Kết luận", nameEn: "Conclusion"),
        .init(code: "QĐ", nameVi: "Quyết định, quy định", nameEn: "Decision or regulation"),
        .init(code: "QĐi", nameVi: "Quy định (ký hiệu 2018–2021)", nameEn: "Regulation (2018–2021 symbol)"),
        .init(code: "QĐNS", nameVi: "Quyết định nhân sự", nameEn: "Personnel decision"),
        .init(code: "QC", nameVi: "Quy chế", nameEn: "Rules of procedure"),
        .init(code: "HD", nameVi: "Hướng dẫn", nameEn: "Guidance"),
        .init(code: "TT", nameVi: "Thông tri", nameEn: "Circular"),
        .init(code: "KH", nameVi: "Kế hoạch", nameEn: "Plan"),
        .init(code: "QHo", nameVi: "Quy hoạch", nameEn: "Master plan"),
        .init(code: "CTr", nameVi: "Chương trình", nameEn: "Programme"),
        .init(code: "ĐA", nameVi: "Đề án", nameEn: "Scheme"),
        .init(code: "PA", nameVi: "Phương án", nameEn: "Option paper"),
        .init(code: "BC", nameVi: "Báo cáo", nameEn: "Report"),
        .init(code: "TB", nameVi: "Thông báo", nameEn: "Notice"),
        .init(code: "TC", nameVi: "Thông cáo", nameEn: "Communiqué"),
        .init(code: "TTr", nameVi: "Tờ trình", nameEn: "Submission"),
        .init(code: "CV", nameVi: "Công văn", nameEn: "Official letter"),
        .init(code: "BB", nameVi: "Biên bản", nameEn: "Minutes"),
        .init(code: "GM", nameVi: "Giấy mời", nameEn: "Invitation"),
        .init(code: "GGT", nameVi: "Giấy giới thiệu", nameEn: "Letter of introduction"),
        .init(code: "GCN", nameVi: "Giấy chứng nhận", nameEn: "Certificate"),
        .init(code: "PG", nameVi: "Phiếu gửi", nameEn: "Dispatch slip"),
        .init(code: "PC", nameVi: "Phiếu chuyển", nameEn: "Transfer slip"),
    ]

    /// Issuing bodies: the central bodies, then the committees of each level with the boards that issue
    /// documents in their own name.
    public static let issuers: [DocumentAbbreviation] = central + local

    private static let central: [DocumentAbbreviation] = [
        .init(code: "TW", nameVi: "Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư", nameEn: "Central Committee, Politburo, Secretariat"),
        .init(code: "VPTW", nameVi: "Văn phòng Trung ương Đảng", nameEn: "Party Central Office"),
        .init(code: "BTCTW", nameVi: "Ban Tổ chức Trung ương", nameEn: "Central Organisation Commission"),
        .init(code: "BTGTW", nameVi: "Ban Tuyên giáo Trung ương (đến 2025)", nameEn: "Central Propaganda and Education Commission (until 2025)"),
        .init(code: "BDVTW", nameVi: "Ban Dân vận Trung ương (đến 2025)", nameEn: "Central Mass Mobilisation Commission (until 2025)"),
        .init(code: "BTGDVTW", nameVi: "Ban Tuyên giáo và Dân vận Trung ương", nameEn: "Central Propaganda, Education and Mass Mobilisation Commission"),
        .init(code: "UBKTTW", nameVi: "Ủy ban Kiểm tra Trung ương", nameEn: "Central Inspection Commission"),
        .init(code: "BNCTW", nameVi: "Ban Nội chính Trung ương", nameEn: "Central Internal Affairs Commission"),
        .init(code: "BKTTW", nameVi: "Ban Kinh tế Trung ương (đến 2025)", nameEn: "Central Economic Commission (until 2025)"),
        .init(code: "BCSCLTW", nameVi: "Ban Chính sách, chiến lược Trung ương", nameEn: "Central Policy and Strategy Commission"),
        .init(code: "BĐNTW", nameVi: "Ban Đối ngoại Trung ương (đến 2025)", nameEn: "Central External Relations Commission (until 2025)"),
        .init(code: "HĐLLTW", nameVi: "Hội đồng Lý luận Trung ương", nameEn: "Central Theoretical Council"),
        .init(code: "BCĐTW", nameVi: "Ban Chỉ đạo Trung ương", nameEn: "Central Steering Committee"),
        .init(code: "QUTW", nameVi: "Quân ủy Trung ương", nameEn: "Central Military Commission"),
        .init(code: "ĐUQSTW", nameVi: "Đảng ủy Quân sự Trung ương (đến 2011)", nameEn: "Central Military Party Committee (until 2011)"),
        .init(code: "ĐUCA", nameVi: "Đảng ủy Công an Trung ương", nameEn: "Central Public Security Party Committee"),
        .init(code: "ĐUCP", nameVi: "Đảng ủy Chính phủ", nameEn: "Government Party Committee"),
        .init(code: "ĐUQH", nameVi: "Đảng ủy Quốc hội", nameEn: "National Assembly Party Committee"),
        .init(code: "ĐUK", nameVi: "Đảng ủy Khối", nameEn: "Committee of a bloc"),
        .init(code: "BCSĐ", nameVi: "Ban cán sự đảng", nameEn: "Party personnel committee"),
        .init(code: "ĐĐ", nameVi: "Đảng đoàn", nameEn: "Party delegation"),
    ]

    /// A local committee, and the boards of it that issue documents: each board's symbol is its own
    /// abbreviation followed by the committee's (`BTC` + `TU` = `BTCTU`, Ban Tổ chức Tỉnh ủy).
    private struct Committee {
        let committee: DocumentAbbreviation
        let boards: [DocumentAbbreviation]

        var abbreviations: [DocumentAbbreviation] {
            [committee] + boards.map {
                DocumentAbbreviation(code: $0.code + committee.code, nameVi: "\($0.nameVi) \(committee.nameVi)",
                                     nameEn: "\($0.nameEn) of a \(committee.nameEn.lowercased())")
            }
        }
    }

    private static let office = DocumentAbbreviation(code: "VP", nameVi: "Văn phòng", nameEn: "Office")
    private static let inspection = DocumentAbbreviation(code: "UBKT", nameVi: "Ủy ban Kiểm tra", nameEn: "Inspection Commission")
    private static let organisation = DocumentAbbreviation(code: "BTC", nameVi: "Ban Tổ chức", nameEn: "Organisation Commission")
    private static let propaganda = DocumentAbbreviation(code: "BTG", nameVi: "Ban Tuyên giáo", nameEn: "Propaganda Commission")
    private static let massMobilisation = DocumentAbbreviation(code: "BDV", nameVi: "Ban Dân vận", nameEn: "Mass Mobilisation Commission")
    /// The district level's boards, and the province's before 2025.
    private static let boards = [office, organisation, inspection, propaganda, massMobilisation]

    private static let local: [DocumentAbbreviation] = [
        Committee(committee: .init(code: "TU", nameVi: "Tỉnh ủy, Thành ủy", nameEn: "Provincial or city committee"), boards: boards + [
            .init(code: "BNC", nameVi: "Ban Nội chính", nameEn: "Internal Affairs Commission"),
            // Since 2025 one board, as at the centre.
            .init(code: "BTGDV", nameVi: "Ban Tuyên giáo và Dân vận", nameEn: "Propaganda and Mass Mobilisation Commission"),
        ]),
        // Districts were abolished in 2025; their documents are still cited.
        Committee(committee: .init(code: "HU", nameVi: "Huyện ủy", nameEn: "District committee"), boards: boards),
        Committee(committee: .init(code: "QU", nameVi: "Quận ủy", nameEn: "Urban district committee"), boards: boards),
        Committee(committee: .init(code: "ThU", nameVi: "Thành ủy (thành phố thuộc tỉnh)", nameEn: "City committee (city of a province)"), boards: []),
        // Commune and ward committees, and every other "đảng ủy" that writes its symbol so.
        Committee(committee: .init(code: "ĐU", nameVi: "Đảng ủy", nameEn: "Party committee"), boards: [office, inspection]),
        Committee(committee: .init(code: "CB", nameVi: "Chi bộ", nameEn: "Cell"), boards: []),
    ].flatMap(\.abbreviations)
}
