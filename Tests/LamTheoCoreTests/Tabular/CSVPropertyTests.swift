import Foundation
import LamTheoCore
import Testing

@Suite("CSVFile round trip, random tables")
struct CSVPropertyTests {
    /// Pieces random values are made of: ordinary and Vietnamese text, every character CSV treats specially,
    /// spaces of several kinds, formula starters, NFD sequences, characters outside the BMP.
    static let pieces: [String] = [
        "a", "Z", "0", "7", "xin chào", "Nguyễn", "Đảng ủy", "ư", "ế", "ậ", "₫", "€",
        ",", ";", "\t", "\"", "\"\"", "\r", "\n", "\r\n", "\n\r", " ", "  ", "\u{00A0}", "\u{3000}",
        "=", "+", "-", "@", "'", "=SUM(A1)", "0012345", "sep=;",
        "e\u{0301}", "\u{0323}", "\u{0300}", "😀", "👨‍👩‍👧", "\u{FEFF}", "\u{200B}", "\\",
    ]

    static func value(_ generator: inout SplitMix64) -> String {
        var value = ""
        for _ in 0..<Int.random(in: 0...5, using: &generator) {
            value += pieces.randomElement(using: &generator)!
        }
        return value
    }

    static func table(_ generator: inout SplitMix64) -> [[String]] {
        (0..<Int.random(in: 1...12, using: &generator)).map { _ in
            (0..<Int.random(in: 1...8, using: &generator)).map { _ in value(&generator) }
        }
    }

    @Test(arguments: [",", ";", "\t"] as [Character])
    func randomTablesRoundTripExactly(delimiter: Character) throws {
        var generator = SplitMix64(seed: 0x4C61_6D54_6865_6F00 ^ UInt64(delimiter.asciiValue!))
        for round in 0..<400 {
            let rows = Self.table(&generator)
            let data = CSVFile.write(rows, delimiter: delimiter)
            let (text, encoding) = try CSVFile.decode(data)
            #expect(encoding == .utf8WithBOM)
            let parsed = try CSVFile.parse(text)
            #expect(csvScalars(parsed) == csvScalars(rows), "round \(round): \(rows)")
            if csvScalars(parsed) != csvScalars(rows) { return }
        }
    }

    @Test func randomTablesRoundTripWithTheDelimiterGiven() throws {
        var generator = SplitMix64(seed: 2016)
        for round in 0..<200 {
            let rows = Self.table(&generator)
            let text = try CSVFile.decode(CSVFile.write(rows, delimiter: "|")).text
            let parsed = try CSVFile.parse(text, delimiter: "|")
            #expect(csvScalars(parsed) == csvScalars(rows), "round \(round): \(rows)")
            if csvScalars(parsed) != csvScalars(rows) { return }
        }
    }
}
