import LamTheoCore

/// How the audit trail words study: "Bí thư Nguyễn Văn Bình ghi điểm danh buổi học tập: 31 có mặt, 2 vắng có lý do,
/// 120 đại biểu tại 3 điểm cầu".
struct StudyAuditWording: AuditWordingSource {
    var records: [AuditRecordWording] {
        [
            AuditRecordWording(StudySession.auditEntity, noun: LocalizedText(vi: "buổi học tập", en: "study session"), naming: .title("title"), fields: [
                AuditField("title", LocalizedText(vi: "Tên buổi học tập", en: "Title")),
                AuditField("heldOn", LocalizedText(vi: "Ngày", en: "Date"), .day),
                AuditField("organizationId", LocalizedText(vi: "Đơn vị", en: "Unit"), .reference(.unit)),
                AuditField("campaignId", LocalizedText(vi: "Đợt triển khai", en: "Campaign"), .reference(.campaign)),
                AuditField("format", LocalizedText(vi: "Hình thức", en: "Format"), .choice { StudyFormat(rawValue: $0)?.label }),
                AuditField("presenter", LocalizedText(vi: "Báo cáo viên", en: "Presenter")),
                AuditField("nonMemberAttendees", LocalizedText(vi: "Người ngoài Đảng dự", en: "Non-member attendees"), .number),
                AuditField("documentIds", LocalizedText(vi: "Văn bản học tập", en: "Documents studied"), .references(.document)),
                AuditField("bridgePoints", LocalizedText(vi: "Điểm cầu", en: "Bridge points"), .summary(Self.bridgePoints)),
                AuditField("attendance", LocalizedText(vi: "Điểm danh", en: "Attendance"), .summary(Self.attendance)),
            ]),
            AuditRecordWording(Reflection.auditEntity, noun: LocalizedText(vi: "bài thu hoạch", en: "reflection"), naming: .owner("memberId", .member), fields: [
                AuditField("campaignId", LocalizedText(vi: "Đợt triển khai", en: "Campaign"), .reference(.campaign)),
                AuditField("state", LocalizedText(vi: "Trạng thái", en: "State"), .choice { ReflectionState(rawValue: $0)?.label }),
                AuditField("submissionCount", LocalizedText(vi: "Số lần nộp", en: "Times submitted"), .number),
                AuditField("submittedOn", LocalizedText(vi: "Ngày nộp", en: "Submitted on"), .day),
                AuditField("late", LocalizedText(vi: "Nộp muộn", en: "Late"), .flag),
                AuditField("bodyLength", LocalizedText(vi: "Độ dài bài", en: "Length"), .summary(Self.characters)),
                AuditField("fileName", LocalizedText(vi: "Tệp đính kèm", en: "File")),
                AuditField("grade", LocalizedText(vi: "Xếp loại", en: "Grade")),
                AuditField("reviewComment", LocalizedText(vi: "Nhận xét", en: "Review")),
                AuditField("reviewedOn", LocalizedText(vi: "Ngày nhận xét", en: "Reviewed on"), .day),
            ]),
            AuditRecordWording(ReflectionExtension.auditEntity, noun: LocalizedText(vi: "hạn nộp bài thu hoạch", en: "the reflection deadline"), fields: [
                AuditField("campaignId", LocalizedText(vi: "Đợt triển khai", en: "Campaign"), .reference(.campaign)),
                AuditField("organizationId", LocalizedText(vi: "Cho đảng viên của", en: "For the members of"), .reference(.unit)),
                AuditField("memberId", LocalizedText(vi: "Cho đảng viên", en: "For the member"), .reference(.member)),
                AuditField("until", LocalizedText(vi: "Đến ngày", en: "Until"), .day),
                AuditField("reason", LocalizedText(vi: "Lý do", en: "Reason")),
            ]),
        ]
    }

    var actions: [AuditActionWording] {
        [
            AuditActionWording("study.session.record", LocalizedText(vi: "ghi", en: "recorded")),
            AuditActionWording("study.session.update", LocalizedText(vi: "sửa", en: "edited")),
            AuditActionWording("study.session.delete", LocalizedText(vi: "xóa", en: "deleted"), listsChanges: false),
            // The sentence says what the sheet came to; the whole list of marks is the sheet's, not the trail's.
            AuditActionWording("study.attendance", LocalizedText(vi: "ghi điểm danh", en: "took the attendance of"), listsChanges: false) { states in
                let marks = states["attendance"].map(Self.attendance)
                let delegates = states["bridgePoints"].flatMap { $0.isEmpty ? nil : Self.bridgePoints($0) }
                return [marks, delegates].compactMap { $0 }.joinedLocalized(", ")
            },
            AuditActionWording("reflection.submit", LocalizedText(vi: "nộp", en: "submitted")),
            AuditActionWording("reflection.extend", LocalizedText(vi: "gia hạn", en: "extended")) { states in
                states["until"].flatMap(CalendarDate.init(parsing:)).map { LocalizedText(vi: "đến \($0.vietnamese)", en: "until \($0.vietnamese)") }
            },
            AuditActionWording("reflection.review", LocalizedText(vi: "nhận xét", en: "reviewed")) { states in
                states["state"].flatMap { ReflectionState(rawValue: $0)?.label }
            },
        ]
    }

    /// "31 có mặt, 2 vắng có lý do" from the recorded marks ("12 present; 13 excused (Ốm)"), in the sheet's order of
    /// statuses; "chưa điểm danh" for none.
    static let attendance: @Sendable (String) -> LocalizedText = { recorded in
        var counts: [AttendanceStatus: Int] = [:]
        for mark in recorded.split(separator: ";") {
            let words = mark.split(separator: " ", maxSplits: 2)
            if words.count > 1, let status = AttendanceStatus(rawValue: String(words[1])) { counts[status, default: 0] += 1 }
        }
        let parts = AttendanceStatus.allCases.compactMap { status in
            counts[status].map { count in LocalizedText { NumberFormat($0).integer(count) + " " + status.label($0).lowercased() } }
        }
        return parts.joinedLocalized(", ") ?? LocalizedText(vi: "chưa điểm danh", en: "no attendance taken")
    }

    /// "120 đại biểu tại 3 điểm cầu" from the recorded bridge points ("Phường 1: 40; Phường 2: 80"): the delegates
    /// an online session counts beside its members.
    static let bridgePoints: @Sendable (String) -> LocalizedText = { recorded in
        let counts = recorded.split(separator: ";").compactMap { point in point.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        guard !counts.isEmpty else { return LocalizedText(vi: "không có điểm cầu", en: "no bridge points") }
        let total = counts.reduce(0, +)
        return LocalizedText {
            let numbers = NumberFormat($0)
            return LocalizedText(vi: "\(numbers.integer(total)) đại biểu tại \(numbers.integer(counts.count)) điểm cầu",
                                 en: "\(numbers.integer(total)) delegates at \(numbers.integer(counts.count)) bridge points")($0)
        }
    }

    static let characters: @Sendable (String) -> LocalizedText = { recorded in
        let count = Int(recorded) ?? 0
        return LocalizedText { LocalizedText(vi: "\(NumberFormat($0).integer(count)) ký tự", en: "\(NumberFormat($0).integer(count)) characters")($0) }
    }
}
