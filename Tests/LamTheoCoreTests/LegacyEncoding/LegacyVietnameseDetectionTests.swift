import Foundation
import Testing

@testable import LamTheoCore

/// Text that must never be taken for a legacy encoding.
let legacyNotLegacy: [String] = [
    // Unicode Vietnamese names, some with Latin-1 letters only.
    "Nguyễn Văn An", "Trần Thị Bích Ngọc", "Ngô Bảo Châu", "Võ Thị Sáu", "Đặng Thùy Trâm", "Lê Vân Anh", "Tô Lâm",
    "Phan Bá Hùng", "Hoàng Anh", "Lê Hoàng", "Hà Lê", "Cô Tú", "Ông Bé", "Bùi Thị Xuân", "LÊ VÂN ANH", "TÔ LÂM",
    "Khoái", "Toán",
    "NGUYỄN VĂN AN", "Đ/c Nguyễn Văn An", "ĐV",
    // Units and places.
    "Đảng bộ phường Bến Nghé", "Phường Tân Định", "Phường Sài Gòn", "Xã Bình Chánh", "Phường Tân Phú", "Phường Gò Vấp",
    "Thái Bình", "Hòa Bình", "Thành phố Hồ Chí Minh", "Chi bộ Khu phố 3", "Đảng ủy Phường Bến Thành",
    "“Học tập và làm theo” – 2024",
    // ASCII, numbers, dates, codes.
    "", " ", "HCM-P001", "12345678", "Nguyen Van An", "05-CT/TW", "nguyen.van.an@example.com", "0903 123 456",
    "18/05/2023", "2023-05-18", "245.200", "94,5%", "Q.1",
    // Other languages and symbols.
    "Café", "Müller", "São Paulo", "naïve", "Crème brûlée", "Zoë", "José", "Straße", "Köln", "Señor", "Ångström",
    "Noël", "déjà vu", "façade", "Bär", "Čapek", "Ελλάδα", "Москва", "東京", "👍", "© 2024", "25°C", "½", "§ 3",
    "100.000₫", "Phòng 2.05 – Tầng 3",
]

@Suite("LegacyVietnamese detection")
struct LegacyVietnameseDetectionTests {
    @Test func listIsLongEnough() {
        #expect(legacyNotLegacy.count >= 40)
    }

    @Test(arguments: legacyNotLegacy)
    func notDetected(text: String) {
        #expect(LegacyVietnamese.detect(text) == nil)
        #expect(LegacyVietnamese.repair(text) == nil)
    }

    @Test(arguments: legacyNotLegacy)
    func notDetectedWhenSaidToComeFromWindows1258(text: String) {
        // Proper Unicode Vietnamese is also Windows-1258 (+ NFC) text; read back into bytes it is not legacy.
        #expect(LegacyVietnamese.detect(text, decodedAs: .windows1258) == nil)
        #expect(LegacyVietnamese.repair(text, decodedAs: .windows1258) == nil)
    }

    @Test(arguments: [
        ("NguyÔn V¨n An", LegacyVietnameseEncoding.tcvn3), ("§¶ng bé", .tcvn3), ("Chi bé Khu phè 3", .tcvn3),
        ("Tr\u{AD}¬ng ThÞ Mai", .tcvn3), ("Hå ChÝ Minh", .tcvn3), ("§V", nil), ("§¶NG Bé", .tcvn3),
        ("NGUYÔN V¡N AN", .tcvn3), ("§/c NguyÔn V¨n An", .tcvn3),
        ("Nguyeãn Vaên An", .vni), ("Ñaûng boä", .vni), ("NGUYEÃN VAÊN AN", .vni), ("Tröông Thò Mai", .vni),
        ("Ñ/c Nguyeãn Vaên An", .vni),
        // VNI "Hồ Chí Minh" is also the Unicode name "Hoà Chí Minh": kept.
        ("Hoà Chí Minh", nil),
    ])
    func detected(text: String, expected: LegacyVietnameseEncoding?) {
        #expect(LegacyVietnamese.detect(text) == expected)
    }

    @Test func unicodeReadingWinsUnlessTheLegacyReadingIsMoreCommon() {
        // Both readings are valid syllables; the common ones decide.
        #expect(LegacyVietnamese.detect("Chi bé Khu phè") == .tcvn3)  // bộ phố  > bé
        #expect(LegacyVietnamese.detect("Lê Vân") == nil)  // lê vân > lờ võn
        #expect(LegacyVietnamese.detect("Chi bé") == nil)  // bé = bộ: a tie keeps the text
        #expect(LegacyVietnamese.detect("Hoàng") == nil)  // VNI hồng = hoàng
    }

    @Test func aFileHintSettlesTies() {
        #expect(LegacyVietnamese.repair("Chi bé", assuming: .tcvn3) == "Chi bộ")
        #expect(LegacyVietnamese.repair("Hoàng", assuming: .vni) == "Hồng")
        #expect(LegacyVietnamese.repair("Lê Vân Anh", assuming: .tcvn3) == nil)
        #expect(LegacyVietnamese.repair("Nguyễn Văn An", assuming: .tcvn3) == nil)
        #expect(LegacyVietnamese.repair("HCM-P001", assuming: .vni) == nil)
        #expect(LegacyVietnamese.repair("Ñaûng boä", assuming: .tcvn3) == nil)
    }

    @Test func aColumnIsDetectedByItsMajority() {
        let column = ["Hä vµ tªn", "NguyÔn V¨n An", "TrÇn ThÞ B×nh", "Chi bé", "HCM-P001", "", "Lª V¨n C"]
        #expect(LegacyVietnamese.detect(in: column) == .tcvn3)
        #expect(LegacyVietnamese.detect(in: ["Nguyeãn Vaên An", "Traàn Thò Bình", "x"]) == .vni)
        #expect(LegacyVietnamese.detect(in: legacyNotLegacy) == nil)
        #expect(LegacyVietnamese.detect(in: ["NguyÔn V¨n An", "Nguyeãn Vaên An"]) == nil)
        #expect(LegacyVietnamese.detect(in: [String]()) == nil)
    }

    @Test func repairIsNilExactlyWhenDetectIs() {
        for text in legacyNotLegacy + ["NguyÔn V¨n An", "Ñaûng boä", "Chi bé"] {
            #expect((LegacyVietnamese.repair(text) == nil) == (LegacyVietnamese.detect(text) == nil), "\(text)")
        }
    }
}
