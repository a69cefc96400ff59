import PermdocsMarkdown
import PermdocsSupport

/// `CommonMark.inlineHTML` memoized, shared by the threads that render pages.
package final class InlineHTMLCache: Sendable {
    private let rendered = Locked<[String: String]>([:])

    package func html(_ markdown: String) -> String {
        if let hit = rendered.withLock({ $0[markdown] }) { return hit }
        let html = CommonMark.inlineHTML(markdown)
        rendered.withLock { $0[markdown] = html }
        return html
    }
}
