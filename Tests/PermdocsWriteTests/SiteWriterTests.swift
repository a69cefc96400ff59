import Testing
import PermdocsWrite

@Suite("Site writer path safety")
struct SiteWriterTests {
    @Test(arguments: ["index.html", "a/b.html", ".permdocs-site"])
    func plainRelativePathsAreWritten(path: String) {
        #expect(SiteWriter.isSafeRelativePath(path))
    }

    @Test(arguments: ["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", ".hidden", "a/.git/config", "a\u{0}b"])
    func pathsThatCouldLeaveTheSiteAreRefused(path: String) {
        #expect(!SiteWriter.isSafeRelativePath(path))
    }
}
