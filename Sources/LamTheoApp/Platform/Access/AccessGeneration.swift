import Vapor

extension Application {
    /// `access_generation` (045), which the database counts up on every change to who may do what; `write` marks each
    /// of this process's writes so that the next request reads it. Read at most every `generationCheckInterval`: a grant
    /// revoked, an account closed or a session ended through another process takes effect here within a second
    /// (through this one, at once). Set by `configure`.
    var accessGeneration: StoredGeneration {
        get { self[configured: AccessGenerationKey.self] }
        set { self[configured: AccessGenerationKey.self] = newValue }
    }

    private struct AccessGenerationKey: StorageKey {
        typealias Value = StoredGeneration
    }
}
