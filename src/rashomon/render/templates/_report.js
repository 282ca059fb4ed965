// The report's only script. It reads the DOM (data-* attributes) and writes class names and
// textContent; it never builds HTML from text, so article content cannot become markup here.
(function () {
  "use strict";
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var table = document.getElementById("matrix");
  var rows = table ? Array.prototype.slice.call(table.querySelectorAll("tr.unit-row")) : [];
  var docs = Array.prototype.slice.call(document.querySelectorAll(".doc"));
  var label = document.getElementById("selection-text");
  var idle = label ? label.textContent : "";
  var bar = document.getElementById("selection-bar");
  var prev = document.getElementById("prev");
  var next = document.getElementById("next");
  var back = document.getElementById("back");
  var clear = document.getElementById("clear");
  var current = null;

  var clean = function (id) { return String(id).replace(/["\\]/g, ""); };
  var byUnit = function (id) { return document.querySelectorAll('[data-unit="' + clean(id) + '"]'); };
  var rowFor = function (id) {
    for (var i = 0; i < rows.length; i++) if (rows[i].getAttribute("data-unit") === id) return rows[i];
    return null;
  };
  // The rows in the order the table shows them now (after sorting or regrouping).
  var shownRows = function () {
    return table ? Array.prototype.slice.call(table.querySelectorAll("tbody:not([hidden]) tr.unit-row")) : [];
  };

  function reset() {
    each(document.querySelectorAll(".is-selected"), function (el) { el.classList.remove("is-selected"); });
    rows.forEach(function (r) { r.setAttribute("aria-current", "false"); });
    docs.forEach(function (d) { d.classList.remove("lacks"); });
  }

  function updateSteps() {
    var order = shownRows();
    var at = current ? order.indexOf(rowFor(current)) : -1;
    if (prev) prev.disabled = at <= 0;
    if (next) next.disabled = order.length === 0 || at === order.length - 1;
  }

  // Select a statement: its row, and its rendering in every text, each column scrolled to it.
  function select(id, jump) {
    reset();
    current = id;
    updateSteps();
    if (!id) {
      if (label) { label.textContent = idle; label.className = "muted"; }
      if (clear) clear.hidden = true;
      if (back) back.hidden = true;
      if (history.replaceState) history.replaceState(null, "", location.pathname + location.search);
      return;
    }
    each(byUnit(id), function (el) { el.classList.add("is-selected"); });
    var row = rowFor(id);
    if (row) row.setAttribute("aria-current", "true");
    docs.forEach(function (d) {
      var text = d.querySelector(".doc-text");
      var mark = text && text.querySelector('mark[data-unit="' + clean(id) + '"]');
      d.classList.toggle("lacks", !mark);
      if (mark) text.scrollTop = Math.max(0, mark.offsetTop - 48);
    });
    if (label) {
      var statement = row ? row.querySelector(".statement-text") : null;
      var speaker = row ? row.querySelector(".row-speaker") : null;
      var carried = row ? row.querySelectorAll(".cell.carried").length : 0;
      label.textContent = "";
      label.className = "";
      if (speaker && speaker.textContent) label.appendChild(document.createTextNode(speaker.textContent + ": "));
      var strong = document.createElement("strong");
      strong.textContent = statement ? "“" + statement.textContent + "”" : id;
      label.appendChild(strong);
      var count = document.createElement("span");
      count.className = "muted";
      count.textContent = " carried by " + carried + " of " + docs.length + " report" + (docs.length === 1 ? "" : "s");
      label.appendChild(count);
    }
    if (clear) clear.hidden = false;
    if (back) back.hidden = !row;
    if (jump) {
      var reading = document.getElementById("reading");
      if (reading) reading.scrollIntoView({ block: "start" });
    }
    if (history.replaceState) history.replaceState(null, "", "#" + id);
  }

  function step(by) {
    var order = shownRows();
    if (!order.length) return;
    var at = current ? order.indexOf(rowFor(current)) : -1;
    var to = Math.min(order.length - 1, Math.max(0, at + by));
    select(order[to].getAttribute("data-unit"), false);
  }

  // -- the coverage table: selection, keyboard, sorting, grouping ------------------------------
  rows.forEach(function (row) {
    row.addEventListener("click", function () { select(row.getAttribute("data-unit"), true); });
    row.addEventListener("keydown", function (e) {
      var order = shownRows();
      var at = order.indexOf(row);
      var to = null;
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        select(row.getAttribute("data-unit"), true);
        if (bar) bar.focus({ preventScroll: true });
        return;
      }
      if (e.key === "ArrowDown") to = order[at + 1];
      else if (e.key === "ArrowUp") to = order[at - 1];
      else if (e.key === "Home") to = order[0];
      else if (e.key === "End") to = order[order.length - 1];
      else return;
      e.preventDefault();
      if (to) to.focus();
    });
  });

  var grouped = true;
  var sort = { key: "count", doc: null, dir: "desc" };
  var groupOf = new Map();
  rows.forEach(function (row) { groupOf.set(row, row.parentNode); });
  var flat = null;
  if (table) {
    flat = document.createElement("tbody");
    flat.className = "flat-body";
    flat.hidden = true;
    table.appendChild(flat);
  }

  function sortKey(row) {
    var index = Number(row.getAttribute("data-index"));
    var count = Number(row.getAttribute("data-count"));
    if (sort.key === "order") return [Number(row.getAttribute("data-order"))];
    if (sort.key === "count") return [sort.dir === "desc" ? -count : count, index];
    var cell = row.querySelector('td.cell[data-doc="' + clean(sort.doc) + '"]');
    var carried = cell && cell.classList.contains("carried");
    // Ascending: what the report carries, in its own order. Descending: what it left out
    // first, the statements most others carried at the top.
    if (sort.dir === "asc") return carried ? [0, Number(cell.getAttribute("data-start"))] : [1, index];
    return carried ? [1, Number(cell.getAttribute("data-start"))] : [0, -count, index];
  }

  function compare(a, b) {
    var ka = sortKey(a), kb = sortKey(b);
    for (var i = 0; i < Math.max(ka.length, kb.length); i++) {
      var d = (ka[i] || 0) - (kb[i] || 0);
      if (d) return d;
    }
    return 0;
  }

  function apply() {
    if (!table) return;
    table.classList.toggle("grouped", grouped);
    each(table.querySelectorAll("tbody.group-body"), function (body) {
      body.hidden = !grouped;
      if (grouped) {
        var own = rows.filter(function (r) { return groupOf.get(r) === body; });
        own.sort(compare).forEach(function (r) { body.appendChild(r); });
      }
    });
    flat.hidden = grouped;
    if (!grouped) rows.slice().sort(compare).forEach(function (r) { flat.appendChild(r); });
    each(table.querySelectorAll("thead th"), function (th) {
      var button = th.querySelector("button.sort");
      var on = button && button.getAttribute("data-sort") === sort.key &&
        (sort.key !== "doc" || button.getAttribute("data-doc") === sort.doc);
      th.setAttribute("aria-sort", on ? (sort.dir === "asc" ? "ascending" : "descending") : "none");
    });
    updateSteps();
  }

  if (table) {
    each(table.querySelectorAll("button.sort"), function (button) {
      button.addEventListener("click", function () {
        var key = button.getAttribute("data-sort");
        var doc = button.getAttribute("data-doc");
        var same = sort.key === key && sort.doc === doc;
        var first = key === "count" ? "desc" : "asc";
        sort = { key: key, doc: doc, dir: same ? (sort.dir === "asc" ? "desc" : "asc") : first };
        apply();
      });
    });
  }
  var toggle = document.getElementById("group-toggle");
  if (toggle) toggle.addEventListener("change", function () { grouped = toggle.checked; apply(); });

  // -- elsewhere: texts, buttons, keys ---------------------------------------------------------
  // Clicking a statement inside a text selects it there too, without leaving the texts.
  each(document.querySelectorAll("mark[data-unit]"), function (mark) {
    mark.addEventListener("click", function () {
      var id = mark.getAttribute("data-unit");
      select(current === id ? null : id, false);
    });
  });
  each(document.querySelectorAll("[data-goto]"), function (button) {
    button.addEventListener("click", function (e) {
      e.preventDefault();
      select(button.getAttribute("data-goto"), true);
    });
  });
  if (prev) prev.addEventListener("click", function () { step(-1); });
  if (next) next.addEventListener("click", function () { step(1); });
  if (clear) clear.addEventListener("click", function () { select(null, false); });
  if (back) back.addEventListener("click", function () {
    var row = current && rowFor(current);
    if (row) row.focus();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && current) select(null, false);
  });

  // Printing shows everything, collapsed sections included.
  window.addEventListener("beforeprint", function () {
    each(document.querySelectorAll("details"), function (d) { d.open = true; });
  });

  var initial = decodeURIComponent(location.hash.slice(1));
  updateSteps();
  if (initial && rowFor(initial)) select(initial, false);
})();
