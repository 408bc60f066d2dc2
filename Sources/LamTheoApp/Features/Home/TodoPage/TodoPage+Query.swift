import Fluent
import LamTheoCore

extension TodoPage {
    enum Query {
        /// What every registered source has for the reader: their items and figures.
        static func run(for actor: Actor, today: CalendarDate, sources: TodoSources = Todos.sources, on db: any Database) async throws -> Model {
            let reader = TodoReader(actor: actor, today: today)
            return Model(name: actor.displayName, today: today, items: try await sources.todos(for: reader, on: db),
                         figures: try await sources.figures(for: reader, on: db))
        }
    }
}
