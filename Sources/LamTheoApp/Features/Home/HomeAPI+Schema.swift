extension HomeAPI.TodoListDTO: OpenAPIDescribed {
    static let schemaName = "TodoList"
    static var schema: JSONValue {
        .object(properties: [
            "today": .date, "items": .array(of: .ref(HomeAPI.TodoItemDTO.self)).described("Most urgent first"),
            "figures": .array(of: .ref(HomeAPI.FigureDTO.self)).described("Headline figures of the subtrees the caller follows"),
        ], required: ["today", "items", "figures"])
    }
}

extension HomeAPI.TodoItemDTO: OpenAPIDescribed {
    static let schemaName = "TodoItem"
    static var schema: JSONValue {
        .object(properties: [
            "kind": JSONValue.string.described("What kind of item, the same in every language (study.attendance, ratings.proposals…)"),
            "urgency": .enumeration(TodoUrgency.self), "count": .integer.described("How many things the item stands for"),
            "title": .string, "detail": .nullable(.string), "dueOn": .nullable(.date),
            "path": JSONValue.string.described("The web page where it is done"),
        ], required: ["kind", "urgency", "count", "title", "path"])
    }
}

extension HomeAPI.FigureDTO: OpenAPIDescribed {
    static let schemaName = "HeadlineFigure"
    static var schema: JSONValue {
        .object(properties: [
            "unit": .string, "title": .string, "value": JSONValue.string.described("Written out: 1.234, 231/245 (94,3%), chưa báo cáo"),
            "note": .nullable(.string), "path": .nullable(.string),
        ], required: ["unit", "title", "value"])
    }
}
