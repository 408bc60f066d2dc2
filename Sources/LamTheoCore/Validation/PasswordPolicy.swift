import Foundation

/// What a password must be to be set: long enough, and not one that guessers try first.
///
/// Refused: fewer than `minimumLength` characters; the username (with digits after it); a common password
/// (`CommonPasswords`), also with case, tones and marks, spaces and punctuation ignored, the usual swaps of
/// digits and symbols for letters undone ("P@ssw0rd") and digits or symbols added before or after it
/// ("matkhau2024!", "123anhyeuem"); one character or a unit repeated ("aaaaaaaaaa", "abcabcabcabc"); fewer than
/// four different characters; a run along the digits, the alphabet or a keyboard row, either way
/// ("1234567890", "qwertyuiop", "9876543210").
public enum PasswordPolicy {
    public static let minimumLength = 10

    /// Why `password` may not be set, or nil when it may.
    public static func problem(_ password: String, username: String? = nil) -> LocalizedText? {
        if password.count < minimumLength {
            return LocalizedText(vi: "Mật khẩu cần ít nhất \(minimumLength) ký tự", en: "A password needs at least \(minimumLength) characters")
        }
        let folded = folded(password)
        let plain = folded.isEmpty ? password.lowercased().filter { !$0.isWhitespace } : folded
        if let username {
            let name = self.folded(username)
            if !name.isEmpty, plain == name || trimmedEnd(plain) == name {
                return LocalizedText(vi: "Mật khẩu không được giống tên đăng nhập", en: "A password may not be the username")
            }
        }
        if isCommon(password) {
            return LocalizedText(vi: "Mật khẩu này quá phổ biến, dễ bị dò ra; hãy chọn một cụm từ dài, khó đoán hơn",
                                 en: "This password is too common and easily guessed; choose a longer, less predictable phrase")
        }
        if isPattern(plain) {
            return LocalizedText(vi: "Mật khẩu là dãy ký tự lặp lại hoặc liên tiếp (như 1234567890, aaaaaaaaaa, qwertyuiop), dễ bị dò ra",
                                 en: "A password may not be a repeated or sequential run of characters (like 1234567890, aaaaaaaaaa, qwertyuiop)")
        }
        return nil
    }

    /// Whether the password is a listed one, as it is or with case, marks, separators, swaps, a prefix of digits or a
    /// suffix of digits and symbols changed.
    static func isCommon(_ password: String) -> Bool {
        let lower = password.lowercased()
        let folded = folded(password)
        let candidates = [lower, folded, leet(folded), leet(lower.filter { !$0.isWhitespace })]
        for candidate in candidates {
            if CommonPasswords.all.contains(candidate) { return true }
            let base = trimmedEnd(candidate)
            if base.count >= 4, CommonPasswords.all.contains(base) { return true }
            let front = trimmedEnd(String(candidate.drop { $0.isNumber }))
            if front.count >= 4, CommonPasswords.all.contains(front) { return true }
        }
        return false
    }

    /// Lowercase, without tones or marks, đ → d, letters and digits only.
    static func folded(_ text: String) -> String {
        VietnameseText.searchKey(text).filter { $0 != " " }
    }

    /// Undoes the usual swaps of digits and symbols for letters; the digits and symbols at the end stay (they are
    /// the suffix `trimmedEnd` takes off).
    static func leet(_ text: String) -> String {
        let swaps: [Character: Character] = ["@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "3": "e", "$": "s", "5": "s", "7": "t"]
        let body = trimmedEnd(text)
        return String(body.map { swaps[$0] ?? $0 }) + text.dropFirst(body.count)
    }

    /// The text without the digits and symbols at its end.
    static func trimmedEnd(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, !last.isLetter { text = text.dropLast() }
        return String(text)
    }

    private static let runs: [String] = {
        let sequences = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn",
                         "qazwsxedcrfvtgbyhnujm", "1q2w3e4r5t6y7u8i9o0p"]
        // Three times round, so that "8901234567" (read on past the end) is a run too.
        return sequences.flatMap { [$0, String($0.reversed())] }.map { $0 + $0 + $0 }
    }()

    /// Repeated, too few different characters, or a run along a sequence.
    static func isPattern(_ plain: String) -> Bool {
        let characters = Array(plain)
        if Set(characters).count < 4 { return true }
        for unit in 1...max(1, characters.count / 2) where characters.count % unit == 0 && unit < characters.count {
            let head = characters[0..<unit]
            if stride(from: unit, to: characters.count, by: unit).allSatisfy({ characters[$0..<$0 + unit] == head }) { return true }
        }
        return runs.contains { $0.contains(plain) }
    }
}
