/// One sheet of a workbook, read as text.
public struct Worksheet: Sendable, Hashable {
    /// The sheet's name as the workbook spells it.
    public var name: String

    /// Every row as text, as a person sees the cell: shared strings, inline strings, numbers as written
    /// (an integer-valued number 12345678 is "12345678", never "1.2345678E7" or "12345678.0"; keep up to 15
    /// significant digits otherwise), booleans "TRUE"/"FALSE", dates (a numeric cell whose number format is a
    /// date format, built-in ids 14–22 and 45–47 or a custom format containing d/m/y) as ISO "yyyy-MM-dd".
    /// Missing cells inside a row are "" (columns positioned by the r="C7" reference); trailing empty rows dropped.
    ///
    /// What `XLSXReader` does in detail:
    /// - `rows[i]` is spreadsheet row `i + 1`: a row with nothing in it (absent from the file, or holding only empty
    ///   cells) is `[]`, and each row ends at its last non-empty cell (rows are ragged, as `CSVFile.parse` gives them).
    /// - Text is returned as it is in the file, not normalised (like `CSVFile.decode` in LamTheoCore); `_xHHHH_`
    ///   is decoded (`_x000D_` is a carriage return). Phonetic runs (`<rPh>`) are left out.
    /// - A formula cell gives its cached result; a formula without one gives "". An error cell gives its text
    ///   ("#N/A"). A `t="d"` cell gives its ISO date as written.
    /// - Numbers: `12345678`, `3.5`, `-0.25`; numbers of 10^15 or more, or under 10^-9, in Excel's scientific form
    ///   (`1E+20`, `1.5E-10`); always at most 15 significant digits (`0.30000000000000004` reads `0.3`).
    /// - Dates: the 1900 date system (with Excel's fictitious 1900-02-29 at serial 60) or 1904 when the workbook says
    ///   so. A time-only format (h, m or s without d or y, such as built-in 18–21 and 45–47) gives "HH:mm:ss"
    ///   instead of a date, since "1899-12-30" is not what anyone sees; a date-time gives its date.
    public var rows: [[String]]

    public init(name: String, rows: [[String]]) {
        self.name = name
        self.rows = rows
    }
}
