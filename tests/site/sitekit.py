"""Helpers for the site tests: build the site, serve it, read its pages as text.

Kept apart from ``conftest.py`` so the test modules can import them by name.
"""

from __future__ import annotations

import csv
import functools
import gzip
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]
OUTPUT = PROJECT / "test-output"
SCREENSHOTS = OUTPUT / "screenshots"
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
LINKCHECKER = PROJECT / ".venv" / "bin" / "linkchecker"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The site's own test switches: a build must not pick them up from the caller's shell.
SITE_VARIABLES = ("HART_POLICY_TODAY", "HART_POLICY_DIR", "HART_REPORTS_DIR")


# -- building --------------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    """One run of ``mkdocs build``: its exit status, everything it printed, and how long it took."""

    returncode: int
    output: str
    seconds: float


def build_site(project: Path, site_dir: Path, **variables: str) -> Build:
    """Build the site of ``project`` (its mkdocs.yml and docs/) into ``site_dir``, strictly."""
    env = {key: value for key, value in os.environ.items() if key not in SITE_VARIABLES}
    env.update(variables, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site_dir)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False)
    return Build(done.returncode, done.stdout + done.stderr, time.perf_counter() - started)


def pasteable(path: Path) -> str | None:
    """The file's text if a person could paste it: UTF-8 with no NUL byte."""
    raw = path.read_bytes()
    if b"\0" in raw:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def copy_project(target: Path) -> Path:
    """A copy of the site's sources (mkdocs.yml and docs/) in ``target``, to break without touching the real ones.

    ``checks/`` is linked, not copied: mkdocs.yml names the macros module and hooks by path; so is
    ``examples/``, whose settings mkdocs.yml names for the page "Check a draft".
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(PROJECT / "docs", target / "docs")
    for linked in ("checks", "examples"):
        (target / linked).symlink_to(PROJECT / linked, target_is_directory=True)
    return target


def page_paths(site_dir: Path) -> list[str]:
    """Every built HTML page as a URL path from the site's root: ``""``, ``"rules/all-caps/"``, ``"404.html"``."""
    paths = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def page_file(site_dir: Path, path: str) -> Path:
    return site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)


# -- serving ---------------------------------------------------------------------


class _Handler(SimpleHTTPRequestHandler):
    """Serves the built site quietly; the ``LinkChecker`` header lifts linkchecker's rate limit for this host."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "site-tests")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def make_server(directory: Path) -> ThreadingHTTPServer:
    """A threaded HTTP server for ``directory`` on 127.0.0.1, on a free port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(directory)))
    server.daemon_threads = True
    return server


# -- serving as GitHub Pages does --------------------------------------------------------

# The types GitHub Pages compresses, WebAssembly among them (Pyodide's runtime on "Check a draft"); images
# (PNG, the favicon) and zip archives (Pyodide's standard library, the checker) are compressed already.
COMPRESSED_TYPES = frozenset(
    {"text/html", "text/css", "text/javascript", "application/javascript", "application/json"}
    | {"application/xml", "text/xml", "image/svg+xml", "text/plain", "application/manifest+json"}
    | {"application/wasm"}
)
# GitHub Pages lets browsers and proxies keep every file for ten minutes.
CACHE_CONTROL = "max-age=600"


class _PagesHandler(_Handler):
    """Serves the built site the way GitHub Pages does: gzip for text types when the client accepts it,
    ``Cache-Control: max-age=600``, ``Vary: Accept-Encoding``, ``Last-Modified`` and an ``ETag``.
    """

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()  # 404, from the standard handler
        content_type = self.guess_type(str(path))
        body = path.read_bytes()
        mime = content_type.split(";", 1)[0].strip()
        accepts = {part.split(";", 1)[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        gzipped = mime in COMPRESSED_TYPES and "gzip" in accepts
        if gzipped:
            body = _gzip(path)
        stat = path.stat()
        etag = f'"{stat.st_mtime_ns:x}-{len(body):x}{"-gz" if gzipped else ""}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", CACHE_CONTROL)
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", CACHE_CONTROL)
        if mime in COMPRESSED_TYPES:
            self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=512)
def _gzip_cached(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


def _gzip(path: Path) -> bytes:
    return _gzip_cached(str(path), path.stat().st_mtime_ns)


def make_pages_server(directory: Path) -> ThreadingHTTPServer:
    """Like ``make_server``, but compressing and caching as GitHub Pages does (see ``_PagesHandler``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesHandler, directory=str(directory)))
    server.daemon_threads = True
    return server


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` from a thread of this process; yields the base URL, ending in ``/``."""
    server = make_server(directory)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# -- linkchecker ------------------------------------------------------------------

# Internal links only; e-mail addresses are not looked up (that would ask the network).
# The LinkChecker header our server sends lets linkchecker go faster than 10 requests a second.
# No [AnchorCheck]: it skips anchors on a page it has already fetched, so its findings depend on
# thread timing. tests/site/anchors.py checks anchors from the files instead.
LINKCHECKER_RC = """\
[checking]
threads=10
maxrequestspersecond=1000
[filtering]
checkextern=0
ignore=
  ^mailto:
"""


class LinkCheck:
    """linkchecker crawling a site in the background; ``rows()`` waits for it and reads its report.

    The site is served by a process of its own (``serve_site.py``), so that linkchecker
    and its server do not wait on this process while it drives the browser.
    """

    def __init__(self, site_dir: Path, home: Path) -> None:
        if not LINKCHECKER.exists():
            raise FileNotFoundError(f"linkchecker is not at {LINKCHECKER}: run `bash scripts/setup.sh`")
        server = [sys.executable, str(Path(__file__).with_name("serve_site.py")), str(site_dir)]
        self.server = subprocess.Popen(server, stdout=subprocess.PIPE, text=True)
        assert self.server.stdout is not None
        url = self.server.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            self.server.kill()
            raise RuntimeError(f"serve_site.py did not start: {url!r}")
        home.mkdir(parents=True, exist_ok=True)
        config = home / "linkcheckerrc"
        config.write_text(LINKCHECKER_RC, encoding="utf-8")
        env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home)}
        command = [str(LINKCHECKER), "--config", str(config), "--no-status", "--no-robots", "--verbose"]
        # Its report goes to files, not pipes: a full pipe would stop it until someone read it.
        self.report, self.log = home / "report.csv", home / "linkchecker.log"
        with self.report.open("w") as report, self.log.open("w") as log:
            self.process = subprocess.Popen([*command, "-o", "csv", url], stdout=report, stderr=log, env=env)
        self._rows: list[dict[str, str]] | None = None

    def rows(self) -> list[dict[str, str]]:
        """One row per URL checked, with linkchecker's columns (urlname, parentname, result, warningstring, valid)."""
        if self._rows is None:
            self.process.wait(timeout=600)
            self._stop_server()
            stdout = self.report.read_text(encoding="utf-8")
            # Its comment lines start "# "; a row may start with "#", for a link to an anchor on the same page.
            lines = [line for line in stdout.splitlines(keepends=True) if line.strip() and not line.startswith("# ")]
            if not lines:
                log = self.log.read_text(encoding="utf-8")
                raise RuntimeError(f"linkchecker printed nothing (exit {self.process.returncode}):\n{log}")
            self._rows = list(csv.DictReader(io.StringIO("".join(lines)), delimiter=";"))
        return self._rows

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._stop_server()

    def _stop_server(self) -> None:
        if self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=10)


# -- reading pages -----------------------------------------------------------------

BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "form", "h1", "h2"}
    | {"h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody"}
    | {"td", "tfoot", "th", "thead", "tr", "ul"}
)
SKIPPED_TAGS = frozenset({"script", "style", "template", "svg"})
BLOCK_BREAK = "\x1e"


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append(BLOCK_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append(BLOCK_BREAK)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    """A page's text content, one block (paragraph, list item, heading, cell) a line, white space collapsed.

    Blocks stay on their own lines so that no sentence can be matched across two of them.
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    blocks = (" ".join(block.split()) for block in "".join(parser.parts).split(BLOCK_BREAK))
    return "\n".join(block for block in blocks if block)


def seed_text_module() -> ModuleType:
    """``tests/policy/test_seed_text.py``, for its sentence splitting and page-break join of the seed."""
    path = PROJECT / "tests" / "policy" / "test_seed_text.py"
    spec = importlib.util.spec_from_file_location("seed_text_rules", path)
    assert spec and spec.loader, f"cannot load {path}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the browser -------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One way of looking at the site: a window size and a colour scheme."""

    name: str
    width: int
    height: int
    scheme: str  # "light" or "dark", as prefers-color-scheme


VARIANTS = (
    Variant("desktop-light", 1280, 800, "light"),
    Variant("desktop-dark", 1280, 800, "dark"),
    Variant("phone-light", 375, 812, "light"),
    Variant("phone-dark", 375, 812, "dark"),
)
VARIANT_NAMES = [variant.name for variant in VARIANTS]


@dataclass
class Crawl:
    """What loading every page in one variant found."""

    violations: dict[str, list[str]] = field(default_factory=dict)
    schemes: dict[str, tuple[str, str]] = field(default_factory=dict)  # page: (data-md-color-scheme, background)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def new_context(browser: Any, variant: Variant, **options: Any) -> Any:
    """A fresh browser context for a variant: its window size and prefers-color-scheme, axe-core on every page.

    ``options`` go to Playwright's ``new_context``: ``reduced_motion="reduce"``, say, as the crawl asks.
    """
    context = browser.new_context(
        viewport={"width": variant.width, "height": variant.height}, color_scheme=variant.scheme, **options
    )
    context.add_init_script(path=str(AXE))
    return context


# A page has settled when its fonts are loaded, no transition or animation that ends is running, and
# its layout (the page's height, the height and place of each sidebar) is the same two frames running.
# Until then what axe measures is a moment, not what a person sees: at the load event the theme has not
# yet sized its sidebars (it does so in the next animation frame), so on a short page the menu hangs
# over the dark footer, and its links measure #040404 on #212121. Frames, not seconds: at most 120.
SETTLE = """async () => {
  // A frame, or a tenth of a second if the browser draws none (a page in the background): never a hang.
  const frame = () => new Promise(resolve => { requestAnimationFrame(() => resolve()); setTimeout(resolve, 100); });
  const shape = () => JSON.stringify([document.documentElement.scrollHeight,
    ...[...document.querySelectorAll(".md-sidebar__scrollwrap")].map(element => {
      const box = element.getBoundingClientRect();
      return [box.top, box.height];
    })]);
  const moving = () => document.getAnimations().some(animation =>
    animation.playState === "running" && Number.isFinite(animation.effect.getComputedTiming().endTime));
  await document.fonts.ready;
  let last = null;
  let still = 0;
  for (let count = 0; count < 120 && still < 2; count++) {
    await frame();
    const now = shape();
    still = !moving() && now === last ? still + 1 : 0;
    last = now;
  }
  return still >= 2;
}"""
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map(v => v.id + " (" + v.impact + "): " + v.help + "\\n      " +
    v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary.replace(/\\s+/g, " ")).join("\\n      "));
}"""
PALETTE = (
    """() => [document.body.getAttribute("data-md-color-scheme"), getComputedStyle(document.body).backgroundColor]"""
)


def settle(page: Any) -> bool:
    """Wait until the page has settled (see ``SETTLE``); False if it was still moving after 120 frames."""
    return bool(page.evaluate(SETTLE))


def run_axe(page: Any) -> list[str]:
    """axe-core's WCAG violations on the page as a person sees it: once it has settled, never mid-change."""
    if not settle(page):
        return [f"{page.url}: the page was still moving after 120 frames, so axe did not run"]
    return page.evaluate(RUN_AXE, AXE_TAGS)


def axe_and_other_hosts(browser: Any, url: str, variant: Variant, screenshot: str) -> tuple[list[str], list[str]]:
    """A page alone (such as a command's HTML report): axe's violations and every request to another host.

    A screenshot of the whole page goes to ``SCREENSHOTS`` as ``<screenshot>-<variant>.png``.
    """
    context = new_context(browser, variant)
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url, wait_until="load")
        violations = run_axe(page)
        tall = page.evaluate("() => document.documentElement.scrollHeight")
        page.set_viewport_size({"width": variant.width, "height": tall})
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{screenshot}-{variant.name}.png"))
        origin = url.split("/", 3)[:3]
        return violations, [request for request in requests if request.split("/", 3)[:3] != origin]
    finally:
        context.close()


def body_backgrounds(browser: Any, url: str) -> dict[str, str]:
    """The page's background colour in the light and the dark scheme, as the browser computes it."""
    backgrounds = {}
    for variant in VARIANTS[:2]:
        context = new_context(browser, variant)
        try:
            page = context.new_page()
            page.goto(url)
            backgrounds[variant.scheme] = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        finally:
            context.close()
    return backgrounds


def crawl_variant(browser: Any, variant: Variant, site_url: str, paths: list[str]) -> Crawl:
    """``crawl_pages`` in a browser context of its own for the variant, shared with no other test, with
    reduced motion emulated (the theme then runs no transitions), closed when the crawl is done."""
    context = new_context(browser, variant, reduced_motion="reduce")
    try:
        return crawl_pages(context.new_page(), site_url, paths)
    finally:
        context.close()


def crawl_pages(page: Any, site_url: str, paths: list[str]) -> Crawl:
    """Load each page in turn, recording axe-core's violations (once it has settled), the colour scheme
    and every request."""
    result = Crawl()

    def failed(request: Any) -> None:
        # A request still under way when the next page is opened (the favicon, say) is aborted: not a failure.
        if request.failure != "net::ERR_ABORTED":
            result.failed.append(f"{request.url}: {request.failure}")

    def responded(response: Any) -> None:
        if response.status >= 400:
            result.failed.append(f"{response.url}: HTTP {response.status}")

    handlers = {
        "request": lambda request: result.requests.append(request.url),
        "requestfailed": failed,
        "response": responded,
        "pageerror": lambda error: result.errors.append(str(error)),
    }
    for event, handler in handlers.items():
        page.on(event, handler)
    try:
        for path in paths:
            response = page.goto(site_url + path, wait_until="load")
            if response is None or response.status != 200:
                result.failed.append(f"{path}: HTTP {response.status if response else 'no response'}")
            result.violations[path] = run_axe(page)
            result.schemes[path] = tuple(page.evaluate(PALETTE))
    finally:
        for event, handler in handlers.items():
            page.remove_listener(event, handler)
    return result
