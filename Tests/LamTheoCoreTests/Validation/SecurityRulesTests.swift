import Foundation
import LamTheoCore
import Testing

@Suite("Passwords: short, common and patterned ones are refused")
struct PasswordPolicyTests {
    @Test(arguments: [
        "123456", "matkhau", "short",  // too short
        "1234567890", "0987654321", "aaaaaaaaaa", "abcabcabcabc", "qwertyuiop", "1q2w3e4r5t", "abcdefghijkl", "1212121212",
        "matkhau123", "Mật khẩu 2024", "anhyeuem123", "ANHYEUEM!!!", "emyeuanh2000", "iloveyou12", "P@ssw0rd123", "password2024!",
        "123anhyeuem", "vietnam1975", "dangcongsan", "hochiminh1890", "admin12345", "qwerty123456", "iloveyou!!",
    ])
    func refused(_ password: String) {
        #expect(PasswordPolicy.problem(password) != nil, "\(password)")
    }

    @Test(arguments: ["correct horse battery", "lamtheo-demo", "mat-khau-du-dai", "Hoa sen nở giữa đầm 7", "chim-sẻ-bay-qua-cầu", "tr4ng-s4ng-ngoi-ng0i"])
    func accepted(_ password: String) {
        #expect(PasswordPolicy.problem(password) == nil, "\(password)")
    }

    @Test func theUsernameIsRefused() {
        #expect(PasswordPolicy.problem("nguyenvanhung", username: "nguyenvanhung") != nil)
        #expect(PasswordPolicy.problem("nguyenvanhung2024", username: "nguyenvanhung") != nil)
        #expect(PasswordPolicy.problem("nguyenvanhung2024", username: "tranthimai") == nil)
    }

    @Test func theMessagesAreInBothLanguages() throws {
        let message = try #require(PasswordPolicy.problem("anhyeuem2024"))
        #expect(message.vi.contains("quá phổ biến"))
        #expect(message.en.contains("too common"))
        #expect(try #require(PasswordPolicy.problem("abc")).vi.contains("ít nhất 10 ký tự"))
    }
}

@Suite("Stored text: no invisible, bidi or control characters, no piles of marks")
struct TextProblemTests {
    @Test(arguments: [
        ("Nguy\u{200B}ễn", "U+200B"), ("Nguy\u{200C}ễn", "U+200C"), ("Nguy\u{200D}ễn", "U+200D"), ("Nguy\u{2060}ễn", "U+2060"),
        ("Nguy\u{FEFF}ễn", "U+FEFF"), ("Nguy\u{00AD}ễn", "U+00AD"),
        ("abc\u{202E}fdp.exe", "U+202E"), ("a\u{202A}b", "U+202A"), ("a\u{2066}b", "U+2066"), ("a\u{2069}b", "U+2069"),
        ("a\u{200E}b", "U+200E"), ("a\u{200F}b", "U+200F"), ("a\u{061C}b", "U+061C"),
    ])
    func refused(_ text: String, code: String) throws {
        #expect(!VietnameseText.isCleanText(text))
        let problem = try #require(VietnameseText.textProblem(text))
        let message = Validator.message(problem, label: LocalizedText(vi: "Họ và tên", en: "Full name"))
        #expect(message.vi.hasPrefix("Họ và tên"))
        #expect(message.en.contains(code), "\(message.en)")
    }

    @Test func controlsAndMarks() {
        #expect(VietnameseText.textProblem("a\u{0007}b") == .control("\u{0007}"))
        #expect(VietnameseText.textProblem("a\u{0085}b") == .control("\u{0085}"))
        #expect(VietnameseText.textProblem("a\u{FFFD}b") == .control("\u{FFFD}"))
        #expect(VietnameseText.textProblem("Ze\u{0301}\u{0302}\u{0303}\u{0304}lgo") == .stackedMarks)
        #expect(VietnameseText.textProblem("Zalgo: e\u{0301}\u{0302}\u{0303}") == nil, "three marks are still one letter's")
        #expect(VietnameseText.textProblem("Nguye\u{0302}\u{0303}n") == nil, "NFD Vietnamese: two marks")
    }

    @Test(arguments: ["Nguyễn Thị Ánh Tuyết", "Đảng ủy phường Bến Nghé", "dòng một\ndòng hai\tcột", "👨‍👩‍👧 gia đình", "❤️‍🔥", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "Ελληνικά", "中文", "العربية"])
    func accepted(_ text: String) {
        #expect(VietnameseText.textProblem(text) == nil, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func theValidatorNamesTheFieldAndTrimsInvisibleEnds() {
        var validator = Validator()
        let label = LocalizedText(vi: "Họ và tên", en: "Full name")
        #expect(validator.requiredText("\u{FEFF}Nguyễn Văn A\u{200B} ", field: "fullName", label: label) == "Nguyễn Văn A")
        #expect(validator.errors.isEmpty)
        _ = validator.requiredText("Nguy\u{200B}ễn Văn A", field: "fullName", label: label)
        #expect(validator.errors.map(\.field) == ["fullName"])
        #expect(validator.errors.first?.message.vi.contains("ký tự vô hình") == true)
    }
}
