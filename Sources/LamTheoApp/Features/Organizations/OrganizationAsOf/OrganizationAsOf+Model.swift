import LamTheoCore

/// A unit as it stood on a past date: its name, lineage and children of that day.
enum OrganizationAsOf {}

extension OrganizationAsOf {
    struct Model: Sendable {
        /// The unit as it is today.
        let unit: UnitLink
        let date: CalendarDate
        /// nil when the unit did not exist on that date, or was closed by then.
        let then: Then?

        struct Then: Sendable, Hashable {
            let name: String
            /// The names of the units above it that day that the reader may read today, the top first.
            let lineage: [String]
            /// The units directly under it that day, as they were named then.
            let children: [UnitLink]
        }
    }
}
