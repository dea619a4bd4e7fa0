// A few small things the theme does not do. No requests, no dependencies.
(function () {
  "use strict";

  // The review banner: the build shows the state that was true on its day; this
  // shows the state that is true today, so an old copy of the site still says
  // when the policy has become overdue for review.
  function isoToday() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function showReviewState() {
    var today = isoToday();
    document.querySelectorAll("[data-review-due]").forEach(function (banner) {
      var overdue = today > banner.getAttribute("data-review-due");
      banner.setAttribute("data-state", overdue ? "overdue" : "current");
      banner.querySelectorAll(".review-state__current").forEach(function (p) { p.hidden = overdue; });
      banner.querySelectorAll(".review-state__overdue").forEach(function (p) { p.hidden = !overdue; });
    });
  }

  // The skip link: move keyboard focus to the page's heading, not only the scroll position.
  function followSkipLink(event) {
    var link = event.target.closest && event.target.closest("a.md-skip");
    if (!link || !link.hash) return;
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  }

  function focusFirstVisible(container) {
    var candidates = container.querySelectorAll("a[href], button, [tabindex='0']");
    for (var i = 0; i < candidates.length; i++) {
      var box = candidates[i].getBoundingClientRect();
      if (box.left < 0 || box.right > window.innerWidth || !isVisible(candidates[i])) continue;
      candidates[i].focus();
      return;
    }
  }

  // The menu button on narrow screens: the theme draws it as a label, which the
  // keyboard cannot reach and which may not take a button's role (ARIA in HTML:
  // a label allows no role). Put a real button in its place, drawn the same; without
  // JavaScript the theme's label stays and still opens the menu. Opened from the
  // keyboard, the drawer takes the focus; Escape closes it and gives the focus back
  // to the button.
  function menuButton() {
    var drawer = document.getElementById("__drawer");
    var label = document.querySelector('.md-header label[for="__drawer"]');
    var sidebar = document.querySelector(".md-sidebar--primary");
    if (!drawer || !label || !sidebar) return;
    var button = buttonFor(label);
    button.setAttribute("data-drawer-button", "");
    var fromKeyboard = false;
    var sync = function () { button.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); };
    sidebar.id = "site-navigation";
    button.setAttribute("aria-label", "Menu");
    button.setAttribute("aria-controls", sidebar.id);
    sync();
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") fromKeyboard = true;
    });
    button.addEventListener("click", function () {
      drawer.checked = !drawer.checked;
      drawer.dispatchEvent(new Event("change"));
    });
    drawer.addEventListener("change", function () {
      sync();
      // The drawer slides in (0.25 s) and opens at the current page's section:
      // once it is in place, focus the first link that can be seen.
      if (drawer.checked && fromKeyboard) setTimeout(function () { focusFirstVisible(sidebar); }, 300);
      fromKeyboard = false;
    });
    var close = function () {
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
    };
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !drawer.checked) return;
      close();
      button.focus();
    });
    // Tabbing out of the open drawer closes it, so the focus never sits under it.
    sidebar.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (drawer.checked && next && !sidebar.contains(next) && next !== button) close();
    });
    drawerPanels(sidebar);
  }

  function isVisible(element) {
    var box = element.getBoundingClientRect();
    var hit = box.width && document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return !!hit && (element.contains(hit) || hit.contains(element));
  }

  // In the drawer each section opens as a panel over its parent. The theme draws what
  // opens a panel (a section's arrow, a nested section's heading, the current page's
  // entry, which opens its contents) and the panel's title, with a back arrow, that goes
  // back up, as labels of hidden checkboxes: a screen reader reads them as plain text,
  // and a label may take no role (ARIA in HTML). Put real buttons in their place, drawn
  // the same (site.css gives them the theme's rules for those labels): one that opens a
  // panel says whether it is open (aria-expanded) and which panel it opens
  // (aria-controls); a title says where it goes back to. Without JavaScript the theme's
  // labels stay and still work. When a panel opens or closes under the focus, move the
  // focus to its title, or back to what opened it.
  function drawerPanels(sidebar) {
    sidebar.querySelectorAll("label.md-nav__link[for], label.md-nav__title[for]").forEach(function (label) {
      var toggle = document.getElementById(label.htmlFor);
      var panel = toggle && toggle.parentElement.querySelector(":scope > .md-nav");
      if (!toggle || !panel || !toggle.classList.contains("md-nav__toggle")) return;
      if (!panel.id) panel.id = toggle.id + "_panel";
      var button = navButton(label);
      var shown = words(button);
      if (button.classList.contains("md-nav__title")) {
        button.setAttribute("aria-label", shown + ": back to the menu above");
        button.addEventListener("click", function () { setToggle(toggle, false); });
        return;
      }
      // Named by the words it shows, and the panel it opens when that is not the same.
      var title = panelTitle(panel);
      if (!shown) button.setAttribute("aria-label", "Pages in " + title);
      else if (shown !== title) button.setAttribute("aria-label", shown + ": " + lowerFirst(title));
      button.setAttribute("aria-controls", panel.id);
      var sync = function () { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
      sync();
      toggle.addEventListener("change", sync);
      button.addEventListener("click", function () { setToggle(toggle, !toggle.checked); });
      // The panel is named by its title; the state is the button's (a navigation region takes no aria-expanded).
      panel.removeAttribute("aria-labelledby");
      panel.removeAttribute("aria-expanded");
      if (!panel.hasAttribute("aria-label")) panel.setAttribute("aria-label", title);
    });
    sidebar.addEventListener("change", function (event) {
      var toggle = event.target;
      if (!toggle.classList.contains("md-nav__toggle") || !sidebar.contains(document.activeElement)) return;
      setTimeout(function () {
        if (isVisible(document.activeElement)) return;
        var item = toggle.parentElement;
        var panel = item.querySelector(":scope > .md-nav");
        var target = toggle.checked
          ? panel && panel.querySelector(":scope > .md-nav__title")
          : item.querySelector('[aria-controls="' + (panel && panel.id) + '"]');
        if (target && isVisible(target)) target.focus();
        else focusFirstVisible(toggle.checked && panel ? panel : item);
      }, 300);
    });
  }

  // A button in place of one of the theme's labels, with its classes and content.
  function buttonFor(label) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    while (label.firstChild) button.appendChild(label.firstChild);
    label.replaceWith(button);
    return button;
  }

  // A button in place of one of the nav's labels, saying which checkbox it works.
  function navButton(label) {
    var toggle = label.htmlFor;
    var button = buttonFor(label);
    button.setAttribute("data-nav-toggle", toggle);
    return button;
  }

  function setToggle(toggle, checked) {
    toggle.checked = checked;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function panelTitle(panel) {
    var title = panel.querySelector(":scope > .md-nav__title");
    return title ? words(title) : panel.getAttribute("aria-label") || "";
  }

  function lowerFirst(text) {
    return text.charAt(0).toLowerCase() + text.slice(1);
  }

  function words(element) {
    return element.textContent.replace(/\s+/g, " ").trim();
  }

  // The theme makes the search results' scrolling box a Tab stop, even while the
  // results are closed and cannot be seen. The results' own links stay reachable.
  function searchResultsBox() {
    document.querySelectorAll(".md-search__scrollwrap[tabindex='0']").forEach(function (box) {
      box.setAttribute("tabindex", "-1");
    });
  }

  // A table wider than the screen (a rule's parameters on a phone) scrolls sideways
  // in the theme's wrapper: make that wrapper a Tab stop, so the keyboard can scroll
  // it too, named after the table's heading. A table that fits needs no Tab stop.
  // The theme wraps its tables from its own script, which may run after this one:
  // look again once the page has loaded, and whenever the window changes size.
  function scrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var heading = precedingHeading(wrap);
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (heading ? heading.textContent.trim() + ": " : "") + "table, scrolls sideways");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  function precedingHeading(element) {
    for (var node = element.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return node;
    }
    return null;
  }

  document.addEventListener("click", followSkipLink);
  window.addEventListener("resize", scrollingTables);
  window.addEventListener("load", scrollingTables);
  function start() {
    showReviewState();
    menuButton();
    searchResultsBox();
    scrollingTables();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
