// Charts of the Tacitus pages: plain SVG, no library, no network access.
// The data comes embedded in the page as JSON, from the same functions as the API.
"use strict";

const Tacitus = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const QUAD_COLORS = { 1: "#2b7bba", 2: "#2a9d5c", 3: "#e08a1e", 4: "#c8312b" };
  // Bars stay slim when there are few periods, so one month does not fill the chart.
  const MAX_BAR_WIDTH = 48;
  // Network labels: the most connected actors (by weighted degree) are named where a label
  // fits without overlapping another; the first MIN_LABELS are always named, the others
  // only among the first MAX_LABELS, and every actor on hover.
  const MIN_LABELS = 10;
  const MAX_LABELS = 40;
  // Space kept around each label, and between a circle and its label, in pixels.
  const LABEL_MARGIN = 2;
  const LABEL_GAP = 3;
  // Rings of spots tried around an actor that must be named; the others get the nearest.
  const FORCED_LABEL_RINGS = 5;
  // Above this many actors, circles and ties shrink so that the crowd stays readable.
  const ROOMY_NODES = 80;
  // Arrowhead length in pixels, at full size.
  const ARROW_SIZE = 10;
  const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation",
                       3: "verbal conflict", 4: "material conflict" };
  const TYPE_COLORS = {
    AGREE: "#1f77b4", CONSULT: "#6baed6", SUPPORT: "#9ecae1", CONCEDE: "#17becf",
    COOPERATE: "#2ca02c", AID: "#98df8a", RETREAT: "#bcbd22", REQUEST: "#9467bd",
    ACCUSE: "#ff9896", REJECT: "#f7b6d2", THREATEN: "#ff7f0e", PROTEST: "#ffbb78",
    SANCTION: "#8c564b", MOBILIZE: "#c49c94", COERCE: "#e377c2", ASSAULT: "#d62728",
  };

  function el(name, attrs = {}, parent = null) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (parent) parent.appendChild(node);
    return node;
  }

  function titled(node, text) {
    el("title", {}, node).textContent = text;
    return node;
  }

  function pageData(id) {
    const holder = document.getElementById(id);
    return holder ? JSON.parse(holder.textContent) : null;
  }

  // Reload the dashboard with the current filter changed: filters live in the URL.
  function go(args, changes) {
    const next = { ...args, ...changes };
    delete next.page;
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value !== null && value !== undefined && value !== "") query.set(key, value);
    }
    window.location.assign("/?" + query.toString());
  }

  function legend(holder, entries) {
    if (!holder) return;
    holder.replaceChildren(...entries.map(([label, color]) => {
      const item = document.createElement("span");
      const swatch = document.createElement("i");
      swatch.style.background = color;
      item.append(swatch, label);
      return item;
    }));
  }

  function empty(svg, text) {
    const box = svg.viewBox.baseVal;
    el("text", { x: box.width / 2, y: box.height / 2, class: "empty" }, svg).textContent = text;
  }

  // -- network ---------------------------------------------------------------
  const nodeName = (node) => node.label || node.name || node.id;

  function overlaps(a, b) {
    return a.x < b.x + b.width + LABEL_MARGIN && b.x < a.x + a.width + LABEL_MARGIN &&
      a.y < b.y + b.height + LABEL_MARGIN && b.y < a.y + a.height + LABEL_MARGIN;
  }

  // Boxes of a label of size w x h around a circle at (x, y), nearest first: above, below,
  // right, left, the corners, then the same further out for labels that must be placed.
  function labelSpots(x, y, r, w, h, rings) {
    const spots = [];
    for (let ring = 1; ring <= rings; ring += 1) {
      const gap = r + LABEL_GAP + (ring - 1) * (h + LABEL_MARGIN);
      const [above, below] = [y - gap - h, y + gap], middle = y - h / 2;
      const [right, left, centre] = [x + gap, x - gap - w, x - w / 2];
      for (const [sx, sy] of [[centre, above], [centre, below], [right, middle], [left, middle],
        [right, above], [left, above], [right, below], [left, below]]) {
        spots.push({ x: sx, y: sy, width: w, height: h });
      }
    }
    return spots;
  }

  // Greedy labelling: the most connected actor first, each label put in the first spot that
  // stays in the chart and clear of those already placed.
  function drawLabels(layer, nodes, at, radiusOf, bounds) {
    const placed = [];
    const inside = (box) => box.x >= 0 && box.y >= 0 && box.x + box.width <= bounds.width &&
      box.y + box.height <= bounds.height;
    nodes.forEach((node, rank) => {
      if (rank >= MAX_LABELS && !node.selected) return;
      const text = el("text", { x: 0, y: 0, "data-id": node.id }, layer);
      text.textContent = nodeName(node);
      const size = text.getBBox();
      const must = rank < MIN_LABELS || node.selected;
      const spots = labelSpots(...at[node.id], radiusOf[node.id], size.width, size.height,
        must ? FORCED_LABEL_RINGS : 1).filter(inside);
      const spot = spots.find((box) => !placed.some((other) => overlaps(box, other)));
      if (!spot) return text.remove();
      text.setAttribute("x", spot.x - size.x);
      text.setAttribute("y", spot.y - size.y);
      placed.push(spot);
    });
  }

  function drawNetwork(svg, graph, args) {
    const width = svg.viewBox.baseVal.width, height = svg.viewBox.baseVal.height, pad = 50;
    if (!graph.nodes.length) return empty(svg, "No ties between actors in these events");
    const xs = graph.nodes.map((n) => n.x), ys = graph.nodes.map((n) => n.y);
    const span = (values) => (Math.max(...values) - Math.min(...values)) || 1;
    const sx = (x) => pad + ((x - Math.min(...xs)) / span(xs)) * (width - 2 * pad);
    const sy = (y) => pad + ((y - Math.min(...ys)) / span(ys)) * (height - 2 * pad);
    const at = Object.fromEntries(graph.nodes.map((n) => [n.id, [sx(n.x), sy(n.y)]]));
    const shrink = Math.min(1, Math.sqrt(ROOMY_NODES / graph.nodes.length));
    svg.classList.toggle("crowded", shrink < 1);
    const radius = (n) => shrink * (5 + 3 * Math.sqrt(n.events));
    const defs = el("defs", {}, svg);
    for (const [quad, color] of Object.entries(QUAD_COLORS)) {
      // Arrowheads keep one size: scaled with the stroke, strong ties grew huge heads.
      const marker = el("marker", { id: "arrow" + quad, viewBox: "0 0 10 10", refX: 9, refY: 5,
        markerWidth: ARROW_SIZE * shrink, markerHeight: ARROW_SIZE * shrink,
        markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: color }, marker);
    }
    const edges = el("g", { class: "edges" }, svg);
    const radiusOf = Object.fromEntries(graph.nodes.map((n) => [n.id, radius(n)]));
    for (const edge of graph.edges) {
      if (edge.source === edge.target) continue;
      const [x1, y1] = at[edge.source], [x2, y2] = at[edge.target];
      const dx = x2 - x1, dy = y2 - y1, length = Math.hypot(dx, dy) || 1;
      // Bend each quad class its own way so parallel ties stay apart.
      const bend = shrink * (12 + 10 * (edge.quad_code - 1));
      const cx = (x1 + x2) / 2 - (dy / length) * bend, cy = (y1 + y2) / 2 + (dx / length) * bend;
      const back = radiusOf[edge.target] + 3;
      const tx = x2 - ((x2 - cx) / Math.hypot(x2 - cx, y2 - cy)) * back;
      const ty = y2 - ((y2 - cy) / Math.hypot(x2 - cx, y2 - cy)) * back;
      const path = el("path", {
        d: `M${x1},${y1} Q${cx},${cy} ${tx},${ty}`, class: "edge",
        stroke: QUAD_COLORS[edge.quad_code],
        "stroke-width": shrink * (1 + 1.5 * Math.sqrt(edge.events)),
        "marker-end": `url(#arrow${edge.quad_code})`, "data-source": edge.source,
        "data-target": edge.target, "data-quad": edge.quad_code,
      }, edges);
      titled(path, `${edge.source} → ${edge.target}: ${edge.events} ${edge.quad} events ` +
        `(${edge.types.join(", ")})`);
      path.addEventListener("click", () =>
        go(args, { actor: edge.source, recipient: edge.target, quad: edge.quad_code, party: null }));
    }
    const nodes = el("g", { class: "nodes" }, svg);
    const picked = [args.party, args.actor, args.recipient];
    for (const node of graph.nodes) {
      const [x, y] = at[node.id];
      const group = el("g", { class: "node" + (picked.includes(node.id) ? " selected" : ""),
        "data-id": node.id, transform: `translate(${x},${y})`, tabindex: 0 }, nodes);
      el("circle", { r: radius(node) }, group);
      titled(group, `${nodeName(node)} (${node.code || "no code"}): ${node.events} events`);
      const pick = () => go(args, { party: node.id, actor: null, recipient: null });
      group.addEventListener("click", pick);
      group.addEventListener("keydown", (e) => e.key === "Enter" && pick());
    }
    // Selected actors are named first, then the rest by weighted degree.
    const ranked = graph.nodes.map((n) => ({ ...n, selected: picked.includes(n.id) }))
      .sort((a, b) => b.selected - a.selected || b.degree - a.degree);
    drawLabels(el("g", { class: "labels" }, svg), ranked, at, radiusOf, { width, height });
    legend(document.getElementById("quad-legend"),
      Object.entries(QUAD_NAMES).map(([q, name]) => [name, QUAD_COLORS[q]]));
  }

  // -- timeline --------------------------------------------------------------
  // Axis ticks from finest to coarsest step; the first giving at most MAX_TICKS is used.
  const TICK_STEPS = [["day", 1], ["day", 2], ["day", 7], ["day", 14], ["month", 1],
    ["month", 2], ["month", 3], ["month", 6], ["year", 1], ["year", 2], ["year", 5],
    ["year", 10], ["year", 20], ["year", 50]];
  const MAX_TICKS = 8;
  // Least space between two tick labels, in pixels.
  const TICK_LABEL_GAP = 6;
  // Bars of long spans would be thinner than a pixel and vanish.
  const MIN_BAR_WIDTH = 2;
  const DAY_MS = 86400000;
  // Days counted from a Monday (1969-12-29), so weekly ticks fall on Mondays.
  const MONDAY_OFFSET = 3;

  function periodRange(period, bucket) {
    if (bucket === "day") return [period, period];
    const [year, month] = period.split("-").map(Number);
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return [`${period}-01`, `${period}-${String(last).padStart(2, "0")}`];
  }

  // The period as [start, end) in epoch milliseconds, for placing it on a time axis.
  function periodSpan(period, bucket) {
    const [year, month, day] = period.split("-").map(Number);
    return bucket === "day"
      ? [Date.UTC(year, month - 1, day), Date.UTC(year, month - 1, day + 1)]
      : [Date.UTC(year, month - 1, 1), Date.UTC(year, month, 1)];
  }

  function calendarIndex(time, unit) {
    const d = new Date(time);
    if (unit === "year") return d.getUTCFullYear();
    if (unit === "month") return d.getUTCFullYear() * 12 + d.getUTCMonth();
    return time / DAY_MS + MONDAY_OFFSET;
  }

  // Starts of every n-th calendar unit in [lo, hi); stops once there are too many.
  function boundaries(lo, hi, unit, n) {
    const first = new Date(lo);
    let [y, m, d] = [first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()];
    if (unit !== "day") d = 1;
    if (unit === "year") m = 0;
    const found = [];
    for (let t = Date.UTC(y, m, d); t < hi && found.length <= MAX_TICKS; t = Date.UTC(y, m, d)) {
      if (t >= lo && calendarIndex(t, unit) % n === 0) found.push(t);
      if (unit === "year") y += 1; else if (unit === "month") m += 1; else d += 1;
    }
    return found;
  }

  function timeTicks(lo, hi) {
    for (const [unit, n] of TICK_STEPS) {
      const found = boundaries(lo, hi, unit, n);
      if (found.length <= MAX_TICKS) return { unit, times: found };
    }
    return { unit: "year", times: [] };
  }

  function tickLabel(time, unit) {
    const iso = new Date(time).toISOString();
    return unit === "year" ? iso.slice(0, 4) : unit === "month" ? iso.slice(0, 7) : iso.slice(0, 10);
  }

  function drawTimeAxis(svg, x, [lo, hi], baseline) {
    const width = svg.viewBox.baseVal.width, height = svg.viewBox.baseVal.height;
    const { unit, times } = timeTicks(lo, hi);
    let previousEnd = -Infinity;
    for (const time of times) {
      // A day's tick marks its middle, under its bar; months and years start at their tick.
      const at = x(unit === "day" ? time + DAY_MS / 2 : time);
      el("line", { x1: at, x2: at, y1: baseline, y2: baseline + 4, class: "axis" }, svg);
      const label = el("text", { x: at, y: height - 6, class: "tick", "text-anchor": "middle" }, svg);
      label.textContent = tickLabel(time, unit);
      // Labels at the ends are pulled inside the chart; one that would then run into its
      // neighbour is left out (its tick mark stays).
      const half = label.getBBox().width / 2;
      const centre = Math.min(Math.max(at, half), width - half);
      label.setAttribute("x", centre);
      if (centre - half < previousEnd + TICK_LABEL_GAP) label.remove();
      else previousEnd = centre + half;
    }
  }

  // Stacked bars on a linear time axis: a gap of years shows as a gap.
  function drawBars(svg, series, types, bucket, onPick) {
    const width = svg.viewBox.baseVal.width, height = svg.viewBox.baseVal.height;
    const left = 34, right = 8, bottom = 24, top = 10;
    const periods = [...new Set(series.map((r) => r.period))].sort();
    if (!periods.length) return empty(svg, "No dated events");
    const spans = Object.fromEntries(periods.map((p) => [p, periodSpan(p, bucket)]));
    const domain = [spans[periods[0]][0], spans[periods[periods.length - 1]][1]];
    const x = (time) => left + ((time - domain[0]) / (domain[1] - domain[0])) * (width - left - right);
    const stacks = Object.fromEntries(periods.map((p) => [p, 0]));
    series.forEach((r) => { stacks[r.period] += r.events; });
    const most = Math.max(...Object.values(stacks));
    const y = (value) => height - bottom - (value / most) * (height - bottom - top);
    el("line", { x1: left, x2: width - right, y1: y(0), y2: y(0), class: "axis" }, svg);
    for (const tick of [0, Math.ceil(most / 2), most]) {
      el("text", { x: left - 6, y: y(tick) + 4, class: "tick", "text-anchor": "end" }, svg)
        .textContent = tick;
    }
    drawTimeAxis(svg, x, domain, y(0));
    const base = Object.fromEntries(periods.map((p) => [p, 0]));
    const ordered = [...series].sort((a, b) => types.indexOf(a.event) - types.indexOf(b.event));
    for (const row of ordered) {
      const [start, end] = spans[row.period].map(x);
      const barWidth = Math.min(Math.max((end - start) * 0.8, MIN_BAR_WIDTH), MAX_BAR_WIDTH);
      const bar = el("rect", {
        x: (start + end - barWidth) / 2, width: barWidth,
        y: y(base[row.period] + row.events), height: y(base[row.period]) - y(base[row.period] + row.events),
        fill: TYPE_COLORS[row.event] || "#888", class: "bar", "data-period": row.period,
        "data-type": row.event,
      }, svg);
      base[row.period] += row.events;
      titled(bar, `${row.period}: ${row.events} ${row.event}`);
      if (onPick) bar.addEventListener("click", () => onPick(row, periodRange(row.period, bucket)));
    }
    legend(document.getElementById("type-legend"), types.map((t) => [t, TYPE_COLORS[t] || "#888"]));
  }

  // -- map -------------------------------------------------------------------
  const project = (lon, lat) => [(lon + 180) * 2, (90 - lat) * 2];

  function landPath(rings) {
    const parts = [];
    for (const ring of rings) {
      let previous = null;
      ring.forEach(([lon, lat]) => {
        const [x, y] = project(lon, lat);
        // A jump across the date line starts a new stroke instead of crossing the map.
        const jump = previous === null || Math.abs(lon - previous) > 180;
        parts.push(`${jump ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`);
        previous = lon;
      });
      parts.push("Z");
    }
    return parts.join("");
  }

  function fitView(places) {
    if (!places.length) return [0, 0, 720, 360];
    const pts = places.map((p) => project(p.lon, p.lat));
    let [x0, x1] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))];
    let [y0, y1] = [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
    // At least 60 x 30 degrees around the events, at the map's 2:1 aspect.
    let w = Math.max(x1 - x0 + 60, 120), h = Math.max(y1 - y0 + 30, 60);
    if (w / h > 2) h = w / 2; else w = h * 2;
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    x0 = Math.min(Math.max(cx - w / 2, 0), 720 - w); y0 = Math.min(Math.max(cy - h / 2, 0), 360 - h);
    return [Math.max(x0, 0), Math.max(y0, 0), Math.min(w, 720), Math.min(h, 360)];
  }

  async function drawMap(svg, places, worldUrl, args) {
    const view = fitView(places);
    svg.setAttribute("viewBox", view.join(" "));
    const scale = view[2] / 720;
    el("rect", { x: 0, y: 0, width: 720, height: 360, class: "sea" }, svg);
    const grid = el("g", { class: "graticule" }, svg);
    for (let lon = -150; lon <= 150; lon += 30) {
      const [x] = project(lon, 0);
      el("line", { x1: x, x2: x, y1: 0, y2: 360 }, grid);
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      const [, y] = project(0, lat);
      el("line", { x1: 0, x2: 720, y1: y, y2: y }, grid);
    }
    const land = el("path", { class: "land" }, svg);
    const dots = el("g", { class: "places" }, svg);
    for (const place of places) {
      const [x, y] = project(place.lon, place.lat);
      const dot = el("circle", { cx: x, cy: y, r: (3 + 2.5 * Math.sqrt(place.events)) * scale,
        class: "place", "data-place": place.place, "stroke-width": 1 * scale }, dots);
      titled(dot, `${place.place} (${place.country_code || "?"}): ${place.events} events — ` +
        place.types.join(", "));
      if (place.country_code) dot.addEventListener("click", () => go(args, { country: place.country_code }));
      if (places.length <= 12) {
        el("text", { x: x + (5 + 2.5 * Math.sqrt(place.events)) * scale, y: y + 3 * scale,
          class: "placename", "font-size": 11 * scale }, dots).textContent = place.place;
      }
    }
    if (!places.length) empty(svg, "No located events");
    try {
      const world = await (await fetch(worldUrl)).json();
      land.setAttribute("d", landPath(world.rings));
    } catch (error) {
      land.setAttribute("data-error", String(error));
    }
  }

  // -- pages -----------------------------------------------------------------
  function dashboard(worldUrl) {
    const data = pageData("chart-data");
    drawNetwork(document.getElementById("network"), data.network, data.args);
    const tl = data.timeline;
    drawBars(document.getElementById("timeline"), tl.series, tl.types, tl.bucket,
      (row, [from, to]) => go(data.args, { date_from: from, date_to: to }));
    drawMap(document.getElementById("map"), data.places, worldUrl, data.args);
  }

  function actorPage() {
    const actor = pageData("actor-data");
    const series = actor.activity.map((r) => ({ period: r.period, event: r.event, events: r.events }));
    const types = [...new Set(series.map((r) => r.event))].sort();
    drawBars(document.getElementById("activity"), series, types, "month",
      (row, [from, to]) => go({ party: actor.id }, { date_from: from, date_to: to }));
  }

  return { dashboard, actorPage };
})();
