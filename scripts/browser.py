"""Debian's chromium, headless, driven over the DevTools protocol (no Playwright, no downloaded browser).

Used by scripts/a11y-check and scripts/screenshots. Needs websocket-client (scripts/.deps, installed
by those scripts from scripts/requirements-browser.txt).
"""
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time

import websocket  # websocket-client

PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}  # inches, for Page.printToPDF


def find_chrome():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("browser: chromium is not installed")


class Browser:
    """One headless chromium and one page (tab) in it."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="permdocs-chrome-")
        self.proc = subprocess.Popen(
            [find_chrome(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--no-default-browser-check", "--allow-file-access-from-files",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and len(open(port_file).read().split()) >= 2:
                break
            if self.proc.poll() is not None:
                raise SystemExit("browser: chromium exited at start")
            time.sleep(0.1)
        else:
            self.close()
            raise SystemExit("browser: chromium did not open its DevTools port")
        port, path = open(port_file).read().split()[:2]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=120,
                                              suppress_origin=True)
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.page("Page.enable")
        self.page("Runtime.enable")

    def call(self, method, session=None, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def page(self, method, **params):
        return self.call(method, session=self.session, **params)

    def wait_event(self, name, timeout=60):
        end = time.time() + timeout
        while time.time() < end:
            for i, event in enumerate(self.events):
                if event["method"] == name:
                    del self.events[: i + 1]
                    return event
            self.ws.settimeout(max(0.1, end - time.time()))
            try:
                reply = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                break
            finally:
                self.ws.settimeout(120)
            if "method" in reply:
                self.events.append(reply)
        raise RuntimeError(f"browser: no {name} within {timeout}s")

    def emulate(self, width, height=900, dark=False, mobile=None, print_media=False):
        mobile = width < 700 if mobile is None else mobile
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=mobile)
        self.page("Emulation.setEmulatedMedia", media="print" if print_media else "",
                  features=[{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}])

    def open(self, url):
        self.events.clear()
        self.page("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired")
        self.eval("document.fonts.ready.then(() => true)")

    def eval(self, expression):
        result = self.page("Runtime.evaluate", expression=expression, awaitPromise=True,
                           returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"browser: {result['exceptionDetails']}")
        return result["result"].get("value")

    def overflow(self, width):
        """How many CSS px the document is wider than the viewport it was laid out for."""
        scroll = self.eval("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        return max(0, scroll - width)

    def screenshot(self, path, width, dark=False):
        height = self.eval("Math.ceil(document.documentElement.scrollHeight)")
        self.emulate(width, height=max(1, min(height, 16000)), dark=dark)
        data = self.page("Page.captureScreenshot", format="png", captureBeyondViewport=False)["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))

    def pdf(self, path, paper):
        """Prints with the page's own @page rules on the given paper (like Ctrl+P on that paper)."""
        w, h = PAPERS[paper]
        data = self.page("Page.printToPDF", paperWidth=w, paperHeight=h, printBackground=False,
                         preferCSSPageSize=False, displayHeaderFooter=False,
                         marginTop=0, marginBottom=0, marginLeft=0, marginRight=0)["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
