import Foundation
import LamTheoCore
import LamTheoSpreadsheet

/// A generated organisation written as the files an office would import: the organisations file and the
/// members file, in the template's columns, as CSV or XLSX.
enum SyntheticFiles {
    /// Excel's limit on rows per sheet, header included.
    static let maximumXLSXRows = 1_048_576

    /// - Returns: the paths written.
    static func write(_ dataset: SyntheticDataset, format: SpreadsheetExport.Format, to directory: String) throws -> [String] {
        let units = dataset.organizations()
        let kindNames = Dictionary(uniqueKeysWithValues: StandardOrganizationKind.allCases.map { ($0, $0.vietnameseName) })
        let unitRows = units.map { unit in
            [unit.code, unit.name, kindNames[unit.kind] ?? unit.kind.rawValue, unit.parentIndex.map { units[$0].code } ?? "", unit.foundedOn.vietnamese]
        }
        var memberRows: [[String]] = []
        memberRows.reserveCapacity(dataset.memberCount())
        for unit in units where unit.kind.holdsMembers {
            for member in dataset.members(of: unit) {
                let name = PersonName(familyName: member.familyName, middleName: member.middleName, givenName: member.givenName)
                memberRows.append(MemberSheetRow(
                    cardNumber: member.cardNumber, fullName: name.fullName, familyName: name.familyName, middleName: name.middleName,
                    givenName: name.givenName, gender: member.gender, birthDate: member.birthDate, admittedOn: member.admittedOn,
                    fullMemberOn: member.fullMemberOn, status: member.status, cellCode: unit.code, cellName: unit.name,
                    idNumber: member.idNumber, phone: member.phone, address: member.address).cells)
            }
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for (kind, rows) in [(SpreadsheetKind.organizations, unitRows), (.members, memberRows)] {
            let header = kind.columns.map(\.header.vi)
            let path = (directory as NSString).appendingPathComponent("\(kind.rawValue).\(format.rawValue)")
            let data: Data
            switch format {
            case .csv:
                data = CSVFile.write([header] + rows)
            case .xlsx:
                guard rows.count < maximumXLSXRows else {
                    throw ConfigurationError(variable: "--format", value: "xlsx",
                                             expected: "csv: \(rows.count) rows do not fit in one Excel sheet (at most \(maximumXLSXRows - 1))")
                }
                data = try XLSXWriter.write([.init(name: kind.label.vi, header: header, rows: rows)])
            }
            try data.write(to: URL(fileURLWithPath: path))
            written.append(path)
        }
        return written
    }
}
