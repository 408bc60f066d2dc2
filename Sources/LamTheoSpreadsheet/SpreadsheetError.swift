/// Why a spreadsheet could not be read (or, for `tooLarge`, written), in words a user understands.
///
/// `vietnamese` and `english` are whole sentences meant for the person who uploaded the file; `detail` is technical
/// (which part, which limit) and meant for logs — except for `sheetNotFound`, where it is the sheet name asked for
/// and the messages quote it.
public struct SpreadsheetError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// Not a ZIP/XLSX at all.
        case notASpreadsheet
        /// An OLE compound file (D0 CF 11 E0): a password-protected XLSX, or an old .xls; also a ZIP whose entries
        /// are encrypted.
        case encrypted
        /// A ZIP without the parts an XLSX needs, or XML that does not parse.
        case corrupt
        /// Decompressed size over the limit, or a compression ratio over 100:1 (zip bomb); for the writer, more rows
        /// or columns than Excel can hold.
        case tooLarge
        /// No sheet of the name asked for.
        case sheetNotFound
    }

    public let reason: Reason
    public let detail: String?

    public init(_ reason: Reason, detail: String? = nil) {
        self.reason = reason
        self.detail = detail
    }

    /// Vietnamese then English, separated by " / ".
    public var description: String { "\(vietnamese) / \(english)" }

    public var vietnamese: String {
        switch reason {
        case .notASpreadsheet:
            return "Tệp không phải là bảng tính Excel (.xlsx): hãy chọn đúng tệp hoặc lưu lại thành .xlsx"
        case .encrypted:
            return "Tệp được đặt mật khẩu hoặc là tệp .xls cũ: hãy lưu lại thành .xlsx không mật khẩu"
        case .corrupt:
            return "Tệp .xlsx bị hỏng hoặc không đầy đủ: hãy mở bằng Excel rồi lưu lại"
        case .tooLarge:
            return "Tệp quá lớn hoặc nén bất thường: hãy chia thành nhiều tệp nhỏ hơn"
        case .sheetNotFound:
            if let name = detail {
                return "Không tìm thấy trang tính “\(name)” trong tệp"
            }
            return "Không tìm thấy trang tính trong tệp"
        }
    }

    public var english: String {
        switch reason {
        case .notASpreadsheet:
            return "The file is not an Excel spreadsheet (.xlsx): choose the right file or save it as .xlsx"
        case .encrypted:
            return "The file is password-protected or an old .xls: save it as .xlsx without a password"
        case .corrupt:
            return "The .xlsx file is damaged or incomplete: open it in Excel and save it again"
        case .tooLarge:
            return "The file is too large or unusually compressed: split it into smaller files"
        case .sheetNotFound:
            if let name = detail {
                return "The file has no sheet named “\(name)”"
            }
            return "The file has no sheet"
        }
    }
}
