import Foundation
@testable import LamTheoDocx
import Testing

extension LibreOfficeTests {
    @Suite("PDF by LibreOffice")
    struct PDFConverterTests {
        @Test("no soffice on the PATH: not installed, said in words the officer understands")
        func notInstalled() {
            #expect(PDFConverter.soffice(environment: ["PATH": "/nonexistent"]) == nil)
            let error = PDFConversionError(.notInstalled)
            #expect(error.vietnamese.contains("LibreOffice") && error.vietnamese.contains(".docx"))
            #expect(error.description == "\(error.vietnamese) / \(error.english)")
        }

        @Test("two reports converted at the same time, each with its own profile")
        func convert() async throws {
            let required = ProcessInfo.processInfo.environment["LAMTHEO_REQUIRE_OFFICE"] == "1"
            guard PDFConverter.soffice() != nil else {
                #expect(!required, "LAMTHEO_REQUIRE_OFFICE=1 but soffice is missing")
                return
            }
            let docx = try PartyDocumentSample.document.docx(format: .guidance36of2018)
            async let first = offTheTestThreads { try PDFConverter.pdf(fromDocx: docx) }
            async let second = offTheTestThreads { try PDFConverter.pdf(fromDocx: docx) }
            for pdf in try await [first, second] {
                #expect(pdf.starts(with: Data("%PDF-".utf8)))
            }
        }
    }
}

/// Runs `body`, which blocks while a program runs, on a Dispatch thread, so that it does not hold one of the few
/// threads every test shares for seconds.
func offTheTestThreads<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
