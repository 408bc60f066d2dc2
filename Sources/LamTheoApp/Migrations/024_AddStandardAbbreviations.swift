import Fluent
import SQLKit

/// The document types of Hướng dẫn 36-HD/VPTW and the issuers seen on real documents that 009 did not
/// seed (list, code, names, position), so that a number a committee really issues parses without an
/// administrator first extending the lists. An installation that already added one of them keeps its own.
struct AddStandardAbbreviations: AsyncMigration {
    var name: String { "024_AddStandardAbbreviations" }

    private static let abbreviations: [[any Encodable & Sendable]] = [
        ["type", "QĐi", "Quy định (ký hiệu 2018–2021)", "Regulation (2018–2021 symbol)", 150],
        ["type", "QHo", "Quy hoạch", "Master plan", 160],
        ["type", "PA", "Phương án", "Option paper", 170],
        ["type", "TC", "Thông cáo", "Communiqué", 180],
        ["type", "BB", "Biên bản", "Minutes", 190],
        ["type", "GM", "Giấy mời", "Invitation", 200],
        ["type", "GGT", "Giấy giới thiệu", "Letter of introduction", 210],
        ["type", "GCN", "Giấy chứng nhận", "Certificate", 220],
        ["type", "PG", "Phiếu gửi", "Dispatch slip", 230],
        ["type", "PC", "Phiếu chuyển", "Transfer slip", 240],
        ["issuer", "BDVTW", "Ban Dân vận Trung ương (đến 2025)", "Central Mass Mobilisation Commission (until 2025)", 130],
        ["issuer", "BNCTW", "Ban Nội chính Trung ương", "Central Internal Affairs Commission", 140],
        ["issuer", "BKTTW", "Ban Kinh tế Trung ương (đến 2025)", "Central Economic Commission (until 2025)", 150],
        ["issuer", "BCSCLTW", "Ban Chính sách, chiến lược Trung ương", "Central Policy and Strategy Commission", 160],
        ["issuer", "BĐNTW", "Ban Đối ngoại Trung ương (đến 2025)", "Central External Relations Commission (until 2025)", 170],
        ["issuer", "HĐLLTW", "Hội đồng Lý luận Trung ương", "Central Theoretical Council", 180],
        ["issuer", "BCĐTW", "Ban Chỉ đạo Trung ương", "Central Steering Committee", 190],
        ["issuer", "QUTW", "Quân ủy Trung ương", "Central Military Commission", 200],
        ["issuer", "ĐUQSTW", "Đảng ủy Quân sự Trung ương (đến 2011)", "Central Military Party Committee (until 2011)", 210],
        ["issuer", "ĐUCA", "Đảng ủy Công an Trung ương", "Central Public Security Party Committee", 220],
        ["issuer", "ĐUCP", "Đảng ủy Chính phủ", "Government Party Committee", 230],
        ["issuer", "ĐUQH", "Đảng ủy Quốc hội", "National Assembly Party Committee", 240],
        ["issuer", "BCSĐ", "Ban cán sự đảng", "Party personnel committee", 250],
        ["issuer", "ĐĐ", "Đảng đoàn", "Party delegation", 260],
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
