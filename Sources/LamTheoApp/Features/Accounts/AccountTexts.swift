import Foundation
import LamTheoCore
import Plot

/// Words the account pages share.
enum AccountTexts {
    static let myAccount = LocalizedText(vi: "Tài khoản của tôi", en: "My account")
    static let username = LocalizedText(vi: "Tên đăng nhập", en: "Username")
    static let name = LocalizedText(vi: "Họ tên", en: "Name")
    static let roles = LocalizedText(vi: "Vai trò", en: "Roles")
    static let password = LocalizedText(vi: "Mật khẩu", en: "Password")
    static let changePassword = LocalizedText(vi: "Đổi mật khẩu", en: "Change the password")
    static let resetPassword = LocalizedText(vi: "Đặt lại mật khẩu", en: "Reset the password")
    static let deactivate = LocalizedText(vi: "Vô hiệu hóa tài khoản", en: "Deactivate the account")
    static let reactivate = LocalizedText(vi: "Kích hoạt lại tài khoản", en: "Reactivate the account")
    static let cancel = LocalizedText(vi: "Quay lại, không làm gì", en: "Go back, do nothing")

    static func changedOn(_ date: Date) -> LocalizedText {
        LocalizedText(vi: "đổi lần cuối \(VietnameseFormat.dateTime(date))", en: "last changed \(VietnameseFormat.dateTime(date))")
    }

    static func roleList(_ roles: [RoleLine], language: UILanguage) -> Node<HTML.BodyContext> {
        switch roles.count {
        case 0: return .text("—")
        case 1: return .text(roles[0].text(language))
        default: return .ul(.forEach(roles) { .li(.text($0.text(language))) })
        }
    }

    /// "Nguyễn Văn A (nguyenvana)".
    static func account(_ displayName: String, _ username: String) -> String {
        displayName == username ? username : "\(displayName) (\(username))"
    }
}
