import Fluent
import LamTheoCore
import SQLKit
import Vapor

/// How password guessing is slowed down and then stopped, per account and per address, and how many
/// password checks may run at once.
struct SignInThrottle: Sendable {
    /// Failures are remembered this long.
    var window: TimeInterval = 15 * 60
    /// From this many recent failures of an account on, each answer is delayed (one more `delayUnit` per failure,
    /// at most five).
    var slowAfter = 3
    /// At this many recent failures of one account (from anywhere), its sign-in is refused until the failures
    /// leave the window.
    var lockAfter = 10
    /// At this many recent failures from one address (for any accounts), sign-in from there is refused. Higher
    /// than `lockAfter`: behind an office's proxy or NAT every user shares one address.
    var addressLockAfter = 100
    var delayUnit: Duration = .seconds(1)
    /// Password checks (bcrypt, deliberately slow) running at once; one more is answered 503 at once rather than
    /// queued until the database pool gives up.
    var maxConcurrentVerifications = max(2, System.coreCount * 2)
    /// `Retry-After` of that 503, in seconds.
    var busyRetryAfter = 2
    /// Shared by every copy of the settings: the checks running now and the stand-in hash.
    let gate = SignInGate()
}

/// The password checks in flight, and a hash to check against when the account does not exist or is inactive,
/// so that such an answer takes as long as a real one (made once, with the application's hasher).
actor SignInGate {
    private var running = 0
    private(set) var standInHash: String?

    func enter(limit: Int) -> Bool {
        guard running < limit else { return false }
        running += 1
        return true
    }

    func leave() {
        running -= 1
    }

    func keep(standIn hash: String) -> String {
        if standInHash == nil { standInHash = hash }
        return standInHash!
    }
}

extension Application {
    /// Stored once at start (`configure`), so that every request shares its `gate`.
    var signInThrottle: SignInThrottle {
        get { storage[SignInThrottleKey.self] ?? SignInThrottle() }
        set { storage[SignInThrottleKey.self] = newValue }
    }

    private struct SignInThrottleKey: StorageKey {
        typealias Value = SignInThrottle
    }
}

/// Checking a username and password, with the throttle in front.
///
/// The attempt is counted before the password is checked, in one transaction that first takes a lock per key
/// (an advisory lock on PostgreSQL; SQLite's writes are serialised by `WriteGate`), so that parallel guesses are
/// counted one after the other and no more than `lockAfter` of them are ever checked. A right password then
/// takes its attempt back.
enum SignIn {
    static let wrongCredentials = LocalizedText(vi: "Tên đăng nhập hoặc mật khẩu không đúng", en: "Wrong username or password")

    /// The account, or a `DomainError` saying why not: `.unauthorized` for a wrong name or password (the same
    /// message and about the same time either way, so that it does not reveal which accounts exist),
    /// `.tooManyAttempts` when the account or the address is locked, `.unavailable` when too many checks are
    /// running; the last two carry `retryAfter`.
    static func verify(username rawUsername: String?, password: String?, ip: String?, app: Application) async throws -> User {
        let username = (rawUsername ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let throttle = app.signInThrottle
        let account = "user:\(username)"
        let attempt = try await record(account: account, address: ip.map { "ip:\($0)" }, throttle: throttle, app: app)
        if attempt.recentFailures >= throttle.slowAfter {
            try await Task.sleep(for: throttle.delayUnit * min(attempt.recentFailures - throttle.slowAfter + 1, 5))
        }
        let user = try await User.query(on: app.db).filter(\.$username == username).first()
        guard await throttle.gate.enter(limit: throttle.maxConcurrentVerifications) else {
            // Not checked, so not a failure.
            _ = try? await app.writeBookkeeping { db in try await LoginFailure.query(on: db).filter(\.$id ~~ attempt.ids).delete() }
            throw DomainError(.unavailable, title: LocalizedText(
                vi: "Máy chủ đang bận, vui lòng thử lại sau ít giây.", en: "The server is busy; please try again in a few seconds."),
                retryAfter: throttle.busyRetryAfter)
        }
        let matches: Bool
        do {
            let hasher = app.password.async
            if let user, user.isActive {
                matches = try await hasher.verify(password ?? "", created: user.passwordHash)
            } else {
                let standIn: String
                if let made = await throttle.gate.standInHash {
                    standIn = made
                } else {
                    standIn = await throttle.gate.keep(standIn: try await hasher.hash(SecretToken.make(prefix: "")))
                }
                _ = try await hasher.verify(password ?? "", created: standIn)
                matches = false
            }
            await throttle.gate.leave()
        } catch {
            await throttle.gate.leave()
            throw error
        }
        guard matches, let user else {
            throw DomainError(.unauthorized, title: wrongCredentials, fieldErrors: [FieldError(field: "password", message: wrongCredentials)])
        }
        _ = try await app.writeBookkeeping { db in
            try await LoginFailure.query(on: db).group(.or) { $0.filter(\.$key == account).filter(\.$id ~~ attempt.ids) }.delete()
        }
        return user
    }

    struct Attempt: Sendable {
        /// The rows that count this attempt as a failure until it succeeds.
        let ids: [Int]
        /// The account's failures before this attempt.
        let recentFailures: Int
    }

    /// Counts the recent failures of the account and the address and, unless either is locked, records this
    /// attempt as one more: one transaction, keys locked in a fixed order.
    static func record(account: String, address: String?, throttle: SignInThrottle, app: Application) async throws -> Attempt {
        let keys = [(account, throttle.lockAfter)] + (address.map { [($0, throttle.addressLockAfter)] } ?? [])
        let since = Date().addingTimeInterval(-throttle.window)
        let window = throttle.window
        return try await app.writeBookkeeping { db in
            if db.isPostgres {
                for key in keys.map(\.0).sorted() {
                    try await db.sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: "lamtheo.sign-in " + key), 0))").run()
                }
            }
            var accountFailures = 0
            var lockedUntil: Date?
            for (key, limit) in keys {
                let recent = try await LoginFailure.query(on: db).filter(\.$key == key).filter(\.$failedAt > since).count()
                if key == account { accountFailures = recent }
                if recent >= limit {
                    // Locked until enough of the failures have left the window to bring the count under the limit.
                    let freeing = try await LoginFailure.query(on: db).filter(\.$key == key).filter(\.$failedAt > since)
                        .sort(\.$failedAt).offset(recent - limit).first()
                    let until = (freeing?.failedAt ?? Date()).addingTimeInterval(window)
                    lockedUntil = max(lockedUntil ?? until, until)
                }
            }
            if let lockedUntil {
                let seconds = max(1, Int(lockedUntil.timeIntervalSinceNow.rounded(.up)))
                let minutes = max(1, (seconds + 59) / 60)
                throw DomainError(.tooManyAttempts, title: LocalizedText(
                    vi: "Đăng nhập sai quá nhiều lần. Tạm khóa, vui lòng thử lại sau \(minutes) phút.",
                    en: "Too many failed sign-ins. Locked for now; please try again in \(minutes) minutes."), retryAfter: seconds)
            }
            var ids: [Int] = []
            for (key, _) in keys {
                let failure = LoginFailure()
                failure.key = key
                failure.failedAt = Date()
                try await failure.create(on: db)
                ids.append(failure.requireID())
            }
            return Attempt(ids: ids, recentFailures: accountFailures)
        }
    }
}

/// Browser sessions: a random token in an HttpOnly cookie, its hash in `user_sessions`.
enum SessionCookie {
    static let name = Cookies.session
    static let lifetime: TimeInterval = 12 * 3600

    /// Stores the session for the cookie value `secret`, with what its owner needs to recognise it in their list.
    static func start(_ secret: String, for user: User, ip: String?, userAgent: String? = nil, on db: any Database) async throws -> UserSession {
        let session = UserSession()
        session.userId = user.requireID()
        session.tokenHash = SecretToken.hash(secret)
        session.expiresAt = Date().addingTimeInterval(lifetime)
        session.ip = ip
        session.userAgent = userAgent.map { String($0.prefix(255)) }
        session.lastSeenAt = Date()
        try await session.create(on: db)
        return session
    }

    static func cookie(_ value: String, secure: Bool, maxAge: Int? = Int(lifetime)) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: maxAge, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
}
