/* The review page of `edition`: decide proposals fast, keyboard first.
 *
 * Truth lives in the corrections file. The page keeps two copies of the entries:
 *   server  - as the server last confirmed them (each with its revision `rev`), and
 *   shown   - server + the decisions still on their way (shown at once, "Saving…").
 * Requests go one at a time, in order; each names the revisions it expects, so the server
 * refuses (409) when another tab, a command or a git pull changed an entry meanwhile. Then the
 * page reloads the file, drops the decisions not yet sent, and tells the editor.
 *
 * Every text from the source or the corrections file goes into the page with textContent,
 * never as markup.
 */
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const { el, readToken, editorName } = EditionSession;
  let names; // the editor's name dialog (EditionSession.nameDialog), made by wire()

  // How often the page asks whether the file changed on disk (another tab, a CLI command, a
  // git pull) while it is idle: 5 s notices such a change before an editor usually acts again,
  // and costs one small request.
  const POLL_MS = 5000;
  // Characters of context shown on each side of the current proposal.
  const CONTEXT = 80;

  const S = {
    token: "",
    version: "",
    sourceSha: "",
    text: "",
    kinds: [],
    server: new Map(), // id -> entry as last confirmed by the server
    shown: new Map(), // id -> entry as shown (server + pending decisions)
    order: [], // ids sorted by position
    queue: [], // ids in the queue, filtered and sorted
    current: null,
    editing: null, // the id whose reading is being typed: the page stays on it until Enter or Esc
    pick: 0, // index of the chosen reading of the current entry
    undo: [],
    gen: 0, // bumped when the page reloads after a failure: queued decisions are dropped
    inflight: 0,
    failed: false,
    lastSaved: null,
    marks: new Map(),
    rows: new Map(), // id -> its row, for the rows drawn
    virtual: false, // a long queue: only the rows in view are drawn
    previewSeq: 0,
    pendingIds: new Map(), // id -> number of queued requests touching it
    editorHint: "", // a name the server offers ($EDITION_EDITOR or git's user.name)
    pageImages: 0, // pages of an OCR source with an image: the detail shows the scan
    crops: new Map(), // "id start end" -> the server's crops (an entry's words stay where they are)
    cropSeq: 0,
  };

  // ------------------------------------------------------------------ helpers

  function nowIso() {
    return new Date().toISOString().replace(/\.\d+Z$/, "Z");
  }

  function fmtConf(c) {
    return (Math.round(c * 100) / 100).toFixed(2);
  }

  function quote(s) {
    return "“" + s + "”";
  }

  function shownReading(s) {
    return s === "" ? "∅" : s;
  }

  function isPending(e) {
    return e.status === "proposed" && !e.stale;
  }

  // ------------------------------------------------------------------ session and API

  const api = (method, path, body) => EditionSession.request(S.token, method, path, body);

  // ------------------------------------------------------------------ state

  function setEntries(list) {
    S.server = new Map();
    S.shown = new Map();
    for (const e of list) {
      S.server.set(e.id, e);
      S.shown.set(e.id, e);
    }
    S.order = list.map((e) => e.id).sort((a, b) => S.shown.get(a).start - S.shown.get(b).start || S.shown.get(a).end - S.shown.get(b).end);
  }

  function applyState(state) {
    const textChanged = state.source.sha256 !== S.sourceSha;
    S.version = state.version;
    S.sourceSha = state.source.sha256;
    S.text = state.source.text;
    S.kinds = state.kinds;
    if (state.editor_hint) S.editorHint = state.editor_hint;
    S.pageImages = state.page_images || 0;
    $("key-zoom").hidden = !S.pageImages;
    S.pendingIds = new Map();
    setEntries(state.corrections);
    $("source-name").textContent = state.source.path;
    $("source-name").title = "Corrections: " + state.corrections_path + "\nProject lexicon: " + state.lexicon_path;
    document.title = state.source.name + " · review · edition";
    fillKindOptions();
    const warn = $("warnings");
    warn.replaceChildren(...state.warnings.map((w) => el("p", null, w)));
    warn.hidden = state.warnings.length === 0;
    if (S.editing && !S.shown.has(S.editing)) dropEdit();
    renderText();
    computeQueue();
    if (!S.current || !S.shown.has(S.current)) selectFirst();
    else select(S.current, { scroll: textChanged });
    renderProgress();
  }

  async function reload() {
    const { status, data } = await api("GET", "state");
    if (status !== 200) {
      showNotice(data.error || "Cannot load the proposals.");
      return false;
    }
    applyState(data);
    return true;
  }

  // ------------------------------------------------------------------ the text

  function markClass(e) {
    let cls = "m k-" + e.kind + " s-" + e.status;
    if (e.start === e.end) cls += " m-empty";
    if (S.pendingIds.get(e.id)) cls += " saving";
    if (e.id === S.current) cls += " is-current";
    return cls;
  }

  function updateMark(e) {
    const m = S.marks.get(e.id);
    if (!m) return;
    m.className = markClass(e);
    if (e.status === "accepted" || e.status === "edited") m.dataset.reading = shownReading(e.reading);
    else delete m.dataset.reading;
    m.title = e.kind + " · " + e.status + (e.readings.length ? " · " + e.readings.join(" / ") : "");
  }

  /* The text in blocks ("chunks") of about CHUNK marks, each ending at a line end: a change of
   * one mark lays out its own block only, and the browser skips the blocks out of view
   * (content-visibility in the CSS). One block of a book's 23,000 marks took a second per key. */
  const CHUNK = 120;

  function renderText() {
    const frag = document.createDocumentFragment();
    const text = S.text;
    S.marks = new Map();
    let pos = 0;
    let chunk = null;
    let count = 0;
    const open = (at) => {
      if (chunk) close(at);
      chunk = el("div", "chunk");
      chunk.dataset.s = at;
      frag.append(chunk);
      count = 0;
    };
    const plain = (a, b) => {
      if (count >= CHUNK) {
        const nl = text.indexOf("\n", a);
        if (nl !== -1 && nl < b) { // close the block after this line end
          chunk.append(piece(a, nl + 1));
          open(nl + 1);
          a = nl + 1;
          if (a === b) return;
        }
      }
      chunk.append(piece(a, b));
    };
    const close = (at) => {
      chunk.dataset.e = at;
      // its height until it is first drawn: about 0.36 px per character at the page's 17 px
      // type and 42em measure (drawn once, a block keeps its real height)
      chunk.style.containIntrinsicSize = "auto " + Math.round(0.36 * (at - chunk.dataset.s)) + "px";
    };
    const piece = (a, b) => {
      const span = el("span", null, text.slice(a, b));
      span.dataset.s = a;
      return span;
    };
    open(0);
    for (const id of S.order) {
      const e = S.shown.get(id);
      if (e.stale || e.start < pos || e.end > text.length) continue; // overlapping: queue only
      if (e.start > pos) plain(pos, e.start);
      const m = el("mark", null, text.slice(e.start, e.end));
      m.dataset.s = e.start;
      m.dataset.id = e.id;
      S.marks.set(e.id, m);
      updateMark(e);
      chunk.append(m);
      count++;
      pos = e.end;
    }
    if (pos < text.length) plain(pos, text.length);
    close(text.length);
    $("text").replaceChildren(frag);
  }

  // ------------------------------------------------------------------ the queue

  function fillKindOptions() {
    const sel = $("f-kind");
    const keep = sel.value;
    const present = new Set([...S.shown.values()].map((e) => e.kind));
    const opts = [el("option", null, "all kinds")];
    opts[0].value = "";
    for (const k of S.kinds) {
      if (!present.has(k)) continue;
      const o = el("option", null, k);
      o.value = k;
      opts.push(o);
    }
    sel.replaceChildren(...opts);
    sel.value = present.has(keep) ? keep : "";
    const add = $("add-kind");
    if (!add.options.length) {
      for (const k of S.kinds) {
        const o = el("option", null, k);
        o.value = k;
        add.append(o);
      }
      add.value = "other";
    }
  }

  function matchesStatus(e, f) {
    if (f === "stale") return !!e.stale;
    if (e.stale) return f === "all";
    if (f === "pending") return e.status === "proposed";
    if (f === "decided") return e.status !== "proposed";
    if (f === "all") return true;
    return e.status === f;
  }

  function computeQueue() {
    const status = $("f-status").value;
    const kind = $("f-kind").value;
    const minConf = parseFloat($("f-conf").value) || 0;
    // The text filter looks at the original and the readings (the context and the evidence only
    // when asked: a few letters occur in the context of many unrelated proposals). A capital
    // letter in it asks for that case exactly ("tLe" finds tLe, not "title").
    const typed = $("f-text").value.trim();
    const exact = typed !== typed.toLowerCase();
    const needle = exact ? typed : typed.toLowerCase();
    const wide = $("f-context").checked;
    const sort = $("f-sort").value;
    const list = [];
    for (const id of S.order) {
      const e = S.shown.get(id);
      if (!matchesStatus(e, status)) continue;
      if (kind && e.kind !== kind) continue;
      if (e.confidence < minConf) continue;
      if (needle) {
        const fields = [e.original, e.reading || "", ...e.readings];
        if (wide) fields.push(e.context, e.why, e.note || "");
        const hay = fields.join("\n");
        if (!(exact ? hay : hay.toLowerCase()).includes(needle)) continue;
      }
      list.push(e);
    }
    if (sort === "confidence") list.sort((a, b) => b.confidence - a.confidence || a.start - b.start);
    else if (sort === "kind") list.sort((a, b) => a.kind.localeCompare(b.kind) || a.start - b.start);
    S.queue = list.map((e) => e.id);
    renderQueue();
  }

  function rowFor(e) {
    const li = el("li", "row");
    li.dataset.id = e.id;
    const dot = el("span", "row-kind k-" + e.kind, e.kind);
    const txt = el("span", "row-text");
    txt.append(el("span", "orig", e.original === "" ? "‸" : e.original));
    const reading = e.status === "accepted" || e.status === "edited" ? e.reading : e.readings[0];
    if (reading !== undefined && reading !== null) {
      txt.append(el("span", "arrow", " → "), el("span", "read", shownReading(reading)));
    } else if (e.status === "proposed") {
      txt.append(el("span", "arrow muted", " (no reading)"));
    }
    const conf = el("span", "row-conf", fmtConf(e.confidence));
    const st = el("span", "row-status", e.stale ? "stale" : e.status === "proposed" ? "" : e.status);
    li.append(dot, txt, st, conf);
    li.className = rowClass(e);
    return li;
  }

  function rowClass(e) {
    let cls = "row s-" + (e.stale ? "stale" : e.status);
    if (e.id === S.current) cls += " is-current";
    if (S.pendingIds.get(e.id)) cls += " saving";
    return cls;
  }

  /* A long queue (a book has 23,000 proposals) is drawn as a window of the rows in view, the
   * rest standing in as two empty rows of their height: laying out every row took most of a
   * second per key press. */
  const ROW_H = 30; // px: the height of a .row in the CSS
  const WHOLE_UP_TO = 1500; // rows: a queue this short is drawn whole
  const AROUND = 25; // rows drawn above and below the ones in view
  let drawn = [0, 0]; // the rows drawn, [first, last), of a long queue

  function renderQueue() {
    const q = $("queue");
    S.virtual = S.queue.length > WHOLE_UP_TO;
    if (S.virtual) {
      drawRows(true);
    } else {
      const frag = document.createDocumentFragment();
      S.rows = new Map();
      for (const id of S.queue) {
        const li = rowFor(S.shown.get(id));
        S.rows.set(id, li);
        frag.append(li);
      }
      q.replaceChildren(frag);
    }
    renderQueueCount();
  }

  function drawRows(force) {
    const q = $("queue");
    const n = S.queue.length;
    const first = Math.max(0, Math.floor(q.scrollTop / ROW_H) - AROUND);
    const last = Math.min(n, Math.ceil((q.scrollTop + q.clientHeight) / ROW_H) + AROUND);
    if (!force && first === drawn[0] && last === drawn[1]) return;
    drawn = [first, last];
    if (!force && q.firstElementChild && q.firstElementChild.classList.contains("spacer")) {
      shiftRows(q, first, last);
      return;
    }
    const frag = document.createDocumentFragment();
    const spacer = (rows) => {
      const li = el("li", "spacer");
      li.setAttribute("aria-hidden", "true");
      li.style.height = rows * ROW_H + "px";
      return li;
    };
    frag.append(spacer(first));
    S.rows = new Map();
    for (let i = first; i < last; i++) {
      const li = rowFor(S.shown.get(S.queue[i]));
      S.rows.set(S.queue[i], li);
      frag.append(li);
    }
    frag.append(spacer(n - last));
    q.replaceChildren(frag);
  }

  /* A scroll's window of rows, drawn from the last one: the rows that left it are removed, the
   * rows that came into it added, and the rows still in it stay where they are, the same
   * elements. A click pressed on a row before a redraw and released after it (a scroll still
   * settling) then lands on its row: a row drawn again as a new element takes no click. */
  function shiftRows(q, first, last) {
    const [top, bottom] = [q.firstElementChild, q.lastElementChild];
    const wanted = new Set(S.queue.slice(first, last));
    for (const [id, li] of S.rows) if (!wanted.has(id)) li.remove();
    const rows = new Map();
    let next = top.nextElementSibling; // where the next row of the window goes
    for (let i = first; i < last; i++) {
      const id = S.queue[i];
      let li = S.rows.get(id);
      if (!li) li = rowFor(S.shown.get(id));
      if (li === next) next = li.nextElementSibling;
      else q.insertBefore(li, next);
      rows.set(id, li);
    }
    S.rows = rows;
    top.style.height = first * ROW_H + "px";
    bottom.style.height = (S.queue.length - last) * ROW_H + "px";
  }

  /* Bring the row of `id` into the drawn window of a long queue. */
  function drawRowOf(id) {
    if (!S.virtual || S.rows.has(id)) return;
    const i = S.queue.indexOf(id);
    if (i < 0) return;
    const q = $("queue");
    q.scrollTop = Math.max(0, i * ROW_H - q.clientHeight / 2);
    drawRows(true);
  }

  function renderQueueCount() {
    const pending = S.queue.filter((id) => S.shown.has(id) && isPending(S.shown.get(id))).length;
    $("queue-count").textContent = S.queue.length + " shown · " + pending + " pending";
  }

  function updateRow(e) {
    const old = S.rows.get(e.id);
    if (!old) return;
    const li = rowFor(e);
    old.replaceWith(li);
    S.rows.set(e.id, li);
  }

  function refreshEntry(id) {
    const e = S.shown.get(id);
    if (!e) return;
    updateMark(e);
    updateRow(e);
  }

  // ------------------------------------------------------------------ progress

  function renderProgress() {
    let total = 0;
    let decided = 0;
    const perKind = new Map();
    for (const e of S.shown.values()) {
      if (e.stale) continue;
      total++;
      const row = perKind.get(e.kind) || { total: 0, decided: 0 };
      row.total++;
      if (e.status !== "proposed") {
        decided++;
        row.decided++;
      }
      perKind.set(e.kind, row);
    }
    $("prog-decided").textContent = decided;
    $("prog-total").textContent = total;
    const pct = total ? Math.round((100 * decided) / total) : 0;
    $("prog-pct").textContent = "(" + pct + "%)";
    $("prog-bar").style.width = pct + "%";
    const items = [];
    for (const k of S.kinds) {
      const row = perKind.get(k);
      if (!row) continue;
      const b = el("button", "kp k-" + k);
      b.type = "button";
      b.dataset.kind = k;
      b.title = "Show only " + k;
      const bar = el("span", "kp-bar");
      const fill = el("span", "kp-fill");
      fill.style.width = Math.round((100 * row.decided) / row.total) + "%";
      bar.append(fill);
      b.append(el("span", "kp-name", k), el("span", "kp-count", row.decided + "/" + row.total), bar);
      items.push(b);
    }
    $("kind-progress").replaceChildren(...items);
    renderQueueCount();
  }

  function renderSaveState() {
    const box = $("save-state");
    box.classList.remove("is-saving", "is-error");
    if (S.inflight > 0) {
      box.textContent = "Saving…";
      box.classList.add("is-saving");
    } else if (S.failed) {
      box.textContent = "Not saved — server unreachable";
      box.classList.add("is-error");
    } else if (S.lastSaved) {
      box.textContent = "All decisions saved · " + S.lastSaved.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    } else {
      box.textContent = "Up to date";
    }
  }

  // ------------------------------------------------------------------ current proposal

  function select(id, opts = {}) {
    if (S.editing && id !== S.editing) {
      holdEdit(); // an uncommitted reading keeps the page on its proposal
      return;
    }
    const prev = S.current;
    S.current = id;
    if (prev !== id) S.pick = 0;
    if (prev && prev !== id) {
      const pm = S.marks.get(prev);
      if (pm) pm.classList.remove("is-current");
      const pr = S.rows.get(prev);
      if (pr) pr.classList.remove("is-current");
    }
    const e = id ? S.shown.get(id) : null;
    if (!e) {
      $("detail").hidden = true;
      $("empty-detail").hidden = false;
      return;
    }
    const m = S.marks.get(id);
    if (m) {
      m.classList.add("is-current");
      if (opts.scroll !== false) showMark(m, opts.instant);
    }
    drawRowOf(id);
    const r = S.rows.get(id);
    if (r) {
      r.classList.add("is-current");
      if (opts.scroll !== false) r.scrollIntoView({ block: "nearest" });
    }
    renderDetail();
  }

  /* Scroll the text to a mark: smoothly to one near, at once to one far away, and then once
   * more when the blocks around it are drawn (until then their height is an estimate). */
  function showMark(m, instant) {
    const pane = m.closest(".text-pane");
    const far = pane && Math.abs(m.getBoundingClientRect().top - pane.getBoundingClientRect().top) > 2 * pane.clientHeight;
    m.scrollIntoView({ block: "center", behavior: instant || far ? "auto" : "smooth" });
    if (far) requestAnimationFrame(() => requestAnimationFrame(() => m.scrollIntoView({ block: "center" })));
  }

  function selectFirst() {
    const first = S.queue.find((id) => isPending(S.shown.get(id))) || S.queue[0] || null;
    select(first, { instant: true });
  }

  function currentReading(e) {
    if (e.status === "accepted" || e.status === "edited") return e.reading;
    return e.readings.length ? e.readings[Math.min(S.pick, e.readings.length - 1)] : null;
  }

  function renderDetail() {
    const e = S.shown.get(S.current);
    $("detail").hidden = false;
    $("empty-detail").hidden = true;
    const kind = $("d-kind");
    kind.textContent = e.kind;
    kind.className = "kind-chip k-" + e.kind;
    const st = $("d-status");
    st.textContent = e.stale ? "stale" : e.status;
    st.className = "status-chip s-" + (e.stale ? "stale" : e.status);
    $("d-conf").textContent = "confidence " + fmtConf(e.confidence);
    $("d-pos").textContent = e.id + " · " + e.start + "–" + e.end;

    const ctx = $("d-context");
    const a = Math.max(0, e.start - CONTEXT);
    const b = Math.min(S.text.length, e.end + CONTEXT);
    // Around the span, a paragraph break is shown as ¶ so the context stays compact; the span
    // itself is shown exactly.
    const squeeze = (t) => t.replace(/[ \t]*\n[ \t]*(\n\s*)+/g, " ¶ ");
    ctx.replaceChildren(
      el("span", "ctx", (a > 0 ? "…" : "") + squeeze(S.text.slice(a, e.start))),
      el("mark", "ctx-span k-" + e.kind + (e.start === e.end ? " m-empty" : ""), S.text.slice(e.start, e.end)),
      el("span", "ctx", squeeze(S.text.slice(e.end, b)) + (b < S.text.length ? "…" : ""))
    );

    showScan(e);

    const list = $("d-readings");
    const items = e.readings.map((r, i) => {
      const li = el("li");
      const btn = el("button", "reading");
      btn.type = "button";
      btn.dataset.i = i;
      const chosen = (e.status === "accepted" || e.status === "edited") ? e.reading === r : i === S.pick;
      if (chosen) btn.classList.add("is-chosen");
      btn.append(el("kbd", null, String(i + 1)), el("span", "reading-text", shownReading(r)));
      li.append(btn);
      return li;
    });
    if (e.status === "edited" && !e.readings.includes(e.reading)) {
      const li = el("li");
      const span = el("span", "reading is-chosen own");
      span.append(el("kbd", null, "e"), el("span", "reading-text", shownReading(e.reading)), el("span", "muted small", " your reading"));
      li.append(span);
      items.push(li);
    }
    if (!items.length) items.push(el("li", "muted", "No safe reading suggested: flag it (u) or type one (e)."));
    list.replaceChildren(...items);
    const typing = S.editing === e.id; // a re-render (a save, a reload) keeps what is typed
    if (!typing) $("d-edit").value = "";
    $("d-why").textContent = e.why || "—";
    const dl = $("d-decided");
    if (e.status !== "proposed") {
      dl.textContent = e.status + (e.by ? " by " + e.by : "") + (e.on ? " · " + e.on.replace("T", " ").replace("Z", " UTC") : "") + (e.note ? " · " + e.note : "");
    } else if (e.stale) {
      dl.textContent = "Stale: " + e.stale;
    } else {
      dl.textContent = "";
    }
    const decidable = !e.stale;
    for (const id of ["b-accept", "b-reject", "b-flag"]) $(id).disabled = !decidable;
    $("b-accept").disabled = !decidable || currentReading(e) === null;
    $("b-undo").disabled = S.undo.length === 0;
    renderBatch(e);
    requestPreview(typing ? $("d-edit").value : currentReading(e));
  }

  // ------------------------------------------------------------------ batch candidates

  function identical(e) {
    const reading = currentReading(e);
    if (reading === null) return { reading, ids: [] };
    const ids = [];
    for (const id of S.order) {
      const x = S.shown.get(id);
      if (isPending(x) && x.original === e.original && x.readings.includes(reading)) ids.push(id);
    }
    return { reading, ids };
  }

  function ofKind(e) {
    const ids = [];
    for (const id of S.order) {
      const x = S.shown.get(id);
      if (isPending(x) && x.kind === e.kind && x.confidence >= e.confidence && x.readings.length) ids.push(id);
    }
    return ids;
  }

  function lexiconWord(e) {
    const w = e.original.trim();
    return w && !/[\s#]/.test(w) ? w : null;
  }

  function sameWord(word) {
    const ids = [];
    for (const id of S.order) {
      const x = S.shown.get(id);
      if (isPending(x) && x.original === word) ids.push(id);
    }
    return ids;
  }

  function renderBatch(e) {
    const same = identical(e);
    $("b-identical-label").textContent = same.reading === null
      ? "Accept all identical"
      : "Accept all " + same.ids.length + " × " + quote(e.original) + " → " + quote(shownReading(same.reading));
    $("b-identical").disabled = same.ids.length === 0;
    const kind = ofKind(e);
    $("b-kind-label").textContent = "Accept all " + kind.length + " " + e.kind + " ≥ " + fmtConf(e.confidence);
    $("b-kind").disabled = kind.length === 0;
    const word = lexiconWord(e);
    $("b-word-label").textContent = word
      ? quote(word) + " is correct for the project" + (sameWord(word).length ? " (rejects " + sameWord(word).length + ")" : "")
      : "Correct for the project (one word only)";
    $("b-word").disabled = !word;
  }

  // ------------------------------------------------------------------ page image

  async function showScan(e) {
    const box = $("d-scan");
    const seq = ++S.cropSeq;
    if (!S.pageImages) { box.hidden = true; return; }
    const key = e.id + " " + e.start + " " + e.end;
    let data = S.crops.get(key);
    if (!data) {
      const res = await api("GET", "crop?id=" + encodeURIComponent(e.id));
      if (seq !== S.cropSeq) return;
      $("scan-error").hidden = res.status === 200;
      if (res.status !== 200) {
        box.hidden = true;
        $("scan-error").textContent = res.data.error || "The page image cannot be shown.";
        return;
      }
      data = res.data;
      if (S.crops.size > 300) S.crops.clear();
      S.crops.set(key, data);
    }
    $("scan-error").hidden = true;
    if (!data.word) { box.hidden = true; return; } // no image for this page, or no box
    $("scan-page").textContent = "page " + data.page + " · " + data.image;
    picture("scan-word", "The words on the page image").src = data.word.src;
    picture("scan-line", "Their line on the page image").src = data.line.src;
    const [x0, y0, x1, y1] = data.line.mark;
    const mark = $("scan-mark").style;
    mark.left = 100 * x0 + "%";
    mark.top = 100 * y0 + "%";
    mark.width = 100 * (x1 - x0) + "%";
    mark.height = 100 * (y1 - y0) + "%";
    box.hidden = false;
  }

  function picture(id, alt) {
    let img = $(id);
    if (!img) {
      img = el("img");
      img.id = id;
      img.alt = alt;
      $(id + "-box").prepend(img);
    }
    return img;
  }

  function zoomScan(on) {
    const box = $("d-scan");
    if (box.hidden && on !== false) return;
    box.classList.toggle("zoomed", on);
  }

  // ------------------------------------------------------------------ preview

  let previewTimer = null;

  function requestPreview(reading, delay = 0) {
    const id = S.current;
    const seq = ++S.previewSeq;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      const { status, data } = await api("POST", "preview", { id, reading });
      if (seq !== S.previewSeq || id !== S.current) return;
      if (status !== 200) {
        $("pv-before").replaceChildren();
        $("pv-after").replaceChildren();
        showPreviewError(data.error);
        return;
      }
      const cut = [data.cut_left, data.cut_right];
      $("pv-before").replaceChildren(...spans(data.before, data.before_span, "pv-old", cut));
      $("pv-after").replaceChildren(...spans(data.after, data.after_span, reading === null ? "pv-same" : "pv-new", cut));
      showPreviewError(data.error);
    }, delay);
  }

  function spans(text, span, cls, cut) {
    const [a, b] = span;
    const mid = el("mark", cls + (a === b ? " m-empty" : ""), text.slice(a, b));
    return [el("span", null, (cut[0] ? "…" : "") + text.slice(0, a)), mid,
      el("span", null, text.slice(b) + (cut[1] ? "…" : ""))];
  }

  function showPreviewError(msg) {
    const p = $("pv-error");
    p.textContent = msg || "";
    p.hidden = !msg;
  }

  // ------------------------------------------------------------------ notices

  let toastTimer = null;

  function toast(msg) {
    const t = $("toast");
    t.textContent = msg;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, 4000);
  }

  function showNotice(msg) {
    $("notice-text").textContent = msg;
    $("notice").hidden = false;
  }

  // ------------------------------------------------------------------ saving

  let chain = Promise.resolve();

  function touch(ids, delta) {
    for (const id of ids) {
      const n = (S.pendingIds.get(id) || 0) + delta;
      if (n > 0) S.pendingIds.set(id, n);
      else S.pendingIds.delete(id);
    }
  }

  /* Queue a request. `build()` runs when it is this request's turn, so it reads the revisions
   * the server confirmed last; `ids` are the entries it changes (shown as saving). */
  function submit(ids, build, undoEntry) {
    const gen = S.gen;
    S.inflight++;
    touch(ids, 1);
    if (undoEntry) S.undo.push(undoEntry);
    renderSaveState();
    chain = chain.then(async () => {
      if (gen !== S.gen) {
        dropUndo(undoEntry);
        return; // the page was reset after a failure: this decision was never sent
      }
      const req = build();
      const { status, data } = await api("POST", req.path, Object.assign({ version: S.version }, req.body));
      if (status === 200 && data.ok) {
        S.failed = false;
        S.lastSaved = new Date();
        // Undo may only restore what this decision left: the revisions it produced.
        if (undoEntry) undoEntry.after = revsOf(data.changed);
        accept200(data, ids);
        if (req.onSaved) req.onSaved(data);
        return;
      }
      dropUndo(undoEntry);
      S.gen++;
      if (status === 409 && data.state) {
        applyState(data.state);
        showNotice(data.error);
      } else if (status === 0) {
        S.failed = true;
        resetToServer();
        showNotice("Not saved: " + data.error + ".");
      } else {
        if (!(await reload())) resetToServer();
        showNotice("Not saved: " + (data.error || "HTTP " + status));
      }
    }).catch((err) => {
      showNotice("Not saved: " + err);
    }).finally(() => {
      S.inflight--;
      touch(ids, -1);
      for (const id of ids) refreshEntry(id);
      renderSaveState();
    });
  }

  function revsOf(changed) {
    return Object.fromEntries(changed.map((e) => [e.id, e.rev]));
  }

  function dropUndo(entry) {
    if (!entry) return;
    const i = S.undo.indexOf(entry);
    if (i >= 0) S.undo.splice(i, 1);
  }

  function resetToServer() {
    S.shown = new Map(S.server);
    if (S.editing && !S.shown.has(S.editing)) dropEdit();
    renderText();
    computeQueue();
    select(S.shown.has(S.current) ? S.current : null, { scroll: false });
    renderProgress();
  }

  function accept200(data, ids) {
    S.version = data.version;
    if (data.external && data.state) {
      applyState(data.state);
      showNotice("The corrections file changed on disk meanwhile (another tab, a command or a git pull). Your decision is saved; the page now shows the file as it is.");
      return;
    }
    let structural = false;
    for (const e of data.changed) {
      if (!S.server.has(e.id)) structural = true;
      S.server.set(e.id, e);
      // A later decision on this entry may already be shown: keep showing it.
      if ((S.pendingIds.get(e.id) || 0) <= 1) S.shown.set(e.id, e);
    }
    for (const id of data.removed) {
      S.server.delete(id);
      S.shown.delete(id);
      structural = true;
    }
    if (structural) {
      S.order = [...S.shown.keys()].sort((a, b) => S.shown.get(a).start - S.shown.get(b).start);
      renderText();
      computeQueue();
      select(S.shown.has(S.current) ? S.current : null, { scroll: false });
    } else if (S.current && ids.includes(S.current)) {
      renderDetail();
    }
    renderProgress();
  }

  function record(e) {
    return { status: e.status, reading: e.reading, by: e.by, on: e.on, note: e.note };
  }

  function ensureEditor() {
    if (editorName()) return true;
    names.ask();
    return false;
  }

  /* Decide `ids` at once (shown immediately, saved in order); push one undo step. */
  function decide(action, ids, opts = {}) {
    if (!ids.length || !ensureEditor()) return;
    const by = editorName();
    const before = ids.map((id) => ({ id, record: record(S.shown.get(id)) }));
    for (const id of ids) {
      const e = S.shown.get(id);
      const n = Object.assign({}, e);
      n.by = by;
      n.on = nowIso();
      if (action === "accept") {
        const r = opts.readings ? opts.readings[id] : e.readings[0];
        n.reading = r;
        n.status = e.readings.includes(r) ? "accepted" : "edited";
      } else {
        n.reading = null;
        n.status = action === "reject" ? "rejected" : action === "flag" ? "flagged" : "proposed";
        if (action === "reopen") { n.by = null; n.on = null; }
      }
      S.shown.set(id, n);
    }
    // `shownBefore` is what the editor saw (for the instant display of an undo); `before`, set
    // when the request is sent, is what the server held just before it (what undo restores).
    const undoEntry = { type: "restore", label: opts.label || action, shownBefore: before, before: null };
    submit(ids, () => {
      undoEntry.before = ids.map((id) => ({ id, record: record(S.server.get(id)) }));
      const items = ids.map((id) => {
        const item = { id, rev: S.server.get(id).rev };
        if (opts.readings) item.reading = opts.readings[id];
        return item;
      });
      return { path: opts.path || "decide", body: Object.assign({ action, by, items }, opts.body || {}) };
    }, undoEntry);
    for (const id of ids) refreshEntry(id);
    renderProgress();
    if (opts.toast) toast(opts.toast);
  }

  function undo() {
    const step = S.undo.pop();
    if (!step) {
      toast("Nothing to undo.");
      return;
    }
    if (step.type === "add") {
      const id = step.id;
      S.shown.delete(id);
      submit([id], () => ({ path: "remove", body: { items: [{ id, rev: step.after[id] }] } }), null);
      toast("Undone: the added correction is removed.");
      return;
    }
    const ids = step.shownBefore.map((b) => b.id).filter((id) => S.shown.has(id));
    for (const b of step.shownBefore) {
      const e = S.shown.get(b.id);
      if (e) S.shown.set(b.id, Object.assign({}, e, b.record));
    }
    submit(ids, () => ({
      path: "restore",
      // If someone changed an entry since this decision, the server refuses: nothing is reverted.
      body: { items: step.before.map((b) => ({ id: b.id, rev: (step.after && step.after[b.id]) || "", record: b.record })) },
    }), null);
    for (const id of ids) refreshEntry(id);
    renderProgress();
    if (ids.length) select(ids[0]);
    toast("Undone: " + step.label + (step.note ? " " + step.note : ""));
  }

  // ------------------------------------------------------------------ actions on the current entry

  function cur() {
    const e = S.current ? S.shown.get(S.current) : null;
    return e && !e.stale ? e : null;
  }

  function advance() {
    const i = S.queue.indexOf(S.current);
    const after = S.queue.slice(i + 1).concat(S.queue.slice(0, Math.max(i, 0)));
    const next = after.find((id) => isPending(S.shown.get(id)));
    if (next) select(next);
    else {
      renderDetail();
      toast("Nothing pending left in this view.");
    }
  }

  function acceptReading(reading) {
    const e = cur();
    if (!e) return;
    if (reading === null || reading === undefined) {
      toast("No reading to accept: type one (e) or flag it (u).");
      return;
    }
    if (reading === e.original) {
      toast("That is the original: reject it (r) instead.");
      return;
    }
    decide("accept", [e.id], { readings: { [e.id]: reading }, label: "accept " + quote(e.original) });
    advance();
  }

  function acceptCurrent() {
    const e = cur();
    if (!e) return;
    if (S.editing === e.id) commitEdit(); // accept what was typed, not the suggestion
    else acceptReading(currentReading(e));
  }

  function pickReading(i) {
    const e = cur();
    if (e && i < e.readings.length) acceptReading(e.readings[i]);
  }

  function rejectCurrent() {
    const e = cur();
    if (!e) return;
    decide("reject", [e.id], { label: "reject " + quote(e.original) });
    advance();
  }

  function flagCurrent() {
    const e = cur();
    if (!e) return;
    decide("flag", [e.id], { label: "flag " + quote(e.original) });
    advance();
  }

  function editCurrent() {
    const e = cur();
    if (!e) return;
    const input = $("d-edit");
    if (S.editing !== e.id) {
      S.editing = e.id;
      input.value = currentReading(e) ?? e.original;
      input.select();
    }
    input.focus();
    requestPreview(input.value);
  }

  /* The typed reading is decided for the proposal it was typed for; then the queue moves on. */
  function commitEdit() {
    const input = $("d-edit");
    const value = input.value;
    if (S.editing && S.editing !== S.current) select(S.editing);
    const e = cur();
    if (e && value === e.original) {
      toast("That is the original: type another reading, or Esc and then r to reject it.");
      return; // still editing
    }
    S.editing = null;
    input.blur();
    acceptReading(value);
  }

  function dropEdit() {
    S.editing = null;
    const input = $("d-edit");
    input.value = "";
    input.blur();
    const e = S.shown.get(S.current);
    if (e) requestPreview(currentReading(e)); // back to the suggestion's preview
  }

  /* Something would leave the proposal whose reading is being typed: stay, and say how to go on. */
  function holdEdit() {
    const e = S.shown.get(S.editing);
    toast("Your reading for " + quote(e ? e.original : S.editing) + " is not saved yet: Enter saves it, Esc drops it.");
    $("d-edit").focus();
  }

  /* A command for the queue or the current proposal waits while a reading is being typed. */
  function unlessEditing(fn) {
    return (...args) => (S.editing ? holdEdit() : fn(...args));
  }

  function acceptIdentical() {
    const e = cur();
    if (!e) return;
    const { reading, ids } = identical(e);
    if (!ids.length) return;
    const readings = Object.fromEntries(ids.map((id) => [id, reading]));
    decide("accept", ids, {
      readings,
      label: "accept " + ids.length + " × " + quote(e.original),
      toast: "Accepted " + ids.length + " × " + quote(e.original) + " → " + quote(shownReading(reading)) + ". z to undo.",
    });
    advance();
  }

  function acceptKind() {
    const e = cur();
    if (!e) return;
    const ids = ofKind(e);
    if (!ids.length) return;
    const readings = Object.fromEntries(ids.map((id) => [id, S.shown.get(id).readings[0]]));
    decide("accept", ids, {
      readings,
      label: "accept " + ids.length + " " + e.kind,
      toast: "Accepted " + ids.length + " " + e.kind + " proposals with confidence ≥ " + fmtConf(e.confidence) + ". z to undo.",
    });
    advance();
  }

  function wordIsCorrect() {
    const e = cur();
    if (!e) return;
    const word = lexiconWord(e);
    if (!word || !ensureEditor()) return;
    const ids = sameWord(word);
    if (!ids.length) {
      submit([], () => ({ path: "lexicon", body: { word, by: editorName(), items: [] } }), null);
      toast(quote(word) + " added to the project lexicon.");
      return;
    }
    decide("reject", ids, {
      path: "lexicon",
      body: { word },
      label: quote(word) + " is correct",
      toast: quote(word) + " added to the project lexicon; " + ids.length + " proposal(s) rejected. z to undo.",
    });
    S.undo[S.undo.length - 1].note = "(the word stays in the project lexicon; remove it there by hand)";
    advance();
  }

  function move(step) {
    if (!S.queue.length) return;
    let i = S.queue.indexOf(S.current);
    i = i < 0 ? 0 : Math.min(S.queue.length - 1, Math.max(0, i + step));
    select(S.queue[i]);
  }

  // ------------------------------------------------------------------ adding by selection

  let addSpan = null;

  function offsetOf(node, off) {
    const text = $("text");
    if (node.nodeType === Node.TEXT_NODE) {
      const host = node.parentElement && node.parentElement.closest("[data-s]");
      if (!host || !text.contains(host)) return null;
      return Number(host.dataset.s) + off;
    }
    if (node === text || (node.classList && node.classList.contains("chunk"))) {
      if (off >= node.childNodes.length) return node === text ? S.text.length : Number(node.dataset.e);
      return Number(node.childNodes[off].dataset.s);
    }
    const host = node.closest && node.closest("[data-s]");
    if (!host || !text.contains(host)) return null;
    return Number(host.dataset.s) + (off === 0 ? 0 : host.textContent.length);
  }

  function onTextMouseUp() {
    if (S.editing) return; // one thing at a time: the typed reading first
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return;
    const range = sel.getRangeAt(0);
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    while (start < end && /\s/.test(S.text[start])) start++;
    while (end > start && /\s/.test(S.text[end - 1])) end--;
    if (end <= start || end - start > 200) return;
    openAdd(start, end, range.getBoundingClientRect());
  }

  function openAdd(start, end, rect) {
    addSpan = { start, end };
    const original = S.text.slice(start, end);
    $("add-original").textContent = original;
    const input = $("add-reading");
    input.value = original;
    const clash = [...S.shown.values()].find((x) => !x.stale && x.status !== "rejected" &&
      start < x.end && x.start < end);
    const hint = $("add-hint");
    hint.textContent = clash ? "Overlaps " + clash.id + " (" + quote(clash.original) + "): decide that one instead." : "Type the reading; empty deletes the text. Unclear flags it (no safe reading).";
    $("add-save").disabled = !!clash;
    $("add-flag").disabled = !!clash;
    const pop = $("add-popover");
    pop.hidden = false;
    const w = pop.offsetWidth;
    pop.style.left = Math.max(8, Math.min(window.innerWidth - w - 8, rect.left)) + "px";
    pop.style.top = Math.min(window.innerHeight - pop.offsetHeight - 8, rect.bottom + 8) + "px";
    input.focus();
    input.select();
  }

  function closeAdd() {
    $("add-popover").hidden = true;
    addSpan = null;
  }

  async function saveAdd(reading) {
    if (!addSpan || !ensureEditor()) return;
    const { start, end } = addSpan;
    let kind = $("add-kind").value;
    if (reading === null && kind === "other") kind = "unclear";
    if (reading !== null && reading === S.text.slice(start, end)) {
      $("add-hint").textContent = "The reading equals the text: change it, or press Esc.";
      return;
    }
    closeAdd();
    window.getSelection().removeAllRanges();
    const by = editorName();
    const step = { type: "add", id: null };
    submit([], () => ({
      path: "add",
      body: { by, start, end, reading, kind },
      onSaved: (data) => {
        const c = data.changed[0];
        if (c) {
          step.id = c.id;
          step.after = revsOf(data.changed);
          S.undo.push(step);
          if (!S.editing) select(c.id, { scroll: false });
          toast("Added " + c.id + ": " + quote(c.original) + (c.reading !== null ? " → " + quote(shownReading(c.reading)) : " flagged unclear") + ". z to undo.");
        }
      },
    }), null);
  }

  // ------------------------------------------------------------------ polling for outside changes

  async function poll() {
    if (document.visibilityState !== "visible" || S.inflight > 0 || !S.token) return;
    const { status, data } = await api("GET", "version");
    if (status !== 200 || S.inflight > 0) return;
    if (data.version !== S.version || data.source_sha !== S.sourceSha) {
      const before = S.version;
      if (await reload() && before) showNotice("The corrections file changed on disk (another tab, a command or a git pull); the page now shows it as it is.");
    }
  }

  // ------------------------------------------------------------------ wiring

  const KEYS = {
    j: unlessEditing(() => move(1)),
    ArrowDown: unlessEditing(() => move(1)),
    k: unlessEditing(() => move(-1)),
    ArrowUp: unlessEditing(() => move(-1)),
    a: acceptCurrent,
    r: unlessEditing(rejectCurrent),
    e: editCurrent,
    u: unlessEditing(flagCurrent),
    z: unlessEditing(undo),
    A: unlessEditing(acceptIdentical),
    K: unlessEditing(acceptKind),
    W: unlessEditing(wordIsCorrect),
    "/": () => $("f-text").focus(),
    i: () => zoomScan(),
  };
  for (let i = 1; i <= 9; i++) KEYS[String(i)] = unlessEditing(() => pickReading(i - 1));

  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    const typing = t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;
    if (ev.key === "Escape") {
      if (!$("add-popover").hidden) closeAdd();
      else if ($("d-scan").classList.contains("zoomed")) zoomScan(false);
      else if (t === $("d-edit") || (S.editing && !typing)) dropEdit();
      else if (typing) t.blur();
      return;
    }
    if (typing || $("name-dialog").open) return;
    const handler = KEYS[ev.key];
    if (!handler) return;
    ev.preventDefault();
    handler();
  }

  function wire() {
    document.addEventListener("keydown", onKey);
    let drawing = false;
    $("queue").addEventListener("scroll", () => {
      if (!S.virtual || drawing) return;
      drawing = true;
      requestAnimationFrame(() => { drawing = false; drawRows(false); });
    });
    $("queue").addEventListener("click", (ev) => {
      const li = ev.target.closest("li[data-id]");
      if (li) select(li.dataset.id);
    });
    $("text").addEventListener("click", (ev) => {
      const m = ev.target.closest("mark[data-id]");
      if (m && window.getSelection().isCollapsed) select(m.dataset.id, { scroll: false });
    });
    $("text").addEventListener("mouseup", () => setTimeout(onTextMouseUp, 0));
    $("kind-progress").addEventListener("click", (ev) => {
      const b = ev.target.closest("button[data-kind]");
      if (!b) return;
      $("f-kind").value = $("f-kind").value === b.dataset.kind ? "" : b.dataset.kind;
      computeQueue();
      selectFirst();
    });
    for (const id of ["f-status", "f-kind", "f-sort", "f-conf", "f-context"]) {
      $(id).addEventListener("change", (ev) => {
        computeQueue();
        if (!S.queue.includes(S.current)) selectFirst();
        if (ev.target.tagName === "SELECT" || ev.target.type === "checkbox") ev.target.blur(); // back to the keyboard at once
      });
    }
    let filterTimer = null;
    const refilter = () => {
      clearTimeout(filterTimer);
      filterTimer = setTimeout(() => { computeQueue(); if (!S.queue.includes(S.current)) selectFirst(); }, 120);
    };
    $("f-text").addEventListener("input", refilter);
    // Esc (or the box's x) empties a search box with a "search" event and no "input" event when
    // the box loses the focus on that key, as it does here: the queue follows the box either way.
    $("f-text").addEventListener("search", refilter);
    $("f-text").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") { ev.preventDefault(); ev.target.blur(); }
    });
    $("d-readings").addEventListener("click", (ev) => {
      const b = ev.target.closest("button[data-i]");
      if (b) pickReading(Number(b.dataset.i));
    });
    $("d-edit").addEventListener("input", (ev) => {
      if (!S.editing && cur()) S.editing = S.current; // typing in the box starts an edit too
      requestPreview(ev.target.value, 90);
    });
    $("d-edit-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (S.editing || cur()) commitEdit();
    });
    $("b-accept").addEventListener("click", acceptCurrent);
    $("b-reject").addEventListener("click", unlessEditing(rejectCurrent));
    $("b-flag").addEventListener("click", unlessEditing(flagCurrent));
    $("b-undo").addEventListener("click", unlessEditing(undo));
    $("b-identical").addEventListener("click", unlessEditing(acceptIdentical));
    $("b-kind").addEventListener("click", unlessEditing(acceptKind));
    $("b-word").addEventListener("click", unlessEditing(wordIsCorrect));
    $("notice-close").addEventListener("click", () => { $("notice").hidden = true; });
    $("d-scan").addEventListener("click", () => zoomScan());
    names = EditionSession.nameDialog(() => S.editorHint);
    $("add-popover").addEventListener("submit", (ev) => {
      ev.preventDefault();
      saveAdd($("add-reading").value);
    });
    $("add-reading").addEventListener("input", (ev) => {
      $("add-save").firstChild.textContent = ev.target.value === "" ? "Delete " : "Save ";
    });
    $("add-flag").addEventListener("click", () => saveAdd(null));
    $("add-cancel").addEventListener("click", closeAdd);
    document.addEventListener("mousedown", (ev) => {
      if (!$("add-popover").hidden && !ev.target.closest("#add-popover")) closeAdd();
    });
    document.addEventListener("visibilitychange", poll);
    window.addEventListener("focus", poll);
    setInterval(poll, POLL_MS);
  }

  async function start() {
    S.token = readToken();
    wire();
    names.show();
    renderSaveState();
    if (!S.token) {
      showNotice("This page needs its session key: open the address printed by `edition review`.");
      return;
    }
    if (await reload()) {
      document.body.classList.add("ready");
      if (!editorName()) names.ask();
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})();
