/**
 * A tiny DOM builder. Every string becomes a text node, never markup: report files and DNS
 * answers are untrusted, so nothing they contain is ever parsed as HTML.
 */

/** What an element may contain: nodes, text, numbers; falsy values are skipped. */
export type Child = Node | string | number | null | undefined | false;
/** Attribute values; `false` and `undefined` leave the attribute out. */
export type Attrs = Record<string, string | number | boolean | undefined>;

function apply(el: Element, attrs: Attrs, children: (Child | Child[])[]): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Creates an HTML element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes and children. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs, children);
  return el;
}

/** A column heading of {@link table}: its text, or its text and a class (`num` aligns right). */
export type Column = string | { label: string; class: string };

/**
 * A data table: a caption, one header row of column headings (`scope="col"`) and the body
 * rows, which the caller builds (their first cell may be a row heading).
 */
export function table(
  attrs: Attrs,
  caption: Child,
  columns: Column[],
  rows: HTMLTableRowElement[],
): HTMLTableElement {
  return h(
    'table',
    attrs,
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) =>
          typeof c === 'string'
            ? h('th', { scope: 'col' }, c)
            : h('th', { scope: 'col', class: c.class }, c.label),
        ),
      ),
    ),
    h('tbody', {}, rows),
  );
}

/** Looks up an element that the page must have; a missing one is a bug in index.html. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html has no #${id}`);
  return el as T;
}

let counter = 0;
/** A document-unique id for aria-labelledby and friends. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
