import LamTheoCore

/// The start page of every signed-in reader: what they have to do now, most urgent first, each item a link
/// to where it is done; and for officers and secretaries the headline figures of the subtrees they follow.
enum TodoPage {}

extension TodoPage {
    struct Model: Sendable {
        /// The reader's name, as the header shows it.
        let name: String
        let today: CalendarDate
        /// Most urgent first.
        let items: [TodoItem]
        /// By unit, in the order the sources gave them.
        let figures: [HeadlineFigure]

        /// The figures of each unit, the units in the order they first appear.
        var figuresByUnit: [(unit: String, figures: [HeadlineFigure])] {
            figures.reduce(into: []) { groups, figure in
                if let index = groups.firstIndex(where: { $0.unit == figure.unit }) {
                    groups[index].figures.append(figure)
                } else {
                    groups.append((figure.unit, [figure]))
                }
            }
        }
    }
}
