import Testing
import Foundation
import PermdocsTestSupport

/// Each class of bad YAML, through the real binary: exit 1 and the exact located line on stderr.
@Suite("Bad input through the binary")
struct BadInputTests {
    static let cases: [(name: String, bytes: [UInt8], firstLine: String)] = [
        (
            "syntax", Array("app:\n  name: [Recruitee\n".utf8),
            "content/permissions.yaml:3:1: error: did not find expected ',' or ']' [yaml-syntax]"
        ),
        (
            "duplicate key", Array("app: {}\nscopes: {}\napp: {}\n".utf8),
            "content/permissions.yaml:3:1: error: duplicate key 'app' [duplicate-key]"
        ),
        (
            "anchor", Array("app: &a {}\n".utf8),
            "content/permissions.yaml:1:6: error: anchors are not supported ('&a'); repeat the value instead [yaml-anchor]"
        ),
        (
            "alias", Array("scopes: {}\nfeatures: *x\n".utf8),
            "content/permissions.yaml:2:11: error: aliases are not supported; repeat the value instead [yaml-alias]"
        ),
        (
            "tag", Array("app: !!map {}\n".utf8),
            "content/permissions.yaml:1:6: error: tags are not supported ('tag:yaml.org,2002:map'); write the plain value [yaml-tag]"
        ),
        (
            "invalid UTF-8", Array("app:\n  name: Recr".utf8) + [0xFF] + Array("\n".utf8),
            "content/permissions.yaml:2:13: error: invalid UTF-8 byte sequence [invalid-utf8]"
        ),
        (
            "NUL byte", Array("app:\n  name: R".utf8) + [0] + Array("\n".utf8),
            "content/permissions.yaml:2:10: error: NUL byte in text [nul-byte]"
        ),
        (
            "deep nesting", Array(String(repeating: "[", count: 100_000).utf8),
            "content/permissions.yaml:1:65: error: nesting deeper than 64 levels [too-deep]"
        ),
        ("empty file", [], "content/permissions.yaml:1:1: error: the file holds no YAML document [empty-file]"),
        (
            "two documents", Array("app: {}\n---\napp: {}\n".utf8),
            "content/permissions.yaml:2:1: error: a file holds one YAML document; this is a second one [multiple-documents]"
        ),
    ]

    @Test(arguments: cases.map(\.name))
    func badYAMLIsALocatedErrorWithExitOne(name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.createDirectory(atPath: temp.path + "/content", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: temp.path + "/content/permissions.yaml", contents: Data(c.bytes)))
        let r = try Binary.run(["check", "--content", "content"], in: temp.path)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").map(String.init).contains(c.firstLine), "\(r.stderr)")
    }

    @Test func aByteOrderMarkIsAccepted() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: temp.path + "/content")
        let catalog = try Data(contentsOf: URL(fileURLWithPath: temp.path + "/content/permissions.yaml"))
        try (Data([0xEF, 0xBB, 0xBF]) + catalog).write(to: URL(fileURLWithPath: temp.path + "/content/permissions.yaml"))
        let r = try Binary.run(["check", "--content", "content"], in: temp.path)
        #expect(r.status == 0)
        #expect(r.stderr == "permdocs: 0 errors, 0 warnings\n")
    }

    /// Ids and slugs become file names: nothing from content can name a path outside the site.
    @Test(arguments: ["../escape", "a/b", "/etc/passwd", "..", "UPPER"])
    func slugsThatCouldEscapeTheSiteAreRejected(slug: String) throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(atPath: Repo.path(folder), toPath: temp.path + "/" + folder)
        }
        try temp.write("content/articles/evil.md", "---\ntitle: Evil\nslug: \"\(slug)\"\n---\n\nText.\n")
        let r = try Binary.run(["build", "--output", "site"], in: temp.path)
        #expect(r.status == 1)
        #expect(
            r.stderr.hasPrefix(
                "content/articles/evil.md:3:7: error: slug '\(slug)' must be lowercase letters, digits and '-' (it is the page's file name) [invalid-id]"
            ))
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/site"))
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/escape.html"))
    }
}
