/* The corpus review page of `edition`: decide the proposals of many documents by pattern.
 *
 * Truth lives in the corrections files. The server groups every entry by pattern (a form and
 * its suggested reading); the page shows the groups, most corrections per decision first, and
 * the instances of the open group, each with the revision the server read. A decision names the
 * ticked instances with those revisions and runs on the server as a batch (a group can span a
 * thousand files): the page follows its progress; an instance changed meanwhile (another tab,
 * a command, a spreadsheet import) is refused alone and listed, the others are decided. Then
 * the page reloads the groups. One batch at a time; z undoes the last one (reopen: the decision
 * undone is kept in each entry's history).
 *
 * Every text from the files goes into the page with textContent, never as markup.
 */
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const { el, readToken, editorName } = EditionSession;
  let names; // the editor's name dialog (EditionSession.nameDialog), made by wire()

  // How often the page asks whether a file changed on disk while it is idle (as the
  // one-document page: a change is noticed before an editor usually acts again).
  const POLL_MS = 5000;
  // How often a running batch is asked for its progress: smooth enough for a bar, and a
  // request costs the server a few microseconds.
  const JOB_POLL_MS = 200;
  // Patterns, instances and documents shown at first and added by "show more": enough to
  // scroll through, few enough to draw at once on a phone.
  const GROUPS_PAGE = 200;
  const INSTANCES_PAGE = 60;
  const DOCS_PAGE = 300;

  const S = {
    token: "",
    version: "",
    editorHint: "",
    docs: [], // progress per document, as the server last said
    docOrder: [],
    docsShown: DOCS_PAGE,
    docFilter: null, // the index of the document the patterns are limited to
    groups: [],
    matching: 0,
    groupsShown: 0,
    current: null, // the open group's key
    group: null, // {group, instances}
    instances: [], // the instances shown (pending first, decided when asked)
    checked: new Set(), // keys "doc:id" of ticked instances
    cursor: 0,
    shownInstances: INSTANCES_PAGE,
    details: new Map(), // "doc:id" -> context and crop
    images: new Map(), // "doc:page" -> Promise of an ImageBitmap
    undo: [],
    busy: false,
    lastSaved: null,
    failed: false,
  };

  // ------------------------------------------------------------------ helpers

  const fmt = (n) => n.toLocaleString("en");
  const fmtConf = (c) => (Math.round(c * 100) / 100).toFixed(2);
  const quote = (s) => "“" + s + "”";
  const shownReading = (s) => (s === "" ? "∅" : s);
  const keyOf = (g) => g.original + "\u0000" + (g.reading === null ? "\u0001" : g.reading);
  const instKey = (i) => i.doc + ":" + i.id;

  function toast(msg) {
    const t = $("toast");
    t.textContent = msg;
    t.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { t.hidden = true; }, 5000);
  }

  function showNotice(msg) {
    $("notice-text").textContent = msg;
    $("notice").hidden = false;
  }

  // ------------------------------------------------------------------ session and API

  async function api(method, path, body) {
    const res = await EditionSession.request(S.token, method, path, body);
    S.failed = res.status === 0;
    if (S.failed) renderSaveState();
    return res;
  }

  function query(params) {
    return Object.entries(params)
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => encodeURIComponent(k) + "=" + encodeURIComponent(v)).join("&");
  }

  function renderSaveState() {
    const box = $("save-state");
    box.classList.remove("is-saving", "is-error");
    if (S.busy) {
      box.textContent = "Deciding…";
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

  // ------------------------------------------------------------------ the corpus and its documents

  async function loadState() {
    const { status, data } = await api("GET", "state");
    if (status !== 200) {
      showNotice(data.error || "Cannot load the corpus.");
      return false;
    }
    S.version = data.version;
    if (data.editor_hint) S.editorHint = data.editor_hint;
    S.docs = data.documents;
    $("corpus-name").textContent = fmt(S.docs.length) + " documents · " + data.corrections.join(", ");
    document.title = "Corpus review (" + fmt(S.docs.length) + " documents) · edition";
    fillKinds(data.kinds);
    const decided = data.total - data.pending;
    $("prog-decided").textContent = fmt(decided);
    $("prog-total").textContent = fmt(data.total);
    const pct = data.total ? Math.floor((100 * decided) / data.total) : 0;
    $("prog-pct").textContent = "(" + pct + "%)";
    $("prog-bar").style.width = pct + "%";
    renderDocs();
    return true;
  }

  function fillKinds(kinds) {
    const sel = $("f-kind");
    if (sel.options.length > 1) return;
    for (const k of kinds) {
      const o = el("option", null, k);
      o.value = k;
      sel.append(o);
    }
  }

  function renderDocs() {
    const order = S.docs.map((d, i) => i);
    if ($("d-sort").value === "pending") order.sort((a, b) => S.docs[b].pending - S.docs[a].pending || a - b);
    S.docOrder = order;
    const frag = document.createDocumentFragment();
    for (const i of order.slice(0, S.docsShown)) {
      const d = S.docs[i];
      const li = el("li", "drow" + (i === S.docFilter ? " is-current" : "") + (d.problem ? " has-problem" : ""));
      li.dataset.doc = i;
      li.title = d.problem ? d.name + ": " + d.problem : d.name + ": " + fmt(d.decided) + " of " + fmt(d.total) + " decided; click to show only its patterns";
      li.append(el("span", "d-name", d.name), el("span", "d-count", d.problem ? "!" : fmt(d.decided) + "/" + fmt(d.total)));
      const bar = el("span", "d-bar");
      const fill = el("span", "d-fill");
      fill.style.width = (d.total ? Math.round((100 * d.decided) / d.total) : 100) + "%";
      bar.append(fill);
      li.append(bar);
      frag.append(li);
    }
    $("docs").replaceChildren(frag);
    $("docs-count").textContent = fmt(S.docs.length);
    $("docs-more").hidden = S.docsShown >= order.length;
  }

  // ------------------------------------------------------------------ the patterns

  function filters() {
    return {
      status: $("f-status").value,
      kind: $("f-kind").value,
      q: $("f-text").value.trim(),
      sort: $("f-sort").value,
      doc: S.docFilter === null ? "" : S.docFilter,
    };
  }

  async function loadGroups(keep) {
    const limit = Math.max(GROUPS_PAGE, keep ? S.groupsShown : 0);
    const { status, data } = await api("GET", "groups?" + query({ ...filters(), offset: 0, limit }));
    if (status !== 200) {
      showNotice(data.error || "Cannot load the patterns.");
      return false;
    }
    S.groups = data.groups;
    S.matching = data.matching;
    S.groupsShown = data.groups.length;
    renderGroups();
    return true;
  }

  async function moreGroups() {
    const { status, data } = await api("GET", "groups?" + query({ ...filters(), offset: S.groups.length, limit: GROUPS_PAGE }));
    if (status !== 200) return;
    S.groups = S.groups.concat(data.groups);
    S.groupsShown = S.groups.length;
    renderGroups();
  }

  function groupRow(g) {
    const li = el("li", "grow k-" + g.kind + (keyOf(g) === S.current ? " is-current" : "") + (g.pending ? "" : " is-done"));
    li.dataset.key = keyOf(g);
    const text = el("span", "g-text");
    text.append(el("span", "orig", g.original === "" ? "‸" : g.original));
    if (g.reading !== null) text.append(el("span", "arrow", " → "), el("span", "read", shownReading(g.reading)));
    else text.append(el("span", "arrow", " (unclear)"));
    const value = el("span", "g-value", fmt(g.pending));
    value.title = "pending instances; about " + fmt(Math.round(g.value)) + " corrections if accepted (confidence " + fmtConf(g.weighed) + ")";
    const meta = el("span", "g-meta");
    meta.append(el("span", "g-counts", "in " + fmt(g.documents) + " doc" + (g.documents === 1 ? "" : "s") + " · " + fmtConf(g.weighed)));
    if (g.learned) {
      const l = el("span", "g-learned" + (g.learned.accepted ? "" : " is-rejected"), (g.learned.accepted ? "✓" + fmt(g.learned.accepted) : "") + (g.learned.rejected ? " ✗" + fmt(g.learned.rejected) : ""));
      l.title = g.learned.said;
      meta.append(l);
    }
    const bar = el("span", "g-bar");
    const fill = el("span", "g-fill");
    fill.style.width = (g.total ? Math.round((100 * g.decided) / g.total) : 0) + "%";
    bar.append(fill);
    bar.title = fmt(g.decided) + " of " + fmt(g.total) + " decided";
    meta.append(bar);
    li.append(el("span", "row-kind"), text, value, meta);
    return li;
  }

  function renderGroups() {
    const frag = document.createDocumentFragment();
    for (const g of S.groups) frag.append(groupRow(g));
    $("groups").replaceChildren(frag);
    $("groups-count").textContent = fmt(S.matching) + " pattern" + (S.matching === 1 ? "" : "s");
    $("groups-more").hidden = S.groups.length >= S.matching;
    const doc = S.docFilter === null ? null : S.docs[S.docFilter];
    $("doc-filter").hidden = !doc;
    if (doc) $("doc-filter-name").textContent = "In " + doc.name;
  }

  function groupIndex() {
    return S.groups.findIndex((g) => keyOf(g) === S.current);
  }

  // ------------------------------------------------------------------ the open pattern

  async function openGroup(g, opts = {}) {
    if (!g) {
      S.current = null;
      S.group = null;
      $("group").hidden = true;
      $("empty-group").hidden = false;
      return;
    }
    const key = keyOf(g);
    const same = key === S.current;
    S.current = key;
    for (const li of $("groups").children) li.classList.toggle("is-current", li.dataset.key === key);
    const row = [...$("groups").children].find((li) => li.dataset.key === key);
    if (row && opts.scroll !== false) row.scrollIntoView({ block: "nearest" });
    const params = { original: g.original };
    if (g.reading !== null) params.reading = g.reading;
    const { status, data } = await api("GET", "group?" + query(params));
    if (S.current !== key) return; // another group was opened meanwhile
    if (status !== 200) {
      showNotice(data.error || "Cannot open the pattern.");
      return;
    }
    const keepChecks = same && opts.keepChecks ? new Set(S.checked) : null;
    S.group = data;
    S.shownInstances = INSTANCES_PAGE;
    S.cursor = same ? Math.min(S.cursor, Math.max(0, data.instances.length - 1)) : 0;
    S.checked = new Set();
    for (const i of data.instances) {
      if (i.status === "proposed" && !i.stale && (!keepChecks || keepChecks.has(instKey(i)))) S.checked.add(instKey(i));
    }
    $("group").hidden = false;
    $("empty-group").hidden = true;
    $("g-reading-input").value = g.reading === null ? "" : g.reading;
    renderGroup();
  }

  function visibleInstances() {
    const all = S.group ? S.group.instances : [];
    const pending = all.filter((i) => i.status === "proposed" && !i.stale);
    if (!$("f-decided").checked) return pending;
    return pending.concat(all.filter((i) => !(i.status === "proposed" && !i.stale)));
  }

  function renderGroup() {
    const { group: g } = S.group;
    const kind = $("g-kind");
    kind.textContent = g.kind;
    kind.className = "kind-chip k-" + g.kind;
    $("g-original").textContent = g.original === "" ? "‸" : g.original;
    $("g-reading").textContent = g.reading === null ? "(no reading: unclear)" : shownReading(g.reading);
    const parts = [fmt(g.pending) + " pending in " + fmt(g.documents) + " document" + (g.documents === 1 ? "" : "s")];
    if (g.decided) parts.push(fmt(g.decided) + " decided (" + fmt(g.accepted) + " accepted, " + fmt(g.rejected) + " rejected" + (g.flagged ? ", " + fmt(g.flagged) + " unclear" : "") + ")");
    parts.push("confidence " + fmtConf(g.confidence) + (g.learned ? " → " + fmtConf(g.weighed) : ""));
    $("g-counts").textContent = parts.join(" · ");
    $("g-learned").textContent = g.learned ? g.learned.said : "not decided before in this project";
    $("g-bar").style.width = (g.total ? Math.round((100 * g.decided) / g.total) : 0) + "%";
    S.instances = visibleInstances();
    renderInstances();
  }

  function renderSelection() {
    const n = S.checked.size;
    const pending = S.group ? S.group.instances.filter((i) => i.status === "proposed" && !i.stale).length : 0;
    $("sel-count").textContent = fmt(n) + " of " + fmt(pending) + " pending ticked";
    const g = S.group ? S.group.group : null;
    const typed = $("g-reading-input").value;
    const edit = g && g.reading !== null && typed !== g.reading;
    $("b-accept-label").textContent = (edit ? "Accept as " + quote(shownReading(typed)) : "Accept") + " " + fmt(n);
    $("b-reject-label").textContent = "Reject " + fmt(n);
    const none = n === 0 || S.busy;
    $("b-accept").disabled = none || (g && g.reading === null && typed === "");
    $("b-reject").disabled = none;
    $("b-flag").disabled = none;
    $("b-undo").disabled = S.undo.length === 0 || S.busy;
  }

  function instanceRow(inst, n) {
    const k = instKey(inst);
    const ticked = S.checked.has(k);
    const decidable = inst.status === "proposed" && !inst.stale;
    const li = el("li", "inst s-" + (inst.stale ? "stale" : inst.status) + " k-" + S.group.group.kind + (n === S.cursor ? " is-cursor" : "") + (ticked ? "" : " is-unchecked"));
    li.dataset.key = k;
    li.dataset.n = n;
    const box = el("input");
    box.type = "checkbox";
    box.checked = ticked;
    box.disabled = !decidable;
    box.setAttribute("aria-label", "decide this instance");
    const doc = S.docs[inst.doc];
    const status = inst.stale ? "stale" : inst.status === "proposed" ? "" : inst.status + (inst.reading !== null && inst.reading !== S.group.group.reading ? " " + quote(shownReading(inst.reading)) : "");
    li.append(box, el("span", "i-doc", doc ? doc.name : "#" + inst.doc), el("span", "i-status", status));
    const ctx = el("span", "i-ctx");
    const d = S.details.get(k);
    if (d && !d.missing) {
      ctx.append((d.cut_left ? "…" : "") + squeeze(d.before), el("mark", null, d.original === "" ? "‸" : d.original), squeeze(d.after) + (d.cut_right ? "…" : ""));
      if (d.why) ctx.title = d.why;
    } else {
      ctx.textContent = d && d.missing ? "(no longer in the corrections file)" : "…";
    }
    li.append(ctx);
    if (d && d.crop) li.append(cropCanvas(inst.doc, d.crop));
    return li;
  }

  // Around the form, a paragraph break is shown as ¶ so that the context stays compact.
  function squeeze(t) {
    return t.replace(/[ \t]*\n[ \t]*(\n\s*)+/g, " ¶ ");
  }

  function renderInstances() {
    const frag = document.createDocumentFragment();
    const shown = S.instances.slice(0, S.shownInstances);
    shown.forEach((inst, n) => frag.append(instanceRow(inst, n)));
    $("instances").replaceChildren(frag);
    $("instances-more").hidden = S.instances.length <= S.shownInstances;
    $("instances-more").textContent = "Show more instances (" + fmt(S.instances.length - S.shownInstances) + " more)";
    renderSelection();
    loadDetails(shown);
  }

  async function loadDetails(list) {
    const missing = list.filter((i) => !S.details.has(instKey(i)));
    if (!missing.length) return;
    const key = S.current;
    const { status, data } = await api("POST", "details", { items: missing.map((i) => ({ doc: i.doc, id: i.id })) });
    if (status !== 200) return;
    for (const d of data.details) S.details.set(d.doc + ":" + d.id, d);
    if (key !== S.current) return;
    for (const d of data.details) {
      const li = $("instances").querySelector('li[data-key="' + CSS.escape(d.doc + ":" + d.id) + '"]');
      if (li) {
        const inst = S.instances[Number(li.dataset.n)];
        li.replaceWith(instanceRow(inst, Number(li.dataset.n)));
      }
    }
  }

  // The page image around the form: its line, the form's box outlined. The image is fetched
  // with the session token and drawn on a canvas (no address of the image is ever exposed).
  function cropCanvas(doc, crop) {
    const canvas = el("canvas", "i-crop");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", "the line on the page image");
    const key = doc + ":" + crop.page;
    if (!S.images.has(key)) {
      S.images.set(key, fetch("/api/image?" + query({ doc, page: crop.page }), { headers: { "X-Edition-Token": S.token }, cache: "no-store", credentials: "omit" })
        .then((r) => (r.ok ? r.blob() : Promise.reject(new Error("HTTP " + r.status))))
        .then((b) => createImageBitmap(b)));
    }
    S.images.get(key).then((img) => {
      const scale = crop.width ? img.width / crop.width : 1;
      const pad = 6 * scale;
      const [lx0, ly0, lx1, ly1] = crop.line.map((v) => v * scale);
      const sx = Math.max(0, lx0 - pad);
      const sy = Math.max(0, ly0 - pad);
      const sw = Math.min(img.width, lx1 + pad) - sx;
      const sh = Math.min(img.height, ly1 + pad) - sy;
      canvas.width = Math.max(1, Math.round(sw));
      canvas.height = Math.max(1, Math.round(sh));
      const ctx = canvas.getContext("2d");
      ctx.drawImage(img, sx, sy, sw, sh, 0, 0, canvas.width, canvas.height);
      const [wx0, wy0, wx1, wy1] = crop.word.map((v) => v * scale);
      ctx.strokeStyle = "rgba(47, 93, 98, 0.9)";
      ctx.lineWidth = Math.max(2, 2 * scale);
      ctx.strokeRect(wx0 - sx - 2, wy0 - sy - 2, wx1 - wx0 + 4, wy1 - wy0 + 4);
    }).catch(() => { canvas.hidden = true; });
    return canvas;
  }

  function moveCursor(step) {
    if (!S.instances.length) return;
    S.cursor = Math.max(0, Math.min(S.instances.length - 1, S.cursor + step));
    if (S.cursor >= S.shownInstances) {
      S.shownInstances = S.cursor + INSTANCES_PAGE;
      renderInstances();
    } else {
      for (const li of $("instances").children) li.classList.toggle("is-cursor", Number(li.dataset.n) === S.cursor);
    }
    const li = $("instances").querySelector('li[data-n="' + S.cursor + '"]');
    if (li) li.scrollIntoView({ block: "nearest" });
  }

  function toggle(n) {
    const inst = S.instances[n];
    if (!inst || inst.status !== "proposed" || inst.stale) return;
    const k = instKey(inst);
    if (S.checked.has(k)) S.checked.delete(k);
    else S.checked.add(k);
    const li = $("instances").querySelector('li[data-n="' + n + '"]');
    if (li) li.replaceWith(instanceRow(inst, n));
    renderSelection();
  }

  function tickAll(on) {
    S.checked = new Set();
    if (on && S.group) {
      for (const i of S.group.instances) if (i.status === "proposed" && !i.stale) S.checked.add(instKey(i));
    }
    renderInstances();
  }

  // ------------------------------------------------------------------ deciding

  function ensureEditor() {
    if (editorName()) return true;
    names.ask();
    return false;
  }

  async function decide(action) {
    if (S.busy || !S.group) return;
    const g = S.group.group;
    const items = S.group.instances.filter((i) => S.checked.has(instKey(i)) && i.status === "proposed" && !i.stale);
    if (!items.length) {
      toast("Nothing ticked: tick instances (x), or all of them (X).");
      return;
    }
    if (action !== "reopen" && !ensureEditor()) return;
    let reading = null;
    if (action === "accept") {
      reading = $("g-reading-input").value;
      if (g.reading === null && reading === "") {
        toast("This pattern has no reading: type one (e), or mark it unclear (u).");
        return;
      }
      if (reading === g.original) {
        toast("That is the original: reject it (r) instead.");
        return;
      }
      if (reading !== g.reading) action = "edit";
    }
    const body = { action, by: editorName(), items: items.map((i) => ({ doc: i.doc, id: i.id, rev: i.rev, reading })) };
    const label = { accept: "Accepted", edit: "Accepted as " + quote(shownReading(reading)), reject: "Rejected", flag: "Marked unclear" }[action];
    await runBatch(body, label + " " + quote(g.original) + (action === "accept" ? " → " + quote(shownReading(g.reading)) : ""), true);
  }

  async function undo() {
    if (S.busy) return;
    const step = S.undo.pop();
    if (!step) {
      toast("Nothing to undo.");
      return;
    }
    await runBatch({ action: "reopen", items: step.items }, "Undone: " + step.label, false);
  }

  async function runBatch(body, label, undoable) {
    S.busy = true;
    renderSaveState();
    renderSelection();
    const { status, data } = await api("POST", "decide", body);
    if (status !== 200) {
      S.busy = false;
      renderSaveState();
      renderSelection();
      showNotice(data.error || "Not saved.");
      return;
    }
    let job = data.job;
    const box = $("job");
    box.hidden = false;
    for (;;) {
      $("job-label").textContent = "Deciding " + fmt(job.items) + " instance" + (job.items === 1 ? "" : "s") + " in " + fmt(job.documents) + " document" + (job.documents === 1 ? "" : "s") + ": " + fmt(job.done) + " of " + fmt(job.documents) + " documents done, " + fmt(job.decided) + " decided";
      $("job-bar").style.width = (job.documents ? Math.round((100 * job.done) / job.documents) : 100) + "%";
      if (job.finished) break;
      await new Promise((r) => setTimeout(r, JOB_POLL_MS));
      const res = await api("GET", "job?" + query({ id: job.id }));
      if (res.status !== 200) {
        showNotice(res.data.error || "Lost the batch's progress; reload the page.");
        break;
      }
      job = res.data;
    }
    box.hidden = true;
    if (undoable && job.changed && job.changed.length) S.undo.push({ label, items: job.changed });
    // the page shows the files as the batch left them before it says the decisions are saved
    // (still busy meanwhile: the poll would take the batch's own changes for another writer's)
    await refresh(true);
    S.busy = false;
    S.lastSaved = new Date();
    const said = [label + ": " + fmt(job.decided) + " in " + fmt(job.done) + " document" + (job.done === 1 ? "" : "s")];
    if (job.unchanged) said.push(fmt(job.unchanged) + " already so");
    toast(said.join("; ") + (undoable ? ". z to undo." : "."));
    const problems = [];
    if (job.refused_count) {
      problems.push(fmt(job.refused_count) + " not saved, left as they are: " + job.refused.slice(0, 3).map((r) => r.document + " " + r.id + " (" + r.reason + ")").join("; ") + (job.refused_count > 3 ? "; …" : ""));
    }
    if (job.failed && job.failed.length) problems.push(job.failed.length + " document(s) could not be read: " + job.failed[0].document + " (" + job.failed[0].reason + ")");
    if (job.error) problems.push("The batch stopped: " + job.error);
    if (problems.length) showNotice(problems.join(" · "));
    renderSaveState();
    renderSelection();
  }

  /* Reload what the page shows after a change: the corpus, the patterns, the open pattern (or
   * the next one with something pending when it has none left). */
  async function refresh(afterDecision) {
    const at = Math.max(0, groupIndex());
    const key = S.current;
    if (!(await loadState()) || !(await loadGroups(true))) return;
    let g = S.groups.find((x) => keyOf(x) === key);
    if (g && afterDecision && !g.pending) g = null;
    if (!g) g = S.groups[Math.min(at, S.groups.length - 1)] || null;
    await openGroup(g, { keepChecks: !afterDecision, scroll: false });
  }

  // ------------------------------------------------------------------ polling for outside changes

  async function poll() {
    if (document.visibilityState !== "visible" || S.busy || !S.token) return;
    const { status, data } = await api("GET", "version");
    if (status !== 200 || S.busy || data.busy) return;
    if (data.version !== S.version) {
      S.details = new Map();
      await refresh(false);
      showNotice("A corrections file changed on disk (another tab, a command or a git pull); the page now shows the files as they are.");
    }
  }

  // ------------------------------------------------------------------ wiring

  function moveGroup(step) {
    if (!S.groups.length) return;
    let i = groupIndex();
    i = i < 0 ? 0 : Math.max(0, Math.min(S.groups.length - 1, i + step));
    if (i >= S.groups.length - 1 && S.groups.length < S.matching) moreGroups();
    openGroup(S.groups[i]);
  }

  const KEYS = {
    j: () => moveGroup(1),
    k: () => moveGroup(-1),
    J: () => moveCursor(1),
    K: () => moveCursor(-1),
    ArrowDown: () => moveCursor(1),
    ArrowUp: () => moveCursor(-1),
    x: () => toggle(S.cursor),
    " ": () => toggle(S.cursor),
    X: () => tickAll(S.checked.size === 0),
    a: () => decide("accept"),
    r: () => decide("reject"),
    u: () => decide("flag"),
    z: () => undo(),
    e: () => { const i = $("g-reading-input"); i.focus(); i.select(); },
    "/": () => $("f-text").focus(),
  };

  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    const typing = t instanceof HTMLInputElement && t.type !== "checkbox" || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;
    if (ev.key === "Escape") {
      if (typing) t.blur();
      return;
    }
    if (typing || $("name-dialog").open) return;
    const handler = KEYS[ev.key];
    if (!handler) return;
    ev.preventDefault();
    handler();
  }

  function resetGroups() {
    S.details = new Map();
    loadGroups(false).then(() => openGroup(S.groups[0] || null));
  }

  function wire() {
    document.addEventListener("keydown", onKey);
    $("groups").addEventListener("click", (ev) => {
      const li = ev.target.closest("li[data-key]");
      if (!li) return;
      const g = S.groups.find((x) => keyOf(x) === li.dataset.key);
      if (g) openGroup(g, { scroll: false });
    });
    $("groups-more").addEventListener("click", moreGroups);
    $("instances").addEventListener("click", (ev) => {
      const li = ev.target.closest("li[data-n]");
      if (!li) return;
      const n = Number(li.dataset.n);
      S.cursor = n;
      for (const x of $("instances").children) x.classList.toggle("is-cursor", Number(x.dataset.n) === n);
      if (ev.target.type === "checkbox" || !window.getSelection().toString()) toggle(n);
    });
    $("instances-more").addEventListener("click", () => {
      S.shownInstances += INSTANCES_PAGE;
      renderInstances();
    });
    $("docs").addEventListener("click", (ev) => {
      const li = ev.target.closest("li[data-doc]");
      if (!li) return;
      const d = Number(li.dataset.doc);
      S.docFilter = S.docFilter === d ? null : d;
      renderDocs();
      resetGroups();
    });
    $("docs-more").addEventListener("click", () => {
      S.docsShown += DOCS_PAGE;
      renderDocs();
    });
    $("d-sort").addEventListener("change", (ev) => { renderDocs(); ev.target.blur(); });
    $("doc-filter-clear").addEventListener("click", () => {
      S.docFilter = null;
      renderDocs();
      resetGroups();
    });
    for (const id of ["f-status", "f-kind", "f-sort"]) {
      $(id).addEventListener("change", (ev) => { resetGroups(); ev.target.blur(); });
    }
    let timer = null;
    const refilter = () => {
      clearTimeout(timer);
      timer = setTimeout(resetGroups, 200);
    };
    $("f-text").addEventListener("input", refilter);
    // Esc empties a search box with a "search" event and no "input" event when the box loses
    // the focus on that key, as it does here: the patterns follow the box either way.
    $("f-text").addEventListener("search", refilter);
    $("f-text").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") { ev.preventDefault(); ev.target.blur(); }
    });
    $("f-decided").addEventListener("change", (ev) => { renderGroup(); ev.target.blur(); });
    $("g-reading-input").addEventListener("input", renderSelection);
    $("g-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      $("g-reading-input").blur();
      decide("accept");
    });
    $("b-reject").addEventListener("click", () => decide("reject"));
    $("b-flag").addEventListener("click", () => decide("flag"));
    $("b-undo").addEventListener("click", undo);
    $("b-all").addEventListener("click", () => tickAll(true));
    $("b-none").addEventListener("click", () => tickAll(false));
    $("notice-close").addEventListener("click", () => { $("notice").hidden = true; });
    names = EditionSession.nameDialog(() => S.editorHint);
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
    if (await loadState() && await loadGroups(false)) {
      await openGroup(S.groups[0] || null);
      document.body.classList.add("ready");
      if (!editorName()) names.ask();
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})();
