"""Benchmark the staff page "Check a draft": policy-check in Pyodide, in this machine's headless Chromium.

    .venv/bin/python benchmarks/check_a_draft.py              # about a minute
    .venv/bin/python benchmarks/check_a_draft.py --runs 5     # more cold starts

Builds the site into a temporary folder, serves it as GitHub Pages serves it
(gzip for text types and WebAssembly, tests/site/sitekit.py), and for each run
opens the page in a fresh browser context (empty cache) and asks for a check
with nothing loaded before. It measures, inside the page, from the call of
``window.hartPolicy.check`` to its answer:

- the first check (the worker, Pyodide, the checker archive, the policy, then the post);
- every later check, from 2.5 s after the first (a person reading its findings, while the
  checker loads jsonschema in the background): each post of examples/content-repo and of
  ../shared/acceptance when it is there, with the settings of their own repo, and a post that
  breaks the schema;
- in a run of its own, a first check of a post that breaks the schema (jsonschema loaded then);

and counts the bytes downloaded for the first check (as sent: compressed) and
whether any request left the site. Prints the figures and PASS or FAIL for each
target; exit status 0 when none fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT / "tests" / "site"))

from sitekit import CHROMIUM, CHROMIUM_ARGS, build_site, make_pages_server, pasteable  # noqa: E402

PAGE = "staff/check-a-draft/"
TARGET_FIRST = 8.0  # seconds, from asking to the findings, with nothing loaded before
TARGET_LATER = 0.150  # seconds, each later check
TARGET_BYTES = 8_000_000  # downloaded for the first check, compressed as sent
SCHEMA_BREAK = "---\ntitle: 5\nchanels: [facebook]\npublish_at: 2027-06-01\ntype: news\n---\nBins go out on Monday.\n"
READING = 2.5  # seconds between the first check and the next, as a person reads the findings
TIMED = """async ([text, options]) => {
  const started = performance.now();
  const report = await window.hartPolicy.check(text, options);
  return {seconds: (performance.now() - started) / 1000, findings: report.findings.length};
}"""


def corpora() -> list[tuple[Path, dict[str, str]]]:
    """Each corpus's posts with the options that give them their own settings (and register)."""
    found = []
    for folder, register in ((PROJECT / "examples" / "content-repo", "consent/register.yaml"),
                             (PROJECT.parent / "shared" / "acceptance", None)):  # fmt: skip
        if not folder.is_dir():
            continue
        options = {"settings": (folder / ".policy-check.yaml").read_text(encoding="utf-8")}
        if register:
            options["register"] = (folder / register).read_text(encoding="utf-8")
        found += [(post, options) for post in sorted(folder.glob("posts/*.md")) if pasteable(post) is not None]
    return found


def one_run(browser: Any, url: str, posts: list[tuple[Path, dict[str, str]]], first: tuple[str, dict]) -> dict:
    """A cold start: the page opened afresh, ``first`` checked, a pause to read it, then every post."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(120_000)
    sizes: list[tuple[str, int]] = []
    page.on("requestfinished", lambda request: sizes.append((request.url, _sent(request))))
    page.goto(url + PAGE, wait_until="load")
    page.wait_for_load_state("networkidle")
    before = len(sizes)
    seconds = page.evaluate(TIMED, list(first))["seconds"]
    first_bytes = sum(size for _, size in sizes[before:])
    first_requests = len(sizes) - before
    page.wait_for_timeout(READING * 1000)
    texts = [(post.read_text(encoding="utf-8"), options) for post, options in posts] + [(SCHEMA_BREAK, {})]
    later = [page.evaluate(TIMED, [text, options])["seconds"] for text, options in texts]
    own = urlsplit(url).netloc
    elsewhere = sorted({u for u, _ in sizes if urlsplit(u).netloc != own and urlsplit(u).scheme in ("http", "https")})
    context.close()
    return {
        "first": seconds,
        "first_bytes": first_bytes,
        "first_requests": first_requests,
        "page_bytes": sum(size for _, size in sizes[:before]),
        "later": later,
        "elsewhere": elsewhere,
        "all_bytes": sum(size for _, size in sizes),
    }


def _sent(request: Any) -> int:
    sizes = request.sizes()
    return int(sizes["responseBodySize"] + sizes["responseHeadersSize"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts, each in a fresh browser context (3)")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    posts = corpora()
    with tempfile.TemporaryDirectory(prefix="check-a-draft-") as folder:
        site = Path(folder) / "site"
        started = time.perf_counter()
        built = build_site(PROJECT, site)
        if built.returncode != 0:
            sys.exit(f"mkdocs build failed:\n{built.output}")
        print(f"site built in {time.perf_counter() - started:.1f} s; {len(posts)} posts to check")
        server = make_pages_server(site)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}/"
        with sync_playwright() as playwright:
            runs = []
            for _ in range(options.runs):  # a browser of its own for each run: nothing compiled is kept
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                clean = (posts[0][0].read_text(encoding="utf-8"), posts[0][1])
                runs.append(one_run(browser, url, posts, clean))
                browser.close()
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            schema_first = one_run(browser, url, posts[:1], (SCHEMA_BREAK, {}))
            browser.close()
        server.shutdown()
    return report(runs, schema_first)


def report(runs: list[dict[str, Any]], schema_first: dict[str, Any]) -> int:
    firsts = sorted(run["first"] for run in runs)
    later = [seconds for run in runs for seconds in run["later"]]
    first_bytes = max(run["first_bytes"] for run in runs)
    print(f"first check (cold): median {statistics.median(firsts):.2f} s; runs {', '.join(f'{s:.2f}' for s in firsts)}")
    print(f"  downloaded for it: {first_bytes / 1e6:.2f} MB compressed, in {runs[0]['first_requests']} requests")
    print(f"  the page itself, before: {runs[0]['page_bytes'] / 1e3:.0f} kB")
    print(f"later checks: {len(later)}, median {_ms(statistics.median(later))}, max {_ms(max(later))}")
    print(f"  the last of them breaks the schema: median {_ms(statistics.median(run['later'][-1] for run in runs))}")
    print(f"a first check that breaks the schema (cold, loads jsonschema too): {schema_first['first']:.2f} s,"
          f" {schema_first['first_bytes'] / 1e6:.2f} MB")  # fmt: skip
    elsewhere = sorted({url for run in runs for url in run["elsewhere"]})
    targets = [
        (f"first check within {TARGET_FIRST:.0f} s (median of runs)", statistics.median(firsts) <= TARGET_FIRST),
        (f"each later check within {_ms(TARGET_LATER)}", max(later) <= TARGET_LATER),
        (f"at most {TARGET_BYTES / 1e6:.0f} MB downloaded for a check", first_bytes <= TARGET_BYTES),
        ("no request to another host", not elsewhere),
    ]
    for name, passed in targets:
        print(f"{'PASS' if passed else 'FAIL'}  {name}")
    if elsewhere:
        print("  other hosts: " + ", ".join(elsewhere))
    return 0 if all(passed for _, passed in targets) else 1


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    sys.exit(main())
