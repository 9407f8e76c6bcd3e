// griot web page: map, timeline, actor network, events, stories and articles over the
// griot JSON API (/api/v1). Plain JavaScript and SVG, no library, no network beyond this
// server. Every text that comes from an article or the database is put into the page as a
// text node (textContent), never as markup.
"use strict";

const API = "/api/v1";
const FILTERS = ["actor", "recipient", "type", "status", "context", "since", "until", "place", "text", "story", "bbox"];
const VIEWS = ["map", "timeline", "network", "events", "stories", "story", "article"];
const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const QUAD_COLOURS = { 0: "#888", 1: "#2b8cbe", 2: "#41ab5d", 3: "#fe9929", 4: "#d7301f" };
const SVGNS = "http://www.w3.org/2000/svg";

let META = null;
const quadOf = (type) => {
  const t = META && META.types.find((x) => x.name === type);
  return (t && t.quad) || 0;
};

// ---------- small DOM helpers (children that are strings become text nodes) ----------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, String(v));
  }
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

const main = () => document.getElementById("main");
function show(...children) {
  const m = main();
  m.replaceChildren();
  append(m, children);
}

// ---------- state in the URL ----------

function state() {
  const q = new URLSearchParams(location.search);
  const view = VIEWS.includes(q.get("view")) ? q.get("view") : "map";
  return { q, view };
}

function filterParams(q) {
  const p = new URLSearchParams();
  for (const f of FILTERS) if (q.get(f)) p.set(f, q.get(f));
  return p;
}

function go(changes, replace) {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "") q.delete(k);
    else q.set(k, v);
  }
  const url = "/?" + q.toString();
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render();
}

// ---------- API ----------

class ApiFailure extends Error {
  constructor(status, body) {
    super((body && body.error && body.error.message) || "request failed with status " + status);
    this.status = status;
    this.body = body;
  }
}

async function api(path, params) {
  const url = API + path + (params && String(params) ? "?" + params : "");
  const headers = {};
  const token = sessionStorage.getItem("griot-token");
  if (token) headers["Authorization"] = "Bearer " + token;
  const r = await fetch(url, { headers });
  let body = null;
  try {
    body = await r.json();
  } catch (e) {
    body = null;
  }
  if (!r.ok) throw new ApiFailure(r.status, body);
  return body;
}

function failure(e) {
  if (e instanceof ApiFailure && e.status === 401) {
    const input = h("input", { type: "password", size: 30, "aria-label": "token" });
    return h("div", { class: "error" }, "This server needs a token to read. ", input, " ",
      h("button", { onclick: () => { sessionStorage.setItem("griot-token", input.value.trim()); render(); } }, "Use token"));
  }
  const param = e.body && e.body.error && e.body.error.parameter;
  return h("p", { class: "error", role: "alert" }, param ? `Parameter ${param}: ${e.message}` : e.message);
}

// ---------- filters form ----------

function fillForm(q) {
  const form = document.getElementById("filters");
  for (const f of FILTERS) {
    const el = form.elements[f];
    if (el) el.value = q.get(f) || "";
  }
  const extra = document.getElementById("extra-filters");
  extra.replaceChildren();
  for (const f of ["story", "bbox"]) {
    if (q.get(f)) {
      extra.appendChild(h("span", { class: "chip" }, `${f}: ${q.get(f)} `,
        h("button", { type: "button", title: "remove", onclick: () => go({ [f]: null, cursor: null }) }, "×")));
    }
  }
}

function setupForm() {
  const form = document.getElementById("filters");
  const add = (name, values) => {
    const sel = form.elements[name];
    for (const v of values) sel.appendChild(h("option", { value: v }, v));
  };
  add("type", META.types.map((t) => t.name));
  add("status", META.statuses);
  add("context", META.contexts);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const changes = { cursor: null };
    for (const f of FILTERS) if (form.elements[f]) changes[f] = form.elements[f].value.trim();
    const { view } = state();
    if (view === "article" || view === "story") changes.view = "events";
    go(changes);
  });
  document.getElementById("clear").addEventListener("click", () => {
    const changes = { cursor: null };
    for (const f of FILTERS) changes[f] = null;
    go(changes);
  });
  for (const a of document.querySelectorAll("#tabs a")) {
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      go({ view: a.dataset.view, id: null, event: null, cursor: null });
    });
  }
  document.getElementById("home").addEventListener("click", (ev) => {
    ev.preventDefault();
    go({ view: "map", id: null, event: null });
  });
}

// ---------- tooltip ----------

function tip(el, text) {
  el.addEventListener("mouseenter", () => {
    const t = document.getElementById("tip");
    t.textContent = typeof text === "function" ? text() : text;
    t.hidden = false;
  });
  el.addEventListener("mousemove", (ev) => {
    const t = document.getElementById("tip");
    t.style.left = Math.min(ev.clientX + 14, window.innerWidth - t.offsetWidth - 8) + "px";
    t.style.top = Math.min(ev.clientY + 14, window.innerHeight - t.offsetHeight - 8) + "px";
  });
  el.addEventListener("mouseleave", () => { document.getElementById("tip").hidden = true; });
}

function legend() {
  return h("div", { class: "legend" }, [1, 2, 3, 4].map((q) =>
    h("span", {}, h("i", { class: "bg" + q }), QUAD_NAMES[q])));
}

// ---------- map ----------

let WORLD = null;

// TopoJSON (quantized arcs) to rings of [lon, lat].
function decodeTopology(topo) {
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (ids) => {
    const out = [];
    for (const id of ids) {
      const a = id < 0 ? arcs[~id].slice().reverse() : arcs[id];
      for (let i = out.length ? 1 : 0; i < a.length; i++) out.push(a[i]);
    }
    return out;
  };
  return topo.objects.countries.geometries.map((g) => {
    const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    return { name: (g.properties && g.properties.name) || "", rings: polys.flatMap((p) => p.map(ring)) };
  });
}

const W = 960, H = 480;
const project = ([lon, lat]) => [(lon + 180) * (W / 360), (90 - lat) * (H / 180)];

function countryPath(rings) {
  let d = "";
  for (const r of rings) {
    // a ring that crosses the antimeridian is cut there, not drawn across the map
    let crossed = false;
    r.forEach((pt, i) => {
      const [x, y] = project(pt);
      const jump = i > 0 && Math.abs(pt[0] - r[i - 1][0]) > 180;
      crossed = crossed || jump;
      d += (i && !jump ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1);
    });
    if (!crossed) d += "Z";
  }
  return d;
}

async function viewMap(q) {
  const params = filterParams(q);
  const [places, world] = await Promise.all([
    api("/places", params),
    WORLD ? Promise.resolve(WORLD) : fetch("/assets/vendor/world-atlas/countries-110m.json").then((r) => r.json()).then((t) => (WORLD = decodeTopology(t))),
  ]);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": "map of event locations" });
  const layer = s("g", {});
  for (const c of world) {
    const p = s("path", { class: "country", d: countryPath(c.rings) });
    tip(p, c.name);
    layer.appendChild(p);
  }
  const dots = s("g", { class: "clusters" });
  svg.append(layer, dots);
  const list = h("div", { id: "map-events" });
  let view = { x: 0, y: 0, w: W, h: H };
  const located = places.places.reduce((n, p) => n + p.count, 0);

  const drawClusters = () => {
    dots.replaceChildren();
    const k = W / view.w; // zoom factor
    const cell = 28 / k; // cluster cells of ~28 screen pixels
    const cells = new Map();
    for (const p of places.places) {
      const [x, y] = project([p.lon, p.lat]);
      const key = Math.floor(x / cell) + ":" + Math.floor(y / cell);
      let c = cells.get(key);
      if (!c) cells.set(key, (c = { x: 0, y: 0, count: 0, places: [], quads: {} }));
      c.x += x * p.count; c.y += y * p.count; c.count += p.count; c.places.push(p);
      for (const [t, n] of Object.entries(p.types)) c.quads[quadOf(t)] = (c.quads[quadOf(t)] || 0) + n;
    }
    for (const c of cells.values()) {
      const cx = c.x / c.count, cy = c.y / c.count;
      const quad = Object.entries(c.quads).sort((a, b) => b[1] - a[1])[0][0];
      const r = (4 + 3 * Math.sqrt(c.count)) / k;
      const g = s("g", {});
      const circle = s("circle", { class: "cluster", cx, cy, r, fill: QUAD_COLOURS[quad], dataset: { count: c.count } });
      tip(circle, () => c.places.map((p) => `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.count} event${p.count > 1 ? "s" : ""}`).join("\n"));
      circle.addEventListener("click", () => showPlaceEvents(c.places, list));
      g.appendChild(circle);
      if (c.count > 1) {
        const t = s("text", { class: "label", x: cx, y: cy, "font-size": 10 / k }, String(c.count));
        g.appendChild(t);
      }
      dots.appendChild(g);
    }
  };
  const setView = () => {
    svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    drawClusters();
  };
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const rect = svg.getBoundingClientRect();
    const mx = view.x + ((ev.clientX - rect.left) / rect.width) * view.w;
    const my = view.y + ((ev.clientY - rect.top) / rect.height) * view.h;
    const f = ev.deltaY < 0 ? 0.8 : 1.25;
    const w = Math.min(W, Math.max(W / 40, view.w * f));
    const hh = w * (H / W);
    view = { x: mx - (mx - view.x) * (w / view.w), y: my - (my - view.y) * (hh / view.h), w, h: hh };
    setView();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("mousedown", (ev) => { drag = { x: ev.clientX, y: ev.clientY, view: { ...view } }; });
  window.addEventListener("mouseup", () => { drag = null; });
  svg.addEventListener("mousemove", (ev) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    view.x = drag.view.x - ((ev.clientX - drag.x) / rect.width) * view.w;
    view.y = drag.view.y - ((ev.clientY - drag.y) / rect.height) * view.h;
    svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  });
  if (places.places.length) {
    // start on the events: their extent, with a margin, at least an eighth of the world
    const pts = places.places.map((p) => project([p.lon, p.lat]));
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const w = Math.min(W, Math.max(W / 8, (Math.max(...xs) - Math.min(...xs)) * 1.6, (Math.max(...ys) - Math.min(...ys)) * 1.6 * (W / H)));
    const hh = w * (H / W);
    view = { x: Math.max(0, Math.min(W - w, cx - w / 2)), y: Math.max(0, Math.min(H - hh, cy - hh / 2)), w, h: hh };
    svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  }
  drawClusters();
  show(
    h("div", { id: "map" },
      h("p", { class: "small" }, `${located} located event${located === 1 ? "" : "s"} at ${places.places.length} place${places.places.length === 1 ? "" : "s"}; wheel to zoom, drag to pan, click a dot for its events.`),
      legend(), svg),
    list);
}

async function showPlaceEvents(places, list) {
  list.replaceChildren(h("p", { class: "note" }, "Loading events…"));
  const { q } = state();
  try {
    const pages = await Promise.all(places.slice(0, 20).map((p) => {
      const params = filterParams(q);
      params.set("place", p.name);
      params.set("limit", "100");
      return api("/events", params);
    }));
    const events = pages.flatMap((p) => p.events);
    list.replaceChildren(h("h3", {}, places.map((p) => p.name).join(", ")), eventTable(events));
  } catch (e) {
    list.replaceChildren(failure(e));
  }
}

// ---------- events table ----------

function actorText(a) {
  if (!a) return "–";
  return (a.country || "?") + (a.sector ? "/" + a.sector : "") + " " + a.text;
}

function eventTable(events) {
  const rows = events.map((e) => {
    const r = e.record;
    const tr = h("tr", { dataset: { event: r.id } },
      h("td", {}, r.date ? r.date.value : (e.date_start || "–")),
      h("td", { class: "q" + (e.quad || 0) }, r.type + (r.mode ? "/" + r.mode : "")),
      h("td", {}, actorText(r.actor)),
      h("td", {}, actorText(r.recipient)),
      h("td", {}, r.location ? r.location.name : "–"),
      h("td", {}, r.status),
      h("td", {}, "“" + r.trigger.text + "”"),
      h("td", {}, e.article_title || e.article_id));
    tr.addEventListener("click", () => go({ view: "article", id: e.article_id, event: r.id }));
    tip(tr, () => `rule ${r.rule}${r.cameo ? " · CAMEO " + r.cameo : ""}\nevidence: ${r.evidence.map((x) => "“" + x.text + "”").join(", ")}`);
    return tr;
  });
  return h("table", { class: "events" },
    h("thead", {}, h("tr", {}, ["date", "type", "actor", "recipient", "place", "status", "trigger", "article"].map((c) => h("th", {}, c)))),
    h("tbody", {}, rows));
}

async function viewEvents(q) {
  const params = filterParams(q);
  params.set("limit", "100");
  params.set("sort", q.get("sort") || "ingest");
  const [page, counts] = await Promise.all([api("/events", params), api("/counts", withPeriod(filterParams(q), "month"))]);
  const table = eventTable(page.events);
  const more = h("div", { class: "more" });
  let next = page.next;
  const addMore = () => {
    more.replaceChildren();
    if (!next) return;
    more.appendChild(h("button", { id: "more", onclick: async () => {
      const p = new URLSearchParams(params);
      p.set("cursor", next);
      try {
        const pg = await api("/events", p);
        const body = table.querySelector("tbody");
        for (const tr of eventTable(pg.events).querySelectorAll("tbody tr")) body.appendChild(tr);
        next = pg.next;
        addMore();
      } catch (e) { more.replaceChildren(failure(e)); }
    } }, "More events"));
  };
  addMore();
  const exp = filterParams(q);
  const jsonl = new URLSearchParams(exp); jsonl.set("format", "plover-jsonl");
  const csv = new URLSearchParams(exp); csv.set("format", "csv");
  const sortSel = h("select", { id: "sort", onchange: (ev) => go({ sort: ev.target.value }) },
    ["ingest", "date", "-date"].map((v) => h("option", { value: v, selected: (q.get("sort") || "ingest") === v }, { ingest: "ingest order", date: "earliest first", "-date": "latest first" }[v])));
  show(
    h("p", {}, h("strong", { id: "event-total" }, `${counts.total} event${counts.total === 1 ? "" : "s"}`), " match. ",
      "Sort: ", sortSel, " · Export: ",
      h("a", { href: API + "/export?" + jsonl, download: "griot-events.jsonl" }, "PLOVER JSON lines"), " · ",
      h("a", { href: API + "/export?" + csv, download: "griot-events.csv" }, "CSV")),
    page.events.length ? table : h("p", { class: "note" }, "No event matches these filters."),
    more);
}

function withPeriod(p, period) {
  p.set("period", period);
  p.set("by", "quad");
  return p;
}

// ---------- timeline ----------

async function viewTimeline(q) {
  const period = ["day", "week", "month"].includes(q.get("period")) ? q.get("period") : "month";
  const series = await api("/counts", withPeriod(filterParams(q), period));
  const buckets = series.buckets;
  const chooser = h("span", {}, "by ", ["day", "week", "month"].map((p) =>
    h("button", { type: "button", disabled: p === period, onclick: () => go({ period: p }) }, p)));
  if (!buckets.length) {
    show(h("p", {}, chooser), h("p", { class: "note" }, "No dated event matches these filters."));
    return;
  }
  const width = 960, height = 260, left = 36, bottom = 40, top = 12;
  const max = Math.max(...buckets.map((b) => b.total));
  const bw = (width - left) / buckets.length;
  const y = (v) => top + (height - bottom - top) * (1 - v / max);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": "events over time", id: "timeline-chart" });
  for (let t = 0; t <= 4; t++) {
    const v = Math.round((max * t) / 4);
    svg.appendChild(s("text", { class: "axis", x: 2, y: y(v) + 3 }, String(v)));
    svg.appendChild(s("line", { x1: left, x2: width, y1: y(v), y2: y(v), stroke: "#eee" }));
  }
  buckets.forEach((b, i) => {
    let acc = 0;
    const g = s("g", { class: "bar", dataset: { period: b.period } });
    for (const quad of [1, 2, 3, 4, 0]) {
      const n = b.counts[String(quad)] || 0;
      if (!n) continue;
      g.appendChild(s("rect", { x: left + i * bw + 1, width: Math.max(1, bw - 2), y: y(acc + n), height: y(acc) - y(acc + n), fill: QUAD_COLOURS[quad] }));
      acc += n;
    }
    tip(g, () => `${b.period}: ${b.total} event${b.total === 1 ? "" : "s"}\n` + Object.entries(b.counts).map(([k, n]) => `${QUAD_NAMES[k] || "other"}: ${n}`).join("\n"));
    svg.appendChild(g);
    const every = Math.ceil(buckets.length / 12);
    if (i % every === 0) svg.appendChild(s("text", { class: "axis", x: left + i * bw + 2, y: height - bottom + 14 }, b.period));
  });
  // brush: drag across bars to set since/until
  const brush = s("rect", { class: "brush", x: 0, y: 0, width: 0, height: height - bottom, visibility: "hidden" });
  svg.appendChild(brush);
  const index = (ev) => {
    const rect = svg.getBoundingClientRect();
    const x = ((ev.clientX - rect.left) / rect.width) * width;
    return Math.max(0, Math.min(buckets.length - 1, Math.floor((x - left) / bw)));
  };
  let start = null;
  svg.addEventListener("mousedown", (ev) => {
    start = index(ev);
    brush.setAttribute("visibility", "visible");
    brush.setAttribute("x", left + start * bw);
    brush.setAttribute("width", bw);
  });
  svg.addEventListener("mousemove", (ev) => {
    if (start === null) return;
    const i = index(ev);
    brush.setAttribute("x", left + Math.min(start, i) * bw);
    brush.setAttribute("width", (Math.abs(i - start) + 1) * bw);
  });
  svg.addEventListener("mouseup", (ev) => {
    if (start === null) return;
    const i = index(ev);
    const [a, b] = [Math.min(start, i), Math.max(start, i)];
    start = null;
    const first = periodRange(buckets[a].period)[0];
    const last = periodRange(buckets[b].period)[1];
    go({ since: first, until: last, cursor: null });
  });
  show(
    h("p", {}, h("strong", {}, `${series.total} event${series.total === 1 ? "" : "s"}`),
      series.undated ? ` (${series.undated} without a calendar day)` : "", " · ", chooser,
      " · drag across the bars to set the date range."),
    legend(), svg);
}

// First and last day (YYYY-MM-DD) of a period label: 2024-03-16, 2024-W11, 2024-03.
function periodRange(label) {
  const iso = (d) => d.toISOString().slice(0, 10);
  let m;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(label))) {
    const jan4 = new Date(Date.UTC(+m[1], 0, 4));
    const monday = new Date(jan4);
    monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (+m[2] - 1) * 7);
    const sunday = new Date(monday);
    sunday.setUTCDate(monday.getUTCDate() + 6);
    return [iso(monday), iso(sunday)];
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(label))) {
    return [iso(new Date(Date.UTC(+m[1], +m[2] - 1, 1))), iso(new Date(Date.UTC(+m[1], +m[2], 0)))];
  }
  return [label, label];
}

// ---------- network ----------

// A deterministic force layout: nodes start on a circle, then repel each other and are
// pulled along edges, for a fixed number of steps.
function layout(nodes, edges, width, height) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({
    x: width / 2 + (Math.min(width, height) / 3) * Math.cos((2 * Math.PI * i) / Math.max(1, n)),
    y: height / 2 + (Math.min(width, height) / 3) * Math.sin((2 * Math.PI * i) / Math.max(1, n)),
  }));
  const at = new Map(nodes.map((d, i) => [d.code, i]));
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.35;
  for (let step = 0; step < 300; step++) {
    const temp = 30 * (1 - step / 300) + 0.5;
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(1, Math.hypot(dx, dy));
        const f = (k * k) / d;
        dx /= d; dy /= d;
        disp[i].x += dx * f; disp[i].y += dy * f;
        disp[j].x -= dx * f; disp[j].y -= dy * f;
      }
    }
    for (const e of edges) {
      const i = at.get(e.source), j = at.get(e.target);
      if (i === undefined || j === undefined || i === j) continue;
      let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
      const d = Math.max(1, Math.hypot(dx, dy));
      const f = (d * d) / k;
      dx /= d; dy /= d;
      disp[i].x -= dx * f; disp[i].y -= dy * f;
      disp[j].x += dx * f; disp[j].y += dy * f;
    }
    for (let i = 0; i < n; i++) {
      // gravity keeps unconnected actors near the middle
      disp[i].x += (width / 2 - pos[i].x) * 0.08 * k / 10;
      disp[i].y += (height / 2 - pos[i].y) * 0.08 * k / 10;
      const d = Math.max(1, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x = Math.min(width - 30, Math.max(30, pos[i].x + (disp[i].x / d) * Math.min(d, temp)));
      pos[i].y = Math.min(height - 20, Math.max(20, pos[i].y + (disp[i].y / d) * Math.min(d, temp)));
    }
  }
  return pos;
}

async function viewNetwork(q) {
  const net = await api("/network", filterParams(q));
  if (!net.nodes.length) {
    show(h("p", { class: "note" }, "No event with both an actor and a recipient code matches these filters."));
    return;
  }
  const width = 960, height = 560;
  const pos = layout(net.nodes, net.edges, width, height);
  const at = new Map(net.nodes.map((d, i) => [d.code, i]));
  const maxEdge = Math.max(...net.edges.map((e) => e.count));
  const maxNode = Math.max(...net.nodes.map((d) => d.events));
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": "actor network", id: "network-chart" });
  const defs = s("defs", {});
  for (const quad of [0, 1, 2, 3, 4]) {
    defs.appendChild(s("marker", { id: "arrow" + quad, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" },
      s("path", { d: "M0,0L10,5L0,10z", fill: QUAD_COLOURS[quad] })));
  }
  svg.appendChild(defs);
  const radius = (d) => 6 + 14 * Math.sqrt(d.events / maxNode);
  for (const e of net.edges) {
    const a = pos[at.get(e.source)], b = pos[at.get(e.target)];
    const top = Object.entries(e.types).sort((x, y) => y[1] - x[1])[0][0];
    const quad = quadOf(top);
    let d;
    if (e.source === e.target) {
      d = `M${a.x},${a.y - 8} c 30,-40 -30,-40 0,0`;
    } else {
      // curved, so that the two directions of a pair stay apart; stops at the node's edge
      const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
      const rb = radius(net.nodes[at.get(e.target)]) + 2;
      const ex = b.x - (dx / len) * rb, ey = b.y - (dy / len) * rb;
      const mx = (a.x + ex) / 2 - (dy / len) * 25, my = (a.y + ey) / 2 + (dx / len) * 25;
      d = `M${a.x},${a.y} Q${mx},${my} ${ex},${ey}`;
    }
    const path = s("path", { class: "edge", d, stroke: QUAD_COLOURS[quad], "stroke-width": 1 + 5 * (e.count / maxEdge), "marker-end": `url(#arrow${quad})`, dataset: { source: e.source, target: e.target } });
    tip(path, () => `${e.source} → ${e.target}: ${e.count} event${e.count === 1 ? "" : "s"}\n` + Object.entries(e.types).map(([t, n]) => `${t}: ${n}`).join("\n"));
    path.addEventListener("click", () => go({ view: "events", actor: e.source, recipient: e.target, cursor: null }));
    svg.appendChild(path);
  }
  net.nodes.forEach((d, i) => {
    const g = s("g", { class: "node", dataset: { code: d.code } });
    const c = s("circle", { cx: pos[i].x, cy: pos[i].y, r: radius(d) });
    c.addEventListener("click", () => go({ view: "events", actor: d.code, cursor: null }));
    tip(c, `${d.code}: ${d.events} event${d.events === 1 ? "" : "s"} in the edges shown; click for its events as actor`);
    g.append(c, s("text", { x: pos[i].x + radius(d) + 3, y: pos[i].y + 4 }, d.code));
    svg.appendChild(g);
  });
  show(h("p", { class: "small" }, `${net.nodes.length} actors, ${net.edges.length} directed pairs; edge width = events, colour = quad class of the most frequent type. Click a node or an edge for its events.`), legend(), svg);
}

// ---------- stories ----------

async function viewStories(q) {
  const p = new URLSearchParams();
  for (const f of ["actor", "since", "until", "text"]) if (q.get(f)) p.set(f, q.get(f));
  p.set("limit", "100");
  const page = await api("/stories", p);
  if (!page.stories.length) {
    show(h("p", { class: "note" }, "No story matches these filters (stories take actor, since, until and words)."));
    return;
  }
  show(h("table", { class: "stories" },
    h("thead", {}, h("tr", {}, ["dates", "story", "articles", "sources", "events", "actors"].map((c) => h("th", {}, c)))),
    h("tbody", {}, page.stories.map((st) => {
      const tr = h("tr", { dataset: { story: st.id } },
        h("td", {}, st.start === st.end ? (st.start || "–") : `${st.start} – ${st.end}`),
        h("td", {}, st.title), h("td", {}, st.num_articles), h("td", {}, st.num_sources), h("td", {}, st.num_events),
        h("td", {}, st.actors.join(" ")));
      tr.addEventListener("click", () => go({ view: "story", id: st.id }));
      return tr;
    }))));
}

async function viewStory(q) {
  const id = q.get("id") || "";
  const st = await api("/stories/" + encodeURIComponent(id));
  const articles = h("div", { class: "card", id: "story-articles" }, h("h3", {}, `Articles (${st.num_articles}, ${st.num_sources} source${st.num_sources === 1 ? "" : "s"})`),
    h("ul", {}, st.articles.map((a) => h("li", {},
      h("a", { href: "/?view=article&id=" + encodeURIComponent(a.id), onclick: (ev) => { ev.preventDefault(); go({ view: "article", id: a.id, event: null }); } }, a.title || a.id),
      " ", h("span", { class: "small" }, [a.date, a.outlet].filter(Boolean).join(" · ")),
      a.near_duplicate_of ? h("span", { class: "small" }, " (near-duplicate of " + a.near_duplicate_of + ")") : null))));
  const events = h("div", { class: "card", id: "story-events" }, h("h3", {}, `Merged events (${st.events.length})`),
    st.events.map((e) => h("div", { class: "story-event" },
      h("p", {}, h("strong", { class: "q" + quadOf(e.event_type) }, e.event_type + (e.mode ? "/" + e.mode : "")), " ",
        (e.actor_name || e.actor || "?") + " → " + (e.recipient_name || e.recipient || "?"),
        e.date ? " · " + e.date.value : "", e.place ? " · " + e.place.name : "", " · " + e.status,
        e.background ? " · background" : "",
        h("span", { class: "small" }, ` — ${e.num_mentions} mention${e.num_mentions === 1 ? "" : "s"}, ${e.num_articles} article${e.num_articles === 1 ? "" : "s"}, ${e.num_sources} source${e.num_sources === 1 ? "" : "s"}`)),
      e.disagreements.length ? h("ul", { class: "disagree" }, e.disagreements.map((d) => h("li", {}, "disagreement: " + d))) : null,
      h("ul", {}, e.mentions.map((m) => h("li", { class: "small" },
        h("a", { href: "/?view=article&id=" + encodeURIComponent(m.article_id), onclick: (ev) => { ev.preventDefault(); go({ view: "article", id: m.article_id, event: m.event_ids[0] || null }); } }, m.outlet || m.article_id),
        ": “" + m.sentence_text.text + "”"))))));
  show(h("h2", {}, st.title), h("p", { class: "small" }, [st.start, st.end].filter(Boolean).join(" – "),
    " · ", h("a", { href: "/?view=events&story=" + st.id, onclick: (ev) => { ev.preventDefault(); go({ view: "events", story: st.id }); } }, "its events")),
    h("div", { class: "cols" }, articles, events));
}

// ---------- article ----------

// Byte offsets (UTF-8) to string indices (UTF-16).
function byteIndex(text) {
  const map = new Map();
  let b = 0, i = 0;
  for (const ch of text) {
    map.set(b, i);
    const c = ch.codePointAt(0);
    b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    i += ch.length;
  }
  map.set(b, i);
  return (off) => (map.has(off) ? map.get(off) : Math.min(off, text.length));
}

function describe(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj)) if (v !== null && v !== undefined && !(Array.isArray(v) && !v.length)) out[k] = v;
  return JSON.stringify(out, null, 1);
}

async function viewArticle(q) {
  const id = q.get("id") || "";
  const doc = await api("/articles/" + encodeURIComponent(id));
  const text = doc.text;
  const at = byteIndex(text);
  const selected = q.get("event");
  const anns = [];
  const add = (span, cls, info) => anns.push({ start: at(span.start), end: at(span.end), cls, info });
  doc.mentions.forEach((m) => add(m, m.kind === "place" || m.place ? "ann-place ann-mention" : "ann-mention",
    `${m.kind} “${m.text}” → ${m.name}${m.country ? " " + m.country : ""}${m.sector ? "/" + m.sector : ""}\nrule ${m.rule}\n${describe(m)}`));
  doc.times.forEach((t) => add(t, "ann-time", `${t.type} ${t.value} (${t.anchor})\nrule ${t.rule}`));
  doc.statements.forEach((st) => {
    add(st.content || st, "ann-quote", `${st.kind} statement by ${st.speaker ? st.speaker.name + (st.speaker.country ? " " + st.speaker.country : "") : "?"}\nrule ${st.rule}`);
    if (st.speaker) add(st.speaker, "ann-speaker", `speaker ${st.speaker.name}`);
  });
  let selectedEvent = null;
  doc.events.forEach((e) => {
    const isSel = e.id === selected;
    if (isSel) selectedEvent = e;
    add(e.trigger, "ann-trigger" + (isSel ? " selected" : ""),
      `${e.type}${e.mode ? "/" + e.mode : ""} (CAMEO ${e.cameo || "–"}) ${actorText(e.actor)} → ${actorText(e.recipient)}\n${e.date ? "date " + e.date.value + " (" + e.date.basis + ")\n" : ""}${e.location ? "place " + e.location.name + "\n" : ""}status ${e.status} · rule ${e.rule}\nid ${e.id}`);
    if (isSel && e.actor) add(e.actor, "ann-actor selected", "actor of the selected event");
    if (isSel && e.recipient) add(e.recipient, "ann-recipient selected", "recipient of the selected event");
  });
  // cut the text at every boundary; each piece carries the annotations covering it
  const cuts = new Set([0, text.length]);
  for (const a of anns) { cuts.add(a.start); cuts.add(a.end); }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const body = h("div", { id: "article-text", class: "show-mention show-time show-quote show-event" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const over = anns.filter((x) => x.start <= a && x.end >= b && x.end > x.start);
    if (!over.length) { body.appendChild(document.createTextNode(piece)); continue; }
    const span = h("span", { class: "ann " + over.map((x) => x.cls).join(" ") }, piece);
    tip(span, () => over.map((x) => x.info).join("\n\n"));
    body.appendChild(span);
  }
  const layers = h("div", { id: "layers" }, "Layers: ",
    [["mention", "actors and places"], ["time", "dates"], ["quote", "statements and speakers"], ["event", "event triggers"]].map(([k, label]) =>
      h("label", {}, h("input", { type: "checkbox", checked: true, onchange: (ev) => body.classList.toggle("show-" + k, ev.target.checked) }), " " + label)));
  const a = doc.article;
  show(
    h("h2", {}, a.title || a.id),
    h("p", { class: "small" }, [a.date, a.source, a.lang].filter(Boolean).join(" · "), a.url ? " · " : "", a.url ? h("span", {}, a.url) : null,
      doc.story_id ? " · " : "", doc.story_id ? h("a", { href: "/?view=story&id=" + doc.story_id, onclick: (ev) => { ev.preventDefault(); go({ view: "story", id: doc.story_id }); } }, "its story") : null),
    h("p", { class: "small" }, `${doc.mentions.length} mentions, ${doc.times.length} dates, ${doc.statements.length} statements, ${doc.events.length} events. Hover a highlighted span for its record and rule.`),
    selectedEvent ? h("p", { id: "selected-event" }, "Selected event: ", h("strong", { class: "q" + quadOf(selectedEvent.type) }, selectedEvent.type),
      ` “${selectedEvent.trigger.text}” — ${actorText(selectedEvent.actor)} → ${actorText(selectedEvent.recipient)}, rule ${selectedEvent.rule}`) : null,
    layers, body);
  const sel = body.querySelector(".ann-trigger.selected");
  if (sel) sel.scrollIntoView({ block: "center" });
}

// ---------- dispatch ----------

async function render() {
  const { q, view } = state();
  fillForm(q);
  for (const a of document.querySelectorAll("#tabs a")) a.classList.toggle("active", a.dataset.view === view);
  document.getElementById("tip").hidden = true;
  const views = { map: viewMap, timeline: viewTimeline, network: viewNetwork, events: viewEvents, stories: viewStories, story: viewStory, article: viewArticle };
  document.body.dataset.view = view;
  document.body.dataset.ready = "false";
  try {
    await views[view](q);
  } catch (e) {
    show(failure(e));
  }
  document.body.dataset.ready = "true";
}

async function start() {
  try {
    META = await api("/meta");
  } catch (e) {
    show(failure(e));
    document.body.dataset.ready = "true";
    return;
  }
  const c = META.counts;
  document.getElementById("summary").textContent = `${c.articles} articles · ${c.events} events · ${META.stories} stories`;
  setupForm();
  window.addEventListener("popstate", render);
  render();
}

document.addEventListener("DOMContentLoaded", start);
