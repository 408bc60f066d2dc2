import Fluent
import SQLKit

/// The document types of Hướng dẫn 36-HD/VPTW and the issuers seen on real documents that 009 did not
/// seed (list, code, names, position), so that a number a committee really issues parses without an
/// administrator first extending the lists. An installation that already added one of them keeps its own.
struct AddStandardAbbreviations: AsyncMigration {
    var name: String { "024_AddStandardAbbreviations" }

    /// (list, code, names, position): each placed just after the entry of 009 it follows in the standard list.
    private static let abbreviations: [[any Encodable & Sendable]] = [
        ["type", "QĐi", "Quy định (ký hiệu 2018–2021)", "Regulation (2018–2021 symbol)", 31],
        ["type", "QHo", "Quy hoạch", "Master plan", 81],
        ["type", "PA", "Phương án", "Option paper", 101],
        ["type", "TC", "Thông cáo", "Communiqué", 121],
        ["type", "BB", "Biên bản", "Minutes", 141],
        ["type", "GM", "Giấy mời", "Invitation", 142],
        ["type", "GGT", "Giấy giới thiệu", "Letter of introduction", 143],
        ["type", "GCN", "Giấy chứng nhận", "Certificate", 144],
        ["type", "PG", "Phiếu gửi", "Dispatch slip", 145],
        ["type", "PC", "Phiếu chuyển", "Transfer slip", 146],
        ["issuer", "BDVTW", "Ban Dân vận Trung ương (đến 2025)", "Central Mass Mobilisation Commission (until 2025)", 31],
        ["issuer", "BNCTW", "Ban Nội chính Trung ương", "Central Internal Affairs Commission", 51],
        ["issuer", "BKTTW", "Ban Kinh tế Trung ương (đến 2025)", "Central Economic Commission (until 2025)", 52],
        ["issuer", "BCSCLTW", "Ban Chính sách, chiến lược Trung ương", "Central Policy and Strategy Commission", 53],
        ["issuer", "BĐNTW", "Ban Đối ngoại Trung ương (đến 2025)", "Central External Relations Commission (until 2025)", 54],
        ["issuer", "HĐLLTW", "Hội đồng Lý luận Trung ương", "Central Theoretical Council", 55],
        ["issuer", "BCĐTW", "Ban Chỉ đạo Trung ương", "Central Steering Committee", 56],
        ["issuer", "QUTW", "Quân ủy Trung ương", "Central Military Commission", 57],
        ["issuer", "ĐUQSTW", "Đảng ủy Quân sự Trung ương (đến 2011)", "Central Military Party Committee (until 2011)", 58],
        ["issuer", "ĐUCA", "Đảng ủy Công an Trung ương", "Central Public Security Party Committee", 59],
        ["issuer", "ĐUCP", "Đảng ủy Chính phủ", "Government Party Committee", 60],
        ["issuer", "ĐUQH", "Đảng ủy Quốc hội", "National Assembly Party Committee", 61],
        ["issuer", "BCSĐ", "Ban cán sự đảng", "Party personnel committee", 81],
        ["issuer", "ĐĐ", "Đảng đoàn", "Party delegation", 82],
        ["issuer", "VPTU", "Văn phòng Tỉnh ủy, Thành ủy", "Office of a provincial or city committee", 61],
        ["issuer", "BTCTU", "Ban Tổ chức Tỉnh ủy, Thành ủy", "Organisation Commission of a provincial or city committee", 62],
        ["issuer", "UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy, Thành ủy", "Inspection Commission of a provincial or city committee", 63],
        ["issuer", "BDVTU", "Ban Dân vận Tỉnh ủy, Thành ủy", "Mass Mobilisation Commission of a provincial or city committee", 71],
        ["issuer", "BNCTU", "Ban Nội chính Tỉnh ủy, Thành ủy", "Internal Affairs Commission of a provincial or city committee", 72],
        ["issuer", "BTGDVTU", "Ban Tuyên giáo và Dân vận Tỉnh ủy, Thành ủy", "Propaganda and Mass Mobilisation Commission of a provincial or city committee", 73],
        ["issuer", "VPHU", "Văn phòng Huyện ủy", "Office of a district committee", 91],
        ["issuer", "BTCHU", "Ban Tổ chức Huyện ủy", "Organisation Commission of a district committee", 92],
        ["issuer", "UBKTHU", "Ủy ban Kiểm tra Huyện ủy", "Inspection Commission of a district committee", 93],
        ["issuer", "BTGHU", "Ban Tuyên giáo Huyện ủy", "Propaganda Commission of a district committee", 94],
        ["issuer", "BDVHU", "Ban Dân vận Huyện ủy", "Mass Mobilisation Commission of a district committee", 95],
        ["issuer", "VPQU", "Văn phòng Quận ủy", "Office of an urban district committee", 101],
        ["issuer", "BTCQU", "Ban Tổ chức Quận ủy", "Organisation Commission of an urban district committee", 102],
        ["issuer", "UBKTQU", "Ủy ban Kiểm tra Quận ủy", "Inspection Commission of an urban district committee", 103],
        ["issuer", "BTGQU", "Ban Tuyên giáo Quận ủy", "Propaganda Commission of an urban district committee", 104],
        ["issuer", "BDVQU", "Ban Dân vận Quận ủy", "Mass Mobilisation Commission of an urban district committee", 105],
        ["issuer", "ThU", "Thành ủy (thành phố thuộc tỉnh)", "City committee (city of a province)", 106],
        ["issuer", "VPĐU", "Văn phòng Đảng ủy", "Office of a party committee", 111],
        ["issuer", "UBKTĐU", "Ủy ban Kiểm tra Đảng ủy", "Inspection Commission of a party committee", 112],
    ]

    func prepare(on database: any Database) async throws {
        try await database.sql.insert(into: "document_abbreviations", columns: ["list", "code", "name_vi", "name_en", "position"],
                                      rows: Self.abbreviations)
            .ignoringConflicts(with: ["list", "code"]).run()
    }

    func revert(on database: any Database) async throws {
        for row in Self.abbreviations {
            try await database.sql.delete(from: "document_abbreviations")
                .where("list", .equal, row[0]).where("code", .equal, row[1]).where("name_vi", .equal, row[2]).run()
        }
    }
}
