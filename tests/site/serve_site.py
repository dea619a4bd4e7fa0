"""Serve a built site on 127.0.0.1 in a process of its own: ``python serve_site.py [--pages] SITE_DIR``.

Prints the base URL on its first line, then serves until it is terminated. The
responses carry the ``LinkChecker`` header, which lifts linkchecker's rate limit.
With ``--pages`` the site is served as GitHub Pages serves it: gzip for text types
when the client accepts it, and GitHub Pages' cache headers (``sitekit.make_pages_server``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from sitekit import make_pages_server, make_server


def main() -> None:
    args = sys.argv[1:]
    pages = "--pages" in args
    folder = [arg for arg in args if arg != "--pages"]
    server = (make_pages_server if pages else make_server)(Path(folder[0]))
    print(f"http://127.0.0.1:{server.server_port}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
