import Fluent
import LamTheoCore
import Vapor

/// Builds the application: database, migrations, middleware and every feature's routes.
public func configure(_ app: Application, _ configuration: AppConfiguration) async throws {
    app.http.server.configuration.hostname = configuration.host
    app.http.server.configuration.port = configuration.port
    app.routes.defaultMaxBodySize = "1mb"
    try await app.useDatabase(configuration.database)

    app.migrations.add(CreateOrganizationKinds())
    app.migrations.add(CreateOrganizations())
    app.migrations.add(CreateMembers())

    let encoder = JSONEncoder.lamtheo
    ContentConfiguration.global.use(encoder: encoder, for: .json)

    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(ErrorMiddleware())
    app.middleware.use(PolicyMiddleware())

    app.asyncCommands.use(GenerateCommand(), as: "generate")
    app.asyncCommands.use(TreeBenchmarkCommand(), as: "benchmark-tree")
    try routes(app)
}

func routes(_ app: Application) throws {
    PlatformRoutes.register(on: app.routes)
    let api = app.routes.grouped("api", "v1")
    OrganizationAPI.register(on: api)
    MemberAPI.register(on: api)
    APIDocumentation.register(on: api)
    OrganizationPages.register(on: app.routes)
    MemberPages.register(on: app.routes)
}
