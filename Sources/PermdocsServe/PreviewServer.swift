#if Serve
    import FlyingFox
    import PermdocsSupport
    import Foundation

    /// The HTTP side of `permdocs serve` (FlyingFox): the preview site's files, the live script and
    /// the long poll. A request names a file only by looking it up in the site's own list of files
    /// (`files`, what the last good build wrote), never by joining it to a folder first, so nothing
    /// outside the site — `..`, an absolute path, a symbolic link, the marker — can be served.
    public final class PreviewServer: Sendable {
        /// Whether this build of permdocs has the preview server (the `Serve` trait).
        public static let isAvailable = true

        /// Why a build without the `Serve` trait has none (see the other `PreviewServer`).
        public struct Unavailable: Error, CustomStringConvertible {
            public init() {}
            public var description: String { "" }
        }

        /// The preview site's folder.
        let folder: String
        let channel: ReloadChannel
        /// The site's files, and the build they come from (the number pages get).
        private let served = Locked<(files: Set<String>, attempt: Int)>(([], 0))
        let server: HTTPServer

        /// Keys in a fixed order, so the answer is the same bytes every time.
        static let json: JSONEncoder = {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return encoder
        }()

        /// How long a page's wait for the next build is held before it asks again.
        static let pollTimeout: Duration = .seconds(10)

        public init(folder: String, address: Address, port: UInt16, channel: ReloadChannel) throws {
            self.folder = folder
            self.channel = channel
            // Requests are short; a page's long poll is answered within `pollTimeout`.
            let config: HTTPServer.Configuration
            switch address {
            case .ip4(let ip): config = .init(address: try sockaddr_in.inet(ip4: ip, port: port), timeout: 30, logger: .disabled)
            case .ip6(let ip): config = .init(address: try sockaddr_in6.inet6(ip6: ip, port: port), timeout: 30, logger: .disabled)
            }
            server = HTTPServer(config: config)
        }

        /// Serves until the task is cancelled.
        public func run() async throws {
            await server.appendRoute(HTTPRoute("GET \(LiveScript.path)")) { _ in
                HTTPResponse(
                    statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                    body: Data(LiveScript.source.utf8))
            }
            await server.appendRoute(HTTPRoute("GET \(LiveScript.waitPath)")) { [channel] request in
                let since = request.query["since"].flatMap(Int.init) ?? -1
                let status =
                    request.query["now"] != nil ? await channel.status : await channel.wait(since: since, timeout: Self.pollTimeout)
                return HTTPResponse(
                    statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                    body: try Self.json.encode(status))
            }
            // Weakly: the server holds its routes, and this object holds the server.
            await server.appendRoute("GET,HEAD *") { [weak self] request in
                guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
                guard Self.isLocalName(request.headers[.host]) else { return Self.foreignHost }
                let response = self.file(request.path)
                guard request.method == .HEAD else { return response }
                // HEAD: the headers a GET would get, no body.
                var headers = response.headers
                headers[.contentLength] = String(try await response.bodyData.count)
                return HTTPResponse(statusCode: response.statusCode, headers: headers, body: Data())
            }
            try await server.run()
        }

        /// Why the server is not listening.
        public struct NotListening: Error, CustomStringConvertible {
            public let description: String
        }

        /// Starts serving on Swift's concurrency threads and returns the port once it listens;
        /// throws why it could not (an address in use, a port it may not take). When the server
        /// stops later, `stopped` is called with the reason.
        public func start(stopped: @escaping @Sendable (any Error) -> Void) async throws -> UInt16 {
            let state = Locked<(failure: (any Error)?, started: Bool)>((nil, false))
            Task {
                let error: any Error
                do {
                    try await run()
                    error = NotListening(description: "the server stopped")
                } catch let thrown {
                    error = thrown
                }
                let started = state.withLock { state in
                    state.failure = error
                    return state.started
                }
                if started { stopped(error) }
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline {
                if let failure = state.current.failure { throw failure }
                if await server.isListening {
                    switch await server.listeningAddress {
                    case .ip4(_, let port)?, .ip6(_, let port)?:
                        state.withLock { $0.started = true }
                        return port
                    default: break
                    }
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            throw NotListening(description: "not listening after 10 seconds")
        }

        /// After a good build: the files to serve and the build's number.
        public func serve(files: Set<String>, attempt: Int) {
            served.withLock { $0 = (files, attempt) }
        }

        /// The response for the decoded request path `path`.
        func file(_ path: String) -> HTTPResponse {
            let (files, attempt) = served.current
            var name = path.hasPrefix("/") ? String(path.dropFirst()) : path
            if name.isEmpty || name.hasSuffix("/") { name += "index.html" }
            guard files.contains(name), let bytes = Self.read(Paths.join(folder, name)) else {
                return HTTPResponse(
                    statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                    body: Data(Self.notFoundPage(name, attempt: attempt, built: !files.isEmpty).utf8))
            }
            let type = Self.contentType(name)
            let body = type.hasPrefix("text/html") ? Self.inject(LiveScript.tag(attempt: attempt), into: bytes) : bytes
            return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: Data(body))
        }

        /// Whether a request's `Host` names this machine by an address or as `localhost`. A page of
        /// another site that a DNS name pointed here (DNS rebinding) sends its own name, and gets
        /// nothing from the preview.
        static func isLocalName(_ host: String?) -> Bool {
            guard var name = host?.lowercased(), !name.isEmpty else { return true }
            if name.hasPrefix("[") { return true }  // an IPv6 address
            if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
            if name == "localhost" || name.hasSuffix(".localhost") { return true }
            var a = in_addr()
            return inet_pton(AF_INET, name, &a) == 1
        }

        static var foreignHost: HTTPResponse {
            HTTPResponse(
                statusCode: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                body: Data("permdocs serve answers requests for localhost or an IP address only.\n".utf8))
        }

        /// `bytes` with `tag` before the last `</body>` (at the end when there is none).
        static func inject(_ tag: String, into bytes: [UInt8]) -> [UInt8] {
            let close = Array("</body>".utf8)
            var at = bytes.count
            if bytes.count >= close.count {
                for i in stride(from: bytes.count - close.count, through: 0, by: -1) where bytes[i..<(i + close.count)].elementsEqual(close)
                {
                    at = i
                    break
                }
            }
            return Array(bytes[..<at]) + Array(tag.utf8) + Array(bytes[at...])
        }

        /// A file's bytes, without following a symbolic link; nil when it cannot be read.
        static func read(_ path: String) -> [UInt8]? {
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, $0.count - offset) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return nil }
                offset += n
            }
            return bytes
        }

        static func contentType(_ name: String) -> String {
            switch name.split(separator: ".").last {
            case "html": "text/html; charset=utf-8"
            case "css": "text/css; charset=utf-8"
            case "json": "application/json"
            case "xml": "application/atom+xml; charset=utf-8"
            case "js": "text/javascript; charset=utf-8"
            case "svg": "image/svg+xml"
            case "png": "image/png"
            case "txt", "md": "text/plain; charset=utf-8"
            default: "application/octet-stream"
            }
        }

        /// A 404 page that still reloads when the page appears (a new article being written).
        static func notFoundPage(_ name: String, attempt: Int, built: Bool) -> String {
            let escaped = name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            let message =
                built
                ? "The site has no page <code>\(escaped)</code>. <a href=\"/\">Home</a>"
                : "No build has succeeded yet; the errors are below."
            return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found — permdocs serve</title></head>
                <body><main><h1>Not found</h1><p>\(message)</p></main>\(LiveScript.tag(attempt: attempt))</body></html>

                """
        }
    }
#else
    import PermdocsSupport
    import Foundation

    /// This permdocs was built without the `Serve` trait (`make dist`: a static binary cannot
    /// link FlyingFox's libcurl), so it has no preview server.
    public final class PreviewServer: Sendable {
        public static let isAvailable = false

        public struct Unavailable: Error, CustomStringConvertible {
            public init() {}
            public var description: String {
                "this permdocs was built without the preview server (the static binary of `make dist`); use a build from `make release`"
            }
        }

        public init(folder: String, address: Address, port: UInt16, channel: ReloadChannel) throws { throw Unavailable() }
        public func start(stopped: @escaping @Sendable (any Error) -> Void) async throws -> UInt16 { throw Unavailable() }
        public func serve(files: Set<String>, attempt: Int) {}
    }
#endif
