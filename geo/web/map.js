// The map: pydeck's Deck JSON (coopmap/ui/deck.py) drawn by deck.gl in an element of the page's own.
// Served as a static file (static/ -> geo/web/), loaded by the component's few lines in deck.py.
//
// Kept across reruns on the element (a fixed key keeps it): one deck.gl Deck, one canvas, the
// geometry fetched once. A rerun brings new layers (colours, rings, outlines) and texts, never shapes.
// The camera is fitted here, to the element's own width: the server never needs to know it.

const LIBRARY = ["deck.min.js", "json.min.js"]; // deck.gl first: @deck.gl/json extends globalThis.deck
const TAP_PX = 8; // a pointer that moves less than this between down and up is a tap, not a drag
const TAP_MS = 800;
const MARGIN = 8; // px between the tooltip and the window's edges
const PICK_PX = 2; // a tap or hover this close to a country, dot or ring picks it
const SVG = "http://www.w3.org/2000/svg";
const ZOOM_STEP = 1; // a zoom button's step: twice or half the scale

// The countries' names in the page's language, where they differ from the map file's own: given by
// map-names.js, a component of their own, as they change only with the language.
let names = {};

export function setNames(given) {
  names = given || {};
}

// This module runs from a blob: URL, so every URL is built from the page's own address.
const here = (path) => new URL(path, document.baseURI).href;

function script(url) {
  return new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = url;
    tag.async = false; // fetched at once, run in the order added
    tag.onload = resolve;
    tag.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.appendChild(tag);
  });
}

// Once per page, whatever the reruns: the browser caches the files, the page keeps globalThis.deck.
function library() {
  window.coopmapDeck ??= Promise.all(LIBRARY.map((name) => script(here(`app/static/deckgl/${name}`)))).then(
    () => window.deck,
  );
  return window.coopmapDeck;
}

// Every line of a GeoJSON file as one-pixel GL lines in one draw call: no width, joints or caps to
// compute per segment, which is what the borders' PathLayer spent most of a frame on in software WebGL.
// A wider line (the chosen country's outline) is the same lines drawn again a little to each side.
const HAIRLINE_VS = `#version 300 es
#define SHADER_NAME hairline-layer-vertex-shader
in vec2 positions;
void main(void) {
  gl_Position = project_position_to_clipspace(vec3(positions, 0.0), vec3(0.0), vec3(0.0));
  gl_Position.xy += project_pixel_size_to_clipspace(hairline.shift);
}`;
const HAIRLINE_FS = `#version 300 es
#define SHADER_NAME hairline-layer-fragment-shader
precision highp float;
out vec4 fragColor;
void main(void) {
  fragColor = hairline.color;
}`;
const HAIRLINE_UNIFORMS =
  "layout(std140) uniform hairlineUniforms {\n  vec4 color;\n  vec2 shift;\n} hairline;\n";

// Each segment of every line and polygon ring, as pairs of points for a "line-list"; only of the
// countries named in `only` ("IRN,JAM", the chosen ones' outline) when it is given.
function segments(collection, only) {
  const codes = typeof only === "string" ? only.split(",") : null;
  const lines = [];
  for (const { geometry, properties } of collection.features || []) {
    if (codes && !codes.includes(properties && properties.iso3)) continue;
    const type = geometry && geometry.type;
    if (type === "LineString") lines.push(geometry.coordinates);
    if (type === "MultiLineString" || type === "Polygon") lines.push(...geometry.coordinates);
    if (type === "MultiPolygon") lines.push(...geometry.coordinates.flat());
  }
  const points = new Float32Array(lines.reduce((n, line) => n + 4 * Math.max(line.length - 1, 0), 0));
  let at = 0;
  for (const line of lines) {
    for (let i = 1; i < line.length; i += 1) {
      points.set([line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]], at);
      at += 4;
    }
  }
  return points;
}

function hairlineLayer({ Layer, project32 }, { Model }) {
  class HairlineLayer extends Layer {
    getShaders() {
      const uniformTypes = { color: "vec4<f32>", shift: "vec2<f32>" };
      const colour = { vs: HAIRLINE_UNIFORMS, fs: HAIRLINE_UNIFORMS, uniformTypes };
      const modules = [project32, { name: "hairline", ...colour }];
      return super.getShaders({ vs: HAIRLINE_VS, fs: HAIRLINE_FS, modules });
    }

    initializeState() {} // deck.gl asks every layer for one; the model is made once the data is known, below

    updateState(params) {
      super.updateState(params);
      const { only } = this.props;
      if (!params.changeFlags.dataChanged && this.state.model !== undefined && only === this.state.only) return;
      this.state.only = only;
      this.state.model?.destroy();
      this.state.model = null;
      const points = segments(this.props.data, this.props.only);
      if (!points.length) return;
      this.state.model = new Model(this.context.device, {
        ...this.getShaders(),
        id: this.props.id,
        topology: "line-list",
        bufferLayout: [{ name: "positions", format: "float32x2" }],
        attributes: { positions: this.context.device.createBuffer({ data: points }) },
        vertexCount: points.length / 2,
      });
    }

    draw() {
      if (!this.state.model) return;
      const color = this.props.color.map((channel) => channel / 255);
      const side = (this.props.widthPixels - 1) / 2;
      const shifts = side > 0 ? [[0, 0], [side, 0], [-side, 0], [0, side], [0, -side]] : [[0, 0]];
      for (const shift of shifts) {
        this.state.model.shaderInputs.setProps({ hairline: { color, shift } });
        this.state.model.draw(this.context.renderPass);
      }
    }

    finalizeState(context) {
      super.finalizeState(context);
      this.state.model?.destroy();
    }
  }
  HairlineLayer.layerName = "HairlineLayer";
  HairlineLayer.defaultProps = { color: { type: "color", value: [0, 0, 0, 255] }, widthPixels: 1, only: null };
  return HairlineLayer;
}

// A dot or ring per datum ({position, radius, fill}), one quad each: a shader as small as the borders',
// where deck.gl's ScatterplotLayer cost the first frame more than the countries in software WebGL. Not
// picked by deck.gl: CoopMap.pick finds them on the screen, the way they are drawn here.
const MARK_VS = `#version 300 es
#define SHADER_NAME mark-layer-vertex-shader
in vec2 corners;
in vec2 centres;
in float radii;
in vec4 fills;
out vec2 offset;
out float radius;
out vec4 fill;
void main(void) {
  radius = max(mark.inCommon > 0.5 ? radii * project.scale : radii, mark.least);
  offset = corners * (radius + mark.width / 2.0 + 1.0);
  fill = fills;
  gl_Position = project_position_to_clipspace(vec3(centres, 0.0), vec3(0.0), vec3(0.0));
  gl_Position.xy += project_pixel_size_to_clipspace(offset);
}`;
const MARK_FS = `#version 300 es
#define SHADER_NAME mark-layer-fragment-shader
precision highp float;
in vec2 offset;
in float radius;
in vec4 fill;
out vec4 fragColor;
void main(void) {
  float away = length(offset);
  float outer = radius + mark.width / 2.0;
  float inner = radius - mark.width / 2.0;
  float edge = clamp(outer + 0.5 - away, 0.0, 1.0);
  vec4 colour = fill;
  if (mark.width > 0.0 && away > inner - 0.5) {
    float band = clamp(away - inner + 0.5, 0.0, 1.0);
    vec3 under = fill.a > 0.0 ? fill.rgb : mark.line.rgb; // a ring's inside is empty, not black
    colour = vec4(mix(under, mark.line.rgb, band), mix(fill.a, mark.line.a, band));
  }
  if (colour.a * edge <= 0.0) discard;
  fragColor = vec4(colour.rgb, colour.a * edge);
}`;
const MARK_UNIFORMS = `layout(std140) uniform markUniforms {
  vec4 line;
  float least;
  float width;
  float inCommon;
} mark;
`;
const CORNERS = [-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1];

function markLayer({ Layer, project32 }, { Model }) {
  class MarkLayer extends Layer {
    getShaders() {
      const uniformTypes = { line: "vec4<f32>", least: "f32", width: "f32", inCommon: "f32" };
      const modules = [project32, { name: "mark", vs: MARK_UNIFORMS, fs: MARK_UNIFORMS, uniformTypes }];
      return super.getShaders({ vs: MARK_VS, fs: MARK_FS, modules });
    }

    initializeState() {} // the model is made once the data is known, below

    updateState(params) {
      super.updateState(params);
      if (!params.changeFlags.dataChanged && this.state.model !== undefined) return;
      this.state.model?.destroy();
      this.state.model = null;
      const marks = this.props.data || [];
      if (!marks.length) return;
      const columns = { corners: [], centres: [], radii: [], fills: [] };
      for (const { position, radius, fill } of marks) {
        const colour = (fill || [0, 0, 0, 0]).map((channel) => channel / 255);
        for (let corner = 0; corner < 6; corner += 1) {
          columns.corners.push(CORNERS[2 * corner], CORNERS[2 * corner + 1]);
          columns.centres.push(position[0], position[1]);
          columns.radii.push(radius);
          columns.fills.push(...colour);
        }
      }
      const device = this.context.device;
      const buffer = (values) => device.createBuffer({ data: new Float32Array(values) });
      this.state.model = new Model(device, {
        ...this.getShaders(),
        id: this.props.id,
        topology: "triangle-list",
        bufferLayout: [
          { name: "corners", format: "float32x2" },
          { name: "centres", format: "float32x2" },
          { name: "radii", format: "float32" },
          { name: "fills", format: "float32x4" },
        ],
        attributes: Object.fromEntries(Object.entries(columns).map(([name, list]) => [name, buffer(list)])),
        vertexCount: 6 * marks.length,
      });
    }

    draw() {
      if (!this.state.model) return;
      const { lineColor, lineWidthPixels, radiusMinPixels, radiusUnits } = this.props;
      this.state.model.shaderInputs.setProps({
        mark: {
          line: lineColor.map((channel) => channel / 255),
          least: radiusMinPixels,
          width: lineWidthPixels,
          inCommon: radiusUnits === "common" ? 1 : 0,
        },
      });
      this.state.model.draw(this.context.renderPass);
    }

    // Where a datum is drawn on the screen: its centre in pixels, its radius and its ring's width.
    drawnAt(viewport, { position, radius }) {
      const [x, y] = viewport.project(position);
      const { radiusUnits, radiusMinPixels, lineWidthPixels } = this.props;
      const pixels = radiusUnits === "common" ? radius * viewport.scale : radius;
      return { x, y, radius: Math.max(pixels, radiusMinPixels), width: lineWidthPixels };
    }

    finalizeState(context) {
      super.finalizeState(context);
      this.state.model?.destroy();
    }
  }
  MarkLayer.layerName = "MarkLayer";
  MarkLayer.defaultProps = {
    radiusUnits: "pixels",
    radiusMinPixels: 0,
    lineColor: { type: "color", value: [0, 0, 0, 0] },
    lineWidthPixels: 0,
  };
  return MarkLayer;
}

// Mirrors fit() and world_height() in coopmap/ui/projection.py (tests place points with those).
function fit([west, south, east, north], width, height, padding) {
  const scale = Math.min(
    (width * (1 - padding)) / Math.max(east - west, 1e-3),
    (height * (1 - padding)) / Math.max(north - south, 1e-3),
  );
  return { target: [(west + east) / 2, (south + north) / 2, 0], zoom: Math.log2(scale) };
}

function worldHeight(camera, width) {
  const [west, south, east, north] = camera.world;
  const [least, most] = camera.heights;
  return Math.min(Math.max(Math.round((width * (north - south)) / (east - west)), least), most);
}

function viewState(camera, width, height) {
  const world = fit(camera.world, width, height, 0);
  let { target, zoom } = world;
  if (camera.focus) {
    const chosen = fit(camera.focus, width, height, camera.padding);
    target = chosen.target;
    zoom = Math.min(Math.max(chosen.zoom, world.zoom), world.zoom + camera.zoomIn);
  }
  // `resets` is not deck.gl's: a new count makes the state differ, so deck.gl applies it again.
  return { target, zoom, minZoom: world.zoom - 1, maxZoom: world.zoom + 8, resets: camera.resets };
}

// A small square button on the map, its name (for screen readers and on hover) in the page's language.
function button(text, act) {
  const made = document.createElement("button");
  made.type = "button";
  made.textContent = text;
  made.style.cssText =
    "width:28px;height:28px;padding:0;display:grid;place-items:center;border:1px solid rgba(49,51,63,0.3);" +
    "border-radius:4px;background:#fff;color:#31333f;font:inherit;font-size:16px;line-height:1;cursor:pointer";
  made.addEventListener("click", act);
  return made;
}

// Back to the fitted view: a frame's corners, drawn, so no font has to hold the symbol.
function fitIcon() {
  const icon = document.createElementNS(SVG, "svg");
  const corners = document.createElementNS(SVG, "path");
  const look = { width: 16, height: 16, viewBox: "0 0 16 16", fill: "none", stroke: "currentColor" };
  for (const [name, value] of Object.entries({ ...look, "stroke-width": 1.6, "aria-hidden": "true" })) {
    icon.setAttribute(name, value);
  }
  corners.setAttribute("d", "M1.5 5.5v-4h4M10.5 1.5h4v4M14.5 10.5v4h-4M5.5 14.5h-4v-4");
  icon.append(corners);
  return icon;
}

class CoopMap {
  constructor(parent) {
    this.parent = parent;
    this.frame = document.createElement("div");
    this.frame.className = "coopmap-map";
    this.frame.setAttribute("role", "img");
    this.frame.style.cssText = "position:relative;width:100%;touch-action:pan-y";
    this.tip = document.createElement("div");
    this.tip.setAttribute("role", "tooltip");
    this.tip.id = "coopmap-tip";
    this.tip.style.cssText =
      "position:fixed;z-index:1000;display:none;pointer-events:none;white-space:pre-wrap;" +
      `max-width:min(24rem, calc(100vw - ${2 * MARGIN}px));padding:0.4rem 0.6rem;border-radius:0.3rem;` +
      "background:#fff;color:#111;border:1px solid #999;font-size:0.8rem;line-height:1.35;" +
      "box-shadow:0 1px 4px rgba(0,0,0,0.25)";
    // The sea: the globe's outline as a path under the canvas, placed on the screen as the deck draws; the
    // browser paints it, where a WebGL layer cost a fill of the whole canvas on every frame.
    this.sea = document.createElementNS(SVG, "svg");
    this.sea.setAttribute("aria-hidden", "true");
    this.sea.style.cssText = "position:absolute;inset:0;width:100%;height:100%;overflow:hidden";
    this.seaShape = document.createElementNS(SVG, "path");
    this.seaShape.setAttribute("visibility", "hidden"); // until the deck's first frame places it
    this.sea.append(this.seaShape);
    this.frame.append(this.sea);
    // The zoom buttons are the map's own: a press moves the camera here, with no rerun to wait for.
    this.zoomIn = button("＋", () => this.zoomBy(ZOOM_STEP));
    this.zoomOut = button("－", () => this.zoomBy(-ZOOM_STEP));
    this.reset = button("", () => this.setView(this.fitted));
    this.reset.append(fitIcon());
    // In the bottom left corner, over the South Pacific: the one corner of the world view with no land
    // under 96×32 px, even on a phone. Beside the map's element, not in it: an image holds no controls.
    this.controls = document.createElement("div");
    this.controls.className = "coopmap-zoom";
    this.controls.style.cssText = "position:absolute;left:4px;bottom:4px;z-index:1;display:flex;gap:4px";
    this.controls.append(this.zoomIn, this.zoomOut, this.reset);
    this.presses = 0;
    const box = document.createElement("div");
    box.style.cssText = "position:relative";
    box.append(this.frame, this.controls);
    parent.append(box, this.tip);
    // url -> Promise of the parsed file: fetched once per page, shared by every layer and rerun.
    this.geometry = window.coopmapGeometry ??= {};
    this.width = 0;
    this.drawn = false; // true once the countries are drawn and can be picked
    this.pending = null; // a tap made before that, replayed after it
    this.lastHover = null;
    this.resize = new ResizeObserver(() => this.fitWidth());
    this.resize.observe(parent);
    this.listen();
  }

  // Data: the last rerun's; setTrigger: sends a country to the server (a click, as typing its name does).
  async update(data, setTrigger) {
    this.data = data;
    this.setTrigger = setTrigger;
    this.frame.setAttribute("aria-label", data.label);
    this.name(this.zoomIn, data.zoom.in);
    this.name(this.zoomOut, data.zoom.out);
    this.name(this.reset, data.zoom.reset);
    const named = [data.sea.url, ...data.deck.layers.map((l) => l.data)];
    const urls = [...new Set(named.filter((d) => typeof d === "string"))];
    for (const url of urls) this.geometry[url] ??= fetch(here(url)).then((answer) => answer.json());
    const deck = await library(); // fetched meanwhile with the files
    const files = Object.fromEntries(await Promise.all(urls.map(async (u) => [u, await this.geometry[u]])));
    if (data !== this.data) return; // a newer rerun arrived meanwhile; it draws instead
    this.drawSea(files[data.sea.url], data.sea.fill);
    this.converter ??= new deck.JSONConverter({
      configuration: new deck.JSONConfiguration({
        classes: {
          ...deck,
          HairlineLayer: hairlineLayer(deck, window.luma), // luma.gl: the bundle's own
          MarkLayer: markLayer(deck, window.luma),
        },
      }),
    });
    // Converted without their files' URLs, then given the parsed files: deck.gl never loads a URL itself
    // (a new Deck, as when the map's tab is shown again, would fetch every file anew).
    const bare = data.deck.layers.map((l) => (typeof l.data === "string" ? { ...l, data: [] } : l));
    const props = this.converter.convert({ ...data.deck, layers: bare });
    // The same parsed object for the same URL, every rerun: deck.gl sees unchanged data and keeps its buffers.
    const layers = props.layers.map((layer, at) => {
      const url = data.deck.layers[at].data;
      return typeof url === "string" ? layer.clone({ data: files[url] }) : layer;
    });
    if (!this.deck) {
      // At its size from the start, its drawing buffer too: a first frame drawn at the canvas's default
      // size (300×150) costs as much again as the right one.
      const size = this.size();
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(size.width * window.devicePixelRatio);
      canvas.height = Math.round(size.height * window.devicePixelRatio);
      canvas.style.cssText = `position:relative;width:${size.width}px;height:${size.height}px`; // over the sea
      this.frame.append(canvas);
      this.deck = new deck.Deck({
        ...size,
        canvas,
        views: props.views,
        layers,
        getCursor: ({ isDragging }) => (isDragging ? "grabbing" : "pointer"),
        // deck.gl's own picking off: in WebGL it picks synchronously on every pointerdown, which held a
        // click's rerun back by a whole pick; the map picks a hover once a frame and a tap once itself.
        pickAsync: false,
        onAfterRender: () => this.afterRender(),
        onViewStateChange: ({ viewState }) => {
          this.view = viewState; // a drag, a double-click or a key: the zoom buttons go on from there
        },
      });
      this.skipSameSize();
    } else {
      this.deck.setProps({ layers });
      this.fitWidth(true);
    }
  }

  // Height from width, so the page does not shift; the camera fitted again when the width or the request changes.
  fitWidth(force = false) {
    if (!this.deck || !this.data) return;
    const width = Math.round(this.parent.getBoundingClientRect().width);
    const request = JSON.stringify(this.data.camera);
    if (width <= 0 || (!force && width === this.width) || (width === this.width && request === this.request)) {
      return;
    }
    this.deck.setProps(this.size());
  }

  // The element's width now, the height it gives, and the camera fitted to both.
  size() {
    const width = Math.round(this.parent.getBoundingClientRect().width);
    const height = worldHeight(this.data.camera, width);
    this.width = width;
    this.request = JSON.stringify(this.data.camera);
    this.frame.style.height = `${height}px`;
    this.fitted = viewState(this.data.camera, width, height);
    this.view = this.fitted;
    return { width, height, initialViewState: this.fitted };
  }

  name(control, words) {
    control.setAttribute("aria-label", words);
    control.title = words;
  }

  zoomBy(steps) {
    const [now, fitted] = [this.view, this.fitted];
    if (!now || !fitted) return;
    this.setView({ ...now, zoom: Math.min(Math.max(now.zoom + steps, fitted.minZoom), fitted.maxZoom) });
  }

  // `presses` is not deck.gl's: a count that makes a view deck.gl was given before differ, so it applies it.
  setView(view) {
    if (!this.deck || !view) return;
    this.presses += 1;
    this.view = view;
    this.deck.setProps({ initialViewState: { ...view, presses: this.presses } });
  }

  // deck.gl draws the whole map again whenever its canvas reports a size, even the one it was drawn at,
  // which its ResizeObserver does once just after the first frame: a second full frame in software
  // WebGL. A report of the size last drawn, drawing buffer alike, is let go; any other goes through.
  skipSameSize() {
    const resized = this.deck._onCanvasContextResize;
    if (typeof resized !== "function") return; // deck.gl changed: every report redraws, as before
    this.deck._onCanvasContextResize = (context, options) => {
      const [width, height] = context.getCSSSize();
      const size = `${width}x${height} ${context.getDrawingBufferSize().join("x")}`;
      if (size !== this.drawnSize) resized.call(this.deck, context, options);
    };
  }

  // The globe's outline in the map's km, once; its colour as the rerun gives it.
  drawSea(globe, [red, green, blue]) {
    if (!this.seaShape.getAttribute("d")) {
      const rings = globe.features.flatMap(({ geometry }) =>
        geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat(),
      );
      this.seaShape.setAttribute("d", rings.map((ring) => `M${ring.join("L")}Z`).join(""));
    }
    this.seaShape.setAttribute("fill", `rgb(${red},${green},${blue})`);
  }

  // The sea where the deck has just drawn the land: km to the canvas's pixels, as the view projects them.
  placeSea() {
    const viewport = this.deck.getViewports()[0];
    if (!viewport) return;
    const [x0, y0] = viewport.project([0, 0]);
    const [x1, y1] = viewport.project([1000, 1000]);
    this.seaShape.setAttribute("transform", `matrix(${(x1 - x0) / 1000} 0 0 ${(y1 - y0) / 1000} ${x0} ${y0})`);
    this.seaShape.setAttribute("visibility", "visible");
  }

  afterRender() {
    this.placeSea();
    const canvas = this.deck.getCanvas();
    if (canvas) {
      this.drawnSize = `${canvas.clientWidth}x${canvas.clientHeight} ${canvas.width}x${canvas.height}`;
    }
    const countries = this.deck.props.layers.find((layer) => layer.id === "countries");
    if (!this.drawn && countries && countries.isLoaded) {
      this.drawn = true;
      this.frame.dataset.drawn = "true";
      if (this.pending) {
        const { x, y } = this.pending;
        this.pending = null;
        setTimeout(() => this.tap(x, y), 0);
      }
    }
  }

  // Own tap detection: deck.gl's onClick never fired in headless chromium; pointer events always do.
  listen() {
    let down = null;
    this.frame.addEventListener("pointerdown", (event) => {
      down = { x: event.clientX, y: event.clientY, at: performance.now() };
    });
    this.frame.addEventListener("pointerup", (event) => {
      if (!down) return;
      const moved = Math.hypot(event.clientX - down.x, event.clientY - down.y);
      const quick = performance.now() - down.at < TAP_MS;
      down = null;
      if (moved > TAP_PX || !quick) return;
      const box = this.frame.getBoundingClientRect();
      const x = event.clientX - box.left;
      const y = event.clientY - box.top;
      if (this.drawn) this.tap(x, y);
      else this.pending = { x, y };
    });
    this.frame.addEventListener("pointermove", (event) => {
      if (event.pointerType !== "mouse" || event.buttons) return;
      const box = this.frame.getBoundingClientRect();
      const [x, y] = [event.clientX - box.left, event.clientY - box.top];
      const last = this.lastHover;
      if (last && last.x === x && last.y === y) return; // picked there already
      const first = !this.pointer;
      this.pointer = { x, y };
      if (first) requestAnimationFrame(() => this.hover());
    });
    this.frame.addEventListener("pointerleave", (event) => {
      if (event.pointerType !== "mouse") return;
      this.pointer = null;
      this.hideTip();
    });
  }

  // The latest pointer position of the frame, picked once: a mouse moved over the map asks for no more.
  hover() {
    const at = this.pointer;
    this.pointer = null;
    if (!at || !this.drawn) return;
    const info = this.pick(at.x, at.y) || at;
    this.hovered({ ...info, x: at.x, y: at.y });
  }

  // A dot or ring under (x, y), nearest first, else the country deck.gl finds there.
  pick(x, y) {
    const viewport = this.deck.getViewports()[0];
    for (const id of this.data.marks) {
      const layer = this.deck.props.layers.find((candidate) => candidate.id === id);
      let best = null;
      for (const object of (viewport && layer && layer.props.data) || []) {
        const drawn = layer.drawnAt(viewport, object);
        const away = Math.hypot(drawn.x - x, drawn.y - y);
        const off = drawn.width ? Math.abs(away - drawn.radius) - drawn.width / 2 : away - drawn.radius;
        if (off <= PICK_PX && (!best || off < best.off)) best = { off, object };
      }
      if (best) return { object: best.object, x, y };
    }
    return this.deck.pickObject({ x, y, radius: PICK_PX, layerIds: this.data.picked });
  }

  code(info) {
    const object = info && info.object;
    return object ? (object.properties ? object.properties.iso3 : object.iso3) : null;
  }

  // A pick takes seconds in software WebGL: a tap where the mouse last hovered reuses that pick.
  tap(x, y) {
    const last = this.lastHover;
    const reuse = last && Math.hypot(last.x - x, last.y - y) < 3 && this.code(last);
    const info = reuse ? last : this.pick(x, y);
    const code = this.code(info);
    if (!code) return;
    this.setTrigger("country", code);
    requestAnimationFrame(() => this.showTip(code, x, y)); // after the rerun is sent: it lays out the page
  }

  hovered(info) {
    this.lastHover = info;
    const code = this.code(info);
    if (code) this.showTip(code, info.x, info.y);
    else this.hideTip();
  }

  // Source text goes in as text, never as HTML.
  text(code) {
    const data = this.data;
    if (data.tips[code]) return data.tips[code];
    const name = names[code] || this.nameOf(code) || code;
    if (data.members[code]) {
      const lines = data.members[code].map((at) => data.groupLines[at]);
      return [name, data.noReport.replace("{name}", name), ...lines].join("\n");
    }
    const sentence = data.hidden.includes(code) ? data.filtered : data.noClaim;
    return `${name}\n${sentence.replace("{name}", name)}`;
  }

  nameOf(code) {
    const layer = this.deck.props.layers.find((l) => l.id === "countries");
    const features = layer && layer.props.data && layer.props.data.features;
    const feature = features && features.find((f) => f.properties.iso3 === code);
    return feature ? feature.properties.name : null;
  }

  // Beside the pointer, flipped to the other side near an edge and kept inside the window.
  showTip(code, x, y) {
    const box = this.frame.getBoundingClientRect();
    const px = box.left + x;
    const py = box.top + y;
    this.tip.textContent = this.text(code);
    this.tip.dataset.country = code;
    this.tip.style.display = "block";
    const { width, height } = this.tip.getBoundingClientRect();
    let left = px + 14;
    let top = py + 14;
    if (left + width > window.innerWidth - MARGIN) left = px - 14 - width;
    if (top + height > window.innerHeight - MARGIN) top = py - 14 - height;
    left = Math.min(Math.max(left, MARGIN), window.innerWidth - MARGIN - width);
    top = Math.min(Math.max(top, MARGIN), window.innerHeight - MARGIN - height);
    this.tip.style.left = `${left}px`;
    this.tip.style.top = `${top}px`;
    this.frame.setAttribute("aria-describedby", this.tip.id);
  }

  hideTip() {
    this.tip.style.display = "none";
    this.frame.removeAttribute("aria-describedby");
  }

  destroy() {
    this.resize.disconnect();
    if (this.deck) this.deck.finalize();
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  parentElement.coopmap ??= new CoopMap(parentElement);
  const map = parentElement.coopmap;
  map.update(data, setTriggerValue).catch((error) => console.error("map:", error));
  // Streamlit may call this before a rerun draws the same element again: only an element gone from
  // the page is an unmount, and only then are the deck and its canvas let go.
  return () =>
    setTimeout(() => {
      if (parentElement.isConnected || parentElement.coopmap !== map) return;
      map.destroy();
      delete parentElement.coopmap;
    }, 0);
}
