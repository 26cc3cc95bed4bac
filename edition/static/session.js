/* What the review pages of `edition` share (the one-document page, review.js, and the corpus
 * page, corpus.js): the session key, the JSON API, the editor's name, and building elements
 * from text.
 *
 * The session key comes in the address's fragment (`#token=...`, printed by `edition review`),
 * which never reaches a server log; it is kept in localStorage so a reload keeps working, and
 * removed from the address bar. Every request carries it in a header, with no cookies.
 */
"use strict";

window.EditionSession = (() => {
  const $ = (id) => document.getElementById(id);

  /* An element with a class and a text (as textContent: a file's text is never markup). */
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function readToken() {
    const m = location.hash.match(/token=([A-Za-z0-9_-]+)/);
    if (m) {
      localStorage.setItem("edition-token", m[1]);
      history.replaceState(null, "", location.pathname + location.search);
      return m[1];
    }
    return localStorage.getItem("edition-token") || "";
  }

  const UNREACHABLE = "the review server cannot be reached (was it stopped?); restart `edition review` and reload this page";

  /* One request to the page's server: {status, data}; status 0 when the server cannot be
   * reached (data.error says so). */
  async function request(token, method, path, body) {
    let res;
    try {
      res = await fetch("/api/" + path, {
        method,
        headers: { "X-Edition-Token": token, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
        credentials: "omit",
      });
    } catch (err) {
      return { status: 0, data: { error: UNREACHABLE } };
    }
    let data;
    try {
      data = await res.json();
    } catch (err) {
      data = { error: "HTTP " + res.status };
    }
    return { status: res.status, data };
  }

  /* The editor's name, recorded with every decision. */
  function editorName() {
    return (localStorage.getItem("edition-editor") || "").trim();
  }

  /* The name dialog: `hint()` gives the name the server offers ($EDITION_EDITOR or git's). */
  function nameDialog(hint) {
    function show() {
      const n = editorName();
      $("editor-button").textContent = n ? n : "Set your name";
    }
    function ask() {
      const d = $("name-dialog");
      $("name-input").value = editorName() || hint() || "";
      if (!d.open) d.showModal();
      $("name-input").focus();
    }
    $("editor-button").addEventListener("click", ask);
    $("name-form").addEventListener("submit", () => {
      const n = $("name-input").value.trim();
      if (n) localStorage.setItem("edition-editor", n);
      show();
    });
    $("name-dialog").addEventListener("cancel", (ev) => { if (!editorName()) ev.preventDefault(); });
    return { ask, show };
  }

  return { el, readToken, request, editorName, nameDialog };
})();
