import Fluent

extension Model where IDValue == Int {
    /// The id of a stored row (read from the database or just saved). Fluent's own `requireID()` throws;
    /// a row without an id here is a programming error, not something a caller can handle.
    func requireID() -> Int { id! }
}
