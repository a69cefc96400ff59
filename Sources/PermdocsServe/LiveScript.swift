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

          function show(errors) {
            hide();
            if (!errors.length) { return; }
            overlay = document.createElement("section");
            overlay.id = "permdocs-serve-errors";
            overlay.setAttribute("role", "alert");
            overlay.setAttribute("aria-label", "permdocs build errors");
            overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
              "margin:0;padding:1rem 1.25rem;background:#fff;color:#1b1b1b;border-top:4px solid #b3261e;" +
              "box-shadow:0 -4px 16px rgba(0,0,0,.25);font:14px/1.45 system-ui,sans-serif";
            var title = document.createElement("h2");
            title.style.cssText = "margin:0 0 .5rem;font-size:1rem;color:#b3261e";
            title.textContent = "The last build failed (" + errors.length + (errors.length === 1 ? " error" : " errors") +
              "). You are looking at the last good site.";
            var list = document.createElement("ol");
            list.style.cssText = "margin:0;padding-left:1.5rem;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
            errors.forEach(function (line) {
              var item = document.createElement("li");
              item.textContent = line;
              list.appendChild(item);
            });
            var close = document.createElement("button");
            close.type = "button";
            close.textContent = "Hide";
            close.style.cssText = "position:absolute;top:.75rem;right:1rem;font:inherit";
            close.addEventListener("click", hide);
            overlay.append(title, list, close);
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
