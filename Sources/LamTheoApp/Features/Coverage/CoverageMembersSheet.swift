import Fluent
import Foundation
import LamTheoCore
import LamTheoSpreadsheet
import SQLKit

/// The members behind a coverage figure as one XLSX sheet, whole (the page shows them 50 at a time): for
/// the secretary who calls round "ai chưa học tập?" or prints the list.
enum CoverageMembersSheet {
    struct File {
        let name: String
        let data: Data
        let memberIds: [Int]
    }

    static func file(_ list: CoverageMemberList, of campaign: Campaign, within unit: Organization, language: UILanguage,
                     on db: any Database) async throws -> File {
        // One statement, not a query per page: a city's list may hold tens of thousands of members.
        let rows = try await db.sql.raw("""
            SELECT m.id AS id, m.full_name AS full_name, m.card_number AS card_number, o.name AS cell
            FROM members m JOIN organizations o ON o.id = m.organization_id
            WHERE \(column: "m.organization_path", in: unit.treePath)
              AND m.status IN (\(binds: MemberStatus.onRoll.map(\.rawValue))) AND \(list.condition(campaign: campaign.requireID()))
            ORDER BY m.name_sort, m.id
            """).all()
        var ids: [Int] = []
        var cells: [[String]] = []
        for (index, row) in rows.enumerated() {
            ids.append(try row.decode(column: "id", as: Int.self))
            cells.append([String(index + 1), try row.decode(column: "full_name", as: String.self),
                          try row.decode(column: "card_number", as: String.self), try row.decode(column: "cell", as: String.self)])
        }
        let header = [LocalizedText(vi: "STT", en: "No."), LocalizedText(vi: "Họ và tên", en: "Name"),
                      LocalizedText(vi: "Số thẻ đảng viên", en: "Party card number"), LocalizedText(vi: "Chi bộ", en: "Cell")].map { $0(language) }
        let title = "\(list.label(language)) - \(unit.name)"
        let sheet = XLSXWriter.Sheet(name: list.label(language), header: header, rows: cells)
        return File(name: "\(title) - \(campaign.title).xlsx", data: try await BlockingWork.run { try XLSXWriter.write([sheet]) }, memberIds: ids)
    }
}
