// The checker of the staff page "Check a draft": policy-check's own linter in Pyodide, in a Web Worker,
// so that the page stays responsive while Python loads and runs.
//
// Every file comes from this site (the page gives the manifest the site build wrote): Pyodide's runtime,
// then the checker archive (the project's modules, the validated policy, PyYAML, Europe/London), and
// jsonschema's archive only when a check first needs it. Pyodide gets an empty package lock, so it knows
// of no package to fetch from anywhere else. What is checked never leaves this worker but as findings.

// The page's Python: the linter's check_draft with the policy the site build validated.
const SHELL = `
import json
from pathlib import Path

import checks
from checks.lint.draft import check_draft
from checks.policy import snapshot
from checks.policy.errors import DataError

_folder = Path(checks.__file__).parent / "_policy"
_policy = snapshot.loads((_folder / "policy.pickle").read_bytes(), _folder)


def _text_or_bytes(value):
    return value if value is None or isinstance(value, str) else bytes(value)  # a file's bytes come as a memoryview


def answer(request):
    """check_draft's report, a settings error in words, or the module to load first, as JSON."""
    given = {key: _text_or_bytes(value) for key, value in request.to_py().items()}
    post = given.pop("post")
    try:
        return json.dumps({"report": check_draft(_policy, post, **given)}, ensure_ascii=False)
    except DataError as error:
        return json.dumps({"error": str(error)}, ensure_ascii=False)
    except ModuleNotFoundError as error:
        return json.dumps({"missing": (error.name or "").split(".")[0]})
    except Exception as error:  # a bug of ours: said in a line, as policy-check says it, never a traceback
        where = given.get("path", "draft.md")
        return json.dumps({"error": f"internal error while checking {where}: {type(error).__name__}: {error}"})


def warm():
    """jsonschema's post validator, built while the person reads the findings: a later post with a schema
    error is then as quick to check as any other."""
    from checks.policy import schemas

    schemas.validator(_policy.schema_dir, "post")


answer, warm
`;

const WARM_AFTER = 1000; // milliseconds without a check

let manifest = null;
let sitePackages = null; // where the archives are unpacked: Python's own purelib folder
let ready = null;
let lazy = null;

async function start() {
  const base = new URL(manifest.pyodide, self.location.href).href;
  const { loadPyodide } = await import(`${base}pyodide.mjs`);
  const pyodide = await loadPyodide({ indexURL: base, lockFileContents: JSON.stringify(manifest.lock) });
  sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  await unpack(pyodide, manifest.checker);
  const [answer, warm] = pyodide.runPython(SHELL).toJs();
  return { pyodide, answer, warm };
}

// An archive of the site, checked against the hash the site build gave it, unpacked into site-packages.
async function unpack(pyodide, archive) {
  const response = await fetch(new URL(archive.url, self.location.href));
  if (!response.ok) throw new Error(`${archive.url} did not load (HTTP ${response.status})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (self.crypto && self.crypto.subtle) {
    const digest = new Uint8Array(await self.crypto.subtle.digest("SHA-256", bytes));
    const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
    if (hex !== archive.sha256) throw new Error(`${archive.url} is not the file this page was built with`);
  }
  pyodide.unpackArchive(bytes, "zip", { extractDir: sitePackages });
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
}

// After a check, once the worker has had no other for a moment, jsonschema is loaded and its validator built
// (once): a later post that breaks the schema is then as quick to check as any other.
let warmTimer = null;
let warmed = false;

function warmSoon(pyodide, warm) {
  if (warmed) return;
  warmTimer = setTimeout(async () => {
    try {
      await loadLazy(pyodide);
      warm();
      warmed = true;
    } catch {
      // a check that needs jsonschema loads it then
    }
  }, WARM_AFTER);
}

function loadLazy(pyodide) {
  lazy =
    lazy ||
    unpack(pyodide, manifest.lazy).catch((error) => {
      lazy = null;
      throw error;
    });
  return lazy;
}

async function check(request) {
  ready = ready || start();
  const { pyodide, answer, warm } = await ready;
  clearTimeout(warmTimer);
  for (let loaded = false; ; loaded = true) {
    const reply = JSON.parse(answer(request));
    if (!reply.missing) {
      warmSoon(pyodide, warm);
      return reply;
    }
    if (loaded || !manifest.lazy.modules.includes(reply.missing)) {
      return { error: `The checker has no module ${reply.missing}` };
    }
    await loadLazy(pyodide);
  }
}

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "start") {
    manifest = message.manifest;
    ready = ready || start();
    ready.catch(() => {});
    return;
  }
  const { id, type, ...request } = message;
  try {
    const reply = await check(request);
    self.postMessage({ id, ...reply });
  } catch (error) {
    ready = null; // the next check starts again
    self.postMessage({ id, error: `The checker could not run: ${error.message || error}` });
  }
};
