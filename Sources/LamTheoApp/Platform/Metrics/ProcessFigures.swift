import Foundation

/// The process's resident memory and open files, read from /proc/self when metrics are scraped (Linux; 0 elsewhere).
struct ProcessFigures {
    var residentBytes = 0
    var openFiles = 0

    static func read() -> ProcessFigures {
        var figures = ProcessFigures()
        // statm: size resident shared … in pages.
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let fields = statm.split(separator: " ")
            if fields.count > 1, let pages = Int(fields[1]) { figures.residentBytes = pages * Int(sysconf(Int32(_SC_PAGESIZE))) }
        }
        figures.openFiles = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        return figures
    }
}
