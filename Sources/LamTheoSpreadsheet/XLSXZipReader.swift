import Foundation
import ZIPFoundation

/// The ZIP side of reading an XLSX: finds the entries from the central directory and inflates them, with the limits
/// that keep a hostile file from exhausting memory or time.
///
/// Why not `ZIPFoundation.Archive.extract`: on Linux its inflate loop asks for more input until the deflate stream
/// ends and never stops at the entry's compressed size, so a stream that does not end spins forever at the end of the
/// file (and it reads its last short chunk with `avail_in` set to the full buffer size). Here the central directory
/// is parsed directly (a few fields, bounds-checked) and ZIPFoundation's public `Data.decompress` gets a provider
/// that hands out the entry's compressed bytes in equal pieces (only the last is zero-padded, by fewer bytes than
/// there are pieces) and throws when asked for more: a stream that has not ended by then is corrupt.
///
/// Limits, all checked on the sizes the central directory declares before anything is inflated, and again on what
/// actually comes out:
/// - the parts read from one file together decompress to at most `maxUncompressedBytes`;
/// - each entry of more than 1 MiB decompresses to at most 100 times its compressed size (a smaller entry cannot
///   hold a bomb worth the name, and tiny regular XML parts legitimately compress better than 100:1);
/// - inflating stops with `tooLarge` as soon as more bytes come out than the entry declared, and an entry that
///   gives fewer bytes than declared, or a wrong CRC-32, is `corrupt`.
struct XLSXZipReader {
    struct Entry: Sendable {
        var name: String
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    /// Entries of up to this size are exempt from the ratio check.
    static let ratioExemptSize: UInt64 = 1 << 20
    static let maximumRatio: UInt64 = 100
    /// The chunk size for inflating; also the size of the pieces streamed to the XML parser.
    static let chunkSize = 256 * 1024

    let data: Data
    /// By lowercased name: part names in a package are case-insensitive. The first entry of a name wins.
    private(set) var entries: [String: Entry] = [:]
    private(set) var budget: UInt64

    init(_ input: Data, maxUncompressedBytes: Int) throws {
        // Work on a Data that starts at index 0 so offsets are plain.
        data = input.startIndex == 0 ? input : Data(input)
        budget = UInt64(max(0, maxUncompressedBytes))
        try readCentralDirectory()
    }

    func entry(_ name: String) -> Entry? {
        entries[name.lowercased()]
    }

    // MARK: - Central directory

    private func u16(_ offset: Int) throws -> UInt16 {
        guard offset >= 0, offset + 2 <= data.count else { throw Self.corrupt("ZIP structure out of bounds") }
        return UInt16(data[offset]) | UInt16(data[offset + 1]) << 8
    }

    private func u32(_ offset: Int) throws -> UInt32 {
        guard offset >= 0, offset + 4 <= data.count else { throw Self.corrupt("ZIP structure out of bounds") }
        return UInt32(data[offset]) | UInt32(data[offset + 1]) << 8 | UInt32(data[offset + 2]) << 16
            | UInt32(data[offset + 3]) << 24
    }

    private func u64(_ offset: Int) throws -> UInt64 {
        UInt64(try u32(offset)) | UInt64(try u32(offset + 4)) << 32
    }

    private static func corrupt(_ detail: String) -> SpreadsheetError {
        SpreadsheetError(.corrupt, detail: detail)
    }

    private static func offset(_ value: UInt64) throws -> Int {
        guard value <= UInt64(Int.max / 2) else { throw corrupt("ZIP offset out of range") }
        return Int(value)
    }

    private mutating func readCentralDirectory() throws {
        // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment is at most 65,535).
        let count = data.count
        var eocd = -1
        var position = count - 22
        let lowest = max(0, count - 22 - 65_535)
        while position >= lowest {
            if data[position] == 0x50, data[position + 1] == 0x4B, data[position + 2] == 0x05,
               data[position + 3] == 0x06 {
                eocd = position
                break
            }
            position -= 1
        }
        guard eocd >= 0 else { throw Self.corrupt("no end of central directory record") }

        var entryCount = UInt64(try u16(eocd + 10))
        var directorySize = UInt64(try u32(eocd + 12))
        var directoryOffset = UInt64(try u32(eocd + 16))
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the record points at the ZIP64 end of central directory record.
            let locator = eocd - 20
            if locator >= 0, try u32(locator) == 0x0706_4B50 {
                let record = try Self.offset(try u64(locator + 8))
                guard try u32(record) == 0x0606_4B50 else { throw Self.corrupt("bad ZIP64 end of central directory") }
                entryCount = try u64(record + 32)
                directorySize = try u64(record + 40)
                directoryOffset = try u64(record + 48)
            }
        }
        let start = try Self.offset(directoryOffset)
        let size = try Self.offset(directorySize)
        guard start + size <= count else { throw Self.corrupt("central directory out of bounds") }
        // Each entry takes at least 46 bytes: a count beyond that is a lie.
        guard entryCount <= UInt64(size / 46) else { throw Self.corrupt("bad entry count") }

        var cursor = start
        for _ in 0..<entryCount {
            guard try u32(cursor) == 0x0201_4B50 else { throw Self.corrupt("bad central directory entry") }
            let flags = try u16(cursor + 8)
            let method = try u16(cursor + 10)
            let crc = try u32(cursor + 16)
            var compressed = UInt64(try u32(cursor + 20))
            var uncompressed = UInt64(try u32(cursor + 24))
            let nameLength = Int(try u16(cursor + 28))
            let extraLength = Int(try u16(cursor + 30))
            let commentLength = Int(try u16(cursor + 32))
            var localOffset = UInt64(try u32(cursor + 42))
            let nameStart = cursor + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= start + size else { throw Self.corrupt("central directory entry out of bounds") }
            let name = String(decoding: data[nameStart..<extraStart], as: UTF8.self)

            // ZIP64 extended information: the 64-bit values of the fields that hold 0xFFFFFFFF, in this order.
            if uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                var field = extraStart
                let extraEnd = extraStart + extraLength
                while field + 4 <= extraEnd {
                    let id = try u16(field)
                    let length = Int(try u16(field + 2))
                    let body = field + 4
                    guard body + length <= extraEnd else { break }
                    if id == 0x0001 {
                        var value = body
                        if uncompressed == 0xFFFF_FFFF, value + 8 <= body + length {
                            uncompressed = try u64(value)
                            value += 8
                        }
                        if compressed == 0xFFFF_FFFF, value + 8 <= body + length {
                            compressed = try u64(value)
                            value += 8
                        }
                        if localOffset == 0xFFFF_FFFF, value + 8 <= body + length {
                            localOffset = try u64(value)
                        }
                        break
                    }
                    field = body + length
                }
            }
            let key = name.lowercased()
            if entries[key] == nil {
                entries[key] = Entry(name: name, flags: flags, method: method, crc32: crc,
                                     compressedSize: compressed, uncompressedSize: uncompressed,
                                     localHeaderOffset: localOffset)
            }
            cursor = next
        }
    }

    // MARK: - Extraction

    /// Checks an entry against the limits and takes its declared size from the budget; returns where its
    /// compressed bytes are.
    mutating func admit(_ entry: Entry) throws -> Range<Int> {
        if entry.flags & 1 != 0 {
            throw SpreadsheetError(.encrypted, detail: "ZIP entry \(entry.name) is encrypted")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw Self.corrupt("ZIP entry \(entry.name) uses compression method \(entry.method)")
        }
        guard entry.uncompressedSize <= budget else {
            throw SpreadsheetError(.tooLarge, detail: "\(entry.name) declares \(entry.uncompressedSize) bytes, "
                                   + "over what is left of the limit (\(budget))")
        }
        if entry.uncompressedSize > Self.ratioExemptSize,
           entry.compressedSize < UInt64.max / Self.maximumRatio,
           entry.uncompressedSize > entry.compressedSize * Self.maximumRatio {
            throw SpreadsheetError(.tooLarge, detail: "\(entry.name) declares a compression ratio over 100:1 "
                                   + "(\(entry.uncompressedSize) from \(entry.compressedSize) bytes)")
        }
        if entry.method == 0, entry.compressedSize != entry.uncompressedSize {
            throw Self.corrupt("stored ZIP entry \(entry.name) has different sizes")
        }
        let header = try Self.offset(entry.localHeaderOffset)
        guard try u32(header) == 0x0403_4B50 else { throw Self.corrupt("bad local header for \(entry.name)") }
        let dataStart = header + 30 + Int(try u16(header + 26)) + Int(try u16(header + 28))
        let compressed = try Self.offset(entry.compressedSize)
        guard dataStart + compressed <= data.count else { throw Self.corrupt("\(entry.name) runs past the end of the file") }
        budget -= entry.uncompressedSize
        return dataStart..<(dataStart + compressed)
    }

    /// Inflates (or copies) an entry admitted by `admit`, handing its bytes to `consumer` in pieces of at most
    /// `chunkSize`. Throws `tooLarge` as soon as more bytes come out than declared, `corrupt` on a bad stream, a short
    /// result or a wrong checksum, and whatever `consumer` throws.
    static func inflate(_ entry: Entry, compressedRange range: Range<Int>, of data: Data,
                        consumer: (Data) throws -> Void) throws {
        let declared = entry.uncompressedSize
        if entry.method == 0 {
            var offset = range.lowerBound
            var checksum: CRC32 = 0
            while offset < range.upperBound {
                let end = min(offset + chunkSize, range.upperBound)
                let piece = data.subdata(in: offset..<end)
                checksum = piece.crc32(checksum: checksum)
                try consumer(piece)
                offset = end
            }
            guard checksum == entry.crc32 else { throw corrupt("CRC-32 mismatch in \(entry.name)") }
            return
        }
        let compressedCount = range.count
        guard compressedCount > 0 else { throw corrupt("\(entry.name) has no deflate data") }
        // ZIPFoundation's Linux inflate asks for `bufferSize` bytes every time, whatever is left, and feeds that many
        // to zlib. Split the data into equal pieces of at most `chunkSize`: the last piece then lacks at most
        // `pieces - 1` bytes, which are zero-padded. A stream that ends within the data never reads the padding; one
        // that does not can make only a few bytes of garbage from it before the next request throws.
        let pieces = max(1, (compressedCount + chunkSize - 1) / chunkSize)
        let bufferSize = (compressedCount + pieces - 1) / pieces
        var produced: UInt64 = 0
        let checksum: CRC32
        do {
            checksum = try Data.decompress(
                size: Int64(compressedCount), bufferSize: bufferSize, skipCRC32: false,
                provider: { position, size -> Data in
                    guard position >= 0, position < Int64(compressedCount) else {
                        throw corrupt("the deflate stream of \(entry.name) does not end within its compressed size")
                    }
                    let start = range.lowerBound + Int(position)
                    let available = min(size, range.upperBound - start)
                    var chunk = data.subdata(in: start..<(start + available))
                    if available < size {
                        chunk.append(Data(count: size - available))
                    }
                    return chunk
                },
                consumer: { output in
                    guard !output.isEmpty else { return }
                    produced += UInt64(output.count)
                    guard produced <= declared else {
                        throw SpreadsheetError(.tooLarge, detail: "\(entry.name) inflates to more than the \(declared) bytes it declares")
                    }
                    try consumer(output)
                })
        } catch let error as SpreadsheetError {
            throw error
        } catch let error as XLSXPipe.Cancelled {
            throw error
        } catch {
            throw corrupt("\(entry.name) does not inflate: \(error)")
        }
        guard produced == declared else {
            throw corrupt("\(entry.name) inflates to \(produced) bytes, not the \(declared) it declares")
        }
        guard checksum == entry.crc32 else { throw corrupt("CRC-32 mismatch in \(entry.name)") }
    }
}
