"""The staff page "Check a draft": its form, its paste box and what its script needs, as HTML.

The script (``docs/assets/check-a-draft.js``) builds the post file from the
form, runs policy-check on it in a Web Worker and shows the findings; this
module gives it the page's markup and, as JSON in the page, the channels and
post types from the policy, each rule's page and how to fix it, and where the
checker's files are (``checks.site.draftcheck``). Without JavaScript the form
stays hidden: no control has a name and no form an action, so nothing typed
can ever be sent.
"""

from __future__ import annotations

import json
import re

from checks.policy.model import Policy
from checks.site.draftcheck import DraftCheck
from checks.site.markup import SiteError, code_block, escape, site_root

WORKER = "assets/check-a-draft-worker.js"
SCRIPT = "assets/check-a-draft.js"
CODE_SPAN = re.compile(r"`([^`]+)`")
# A media item's fields: the contract's, in its order, with how the form asks for each.
MEDIA_FIELDS = (
    ("file", "text", "File", "Where it is in the content repo, such as images/garden-bin.jpg"),
    ("kind", "kind", "Kind", ""),
    ("alt", "textarea", "Alt text", "What the image shows, in a sentence"),
    ("people", "checkbox", "Identifiable people are shown", ""),
    ("children", "checkbox", "Children are shown", ""),
    ("consent", "text", "Consent reference", "The consent record's reference, when people are shown"),
    ("credit", "text", "Credit", "Who owns it"),
    ("permission", "text", "Permission reference", "The owner's permission, when someone else owns it"),
    ("captions", "text", "Captions file", "For a video, such as video/how-to.en.vtt"),
)


def draft_check(policy: Policy, page: str, check: DraftCheck) -> str:
    """The page's interactive part, the data its script reads, and the script."""
    root = site_root(page)
    parts = [
        '<div class="draft-check" id="draft-check" hidden>',
        '<div class="draft-summary" id="draft-summary" tabindex="-1" hidden></div>',
        '<p class="draft-status" id="draft-status" role="status"></p>',
        _settings(check),
        _form(policy),
        _paste(),
        "</div>",
        "<noscript><p>This check runs in your browser, and needs JavaScript to run. Without it, "
        "check a post with policy-check on your computer or in a pull request.</p></noscript>",
        '<script type="application/json" id="draft-check-data">' + _data(policy, root, check) + "</script>",
        f'<script type="module" src="{root}{SCRIPT}"></script>',
    ]
    return "\n\n" + "\n".join(parts) + "\n\n"


def _data(policy: Policy, root: str, check: DraftCheck) -> str:
    """What the script reads: written so that no "</" ends the script element early."""
    data = {
        "worker": root + WORKER,
        "manifest": check.manifest,
        "channels": [{"id": channel.id, "name": channel.name} for channel in policy.channels.values()],
        "types": _types(policy),
        "rules": {
            rule.id: {"url": f"{root}rules/{rule.id}/", "fix": inline_markdown(rule.how_to_fix)}
            for rule in policy.rules.values()
        },
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def inline_markdown(text: str) -> str:
    """A rule's sentence as HTML: escaped, with its `code` spans as code."""
    return CODE_SPAN.sub(r"<code>\1</code>", escape(" ".join(text.split())))


def _settings(check: DraftCheck) -> str:
    settings = check.settings
    register = (
        f", and the consent register they name, <code>{escape(settings.register)}</code>" if settings.register else ""
    )
    shown = f"<code>{escape(settings.name)}</code>"
    return "\n".join(
        [
            '<h2 id="settings">The settings it checks with</h2>',
            f'<p id="draft-settings-now" data-site-text="{escape(_site_sentence(shown, register))}">'
            f"{_site_sentence(shown, register)}</p>",
            f"<details><summary>The site's settings file</summary>{code_block(settings.text, 'yaml')}</details>",
            "<p>To check with your own content repo's settings, choose its <code>.policy-check.yaml</code>, and "
            "its consent register if the settings name one. They stay in this browser: nothing is sent anywhere.</p>",
            _field("draft-own-settings", "Your settings file", "A .policy-check.yaml file", _file(".yaml,.yml")),
            _field("draft-own-register", "Your consent register", "A YAML or CSV file", _file(".yaml,.yml,.csv")),
            '<p><button type="button" class="md-button" id="draft-site-settings" hidden>'
            "Use the site's settings again</button></p>",
        ]
    )


def _file(accept: str) -> str:
    return f'<input type="file" class="draft-input" accept="{accept}"{{attrs}}>'


def _site_sentence(shown: str, register: str) -> str:
    return f"It checks with the settings this site was built with, {shown}{register}."


def _form(policy: Policy) -> str:
    channels = "".join(
        _choice(f"draft-channel-{channel.id}", channel.name, f'value="{escape(channel.id)}" data-channel')
        for channel in policy.channels.values()
    )
    own_texts = "".join(
        _field(f"draft-text-{channel.id}", f"Text for {channel.name}", "Leave empty to use the text above", _TEXTAREA)
        for channel in policy.channels.values()
    )
    types = "".join(f'<option value="{escape(value)}">{escape(_words(value))}</option>' for value in _types(policy))
    return "\n".join(
        [
            '<h2 id="write">Write a post</h2>',
            "<p>Fill in the post as it will go out. The post file is built below as you type, "
            "ready to copy into a content repo.</p>",
            '<form id="draft-form" class="draft-form" novalidate>',
            _field("draft-title", "Title", "For us only: the public never sees it", _INPUT),
            _fieldset("draft-channels", "Channels", "Where the post goes out", channels),
            _field(
                "draft-type",
                "Type of post",
                "",
                f'<select class="draft-input"{{attrs}}><option value="">Choose a type</option>{types}</select>',
            ),
            _fieldset(
                "draft-when",
                "When it goes out",
                "",
                _field("draft-date", "Date", "", '<input type="date" class="draft-input"{attrs}>')
                + _field(
                    "draft-time",
                    "Time",
                    "London time. Leave it empty for 9am",
                    '<input type="time" class="draft-input"{attrs}>',
                ),
            ),
            _field("draft-approved-by", "Approved by", "Who in the communications team approved it", _INPUT),
            _field(
                "draft-shared-from",
                "Shared from",
                "Only for a post that shares another account's: that account, such as @HantsFRS",
                _INPUT,
            ),
            _field("draft-text", "Text", "Markdown: write a link as [its text](its address)", _TEXTAREA),
            f"<details><summary>A different text for one channel</summary>{own_texts}</details>",
            _fieldset(
                "draft-media",
                "Photos and videos",
                "",
                '<div id="draft-media-items"></div>'
                '<button type="button" class="md-button" id="draft-media-add">Add a photo or video</button>',
            ),
            _media_template(),
            '<p><button type="submit" class="md-button md-button--primary">Check this post</button></p>',
            "</form>",
            '<h3 id="draft-file-title">The post file</h3>',
            '<pre class="draft-file" tabindex="0" aria-labelledby="draft-file-title">'
            '<code id="draft-file"></code></pre>',
            '<p><button type="button" class="md-button" id="draft-copy">Copy the post file</button></p>',
        ]
    )


def _media_template() -> str:
    """One media item's fields, which the script copies and numbers (ids, labels) for each item added."""
    fields = []
    for key, kind, label, hint in MEDIA_FIELDS:
        if kind == "checkbox":
            fields.append(_choice("", label, f'data-media="{key}"'))
            continue
        control = {
            "kind": '<select class="draft-input"{attrs}><option value="">From the file name</option>'
            '<option value="image">Image</option><option value="video">Video</option></select>',
            "textarea": _TEXTAREA,
        }.get(kind, _INPUT)
        fields.append(_field("", label, hint, control.replace("{attrs}", f' data-media="{key}"{{attrs}}')))
    return (
        '<template id="draft-media-template"><fieldset class="draft-fieldset draft-media-item">'
        "<legend>Photo or video</legend>" + "".join(fields) + '<button type="button" class="md-button" '
        "data-media-remove>Remove this photo or video</button></fieldset></template>"
    )


def _paste() -> str:
    return "\n".join(
        [
            '<h2 id="paste">Or paste a whole post file</h2>',
            '<form id="draft-paste-form" class="draft-form" novalidate>',
            _field(
                "draft-paste",
                "Post file",
                "Front matter between two --- lines, then the post's text",
                '<textarea class="draft-input draft-code" rows="14" spellcheck="false" autocomplete="off"{attrs}>'
                "</textarea>",
            ),
            '<p><button type="submit" class="md-button md-button--primary">Check this post file</button></p>',
            "</form>",
        ]
    )


_INPUT = '<input type="text" class="draft-input" autocomplete="off"{attrs}>'
_TEXTAREA = '<textarea class="draft-input" rows="6" autocomplete="off"{attrs}></textarea>'


def _field(ident: str, label: str, hint: str, control: str) -> str:
    """A label, an optional hint and a control (``{attrs}`` marks where its id goes); a field of the
    media template has no id, and the script gives each copy its own."""
    hint_id = f"{ident}-hint" if ident and hint else ""
    attrs = (f' id="{ident}"' if ident else "") + (f' aria-describedby="{hint_id}"' if hint_id else "")
    label_html = f"<label{f' for={chr(34)}{ident}{chr(34)}' if ident else ''}>{escape(label)}</label>"
    hint_html = f'<p class="draft-hint"{f" id={chr(34)}{hint_id}{chr(34)}" if hint_id else ""}>{escape(hint)}</p>'
    return f'<div class="draft-field">{label_html}{hint_html if hint else ""}{control.replace("{attrs}", attrs)}</div>'


def _choice(ident: str, label: str, attributes: str) -> str:
    """A checkbox and its label."""
    attrs = f' id="{ident}"' if ident else ""
    label_for = f' for="{ident}"' if ident else ""
    return (
        f'<div class="draft-choice"><input type="checkbox"{attrs} {attributes}>'
        f"<label{label_for}>{escape(label)}</label></div>"
    )


def _fieldset(ident: str, legend: str, hint: str, content: str) -> str:
    hint_html = f'<p class="draft-hint">{escape(hint)}</p>' if hint else ""
    legend_html = f"<legend>{escape(legend)}</legend>"
    return f'<fieldset class="draft-fieldset" id="{ident}">{legend_html}{hint_html}{content}</fieldset>'


def _types(policy: Policy) -> list[str]:
    if not policy.post_types:
        raise SiteError("the post schema lists no post types for the form")
    return list(policy.post_types)


def _words(value: str) -> str:
    """A post type's id as words: service-update → Service update."""
    words = value.replace("-", " ")
    return words[:1].upper() + words[1:]
