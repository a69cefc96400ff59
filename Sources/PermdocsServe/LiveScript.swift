/// The script `permdocs serve` adds to every HTML page it serves (never to a built site): it waits
/// for the next build (`/__permdocs/wait`), reloads the page when one succeeds, and shows a failed
/// build's errors over the page, which stays the last good one. Text goes in with `textContent`,
/// never as HTML.
enum LiveScript {
    static let path = "/__permdocs/live.js"
    static let waitPath = "/__permdocs/wait"

    /// The tag added before `</body>`: the build the page comes from is `data-attempt`.
    static func tag(attempt: Int) -> String {
        "<script src=\"\(path)\" data-attempt=\"\(attempt)\"></script>"
    }

    static let source = """
        // permdocs serve: reload on a new good build, show a failed build's errors.
        (function () {
          "use strict";
          var script = document.currentScript;
          var seen = Number(script && script.dataset.attempt) || 0;
          var first = true;
          var overlay = null;

          function hide() {
            if (overlay) { overlay.remove(); overlay = null; }
          }

          var style = document.createElement("style");
          style.textContent =
            "#permdocs-serve-errors{position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;" +
            "margin:0;padding:.75rem 1rem 1rem;background:#fff;color:#1b1b1b;border-top:4px solid #b3261e;" +
            "box-shadow:0 -4px 16px rgba(0,0,0,.25);font:14px/1.45 system-ui,sans-serif}" +
            "#permdocs-serve-errors .permdocs-serve-head{display:flex;gap:1rem;align-items:flex-start;justify-content:space-between}" +
            "#permdocs-serve-errors h2{margin:0 0 .5rem;font-size:1rem;color:#b3261e}" +
            "#permdocs-serve-errors ol{margin:0;padding-left:1.5rem;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;" +
            "white-space:pre-wrap;overflow-wrap:anywhere}" +
            "#permdocs-serve-errors button{flex:none;font:inherit;padding:.15rem .6rem}" +
            "@media (prefers-color-scheme:dark){#permdocs-serve-errors{background:#1e1e1e;color:#eee;border-top-color:#ff8a80}" +
            "#permdocs-serve-errors h2{color:#ff8a80}}" +
            "@media print{#permdocs-serve-errors{display:none}}";

          function show(errors) {
            hide();
            if (!errors.length) { return; }
            if (!style.isConnected) { document.head.appendChild(style); }
            overlay = document.createElement("section");
            overlay.id = "permdocs-serve-errors";
            overlay.setAttribute("role", "alert");
            overlay.setAttribute("aria-label", "permdocs build errors");
            var header = document.createElement("div");
            header.className = "permdocs-serve-head";
            var title = document.createElement("h2");
            title.textContent = "The last build failed (" + errors.length + (errors.length === 1 ? " error" : " errors") +
              "). You are looking at the last good site.";
            var close = document.createElement("button");
            close.type = "button";
            close.textContent = "Hide";
            close.addEventListener("click", hide);
            header.append(title, close);
            var list = document.createElement("ol");
            errors.forEach(function (line) {
              var item = document.createElement("li");
              item.textContent = line;
              list.appendChild(item);
            });
            overlay.append(header, list);
            document.body.appendChild(overlay);
          }

          function wait() {
            var url = "\(waitPath)?since=" + seen + (first ? "&now=1" : "");
            fetch(url, { cache: "no-store" }).then(function (response) {
              return response.json();
            }).then(function (status) {
              first = false;
              if (status.attempt !== seen && status.ok) { location.reload(); return; }
              seen = status.attempt;
              show(status.ok ? [] : status.errors);
              wait();
            }).catch(function () {
              // The server stopped or restarts: ask again in a second.
              setTimeout(wait, 1000);
            });
          }

          wait();
        })();

        """
}
