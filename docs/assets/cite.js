// Writes today's date into each citation's access date: every element with a data-access-date
// template ("Accessed {day} {mla_month} {year}.") gets it filled the way generator/citation.py fills it.
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // The reader's own calendar day: getFullYear/getMonth/getDate are local time.
  function fillAccessDate(template, date) {
    var values = {
      year: String(date.getFullYear()),
      month: MONTHS[date.getMonth()],
      mla_month: MLA_MONTHS[date.getMonth()],
      day: String(date.getDate()),
      iso: date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate())
    };
    return template.replace(/\{(year|month|mla_month|day|iso)\}/g, function (_, name) {
      return values[name];
    });
  }

  function fillAccessDates(root, date) {
    var elements = root.querySelectorAll("[data-access-date]");
    for (var i = 0; i < elements.length; i++) {
      elements[i].textContent = fillAccessDate(elements[i].getAttribute("data-access-date"), date);
    }
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { MONTHS: MONTHS, MLA_MONTHS: MLA_MONTHS, fillAccessDate: fillAccessDate,
      fillAccessDates: fillAccessDates };
  } else if (typeof document$ !== "undefined") {
    // Material's instant navigation swaps pages without reloading: fill each new page.
    document$.subscribe(function () { fillAccessDates(document, new Date()); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { fillAccessDates(document, new Date()); });
  }
})();

// The copy button under each citation: the text as shown (with the access date filled in), and the same
// citation as HTML so that a word processor keeps its italics.
(function () {
  "use strict";
  if (typeof document === "undefined") return;

  function copy(button) {
    var text = button.parentNode.querySelector(".cite-text");
    var plain = text.innerText;
    var done = function () {
      button.setAttribute("data-copied", "");
      button.textContent = "Copied";
    };
    if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
      var item = new ClipboardItem({
        "text/plain": new Blob([plain], { type: "text/plain" }),
        "text/html": new Blob([text.innerHTML], { type: "text/html" })
      });
      navigator.clipboard.write([item]).then(done, function () {
        navigator.clipboard.writeText(plain).then(done);
      });
    } else if (navigator.clipboard) {
      navigator.clipboard.writeText(plain).then(done);
    }
  }

  function copyLink(button) {
    navigator.clipboard.writeText(button.getAttribute("data-url")).then(function () {
      button.setAttribute("data-copied", "");
      button.textContent = "Link copied";
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) return;
    var button = target.closest(".cite-copy");
    if (button) copy(button);
    var share = target.closest(".share-copy");
    if (share) copyLink(share);
  });
})();
