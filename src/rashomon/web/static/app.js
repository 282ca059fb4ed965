/* rashomon web app: the little the pages need. Writes only textContent and class names. */
(function () {
  "use strict";

  function formatSize(n) {
    if (n >= 1e6) return (n / 1e6).toFixed(1) + " MB";
    if (n >= 1e3) return (n / 1e3).toFixed(1) + " kB";
    return n + " bytes";
  }

  // The upload form: list the chosen files and say at once which ones will be refused.
  function watchUploads(form) {
    var input = form.querySelector('input[type="file"]');
    var list = document.getElementById("chosen");
    if (!input || !list) return;
    var maxFiles = parseInt(form.dataset.maxFiles, 10);
    var maxBytes = parseInt(form.dataset.maxBytes, 10);
    input.addEventListener("change", function () {
      list.textContent = "";
      Array.prototype.forEach.call(input.files, function (file, i) {
        var li = document.createElement("li");
        var note = formatSize(file.size);
        if (file.size > maxBytes) {
          li.className = "bad";
          note += ": over the " + formatSize(maxBytes) + " limit, will not be analysed";
        } else if (i >= maxFiles) {
          li.className = "bad";
          note += ": over the limit of " + maxFiles + " files, will not be analysed";
        }
        li.textContent = file.name + " (" + note + ")";
        list.appendChild(li);
      });
    });
  }

  // The job page: poll the status, show it, and open the story once it is stored.
  var STEPS = ["queued", "loading", "analysing", "saving", "done"];

  function fill(listId, boxId, items) {
    var list = document.getElementById(listId);
    var box = document.getElementById(boxId);
    if (!list || !box) return;
    list.textContent = "";
    items.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      list.appendChild(li);
    });
    box.hidden = items.length === 0;
  }

  function show(job, s) {
    job.dataset.state = s.state;
    var now = STEPS.indexOf(s.state);
    job.querySelectorAll("#steps li[data-step]").forEach(function (li) {
      var i = STEPS.indexOf(li.dataset.step);
      li.className = i < 0 ? li.className : i < now ? "done" : i === now ? "now" : "";
    });
    var plural = function (n, word) { return n + " " + word + (n === 1 ? "" : "s"); };
    document.getElementById("counts").textContent =
      s.inputs_read + " of " + plural(s.inputs, "input") + " read · " +
      plural(s.articles, "article") + " · " + s.elapsed_seconds + " s" +
      (s.state === "analysing" ? " · finding quotes and aligning statements" : "");
    var bar = document.getElementById("bar");
    var share = s.state === "done" ? 1 : s.state === "queued" ? 0.02 :
      s.state === "loading" ? 0.05 + 0.25 * (s.inputs ? s.inputs_read / s.inputs : 0) :
      s.state === "analysing" ? 0.4 : s.state === "saving" ? 0.9 : 1;
    if (bar) bar.style.width = Math.round(share * 100) + "%";
    fill("errors", "problems", s.errors);
    fill("warnings", "warnings-box", s.warnings);
    var message = document.getElementById("message");
    if (s.state === "failed") {
      job.classList.remove("working");
      document.getElementById("job-h").textContent = "The analysis failed";
      message.textContent = s.message;
      message.className = "alert";
      message.hidden = false;
      document.getElementById("again").hidden = false;
      var steps = document.getElementById("steps");
      if (!steps.querySelector('[data-step="failed"]')) {
        var li = document.createElement("li");
        li.dataset.step = "failed";
        li.className = "failed";
        li.textContent = "Failed";
        steps.appendChild(li);
      }
    }
  }

  function poll(job) {
    var url = job.dataset.status;
    var tick = function () {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) throw new Error("status " + r.status);
          return r.json();
        })
        .then(function (s) {
          show(job, s);
          if (s.state === "done" && s.story_url) {
            window.location.assign(s.story_url);
          } else if (s.state !== "failed") {
            setTimeout(tick, 1000);
          }
        })
        .catch(function () { setTimeout(tick, 3000); });
    };
    tick();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("new-story");
    if (form) watchUploads(form);
    var job = document.getElementById("job");
    if (job && job.dataset.state !== "failed" && job.dataset.state !== "done") poll(job);
  });
})();
