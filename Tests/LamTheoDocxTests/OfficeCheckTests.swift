import Foundation
@testable import LamTheoDocx
import Testing
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The tests that start LibreOffice, one at a time: each conversion takes both cores for seconds, and the rest of the
/// suite (servers with deadlines) runs beside them.
@Suite("LibreOffice", .serialized)
enum LibreOfficeTests {}

extension LibreOfficeTests {
    /// The sample sơ kết through `.ci/office/check.py`: python-docx, LibreOffice's PDF, the header's positions on the
    /// first page, a PNG of it. The files are kept in `.build/office/` for a person to look at.
    ///
    /// Without python3 (with python-docx), soffice, pdftotext or pdftoppm the check is skipped and only the package is
    /// checked (every part there and well-formed); `LAMTHEO_REQUIRE_OFFICE=1` (CI) makes a missing tool a failure.
    @Suite("A Party document as Word, LibreOffice and a reader see it")
    struct OfficeCheckTests {
        static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()

        @Test("every part of the sample is there and parses as XML")
        func packageParts() throws {
            let archive = try Archive(data: try PartyDocumentSample.document.docx(format: .guidance36of2018),
                                      accessMode: .read)
            let paths = Set(archive.map(\.path))
            #expect(paths == ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
                              "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
                              "word/settings.xml", "word/footer1.xml", "word/footer2.xml", "word/media/image1.svg"])
            for entry in archive {
                var data = Data()
                _ = try archive.extract(entry) { data.append($0) }
                let parser = XMLParser(data: data)
                #expect(parser.parse(), "\(entry.path) is not well-formed XML: \(String(describing: parser.parserError))")
            }
        }

        @Test("check.py: python-docx, LibreOffice's PDF, the header blocks where the format puts them")
        func officeCheck() async throws {
            let required = ProcessInfo.processInfo.environment["LAMTHEO_REQUIRE_OFFICE"] == "1"
            let missing = Self.missingTools()
            if !missing.isEmpty {
                #expect(!required, "LAMTHEO_REQUIRE_OFFICE=1 but missing: \(missing.joined(separator: ", "))")
                return
            }
            let folder = Self.packageRoot.appendingPathComponent(".build/office")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let docx = folder.appendingPathComponent("sample-report.docx")
            try PartyDocumentSample.document.docx(format: .guidance36of2018).write(to: docx)
            let arguments = ["python3", Self.packageRoot.appendingPathComponent(".ci/office/check.py").path, docx.path,
                             "--pdf", folder.appendingPathComponent("sample-report.pdf").path,
                             "--png", folder.appendingPathComponent("sample-report.png").path]
            let (status, output) = try await offTheTestThreads { try Self.run(arguments) }
            #expect(status == 0, "check.py failed:\n\(output)")
        }

        /// What check.py needs and this machine lacks.
        static func missingTools() -> [String] {
            var missing = ["soffice", "pdftotext", "pdftoppm", "pdffonts", "python3"].filter { tool in
                (try? run(["sh", "-c", "command -v \(tool)"]).status) != 0
            }
            if !missing.contains("python3"), (try? run(["python3", "-c", "import docx"]).status) != 0 {
                missing.append("python-docx")
            }
            return missing
        }

        static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: output, as: UTF8.self))
        }
    }
}
