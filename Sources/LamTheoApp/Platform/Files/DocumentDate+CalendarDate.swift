import LamTheoCore
import LamTheoDocx

extension DocumentDate {
    /// The day a document is dated, from the calendar day the application keeps (LamTheoDocx knows no `CalendarDate`).
    init(_ day: CalendarDate) {
        self.init(year: day.year, month: day.month, day: day.day)
    }
}
