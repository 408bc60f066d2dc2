/// A unit exists from the day it was founded (its `valid_from`): what it holds or launches — a study session,
/// a campaign — is not dated before that day.
public struct UnitFounding: Sendable, Hashable {
    public let unitName: String
    public let foundedOn: CalendarDate

    public init(unitName: String, foundedOn: CalendarDate) {
        self.unitName = unitName
        self.foundedOn = foundedOn
    }

    /// Why `date` cannot be used, if it is before the founding.
    /// - Parameter label: the date's name inside a sentence, lower case ("ngày tổ chức" / "date held").
    public func problem(with date: CalendarDate, label: LocalizedText) -> LocalizedText? {
        guard date < foundedOn else { return nil }
        return LocalizedText(vi: "\(unitName) thành lập ngày \(foundedOn.vietnamese): \(label.vi) (\(date.vietnamese)) không được trước ngày thành lập",
                             en: "\(unitName) was founded on \(foundedOn.vietnamese): the \(label.en) (\(date.vietnamese)) cannot be earlier")
    }
}
