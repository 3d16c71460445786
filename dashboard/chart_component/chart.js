/* The organisation chart as a Streamlit component, spoken in the component messages directly (no
 * build step). vis-network is loaded once, by index.html; each render message from the page
 * updates the same network, so switching structure or expanding a branch never reloads it.
 * Page -> chart: nodes and edges placed by Python (queries.layout), the post to focus.
 * Chart -> page: {event: "select" | "toggle", key, n} when a post or a +N marker is clicked.
 * Ready signal for tests: <body data-ready="true" data-rev="R" data-view="V" data-focus="KEY" data-nodes="N">. */
(function () {
  "use strict";
  const MIN_OPEN_SCALE = 0.8;  // labels legible when the chart opens
  const body = document.body;
  let network = null, nodes = null, edges = null;
  let shown = null, focused = null, rev = null;

  function send(type, extra) {
    window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, extra), "*");
  }
  function height(h) { send("streamlit:setFrameHeight", {height: h}); }
  function emit(event, key) {
    send("streamlit:setComponentValue", {value: {event: event, key: key, n: Date.now() + Math.random()},
                                          dataType: "json"});
  }

  function openView(args) {
    network.fit({animation: false});
    const scale = network.getScale();
    if (scale < MIN_OPEN_SCALE && args.top) {
      // Too small to read: open at a legible zoom on the top of the chart instead.
      const el = document.getElementById("remit-chart");
      const pos = {x: args.top[0], y: args.top[1] + el.clientHeight / (2 * MIN_OPEN_SCALE) - 60};
      network.moveTo({position: pos, scale: MIN_OPEN_SCALE, animation: false});
    }
  }

  function focus(key) {
    if (!key || !nodes.get(key)) return;
    network.selectNodes([key]);
    network.focus(key, {scale: 1.1, animation: false});
  }

  function ready() {
    body.dataset.ready = "true";
    body.dataset.rev = rev;
    body.dataset.view = shown;
    body.dataset.focus = focused || "";
    body.dataset.nodes = String(nodes.length);
    // Posts and units drawn; the +N / − markers are controls, not boxes of the chart.
    const boxes = nodes.getIds().filter(function (id) { return String(id).indexOf("toggle:") !== 0; }).length;
    document.getElementById("remit-status").textContent =
      boxes + " shown" + (focused ? " \u00b7 focused: " + ((nodes.get(focused) || {}).label || "").split("\n")[0] : "");
  }

  function render(args) {
    body.dataset.ready = "false";
    rev = args.rev;
    const el = document.getElementById("remit-chart");
    el.style.height = args.height + "px";
    document.getElementById("remit-legend").innerHTML = args.legend || "";
    document.getElementById("remit-empty").hidden = args.nodes.length > 0;
    if (network === null) {
      nodes = new vis.DataSet(args.nodes);
      edges = new vis.DataSet(args.edges);
      network = new vis.Network(el, {nodes: nodes, edges: edges}, args.options);
      network.on("click", function (params) {
        if (!params.nodes.length) return;
        const id = String(params.nodes[0]);
        if (id.indexOf("toggle:") === 0) emit("toggle", id.slice(7));
        else emit("select", id);
      });
      window.remitChart = {network: network, nodes: nodes, edges: edges, boots: 1};
    } else {
      const keep = new Set(args.nodes.map(function (n) { return n.id; }));
      nodes.remove(nodes.getIds().filter(function (id) { return !keep.has(id); }));
      nodes.update(args.nodes);
      edges.clear();
      edges.add(args.edges);
      network.setOptions(args.options);
    }
    window.remitChart.renders = (window.remitChart.renders || 0) + 1;
    if (args.view !== shown) {  // another structure (or first draw): open at the top
      shown = args.view;
      focused = null;
      openView(args);
    }
    if (args.focus && args.focus !== focused) focus(args.focus);
    focused = args.focus || null;
    height(document.body.scrollHeight);
    network.once("afterDrawing", ready);
    network.redraw();
  }

  document.getElementById("remit-fit").onclick = function () { if (network) network.fit(); };
  document.getElementById("remit-zin").onclick = function () {
    if (network) network.moveTo({scale: network.getScale() * 1.3});
  };
  document.getElementById("remit-zout").onclick = function () {
    if (network) network.moveTo({scale: network.getScale() / 1.3});
  };
  window.addEventListener("message", function (event) {
    if (event.data && event.data.type === "streamlit:render") render(event.data.args);
  });
  send("streamlit:componentReady", {apiVersion: 1});
})();
