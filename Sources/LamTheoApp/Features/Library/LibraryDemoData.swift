import Fluent
import Foundation
import LamTheoCore
import Vapor

extension DemoData {
    /// The city committee's library, through the same commands as the form: the resolution's summary (a PDF, public,
    /// required reading of the demo campaign, read already by the demo member), an infographic and a video (links,
    /// public), and the lecture outline for members only.
    static func createLibrary(_ app: Application, today: CalendarDate) async throws {
        let db = app.db
        guard try await LibraryItem.query(on: db).count() == 0,
              let city = try await Organization.query(on: db).filter(\.$parentId == nil).sort(\.$id).first() else { return }
        let campaign = try await Campaign.query(on: db).filter(\.$organizationId == city.requireID()).filter(\.$status == .active).sort(\.$id).first()
        let demo = DemoWriter(app: app)
        let store = app.documentFiles
        func add(_ input: LibraryItemInput, file: (name: String, data: Data)? = nil) async throws -> LibraryItem {
            var input = input
            input.organizationId = city.id
            return try await demo.write("library.create", LibraryItem.self) { [input] in
                try await LibraryCommands.save(input, upload: file, id: nil, unit: city, by: (0, "Ban Tuyên giáo Thành ủy"), store: store, on: $0)
            }
        }
        let summary = try await add(LibraryItemInput(
            kind: LibraryKind.summary.rawValue, title: "Tóm tắt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
            summary: "Những nội dung cốt lõi của Nghị quyết Đại hội XIII: mục tiêu tổng quát, sáu nhiệm vụ trọng tâm và ba đột phá chiến lược, "
                + "để đảng viên học tập, quán triệt và liên hệ với nhiệm vụ của chi bộ.",
            topics: "Nghị quyết Đại hội XIII, Học tập và làm theo Bác", visibility: LibraryVisibility.public.rawValue,
            campaignIds: campaign?.id.map { [$0] }, requiredCampaignIds: campaign?.id.map { [$0] }),
            file: ("tom-tat-nghi-quyet-dai-hoi-xiii.pdf", DemoPDF.text([
                "TOM TAT NGHI QUYET DAI HOI XIII CUA DANG",
                "Muc tieu tong quat, sau nhiem vu trong tam, ba dot pha chien luoc.",
                "Tai lieu hoc tap cua Ban Tuyen giao Thanh uy.",
            ])))
        _ = try await add(LibraryItemInput(
            kind: LibraryKind.infographic.rawValue, title: "Infographic: 12 điều Bác Hồ dạy về đạo đức cách mạng",
            summary: "Mười hai lời dạy của Chủ tịch Hồ Chí Minh về cần, kiệm, liêm, chính, chí công vô tư, trình bày trên một trang để in và treo ở nhà văn hóa khu phố.",
            topics: "Đạo đức Hồ Chí Minh", visibility: LibraryVisibility.public.rawValue, linkUrl: "https://tulieuvankien.dangcongsan.vn/",
            campaignIds: campaign?.id.map { [$0] }))
        _ = try await add(LibraryItemInput(
            kind: LibraryKind.video.rawValue, title: "Video: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            summary: "Phóng sự 15 phút về những mô hình làm theo Bác ở các phường của thành phố, dùng mở đầu buổi sinh hoạt chi bộ.",
            topics: "Học tập và làm theo Bác", visibility: LibraryVisibility.public.rawValue, linkUrl: "https://vtv.vn/video/hoc-tap-va-lam-theo-bac.htm"))
        _ = try await add(LibraryItemInput(
            kind: LibraryKind.document.rawValue, title: "Đề cương bài giảng chuyên đề năm \(today.year) (dành cho báo cáo viên)",
            summary: "Đề cương chi tiết, câu hỏi thảo luận và gợi ý liên hệ thực tế cho báo cáo viên các chi bộ; chỉ lưu hành trong Đảng.",
            topics: "Học tập và làm theo Bác, Báo cáo viên", visibility: LibraryVisibility.members.rawValue,
            campaignIds: campaign?.id.map { [$0] }),
            file: ("de-cuong-bai-giang.pdf", DemoPDF.text(["DE CUONG BAI GIANG CHUYEN DE NAM \(today.year)", "Luu hanh noi bo."])))
        // The demo member has read the summary: the campaign's page counts one reader.
        if let user = try await User.query(on: db).filter(\.$username == "dangvien").first(),
           let memberId = try await RoleGrant.query(on: db).filter(\.$userId == user.requireID()).all().compactMap(\.memberId).first {
            let item = summary.requireID()
            _ = try await demo.write("library.read", LibraryReading.self) { try await LibraryCommands.recordReading(item, member: memberId, on: $0) }
        }
    }
}

/// A one-page PDF of a few lines (Helvetica, so plain ASCII), for the demo's files.
enum DemoPDF {
    static func text(_ lines: [String]) -> Data {
        let content = "BT /F1 14 Tf 50 780 Td 18 TL " + lines.map { "(\($0.filter(\.isASCII).replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: ""))) '" }
            .joined(separator: " ") + " ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n" + offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }
}
