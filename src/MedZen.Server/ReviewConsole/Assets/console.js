// MedZen review console: statement <-> transcript highlighting and j/k/e keys. No dependencies, no inline handlers
// (the page's CSP allows scripts from this origin only). Everything else works without this script.
(function () {
  "use strict";

  function statements() { return Array.prototype.slice.call(document.querySelectorAll("[data-testid=statement]")); }
  function segments() { return Array.prototype.slice.call(document.querySelectorAll("[data-testid=segment]")); }

  function clear() {
    segments().forEach(function (s) { s.removeAttribute("aria-current"); });
    statements().forEach(function (s) { s.classList.remove("selected", "supported-by-turn"); s.removeAttribute("data-selected"); });
  }

  function selectStatement(statement, focus) {
    clear();
    statement.classList.add("selected");
    statement.setAttribute("data-selected", "true");
    var ids = (statement.getAttribute("data-evidence") || "").split(/\s+/).filter(Boolean);
    var first = null;
    segments().forEach(function (segment) {
      if (ids.indexOf(segment.getAttribute("data-segment-id")) >= 0) {
        segment.setAttribute("aria-current", "true");
        if (!first) { first = segment; }
      }
    });
    if (first) { first.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
    if (focus) { statement.focus(); statement.scrollIntoView({ block: "nearest" }); }
  }

  function selectSegment(segment) {
    clear();
    segment.setAttribute("aria-current", "true");
    var id = segment.getAttribute("data-segment-id");
    var first = null;
    statements().forEach(function (statement) {
      var ids = (statement.getAttribute("data-evidence") || "").split(/\s+/);
      if (ids.indexOf(id) >= 0) {
        statement.classList.add("supported-by-turn");
        if (!first) { first = statement; }
      }
    });
    if (first) { first.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
  }

  function isControl(target) {
    return target.closest && target.closest("a, button, input, textarea, select, label, form");
  }

  document.addEventListener("click", function (event) {
    if (isControl(event.target)) { return; }
    var statement = event.target.closest && event.target.closest("[data-testid=statement]");
    if (statement) { selectStatement(statement, false); return; }
    var segment = event.target.closest && event.target.closest("[data-testid=segment]");
    if (segment) { selectSegment(segment); }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    var all = statements();
    if (all.length === 0) { return; }
    var current = document.querySelector("[data-testid=statement][data-selected=true]");
    var index = current ? all.indexOf(current) : -1;
    if (event.key === "Enter" && target && target.matches) {
      if (target.matches("[data-testid=statement]")) { selectStatement(target, false); event.preventDefault(); }
      else if (target.matches("[data-testid=segment]")) { selectSegment(target); event.preventDefault(); }
      return;
    }
    if (event.key === "j") {
      selectStatement(all[Math.min(all.length - 1, index + 1)], true);
      event.preventDefault();
    } else if (event.key === "k") {
      selectStatement(all[Math.max(0, index - 1)], true);
      event.preventDefault();
    } else if (event.key === "e" && current) {
      var edit = current.querySelector("[data-testid=edit]");
      if (edit) { edit.click(); event.preventDefault(); }
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var editor = document.querySelector("[data-testid=statement-editor] textarea");
    if (editor) { editor.focus(); editor.setSelectionRange(editor.value.length, editor.value.length); }
    var status = document.querySelector("select[data-testid=status-filter]");
    if (status && status.form) { status.addEventListener("change", function () { status.form.submit(); }); }
  });
})();
