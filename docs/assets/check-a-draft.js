// The staff page "Check a draft": a thin shell over policy-check, which runs in a Web Worker
// (check-a-draft-worker.js, Pyodide) on the post file this page builds from its form or is given.
//
// Nothing typed here leaves the browser: the worker fetches only this site's own files, and
// starts when the person first writes in a form or asks for a check, never with the page.
// For scripts and tests: await window.hartPolicy.check(postText, {path, settings, register,
// registerName}) resolves to what `policy-check --format json` prints for that one file.

const data = JSON.parse(document.getElementById("draft-check-data").textContent);
const root = document.getElementById("draft-check");
const summary = document.getElementById("draft-summary");
const status = document.getElementById("draft-status");

// -- the worker ------------------------------------------------------------------------------

let worker = null;
const waiting = new Map();
let nextId = 1;

function startWorker() {
  if (worker) return;
  worker = new Worker(data.worker, { type: "module" });
  worker.onmessage = (event) => {
    const message = event.data;
    if (message.status) {
      say(message.status);
      return;
    }
    const promise = waiting.get(message.id);
    waiting.delete(message.id);
    if (!promise) return;
    if (message.error) promise.reject(new Error(message.error));
    else promise.resolve(message.report);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    stopWorker(`The checker could not start: ${event.message || "its files did not load"}`);
  };
  worker.postMessage({ type: "start", manifest: data.manifest });
}

function stopWorker(reason) {
  if (worker) worker.terminate();
  worker = null;
  for (const promise of waiting.values()) promise.reject(new Error(reason));
  waiting.clear();
}

function ask(request) {
  startWorker();
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ type: "check", id, ...request });
  });
}

// The settings a check uses: the site's (with its register), or a person's own, kept in memory only.
let own = { settings: null, register: null };

function settingsFor(options) {
  const request = {};
  if (options.settings === undefined) {
    request.settings = data.manifest.settings.text;
    request.settings_name = data.manifest.settings.name;
    if (data.manifest.register && options.register === undefined) request.register = data.manifest.register.text;
  } else {
    request.settings = options.settings;
    if (options.settingsName) request.settings_name = options.settingsName;
  }
  if (options.register !== undefined && options.register !== null) {
    request.register = options.register;
    if (options.registerName) request.register_name = options.registerName;
  }
  return request;
}

window.hartPolicy = {
  /** What `policy-check --format json` prints for postText checked as one file at options.path. */
  check(postText, options = {}) {
    if (typeof postText !== "string" && !(postText instanceof Uint8Array)) {
      return Promise.reject(new TypeError("hartPolicy.check: the post must be text (or a Uint8Array of its bytes)"));
    }
    return ask({ post: postText, path: options.path || "draft.md", ...settingsFor(options) });
  },
};

function checkWithPageSettings(postText) {
  const options = {};
  if (own.settings) {
    options.settings = own.settings.bytes;
    options.settingsName = own.settings.name;
  }
  if (own.register) {
    options.register = own.register.bytes;
    options.registerName = own.register.name;
  }
  return window.hartPolicy.check(postText, options);
}

// -- building the post file from the form ---------------------------------------------------------

const form = document.getElementById("draft-form");
const field = (id) => document.getElementById(id);
const fileView = document.getElementById("draft-file");
let built = { text: "", lines: [] }; // lines[n] is the id of the field that line n + 1 came from

// A YAML double-quoted string: JSON's escapes (a lone surrogate among them), and \u escapes for what
// YAML 1.1 reads as a line break or refuses outright (DEL, the C1 controls, U+2028, U+2029).
function quoted(text) {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

// A London date and time with its offset: the offset London had at that moment, from the browser's own
// time-zone data (a time the clocks skip is read as GMT).
function londonOffsetAt(utc) {
  const name = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "longOffset" })
    .formatToParts(new Date(utc))
    .find((part) => part.type === "timeZoneName").value;
  return name === "GMT" ? "+00:00" : name.slice(3);
}

function publishAt(date, time) {
  if (!date) return "";
  if (!time) return date; // the contract: a bare date goes out at 09:00 London time
  const [year, month, day] = date.split("-").map(Number);
  const [hours, minutes] = time.split(":").map(Number);
  const wall = Date.UTC(year, month - 1, day, hours, minutes);
  const offset = ["+01:00", "+00:00"].find((guess) => londonOffsetAt(wall - (guess === "+01:00" ? 3600e3 : 0)) === guess);
  return `${date}T${time.slice(0, 5)}:00${offset || "+00:00"}`;
}

function checkedChannels() {
  return [...form.querySelectorAll("[data-channel]")].filter((box) => box.checked).map((box) => box.value);
}

function mediaItems() {
  return [...document.querySelectorAll("#draft-media-items .draft-media-item")].map((item) => {
    const values = {};
    for (const control of item.querySelectorAll("[data-media]")) {
      values[control.dataset.media] = control.type === "checkbox" ? control.checked : control.value;
      values[`${control.dataset.media}:id`] = control.id;
    }
    return values;
  });
}

// The post file, and where each field's value starts in it: field line 1, column 1 is file line `line`,
// column `column` + 1 (a block of text is indented, a one-line value follows its key and a quote).
function buildPost() {
  const lines = [];
  const where = [];
  const starts = {};
  const emit = (line, id, column = null) => {
    lines.push(line);
    where.push(id);
    if (column !== null && !(id in starts)) starts[id] = { line: lines.length, column };
  };
  const value = (key, text, id, indent = "") => emit(`${indent}${key}: ${quoted(text)}`, id, indent.length + key.length + 3);
  const firstChannel = form.querySelector("[data-channel]").id;
  emit("---", "draft-title");
  value("title", field("draft-title").value, "draft-title");
  emit(`channels: [${checkedChannels().join(", ")}]`, firstChannel);
  const when = publishAt(field("draft-date").value, field("draft-time").value);
  emit(`publish_at: ${when || '""'}`, "draft-date");
  value("type", field("draft-type").value, "draft-type");
  const approver = field("draft-approved-by").value;
  if (approver.trim()) value("approved_by", approver, "draft-approved-by");
  const media = mediaItems();
  if (media.length) emit("media:", "draft-media-add");
  for (const item of media) {
    value("file", item.file, item["file:id"], "  - ");
    for (const key of ["kind", "alt", "people", "children", "consent", "credit", "permission", "captions"]) {
      if (item[key] === true) emit(`    ${key}: true`, item[`${key}:id`]);
      else if (typeof item[key] === "string" && item[key].trim()) value(key, item[key], item[`${key}:id`], "    ");
    }
  }
  const shared = field("draft-shared-from").value;
  if (shared.trim()) value("shared_from", shared, "draft-shared-from");
  const ownTexts = data.channels.filter((channel) => field(`draft-text-${channel.id}`).value.trim());
  if (ownTexts.length) emit("text:", `draft-text-${ownTexts[0].id}`);
  for (const channel of ownTexts) {
    const id = `draft-text-${channel.id}`;
    const text = field(id).value.replace(/\r\n?/g, "\n");
    if (!text.includes("\n")) {
      value(channel.id, text, id, "  ");
      continue;
    }
    emit(`  ${channel.id}: |2-`, id); // literal, indented 2 more than its key: a line's own spaces are kept
    text.split("\n").forEach((line) => emit(line ? `    ${line}` : "", id, 4));
  }
  emit("---", "draft-text");
  const body = field("draft-text").value.replace(/\r\n?/g, "\n").replace(/\n*$/, "");
  body.split("\n").forEach((line) => emit(line, "draft-text", 0));
  return { text: `${lines.join("\n")}\n`, lines: where, starts };
}

function showBuilt() {
  built = buildPost();
  fileView.textContent = built.text;
}

// -- media items -------------------------------------------------------------------------------

let mediaCount = 0;

function addMedia() {
  mediaCount += 1;
  const template = document.getElementById("draft-media-template");
  const item = template.content.firstElementChild.cloneNode(true);
  for (const group of item.querySelectorAll(".draft-field, .draft-choice")) {
    const control = group.querySelector("[data-media]");
    control.id = `draft-media-${mediaCount}-${control.dataset.media}`;
    group.querySelector("label").htmlFor = control.id;
    const hint = group.querySelector(".draft-hint");
    if (hint) {
      hint.id = `${control.id}-hint`;
      control.setAttribute("aria-describedby", hint.id);
    }
  }
  item.querySelector("[data-media-remove]").addEventListener("click", () => {
    item.remove();
    renumberMedia();
    field("draft-media-add").focus();
    showBuilt();
  });
  document.getElementById("draft-media-items").append(item);
  renumberMedia(); // the new item's legend and remove button, numbered as every item is
  item.querySelector("[data-media]").focus();
  showBuilt();
}

function renumberMedia() {
  document.querySelectorAll("#draft-media-items .draft-media-item").forEach((item, index) => {
    item.querySelector("legend").textContent = `Photo or video ${index + 1}`;
    item.querySelector("[data-media-remove]").textContent = `Remove photo or video ${index + 1}`;
  });
}

// -- the findings, as GOV.UK's error summary shows errors ---------------------------------------------

const GROUPS = [
  ["error", "Errors", (finding) => finding.severity === "error" && !finding.waived],
  ["warning", "Warnings", (finding) => finding.severity === "warning" && !finding.waived],
  ["waived", "Waived", (finding) => finding.waived],
];

function counted(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function element(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name === "className" || name === "textContent" || name === "innerHTML") node[name] = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function verdict(counts) {
  if (counts.error) return "There is a problem with this post";
  if (counts.warning) return `This post passes, with ${counted(counts.warning, "warning")}`;
  return "This post passes every rule";
}

function showFindings(report, source) {
  const counts = Object.fromEntries(GROUPS.map(([name, , test]) => [name, report.findings.filter(test).length]));
  summary.replaceChildren();
  summary.className = `draft-summary draft-summary--${counts.error ? "error" : "pass"}`;
  summary.setAttribute("aria-labelledby", "draft-summary-title");
  const parts = [counted(counts.error, "error"), counted(counts.warning, "warning")];
  if (counts.waived) parts.push(`${counts.waived} waived`);
  summary.append(
    element("h2", { id: "draft-summary-title", className: "draft-summary__title", textContent: verdict(counts) }),
    element("p", { textContent: `policy-check found ${parts.join(", ")} in ${source.description}.` }),
  );
  for (const [name, heading, test] of GROUPS) {
    const found = report.findings.filter(test);
    if (!found.length) continue;
    summary.append(element("h3", { textContent: `${heading} (${found.length})` }));
    summary.append(element("ul", { className: "draft-summary__list" }, ...found.map((item) => findingItem(item, name, source))));
  }
  summary.hidden = false;
  summary.dataset.checks = String(++checks);
  say(`Checked: ${parts.join(", ")}.`);
  summary.focus();
}

function findingItem(finding, group, source) {
  const rule = data.rules[finding.rule] || { url: "", fix: "" };
  const link = element("a", { href: `#${source.fieldAt(finding.line)}`, textContent: finding.message });
  link.addEventListener("click", (event) => {
    event.preventDefault();
    source.focusAt(finding.line, finding.column);
  });
  const severity = finding.waived ? `${finding.severity}, waived` : finding.severity;
  const about = element(
    "p",
    { className: "draft-finding__about" },
    `${severity[0].toUpperCase()}${severity.slice(1)}: `,
    element("a", { href: rule.url, textContent: finding.rule }),
    `, line ${finding.line}, column ${finding.column}`,
  );
  const fix = element("p", { className: "draft-finding__fix", innerHTML: `How to fix it: ${rule.fix}` });
  return element(
    "li",
    {
      className: `draft-finding draft-finding--${group}`,
      "data-rule": finding.rule,
      "data-severity": finding.severity,
      "data-line": String(finding.line),
      "data-column": String(finding.column),
      "data-waived": String(finding.waived),
    },
    link,
    about,
    fix,
  );
}

function showProblem(message) {
  summary.replaceChildren(
    element("h2", { id: "draft-summary-title", className: "draft-summary__title", textContent: "The post was not checked" }),
    element("p", { className: "draft-summary__problem", textContent: message }),
  );
  summary.className = "draft-summary draft-summary--error";
  summary.setAttribute("aria-labelledby", "draft-summary-title");
  summary.hidden = false;
  summary.dataset.checks = String(++checks);
  say("The post was not checked.");
  summary.focus();
}

function say(text) {
  status.textContent = text;
}

// -- where a finding points: a field of the form, or a line of the pasted file ----------------------

// A textarea's offset of a 1-based line and column (columns count characters, as Python does).
function offsetIn(text, line, column) {
  const lines = text.split("\n");
  let offset = 0;
  for (let index = 0; index < Math.min(line - 1, lines.length); index++) offset += lines[index].length + 1;
  const within = Array.from(lines[Math.min(line, lines.length) - 1] || "").slice(0, Math.max(column - 1, 0));
  return offset + within.join("").length;
}

function focusField(id, line, column) {
  const target = field(id);
  if (!target) return;
  target.focus();
  target.scrollIntoView({ block: "center" });
  if (target.tagName === "TEXTAREA" && line) {
    const at = offsetIn(target.value, line, column);
    target.setSelectionRange(at, at);
  }
}

function formSource(snapshot) {
  const fieldAt = (line) => snapshot.lines[Math.min(Math.max(line, 1), snapshot.lines.length) - 1] || "draft-title";
  return {
    description: "the post you wrote",
    fieldAt,
    focusAt(line, column) {
      const id = fieldAt(line);
      const start = snapshot.starts[id];
      if (start) focusField(id, Math.max(line - start.line + 1, 1), Math.max(column - start.column, 1));
      else focusField(id);
    },
  };
}

function pasteSource() {
  return {
    description: "the post file you pasted",
    fieldAt: () => "draft-paste",
    focusAt(line, column) {
      focusField("draft-paste", line, column);
    },
  };
}

// -- checking ------------------------------------------------------------------------------------

let busy = false;
let checks = 0; // shown on the summary as data-checks, so that a reader can tell a new result from the last

async function runCheck(text, source) {
  if (busy) return;
  busy = true;
  say(worker ? "Checking the post…" : "Getting the checker ready (about 7 MB, the first time only)…");
  try {
    showFindings(await checkWithPageSettings(text), source);
  } catch (error) {
    showProblem(error.message);
  } finally {
    busy = false;
  }
}

// -- settings of one's own -------------------------------------------------------------------

const settingsNow = document.getElementById("draft-settings-now");
const siteSettingsButton = document.getElementById("draft-site-settings");

async function chosen(input) {
  const file = input.files && input.files[0];
  return file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
}

function describeSettings() {
  if (!own.settings && !own.register) {
    settingsNow.innerHTML = settingsNow.dataset.siteText;
    siteSettingsButton.hidden = true;
    return;
  }
  const settings = own.settings ? `your settings file ${own.settings.name}` : "the site's settings";
  const register = own.register ? `, with your consent register ${own.register.name}` : "";
  settingsNow.textContent = `It checks with ${settings}${register}. They stay in this browser.`;
  siteSettingsButton.hidden = false;
}

// -- wiring --------------------------------------------------------------------------------------

root.hidden = false;
form.addEventListener("input", showBuilt);
form.addEventListener("change", showBuilt);
root.addEventListener("input", startWorker, { once: true }); // someone writing a draft will check it
form.addEventListener("submit", (event) => {
  event.preventDefault();
  showBuilt();
  runCheck(built.text, formSource(built));
});
document.getElementById("draft-paste-form").addEventListener("submit", (event) => {
  event.preventDefault();
  runCheck(field("draft-paste").value, pasteSource());
});
field("draft-media-add").addEventListener("click", addMedia);
field("draft-copy").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(built.text);
    say("The post file is copied.");
  } catch {
    say("The post file could not be copied: select it and copy it yourself.");
  }
});
for (const [id, key] of [
  ["draft-own-settings", "settings"],
  ["draft-own-register", "register"],
]) {
  field(id).addEventListener("change", async (event) => {
    own[key] = await chosen(event.target);
    describeSettings();
  });
}
siteSettingsButton.addEventListener("click", () => {
  own = { settings: null, register: null };
  field("draft-own-settings").value = "";
  field("draft-own-register").value = "";
  describeSettings();
  field("draft-own-settings").focus();
});
showBuilt();
