import Foundation
import LamTheoCore
import Testing

/// The Windows-1258 expectations here are written from Microsoft's CP1258.TXT independently of the decoder's table:
/// as the differences from Latin-1 plus the undefined bytes.
enum CSVExpectedWindows1258 {
    static let undefined: Set<UInt8> = [0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D, 0x9E]
    static let differences: [UInt8: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8B: 0x2039, 0x8C: 0x0152,
        0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014,
        0x98: 0x02DC, 0x99: 0x2122, 0x9B: 0x203A, 0x9C: 0x0153, 0x9F: 0x0178,
        0xC3: 0x0102, 0xCC: 0x0300, 0xD0: 0x0110, 0xD2: 0x0309, 0xD5: 0x01A0, 0xDD: 0x01AF, 0xDE: 0x0303,
        0xE3: 0x0103, 0xEC: 0x0301, 0xF0: 0x0111, 0xF2: 0x0323, 0xF5: 0x01A1, 0xFD: 0x01B0, 0xFE: 0x20AB,
    ]

    static func scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte < 0x80 { return Unicode.Scalar(byte) }
        if undefined.contains(byte) { return "\u{FFFD}" }
        return Unicode.Scalar(differences[byte] ?? UInt32(byte))!
    }

    /// Decoding the naive way: byte by byte, then NFC of the whole text with Foundation.
    static func decode(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(scalar(byte)) }
        return String(scalars).precomposedStringWithCanonicalMapping
    }
}

@Suite("CSVFile.decode Windows-1258")
struct CSVWindows1258Tests {
    @Test func everyHighByteAlone() throws {
        for byte in UInt8(0x80)...0xFF {
            let (text, encoding) = try CSVFile.decode(Data([byte]))
            #expect(encoding == .windows1258, "byte \(byte)")
            #expect(csvScalars(text) == [CSVExpectedWindows1258.scalar(byte)], "byte \(byte)")
        }
    }

    @Test func wholeRangeInOneFile() throws {
        // Each byte after a "|", which no tone mark composes with.
        let bytes: [UInt8] = (UInt8(0x80)...0xFF).flatMap { byte -> [UInt8] in [0x7C, byte] }
        let (text, encoding) = try CSVFile.decode(Data(bytes))
        #expect(encoding == .windows1258)
        let expected: [Unicode.Scalar] = (UInt8(0x80)...0xFF).flatMap { byte -> [Unicode.Scalar] in ["|", CSVExpectedWindows1258.scalar(byte)] }
        #expect(csvScalars(text) == expected)
    }

    @Test(arguments: [
        (0x80, 0x20AC), (0xC3, 0x0102), (0xD0, 0x0110), (0xD5, 0x01A0), (0xDD, 0x01AF), (0xE3, 0x0103),
        (0xF0, 0x0111), (0xF5, 0x01A1), (0xFD, 0x01B0), (0xFE, 0x20AB), (0xCC, 0x0300), (0xEC, 0x0301),
        (0xD2, 0x0309), (0xDE, 0x0303), (0xF2, 0x0323), (0xC0, 0x00C0), (0xE0, 0x00E0), (0x9F, 0x0178),
        (0x81, 0xFFFD), (0x9E, 0xFFFD),
    ] as [(UInt8, UInt32)])
    func sampleBytes(byte: UInt8, scalar: UInt32) throws {
        // Between spaces, so that nothing composes.
        let (text, _) = try CSVFile.decode(Data([0x20, byte, 0x20]))
        #expect(csvScalars(text) == [" ", Unicode.Scalar(scalar)!, " "])
    }

    @Test func vietnameseSentenceEncodedByHand() throws {
        let expected = "Đảng Cộng sản Việt Nam quang vinh muôn năm! Người dân Thành phố Hồ Chí Minh: đẹp, ngã, mỹ; Ủy ban – 5.000₫ = 3€"
        #expect(csvScalars(expected) == csvScalars(expected.precomposedStringWithCanonicalMapping))
        #expect(expected.unicodeScalars.contains("\u{1EA3}"))  // ả precomposed in the expectation

        let space: [UInt8] = [0x20]
        var bytes: [UInt8] = []
        bytes += [0xD0, 0x61, 0xD2, 0x6E, 0x67] + space  // Đ a+hook n g
        bytes += [0x43, 0xF4, 0xF2, 0x6E, 0x67] + space  // C ô+dot below n g
        bytes += [0x73, 0x61, 0xD2, 0x6E] + space  // s a+hook n
        bytes += [0x56, 0x69, 0xEA, 0xF2, 0x74] + space  // V i ê+dot below t
        bytes += Array("Nam quang vinh ".utf8)
        bytes += [0x6D, 0x75, 0xF4, 0x6E] + space  // m u ô n
        bytes += [0x6E, 0xE3, 0x6D, 0x21] + space  // n ă m !
        bytes += [0x4E, 0x67, 0xFD, 0xF5, 0xCC, 0x69] + space  // N g ư ơ+grave i
        bytes += [0x64, 0xE2, 0x6E] + space  // d â n
        bytes += [0x54, 0x68, 0xE0, 0x6E, 0x68] + space  // T h à (precomposed) n h
        bytes += [0x70, 0x68, 0xF4, 0xEC] + space  // p h ô+acute
        bytes += [0x48, 0xF4, 0xCC] + space  // H ô+grave
        bytes += [0x43, 0x68, 0xED] + space  // C h í (precomposed)
        bytes += Array("Minh: ".utf8)
        bytes += [0xF0, 0x65, 0xF2, 0x70, 0x2C] + space  // đ e+dot below p ,
        bytes += [0x6E, 0x67, 0x61, 0xDE, 0x2C] + space  // n g a+tilde , (0xE3 would be ă)
        bytes += [0x6D, 0x79, 0xDE, 0x3B] + space  // m y+tilde ;
        bytes += [0x55, 0xD2, 0x79] + space  // U+hook y
        bytes += Array("ban ".utf8) + [0x96] + space  // en dash
        bytes += Array("5.000".utf8) + [0xFE] + Array(" = 3".utf8) + [0x80]  // ₫, €

        let (text, encoding) = try CSVFile.decode(Data(bytes))
        #expect(encoding == .windows1258)
        #expect(csvScalars(text) == csvScalars(expected))
    }

    @Test func tableFileParses() throws {
        // "STT;Họ và tên\r\n1;Lê Thị Hồng\r\n" in Windows-1258, as a Vietnamese Excel saves "CSV (semicolon)".
        var bytes = Array("STT;H".utf8) + [0x6F, 0xF2] + Array(" v".utf8) + [0xE0] + Array(" t".utf8) + [0xEA, 0x6E]
        bytes += Array("\r\n1;L".utf8) + [0xEA] + Array(" Th".utf8) + [0x69, 0xF2] + Array(" H".utf8) + [0xF4, 0xCC, 0x6E, 0x67]
        bytes += Array("\r\n".utf8)
        let (text, encoding) = try CSVFile.decode(Data(bytes))
        #expect(encoding == .windows1258)
        let rows = try CSVFile.parse(text)
        #expect(csvScalars(rows) == csvScalars([["STT", "Họ và tên"], ["1", "Lê Thị Hồng"]]))
    }

    @Test func marksAtTheStartAndLongRunsOfMarks() throws {
        let bytes: [UInt8] = [0xEC, 0xF2, 0x61, 0xCC, 0xEC, 0xF2, 0xDE, 0xD2, 0xCC, 0xEC, 0xF2, 0x2C, 0xE2, 0xF2, 0xEC]
        let (text, _) = try CSVFile.decode(Data(bytes))
        #expect(csvScalars(text) == csvScalars(CSVExpectedWindows1258.decode(bytes)))
        // A precomposed letter takes a mark below its own: â + dot below is ậ (canonical reordering, then composition).
        let (simple, _) = try CSVFile.decode(Data([0xE2, 0xF2]))
        #expect(csvScalars(simple) == ["\u{1EAD}"])
    }

    /// Random Windows-1258 text, dense in tone marks, decodes to exactly what whole-text NFC gives.
    @Test func matchesWholeTextNormalisation() throws {
        var generator = SplitMix64(seed: 1258)
        let marks: [UInt8] = [0xCC, 0xD2, 0xDE, 0xEC, 0xF2]
        let letters = Array("aAeEiIoOuUyYdDnN ,;\r\n".utf8) + (UInt8(0x80)...0xFF).map { $0 }
        for round in 0..<400 {
            var bytes: [UInt8] = [0x80]  // never valid UTF-8
            for _ in 0..<Int.random(in: 0...120, using: &generator) {
                bytes.append(Bool.random(using: &generator)
                    ? marks.randomElement(using: &generator)!
                    : letters.randomElement(using: &generator)!)
            }
            let (text, encoding) = try CSVFile.decode(Data(bytes))
            #expect(encoding == .windows1258)
            #expect(csvScalars(text) == csvScalars(CSVExpectedWindows1258.decode(bytes)), "round \(round): \(bytes)")
        }
    }
}
