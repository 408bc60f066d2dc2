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

/// The abbreviations of Party practice (Hướng dẫn 36-HD/VPTW, 2018, on the form of Party documents).
public enum StandardDocumentAbbreviations {
    /// Types of document. Party "quyết định" and "quy định" are both `QĐ` (366-QĐ/TW is a quy định), so
    /// they share one entry and one numbering.
    public static let types: [DocumentAbbreviation] = [
        .init(code: "NQ", nameVi: "Nghị quyết", nameEn: "Resolution"),
        .init(code: "CT", nameVi: "Chỉ thị", nameEn: "Directive"),
        .init(code: "KL", nameVi: "Kết luận", nameEn: "Conclusion"),
        .init(code: "QĐ", nameVi: "Quyết định, quy định", nameEn: "Decision or regulation"),
        .init(code: "QĐNS", nameVi: "Quyết định nhân sự", nameEn: "Personnel decision"),
        .init(code: "QC", nameVi: "Quy chế", nameEn: "Rules of procedure"),
        .init(code: "HD", nameVi: "Hướng dẫn", nameEn: "Guidance"),
        .init(code: "TT", nameVi: "Thông tri", nameEn: "Circular"),
        .init(code: "KH", nameVi: "Kế hoạch", nameEn: "Plan"),
        .init(code: "CTr", nameVi: "Chương trình", nameEn: "Programme"),
        .init(code: "ĐA", nameVi: "Đề án", nameEn: "Scheme"),
        .init(code: "BC", nameVi: "Báo cáo", nameEn: "Report"),
        .init(code: "TB", nameVi: "Thông báo", nameEn: "Notice"),
        .init(code: "TTr", nameVi: "Tờ trình", nameEn: "Submission"),
        .init(code: "CV", nameVi: "Công văn", nameEn: "Official letter"),
    ]

    /// Issuing bodies: the central bodies and the usual local committees.
    public static let issuers: [DocumentAbbreviation] = [
        .init(code: "TW", nameVi: "Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư", nameEn: "Central Committee, Politburo, Secretariat"),
        .init(code: "VPTW", nameVi: "Văn phòng Trung ương Đảng", nameEn: "Party Central Office"),
        .init(code: "BTCTW", nameVi: "Ban Tổ chức Trung ương", nameEn: "Central Organisation Commission"),
        .init(code: "BTGTW", nameVi: "Ban Tuyên giáo Trung ương", nameEn: "Central Propaganda and Education Commission"),
        .init(code: "BTGDVTW", nameVi: "Ban Tuyên giáo và Dân vận Trung ương", nameEn: "Central Propaganda, Education and Mass Mobilisation Commission"),
        .init(code: "UBKTTW", nameVi: "Ủy ban Kiểm tra Trung ương", nameEn: "Central Inspection Commission"),
        .init(code: "TU", nameVi: "Tỉnh ủy, Thành ủy", nameEn: "Provincial or city committee"),
        .init(code: "BTGTU", nameVi: "Ban Tuyên giáo Tỉnh ủy, Thành ủy", nameEn: "Propaganda Commission of a provincial committee"),
        .init(code: "ĐUK", nameVi: "Đảng ủy Khối", nameEn: "Committee of a bloc"),
        .init(code: "HU", nameVi: "Huyện ủy", nameEn: "District committee"),
        .init(code: "QU", nameVi: "Quận ủy", nameEn: "Urban district committee"),
        .init(code: "ĐU", nameVi: "Đảng ủy", nameEn: "Party committee"),
        .init(code: "CB", nameVi: "Chi bộ", nameEn: "Cell"),
    ]
}
