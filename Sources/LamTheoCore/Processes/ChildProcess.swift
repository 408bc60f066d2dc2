#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An outside program (LibreOffice, pg_dump) started with `posix_spawn` and waited for by polling. Foundation's
/// `Process.run()` on Linux copies each `/proc/self/fd` entry as a whole 256-byte record, which can read past glibc's
/// buffer and end the whole server with a segmentation fault (swift-corelibs-foundation pull request 5472; seen in CI
/// while two reports were converted at once).
public struct ChildProcess: Sendable {
    public let pid: pid_t

    public struct StartError: Error, CustomStringConvertible {
        public let executable: String
        public let code: Int32
        public var description: String { "\(executable) could not be started: \(String(cString: strerror(code)))" }
    }

    /// Starts `executable` with `arguments` and `environment`: its standard output and error go to `output`, its input
    /// is /dev/null, none of the server's other descriptors is passed on, and SIGPIPE is as by default (the server
    /// ignores it).
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String], output: Int32) throws(StartError) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        if let addCloseFrom = Self.addCloseFrom {
            _ = addCloseFrom(&actions, 3)
        } else {
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for fd in open.compactMap(Int32.init) where fd > 2 && fd != output {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), mask = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { throw StartError(executable: executable, code: code) }
        return ChildProcess(pid: pid)
    }

    /// Its exit status once it has ended (128 + the signal that ended it), or nil while it runs; -1 when it cannot be known.
    public func status() -> Int32? {
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == 0 { return nil }
            if reaped == pid {
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal
            }
            if errno != EINTR { return -1 }
        }
    }

    /// Waits, holding the calling thread, at most `timeout` seconds: the exit status, or nil when it still runs.
    public func wait(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = status() { return status }
            if Date() >= deadline { return nil }
            usleep(Self.poll)
        }
    }

    /// Waits without holding a thread.
    public func wait() async -> Int32 {
        while true {
            if let status = status() { return status }
            await withCheckedContinuation { continuation in
                DispatchQueue.global().asyncAfter(deadline: .now() + .microseconds(Int(Self.poll))) { continuation.resume() }
            }
        }
    }

    /// Asks it to stop, then has it reaped in the background.
    public func terminate() {
        kill(pid, SIGTERM)
        let child = self
        DispatchQueue.global().async {
            if child.wait(timeout: 30) == nil {
                kill(child.pid, SIGKILL)
                _ = child.wait(timeout: 30)
            }
        }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc module does not declare.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Microseconds between looks: a program run here takes seconds.
    private static let poll: UInt32 = 20_000
}
