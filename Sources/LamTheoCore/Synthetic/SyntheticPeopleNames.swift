/// Vietnamese personal names with approximate national frequencies (weights are relative).
enum SyntheticPeopleNames {
    /// Họ. Weights in tenths of a percent of the population: Nguyễn 38.4%, Trần 11%, Lê 9.5%, Phạm 7%, then a long tail.
    static let family = SyntheticWeighted<String>([
        ("Nguyễn", 384), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 28), ("Huỳnh", 23), ("Phan", 45),
        ("Vũ", 20), ("Võ", 19), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10),
        ("Lý", 5), ("Đào", 8), ("Đinh", 8), ("Trương", 8), ("Lâm", 6), ("Mai", 5), ("Trịnh", 6), ("Đoàn", 6),
        ("Lương", 5), ("Cao", 5), ("Hà", 5), ("Tạ", 3), ("Chu", 3), ("Lưu", 3), ("Tô", 3), ("Kiều", 2),
        ("Quách", 2), ("Thái", 2), ("Triệu", 2), ("Vương", 2), ("Châu", 2), ("Phùng", 2), ("Lại", 2), ("Nông", 2),
        ("La", 1), ("Tăng", 1), ("Hứa", 1), ("Lò", 1), ("Đàm", 1), ("Mạc", 1), ("Doãn", 1), ("Từ", 1),
        ("Giang", 1), ("Khúc", 1), ("Kim", 1), ("Tôn", 1), ("Thân", 1), ("Lục", 1), ("Lã", 1), ("Ông", 1),
        ("Âu", 1), ("Khổng", 1), ("Hầu", 1), ("Bạch", 1), ("Diệp", 1), ("Nghiêm", 1), ("Quan", 1), ("Phí", 1),
    ])

    /// Chữ đệm for men: "Văn" dominates, especially among older members; an empty one is rare.
    static let maleMiddle = SyntheticWeighted<String>([
        ("Văn", 300), ("Minh", 80), ("Hữu", 60), ("Đức", 60), ("Quang", 50), ("Thanh", 50), ("Đình", 40),
        ("Quốc", 40), ("Công", 40), ("Ngọc", 30), ("Xuân", 30), ("Duy", 30), ("Trọng", 30), ("Anh", 20),
        ("Tiến", 20), ("Mạnh", 20), ("Hoàng", 20), ("Bá", 20), ("Thành", 20), ("Việt", 20), ("Gia", 10),
        ("Hải", 10), ("Trung", 10), ("Tấn", 15), ("Thế", 15), ("", 10),
    ])

    /// Chữ đệm for women: "Thị" alone or in a two-syllable đệm, or a descriptive one.
    static let femaleMiddle = SyntheticWeighted<String>([
        ("Thị", 450), ("Thị Thu", 30), ("Thị Thanh", 30), ("Thị Kim", 20), ("Thị Ngọc", 20), ("Thị Minh", 20),
        ("Thị Hồng", 20), ("Thị Bích", 10), ("Ngọc", 60), ("Thu", 50), ("Thanh", 50), ("Minh", 30), ("Kim", 30),
        ("Hồng", 30), ("Phương", 20), ("Mỹ", 20), ("Bảo", 10), ("Diệu", 10), ("Khánh", 10), ("Hoài", 10),
        ("Quỳnh", 10), ("Thúy", 10), ("", 10),
    ])

    static let maleGiven = SyntheticWeighted<String>([
        ("Hùng", 40), ("Tuấn", 40), ("Dũng", 38), ("Minh", 38), ("Hải", 35), ("Anh", 35), ("Nam", 32), ("Sơn", 32),
        ("Thắng", 28), ("Long", 28), ("Thành", 28), ("Trung", 28), ("Đức", 25), ("Huy", 25), ("Quang", 22),
        ("Cường", 22), ("Bình", 22), ("Hưng", 22), ("Hoàng", 20), ("Hiếu", 20), ("Tùng", 20), ("Khánh", 18),
        ("Phong", 18), ("Vinh", 18), ("Tiến", 18), ("Quân", 18), ("Đạt", 18), ("Tâm", 15), ("Phúc", 15),
        ("Toàn", 15), ("Thanh", 15), ("Hòa", 15), ("Việt", 15), ("Lâm", 12), ("Kiên", 12), ("Lộc", 12), ("Tài", 12),
        ("Nghĩa", 12), ("Thịnh", 12), ("Khoa", 12), ("Chiến", 12), ("Hiệp", 10), ("Hậu", 10), ("Bảo", 10),
        ("Tân", 10), ("Quý", 10), ("Trí", 10), ("Nhân", 10), ("Duy", 10), ("Trường", 10), ("Hà", 8), ("Phát", 8),
        ("Lợi", 8), ("Tú", 8), ("Thái", 8), ("Đông", 8), ("Thuận", 8), ("Vũ", 8), ("Lực", 6), ("Thông", 6),
        ("Tường", 6), ("Sang", 6), ("Thiện", 6), ("Khải", 5), ("Luân", 5), ("Định", 5), ("Công", 5), ("Vương", 4),
    ])

    static let femaleGiven = SyntheticWeighted<String>([
        ("Hương", 40), ("Linh", 38), ("Trang", 38), ("Hà", 30), ("Phương", 30), ("Thảo", 30), ("Lan", 28),
        ("Hằng", 28), ("Mai", 28), ("Thủy", 28), ("Hoa", 25), ("Anh", 25), ("Huyền", 25), ("Ngọc", 22),
        ("Hạnh", 22), ("Nga", 22), ("Thu", 20), ("Yến", 20), ("Dung", 20), ("Hiền", 20), ("Nhung", 18), ("Vân", 18),
        ("Thúy", 18), ("Hồng", 18), ("Loan", 15), ("Liên", 15), ("Giang", 15), ("Thanh", 15), ("Quỳnh", 15),
        ("Oanh", 12), ("Tuyết", 12), ("Quyên", 10), ("Ly", 10), ("Nhi", 10), ("Chi", 10), ("Trinh", 10),
        ("Hường", 10), ("Xuân", 10), ("Uyên", 10), ("Tâm", 10), ("Duyên", 10), ("Vy", 8), ("Bích", 8), ("Ánh", 8),
        ("Nhàn", 8), ("My", 8), ("Nguyệt", 8), ("Châu", 6), ("Thắm", 6), ("Lệ", 6), ("Huệ", 6), ("Diệp", 5),
        ("Lý", 5), ("Đào", 5), ("Tình", 5), ("Cúc", 5), ("Thơm", 4), ("Sen", 4), ("Lụa", 3),
    ])
}
