// Select a statement: highlight its row and its rendering in every text. Reads only the DOM
// (data-unit attributes); the page carries no data in script, so nothing here needs escaping.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.unit-row"));
  var docs = Array.prototype.slice.call(document.querySelectorAll(".doc"));
  var label = document.getElementById("selection-text");
  var clear = document.getElementById("clear");
  var idle = label ? label.innerHTML : "";
  var current = null;

  function byUnit(id) {
    return document.querySelectorAll('[data-unit="' + id.replace(/["\\]/g, "") + '"]');
  }

  function rowFor(id) {
    for (var i = 0; i < rows.length; i++) if (rows[i].getAttribute("data-unit") === id) return rows[i];
    return null;
  }

  function reset() {
    Array.prototype.forEach.call(document.querySelectorAll(".is-selected"), function (el) {
      el.classList.remove("is-selected");
    });
    rows.forEach(function (r) { r.setAttribute("aria-selected", "false"); });
    docs.forEach(function (d) { d.classList.remove("lacks"); });
  }

  function select(id, jump) {
    reset();
    current = id;
    if (!id) {
      if (label) label.innerHTML = idle;
      if (clear) clear.hidden = true;
      return;
    }
    Array.prototype.forEach.call(byUnit(id), function (el) { el.classList.add("is-selected"); });
    var row = rowFor(id);
    if (row) row.setAttribute("aria-selected", "true");
    docs.forEach(function (d) {
      var text = d.querySelector(".doc-text");
      var mark = text && text.querySelector('mark[data-unit="' + id.replace(/["\\]/g, "") + '"]');
      d.classList.toggle("lacks", !mark);
      // Scroll each column on its own so the statement sits near the top of every text.
      if (mark) text.scrollTop = Math.max(0, mark.offsetTop - 40);
    });
    if (label) {
      var statement = row ? row.querySelector(".statement") : null;
      var carried = row ? row.querySelectorAll(".cell.carried").length : 0;
      label.textContent = "";
      var strong = document.createElement("strong");
      strong.textContent = statement ? "“" + statement.textContent + "”" : id;
      label.appendChild(strong);
      label.appendChild(document.createTextNode(
        "  carried by " + carried + " of " + docs.length + " report" + (docs.length === 1 ? "" : "s")
      ));
    }
    if (clear) clear.hidden = false;
    if (jump) {
      var reading = document.getElementById("reading");
      if (reading) reading.scrollIntoView({ block: "start" });
    }
    if (history.replaceState) history.replaceState(null, "", "#" + id);
  }

  rows.forEach(function (row, i) {
    row.addEventListener("click", function () { select(row.getAttribute("data-unit"), true); });
    row.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        select(row.getAttribute("data-unit"), true);
      } else if (e.key === "ArrowDown" && rows[i + 1]) {
        e.preventDefault();
        rows[i + 1].focus();
      } else if (e.key === "ArrowUp" && rows[i - 1]) {
        e.preventDefault();
        rows[i - 1].focus();
      }
    });
  });

  // Clicking a statement inside a text selects it there too, without leaving the texts.
  Array.prototype.forEach.call(document.querySelectorAll("mark[data-unit]"), function (mark) {
    mark.addEventListener("click", function () {
      var id = mark.getAttribute("data-unit");
      select(current === id ? null : id, false);
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-goto]"), function (button) {
    button.addEventListener("click", function () { select(button.getAttribute("data-goto"), true); });
  });

  if (clear) clear.addEventListener("click", function () { select(null, false); });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && current) select(null, false);
  });

  // Printing shows everything, collapsed sections included.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });

  var initial = location.hash.slice(1);
  if (initial && rowFor(initial)) select(initial, false);
})();
