/// Swift's `==` on String ignores the difference between NFC and NFD: the CSV tests compare scalars.
func csvScalars(_ text: String) -> [Unicode.Scalar] {
    Array(text.unicodeScalars)
}

func csvScalars(_ rows: [[String]]) -> [[[Unicode.Scalar]]] {
    rows.map { $0.map { Array($0.unicodeScalars) } }
}

/// UTF-16 code units of a text as bytes, in either byte order.
func csvUTF16Bytes(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.utf16.flatMap { unit in
        bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
}
