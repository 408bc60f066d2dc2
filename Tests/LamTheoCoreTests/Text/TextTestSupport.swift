/// Swift's `==` on String ignores the difference between NFC and NFD: compare the scalars to see it.
func scalars(_ text: String) -> [Unicode.Scalar] {
    Array(text.unicodeScalars)
}

/// Every precomposed Vietnamese vowel, one row per letter, tones in order: ngang, huyền, hỏi, ngã, sắc, nặng.
let vietnameseVowelRows = [
    "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
    "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ",
]
