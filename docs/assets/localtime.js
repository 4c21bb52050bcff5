// Adds the reader's local time next to each UTC time. Pages read fine without it: times stay in UTC.
(function () {
  function localise(root) {
    root.querySelectorAll("time.aw-time[datetime]:not([data-local])").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when.getTime())) return;
      var local = when.toLocaleString(undefined, {
        year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
      });
      el.setAttribute("data-local", local);
      el.setAttribute("title", "Your time: " + local);
      var span = document.createElement("span");
      span.className = "aw-time__local";
      span.textContent = " (" + local + ")";
      el.after(span);
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { localise(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { localise(document); });
  }
})();
