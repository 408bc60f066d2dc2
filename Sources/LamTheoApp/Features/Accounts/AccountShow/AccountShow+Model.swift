import Foundation
import LamTheoCore

/// An account as the manager or administrator who looks after it sees it (`/users/{id}`): its state, its roles,
/// how much access it has open, what can be done to it, and its history.
enum AccountShow {}

extension AccountShow {
    struct Model: Sendable {
        let id: Int
        let username: String
        let displayName: String
        let isActive: Bool
        /// The password is a temporary one, not yet changed.
        let mustChangePassword: Bool
        let passwordChangedAt: Date?
        let roles: [RoleLine]
        let sessions: Int
        let tokens: Int
        /// The audit trail's record of the account, newest first.
        let changes: [AuditEntry]
    }
}
