// Article page: hovering or selecting a highlight shows the coding of what it belongs to.
// The detail cards are server-rendered (escaped) HTML; this script only clones and toggles them,
// and never builds HTML from strings.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  var inspector = document.getElementById("inspector");
  if (!text || !inspector) return;
  var pinned = null;

  function keysOf(el) { return (el.getAttribute("data-keys") || "").split(" ").filter(Boolean); }

  function show(el) {
    var keys = keysOf(el);
    var cards = [];
    keys.forEach(function (key) {
      var card = document.getElementById("card-" + key);
      if (card) cards.push(card.cloneNode(true));
    });
    cards.forEach(function (c) { c.removeAttribute("id"); c.classList.add("inspected"); });
    if (cards.length) inspector.replaceChildren.apply(inspector, cards);
    var active = text.querySelectorAll(".hl.active");
    for (var i = 0; i < active.length; i++) active[i].classList.remove("active");
    var all = text.querySelectorAll(".hl");
    for (var j = 0; j < all.length; j++) {
      var k = keysOf(all[j]);
      if (k.some(function (x) { return keys.indexOf(x) >= 0; })) all[j].classList.add("active");
    }
  }

  function target(ev) {
    var el = ev.target;
    return el && el.closest ? el.closest(".hl") : null;
  }

  text.addEventListener("mouseover", function (ev) {
    var el = target(ev);
    if (el && !pinned) show(el);
  });
  text.addEventListener("click", function (ev) {
    var el = target(ev);
    if (!el) return;
    pinned = pinned === el ? null : el;
    show(el);
  });
  text.addEventListener("keydown", function (ev) {
    var el = target(ev);
    if (el && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); pinned = el; show(el); }
  });
})();
