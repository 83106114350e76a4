// Live pages: an element with data-live refreshes every data-live milliseconds by fetching this
// page again and swapping in the same element from the answer (rendered and escaped by the
// server). The page's forms then post the newest view state, so an old view may expire.
(function () {
  var busy = false;
  function refresh() {
    if (busy) { return; }
    busy = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) {
        if (r.redirected || !r.ok) { throw new Error("not refreshed: " + r.status); }
        return r.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live]").forEach(function (el) {
          var fresh = doc.getElementById(el.id);
          if (fresh) { el.replaceWith(document.importNode(fresh, true)); }
        });
        var state = doc.querySelector("input[name='jakarta.faces.ViewState']");
        if (state) {
          document.querySelectorAll("input[name='jakarta.faces.ViewState']").forEach(function (i) {
            i.value = state.value;
          });
        }
        bind();
      })
      .catch(function () { /* the next tick tries again */ })
      .finally(function () { busy = false; });
  }

  // clickable timestamps: seek the episode's audio player when there is one
  function bind() {
    var audio = document.getElementById("player");
    document.querySelectorAll("a.ts").forEach(function (a) {
      if (a.dataset.bound) { return; }
      a.dataset.bound = "1";
      a.addEventListener("click", function () {
        if (audio) { audio.currentTime = Number(a.dataset.seconds); audio.play(); }
      });
    });
    document.querySelectorAll("[data-confirm]").forEach(function (b) {
      if (b.dataset.bound) { return; }
      b.dataset.bound = "1";
      b.addEventListener("click", function (e) {
        if (!window.confirm(b.dataset.confirm)) { e.preventDefault(); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    bind();
    var live = document.querySelector("[data-live]");
    if (live) {
      setInterval(refresh, Number(live.dataset.live) || 3000);
    }
  });
})();
