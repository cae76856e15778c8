// Coevo breeder: the page. Plain JavaScript, no build step; everything it needs comes from this server.
"use strict";

const $ = (sel) => document.querySelector(sel);
const state = {
  session: null,      // the session view from the server
  node: null,         // the node (generation) on the grid
  chosen: new Set(),  // member indices the person picked
  focus: 0,           // member shown in the Genome tab
  inspect: null,      // member open in the inspector
  view: { x: 0, y: 0, zoom: 1 },
  busy: false,
  artists: [],
};

// ---- talking to the server ---------------------------------------------------------------------------------------

async function api(method, path, body, raw) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    if (raw) { init.body = body; init.headers["Content-Type"] = "text/plain"; }
    else { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
  }
  const res = await fetch(path, init);
  if (res.status === 204) return null;
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!res.ok) throw new Error((data && data.error) || `${res.status} ${res.statusText}`);
  return data;
}

const sessionPath = () => `/api/sessions/${encodeURIComponent(state.session.name)}`;
const imageUrl = (node, member, params = {}) => {
  const q = new URLSearchParams(params).toString();
  return `${sessionPath()}/nodes/${node}/members/${member}/image${q ? "?" + q : ""}`;
};

function status(message, kind = "") {
  const el = $("#status");
  el.textContent = message;
  el.className = kind;
  if (kind === "ok") setTimeout(() => { if (el.textContent === message) el.textContent = ""; }, 4000);
}

// Work runs one piece at a time, in the order it was asked for: an action asked for while the page is busy (Enter
// pressed while a setting is being saved, a lineage node clicked while the last one loads) waits its turn instead of
// being dropped. A piece that depends on the page's state checks it when its turn comes.
let queue = Promise.resolve();
function busy(label, work) {
  const run = queue.then(async () => {
    state.busy = true;
    document.body.classList.add("busy");
    updateButtons();
    status(label);
    try { await work(); status(""); }
    catch (e) { status(e.message, "error"); }
    finally { state.busy = false; document.body.classList.remove("busy"); updateButtons(); }
  });
  queue = run;
  return run;
}

// ---- sessions ----------------------------------------------------------------------------------------------------

async function loadSessions(select) {
  const sessions = await api("GET", "/api/sessions");
  const sel = $("#session-select");
  sel.innerHTML = "";
  for (const s of sessions) {
    const o = document.createElement("option");
    o.value = s.name;
    o.textContent = `${s.name} · ${s.artist}`;
    sel.append(o);
  }
  const wanted = select || new URLSearchParams(location.hash.slice(1)).get("session") || (sessions[0] && sessions[0].name);
  if (wanted) await openSession(wanted);
}

async function openSession(name) {
  state.session = await api("GET", `/api/sessions/${encodeURIComponent(name)}`);
  $("#session-select").value = name;
  history.replaceState(null, "", `#session=${encodeURIComponent(name)}`);
  const s = state.session;
  $("#artist").textContent = s.artist;
  $("#artist").title = s.title;
  $("#mutations").value = s.settings.mutations;
  $("#mutations-value").textContent = s.settings.mutations;
  $("#children").value = s.settings.children;
  showActivations();
  showNode(s.current);
  await Promise.all([loadLineage(), loadGallery()]);
}

async function refreshSession() {
  if (!state.session || state.busy) return;
  const s = await api("GET", sessionPath());
  state.session = s;
  if (!state.node || s.current.id !== state.node.id) { showNode(s.current); await loadLineage(); }
}

async function saveSettings(patch) {
  await busy("Saving settings…", async () => {
    state.session = await api("PATCH", `${sessionPath()}/settings`, patch);
    status("Settings saved", "ok");
  });
}

// ---- the grid ----------------------------------------------------------------------------------------------------

// The parent sits in the middle and spans the inside of the grid; the children go round it in reading order.
function ringLayout(children) {
  let cols = 3, rows = 3;
  while (2 * cols + 2 * rows - 4 < children) { if (cols <= rows) cols++; else rows++; }
  const slots = [];
  for (let c = 0; c < cols; c++) slots.push([0, c]);
  for (let r = 1; r < rows - 1; r++) { slots.push([r, 0]); slots.push([r, cols - 1]); }
  for (let c = 0; c < cols; c++) slots.push([rows - 1, c]);
  return { cols, rows, slots };
}

function fitCells(cols, rows) {
  const stage = $("#stage");
  const gap = 10;
  const w = (stage.clientWidth - 36 - gap * (cols - 1)) / cols;
  const h = (stage.clientHeight - 36 - gap * (rows - 1)) / rows;
  const cell = Math.max(128, Math.min(192, Math.floor(Math.min(w, h)))); // thumbnails stay 128 to 192 px; the stage scrolls
  document.documentElement.style.setProperty("--cell", `${cell}px`);
}

function showNode(node) {
  state.node = node;
  state.chosen.clear();
  state.focus = 0;
  const grid = $("#grid");
  grid.innerHTML = "";
  const members = node.members;
  const { cols, rows, slots } = ringLayout(members.length - 1);
  grid.style.setProperty("--cols", cols);
  fitCells(cols, rows);
  grid.append(cell(members[0], 2, 2, cols - 2, rows - 2));
  slots.forEach(([r, c], k) => {
    const m = members[k + 1];
    if (m) grid.append(cell(m, r + 1, c + 1, 1, 1));
    else { const e = document.createElement("div"); e.className = "cell empty"; e.style.gridArea = `${r + 1} / ${c + 1}`; grid.append(e); }
  });
  const depth = node.depth;
  $("#where").textContent = `generation ${depth} · node ${node.id}` + (node.action === "import" ? " · imported" : "");
  updateButtons();
  showGenome(0);
}

function cell(m, row, col, spanC, spanR) {
  const el = document.createElement("div");
  el.className = "cell loading" + (m.index === 0 ? " parent" : "");
  el.style.gridArea = `${row} / ${col} / span ${spanR} / span ${spanC}`;
  el.dataset.index = m.index;
  el.dataset.testid = "cell";
  const img = new Image();
  img.alt = m.index === 0 ? "the parent" : `child ${m.index}`;
  img.onload = () => el.classList.remove("loading");
  img.src = imageUrl(state.node.id, m.index, m.index === 0 ? { size: 384 } : {});
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.textContent = m.index !== 0 ? m.index : state.node.action === "evolve" ? "parent · 0" : state.node.action === "import" ? "imported · 0" : "0";
  const info = document.createElement("div");
  info.className = "info";
  info.textContent = m.info + (m.species != null ? ` · species ${m.species + 1}` : "");
  el.title = info.textContent;
  const inspect = document.createElement("button");
  inspect.className = "inspect";
  inspect.type = "button";
  inspect.title = "Enlarge, render, export, save";
  inspect.setAttribute("aria-label", "inspect");
  inspect.innerHTML = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2.2"/><path d="M15.5 15.5L21 21" stroke="currentColor" stroke-width="2.6" stroke-linecap="round"/></svg>';
  inspect.addEventListener("click", (e) => { e.stopPropagation(); openInspector(m.index); });
  inspect.addEventListener("mouseenter", () => showGenome(m.index));
  el.append(img, badge, info, inspect);
  el.addEventListener("click", () => toggle(m.index));
  return el;
}

function memberName(index) {
  if (index !== 0) return `Child ${index}`;
  return state.node.action === "evolve" ? "The parent" : state.node.action === "import" ? "The imported genome" : "Picture 0";
}

function toggle(index) {
  if (!state.node || index < 0 || index >= state.node.members.length) return;
  if (state.chosen.has(index)) state.chosen.delete(index); else state.chosen.add(index);
  showChosen();
  showGenome(index);
}

function showChosen() {
  document.querySelectorAll("#grid .cell[data-index]").forEach((c) => c.classList.toggle("chosen", state.chosen.has(+c.dataset.index)));
  updateButtons();
}

function updateButtons() {
  const n = state.chosen.size;
  $("#evolve").disabled = state.busy || n === 0;
  $("#back").disabled = state.busy || !state.node || state.node.parent == null;
  $("#reset").disabled = state.busy;
  $("#selection-hint").textContent = n === 0 ? "Click the pictures you like"
    : n === 1 ? "1 chosen: its children are mutants" : `${n} chosen: children are crosses of them`;
}

async function evolve() {
  if (state.chosen.size === 0) return;
  await busy("Breeding…", async () => {
    if (state.chosen.size === 0) return; // a second press, queued behind the evolve that used the choice
    const chosen = [...state.chosen].sort((a, b) => a - b);
    const t0 = performance.now();
    const node = await api("POST", `${sessionPath()}/evolve`, { node: state.node.id, chosen });
    showNode(node);
    await loadLineage();
    status(`Generation ${node.depth} bred in ${Math.round(performance.now() - t0)} ms`, "ok");
  });
}

async function back() {
  if (!state.node || state.node.parent == null) return;
  await busy("Going back…", async () => {
    if (!state.node || state.node.parent == null) return;
    showNode(await api("POST", `${sessionPath()}/back`, { node: state.node.id }));
    await loadLineage();
  });
}

async function reset() {
  await busy("A fresh random generation…", async () => {
    showNode(await api("POST", `${sessionPath()}/reset`, {}));
    await loadLineage();
  });
}

async function openNode(id) {
  await busy("Opening…", async () => {
    showNode(await api("POST", `${sessionPath()}/open`, { node: id }));
    await loadLineage();
    status(`Reopened node ${id}: choose and evolve to branch from here`, "ok");
  });
}

// ---- lineage -----------------------------------------------------------------------------------------------------

async function loadLineage() {
  const data = await api("GET", `${sessionPath()}/lineage`);
  drawLineage(data.nodes, data.current);
}

function drawLineage(nodes, current) {
  const byId = new Map(nodes.map((n) => [n.id, { ...n, kids: [] }]));
  const roots = [];
  for (const n of byId.values()) (n.parent != null && byId.has(n.parent) ? byId.get(n.parent).kids : roots).push(n);
  // Tidy enough: leaves take consecutive columns, a parent sits over the middle of its children.
  let next = 0;
  const place = (n) => {
    if (n.kids.length === 0) n.x = next++;
    else { n.kids.forEach(place); n.x = (n.kids[0].x + n.kids[n.kids.length - 1].x) / 2; }
  };
  roots.forEach((r) => { place(r); next += 0.4; });
  const onPath = new Set();
  for (let n = byId.get(current); n; n = n.parent != null ? byId.get(n.parent) : null) onPath.add(n.id);
  const size = 46, dx = 56, dy = 64, pad = 8;
  const maxDepth = Math.max(0, ...nodes.map((n) => n.depth));
  const width = Math.max(1, next) * dx + pad * 2, height = (maxDepth + 1) * dy + pad * 2;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  const cx = (n) => pad + n.x * dx + size / 2, cy = (n) => pad + n.depth * dy;
  for (const n of byId.values())
    for (const k of n.kids) {
      const p = document.createElementNS(ns, "path");
      p.setAttribute("d", `M${cx(n)},${cy(n) + size} C${cx(n)},${cy(k) - 10} ${cx(k)},${cy(n) + size + 10} ${cx(k)},${cy(k)}`);
      p.setAttribute("class", "ledge" + (onPath.has(k.id) ? " path" : ""));
      svg.append(p);
    }
  for (const n of byId.values()) {
    const g = document.createElementNS(ns, "g");
    g.setAttribute("class", "lnode" + (n.id === current ? " current" : onPath.has(n.id) ? " ancestor" : ""));
    g.setAttribute("data-node", n.id);
    g.setAttribute("data-testid", "lineage-node");
    const x = cx(n) - size / 2, y = cy(n);
    const img = document.createElementNS(ns, "image");
    img.setAttribute("href", imageUrl(n.id, 0, { size: 64 }));
    img.setAttribute("x", x); img.setAttribute("y", y); img.setAttribute("width", size); img.setAttribute("height", size);
    const frame = document.createElementNS(ns, "rect");
    frame.setAttribute("class", "frame");
    frame.setAttribute("x", x - 1); frame.setAttribute("y", y - 1); frame.setAttribute("width", size + 2); frame.setAttribute("height", size + 2);
    frame.setAttribute("rx", 6);
    const title = document.createElementNS(ns, "title");
    title.textContent = `node ${n.id}, generation ${n.depth}` + (n.action === "evolve" ? `: bred from ${n.chosen.length} chosen, ${n.mutations} mutation(s)` : `: ${n.action}`);
    g.append(title, img, frame);
    g.addEventListener("click", () => openNode(n.id));
    svg.append(g);
  }
  const holder = $("#lineage");
  holder.innerHTML = "";
  holder.append(svg);
  const cur = byId.get(current);
  if (cur) holder.parentElement.scrollTo({ left: cx(cur) - holder.parentElement.clientWidth / 2, top: cy(cur) - 120 });
}

// ---- genome views ------------------------------------------------------------------------------------------------

async function showGenome(index) {
  if (!state.node) return;
  state.focus = index;
  const node = state.node.id;
  const text = await fetch(`${sessionPath()}/nodes/${node}/members/${index}/genome?format=json`).then((r) => r.text());
  if (state.focus !== index || state.node.id !== node) return;
  const genome = JSON.parse(text);
  $("#genome-caption").textContent = `${memberName(index)}: ${state.node.members[index].info}` +
    (genome.kind === "cppn" ? ". Orange links add, blue ones subtract; dashed ones are switched off." : "");
  const view = $("#genome-view");
  view.innerHTML = "";
  if (genome.kind === "cppn") view.append(cppnDiagram(genome));
  else if (genome.kind === "gp") view.append(gpTree(genome.tree));
  else view.append(biomorphGenes(genome));
}

const ACT_COLORS = { identity: "#9aa1b2", sin: "#ff6f91", cos: "#ff9f6f", gaussian: "#ffd36e", sigmoid: "#7ee0a1",
  tanh: "#5fd3e6", abs: "#b48cff", step: "#e6e6e6", usigmoid: "#4fbf7f", ugaussian: "#e8b64c" };

function svgEl(tag, attrs, text) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text != null) el.textContent = text;
  return el;
}

// Inputs on the left, outputs on the right, hidden nodes in columns by their longest path from the inputs.
function cppnDiagram(g) {
  const ids = g.nodes.map((n) => n.id);
  const layer = new Map(ids.map((id) => [id, 0]));
  for (let pass = 0; pass < g.nodes.length; pass++) {
    let changed = false;
    for (const l of g.links) if (layer.get(l.to) < layer.get(l.from) + 1) { layer.set(l.to, layer.get(l.from) + 1); changed = true; }
    if (!changed) break;
  }
  const outputs = g.nodes.filter((n) => n.kind === "output");
  const last = Math.max(1, ...g.nodes.filter((n) => n.kind === "hidden").map((n) => layer.get(n.id) + 1));
  for (const o of outputs) layer.set(o.id, last);
  for (const n of g.nodes) if (n.kind === "input" || n.kind === "bias") layer.set(n.id, 0);
  const columns = new Map();
  for (const n of g.nodes) { const c = layer.get(n.id); if (!columns.has(c)) columns.set(c, []); columns.get(c).push(n); }
  const tallest = Math.max(...[...columns.values()].map((c) => c.length));
  const W = 360, H = Math.max(220, tallest * 40 + 40), pos = new Map(), left = 44, right = 78;
  for (const [c, col] of columns) col.forEach((n, i) => pos.set(n.id, [left + (W - left - right) * c / last, H / 2 + (i - (col.length - 1) / 2) * Math.min(40, (H - 40) / col.length)]));
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H });
  for (const l of g.links) {
    const [x1, y1] = pos.get(l.from), [x2, y2] = pos.get(l.to);
    const w = Math.min(3, Math.abs(l.weight));
    svg.append(svgEl("path", {
      d: `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`, fill: "none",
      stroke: !l.enabled ? "#3b4150" : l.weight >= 0 ? "#ffb454" : "#5fa8ff", "stroke-width": 0.6 + w * 1.1,
      "stroke-dasharray": l.enabled ? "" : "3 3", opacity: l.enabled ? 0.85 : 0.5,
    }));
  }
  for (const n of g.nodes) {
    const [x, y] = pos.get(n.id);
    const gEl = svgEl("g", { class: "gnode" });
    gEl.append(svgEl("circle", { cx: x, cy: y, r: 11, fill: n.kind === "input" || n.kind === "bias" ? "#3b4150" : ACT_COLORS[n.activation] || "#999" }));
    const label = n.label || n.activation.slice(0, 4);
    gEl.append(svgEl("text", { x, y: y + 3.5, "text-anchor": "middle", fill: "#15171c", "font-weight": 700, "font-size": 8.5 }, n.kind === "input" || n.kind === "bias" ? "" : n.activation.slice(0, 3)));
    if (n.label) gEl.append(svgEl("text", { x: n.kind === "output" ? x + 15 : x - 15, y: y + 3.5, "text-anchor": n.kind === "output" ? "start" : "end" }, label));
    gEl.append(svgEl("title", {}, `${n.kind} ${n.id}: ${n.activation}`));
    svg.append(gEl);
  }
  return svg;
}

// The GP JSON tree: numbers are constants, strings are x/y/r, arrays are [op, (colour r g b | noise seed), children...].
function gpTree(tree) {
  const toNode = (t) => {
    if (typeof t === "number") return { label: t.toFixed(2), kids: [], kind: "const" };
    if (typeof t === "string") return { label: t, kids: [], kind: "var" };
    const op = t[0];
    if (op === "color") return { label: "", kids: [], kind: "color", rgb: t.slice(1, 4) };
    const args = op === "noise" || op === "color-noise" ? t.slice(2) : t.slice(1);
    return { label: op, kids: args.map(toNode), kind: "fn" };
  };
  const root = toNode(tree);
  let next = 0, depth = 0;
  const place = (n, d) => {
    n.d = d; depth = Math.max(depth, d);
    if (n.kids.length === 0) n.x = next++;
    else { n.kids.forEach((k) => place(k, d + 1)); n.x = (n.kids[0].x + n.kids[n.kids.length - 1].x) / 2; }
  };
  place(root, 0);
  const dx = 40, dy = 42, W = Math.max(360, next * dx + 20), H = (depth + 1) * dy + 20;
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H });
  const X = (n) => 10 + n.x * dx + dx / 2 + (W - 20 - next * dx) / 2, Y = (n) => 22 + n.d * dy;
  const edges = (n) => n.kids.forEach((k) => { svg.append(svgEl("line", { x1: X(n), y1: Y(n), x2: X(k), y2: Y(k), stroke: "#454b5a", "stroke-width": 1.5 })); edges(k); });
  edges(root);
  const nodes = (n) => {
    const fill = n.kind === "fn" ? "#ff9f6f" : n.kind === "var" ? "#5fd3e6" : n.kind === "const" ? "#3b4150"
      : `rgb(${n.rgb.map((v) => Math.round(Math.max(0, Math.min(1, (v + 1) / 2)) * 255)).join(",")})`;
    const w = Math.max(26, n.label.length * 6 + 8);
    svg.append(svgEl("rect", { x: X(n) - w / 2, y: Y(n) - 10, width: w, height: 20, rx: 6, fill }));
    svg.append(svgEl("text", { x: X(n), y: Y(n) + 3.5, "text-anchor": "middle", fill: n.kind === "const" ? "#e7e9ee" : "#15171c", "font-weight": 600, "font-size": 9.5 }, n.label));
    n.kids.forEach(nodes);
  };
  nodes(root);
  return svg;
}

function biomorphGenes(g) {
  const box = document.createElement("div");
  box.className = "genes";
  const row = (name, value, min, max) => {
    const label = document.createElement("span"); label.textContent = name;
    const bar = document.createElement("div"); bar.className = "bar";
    const fill = document.createElement("i");
    const mid = (0 - min) / (max - min), at = (value - min) / (max - min);
    fill.style.left = `${Math.min(mid, at) * 100}%`;
    fill.style.width = `${Math.max(1.5, Math.abs(at - mid) * 100)}%`;
    bar.append(fill);
    const v = document.createElement("b"); v.textContent = value;
    box.append(label, bar, v);
  };
  g.genes.forEach((v, i) => row(`g${i + 1}${i < 3 ? " (x)" : " (y)"}`, v, -9, 9));
  row("depth", g.depth, 0, 12);
  row("segments", g.segments, 0, 32);
  row("segment dist.", g.segment_distance, 0, 20);
  if (g.gradients.some((v) => v !== 0)) g.gradients.forEach((v, i) => row(`gradient ${i + 1}`, v, -9, 9));
  return box;
}

const ALL_ACTIVATIONS = ["identity", "sin", "cos", "gaussian", "sigmoid", "tanh", "abs", "step", "usigmoid", "ugaussian"];

function showActivations() {
  const panel = $("#activations");
  panel.hidden = state.session.artist !== "cppn";
  const boxes = $("#activation-boxes");
  boxes.innerHTML = "";
  for (const a of ALL_ACTIVATIONS) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = a;
    box.checked = state.session.settings.activations.includes(a);
    box.addEventListener("change", async () => {
      const chosen = [...boxes.querySelectorAll("input:checked")].map((b) => b.value);
      if (chosen.length === 0) { box.checked = true; status("Keep at least one activation", "error"); return; }
      await saveSettings({ activations: chosen });
    });
    const swatch = document.createElement("span");
    swatch.style.cssText = `width:10px;height:10px;border-radius:50%;background:${ACT_COLORS[a]}`;
    label.append(box, swatch, document.createTextNode(a));
    boxes.append(label);
  }
}

// ---- the inspector: enlarge, zoom and pan, render, export, save ------------------------------------------------------

function openInspector(index) {
  state.inspect = index;
  state.view = { x: 0, y: 0, zoom: 1 };
  $("#zoom").value = 0;
  $("#inspect-title").textContent = `${memberName(index)} · node ${state.node.id} · ${state.node.members[index].info}`;
  const links = $("#export-links");
  links.innerHTML = "";
  for (const f of state.session.formats) {
    const a = document.createElement("a");
    a.href = `${sessionPath()}/nodes/${state.node.id}/members/${index}/genome?format=${f}&download=1`;
    a.textContent = { json: "JSON", sexp: "S-expression", xml: "cppn-x XML" }[f] || f;
    a.className = "button";
    a.dataset.testid = `export-${f}`;
    links.append(a);
  }
  $("#save-title").value = "";
  $("#save-tags").value = "";
  updateView();
  $("#inspector").showModal();
}

function viewParams(size) {
  const v = state.view;
  return { size, x: v.x.toFixed(5), y: v.y.toFixed(5), zoom: v.zoom.toFixed(4) };
}

let viewTimer = 0;
function updateView() {
  const v = state.view;
  $("#zoom-value").textContent = `${v.zoom < 10 ? v.zoom.toFixed(1) : Math.round(v.zoom)}×`;
  clearTimeout(viewTimer);
  viewTimer = setTimeout(() => { $("#inspect-img").src = imageUrl(state.node.id, state.inspect, viewParams(512)); }, 60);
  const size = $("#render-size").value;
  $("#render-link").href = imageUrl(state.node.id, state.inspect, { ...viewParams(size), download: 1 });
  $("#render-link").textContent = `Download ${size} px PNG`;
}

function setupViewport() {
  const vp = $("#viewport");
  let drag = null;
  vp.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, vx: state.view.x, vy: state.view.y }; vp.setPointerCapture(e.pointerId); });
  vp.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const scale = 2 / vp.clientWidth / state.view.zoom;
    state.view.x = drag.vx - (e.clientX - drag.x) * scale;
    state.view.y = drag.vy - (e.clientY - drag.y) * scale;
    const img = $("#inspect-img");
    img.style.transform = `translate(${e.clientX - drag.x}px, ${e.clientY - drag.y}px)`;
  });
  vp.addEventListener("pointerup", () => { if (!drag) return; drag = null; $("#inspect-img").onload = () => { $("#inspect-img").style.transform = ""; }; updateView(); });
  vp.addEventListener("wheel", (e) => {
    e.preventDefault();
    const z = Math.min(Math.exp(6), Math.max(1, state.view.zoom * Math.exp(-e.deltaY * 0.0015)));
    state.view.zoom = z;
    $("#zoom").value = Math.log(z);
    updateView();
  }, { passive: false });
  $("#zoom").addEventListener("input", () => { state.view.zoom = Math.exp(+$("#zoom").value); updateView(); });
  $("#view-reset").addEventListener("click", () => { state.view = { x: 0, y: 0, zoom: 1 }; $("#zoom").value = 0; updateView(); });
  $("#render-size").addEventListener("change", updateView);
  $("#save-go").addEventListener("click", saveToGallery);
}

async function saveToGallery() {
  const title = $("#save-title").value.trim();
  if (!title) { $("#save-title").focus(); status("Give the picture a title", "error"); return; }
  const tags = $("#save-tags").value.split(",").map((t) => t.trim()).filter(Boolean);
  await busy("Saving to the gallery…", async () => {
    await api("POST", "/api/gallery", { session: state.session.name, node: state.node.id, member: state.inspect, title, tags });
    $("#inspector").close();
    await loadGallery();
    selectTab("gallery");
    status(`Saved “${title}” to the gallery`, "ok");
  });
}

// ---- gallery and import ------------------------------------------------------------------------------------------

async function loadGallery() {
  const items = await api("GET", "/api/gallery");
  $("#gallery-count").textContent = items.length || "";
  const box = $("#gallery");
  box.innerHTML = "";
  if (items.length === 0) {
    const p = document.createElement("p"); p.className = "empty-note";
    p.textContent = "Nothing saved yet. Open a picture with ⓘ and save it here.";
    box.append(p);
    return;
  }
  for (const it of items) {
    const card = document.createElement("div");
    card.className = "gitem";
    card.dataset.testid = "gallery-item";
    const img = new Image(); img.src = `/api/gallery/${it.id}/image`; img.alt = it.title; img.loading = "lazy";
    const meta = document.createElement("div"); meta.className = "meta";
    const t = document.createElement("b"); t.textContent = it.title;
    const sub = document.createElement("span"); sub.className = "muted small"; sub.textContent = `${it.artist} · ${it.session} · node ${it.node}`;
    const tags = document.createElement("div"); tags.className = "tags";
    for (const tag of it.tags) { const s = document.createElement("span"); s.textContent = tag; tags.append(s); }
    const links = document.createElement("div"); links.className = "links";
    const png = document.createElement("a"); png.href = `/api/gallery/${it.id}/image?download=1`; png.textContent = "PNG";
    const gen = document.createElement("a"); gen.href = `/api/gallery/${it.id}/genome?download=1`; gen.textContent = "genome";
    const breed = document.createElement("button"); breed.textContent = "breed"; breed.title = "Breed on from it in this session";
    breed.addEventListener("click", async () => {
      if (it.artist !== state.session.artist) { status(`This is a ${it.artist} picture; open a ${it.artist} session to breed it`, "error"); return; }
      const text = await fetch(`/api/gallery/${it.id}/genome`).then((r) => r.text());
      await importGenome(text, "json");
    });
    const del = document.createElement("button"); del.textContent = "\u2715"; del.title = "Delete"; del.className = "delete";
    del.addEventListener("click", async () => {
      if (!confirm(`Delete “${it.title}” from the gallery?`)) return;
      await busy("Deleting…", async () => { await api("DELETE", `/api/gallery/${it.id}`); await loadGallery(); });
    });
    links.append(png, gen, breed, del);
    meta.append(t, sub, tags, links);
    card.append(img, meta);
    box.append(card);
  }
}

async function importGenome(text, format) {
  await busy("Importing…", async () => {
    const q = format ? `?format=${format}` : "";
    showNode(await api("POST", `${sessionPath()}/import${q}`, text, true));
    await loadLineage();
    status("Imported: the genome is in the centre, its mutants around it", "ok");
  });
}

// ---- wiring ------------------------------------------------------------------------------------------------------

function selectTab(name) {
  document.querySelectorAll(".tabs button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
  document.querySelectorAll(".panel").forEach((p) => p.classList.toggle("active", p.id === `panel-${name}`));
}

// Keys go to text fields and dialogs when those have the focus; a focused button keeps Enter for itself.
function typing(e) {
  if (e.target.closest("dialog[open], textarea, select")) return true;
  const input = e.target.closest("input");
  if (input && !["range", "checkbox", "button"].includes(input.type)) return true;
  return e.key === "Enter" && e.target.closest("button, a");
}

document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !$("#inspector").open) { state.chosen.clear(); showChosen(); return; }
  if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
  if (/^[0-9]$/.test(e.key)) { toggle(+e.key); e.preventDefault(); }
  else if (e.key === "Enter") { evolve(); e.preventDefault(); }
  else if (e.key === "Backspace") { back(); e.preventDefault(); }
});

window.addEventListener("DOMContentLoaded", async () => {
  document.querySelectorAll(".tabs button").forEach((b) => b.addEventListener("click", () => selectTab(b.dataset.tab)));
  $("#evolve").addEventListener("click", evolve);
  $("#back").addEventListener("click", back);
  $("#reset").addEventListener("click", reset);
  $("#mutations").addEventListener("input", () => { $("#mutations-value").textContent = $("#mutations").value; });
  $("#mutations").addEventListener("change", () => saveSettings({ mutations: +$("#mutations").value }));
  $("#children").addEventListener("change", () => {
    const n = +$("#children").value;
    if (!(n >= 8 && n <= 30)) { status("Children: 8 to 30", "error"); $("#children").value = state.session.settings.children; return; }
    saveSettings({ children: n });
  });
  $("#session-select").addEventListener("change", () => busy("Opening session…", () => openSession($("#session-select").value)));
  $("#new-session").addEventListener("click", () => $("#new-dialog").showModal());
  $("#new-cancel").addEventListener("click", () => $("#new-dialog").close());
  $("#new-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const name = $("#new-name").value.trim(), artist = $("#new-artist").value;
    const settings = artist === "cppn" ? { color: $("#new-color").value } : {};
    await busy("Starting a session…", async () => {
      await api("POST", "/api/sessions", { name, artist, settings });
      $("#new-dialog").close();
      await loadSessions(name);
    });
  });
  $("#new-artist").addEventListener("change", () => { $("#new-color").hidden = $("#new-artist").value !== "cppn"; });
  $("#import-file").addEventListener("change", async () => {
    const f = $("#import-file").files[0];
    if (!f) return;
    if (f.size > 1024 * 1024) { status(`${f.name} is ${(f.size / 1048576).toFixed(1)} MiB; genomes up to 1 MiB can be imported`, "error"); return; }
    $("#import-text").value = await f.text();
  });
  $("#import-go").addEventListener("click", () => {
    const text = $("#import-text").value;
    if (!text.trim()) { status("Choose a file or paste a genome first", "error"); return; }
    importGenome(text, $("#import-format").value);
  });
  window.addEventListener("resize", () => { if (state.node) { const { cols, rows } = ringLayout(state.node.members.length - 1); fitCells(cols, rows); } });
  document.addEventListener("visibilitychange", () => { if (!document.hidden) refreshSession().catch(() => {}); });
  window.addEventListener("focus", () => refreshSession().catch(() => {}));
  setupViewport();
  try {
    state.artists = await api("GET", "/api/artists");
    for (const a of state.artists) {
      const o = document.createElement("option"); o.value = a.name; o.textContent = `${a.name}: ${a.title}`; $("#new-artist").append(o);
    }
    const tab = new URLSearchParams(location.hash.slice(1)).get("tab");
    if (tab && document.getElementById(`panel-${tab}`)) selectTab(tab);
    await loadSessions();
  } catch (e) { status(e.message, "error"); }
});
