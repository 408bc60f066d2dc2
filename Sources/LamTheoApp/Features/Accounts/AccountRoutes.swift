/// The addresses of signing in and out, the access page, one's own account (password, sessions, tokens), the
/// accounts a manager looks after, and the API's tokens, accounts and roles.
enum AccountRoute: SiteRoute {
    case signIn
    case signOut
    case access
    case newUser
    case grants
    case deleteGrant(Parameter<Int>)
    case tokens
    case currentToken
    case me
    case users
    case userGrants(Parameter<Int>)
    case grant(Parameter<Int>)
    /// One's own account: the password, the sessions and the tokens.
    case account
    case password
    /// One's own browser sessions (API), and all of them but this browser's (pages).
    case sessions
    case endOtherSessions
    case session(Parameter<Int>)
    case endSession(Parameter<Int>)
    /// One's own API tokens.
    case myTokens
    case myToken(Parameter<Int>)
    case endToken(Parameter<Int>)
    /// An account someone else looks after (a manager inside their scope, an administrator).
    case user(Parameter<Int>)
    case passwordReset(Parameter<Int>)
    case deactivation(Parameter<Int>)
    case reactivation(Parameter<Int>)

    static let pages: [AccountRoute] = [.signIn, .signOut, .access, .newUser, .grants, .deleteGrant(.key), .account, .password,
                                        .endOtherSessions, .endSession(.key), .endToken(.key), .user(.key), .passwordReset(.key),
                                        .deactivation(.key), .reactivation(.key)]
    static let api: [AccountRoute] = [.tokens, .currentToken, .me, .users, .userGrants(.key), .grant(.key), .password, .sessions,
                                      .session(.key), .myTokens, .myToken(.key), .passwordReset(.key), .deactivation(.key),
                                      .reactivation(.key)]

    var components: [RouteComponent] {
        switch self {
        case .signIn: return ["login"]
        case .signOut: return ["logout"]
        case .access: return ["access"]
        case .newUser: return ["access", "users"]
        case .grants: return ["access", "grants"]
        case .deleteGrant(let id): return ["access", "grants", id.named("id"), "delete"]
        case .tokens: return ["auth", "tokens"]
        case .currentToken: return ["auth", "tokens", "current"]
        case .me: return ["me"]
        case .users: return ["users"]
        case .userGrants(let id): return Self.user(id).components + ["grants"]
        case .grant(let id): return ["grants", id.named("id")]
        case .account: return ["me", "account"]
        case .password: return ["me", "password"]
        case .sessions: return ["me", "sessions"]
        case .endOtherSessions: return Self.sessions.components + ["end"]
        case .session(let id): return Self.sessions.components + [id.named("id")]
        case .endSession(let id): return Self.session(id).components + ["end"]
        case .myTokens: return ["me", "tokens"]
        case .myToken(let id): return Self.myTokens.components + [id.named("id")]
        case .endToken(let id): return Self.myToken(id).components + ["end"]
        case .user(let id): return ["users", id.named("id")]
        case .passwordReset(let id): return Self.user(id).components + ["password-reset"]
        case .deactivation(let id): return Self.user(id).components + ["deactivation"]
        case .reactivation(let id): return Self.user(id).components + ["reactivation"]
        }
    }
}
