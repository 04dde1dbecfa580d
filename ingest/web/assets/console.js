// The console's keyboard. Every page works without this file; it only adds keys:
// j/k next/previous, a approve, r reject, n note, u undo, o original, x select, / filter,
// ? the key list. Keys are ignored while typing in a field (Esc leaves it).
(function () {
  "use strict";
  const page = document.body.dataset.page;
  const keys = document.getElementById("keys");

  function typing(target) {
    return target instanceof HTMLElement &&
      (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
  }
  function submitWith(form, value) {
    if (!form) return;
    const button = form.querySelector('button[name="action"][value="' + value + '"]');
    if (form.requestSubmit) form.requestSubmit(button || undefined); else (button || form).click();
  }
  function openOriginal(href) {
    if (href) window.open(href, "_blank", "noopener,noreferrer");
  }
  function undoLast() {
    const own = document.querySelector("form.undo");
    if (own) own.requestSubmit ? own.requestSubmit() : own.submit();
  }
  function focusFilter() {
    const filter = document.querySelector("#filter select, #filter input:not([type=hidden])");
    if (filter) { filter.focus(); return; }
    const back = document.getElementById("to-queue");
    if (back) window.location.href = back.getAttribute("href") + "#filter";
  }

  // The queue: a current row that j/k move; Enter opens it, x selects it, a/r decide the
  // selected rows (or the current one when none is selected).
  const rows = Array.from(document.querySelectorAll("tr.row"));
  let current = -1;
  function setCurrent(index) {
    if (!rows.length) return;
    if (current >= 0) rows[current].classList.remove("current");
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows[current].classList.add("current");
    rows[current].scrollIntoView({ block: "nearest" });
    try { sessionStorage.setItem("ingest.row." + location.search, String(current)); } catch (e) { /* private mode */ }
  }
  if (rows.length) {
    let saved = 0;
    try { saved = parseInt(sessionStorage.getItem("ingest.row." + location.search) || "0", 10) || 0; } catch (e) { /* ignore */ }
    setCurrent(saved);
    if (location.hash === "#filter") focusFilter();
  }
  function decideRows(value) {
    const bulk = document.getElementById("bulk");
    if (!bulk || current < 0) return;
    const boxes = bulk.querySelectorAll('input[name="ids"]');
    if (!boxes.length) return;
    if (!Array.from(boxes).some((b) => b.checked)) {
      const box = rows[current].querySelector('input[name="ids"]');
      if (box) box.checked = true;
    }
    submitWith(bulk, value);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape") {
      if (typing(event.target)) event.target.blur();
      if (keys) keys.hidden = true;
      return;
    }
    if (typing(event.target)) return;
    const key = event.key;
    let handled = true;
    if (key === "?") {
      if (keys) keys.hidden = !keys.hidden;
    } else if (key === "/") {
      focusFilter();
    } else if (key === "u") {
      undoLast();
    } else if (page === "item") {
      const link = (id) => document.getElementById(id);
      if (key === "j" && link("next")) window.location.href = link("next").href;
      else if (key === "k" && link("prev")) window.location.href = link("prev").href;
      else if (key === "a") submitWith(document.getElementById("decide"), "approve");
      else if (key === "r") submitWith(document.getElementById("decide"), "reject");
      else if (key === "n") { const note = document.getElementById("note"); if (note) note.focus(); else handled = false; }
      else if (key === "o") { const o = document.getElementById("original"); openOriginal(o && o.href); }
      else handled = false;
    } else if (page === "queue" && rows.length) {
      if (key === "j") setCurrent(current + 1);
      else if (key === "k") setCurrent(current - 1);
      else if (key === "Enter") window.location.href = rows[current].querySelector("a.open").href;
      else if (key === "x") { const box = rows[current].querySelector('input[name="ids"]'); if (box) box.checked = !box.checked; }
      else if (key === "a") decideRows("approve");
      else if (key === "r") decideRows("reject");
      else if (key === "n") { const note = document.querySelector('#bulk input[name="note"]'); if (note) note.focus(); else handled = false; }
      else if (key === "o") { const o = rows[current].querySelector("a.original"); openOriginal(o && o.href); }
      else handled = false;
    } else {
      handled = false;
    }
    if (handled) event.preventDefault();
  });
})();
