import Foundation
import LamTheoCore
import Testing

@Suite("Outside programs started with posix_spawn")
struct ChildProcessTests {
    /// Runs `script` with /bin/sh, its output into a file of its own: the exit status and what it wrote.
    private func run(_ script: String, environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let child = try ChildProcess.start("/bin/sh", ["-c", script], environment: environment, output: output.fileDescriptor)
        let status = await child.wait()
        return (status, try String(contentsOf: log, encoding: .utf8))
    }

    @Test("its exit status, its output and error in the file, its environment, nothing on its input")
    func statusAndOutput() async throws {
        let (status, output) = try await run("echo \"out $GREETING\"; echo err >&2; cat; exit 3", environment: ["GREETING": "xin chào"])
        #expect(status == 3)
        #expect(output == "out xin chào\nerr\n")
    }

    @Test("the server's other descriptors are not passed on")
    func descriptorsClosed() async throws {
        let extra = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/etc/hostname"))
        defer { try? extra.close() }
        let (status, output) = try await run("ls /proc/self/fd")
        #expect(status == 0)
        // 0, 1, 2 and the directory `ls` itself opens: never the descriptor this process holds open.
        let open = output.split(separator: "\n").compactMap { Int32($0) }
        #expect(!open.contains(extra.fileDescriptor), "\(open)")
        #expect(open.filter { $0 > 2 }.count <= 1, "\(open)")
    }

    @Test("a program past its time: still running when the wait ends, then stopped; a program that cannot start is refused")
    func timeoutAndTerminate() throws {
        let child = try ChildProcess.start("/bin/sleep", ["30"], environment: [:], output: 2)
        #expect(child.wait(timeout: 0.1) == nil)
        child.terminate()
        // Stopped and reaped in the background: its process id is gone within seconds, not after its 30.
        let deadline = Date().addingTimeInterval(10)
        while kill(child.pid, 0) == 0, Date() < deadline { usleep(20_000) }
        #expect(kill(child.pid, 0) == -1 && errno == ESRCH)
        #expect(throws: ChildProcess.StartError.self) { try ChildProcess.start("/nonexistent/program", [], environment: [:], output: 2) }
    }
}
