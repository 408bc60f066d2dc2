import LamTheoDocx
import Testing

@Suite("The Party document format as data")
struct PartyDocumentFormatTests {
    @Test("36-HD/VPTW of 2018 is the version in force from 03/4/2018")
    func inForce() {
        #expect(PartyDocumentFormat.inForce(on: DocumentDate(year: 2021, month: 11, day: 25)).identifier == "36-HD/VPTW-2018")
    }
}
