import Fluent
import LamTheoCore
import Vapor

/// Builds the application: database, migrations, middleware and every feature's routes.
public func configure(_ app: Application, _ configuration: AppConfiguration) async throws {
    app.http.server.configuration.hostname = configuration.host
    app.http.server.configuration.port = configuration.port
    app.routes.defaultMaxBodySize = "1mb"
    try await app.useDatabase(configuration.database)
    app.configuredDatabase = configuration.database
    app.secureCookies = configuration.servesTLS
    app.publicAddress = configuration.publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "http://\(configuration.host):\(configuration.port)"
    app.passwords.use(.bcrypt)
    // Stored once, so that every sign-in shares its count of password checks in flight.
    app.signInThrottle = SignInThrottle()

    app.migrations.add(SchemaHistory.migrations)
    // In this order: a merge hands over obligations and moves members before the figures are recounted.
    for follower: any TreeFollower in [ObligationTreeFollower(), MemberTreeFollower(), CoverageTreeFollower(), CommitmentTreeFollower(),
                                       RatingTreeFollower(), FollowUpTreeFollower(), ExemplarTreeFollower(), LibraryTreeFollower(),
                                       FeedbackTreeFollower()] {
        TreeFollowers.register(follower)
    }
    CampaignProgressFollowers.register(CoverageProgressFollower())
    // In this order, the order in which the rating page and the API show the sections.
    for source: any RatingEvidenceSource in [StudyEvidence(), ReflectionEvidence(), CommitmentEvidence(), BreakthroughEvidence()] {
        RatingEvidence.register(source)
    }
    // How the audit trail reads: each feature words its own actions and records and names its own ids.
    for source: any AuditWordingSource in [OrganizationAuditWording(), MemberAuditWording(), AccountAuditWording(), PrivacyAuditWording(),
                                          DocumentAuditWording(), SpreadsheetAuditWording(), CampaignAuditWording(), StudyAuditWording(),
                                          CoverageAuditWording(), CommitmentAuditWording(), RatingAuditWording(), BreakthroughAuditWording(),
                                          FollowUpAuditWording(), BriefingAuditWording(), InspectionAuditWording(), ExemplarAuditWording(), NotificationAuditWording(),
                                          ReportAuditWording(), PortalAuditWording(), CommentAuditWording(), FeedbackAuditWording(), LibraryAuditWording(),
                                          SampleDataAuditWording()] {
        AuditWording.register(source)
    }
    FollowUpOrigins.register(FollowUpOrigin(kind: BriefingCommands.originKind, name: LocalizedText(vi: "Kết luận giao ban", en: "Briefing conclusion"),
                                            link: { BriefingRoute.show(.value($0)).path }))
    FollowUpOrigins.register(FollowUpOrigin(kind: Inspection.originKind, name: LocalizedText(vi: "Kiến nghị sau kiểm tra, giám sát", en: "Inspection recommendation"),
                                            link: { InspectionRoute.show(.value($0)).path }))
    // An inspection's team reads the inspected units while it runs.
    GrantLendings.register(GrantLending(kind: Inspection.originKind, lent: { try await InspectionQueries.lentScopes(to: $0, on: $1, on: $2) },
                                        log: { try await InspectionQueries.logRead($0, on: $1) }))
    FollowUpOrigins.register(FollowUpOrigin(kind: ExemplarCommands.replicationOrigin, name: LocalizedText(vi: "Nhân rộng điển hình", en: "Exemplar replication"),
                                            link: { ExemplarRoute.show(.value($0)).path }))
    // In this order: the start page's figures by feature, and equally urgent items by feature.
    // Dated things the reminders chase, in the order the reminders page lists their schedules.
    for source: any ReminderSource in [ReflectionReminders(), ObligationReminders(), FollowUpReminders(), SelfAssessmentReminders(),
                                       RatingStepReminders(step: .proposal), RatingStepReminders(step: .decision), BriefingReminders(), FeedbackReminders()] {
        Reminders.register(source)
    }
    // In this order, the order of the dashboard's sections.
    for source: any DashboardSource in [CoverageDashboard(), CommitmentDashboard(), BreakthroughDashboard(), FollowUpDashboard(), RatingDashboard(),
                                        ExemplarDashboard(), FeedbackDashboard(), LibraryDashboard()] {
        Dashboards.register(source)
    }
    CampaignPageFigures.register(LibraryDashboard())
    JobKinds.register(DashboardSnapshots.jobKind)
    JobKinds.register(ReportJobs.compose)
    JobSchedules.register(DashboardSnapshots.schedule)
    NotificationJobs.kinds.forEach(JobKinds.register)
    NotificationJobs.schedules.forEach(JobSchedules.register)
    for source: any TodoSource in [OrganizationTodos(), StudyTodos(), CampaignTodos(), CoverageTodos(), CommitmentTodos(), RatingTodos(), FollowUpTodos()] {
        Todos.register(source)
    }

    let encoder = JSONEncoder.lamtheo
    ContentConfiguration.global.use(encoder: encoder, for: .json)

    app.middleware = Middlewares()
    app.observeRequests(configuration)
    let drain = RequestDrain()
    app.lifecycle.use(RequestDrainLifecycle(drain: drain))
    var steps: [any AsyncMiddleware] = [
        SecurityHeadersMiddleware(),
        ErrorMiddleware(),
        RequestDrainMiddleware(drain: drain),
        RequestLimitsMiddleware(),
        AuthenticationMiddleware(),
        LentReadLogMiddleware(),
        FlashMiddleware(),
        InboxBadgeMiddleware(),
        MultipartGuardMiddleware(),
        CSRFMiddleware(),
        PolicyMiddleware(),
    ]
    // With a replica or kept dashboards: marks a client that has just written (innermost, so that it sees the handler's own answer).
    app.recentWrites = RecentWrites(replica: configuration.replica, dashboardCache: configuration.dashboardCache)
    if let recentWrites = app.recentWrites { steps.append(RecentWriteMiddleware(window: recentWrites.window)) }
    app.middleware.use(MiddlewareChain(steps))
    app.trustedProxies = configuration.trustedProxies

    app.asyncCommands.use(GenerateCommand(), as: "generate")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(ExportCommand(), as: "export")
    app.asyncCommands.use(JobsCommand(), as: "jobs")
    for kind in ImportJobs.jobKinds + [ImportJobs.discardFiles] {
        JobKinds.register(kind)
    }
    JobSchedules.register(JobSchedule(kind: ImportJobs.discardFiles.name, cadence: .every(minutes: 30)))
    // Only a serving process runs jobs in the background: tests call `runPending`, one-off commands run none.
    let command = app.environment.arguments.dropFirst().first
    let serves = app.environment != .testing && (command == nil || command == "serve" || command == "demo")
    app.useJobs(runsLoop: serves, tick: .seconds(configuration.jobsTick))
    if let replica = configuration.replica { try app.useReplica(replica, measuresLag: serves) }
    app.mailTransport = try configuration.mail.map { try SMTPTransport(settings: $0) }
    app.asyncCommands.use(SendTestMailCommand(), as: "send-test-mail")
    app.publicPages = PublicPageCache()
    app.dashboardPages = DashboardPageCache(lifetime: configuration.dashboardCache)
    app.followedGenerations = FollowedGenerations()
    app.accessGeneration = app.followedGenerations.add(StoredGeneration(table: "access_generation", interval: configuration.generationCheckInterval))
    app.callers = CallerCache()
    app.organizationPages = GenerationKept(generation: app.followedGenerations.add(
        StoredGeneration(table: "organization_generation", interval: configuration.generationCheckInterval)), capacity: KeptOrganizationPages.capacity)
    app.unreadCounts = GenerationKept(generation: app.followedGenerations.add(
        StoredGeneration(table: "notification_generation", interval: configuration.generationCheckInterval)), capacity: 50_000)
    app.articleViews = ArticleViewCounter()
    PublicLayout.origin = app.publicAddress
    app.documentFiles = DocumentFileStore(directory: URL(fileURLWithPath: configuration.filesDirectory, isDirectory: true))
    app.asyncCommands.use(TreeBenchmarkCommand(), as: "benchmark-tree")
    app.asyncCommands.use(PageWalkBenchmarkCommand(), as: "benchmark-pages")
    app.asyncCommands.use(SearchBenchmarkCommand(), as: "benchmark-search")
    app.asyncCommands.use(HTTPBenchmarkCommand(), as: "benchmark-http")
    app.asyncCommands.use(CoverageBenchmarkCommand(), as: "benchmark-coverage")
    app.asyncCommands.use(FollowUpBenchmarkCommand(), as: "benchmark-follow-ups")
    app.asyncCommands.use(ReminderBenchmarkCommand(), as: "benchmark-reminders")
    app.asyncCommands.use(ImportBenchmarkCommand(), as: "benchmark-import")
    app.asyncCommands.use(DashboardBenchmarkCommand(), as: "benchmark-dashboard")
    try routes(app)
}

func routes(_ app: Application) throws {
    app.navigation = navigation
    PlatformRoutes.register(on: app.routes)
    let api = APIRoutes(app)
    AccountAPI.register(on: api)
    OrganizationAPI.register(on: api)
    DocumentAPI.register(on: api)
    MemberAPI.register(on: api)
    CampaignAPI.register(on: api)
    CampaignPublicationAPI.register(on: api)
    CoverageAPI.register(on: api)
    CommitmentAPI.register(on: api)
    RatingAPI.register(on: api)
    StudyAPI.register(on: api)
    BreakthroughAPI.register(on: api)
    FollowUpAPI.register(on: api)
    ExemplarAPI.register(on: api)
    BriefingAPI.register(on: api)
    InspectionAPI.register(on: api)
    HomeAPI.register(on: api)
    NotificationAPI.register(on: api)
    DashboardAPI.register(on: api)
    ReportAPI.register(on: api)
    FeedbackAPI.register(on: api)
    LibraryAPI.register(on: api)
    APIDocumentation.register(on: api)
    HomePages.register(on: app.routes)
    AccountPages.register(on: app.routes)
    AuditPages.register(on: app.routes)
    SelfServicePages.register(on: app.routes)
    SelfServiceAPI.register(on: api)
    SpreadsheetAPI.register(on: api)
    SpreadsheetPages.register(on: app.routes)
    JobAPI.register(on: api)
    JobPages.register(on: app.routes)
    OrganizationPages.register(on: app.routes)
    DocumentPages.register(on: app.routes)
    MemberPages.register(on: app.routes)
    CampaignPages.register(on: app.routes)
    CampaignPublicationPages.register(on: app.routes)
    CoveragePages.register(on: app.routes)
    CommitmentPages.register(on: app.routes)
    RatingPages.register(on: app.routes)
    RatingSheetEntry.register(on: app.routes)
    StudyPages.register(on: app.routes)
    ReflectionPages.register(on: app.routes)
    BreakthroughPages.register(on: app.routes)
    FollowUpPages.register(on: app.routes)
    InspectionPages.register(on: app.routes)
    ExemplarPages.register(on: app.routes)
    BriefingPages.register(on: app.routes)
    NotificationPages.register(on: app.routes)
    DashboardPages.register(on: app.routes)
    ReportPages.register(on: app.routes)
    FeedbackPages.register(on: app.routes)
    PublicRoutes.register(on: app.routes)
    PortalPages.register(on: app.routes)
    ArticlePages.register(on: app.routes)
    PublicArticlePages.register(on: app.routes)
    PortalAPI.register(on: api)
    CommentPages.register(on: app.routes)
    CommentPublicPages.register(on: app.routes)
    CommentAPI.register(on: api)
    // The public sites' links: the categories, the feed, and the sign-in discreetly in the footer.
    PortalNavigation.register()
    ExemplarPublicPages.register(on: app.routes)
    CampaignPublicPages.register(on: app.routes)
    LibraryPages.register(on: app.routes)
    LibraryPublicPages.register(on: app.routes)
    // After the categories: “Gửi ý kiến” ends the site's menu.
    FeedbackPublicPages.register(on: app.routes)
    PublicNavigation.register(PublicNavigationEntry(id: "sign-in", LocalizedText(vi: "Đăng nhập", en: "Sign in"), place: .footer) { _ in AccountRoute.signIn.path })
    app.routeMethods = RouteMethods(app.routes.all)
}

/// The menu and the pages Platform's frame points at: each entry is shown to the callers its route's
/// policy admits.
private let navigation = SiteNavigation(
    signIn: AccountRoute.signIn,
    signOut: AccountRoute.signOut,
    start: [(for: .signedIn, route: HomeRoute.todos)],
    menu: [
        MenuEntry(HomeRoute.todos, LocalizedText(vi: "Việc cần làm", en: "To do"), shownTo: .signedIn),
        MenuEntry(DashboardRoute.show, LocalizedText(vi: "Tổng quan", en: "Dashboard"), shownTo: .capability(.read)),
        MenuEntry(OrganizationRoute.list, LocalizedText(vi: "Tổ chức đảng", en: "Organisations"), shownTo: .capability(.read)),
        MenuEntry(MemberRoute.list, LocalizedText(vi: "Đảng viên", en: "Members"), shownTo: .capability(.read)),
        MenuEntry(CampaignRoute.list, LocalizedText(vi: "Triển khai", en: "Campaigns"), shownTo: .capability(.read)),
        MenuEntry(StudyRoute.sessions, LocalizedText(vi: "Học tập", en: "Study"), shownTo: .capability(.read)),
        MenuEntry(BreakthroughRoute.list, LocalizedText(vi: "Khâu đột phá", en: "Breakthroughs"), shownTo: .capability(.read)),
        MenuEntry(FollowUpRoute.list, LocalizedText(vi: "Kết luận, kiến nghị", en: "Follow-ups"), shownTo: .capability(.read)),
        MenuEntry(InspectionRoute.list, LocalizedText(vi: "Kiểm tra, giám sát", en: "Inspections"), shownTo: .capability(.read)),
        MenuEntry(ExemplarRoute.list, LocalizedText(vi: "Điển hình, khen thưởng", en: "Exemplars"), shownTo: .capability(.read)),
        MenuEntry(BriefingRoute.list, LocalizedText(vi: "Giao ban", en: "Briefings"), shownTo: .capability(.read)),
        MenuEntry(LibraryRoute.list, LocalizedText(vi: "Thư viện", en: "Library"), shownTo: .signedIn),
        MenuEntry(FeedbackRoute.list, LocalizedText(vi: "Ý kiến người dân", en: "Feedback"), shownTo: .capability(.read)),
        MenuEntry(PortalRoute.articles, LocalizedText(vi: "Trang tin", en: "Public site"), shownTo: .capability(.publish)),
        MenuEntry(CommitmentRoute.list, LocalizedText(vi: "Làm theo", en: "Commitments"), shownTo: .signedIn),
        MenuEntry(PrivacyRoute.me, LocalizedText(vi: "Của tôi", en: "My record"), shownTo: .selfService),
        MenuEntry(DocumentRoute.list, LocalizedText(vi: "Văn bản", en: "Documents"), shownTo: .signedIn),
        MenuEntry(RatingRoute.ratings, LocalizedText(vi: "Đánh giá", en: "Ratings"), shownTo: .signedIn),
        MenuEntry(SpreadsheetRoute.imports, LocalizedText(vi: "Nhập, xuất", en: "Import"), shownTo: .capability(.edit)),
        MenuEntry(PrivacyRoute.corrections, LocalizedText(vi: "Đề nghị sửa", en: "Corrections"), shownTo: .capability(.edit)),
        MenuEntry(AccountRoute.access, LocalizedText(vi: "Phân quyền", en: "Access"), shownTo: .capability(.delegate)),
        MenuEntry(NotificationRoute.reminders, LocalizedText(vi: "Nhắc việc", en: "Reminders"), shownTo: .capability(.read)),
        MenuEntry(AuditRoute.search, LocalizedText(vi: "Nhật ký", en: "Audit"), shownTo: .administrator),
        MenuEntry(JobRoute.list, LocalizedText(vi: "Việc nền", en: "Jobs"), shownTo: .administrator),
        MenuEntry(AccountRoute.account, LocalizedText(vi: "Tài khoản", en: "Account"), shownTo: .signedIn),
    ])

extension Application {
    /// The database in use, for the commands that hand it to an outside tool (benchmarks).
    var configuredDatabase: DatabaseURL {
        get { storage[ConfiguredDatabaseKey.self] ?? .sqliteMemory }
        set { storage[ConfiguredDatabaseKey.self] = newValue }
    }

    private struct ConfiguredDatabaseKey: StorageKey {
        typealias Value = DatabaseURL
    }

    /// Whether cookies carry the Secure flag: when LamTheo is served over TLS (`LAMTHEO_PUBLIC_URL`).
    var secureCookies: Bool {
        get { storage[SecureCookiesKey.self] ?? false }
        set { storage[SecureCookiesKey.self] = newValue }
    }

    private struct SecureCookiesKey: StorageKey {
        typealias Value = Bool
    }

    /// The address people reach LamTheo at, without a trailing slash: what links in e-mail start with.
    var publicAddress: String {
        get { storage[PublicAddressKey.self] ?? "http://127.0.0.1:8080" }
        set { storage[PublicAddressKey.self] = newValue }
    }

    private struct PublicAddressKey: StorageKey {
        typealias Value = String
    }
}
