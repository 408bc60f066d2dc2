import LamTheoCore

/// How the audit trail words a load of generated data: one event on the root unit, not one per row.
struct SampleDataAuditWording: AuditWordingSource {
    var actions: [AuditActionWording] {
        [AuditActionWording("sample-data.load", LocalizedText(vi: "nạp dữ liệu mẫu vào", en: "loaded sample data into"), listsChanges: false)]
    }
}
