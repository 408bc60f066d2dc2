import Foundation
import LamTheoCore
import Vapor

extension Response {
    /// A file to save: its bytes under their media type, named `fileName`. RFC 6266: an ASCII fallback, then
    /// the real (Vietnamese) name percent-encoded, which browsers prefer.
    static func download(_ data: Data, named fileName: String, mediaType: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: mediaType)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        let fallback = fileName.map { character in
            character.isASCII && (character.isLetter || character.isNumber || "-._".contains(character))
                ? String(character) : VietnameseText.searchKey(String(character)).nonEmpty ?? "_"
        }.joined()
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: unreserved) ?? fallback
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)")
        return response
    }
}

/// Media types of the files LamTheo writes.
enum MediaType {
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    static let csv = "text/csv; charset=utf-8"
    static let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    static let pdf = "application/pdf"
}
