// Adds the reader's local time next to each UTC time, and keeps "… so far" durations of open
// incidents counting from their start. Pages read fine without it: times stay in UTC and durations
// show what they were when the site was built.
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

  // The same words as the build's format_duration (afterword/timestamps.py).
  function plural(n, unit) { return n + " " + unit + (n === 1 ? "" : "s"); }
  function duration(minutes) {
    if (minutes < 1) return "less than a minute";
    var days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60), mins = minutes % 60;
    var parts = [];
    if (days) parts.push(plural(days, "day"));
    if (hours) parts.push(plural(hours, "hour"));
    if (mins && !days) parts.push(plural(mins, "minute"));
    return parts.join(" ");
  }
  function tick(root) {
    root.querySelectorAll("time.aw-since[datetime]").forEach(function (el) {
      var since = new Date(el.getAttribute("datetime"));
      if (isNaN(since.getTime())) return;
      var minutes = Math.floor((Date.now() - since.getTime()) / 60000);
      if (minutes >= 0) el.textContent = duration(minutes) + " so far";
    });
  }

  function run() { localise(document); tick(document); }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(run);
  } else {
    document.addEventListener("DOMContentLoaded", run);
  }
  setInterval(function () { tick(document); }, 60000);
})();
