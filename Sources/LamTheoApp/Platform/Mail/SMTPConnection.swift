import NIOCore
import NIOPosix
import NIOSSL

/// One reply of an SMTP server: its code and the text of each of its lines.
struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    var code: Int
    var lines: [String]

    var description: String { "\(code) \(lines.joined(separator: " "))".trimmingCharacters(in: .whitespaces) }
}

/// How a connection failed underneath the SMTP dialogue; the transport says at which step.
enum SMTPConnectionFailure: Error, Sendable {
    case timedOut
    case closed
    case tls(String)
    case malformed(String)
    case other(String)
}

/// An open connection to an SMTP server: commands out, replies in, each reply awaited at most the
/// timeout. Used for one message, then closed.
struct SMTPConnection: Sendable {
    let channel: any Channel
    private let replies: NIOLoopBound<SMTPReplyHandler>
    let timeout: TimeAmount

    /// - Parameter tls: TLS from the first byte (implicit TLS), or nil.
    static func open(host: String, port: Int, tls: NIOSSLContext?, timeout: TimeAmount, group: any EventLoopGroup) async throws -> SMTPConnection {
        let serverName = serverNameForTLS(host)
        // The handler is kept from here: by the time the connection is up, a server that said something
        // wrong may have had it closed, and its pipeline emptied.
        let (channel, replies) = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    let replies = SMTPReplyHandler()
                    try channel.pipeline.syncOperations.addHandler(replies)
                    return (channel, NIOLoopBound(replies, eventLoop: channel.eventLoop))
                }
            }
        return SMTPConnection(channel: channel, replies: replies, timeout: timeout)
    }

    /// The next reply (the greeting first).
    func reply(within limit: TimeAmount? = nil) async throws -> SMTPReply {
        let replies = self.replies
        let limit = limit ?? timeout
        let eventLoop = channel.eventLoop
        return try await eventLoop.flatSubmit { replies.value.nextReply(within: limit, on: eventLoop) }.get()
    }

    func command(_ line: String) async throws -> SMTPReply {
        write(line + "\r\n")
        return try await reply()
    }

    /// Written without waiting: a write that fails shows as the connection closing, and a server that
    /// stops reading as a reply that never comes (the timeout).
    func write(_ text: String) {
        channel.writeAndFlush(ByteBuffer(string: text), promise: nil)
    }

    /// After the server's 220 to STARTTLS: TLS from here on. Bytes the server sent after that 220 would
    /// be read as if they came through TLS: refused (the STARTTLS injection).
    func startTLS(_ context: NIOSSLContext, host: String) async throws {
        let replies = self.replies
        let channel = self.channel
        let serverName = Self.serverNameForTLS(host)
        try await channel.eventLoop.submit {
            guard replies.value.isDrained else { throw SMTPConnectionFailure.malformed("data after the reply to STARTTLS") }
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
        }.get()
    }

    func close() {
        channel.close(promise: nil)
    }

    /// An IP address is checked against the certificate's addresses, and cannot be sent as SNI.
    private static func serverNameForTLS(_ host: String) -> String? {
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        let isAddress = inet_pton(AF_INET, host, &ipv4) == 1 || inet_pton(AF_INET6, host, &ipv6) == 1
        return isAddress ? nil : host
    }
}

/// Reads the server's lines into replies (`250-…` continues a reply, `250 …` ends it) and hands each to
/// whoever waits, or keeps it until asked. Lives on the channel's event loop only.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// A reply longer than this (a server gone wrong, or hostile) ends the connection.
    private static let maximumLineBytes = 4_096
    private static let maximumLines = 200

    private var unread = ByteBuffer()
    private var lines: [String] = []
    private var ready: [SMTPReply] = []
    private var failure: SMTPConnectionFailure?
    private var waiting: (promise: EventLoopPromise<SMTPReply>, timeout: Scheduled<Void>)?
    private var context: ChannelHandlerContext?

    var isDrained: Bool { unread.readableBytes == 0 && lines.isEmpty && ready.isEmpty }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        unread.writeBuffer(&bytes)
        while failure == nil, let newline = unread.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - unread.readerIndex
            var line = unread.readString(length: length) ?? ""
            unread.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            read(line)
        }
        unread.discardReadBytes()
        if unread.readableBytes > Self.maximumLineBytes {
            fail(.malformed("a line longer than \(Self.maximumLineBytes) bytes"))
        }
    }

    private func read(_ line: String) {
        let utf8 = Array(line.utf8)
        guard utf8.count >= 3, let code = Int(String(decoding: utf8[0..<3], as: UTF8.self)), (200...599).contains(code),
              utf8.count == 3 || utf8[3] == UInt8(ascii: " ") || utf8[3] == UInt8(ascii: "-") else {
            fail(.malformed("“\(line.prefix(200))”"))
            return
        }
        lines.append(utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : "")
        if utf8.count > 3, utf8[3] == UInt8(ascii: "-") {
            if lines.count > Self.maximumLines { fail(.malformed("a reply of more than \(Self.maximumLines) lines")) }
            return
        }
        let reply = SMTPReply(code: code, lines: lines)
        lines = []
        if let waiting {
            self.waiting = nil
            waiting.timeout.cancel()
            waiting.promise.succeed(reply)
        } else {
            ready.append(reply)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            fail(.tls(String(describing: error)))
        } else {
            fail(.other(String(describing: error)))
        }
    }

    /// Records the first failure, fails the one waiting and closes the connection.
    private func fail(_ reason: SMTPConnectionFailure) {
        if failure == nil { failure = reason }
        if let waiting {
            self.waiting = nil
            waiting.timeout.cancel()
            waiting.promise.fail(failure ?? reason)
        }
        context?.close(promise: nil)
    }

    func nextReply(within limit: TimeAmount, on eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if !ready.isEmpty { return eventLoop.makeSucceededFuture(ready.removeFirst()) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        let timeout = eventLoop.assumeIsolated().scheduleTask(in: limit) { self.fail(.timedOut) }
        waiting = (promise, timeout)
        return promise.futureResult
    }
}
