/* The guide's own behaviour: copy-link buttons, addresses written out for print, the handout's print
 * button, and a language switch that keeps the page and the #step being read. No inline scripts (the
 * pages' CSP forbids them): this file is loaded once, listens on the document, and re-runs `setup`
 * after each of Material's instant navigations (`document$`). */
(function () {
  "use strict";

  /** The absolute address of a link written relative to the current page. */
  function absolute(href) {
    return new URL(href, window.location.href).href;
  }

  /** Shows what needs JavaScript, hides its no-JavaScript fallback, writes addresses out in full. */
  function setup() {
    document.querySelectorAll("button[data-copy-href]").forEach(function (button) {
      button.hidden = false;
    });
    document.querySelectorAll(".step-link__anchor").forEach(function (anchor) {
      anchor.classList.add("step-link__anchor--js");
    });
    document.querySelectorAll("[data-absolute-href]").forEach(function (el) {
      el.textContent = absolute(el.getAttribute("data-absolute-href"));
    });
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
    });
  }

  // The handout's «Skriv ut» button opens the browser's print dialog.
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (target && target.closest("button[data-print]")) window.print();
  });

  /** Copies `text`; resolves to true if it was copied. */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return fallbackCopy(text); }
      );
    }
    return Promise.resolve(fallbackCopy(text));
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    area.remove();
    return ok;
  }

  /** The status element that belongs to a copy button (the element right after it). */
  function statusOf(button) {
    var next = button.nextElementSibling;
    return next && next.classList.contains("copy-link__status") ? next : null;
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var button = target && target.closest("button[data-copy-href]");
    if (!button) return;
    var url = absolute(button.getAttribute("data-copy-href"));
    copyText(url).then(function (ok) {
      var status = statusOf(button);
      if (!status) return;
      status.textContent = "";
      // A fresh text each time, so screen readers announce a second copy too.
      window.setTimeout(function () {
        status.textContent = button.getAttribute(ok ? "data-copied" : "data-copy-failed") +
          (ok ? "" : " " + url);
      }, 50);
    });
  });

  // --- Language switch ------------------------------------------------------------------------
  // Material's switch links point at each language's home page. Before a link is followed (or
  // copied, or opened in a new tab), point it at this page and step in the other language: the
  // paths are the same after the language's prefix.

  /** Each language's root address, from the switch links as first rendered (they are never replaced). */
  function languageRoots() {
    var roots = {};
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      if (!link.hasAttribute("data-root")) link.setAttribute("data-root", link.href);
      roots[link.getAttribute("hreflang")] = new URL(link.getAttribute("data-root"));
    });
    return roots;
  }

  // What may follow a language's root in an address of this site: plain path segments, none empty and
  // none a dot segment. Anything else (`//evil.example/login`, which a host serving 404.html for any
  // path lets into the address, would be read as another host) sends the switch to the language's root.
  var SITE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*(?:[A-Za-z0-9_-][A-Za-z0-9._-]*)?$/;

  /** The address of the current page and step in `lang` (on this site, under that language's root),
   * or null if it cannot be worked out. */
  function sameStepIn(lang, roots) {
    var here = roots[document.documentElement.lang];
    var there = roots[lang];
    if (!here || !there) return null;
    var path = window.location.pathname;
    if (path.indexOf(here.pathname) !== 0) return null;
    var rest = path.slice(here.pathname.length);
    if (!SITE_PATH.test(rest)) return null;
    var target = new URL(rest, there);
    if (target.origin !== window.location.origin || target.pathname.indexOf(there.pathname) !== 0) return null;
    target.hash = window.location.hash;
    return target.href;
  }

  function retarget(event) {
    var target = event.target instanceof Element ? event.target : null;
    var link = target && target.closest(".md-select__link[hreflang]");
    if (!link) return;
    var roots = languageRoots();
    var url = sameStepIn(link.getAttribute("hreflang"), roots);
    var root = roots[link.getAttribute("hreflang")];
    // The fallback is the language's root, and only on this site.
    link.href = url || (root && root.origin === window.location.origin ? root.href : "/");
    // Material's own handler (on the body) would send the click to the other language's home page
    // whenever that language's sitemap names another address than this host's; the link itself now
    // says where to go, so the browser follows it.
    if (event.type === "click") event.stopPropagation();
  }

  // Capture phase: runs before Material's own click handling and before the browser follows the link.
  ["click", "auxclick", "contextmenu", "focusin", "pointerover", "keydown"].forEach(function (type) {
    document.addEventListener(type, retarget, true);
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
