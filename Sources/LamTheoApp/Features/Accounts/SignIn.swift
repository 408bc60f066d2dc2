import Fluent
import LamTheoCore
import Vapor

/// How password guessing is slowed down and then stopped, per account and per address.
struct SignInThrottle: Sendable {
    /// Failures are remembered this long.
    var window: TimeInterval = 15 * 60
    /// From this many recent failures on, each answer is delayed (one more `delayUnit` per failure, at most five).
    var slowAfter = 3
    /// At this many recent failures, sign-in is refused until the oldest of them leaves the window.
    var lockAfter = 10
    var delayUnit: Duration = .seconds(1)
}

extension Application {
    var signInThrottle: SignInThrottle {
        get { storage[SignInThrottleKey.self] ?? SignInThrottle() }
        set { storage[SignInThrottleKey.self] = newValue }
    }

    private struct SignInThrottleKey: StorageKey {
        typealias Value = SignInThrottle
    }
}

/// Checking a username and password, with the throttle in front.
enum SignIn {
    static let wrongCredentials = LocalizedText(vi: "Tên đăng nhập hoặc mật khẩu không đúng", en: "Wrong username or password")

    /// The account, or a `DomainError` saying why not (the same message whether the name or the password
    /// was wrong, so that it does not reveal which accounts exist).
    static func verify(username rawUsername: String?, password: String?, ip: String?, app: Application) async throws -> User {
        let username = (rawUsername ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let keys = ["user:\(username)"] + (ip.map { ["ip:\($0)"] } ?? [])
        let throttle = app.signInThrottle
        let since = Date().addingTimeInterval(-throttle.window)
        var recent = 0
        var oldest: Date?
        for key in keys {
            let failures = try await LoginFailure.query(on: app.db).filter(\.$key == key).filter(\.$failedAt > since).sort(\.$failedAt).all()
            if failures.count > recent {
                recent = failures.count
                oldest = failures.first?.failedAt
            }
        }
        if recent >= throttle.lockAfter {
            let until = (oldest ?? Date()).addingTimeInterval(throttle.window)
            let minutes = max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up)))
            throw DomainError(.tooManyAttempts, title: LocalizedText(
                vi: "Đăng nhập sai quá nhiều lần. Tạm khóa, vui lòng thử lại sau \(minutes) phút.",
                en: "Too many failed sign-ins. Locked for now; please try again in \(minutes) minutes."))
        }
        if recent >= throttle.slowAfter {
            try await Task.sleep(for: throttle.delayUnit * min(recent - throttle.slowAfter + 1, 5))
        }
        if let user = try await User.query(on: app.db).filter(\.$username == username).filter(\.$isActive == true).first(),
           try await app.password.async.verify(password ?? "", created: user.passwordHash) {
            _ = try await app.writeBookkeeping { db in
                try await LoginFailure.query(on: db).filter(\.$key == "user:\(username)").delete()
            }
            return user
        }
        _ = try await app.writeBookkeeping { db in
            for key in keys {
                let failure = LoginFailure()
                failure.key = key
                failure.failedAt = Date()
                try await failure.create(on: db)
            }
        }
        throw DomainError(.invalid, title: wrongCredentials, fieldErrors: [FieldError(field: "password", message: wrongCredentials)])
    }
}

/// Browser sessions: a random token in an HttpOnly cookie, its hash in `user_sessions`.
enum SessionCookie {
    static let name = "lamtheo_session"
    static let lifetime: TimeInterval = 12 * 3600

    /// Stores the session for the cookie value `secret`.
    static func start(_ secret: String, for user: User, ip: String?, on db: any Database) async throws -> UserSession {
        let session = UserSession()
        session.userId = user.requireID()
        session.tokenHash = SecretToken.hash(secret)
        session.expiresAt = Date().addingTimeInterval(lifetime)
        session.ip = ip
        try await session.create(on: db)
        return session
    }

    static func cookie(_ value: String, secure: Bool, maxAge: Int? = Int(lifetime)) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: maxAge, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
}
