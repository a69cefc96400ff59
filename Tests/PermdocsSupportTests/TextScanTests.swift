import Testing
import PermdocsSupport

@Suite("Text scanning")
struct TextScanTests {
    @Test func lineAndColumnOfAnOffset() {
        let bytes = Array("ab\r\ncé\rx".utf8)
        bytes.withUnsafeBufferPointer { b in
            #expect(TextScan.lineAndColumn(ofOffset: 0, in: b) == (1, 1))
            #expect(TextScan.lineAndColumn(ofOffset: 4, in: b) == (2, 1))
            #expect(TextScan.lineAndColumn(ofOffset: 7, in: b) == (2, 3))
            #expect(TextScan.lineAndColumn(ofOffset: 8, in: b) == (3, 1))
        }
    }
}
