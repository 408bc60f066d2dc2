import LamTheoCore
import Vapor

/// The start page's list for clients of the API (phones): the same items and figures, in the request's language.
enum HomeAPI {
    static func register(on api: any RoutesBuilder) {
        api.get(HomeRoute.todos, use: todos).requiring(.signedIn)
    }

    static func todos(request: Request) async throws -> TodoListDTO {
        let model = try await TodoPage.Query.run(for: try request.requireActor(), today: CalendarDate.today(), on: request.reads)
        return TodoListDTO(model, language: request.language)
    }

    struct TodoListDTO: Content {
        let today: CalendarDate
        let items: [TodoItemDTO]
        let figures: [FigureDTO]

        init(_ model: TodoPage.Model, language: UILanguage) {
            today = model.today
            items = model.items.map { TodoItemDTO($0, language: language) }
            figures = model.figures.map { FigureDTO($0, language: language) }
        }
    }

    struct TodoItemDTO: Content {
        let kind: String
        let urgency: TodoUrgency
        let count: Int
        let title: String
        let detail: String?
        let dueOn: CalendarDate?
        /// The web page where it is done.
        let path: String

        init(_ item: TodoItem, language: UILanguage) {
            kind = item.kind
            urgency = item.urgency
            count = item.count
            title = item.title(language)
            detail = item.detail?(language)
            dueOn = item.dueOn
            path = item.link
        }
    }

    struct FigureDTO: Content {
        let unit: String
        let title: String
        let value: String
        let note: String?
        let path: String?

        init(_ figure: HeadlineFigure, language: UILanguage) {
            unit = figure.unit
            title = figure.title(language)
            value = figure.value(language)
            note = figure.note?(language)
            path = figure.link
        }
    }
}
