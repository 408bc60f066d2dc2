extension VietnameseText {
    /// The words of a search, folded like `searchKey` and each at most once: a name is found whatever the order its
    /// words are typed in ("binh nguyen van" finds Nguyễn Văn Bình), since each word is matched on its own.
    public static func searchWords(_ text: String) -> [String] {
        var seen = Set<String>()
        return searchKey(text).split(separator: " ").map(String.init).filter { seen.insert($0).inserted }
    }

    /// The part of a card number typed in a search ("0162", "34 180 162"), without spaces and in capitals: nil when
    /// the search holds no digit or too few characters to narrow anything down.
    public static func cardFragment(_ text: String) -> String? {
        let fragment = searchKey(text).replacingOccurrences(of: " ", with: "").uppercased()
        guard fragment.count >= 3, fragment.contains(where: \.isNumber) else { return nil }
        return fragment
    }
}
