// Building DOM without markup: every piece of dataset text goes in as a text node, so nothing a
// dataset says can become an element, an attribute or a script. There is no innerHTML in this app.

type Child = Node | string | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element. `on*` keys become listeners; `true` sets a boolean attribute. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (value === true) {
      el.setAttribute(key, "");
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(el, child);
    else if (child === null || child === undefined || child === false) continue;
    else el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Replaces an element's children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/**
 * Words that tell a frightened person their consultation stays confidential. They are marked
 * wherever they appear, because fear of being reported is why people do not call.
 */
export const CONFIDENTIALITY =
  /秘密[はをの]?(?:厳守|保持|守)|守秘義務?|匿名|通報(?:は|を)?(?:しません|しない|することはありません)|プライバシー/g;

/** Text with the confidentiality words in <mark>, as nodes (never markup). */
export function highlight(text: string, pattern: RegExp = CONFIDENTIALITY): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  const re = new RegExp(pattern.source, "g");
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === "") {
      re.lastIndex++;
      continue;
    }
    if (m.index > last) nodes.push(document.createTextNode(text.slice(last, m.index)));
    nodes.push(h("mark", { class: "confidential" }, m[0]));
    last = m.index + m[0].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

/**
 * Redraws part of the page with `draw` and gives the keyboard focus back to the control that had
 * it, found again by its `data-focus` (a redraw replaces the elements, and a keyboard user would
 * otherwise be sent back to the top of the page). When that control is gone or disabled, the
 * focus goes to `fallback`.
 */
export function keepFocus(container: HTMLElement, draw: () => void, fallback: HTMLElement | null = null): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && container.contains(active) ? (active.dataset.focus ?? "") : null;
  draw();
  if (key === null) return;
  const again = [...container.querySelectorAll<HTMLElement>("[data-focus]")].find(
    (el) => el.dataset.focus === key && !(el as HTMLButtonElement).disabled,
  );
  (again ?? fallback)?.focus();
}
