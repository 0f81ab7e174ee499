// Two things Material for MkDocs leaves out. A link to an anchor inside a content tab that is not
// selected (a footnote's ↩ back to its reference in another outlet's tab, or an address with such a
// #hash) selects that tab first, so that the browser can scroll to the anchor. And on paper each
// page prints its permanent address and the address of every article it cites (theme.css).
(function () {
  "use strict";

  function targetOf(hash) {
    if (!hash || hash.length < 2) return null;
    try {
      return document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch (error) {
      return null; // a malformed %-escape names no element
    }
  }

  // Selects every tab that hides the element, outermost first; true if any was not selected.
  function openTabsAround(element) {
    var inputs = [];
    for (var block = element.closest(".tabbed-block"); block; block = block.parentNode.closest(".tabbed-block")) {
      var set = block.closest(".tabbed-set");
      var index = Array.prototype.indexOf.call(block.parentNode.children, block);
      var input = set.querySelectorAll(":scope > input")[index];
      if (input && !input.checked) inputs.unshift(input);
    }
    inputs.forEach(function (input) {
      input.click(); // as if the reader chose the tab: Material moves its indicator on the change
    });
    return inputs.length > 0;
  }

  function revealHashTarget() {
    var target = targetOf(location.hash);
    if (target && openTabsAround(target)) target.scrollIntoView();
  }

  function permanentAddress() {
    // The canonical link exists whenever site_url is set; the share bar's "Copy link" carries the same
    // address (written by the generator) on every fact page.
    var canonical = document.querySelector('link[rel="canonical"]');
    if (canonical) return canonical.href;
    var share = document.querySelector(".share-copy[data-url]");
    return share ? share.getAttribute("data-url") : location.href.replace(/#.*$/, "");
  }

  function addPrintAddress() {
    var article = document.querySelector("article.md-content__inner");
    if (!article || article.querySelector(".kfd-print-address")) return;
    var line = document.createElement("p");
    line.className = "kfd-print-address";
    line.textContent = "Permanent address: " + permanentAddress();
    article.insertBefore(line, article.firstChild);
  }

  // Links to other sites in the footnotes and citations, whose addresses print after them (theme.css).
  function markExternalLinks() {
    var links = document.querySelectorAll(".md-typeset .footnote a[href], .md-typeset .cite a[href]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      if (/^https?:$/.test(link.protocol) && link.host !== location.host) link.classList.add("kfd-external");
    }
  }

  // A click on a link to this page's anchor: open the tabs first; the browser then scrolls as usual.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href*='#']") : null;
    if (!link) return;
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname) return;
    var target = targetOf(url.hash);
    if (target) openTabsAround(target);
  }, true);
  window.addEventListener("hashchange", revealHashTarget);

  function onPage() {
    addPrintAddress();
    markExternalLinks();
    revealHashTarget();
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage); // each page, including those swapped in by instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
