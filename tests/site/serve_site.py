"""Serve a built site on 127.0.0.1 in a process of its own: ``python serve_site.py SITE_DIR``.

Prints the base URL on its first line, then serves until it is terminated. The
responses carry the ``LinkChecker`` header, which lifts linkchecker's rate limit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sitekit import make_server


def main() -> None:
    server = make_server(Path(sys.argv[1]))
    print(f"http://127.0.0.1:{server.server_port}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
