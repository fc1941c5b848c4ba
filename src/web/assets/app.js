// infoview serve: progressive enhancement over plain HTML forms
// (docs/serve.md). Without this file every action still works as a form
// POST. With it: forms are sent in place, the board's cards can be
// dragged between columns, and the page follows changes made elsewhere
// (server-sent events on /events) without a reload.
"use strict";

(function () {
  // Bumped by each swap: a refresh that started before a swap is stale.
  var generation = 0;
  // Forms being sent: the page they lead to is the fresh one.
  var sending = 0;

  // Replaces the content of <main> with that of the page `html`.
  function swap(html, url) {
    generation++;
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("main");
    var main = document.querySelector("main");
    if (!fresh || !main) return;
    var active = document.activeElement;
    var keep = null;
    if (active && main.contains(active)) {
      var holder = active.closest("[data-id]");
      keep = {
        id: holder ? holder.getAttribute("data-id") : null,
        name: active.getAttribute("name") || active.tagName,
        label: active.getAttribute("aria-label"),
      };
    }
    main.innerHTML = fresh.innerHTML;
    if (doc.title) document.title = doc.title;
    if (url) history.replaceState(null, "", url);
    if (keep) {
      var scope = keep.id
        ? main.querySelector('[data-id="' + CSS.escape(keep.id) + '"]')
        : main;
      if (scope) {
        var sel = keep.label
          ? '[aria-label="' + CSS.escape(keep.label) + '"]'
          : '[name="' + CSS.escape(keep.name) + '"]';
        var again = scope.querySelector(sel);
        if (again) again.focus();
      }
    }
    wire();
  }

  // Sends a form in place and shows the page it leads to.
  function send(form) {
    var body = new URLSearchParams(new FormData(form));
    var method = (form.getAttribute("method") || "get").toUpperCase();
    var url = form.getAttribute("action") || location.pathname;
    var opts = { method: method, credentials: "same-origin" };
    if (method === "POST") {
      opts.body = body;
    } else {
      url += "?" + body.toString();
    }
    sending++;
    return fetch(url, opts)
      .then(function (r) {
        return r.text().then(function (t) {
          sending--;
          swap(t, r.redirected ? r.url : null);
        });
      })
      .catch(function () {
        sending--;
        form.submit();
      });
  }

  // Is a notes editor holding words not yet saved?
  function dirty() {
    var areas = document.querySelectorAll("textarea");
    for (var i = 0; i < areas.length; i++) {
      if (areas[i].value !== areas[i].defaultValue) return true;
    }
    // A status chosen but not yet moved.
    var selects = document.querySelectorAll("main select");
    for (var j = 0; j < selects.length; j++) {
      var opts = selects[j].options;
      for (var k = 0; k < opts.length; k++) {
        if (opts[k].selected !== opts[k].defaultSelected) return true;
      }
    }
    return false;
  }

  function refresh() {
    // A page that holds something to read (a refused save showing both
    // versions) or words not yet saved is not replaced.
    if (dirty() || document.querySelector("[data-hold]")) {
      var said = document.getElementById("said");
      if (said && document.querySelector("textarea")) {
        said.textContent =
          "This file changed elsewhere. Your unsaved notes are kept here; saving will show both versions.";
      }
      return;
    }
    if (sending) return;
    var started = generation;
    fetch(location.href, { credentials: "same-origin" })
      .then(function (r) {
        return r.text();
      })
      .then(function (t) {
        if (generation === started && !sending) swap(t, null);
      })
      .catch(function () {});
  }

  function wire() {
    document.querySelectorAll("button.copy").forEach(function (b) {
      if (b.dataset.wired) return;
      b.dataset.wired = "1";
      b.hidden = false;
      b.addEventListener("click", function () {
        var area = b.parentElement.querySelector("textarea");
        if (!area || !navigator.clipboard) return;
        navigator.clipboard.writeText(area.value).then(function () {
          b.textContent = "Copied";
        });
      });
    });
    var forms = document.querySelectorAll("main form");
    forms.forEach(function (form) {
      if (form.dataset.wired) return;
      form.dataset.wired = "1";
      // A file upload (the import page) is sent as the browser sends it.
      if (form.enctype === "multipart/form-data") return;
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        send(form);
      });
    });
    document.querySelectorAll(".card[draggable]").forEach(function (card) {
      if (card.dataset.dragWired) return;
      card.dataset.dragWired = "1";
      card.addEventListener("dragstart", function (e) {
        e.dataTransfer.setData("text/plain", card.getAttribute("data-id"));
        e.dataTransfer.effectAllowed = "move";
      });
    });
    document.querySelectorAll("section.column").forEach(function (col) {
      if (col.dataset.dropWired) return;
      col.dataset.dropWired = "1";
      col.addEventListener("dragover", function (e) {
        e.preventDefault();
        col.classList.add("over");
      });
      col.addEventListener("dragleave", function () {
        col.classList.remove("over");
      });
      col.addEventListener("drop", function (e) {
        e.preventDefault();
        col.classList.remove("over");
        var id = e.dataTransfer.getData("text/plain");
        var status = col.getAttribute("data-status");
        if (!id || !status) return;
        var card = document.querySelector('.card[data-id="' + CSS.escape(id) + '"]');
        if (!card) return;
        var select = card.querySelector("select");
        if (!select || select.value === status) return;
        select.value = status;
        send(select.form);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    wire();
    if (window.EventSource) {
      var events = new EventSource("/events");
      events.addEventListener("changed", refresh);
    }
  });
})();
