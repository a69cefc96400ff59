import PermdocsSupport

/// A handle on HTML that many pages share (a directive's block, a layout shape), whose links the
/// `SharedLinkTable` read once.
package struct SharedLinks: Hashable, Sendable {
    fileprivate let number: Int
}

/// The links and ids of every piece of HTML pages share, each read once where it is made (the
/// directive blocks before rendering, each layout shape the first time a page needs it).
package final class SharedLinkTable: Sendable {
    private let sets = Locked<[LinkSet]>([])

    package init() {}

    /// Reads the links of `html` (whose slots, if any, `dropping` says to leave out).
    package func add(_ html: [UInt8], dropping slot: (String) -> Bool = { _ in false }) -> SharedLinks {
        var links = HTMLScan.links(in: html)
        links.hrefs.removeAll(where: slot)
        links.ids = links.ids.filter { !slot($0) }
        links.repeatedIDs.removeAll(where: slot)
        return sets.withLock { sets in
            sets.append(links)
            return SharedLinks(number: sets.count - 1)
        }
    }

    /// The ids of the HTML behind `handle`.
    package func ids(of handle: SharedLinks) -> Set<String> { sets.withLock { $0[handle.number].ids } }

    fileprivate var all: [LinkSet] { sets.current }
}

/// What the link check keeps of a file once it is written: the ids it defines (it may be a link
/// target) and where its links come from, its own and the shared HTML on it. Opaque outside the
/// link check.
package struct PageLinks: Sendable {
    package let path: String
    fileprivate var ids: PageIDs = .list([])
    fileprivate var hrefs: [String] = []
    fileprivate var repeatedIDs: [String] = []
    /// Shared HTML on the page, in page order, each once.
    fileprivate var shared: [SharedLinks] = []

    /// A file without links (data, an asset): only a link target.
    package static func file(_ path: String) -> PageLinks { PageLinks(path: path) }

    /// A page read whole.
    package static func page(_ path: String, html: [UInt8]) -> PageLinks {
        let scanned = HTMLScan.links(in: html)
        return PageLinks(path: path, ids: .set(scanned.ids), hrefs: scanned.hrefs, repeatedIDs: scanned.repeatedIDs)
    }

    /// A page put together from its own HTML (whose ids and hrefs are known: an article body's
    /// headings and links) and shared HTML.
    package static func assembled(_ path: String, ids: [String], hrefs: [String], shared: [SharedLinks]) -> PageLinks {
        var unique: [SharedLinks] = []
        for s in shared where !unique.contains(s) { unique.append(s) }
        // An article has a few ids: a list beats a set, unless it has many.
        return PageLinks(path: path, ids: ids.count > 16 ? .set(Set(ids)) : .list(ids), hrefs: hrefs, shared: unique)
    }
}

/// A page's own ids: an article's few heading ids as a list, a whole page's as a set.
package enum PageIDs: Sendable {
    case list([String])
    case set(Set<String>)

    package func contains(_ id: String) -> Bool {
        switch self {
        case .list(let ids): ids.contains(id)
        case .set(let ids): ids.contains(id)
        }
    }
}

/// What the link check finds on a page.
package enum LinkFinding: Equatable, Sendable {
    /// A link (`href` as the HTML has it) that reaches nothing.
    case broken(page: String, href: String, BrokenLink)
    /// Two elements of the page with the same id.
    case repeatedID(page: String, id: String)

    package var page: String {
        switch self {
        case .broken(let page, _, _), .repeatedID(let page, _): page
        }
    }
}

/// Every file of the site, by path, with its links: the one index the link check reads.
package struct LinkIndex: Sendable {
    private var pages: [PageLinks]
    private var shared: [LinkSet]
    /// Where each file's record is in `pages` (the first record of a path).
    private let byPath: [String: Int]

    package init(_ pages: [PageLinks], shared: SharedLinkTable) {
        self.pages = pages
        self.shared = shared.all
        var byPath: [String: Int] = [:]
        byPath.reserveCapacity(pages.count)
        for (i, page) in pages.enumerated() where byPath[page.path] == nil { byPath[page.path] = i }
        self.byPath = byPath
    }

    /// Every relative link of every HTML page must reach a file of the site and, with a fragment,
    /// an element id on that page; no page may define an id twice. Findings in page order, each
    /// link once per page (the first time the page has it); pages are checked on all cores.
    package func check() -> [LinkFinding] {
        check(pages.indices)
    }

    /// The same for the pages at `positions` only.
    package func check(_ positions: some Collection<Int>) -> [LinkFinding] {
        let positions = Array(positions)
        // Shared HTML's links to other files mean the same on every page it is on: checked once.
        let sharedProblems: [[(href: String, problem: BrokenLink)]] = shared.map { set in
            set.hrefs.compactMap { href in
                guard case .other? = Link(href), let problem = problem(href, on: nil) else { return nil }
                return (href, problem)
            }
        }
        let sharedLocal: [[(href: String, fragment: String)]] = shared.map { set in
            set.hrefs.compactMap { href in
                guard case .local(let fragment)? = Link(href), !fragment.isEmpty else { return nil }
                return (href, fragment)
            }
        }
        // Shared parts that define an id another shared part defines too: only pages holding two
        // of them can repeat an id across parts (usually none: blocks and layouts name their ids).
        var owners: [String: Int] = [:]
        var overlapping = Set<Int>()
        for (n, set) in shared.enumerated() {
            for id in set.ids {
                if let other = owners.updateValue(n, forKey: id), other != n { overlapping.formUnion([other, n]) }
            }
        }
        return parallelMap(positions.count) { k -> [LinkFinding] in
            let page = pages[positions[k]]
            guard page.path.hasSuffix(".html") else { return [] }
            var found: [LinkFinding] = []
            var reported: Set<String> = []
            func add(_ href: String, _ problem: BrokenLink) {
                if reported.insert(href).inserted { found.append(.broken(page: page.path, href: href, problem)) }
            }
            // The layout's links, the blocks', then the article's own: each reported the first time.
            for s in page.shared {
                for (href, fragment) in sharedLocal[s.number] where !hasID(fragment, on: page) {
                    add(href, .noElement(page: page.path, fragment: fragment))
                }
                for (href, problem) in sharedProblems[s.number] { add(href, problem) }
            }
            for href in page.hrefs {
                if let problem = problem(href, on: page) { add(href, problem) }
            }
            for id in repeatedIDs(on: page, overlapping: overlapping) { found.append(.repeatedID(page: page.path, id: id)) }
            return found
        }.flatMap { $0 }
    }

    /// What is wrong with `href` on `page` (nil: a shared block's link, checked for any page).
    private func problem(_ href: String, on page: PageLinks?) -> BrokenLink? {
        switch Link(href) {
        case .local(let fragment)?:
            guard let page, !fragment.isEmpty, !hasID(fragment, on: page) else { return nil }
            return .noElement(page: page.path, fragment: fragment)
        case .other(let target, let fragment)?:
            guard let n = byPath[target] else { return .noPage(target: target) }
            if let fragment, !fragment.isEmpty, target.hasSuffix(".html"), !hasID(fragment, on: pages[n]) {
                return .noElement(page: target, fragment: fragment)
            }
            return nil
        case nil:
            return nil
        }
    }

    /// Whether `page` has an element `id`: one of its own or of shared HTML on it.
    private func hasID(_ id: String, on page: PageLinks) -> Bool {
        page.ids.contains(id) || page.shared.contains { shared[$0.number].ids.contains(id) }
    }

    /// Ids the page defines twice: within one part, or in two of its shared parts. (An article's
    /// headings avoid every id of its layout and blocks when they are named.)
    /// Only pairs of `overlapping` parts are compared.
    private func repeatedIDs(on page: PageLinks, overlapping: Set<Int>) -> [String] {
        var repeated = page.repeatedIDs
        for (k, s) in page.shared.enumerated() {
            let set = shared[s.number]
            repeated += set.repeatedIDs
            guard overlapping.contains(s.number) else { continue }
            for other in page.shared[..<k] where overlapping.contains(other.number) && !shared[other.number].ids.isDisjoint(with: set.ids) {
                repeated += shared[other.number].ids.intersection(set.ids).sorted()
            }
        }
        return repeated
    }
}

/// What `permdocs serve` needs to check links again after one page changed (`LiveSite.replace`).
extension LinkIndex {
    /// The path of every file of the site.
    package var paths: Set<String> { Set(byPath.keys) }

    /// Where the record of the file `path` is.
    package func position(of path: String) -> Int? { byPath[path] }

    /// Replaces the record at `position` (the same file, rendered again), and reads the shared
    /// links anew from `table`, where rendering it may have added a layout shape. Returns the
    /// positions whose findings can have changed: that page's, and, when its ids changed
    /// (another page may link to one of them), every page's.
    package mutating func replace(at position: Int, with record: PageLinks, shared table: SharedLinkTable) -> [Int] {
        let before = pages[position]
        pages[position] = record
        shared = table.all
        let sameIDs = before.ids.same(as: record.ids) && before.shared == record.shared
        return sameIDs ? [position] : Array(pages.indices)
    }

    /// The record at `position`.
    package func record(at position: Int) -> PageLinks { pages[position] }
}

extension PageIDs {
    /// Whether both hold the same ids.
    package func same(as other: PageIDs) -> Bool {
        switch (self, other) {
        case (.list(let a), .list(let b)): a == b
        case (.set(let a), .set(let b)): a == b
        case (.list(let a), .set(let b)), (.set(let b), .list(let a)): Set(a) == b
        }
    }
}
