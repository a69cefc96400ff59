import ArgumentParser
import PermdocsDiagnostics
import PermdocsServe
import PermdocsSupport
import Foundation

/// `permdocs serve`: build into a temporary folder, serve it, rebuild on every save and reload
/// the open pages; a failed build's errors show over the page, which stays the last good one.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site: rebuild on save and reload the browser.",
        discussion: """
            Builds into a temporary folder (removed on exit) and serves it; the built site in \
            output/ is not touched. Watches the content and templates folders (inotify; --poll \
            to look every quarter second instead) and rebuilds on every change: an edit to one \
            article renders that page alone. A build with errors keeps the last good site and \
            shows the errors in the page. Only `permdocs serve` adds its reload script to pages; \
            `permdocs build` never does.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content: String = "content"

    @Option(name: .long, help: ArgumentHelp("The templates folder.", valueName: "dir"))
    var templates: String = "templates"

    @Option(name: .long, help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "port"))
    var port: UInt16 = 8080

    @Option(name: .long, help: ArgumentHelp("The address to listen on: an IPv4 or IPv6 address, or localhost.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Flag(name: .long, help: "Look for changes every quarter second instead of asking the kernel (network file systems).")
    var poll = false

    func validate() throws {
        guard PreviewServer.Address(host: host) != nil else {
            throw ValidationError("--host \(host): expected an IPv4 or IPv6 address, or localhost")
        }
    }

    func run() throws {
        guard PreviewServer.isAvailable else {
            Console.error("serve: \(PreviewServer.Unavailable())")
            throw ExitCode(ExitStatus.usage)
        }
        guard let address = PreviewServer.Address(host: host) else { throw ExitCode(ExitStatus.usage) }
        var template = Array(Paths.join(Paths.trimmingTrailingSlashes(NSTemporaryDirectory()), "permdocs-serve-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            Console.error("cannot create a temporary folder: \(String(cString: strerror(errno)))")
            throw ExitCode(ExitStatus.usage)
        }
        let temp = String(cString: made)
        let live = LiveBuild(contentFolder: content, templatesFolder: templates, siteFolder: Paths.join(temp, "site"))
        // The temporary folder (made here, by mkdtemp) goes on every way out: Ctrl-C, `kill`, a
        // failure to start, the server stopping. Whole, with whatever a build was writing.
        let cleanup = { @Sendable in
            live.removeSite()
            try? FileManager.default.removeItem(atPath: temp)
        }
        let signals = [SIGINT, SIGTERM, SIGHUP].map { (number: Int32) in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                cleanup()
                Console.note("stopped")
                Foundation.exit(ExitStatus.clean)
            }
            source.resume()
            return source
        }
        // Cancelled on the way out, so their handlers (and what they hold) are released.
        defer { for source in signals { source.cancel() } }

        let channel = ReloadChannel()
        let server: PreviewServer
        do {
            server = try PreviewServer(folder: Paths.join(temp, "site"), address: address, port: port, channel: channel)
        } catch {
            cleanup()
            Console.error("--host \(host) --port \(port): \(error)")
            throw ExitCode(ExitStatus.usage)
        }

        var attempt = 1
        let first: LiveBuild.Outcome
        do throws(IOFailure) {
            first = try live.build()
        } catch {
            cleanup()
            Console.error(error.message)
            throw ExitCode(ExitStatus.usage)
        }
        report(first, attempt: attempt, server: server, channel: channel)

        // The server runs on Swift's concurrency threads; this thread waits for changes.
        let started = Locked<Result<UInt16, any Error>?>(nil)
        let ready = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                let port = try await server.start { error in
                    cleanup()
                    Console.error("the preview server stopped: \(error)")
                    Foundation.exit(ExitStatus.usage)
                }
                started.withLock { $0 = .success(port) }
            } catch {
                started.withLock { $0 = .failure(error) }
            }
            ready.signal()
        }
        ready.wait()
        guard case .success(let bound)? = started.current else {
            cleanup()
            let reason = started.current.flatMap { if case .failure(let e) = $0 { "\(e)" } else { nil } } ?? "not listening"
            Console.error("cannot listen on \(host):\(port): \(reason)")
            throw ExitCode(ExitStatus.usage)
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        Console.note("serving http://\(shown):\(bound)/ (Ctrl-C to stop); watching \(content) and \(templates)")

        let roots = [live.contentFolder, live.templatesFolder]
        let watcher: FileWatcher
        #if os(Linux)
            if !poll, let inotify = InotifyWatcher(roots: roots) {
                watcher = inotify
            } else {
                watcher = PollingWatcher(roots: roots)
            }
        #else
            watcher = PollingWatcher(roots: roots)
        #endif
        while true {
            let changed = watcher.next()
            attempt += 1
            do throws(IOFailure) {
                let outcome = try live.build(changed: changed)
                report(outcome, attempt: attempt, server: server, channel: channel)
            } catch {
                // A file removed half-way, a folder not readable: a failed build, not the end of serving.
                Console.error(error.message)
                publish(BuildStatus(attempt: attempt, ok: false, errors: [error.message]), to: channel)
            }
        }
    }

    /// Prints a build's findings and outcome, and tells the pages.
    private func report(_ outcome: LiveBuild.Outcome, attempt: Int, server: PreviewServer, channel: ReloadChannel) {
        let diagnostics = outcome.diagnostics
        if !diagnostics.all.isEmpty {
            Console.err(TextReporter(colour: Console.stderrIsTerminal).report(diagnostics.sorted, summary: diagnostics.hasErrors))
        }
        let ms = String(format: "%.1f", outcome.milliseconds)
        let what: String
        switch outcome.kind {
        case .full: what = "full build"
        case .article(let file): what = "\(file) alone"
        case .pages(let n): what = n == 1 ? "1 page shows what changed" : "\(n) pages show what changed"
        }
        if diagnostics.hasErrors {
            Console.note("build \(attempt) (\(what)) failed in \(ms) ms; still serving the last good site")
        } else {
            server.serve(files: outcome.files, attempt: attempt)
            let files = outcome.written == 1 ? "1 file" : "\(outcome.written) files"
            Console.note("build \(attempt) (\(what)): \(files) in \(ms) ms")
        }
        let errors = diagnostics.sorted.filter { $0.severity == .error }.map { TextReporter().report([$0], summary: false) }
        publish(
            BuildStatus(
                attempt: attempt, ok: !diagnostics.hasErrors,
                errors: errors.map { String($0.reversed().drop(while: { $0 == "\n" }).reversed()) }),
            to: channel)
    }

    private func publish(_ status: BuildStatus, to channel: ReloadChannel) {
        Task { await channel.publish(status) }
    }
}
