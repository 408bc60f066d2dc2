@testable import LamTheoDocx

/// A committee's sơ kết as the source documents word it: Vietnamese text, figures in vi-VN style, a table, a chart.
enum PartyDocumentSample {
    static let chart = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 300" width="640" height="300" role="img" \
        aria-labelledby="t d"><title id="t">Tỷ lệ đảng viên học tập Nghị quyết</title>\
        <desc id="d">Ba đảng bộ: 96,1%, 93,4%, 88,0%</desc>\
        <g font-family="Times New Roman, Liberation Serif, serif" font-size="16">\
        <line x1="60" y1="260" x2="620" y2="260" stroke="#333"/>\
        <rect x="100" y="29" width="120" height="231" fill="#b71c1c"/>\
        <rect x="280" y="36" width="120" height="224" fill="#c62828"/>\
        <rect x="460" y="49" width="120" height="211" fill="#e57373"/>\
        <text x="160" y="22" text-anchor="middle">96,1%</text><text x="340" y="29" text-anchor="middle">93,4%</text>\
        <text x="520" y="42" text-anchor="middle">88,0%</text>\
        <text x="160" y="285" text-anchor="middle">Khối Dân chính</text>\
        <text x="340" y="285" text-anchor="middle">Quận 1</text><text x="520" y="285" text-anchor="middle">Quận 3</text>\
        </g></svg>
        """

    static let document = PartyDocument(
        superiorBody: "Đảng bộ Thành phố Hồ Chí Minh",
        issuingBody: "Đảng ủy Khối Dân chính Đảng",
        numberAndSymbol: "97-BC/ĐUK",
        place: "TP. Hồ Chí Minh",
        date: DocumentDate(year: 2021, month: 11, day: 25),
        documentType: "Báo cáo",
        subject: "sơ kết việc nghiên cứu, học tập, quán triệt Nghị quyết\nĐại hội đại biểu toàn quốc lần thứ XIII của Đảng",
        sections: [
            PartyDocument.Section(heading: "I. ĐẶC ĐIỂM TÌNH HÌNH", content: [
                .paragraph("Đảng bộ Khối có 28 tổ chức cơ sở đảng với hơn 245.200 đảng viên; Ban Thường vụ Đảng ủy "
                    + "Khối đã lãnh đạo, chỉ đạo việc nghiên cứu, học tập, quán triệt Nghị quyết với nhiều hình thức "
                    + "phù hợp tình hình phòng, chống dịch bệnh."),
            ]),
            PartyDocument.Section(heading: "II. KẾT QUẢ THỰC HIỆN", content: [
                .paragraph("Đến ngày 25-11 có hơn 231.700 trong tổng số hơn 245.200 đảng viên đã tham gia nghiên "
                    + "cứu, học tập Nghị quyết, đạt tỷ lệ hơn 94%; 100% đảng viên sau học tập có bài thu hoạch. Hội "
                    + "nghị trực tuyến được tổ chức tại 17 điểm cầu với 4.360 đại biểu; 10 lớp với trên 3.340 học viên."),
                .table(PartyDocument.Table(
                    title: "Bảng 1. Kết quả học tập Nghị quyết đến ngày 25/11/2021",
                    header: ["Đảng bộ", "Đảng viên", "Đã học tập", "Tỷ lệ"],
                    rows: [["Đảng bộ Khối Dân chính Đảng", "120.400", "115.700", "96,1%"],
                           ["Đảng bộ Quận 1", "75.100", "70.150", "93,4%"],
                           ["Đảng bộ Quận 3", "49.700", "45.850", "92,3%"],
                           ["Cộng", "245.200", "231.700", "94,5%"]])),
                .figure(PartyDocument.Figure(svg: chart, caption: "Biểu đồ 1. Tỷ lệ đảng viên học tập Nghị quyết")),
                .paragraph("Việc học tập gắn với làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh theo Kết luận số "
                    + "01-KL/TW ngày 18/5/2021 của Bộ Chính trị; đảng viên đăng ký cam kết & nêu gương <đúng hạn>."),
            ]),
            PartyDocument.Section(heading: "III. PHƯƠNG HƯỚNG, NHIỆM VỤ", content: [
                .paragraph("Tiếp tục tổ chức học tập cho 13.500 đảng viên còn lại trước ngày 31/12/2021."),
            ]),
        ],
        recipients: ["Ban Tuyên giáo Thành ủy,", "Văn phòng Thành ủy,", "Các tổ chức cơ sở đảng,", "Lưu Văn phòng Đảng ủy."],
        authority: "T/M Ban Thường vụ",
        signerTitle: "Bí thư",
        signerName: "Nguyễn Văn A"
    )
}
