import Testing
import Foundation
import PermdocsTestSupport

/// A copy of the example content with `extra` more articles, so a build takes long enough to be
/// interrupted part-way.
private func bigWorkspace(extra: Int, tag: String = "v1") throws -> TempFolder {
    let temp = try TempFolder(prefix: "permdocs-fault")
    for folder in ["content", "templates"] {
        try FileManager.default.copyItem(atPath: Repo.path(folder), toPath: temp.path + "/" + folder)
    }
    try setArticles(temp, count: extra, tag: tag)
    return temp
}

/// Writes `count` articles tagged `tag` (replacing earlier generated ones).
private func setArticles(_ temp: TempFolder, count: Int, tag: String) throws {
    let dir = temp.path + "/content/articles"
    for name in (try FileManager.default.contentsOfDirectory(atPath: dir)) where name.hasPrefix("gen-") {
        try FileManager.default.removeItem(atPath: dir + "/" + name)
    }
    let paragraph = String(repeating: "Admins grant consent for the organization in the admin center. ", count: 40)
    for i in 0..<count {
        try
            "---\ntitle: Generated \(i) \(tag)\n---\n\n## Part one\n\n\(paragraph)\n\n::permissions mailbox\n\n## Part two\n\n\(paragraph)\n\n::procedure grant-admin-consent\n"
            .write(toFile: "\(dir)/gen-\(tag)-\(String(format: "%05d", i)).md", atomically: false, encoding: .utf8)
    }
}

private func listing(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
}

private func leftovers(_ parent: String) -> [String] {
    listing(parent).filter { $0.contains(".permdocs-tmp-") || $0.contains(".permdocs-old-") }
}

@Suite("Faults that must lose nothing", .serialized)
struct FaultTests {
    @Test func aBuildKilledAtAnyMomentLeavesTheOldSiteOrTheNewOneNeverAMix() throws {
        let w = try bigWorkspace(extra: 600, tag: "old")
        defer { w.remove() }
        #expect(try Binary.run(["build"], in: w.path).status == 0)
        let old = listing(w.path + "/output")
        try setArticles(w, count: 600, tag: "new")
        var sawOld = false
        var sawNew = false
        // Kill the second build after growing delays: early (loading), mid-render, late.
        for delay in [0.02, 0.08, 0.15, 0.25, 0.4, 0.6, 0.9, 1.4] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Binary.path)
            p.arguments = ["build"]
            p.currentDirectoryURL = URL(fileURLWithPath: w.path)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let now = listing(w.path + "/output")
            let isOld = now == old
            let isNew = now.contains("gen-new-00000.html") && !now.contains { $0.hasPrefix("gen-old-") } && now.count == old.count
            #expect(isOld || isNew, "after a kill at \(delay) s the output is neither the old site nor the new one")
            if isOld { sawOld = true }
            if isNew {
                sawNew = true
                break
            }
        }
        #expect(sawOld, "no kill landed before the swap; the test did not exercise an interrupted build")
        // The next build cleans up what killed builds left and completes.
        #expect(try Binary.run(["build"], in: w.path).status == 0)
        #expect(leftovers(w.path) == [])
        #expect(listing(w.path + "/output").contains("gen-new-00599.html"))
        _ = sawNew
    }

    @Test func twoBuildsIntoTheSameOutputAtOnceBothSucceedAndTheSiteIsWhole() throws {
        let w = try bigWorkspace(extra: 300)
        defer { w.remove() }
        let results = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 2)
        defer { results.deallocate() }
        let stderrs = UnsafeMutableBufferPointer<String>.allocate(capacity: 2)
        defer { stderrs.deallocate() }
        let shared = (results, stderrs, w.path)
        nonisolated(unsafe) let box = shared
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let r = try? Binary.run(["build"], in: box.2)
            (box.0.baseAddress! + i).initialize(to: r?.status ?? -1)
            (box.1.baseAddress! + i).initialize(to: r?.stderr ?? "")
        }
        #expect(Array(results) == [0, 0])
        let site = listing(w.path + "/output")
        #expect(site.contains("gen-v1-00299.html") && site.contains("index.html") && site.contains(".permdocs-site"))
        #expect(leftovers(w.path) == [])
    }

    @Test func aBuildWaitsWhileAnotherHoldsTheOutputLock() throws {
        let w = try bigWorkspace(extra: 0)
        defer { w.remove() }
        // Play the other build: hold the lock beside the output.
        let fd = open(w.path + "/.output.permdocs-lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = ["build"]
        p.currentDirectoryURL = URL(fileURLWithPath: w.path)
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: 1.0)
        #expect(p.isRunning, "the build did not wait for the lock")
        #expect(!FileManager.default.fileExists(atPath: w.path + "/output"))
        flock(fd, LOCK_UN)
        close(fd)
        p.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0)
        #expect(message.hasPrefix("permdocs: another build is writing this output; waiting for it\n"))
        #expect(FileManager.default.fileExists(atPath: w.path + "/output/index.html"))
    }

    /// Not under ThreadSanitizer (`make test-tsan`): its runtime dies with SIGBUS under a
    /// file-size limit before permdocs starts. AddressSanitizer and plain runs cover it.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PERMDOCS_SANITIZER"] != "thread"))
    func aFileSizeLimitFailsTheBuildWithExitTwoAndKeepsThePreviousSite() throws {
        let w = try bigWorkspace(extra: 0)
        defer { w.remove() }
        #expect(try Binary.run(["build"], in: w.path).status == 0)
        let before = listing(w.path + "/output").map { ($0, FileManager.default.contents(atPath: w.path + "/output/" + $0)) }
        try "\n<!-- a change -->\n".write(toFile: w.path + "/templates/partials/checklists.mustache", atomically: false, encoding: .utf8)
        // ulimit -f 8: writes past 8 KiB fail with EFBIG, as on a full disk.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ulimit -f 8; exec \"$0\" build", Binary.path]
        p.currentDirectoryURL = URL(fileURLWithPath: w.path)
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 2)
        #expect(message.contains("permdocs: error: cannot write"), "\(message)")
        let after = listing(w.path + "/output").map { ($0, FileManager.default.contents(atPath: w.path + "/output/" + $0)) }
        #expect(after.map(\.0) == before.map(\.0))
        #expect(zip(after, before).allSatisfy { $0.1 == $1.1 })
        #expect(leftovers(w.path) == [])
    }

    @Test func anOutputThatCannotBeCreatedIsAnIOError() throws {
        let w = try bigWorkspace(extra: 0)
        defer { w.remove() }
        try "a file".write(toFile: w.path + "/file", atomically: false, encoding: .utf8)
        let r = try Binary.run(["build", "--output", "file/site"], in: w.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("permdocs: error: "))
        #expect(try String(contentsOfFile: w.path + "/file", encoding: .utf8) == "a file")
    }

    @Test func symbolicLinksOutOfContentOrTemplatesAreRefused() throws {
        let w = try bigWorkspace(extra: 0)
        defer { w.remove() }
        try "secret: value\n".write(toFile: w.path + "/secret.txt", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: w.path + "/content/articles/leak.md", withDestinationPath: w.path + "/secret.txt")
        try FileManager.default.createSymbolicLink(
            atPath: w.path + "/templates/partials/leak.mustache", withDestinationPath: "../../secret.txt")
        // A link that stays inside is fine.
        try FileManager.default.createSymbolicLink(
            atPath: w.path + "/content/procedures/alias.yaml", withDestinationPath: "grant-admin-consent.yaml")
        let r = try Binary.run(["build"], in: w.path)
        #expect(r.status == 1)
        let real = URL(fileURLWithPath: w.path).resolvingSymlinksInPath().path + "/secret.txt"
        #expect(
            r.stderr.contains(
                "content/articles/leak.md:1:1: error: 'content/articles/leak.md' is a symbolic link to \(real), outside content; permdocs reads only files inside it [symlink-outside]"
            ))
        #expect(
            r.stderr.contains(
                "templates/partials/leak.mustache:1:1: error: 'templates/partials/leak.mustache' is a symbolic link to \(real), outside templates"
            ))
        #expect(!r.stderr.contains("alias.yaml:1:1: error: 'content/procedures/alias.yaml' is a symbolic link"))
        #expect(!FileManager.default.fileExists(atPath: w.path + "/output"))
    }

    @Test func oversizedInputsAreClearErrorsNotOutOfMemoryKills() throws {
        let w = try bigWorkspace(extra: 0)
        defer { w.remove() }
        let big = String(repeating: "x", count: 5 << 20)
        try "---\ntitle: Big\n---\n\n\(big)\n".write(toFile: w.path + "/content/articles/big.md", atomically: false, encoding: .utf8)
        let r = try Binary.run(["build"], in: w.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("content/articles/big.md:1:1: error: article is larger than 4194304 bytes [file-too-large]"))
        try "# \(String(repeating: "y", count: 9 << 20))\n".write(
            toFile: w.path + "/content/permissions.yaml", atomically: false, encoding: .utf8)
        let c = try Binary.run(["check"], in: w.path)
        #expect(c.status == 1)
        #expect(
            c.stderr.hasPrefix(
                "content/permissions.yaml:1:1: error: file is larger than 8388608 bytes; split it or raise the limit [file-too-large]"))
    }

    @Test func theHomeFolderIsNeverAnOutput() throws {
        let w = try bigWorkspace(extra: 0)
        defer { w.remove() }
        try FileManager.default.createDirectory(atPath: w.path + "/home", withIntermediateDirectories: true)
        try "mine".write(toFile: w.path + "/home/.profile", atomically: false, encoding: .utf8)
        let r = try Binary.run(["build", "--output", w.path + "/home"], in: w.path, environment: ["HOME": w.path + "/home"])
        #expect(r.status == 2)
        #expect(r.stderr.hasSuffix("refusing to replace the home folder\n"))
        #expect(listing(w.path + "/home") == [".profile"])
    }

    /// Nor a folder holding it, even one that carries the marker, by any output option.
    @Test(arguments: ["--output", "--expanded-markdown"])
    func aFolderHoldingTheHomeFolderIsNeverAnOutput(option: String) throws {
        let w = try bigWorkspace(extra: 0)
        defer { w.remove() }
        try FileManager.default.createDirectory(atPath: w.path + "/users/me", withIntermediateDirectories: true)
        try "mine".write(toFile: w.path + "/users/me/.profile", atomically: false, encoding: .utf8)
        try "".write(toFile: w.path + "/users/.permdocs-site", atomically: false, encoding: .utf8)
        let r = try Binary.run(["build", option, "users"], in: w.path, environment: ["HOME": w.path + "/users/me"])
        #expect(r.status == 2)
        #expect(r.stderr == "permdocs: error: \(option) users: it holds the home folder; refusing to replace it\n")
        #expect(listing(w.path + "/users/me") == [".profile"])
    }
}
