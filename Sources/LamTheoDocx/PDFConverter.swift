import Foundation
import LamTheoCore

/// Why a DOCX could not be turned into a PDF, in words the person who pressed the button understands.
public struct PDFConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// No `soffice` on this server.
        case notInstalled
        /// LibreOffice ran and made no PDF, or did not finish in time.
        case failed
    }

    public let reason: Reason
    /// For logs: LibreOffice's output, the time limit.
    public let detail: String?

    public init(_ reason: Reason, detail: String? = nil) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String { "\(vietnamese) / \(english)" }

    public var vietnamese: String {
        switch reason {
        case .notInstalled:
            return "Máy chủ chưa cài LibreOffice nên chưa tạo được tệp PDF: hãy tải tệp Word (.docx), hoặc nhờ quản trị "
                + "cài gói libreoffice-writer-nogui và fonts-liberation2"
        case .failed:
            return "Không chuyển được báo cáo sang PDF: hãy thử lại sau ít phút, hoặc tải tệp Word (.docx)"
        }
    }

    public var english: String {
        switch reason {
        case .notInstalled:
            return "LibreOffice is not installed on the server, so there is no PDF: download the Word file (.docx), or "
                + "ask the administrator to install libreoffice-writer-nogui and fonts-liberation2"
        case .failed:
            return "The report could not be converted to PDF: try again in a few minutes, or download the Word file (.docx)"
        }
    }
}

/// Turns a DOCX into a PDF with LibreOffice (`soffice --headless --convert-to pdf`), which lays it out with Liberation
/// Serif where Times New Roman is missing (same metrics: the same line breaks as in Word).
///
/// Each conversion runs in a temporary folder with its own LibreOffice profile, so that conversions at the same time
/// do not wait for, or break, one another's profile lock. Synchronous and slow (1–3 s for a report on these
/// machines, the first start of a profile included): call it off the event loop, or from a background job.
public enum PDFConverter {
    /// `soffice` on the PATH, nil when LibreOffice is not installed.
    public static func soffice(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        return folders.map { URL(fileURLWithPath: String($0)).appendingPathComponent("soffice") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    public static func pdf(fromDocx docx: Data, timeout: TimeInterval = 120) throws(PDFConversionError) -> Data {
        guard let soffice = soffice() else { throw PDFConversionError(.notInstalled) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lamtheo-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("report.docx")
        let log = folder.appendingPathComponent("soffice.log")
        let status: Int32
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try docx.write(to: input)
            try Data().write(to: log)
            let arguments = ["-env:UserInstallation=\(folder.appendingPathComponent("profile").absoluteString)",
                             "--headless", "--convert-to", "pdf", "--outdir", folder.path, input.path]
            // To a file, not a pipe: a pipe nobody reads while waiting can fill and block LibreOffice.
            let output = try FileHandle(forWritingTo: log)
            defer { try? output.close() }
            let child = try ChildProcess.start(soffice.path, arguments, environment: ProcessInfo.processInfo.environment, output: output.fileDescriptor)
            guard let ended = child.wait(timeout: timeout) else {
                child.terminate()
                throw PDFConversionError(.failed, detail: "LibreOffice did not finish within \(Int(timeout)) s")
            }
            status = ended
        } catch let error as PDFConversionError {
            throw error
        } catch {
            throw PDFConversionError(.failed, detail: "\(error)")
        }
        guard status == 0,
              let pdf = try? Data(contentsOf: folder.appendingPathComponent("report.pdf")) else {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw PDFConversionError(.failed, detail: "soffice exited \(status): \(output)")
        }
        return pdf
    }
}
