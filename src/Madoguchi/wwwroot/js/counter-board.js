// Display board: re-reads the called numbers every 5 seconds, between the page's own meta
// refreshes (every 20 s, which is all a browser without JavaScript gets). Text only, never HTML.
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board) { return; }
  var source = board.getAttribute("data-source");
  var fill = function (template, value) { return template.replace("{0}", String(value)); };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function render(snapshot) {
    var sections = [];
    snapshot.services.forEach(function (s) {
      var section = el("section", "board-service");
      var title = el("h2", null, s.name);
      title.id = "board-" + s.code;
      section.setAttribute("aria-labelledby", title.id);
      section.appendChild(title);
      if (s.called.length === 0) {
        section.appendChild(el("p", "board-empty", board.getAttribute("data-empty")));
      } else {
        var list = el("ul", "board-numbers");
        s.called.forEach(function (c) {
          var item = el("li");
          item.appendChild(el("span", "board-number", String(c.number)));
          item.appendChild(document.createTextNode(" "));
          item.appendChild(el("span", "board-window", fill(board.getAttribute("data-window"), c.window || "—")));
          list.appendChild(item);
        });
        section.appendChild(list);
      }
      section.appendChild(el("p", "board-waiting", fill(board.getAttribute("data-waiting"), s.waiting)));
      sections.push(section);
    });
    board.replaceChildren.apply(board, sections);
  }

  function poll() {
    fetch(source, { headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (snapshot) { if (snapshot) { render(snapshot); } })
      .catch(function () { /* the next poll (or the meta refresh) tries again */ });
  }

  setInterval(poll, 5000);
})();
