import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A bounded queue of byte chunks from the thread that inflates a part to the XML parser that reads it, so a large
/// sheet is never held decompressed in memory: at most `capacity` chunks of `XLSXZipReader.chunkSize` wait in it.
final class XLSXPipe: @unchecked Sendable {
    /// Thrown to the inflating thread when the reader has stopped (finished, failed or aborted).
    struct Cancelled: Error {}

    private let condition = NSCondition()
    private var chunks: [Data] = []
    private var finished = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int = 4) {
        self.capacity = capacity
    }

    /// Waits while the queue is full; throws `Cancelled` once the reader has gone.
    func push(_ chunk: Data) throws {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity, !cancelled {
            condition.wait()
        }
        if cancelled { throw Cancelled() }
        chunks.append(chunk)
        condition.broadcast()
    }

    /// No more chunks will come.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, waiting for it; nil at the end or once cancelled.
    func pop() -> Data? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty, !finished, !cancelled {
            condition.wait()
        }
        if cancelled || chunks.isEmpty { return nil }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// The reader stops: wakes and stops the writer, drops what is queued.
    func cancel() {
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// What `XMLParser(stream:)` reads from: the chunks of a pipe.
final class XLSXPipeInputStream: InputStream {
    private let pipe: XLSXPipe
    private var current = Data()
    private var offset = 0

    init(_ pipe: XLSXPipe) {
        self.pipe = pipe
        super.init(data: Data())
    }

    override func open() {}
    override func close() {}
    override var hasBytesAvailable: Bool { true }
    override var streamStatus: Stream.Status { .open }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        guard length > 0 else { return 0 }
        while offset >= current.count {
            guard let next = pipe.pop() else { return 0 }
            current = next.startIndex == 0 ? next : Data(next)
            offset = 0
        }
        let count = min(length, current.count - offset)
        current.copyBytes(to: buffer, from: offset..<(offset + count))
        offset += count
        return count
    }
}

/// Holds the error of the inflating thread for the thread that waits for it.
private final class XLSXErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?

    var error: Error? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

/// The base of the SAX handlers that read the parts of a workbook with Foundation's `XMLParser`.
///
/// It gives subclasses local element names (a prefix such as `x:` is dropped: some generators write
/// `<x:row>`), tracks the root element, and decides at the end whether the part parsed:
/// - any parse error before the root element closed is `corrupt` (the parser runs in libxml2's recover mode and
///   would otherwise carry on past it);
/// - an error after the root closed is ignored: libxml2 2.9 reports a spurious "Huge input lookup" once the root of a
///   document over 10 MB given to `XMLParser(data:)` has closed (streamed parts do not show it);
/// - a document whose root never closed (truncated) is `corrupt`, since `XMLParser` itself does not say so.
///
/// A subclass that finds a problem sets `failure`; parsing then stops.
class XLSXSAXHandler: NSObject, XMLParserDelegate {
    private(set) var depth = 0
    private(set) var rootClosed = false
    private var parseError: Error?
    private var parseErrorLine = 0
    /// Set by a subclass to stop parsing with this error.
    var failure: SpreadsheetError?
    /// Called once when parsing must stop early (set up by `XLSXPackage` to cancel the inflating thread).
    var onStop: (() -> Void)?

    // MARK: Overridden by subclasses

    func start(_ name: String, _ attributes: [String: String]) {}
    func end(_ name: String) {}
    func text(_ string: String) {}

    // MARK: XMLParserDelegate

    @inline(__always)
    static func localName(_ name: String) -> String {
        guard name.utf8.contains(0x3A), let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// The value of an attribute by local name: `id` finds `r:id`.
    static func attribute(_ local: String, in attributes: [String: String]) -> String? {
        if let value = attributes[local] { return value }
        for (key, value) in attributes where key.utf8.contains(0x3A) && localName(key) == local && !key.hasPrefix("xmlns") {
            return value
        }
        return nil
    }

    final func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                      qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard failure == nil, !rootClosed else { return }
        depth += 1
        start(Self.localName(elementName), attributeDict)
        if failure != nil { stop(parser) }
    }

    final func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                      qualifiedName qName: String?) {
        guard failure == nil, !rootClosed else { return }
        end(Self.localName(elementName))
        depth -= 1
        if depth == 0 { rootClosed = true }
        if failure != nil { stop(parser) }
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil, !rootClosed, depth > 0 else { return }
        text(string)
        if failure != nil { stop(parser) }
    }

    final func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard failure == nil, !rootClosed, depth > 0 else { return }
        text(String(decoding: CDATABlock, as: UTF8.self))
        if failure != nil { stop(parser) }
    }

    final func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if !rootClosed, self.parseError == nil {
            self.parseError = parseError
            parseErrorLine = parser.lineNumber
        }
    }

    private func stop(_ parser: XMLParser) {
        parser.abortParsing()
        onStop?()
        onStop = nil
    }

    /// Throws if the part did not parse completely.
    func check(part: String) throws {
        if let failure { throw failure }
        if let parseError {
            let code = (parseError as NSError).code
            throw SpreadsheetError(.corrupt, detail: "\(part) is not well-formed XML (libxml2 error \(code), line \(parseErrorLine))")
        }
        guard rootClosed else {
            throw SpreadsheetError(.corrupt, detail: "\(part) is incomplete XML")
        }
    }
}

extension XLSXZipReader {
    /// Parses a part with `handler`. A deflated part is inflated on a second thread and streamed to the parser
    /// through a bounded pipe, so neither the part nor its decompressed XML is ever whole in memory; a stored part is
    /// parsed from its bytes. Returns false when there is no such part.
    mutating func parse(_ name: String, with handler: XLSXSAXHandler) throws -> Bool {
        guard let entry = entry(name) else { return false }
        let range = try admit(entry)
        let parser: XMLParser
        if entry.method == 0 {
            var bytes = Data()
            try Self.inflate(entry, compressedRange: range, of: data) { bytes.append($0) }
            parser = XMLParser(data: bytes)
            parser.delegate = handler
            _ = parser.parse()
            try handler.check(part: entry.name)
            return true
        }

        let pipe = XLSXPipe()
        let box = XLSXErrorBox()
        let done = DispatchSemaphore(value: 0)
        let archive = data
        let thread = Thread {
            do {
                try XLSXZipReader.inflate(entry, compressedRange: range, of: archive) { try pipe.push($0) }
            } catch is XLSXPipe.Cancelled {
                // The parser stopped first; its own result says why.
            } catch {
                box.error = error
            }
            pipe.finish()
            done.signal()
        }
        thread.name = "LamTheoSpreadsheet inflate"
        thread.start()
        parser = XMLParser(stream: XLSXPipeInputStream(pipe))
        handler.onStop = { pipe.cancel() }
        parser.delegate = handler
        _ = parser.parse()
        pipe.cancel()
        done.wait()
        handler.onStop = nil
        // A failure to inflate (too large, corrupt stream) explains any XML error it caused.
        if let error = box.error { throw error }
        try handler.check(part: entry.name)
        return true
    }
}
