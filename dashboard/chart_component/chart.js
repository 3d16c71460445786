/* The organisation chart as a Streamlit component, spoken in the component messages directly (no
 * build step). vis-network is loaded once, by index.html; each render message from the page
 * updates the same network, so switching structure or expanding a branch never reloads it.
 * Page -> chart: nodes and edges placed by Python (present.layout), the post to focus.
 * Chart -> page: {event, key, n}: "select" (a post clicked or Enter on it), "toggle" (a +N / −
 * marker, or + / − on a post), "expand_all", "collapse_all", "compact" (the layout switched).
 * Ready signal for tests: <body data-ready="true" data-rev="R" data-view="V" data-focus="KEY"
 * data-nodes="N" data-scale="S">.
 *
 * Keyboard: the chart is a WAI-ARIA tree (#remit-tree, one Tab stop): arrows move between posts
 * in tree order, Enter selects, + / − show or hide a post's reports, Home / End; the focused post
 * is ringed on the canvas. Hanging lists (compact layout) are drawn here as spines, from each
 * node's `hang` = [manager, "bus" | "indent"]. */
(function () {
  "use strict";
  const SMALL = 0.6;          // below this fit scale the toolbar suggests Full screen
  const PNG_SIDE = 8000;      // px: the largest side of a PNG of the whole chart
  const body = document.body;
  const el = document.getElementById("remit-chart");
  const tree = document.getElementById("remit-tree");
  const status = document.getElementById("remit-status");
  let network = null, nodes = null, edges = null, args = null;
  let shown = null, focused = null, rev = null, clicked = null;
  let moved = false;          // the user zoomed or dragged: a resize no longer re-fits
  let framed = null;          // the post the view was centred on (focus): a resize centres it again
  let cursor = null;          // the tree item with the keyboard focus (post key)
  let exporting = false;
  let refit = false;          // the last request changes the whole chart (expand / collapse all, layout)

  function send(type, extra) {
    window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, extra), "*");
  }
  function frameHeight() { send("streamlit:setFrameHeight", {height: document.body.scrollHeight}); }
  function emit(event, key) {
    send("streamlit:setComponentValue", {value: {event: event, key: key || null, n: Date.now() + Math.random()},
                                          dataType: "json"});
  }
  function isPost(id) { return String(id).indexOf("toggle:") !== 0; }
  function firstLine(n) { return (n && (n.name || n.label)) || ""; }

  /* ---- view ---- */
  function fit() {
    framed = null;
    network.fit({animation: false, maxZoomLevel: 1});
    const scale = network.getScale();
    body.dataset.scale = scale.toFixed(3);
    return scale;
  }
  function describe() {
    const boxes = nodes.getIds().filter(isPost).length;
    let text = boxes + " shown";
    if (focused) text += " \u00b7 selected: " + firstLine(nodes.get(focused));
    if (network && network.getScale() < SMALL) text += " \u00b7 small text: use Full screen or zoom in";
    status.textContent = text;
  }
  function focus(key) {
    if (!key || !nodes.get(key)) return;
    network.selectNodes([key]);
    if (key === clicked) return;  // clicked on the chart: it is in view already, keep the view
    network.focus(key, {scale: Math.max(1.1, network.getScale()), animation: false});
    moved = true;
    framed = key;
  }
  function ready() {
    body.dataset.ready = "true";
    body.dataset.rev = rev;
    body.dataset.view = shown;
    body.dataset.focus = focused || "";
    body.dataset.nodes = String(nodes.length);
    describe();
  }

  /* ---- hanging lists: spines drawn under the boxes ---- */
  function drawHangs(ctx) {
    const drawn = {};
    nodes.forEach(function (n) {
      if (!n.hang || !nodes.get(n.hang[0])) return;
      const p = network.getBoundingBox(n.hang[0]), c = network.getBoundingBox(n.id);
      const y = (c.top + c.bottom) / 2;
      let pts;
      if (n.hang[1] === "indent") {
        const spine = p.left + 8;
        pts = [[spine, p.bottom], [spine, y], [c.left, y]];
      } else {
        const spine = c.left - 6, bus = p.bottom + 10, px = (p.left + p.right) / 2;
        pts = [[px, p.bottom], [px, bus], [spine, bus], [spine, y], [c.left, y]];
      }
      const key = pts.map(function (q) { return q[0].toFixed(0) + "," + q[1].toFixed(0); }).join(" ");
      if (drawn[key]) return;
      drawn[key] = true;
      ctx.beginPath();
      ctx.moveTo(pts[0][0], pts[0][1]);
      for (let i = 1; i < pts.length; i++) ctx.lineTo(pts[i][0], pts[i][1]);
      ctx.strokeStyle = "#444444";
      ctx.lineWidth = 1.6;
      ctx.stroke();
    });
  }
  function drawFocusRing(ctx) {
    body.dataset.ring = "";
    if (!cursor || !nodes.get(cursor) || document.activeElement !== tree && !tree.contains(document.activeElement)) return;
    body.dataset.ring = cursor;  // drawn: tests wait for it before reading the canvas
    const b = network.getBoundingBox(cursor);
    ctx.save();
    ctx.lineWidth = 6; ctx.strokeStyle = "#ffffff";
    ctx.strokeRect(b.left - 6, b.top - 6, b.right - b.left + 12, b.bottom - b.top + 12);
    ctx.lineWidth = 3; ctx.strokeStyle = "#000000";
    ctx.strokeRect(b.left - 6, b.top - 6, b.right - b.left + 12, b.bottom - b.top + 12);
    ctx.restore();
  }

  /* ---- keyboard: a WAI-ARIA tree over the drawn posts ---- */
  let order = [], kids = {}, parentOf = {}, toggles = {};
  function buildTree() {
    const posts = nodes.get().filter(function (n) { return isPost(n.id); });
    const byId = {};
    posts.forEach(function (n) { byId[n.id] = n; });
    kids = {}; parentOf = {}; toggles = {};
    nodes.getIds().forEach(function (id) {
      if (!isPost(id)) toggles[String(id).slice(7)] = nodes.get(id).label;  // "+N" or "−"
    });
    const roots = [];
    posts.forEach(function (n) {
      if (n.parent && byId[n.parent]) { (kids[n.parent] = kids[n.parent] || []).push(n); parentOf[n.id] = n.parent; }
      else roots.push(n);
    });
    const byYX = function (a, b) { return a.y - b.y || a.x - b.x; };
    const byXY = function (a, b) { return a.x - b.x || a.y - b.y; };
    roots.sort(byYX);
    Object.keys(kids).forEach(function (k) { kids[k].sort(byXY); });
    order = [];
    const depth = {};
    (function walk(list, level) {
      list.forEach(function (n) { order.push(n.id); depth[n.id] = level; walk(kids[n.id] || [], level + 1); });
    })(roots, 1);
    const had = tree.contains(document.activeElement);
    tree.textContent = "";
    if (!cursor || order.indexOf(cursor) < 0) cursor = focused && order.indexOf(focused) >= 0 ? focused : order[0] || null;
    order.forEach(function (id, i) {
      const li = document.createElement("li");
      const n = byId[id];
      li.setAttribute("role", "treeitem");
      li.dataset.key = id;
      li.setAttribute("aria-level", String(depth[id]));
      const siblings = parentOf[id] ? kids[parentOf[id]] : roots;
      li.setAttribute("aria-setsize", String(siblings.length));
      li.setAttribute("aria-posinset", String(siblings.indexOf(n) + 1));
      if (toggles[id]) li.setAttribute("aria-expanded", toggles[id] === "\u2212" ? "true" : "false");
      li.setAttribute("aria-selected", id === focused ? "true" : "false");
      li.tabIndex = id === cursor ? 0 : -1;
      li.textContent = (n.title || n.label || id).split("\n").join("; ") + (toggles[id] && toggles[id] !== "\u2212" ? "; " + toggles[id].slice(1) + " reports hidden" : "");
      tree.appendChild(li);
    });
    if (had && cursor) moveCursor(cursor);
  }
  function item(key) { return tree.querySelector('li[data-key="' + CSS.escape(key) + '"]'); }
  function moveCursor(key) {
    if (!key) return;
    const old = cursor && item(cursor);
    if (old) old.tabIndex = -1;
    cursor = key;
    const li = item(key);
    if (!li) return;
    li.tabIndex = 0;
    li.focus();
    status.textContent = firstLine(nodes.get(key));
    // keep the focused post in view, at the same zoom
    const pos = network.getPositions([key])[key], view = network.getViewPosition(), s = network.getScale();
    const w = el.clientWidth / (2 * s) - 90, h = el.clientHeight / (2 * s) - 40;
    if (Math.abs(pos.x - view.x) > w || Math.abs(pos.y - view.y) > h) {
      network.moveTo({position: pos, scale: s, animation: false});
      moved = true;
    }
    network.redraw();
  }
  tree.addEventListener("keydown", function (ev) {
    if (!cursor) return;
    const i = order.indexOf(cursor);
    let handled = true;
    switch (ev.key) {
      case "ArrowDown": moveCursor(order[Math.min(order.length - 1, i + 1)]); break;
      case "ArrowUp": moveCursor(order[Math.max(0, i - 1)]); break;
      case "Home": moveCursor(order[0]); break;
      case "End": moveCursor(order[order.length - 1]); break;
      case "ArrowRight":
        if (toggles[cursor] && toggles[cursor] !== "\u2212") emit("toggle", cursor);
        else if (kids[cursor]) moveCursor(kids[cursor][0].id);
        break;
      case "ArrowLeft":
        if (parentOf[cursor]) moveCursor(parentOf[cursor]);
        break;
      case "Enter": case " ": clicked = null; emit("select", cursor); break;
      case "+": case "=":
        if (toggles[cursor] && toggles[cursor] !== "\u2212") emit("toggle", cursor);
        break;
      case "-": case "\u2212":
        if (toggles[cursor] === "\u2212") emit("toggle", cursor);
        break;
      default: handled = false;
    }
    if (handled) ev.preventDefault();
  });
  tree.addEventListener("focusin", function (ev) {
    const key = ev.target && ev.target.dataset && ev.target.dataset.key;
    if (key && key !== cursor) moveCursor(key);
    if (network) network.redraw();
  });
  tree.addEventListener("focusout", function () { if (network) network.redraw(); });

  /* ---- full screen ---- */
  function sizeChart() {
    const full = document.fullscreenElement === document.documentElement;
    const h = full ? window.innerHeight - document.getElementById("remit-toolbar").offsetHeight - 8 : args.height;
    el.style.height = h + "px";
    if (network) { network.setSize("100%", h + "px"); network.redraw(); fit(); moved = false; describe(); }
    document.getElementById("remit-full").textContent = full ? "Leave full screen" : "Full screen";
  }
  document.addEventListener("fullscreenchange", sizeChart);

  /* ---- PNG of the chart as drawn ---- */
  function downloadPng() {
    if (!network) return;
    const ids = nodes.getIds();
    let l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
    ids.forEach(function (id) {
      const bb = network.getBoundingBox(id);
      l = Math.min(l, bb.left); t = Math.min(t, bb.top); r = Math.max(r, bb.right); b = Math.max(b, bb.bottom);
    });
    const W = r - l + 80, H = b - t + 80;
    const scale = Math.min(2, PNG_SIDE / W, PNG_SIDE / H);
    const whole = scale >= 0.5;  // too big for one image: the current view instead
    const keep = {pos: network.getViewPosition(), scale: network.getScale(), w: el.style.width, h: el.style.height};
    exporting = true;
    if (whole) {
      el.style.width = Math.ceil(W * scale) + "px";
      el.style.height = Math.ceil(H * scale) + "px";
      network.setSize(el.style.width, el.style.height);
      network.moveTo({position: {x: (l + r) / 2, y: (t + b) / 2}, scale: scale, animation: false});
    }
    network.once("afterDrawing", function () {
      const canvas = el.querySelector("canvas");
      canvas.toBlob(function (blob) {
        exporting = false;
        el.style.width = keep.w; el.style.height = keep.h;
        network.setSize("100%", keep.h);
        network.moveTo({position: keep.pos, scale: keep.scale, animation: false});
        network.redraw();
        const a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = (shown || "chart").replace(/[^A-Za-z0-9._-]+/g, "-") + (whole ? "" : "-view") + ".png";
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
        status.textContent = whole ? "PNG of the whole chart downloaded" : "PNG of the view downloaded (the chart is too big for one image: use the PDF)";
      }, "image/png");
    });
    network.redraw();
  }

  /* ---- rendering ---- */
  function create() {
    nodes = new vis.DataSet(args.nodes);
    edges = new vis.DataSet(args.edges);
    network = new vis.Network(el, {nodes: nodes, edges: edges}, args.options);
    network.canvas.frame.tabIndex = -1;  // vis makes its frame a Tab stop that does nothing: the tree is the stop
    network.on("click", function (params) {
      if (!params.nodes.length) return;
      const id = String(params.nodes[0]);
      if (!isPost(id)) emit("toggle", id.slice(7));
      else { clicked = id; cursor = id; emit("select", id); }
    });
    network.on("zoom", function () { moved = true; framed = null; describe(); });
    network.on("dragEnd", function () { moved = true; framed = null; });
    network.on("resize", function () {
      if (exporting) return;
      // vis emits "resize" before it rescales the view to keep the same area in sight (which
      // shrinks the text when the details panel narrows the chart): act once it has, in a
      // microtask (before any other task sees the view). The chosen post is centred again at a
      // readable zoom; an untouched chart is fitted again.
      Promise.resolve().then(function () {
        if (framed && nodes.get(framed)) {
          network.focus(framed, {scale: Math.max(1.1, network.getScale()), animation: false});
        } else if (!moved) fit();
      });
    });
    network.on("beforeDrawing", function (ctx) {
      if (exporting) {
        ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
        ctx.restore();
      }
      drawHangs(ctx);
    });
    network.on("afterDrawing", function (ctx) { if (!exporting) drawFocusRing(ctx); });
    window.remitChart = {network: network, nodes: nodes, edges: edges, boots: 1};
  }
  function render(a) {
    args = a;
    body.dataset.ready = "false";
    rev = args.rev;
    el.style.height = (document.fullscreenElement ? el.clientHeight : args.height) + "px";
    document.getElementById("remit-legend").innerHTML = args.legend || "";
    document.getElementById("remit-empty").hidden = args.nodes.length > 0;
    document.getElementById("remit-compact").setAttribute("aria-pressed", args.compact ? "true" : "false");
    if (network === null) create();
    else {
      const keep = new Set(args.nodes.map(function (n) { return n.id; }));
      nodes.remove(nodes.getIds().filter(function (id) { return !keep.has(id); }));
      nodes.update(args.nodes);  // every styled field is sent, so nothing of the last render lingers
      edges.clear();
      edges.add(args.edges);
      network.setOptions(args.options);
    }
    window.remitChart.renders = (window.remitChart.renders || 0) + 1;
    if (args.view !== shown) {  // another structure (or first draw): open fitted
      shown = args.view;
      focused = null; cursor = null; clicked = null; moved = false; framed = null;
      fit();
    } else if (refit) {
      moved = false;
      fit();
    }
    refit = false;
    if (args.focus && args.focus !== focused) focus(args.focus);
    focused = args.focus || null;
    if (!focused) { network.unselectAll(); framed = null; }
    buildTree();
    frameHeight();
    network.once("afterDrawing", ready);
    network.redraw();
  }

  document.getElementById("remit-fit").onclick = function () { if (network) { fit(); moved = false; describe(); } };
  document.getElementById("remit-zin").onclick = function () {
    if (network) { network.moveTo({scale: network.getScale() * 1.3}); moved = true; describe(); }
  };
  document.getElementById("remit-zout").onclick = function () {
    if (network) { network.moveTo({scale: network.getScale() / 1.3}); moved = true; describe(); }
  };
  document.getElementById("remit-expand").onclick = function () { refit = true; emit("expand_all"); };
  document.getElementById("remit-collapse").onclick = function () { refit = true; emit("collapse_all"); };
  document.getElementById("remit-compact").onclick = function () { refit = true; emit("compact"); };
  document.getElementById("remit-png").onclick = downloadPng;
  document.getElementById("remit-full").onclick = function () {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen();
  };
  window.addEventListener("message", function (event) {
    if (event.data && event.data.type === "streamlit:render") render(event.data.args);
  });
  send("streamlit:componentReady", {apiVersion: 1});
})();
