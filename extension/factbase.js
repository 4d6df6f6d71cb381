/*
 * factbase.js: the published fact-checks of the page you are reading, marked in its text.
 *
 * A publisher adds one tag to an article page:
 *
 *   <script src="https://FACTBASE/static/factbase/factbase.js"
 *           data-factbase="https://FACTBASE" defer></script>
 *
 * data-factbase is optional: the API base defaults to the script's own origin. A browser
 * extension sets window.FACTBASE_URL and injects the same file.
 *
 * It makes one request, GET {base}/api/v1/annotations/?uri={the page's canonical URL},
 * and with no fact-checks stops there: nothing in the page changes. Otherwise it finds
 * each W3C TextQuoteSelector's words in the page text (an exact search; prefix and
 * suffix pick among repeats, the TextPositionSelector breaks ties), wraps their text
 * nodes in <mark> elements (inline, no box of their own: the layout stays as it was,
 * across links and emphasis), and makes each claim a control: hover, focus or tap shows
 * the verdict, the summary and a link to the fact-check; Enter moves to the link,
 * Escape closes and returns to the claim. The popups live at the end of <body>, so the
 * article's own text, and every offset into it, is as it was.
 *
 * Plain modern JavaScript with no dependencies: this file is what runs, no build step.
 */
(() => {
  "use strict";

  if (window.__factbase) return;
  window.__factbase = { marked: 0 };

  const script = document.currentScript;
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "OPTION"]);
  const UI = "data-fb-ui";

  function apiBase() {
    const given = (script && script.dataset.factbase) || window.FACTBASE_URL;
    if (given) return new URL(given, location.href).href.replace(/\/+$/, "");
    return new URL(script ? script.src : location.href).origin;
  }

  function pageAddress() {
    const canonical = document.querySelector('link[rel~="canonical"][href]');
    const address = new URL(canonical ? canonical.getAttribute("href") : location.href, location.href);
    address.hash = "";
    return address.href;
  }

  // The page text as annotation clients read it: its text nodes in document order,
  // without scripts, styles or this script's own popups.
  function pageText() {
    const nodes = [];
    const starts = [];
    let text = "";
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        const parent = node.parentElement;
        if (!parent || SKIP.has(parent.tagName) || parent.closest(`[${UI}]`)) {
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push(node);
      starts.push(text.length);
      text += node.data;
    }
    return { nodes, starts, text };
  }

  // The start of the occurrence of `exact` whose surroundings agree longest with the
  // prefix and suffix; the nearest to `hint` among equals. -1 if the words are not there.
  function locate(text, selector, hint) {
    const exact = selector.exact;
    const prefix = selector.prefix || "";
    const suffix = selector.suffix || "";
    let best = -1;
    let bestAgreed = -1;
    for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
      let agreed = 0;
      while (agreed < prefix.length && text[at - agreed - 1] === prefix[prefix.length - agreed - 1]) {
        agreed++;
      }
      const end = at + exact.length;
      for (let i = 0; i < suffix.length && text[end + i] === suffix[i]; i++) agreed++;
      const better = agreed > bestAgreed ||
        (agreed === bestAgreed && Math.abs(at - hint) < Math.abs(best - hint));
      if (better) {
        best = at;
        bestAgreed = agreed;
      }
    }
    return best;
  }

  // The text nodes covering text[start, end), split at the ends so each is whole.
  function cover(page, start, end) {
    const covered = [];
    page.nodes.forEach((node, i) => {
      const nodeStart = page.starts[i];
      const nodeEnd = nodeStart + node.data.length;
      if (nodeEnd <= start || nodeStart >= end) return;
      const to = Math.min(end, nodeEnd) - nodeStart;
      const from = Math.max(start, nodeStart) - nodeStart;
      if (to < node.data.length) node.splitText(to);
      const piece = from > 0 ? node.splitText(from) : node;
      if (piece.data.trim()) covered.push(piece);
    });
    return covered;
  }

  // The verdict and summary (the assessing TextualBody: "Verdict: summary") and the link
  // to the fact-check: the body's linked page (text/html) if it has one, else its
  // linked resource, else the annotation itself.
  function describe(annotation) {
    const bodies = [].concat(annotation.body || []);
    const assessing = bodies.find((b) => b.type === "TextualBody" && b.purpose === "assessing");
    const value = assessing ? String(assessing.value || "") : "";
    const colon = value.indexOf(": ");
    const linked = bodies.map((b) => b && b.source).filter((s) => s && typeof s === "object" && s.id);
    const page = linked.find((s) => s.format === "text/html") || linked[0];
    return {
      verdict: (colon === -1 ? value : value.slice(0, colon)) || "Fact-checked",
      summary: colon === -1 ? "" : value.slice(colon + 2),
      link: page ? page.id : annotation.id,
    };
  }

  const STYLE = `
    mark.fb-claim { background: #fff0a8; color: inherit; font: inherit; padding: 0; margin: 0;
      box-shadow: inset 0 -2px 0 #c98a00; cursor: pointer; }
    mark.fb-claim.fb-open { background: #ffdf5e; }
    mark.fb-claim:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 1px; }
    .fb-tip { position: absolute; z-index: 2147483647; box-sizing: border-box; width: 22rem;
      max-width: calc(100vw - 16px); padding: .75rem 1rem; margin: 0; background: #fff;
      color: #1b1b1b; border: 1px solid #767676; border-radius: 6px; text-align: left;
      box-shadow: 0 4px 16px rgba(0, 0, 0, .25); font: 15px/1.45 system-ui, sans-serif; }
    .fb-tip[hidden] { display: none; }
    .fb-tip .fb-verdict { display: block; font-weight: 700; font-size: 1.05em; }
    .fb-tip .fb-summary { display: block; margin: .25rem 0 .5rem; }
    .fb-tip a { color: #1a5fb4; text-decoration: underline; }
    .fb-tip .fb-by { display: block; margin-top: .4rem; color: #555; font-size: .8em; }`;

  let layer = null;
  let current = null;

  function popupLayer() {
    if (!layer) {
      layer = document.createElement("div");
      layer.setAttribute(UI, "");
      const style = document.createElement("style");
      style.textContent = STYLE;
      layer.appendChild(style);
      document.body.appendChild(layer);
    }
    return layer;
  }

  function close() {
    if (!current) return;
    current.tip.hidden = true;
    current.control.setAttribute("aria-expanded", "false");
    current.marks.forEach((m) => m.classList.remove("fb-open"));
    current = null;
  }

  function show(claim) {
    if (current === claim) return;
    close();
    claim.tip.hidden = false;
    claim.control.setAttribute("aria-expanded", "true");
    claim.marks.forEach((m) => m.classList.add("fb-open"));
    const box = claim.marks[claim.marks.length - 1].getBoundingClientRect();
    const width = claim.tip.offsetWidth;
    const room = document.documentElement.clientWidth;
    const left = Math.max(8, Math.min(box.left, room - width - 8));
    claim.tip.style.left = `${left + window.scrollX}px`;
    claim.tip.style.top = `${box.bottom + window.scrollY + 6}px`;
    current = claim;
  }

  function popup(id, { verdict, summary, link }) {
    const tip = document.createElement("div");
    tip.id = id;
    tip.className = "fb-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    const title = document.createElement("span");
    title.className = "fb-verdict";
    title.textContent = verdict;
    const text = document.createElement("span");
    text.className = "fb-summary";
    text.textContent = summary;
    const anchor = document.createElement("a");
    anchor.href = link;
    anchor.target = "_blank";
    anchor.rel = "noopener";
    anchor.textContent = "Read the fact-check";
    const by = document.createElement("span");
    by.className = "fb-by";
    by.textContent = "Fact-check by factbase";
    tip.append(title, text, anchor, by);
    popupLayer().appendChild(tip);
    return tip;
  }

  let quiet = false; // focus given back by the script opens nothing

  function wire(claim) {
    const { control, tip, marks } = claim;
    let timer = 0;
    const keep = () => clearTimeout(timer);
    const leave = () => {
      keep();
      timer = setTimeout(() => {
        if (current === claim && !tip.contains(document.activeElement) && document.activeElement !== control) close();
      }, 250);
    };
    for (const el of [...marks, tip]) {
      el.addEventListener("mouseenter", () => { keep(); show(claim); });
      el.addEventListener("mouseleave", leave);
    }
    marks.forEach((m) => m.addEventListener("click", (event) => {
      if (event.fbShown) return; // an inner claim's mark took this tap
      event.fbShown = true;
      show(claim);
    }));
    control.addEventListener("focus", () => { if (!quiet) show(claim); });
    control.addEventListener("blur", (event) => {
      if (!tip.contains(event.relatedTarget)) leave();
    });
    control.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        show(claim);
        tip.querySelector("a").focus();
      }
    });
    tip.addEventListener("keydown", (event) => {
      if (event.key === "Tab") {
        event.preventDefault();
        back(claim);
      }
    });
    tip.addEventListener("focusout", (event) => {
      if (event.relatedTarget !== control && !tip.contains(event.relatedTarget)) leave();
    });
  }

  function back(claim) {
    close();
    quiet = true;
    claim.control.focus();
    quiet = false;
  }

  const tipId = (index) => `fb-tip-${index}`;

  function mark(annotation, index) {
    const selectors = [].concat((annotation.target && annotation.target.selector) || []);
    const quote = selectors.find((s) => s.type === "TextQuoteSelector");
    const position = selectors.find((s) => s.type === "TextPositionSelector");
    if (!quote || !quote.exact) return false;
    const page = pageText();
    const at = locate(page.text, quote, position ? position.start : 0);
    if (at === -1) return false;
    const covered = cover(page, at, at + quote.exact.length);
    if (!covered.length) return false;

    const marks = covered.map((node) => {
      const m = document.createElement("mark");
      m.className = "fb-claim";
      m.dataset.fbFor = tipId(index);
      node.replaceWith(m);
      m.appendChild(node);
      return m;
    });
    const id = tipId(index);
    const about = describe(annotation);
    const tip = popup(id, about);
    const control = marks[0];
    control.tabIndex = 0;
    control.setAttribute("role", "button");
    control.setAttribute("aria-expanded", "false");
    control.setAttribute("aria-controls", id);
    control.setAttribute("aria-describedby", id);
    control.dataset.fbVerdict = about.verdict;
    wire({ control, tip, marks });
    return true;
  }

  function highlight(body) {
    const annotations = (body && Array.isArray(body.items) && body.items) || [];
    if (!annotations.length) return;
    // In page order, a longer quote before one it contains, so the inner quote's marks
    // sit inside the outer's and the innermost claim is the one hover and tap open.
    const order = annotations
      .map((annotation, index) => ({ annotation, index, span: span(annotation) }))
      .sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
    let marked = 0;
    for (const { annotation, index } of order) if (mark(annotation, index)) marked++;
    window.__factbase.marked = marked;
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && current) back(current);
    });
    document.addEventListener("click", (event) => {
      if (current && !current.tip.contains(event.target) &&
          !current.marks.some((m) => m.contains(event.target))) close();
    });
  }

  function span(annotation) {
    const selectors = [].concat((annotation.target && annotation.target.selector) || []);
    const position = selectors.find((s) => s.type === "TextPositionSelector");
    return position ? [position.start, position.end] : [0, 0];
  }

  function run() {
    const url = `${apiBase()}/api/v1/annotations/?uri=${encodeURIComponent(pageAddress())}`;
    fetch(url, { credentials: "omit", headers: { Accept: "application/ld+json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then(highlight)
      .catch(() => {});
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
