// Motcua chat widget. Embed on any page with:
//   <script src="https://CENTER/widget.js" data-lang="auto" async></script>
// Optional: data-lang="vi|en|th|auto", data-staff-phone="1900…", data-staff-url="https://…".
// The service's address is taken from this script's own src, so one tag is all a portal needs.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__motcuaWidget) return;
  window.__motcuaWidget = true;
  var base = new URL(".", script.src).href.replace(/\/$/, "");
  var options = {
    base: base,
    lang: script.getAttribute("data-lang") || "auto",
    staffPhone: script.getAttribute("data-staff-phone") || "",
    staffUrl: script.getAttribute("data-staff-url") || "",
  };
  function start() {
    import(base + "/static/js/widget-app.js")
      .then(function (module) { module.mount(options); })
      .catch(function (err) { console.error("Motcua widget could not load:", err); });
  }
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
