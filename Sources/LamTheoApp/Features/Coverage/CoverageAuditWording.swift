import LamTheoCore

/// How the personal-data log words the campaign's lists of members exported from the coverage page.
struct CoverageAuditWording: AuditWordingSource {
    var personalDataViews: [String: LocalizedText] {
        ["coverage.members.xlsx": LocalizedText(vi: "Xuất danh sách đảng viên theo đợt triển khai (XLSX)", en: "Exported a campaign's list of members (XLSX)")]
    }
}
