import LamTheoCore

/// `/me`: a member's own record on a phone, with their commitments, reflections and ratings, the download
/// of all their data and the correction form.
enum MyRecord {}

extension MyRecord {
    struct Model: Sendable {
        let fullName: String
        let cell: String
        let cardNumber: String
        let birthDate: CalendarDate?
        let admittedOn: CalendarDate?
        let fullMemberOn: CalendarDate?
        let status: MemberStatus
        let idNumber: String?
        let phone: String?
        let address: String?
        let commitments: OwnCommitments
        /// Newest first.
        let reflections: [Reflection]
        /// The periods in which the member has a rating, and the level decided (nil while undecided).
        let ratings: [Rating]

        struct Reflection: Sendable, Hashable {
            let campaignId: Int
            let campaignTitle: String
            let state: ReflectionState
            let grade: String?
        }

        struct Rating: Sendable, Hashable {
            let period: String
            let level: RatingLevel?
        }
    }
}
