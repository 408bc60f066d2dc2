import LamTheoCore

/// How the audit trail words imports ("Cán bộ Trần Thị Hoa nhập danh sách đảng viên từ tệp “dangvien.xlsx”: 1.234
/// thêm mới, 56 thay đổi") and the personal-data log the exports.
struct SpreadsheetAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(ImportRecord.auditEntity, noun: LocalizedText(vi: "từ tệp", en: "from the file"), naming: .title("file"), fields: [
                AuditField("rows", LocalizedText(vi: "Số dòng", en: "Rows"), .number),
                AuditField("unchanged", LocalizedText(vi: "Không đổi", en: "Unchanged"), .number),
                AuditField("convertedCells", LocalizedText(vi: "Ô chuyển từ phông chữ cũ", en: "Cells converted from a legacy font"), .number),
                AuditField("legacyEncoding", LocalizedText(vi: "Bảng mã cũ", en: "Legacy encoding")),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("import.members", LocalizedText(vi: "nhập danh sách đảng viên", en: "imported members"), outcome: Self.counts),
            AuditActionWording("import.organizations", LocalizedText(vi: "nhập danh sách tổ chức", en: "imported units"), outcome: Self.counts),
        ]
    }

    var personalDataViews: [String: LocalizedText] {
        [
            "member.export.csv": LocalizedText(vi: "Xuất danh sách đảng viên (CSV)", en: "Exported members (CSV)"),
            "member.export.xlsx": LocalizedText(vi: "Xuất danh sách đảng viên (XLSX)", en: "Exported members (XLSX)"),
        ]
    }

    /// "1.234 thêm mới, 56 thay đổi".
    private static let counts: @Sendable (AuditStates) -> LocalizedText? = { states in
        guard let created = states["created"].flatMap(Int.init), let changed = states["changed"].flatMap(Int.init) else { return nil }
        return LocalizedText {
            let numbers = NumberFormat($0)
            return LocalizedText(vi: "\(numbers.integer(created)) thêm mới, \(numbers.integer(changed)) thay đổi",
                                 en: "\(numbers.integer(created)) new, \(numbers.integer(changed)) changed")($0)
        }
    }
}
