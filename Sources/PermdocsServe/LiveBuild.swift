public import PermdocsDiagnostics
import PermdocsArticles
import PermdocsPages
import PermdocsSite
import PermdocsSupport
import PermdocsValidate
import PermdocsWrite
import Foundation

/// The builds of `permdocs serve`: the first one renders the whole site into the preview
/// folder; after an edit, one changed article whose edit other pages do not show is rendered
/// alone (`LiveSite.replacing`); anything else — the catalog, a procedure, a template, an
/// article added, removed or retitled — is a full build. A build with an error writes nothing:
/// the last good site stays in the folder and is served.
public final class LiveBuild: @unchecked Sendable {
    public let contentFolder: String
    public let templatesFolder: String
    /// The preview site, a folder of permdocs' own (`SiteWriter` keeps its rules).
    let writer: SiteWriter
    /// What the last good build left: the validated content and the rendered site. Only the
    /// rebuilding thread touches these.
    private var site: LiveSite?
    private var content: Content?
    /// Paths changed since the last good build: the files of every build that failed since
    /// (an error, or an I/O failure half-way). A build starts from all of them, so a save that
    /// succeeds on its own never hides an earlier one that did not (a catalog with an error, a
    /// template not yet rendered).
    private var pending: Set<String> = []

    /// What one build did.
    public struct Outcome: Sendable {
        public enum Kind: Sendable, Equatable {
            /// Every page rendered.
            case full
            /// Only the pages of the edited article rendered.
            case article(String)
            /// Content other than one article changed: everything loaded and checked again, and
            /// only the pages that show what changed rendered (this many).
            case pages(Int)
        }
        public var kind: Kind
        /// Every finding of the build; with an error nothing was written.
        public var diagnostics: Diagnostics
        /// Files written into the preview site (0 when the build failed).
        public var written: Int
        /// The site's files after the build (the last good ones when it failed).
        public var files: Set<String>
        /// How long the build took, load to last write.
        public var milliseconds: Double
    }

    public init(contentFolder: String, templatesFolder: String, siteFolder: String) {
        self.contentFolder = Paths.trimmingTrailingSlashes(contentFolder)
        self.templatesFolder = Paths.trimmingTrailingSlashes(templatesFolder)
        writer = SiteWriter(output: siteFolder, protected: [contentFolder, templatesFolder], option: "serve")
    }

    /// The site's files after the last good build.
    private var files: Set<String> { site?.files ?? [] }

    /// Builds after `changed` (paths under the content or templates folder; empty: everything).
    public func build(changed: [String] = []) throws(IOFailure) -> Outcome {
        // Everything since the last good build; kept when this one fails too.
        pending.formUnion(changed)
        let result = try build(since: changed.isEmpty ? [] : pending.sorted())
        if !result.diagnostics.hasErrors { pending = [] }
        return result
    }

    private func build(since changed: [String]) throws(IOFailure) -> Outcome {
        let start = DispatchTime.now()
        func outcome(_ kind: Outcome.Kind, _ diagnostics: Diagnostics, written: Int) -> Outcome {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            return Outcome(kind: kind, diagnostics: diagnostics, written: written, files: files, milliseconds: ms)
        }
        if changed.count == 1, let file = changed.first, let site, let content, isArticle(file) {
            var diagnostics = Diagnostics()
            if let article = try ArticleLoader.loadOne(
                file: file, contentFolder: contentFolder, content: content, schema: SiteSchemas.articles, into: &diagnostics)
            {
                if diagnostics.hasErrors { return outcome(.article(file), diagnostics, written: 0) }
                let sink = MemorySink()
                if let found = try site.replace(article, into: sink) {
                    diagnostics.append(contentsOf: found.all)
                    if diagnostics.hasErrors { return outcome(.article(file), diagnostics, written: 0) }
                    let written = sink.files.map { OutputFile(path: $0.key, bytes: $0.value) }
                    do throws(IOFailure) {
                        try writer.update(written)
                    } catch {
                        // The site in memory has the edit, the folder may not: the next build is a full one.
                        self.site = nil
                        throw error
                    }
                    return outcome(.article(file), diagnostics, written: written.count)
                }
            } else if diagnostics.hasErrors {
                return outcome(.article(file), diagnostics, written: 0)
            }
        }
        // Everything is loaded and checked once, then rendered in part or in whole.
        var (diagnostics, loaded) = try load()
        guard let loaded else { return outcome(.full, diagnostics, written: 0) }
        if site != nil, !changed.isEmpty, !changed.contains(where: isTemplate) {
            let result = try renderChanged(loaded, into: &diagnostics)
            if let (rendered, written) = result { return outcome(.pages(rendered), diagnostics, written: written) }
            if diagnostics.hasErrors { return outcome(.full, diagnostics, written: 0) }
        }
        let written = try renderAll(loaded, into: &diagnostics)
        return outcome(.full, diagnostics, written: written)
    }

    /// Whether `path` is an article file (`content/articles/*.md`, not hidden).
    func isArticle(_ path: String) -> Bool {
        Paths.parent(path) == Paths.join(contentFolder, ArticleLoader.folder) && ArticleLoader.isArticleName(Paths.lastComponent(path))
    }

    /// Whether `path` is in the templates folder (a template or asset: every page may change).
    func isTemplate(_ path: String) -> Bool {
        path == templatesFolder || path.hasPrefix(templatesFolder + "/")
    }

    /// What a build loads and checks before rendering.
    private struct Loaded {
        var content: Content
        var builder: SiteBuilder
        var prepared: SiteBuilder.Prepared
    }

    /// The content, templates and articles loaded and checked, as `permdocs build` does; nil
    /// (with the findings) when anything is wrong.
    private func load() throws(IOFailure) -> (Diagnostics, Loaded?) {
        let timings = PhaseTimings()
        let loaded = try ContentLoader.load(folder: contentFolder)
        timings.mark("serve: load and validate content")
        var diagnostics = loaded.diagnostics
        guard let model = loaded.content else { return (diagnostics, nil) }
        var builder = SiteBuilder(content: model)
        builder.timings = timings.enabled ? timings : nil
        let (prepared, found) = try builder.prepare(templatesFolder: templatesFolder)
        diagnostics.append(contentsOf: found.all)
        guard let prepared, !diagnostics.hasErrors else { return (diagnostics, nil) }
        return (diagnostics, Loaded(content: model, builder: builder, prepared: prepared))
    }

    /// Only the pages that show what changed rendered (`LiveSite.rerender`) and written in
    /// place. No result (and no error) when the edit changes the site's shape: then a full render.
    private func renderChanged(_ loaded: Loaded, into diagnostics: inout Diagnostics) throws(IOFailure) -> (rendered: Int, written: Int)? {
        guard let site else { return nil }
        let sink = MemorySink()
        guard let (links, rendered) = try site.rerender(loaded.builder, loaded.prepared, into: sink) else { return nil }
        diagnostics.append(contentsOf: links.all)
        if diagnostics.hasErrors { return nil }
        let written = sink.files.sorted { $0.key < $1.key }.map { OutputFile(path: $0.key, bytes: $0.value) }
        do throws(IOFailure) {
            try writer.update(written)
        } catch {
            self.site = nil
            throw error
        }
        content = loaded.content
        return (rendered, written.count)
    }

    /// Every page rendered, as `permdocs build` does; swapped in only when clean. The files written.
    private func renderAll(_ loaded: Loaded, into diagnostics: inout Diagnostics) throws(IOFailure) -> Int {
        let transaction = try writer.begin()
        let counter = CountingSink(base: transaction)
        do throws(IOFailure) {
            let next = try loaded.builder.renderLive(loaded.prepared, into: counter)
            diagnostics.append(contentsOf: next.diagnostics.all)
            if diagnostics.hasErrors {
                transaction.abort()
                return 0
            }
            try transaction.commit()
            site = next
            content = loaded.content
            return counter.count
        } catch {
            transaction.abort()
            throw error
        }
    }

    /// Removes the preview site (a folder permdocs made: it carries the marker).
    public func removeSite() {
        writer.remove()
    }
}
