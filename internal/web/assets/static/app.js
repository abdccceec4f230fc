// tally's only script, and an optional one: every page works without it.
// It adds keyboard shortcuts: "/" jumps to the search box, Escape leaves it.
(function () {
  "use strict";
  function typing(el) {
    if (!el) return false;
    var t = el.tagName;
    return t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || el.isContentEditable;
  }
  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    var q = document.getElementById("q");
    if (e.key === "/" && q && !typing(e.target)) {
      e.preventDefault();
      q.focus();
      q.select();
    } else if (e.key === "Escape" && e.target === q) {
      q.blur();
    }
  });
})();
