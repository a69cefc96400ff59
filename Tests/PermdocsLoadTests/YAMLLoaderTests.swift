import Testing
import PermdocsDiagnostics
@testable import PermdocsLoad

/// Loads `text` and returns the document; `file` is always `t.yaml` so locations read naturally.
private func load(_ text: String, loader: YAMLLoader = YAMLLoader()) -> YAMLLoader.Document {
    loader.load(string: text, file: "t.yaml")
}

private func load(bytes: [UInt8]) -> YAMLLoader.Document {
    YAMLLoader().load(bytes: bytes, file: "t.yaml")
}

/// "line:column kind" for each finding, the shape most assertions compare.
private func summary(_ d: YAMLLoader.Document) -> [String] {
    d.diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.kind)" }
}

@Suite("YAML loader: locations")
struct LoaderLocationTests {
    @Test func everyNodeAndKeyCarriesItsLineAndColumn() throws {
        let doc = load(
            """
            app:
              name: Recruitee
            list: [a, "b", 'c']
            block:
              - x
              - y: 1
            """)
        #expect(doc.diagnostics.isEmpty)
        let root = try #require(doc.root)
        #expect(root.location == SourceLocation(file: "t.yaml", line: 1, column: 1))
        let pairs = try #require(root.mapping)
        #expect(pairs.map(\.key.text) == ["app", "list", "block"])
        #expect(pairs.map { "\($0.keyLocation.line):\($0.keyLocation.column)" } == ["1:1", "3:1", "4:1"])
        let name = try #require(root["app"]?["name"])
        #expect(name.scalar?.text == "Recruitee")
        #expect("\(name.location)" == "t.yaml:2:9")
        let list = try #require(root["list"]?.sequence)
        #expect(list.map { "\($0.location.line):\($0.location.column)" } == ["3:8", "3:11", "3:16"])
        #expect(list.map { $0.scalar?.style } == [.plain, .doubleQuoted, .singleQuoted])
        let block = try #require(root["block"]?.sequence)
        #expect(block[1].location.line == 6 && block[1].location.column == 5)
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let doc = load("ключ: [é, ü]\n")
        let items = try #require(doc.root?["ключ"]?.sequence)
        #expect(items.map(\.location.column) == [8, 11])
    }

    @Test func aByteOrderMarkIsAcceptedAndNotCounted() throws {
        let doc = load(bytes: [0xEF, 0xBB, 0xBF] + Array("a: b\n".utf8))
        #expect(doc.diagnostics.isEmpty)
        #expect(doc.root?["a"]?.location.column == 4)
    }

    @Test func crlfLineEndingsCountAsOneLine() throws {
        let doc = load("a: 1\r\nb: 2\r\n")
        let pairs = try #require(doc.root?.mapping)
        #expect(pairs[1].keyLocation.line == 2)
    }

    @Test func scalarsKeepTheirTextAndDoNotResolveYAML11Booleans() throws {
        let doc = load("country: no\nflag: true\nempty:\nnum: 0x1F\n")
        let root = try #require(doc.root)
        #expect(root["country"]?.scalar?.text == "no")
        #expect(root["country"]?.scalar?.bool == nil)
        #expect(root["flag"]?.scalar?.bool == true)
        #expect(root["empty"]?.isNull == true)
        #expect(root["num"]?.scalar?.int == 31)
    }
}

@Suite("YAML loader: rejected input")
struct LoaderRejectionTests {
    @Test func syntaxErrorsUseLibyamlsProblemAndContextMarks() {
        let doc = load("a: [1\nb: 2\n")
        #expect(doc.root == nil)
        #expect(summary(doc) == ["2:2 yaml-syntax"])
        #expect(doc.diagnostics[0].message == "did not find expected ',' or ']'")
        #expect(
            doc.diagnostics[0].notes.map { "\($0.location!.line):\($0.location!.column) \($0.message)" } == [
                "1:4 while parsing a flow sequence"
            ])
    }

    @Test func aMappingValueInThePlainScalarIsASyntaxError() {
        let doc = load("key: value: other\n")
        #expect(summary(doc) == ["1:11 yaml-syntax"])
    }

    @Test func duplicateKeysNameTheFirstOccurrenceAndKeepIt() throws {
        let doc = load("a: 1\nb:\n  c: 2\n  c: 3\n")
        #expect(summary(doc) == ["4:3 duplicate-key"])
        let note = try #require(doc.diagnostics.first?.notes.first)
        #expect(note.location == SourceLocation(file: "t.yaml", line: 3, column: 3))
        #expect(doc.root?["b"]?.mapping?.count == 1)
        #expect(doc.root?["b"]?["c"]?.scalar?.text == "2")
    }

    @Test func anchorsAndAliasesAreRejected() {
        let doc = load("a: &x [1, 2]\nb: *x\n")
        #expect(summary(doc) == ["1:4 yaml-anchor", "2:4 yaml-alias"])
    }

    @Test func anAliasBombIsRejectedWithoutExpansion() {
        // "Billion laughs": nine levels of ten aliases each would expand to 10^9 nodes.
        var text = "a0: &a0 [lol]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let doc = load(text)
        #expect(doc.diagnostics.filter { $0.kind == "yaml-alias" }.count == 90)
        #expect(doc.diagnostics.filter { $0.kind == "yaml-anchor" }.count == 10)
        // Each alias became one placeholder scalar: 10 per level, no expansion.
        #expect(doc.root?["a9"]?.sequence?.count == 10)
        #expect(doc.root?["a9"]?.sequence?.first?.sequence == nil)
    }

    @Test func tagsAreRejected() {
        let doc = load("a: !!str 5\nb: !custom [1]\n")
        #expect(summary(doc) == ["1:4 yaml-tag", "2:4 yaml-tag"])
    }

    @Test func invalidUTF8IsLocatedAtTheBadByte() {
        let doc = load(bytes: Array("a: 1\nbb: ".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        #expect(doc.root == nil)
        #expect(summary(doc) == ["2:5 invalid-utf8"])
    }

    @Test func overlongAndSurrogateEncodingsAreInvalid() {
        #expect(summary(load(bytes: Array("x: ".utf8) + [0xC0, 0xAF])) == ["1:4 invalid-utf8"])
        #expect(summary(load(bytes: Array("x: ".utf8) + [0xED, 0xA0, 0x80])) == ["1:4 invalid-utf8"])
        #expect(summary(load(bytes: Array("x: ".utf8) + [0xF4, 0x90, 0x80, 0x80])) == ["1:4 invalid-utf8"])
    }

    @Test func nulBytesAreLocated() {
        let doc = load(bytes: Array("a: 1\nb: é".utf8) + [0] + Array("\n".utf8))
        #expect(summary(doc) == ["2:5 nul-byte"])
    }

    @Test func deepNestingIsBoundedWithoutStackOverflow() {
        let doc = load(String(repeating: "[", count: 100_000))
        #expect(doc.root == nil)
        #expect(summary(doc) == ["1:65 too-deep"])
        let blocks = load(
            String(repeating: "a:\n", count: 1).appending((1...200).map { String(repeating: " ", count: $0) + "a:\n" }.joined()))
        #expect(blocks.diagnostics.first?.kind == "too-deep")
    }

    @Test func nestingAtTheBoundIsAccepted() {
        let loader = YAMLLoader(maxDepth: 3)
        #expect(load("[[[1]]]", loader: loader).diagnostics.isEmpty)
        #expect(summary(load("[[[[1]]]]", loader: loader)) == ["1:4 too-deep"])
    }

    @Test(arguments: ["", "\n\n", "# only a comment\n", "\u{FEFF}"])
    func anEmptyFileIsAnError(text: String) {
        let doc = load(text)
        #expect(summary(doc) == ["1:1 empty-file"])
    }

    @Test func aSecondDocumentIsAnError() {
        let doc = load("a: 1\n---\nb: 2\n")
        #expect(summary(doc) == ["2:1 multiple-documents"])
    }

    @Test func complexKeysAreRejected() {
        let doc = load("? [a, b]\n: c\nd: e\n")
        #expect(summary(doc) == ["1:3 complex-key"])
        #expect(doc.root?.mapping?.map(\.key.text) == ["d"])
    }

    @Test func filesAboveTheSizeBoundAreRejectedBeforeParsing() {
        let doc = load(String(repeating: "a", count: 101), loader: YAMLLoader(maxBytes: 100))
        #expect(summary(doc) == ["1:1 file-too-large"])
    }

    @Test func aReaderErrorForAControlCharacterIsLocated() {
        // U+0007 is valid UTF-8 but not printable YAML: libyaml's reader reports a byte offset.
        let doc = load(bytes: Array("a: 1\nb: x".utf8) + [0x07] + Array("\n".utf8))
        #expect(summary(doc) == ["2:5 yaml-syntax"])
    }
}
