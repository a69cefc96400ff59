import Foundation

extension PreviewServer {
    public enum Address: Sendable {
        case ip4(String)
        case ip6(String)

        /// An IPv4 or IPv6 literal, or `localhost`; nil for anything else.
        public init?(host: String) {
            if host == "localhost" {
                self = .ip4("127.0.0.1")
            } else if host.utf8.contains(UInt8(ascii: ":")) {
                var a = in6_addr()
                guard inet_pton(AF_INET6, host, &a) == 1 else { return nil }
                self = .ip6(host)
            } else {
                var a = in_addr()
                guard inet_pton(AF_INET, host, &a) == 1 else { return nil }
                self = .ip4(host)
            }
        }
    }
}
