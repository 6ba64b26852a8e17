// The UI's logic, kept apart from the DOM so it can be tested on its own: facet chips and the
// filters they set, the referral basket, keyboard selection, and "latest answer wins" searching.
// The words of the lists (weekdays, the values a yes/no facet counts) come from the core's
// `Labels`; the UI keeps no copy of them.
import type { Filters } from "./bindings/Filters";
import type { Category } from "./bindings/Category";
import type { Labels } from "./bindings/Labels";

/** The facets the UI can turn into filters: each names a field of `Filters`. */
export const FACET_KEYS = [
  "category",
  "targets",
  "substances",
  "programs",
  "municipality",
  "day",
  "anonymous",
  "no_reservation",
] as const;

export type FacetKey = (typeof FACET_KEYS)[number];

export function isFacetKey(key: string): key is FacetKey {
  return (FACET_KEYS as readonly string[]).includes(key);
}

/** What the chip logic needs from the core's labels: the weekdays and the yes/no values. */
export type FacetWords = Pick<Labels, "facets" | "weekdays">;

/** The one value a yes/no facet counts (`可` for anonymous), as the core names it. */
function flagValue(words: FacetWords, facet: FacetKey): string | null {
  return words.facets.find((x) => x.key === facet)?.flag_value ?? null;
}

/** Whether a chip's value is among the filters. */
export function isActive(f: Filters, facet: FacetKey, value: string, words: FacetWords): boolean {
  switch (facet) {
    case "category":
      return f.categories.includes(value as Category);
    case "targets":
      return f.targets.includes(value);
    case "substances":
      return f.substances.includes(value);
    case "programs":
      return f.programs.includes(value);
    case "municipality":
      return f.municipality === value;
    case "day":
      return f.day !== null && words.weekdays[f.day] === value;
    case "anonymous":
      return f.anonymous;
    case "no_reservation":
      return f.no_reservation;
  }
}

function toggleIn<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** The filters after clicking a chip: lists gain or lose the value, single values switch. */
export function toggle(f: Filters, facet: FacetKey, value: string, words: FacetWords): Filters {
  switch (facet) {
    case "category":
      return { ...f, categories: toggleIn(f.categories, value as Category) };
    case "targets":
      return { ...f, targets: toggleIn(f.targets, value) };
    case "substances":
      return { ...f, substances: toggleIn(f.substances, value) };
    case "programs":
      return { ...f, programs: toggleIn(f.programs, value) };
    case "municipality":
      return { ...f, municipality: f.municipality === value ? null : value };
    case "day": {
      const d = words.weekdays.indexOf(value);
      return { ...f, day: d < 0 || f.day === d ? null : d };
    }
    case "anonymous":
      return { ...f, anonymous: !f.anonymous };
    case "no_reservation":
      return { ...f, no_reservation: !f.no_reservation };
  }
}

/** How many filters are set (for the "clear" button). */
export function activeCount(f: Filters): number {
  return (
    f.categories.length +
    f.targets.length +
    f.substances.length +
    f.programs.length +
    (f.municipality ? 1 : 0) +
    (f.resident_of ? 1 : 0) +
    (f.day !== null ? 1 : 0) +
    (f.anonymous ? 1 : 0) +
    (f.no_reservation ? 1 : 0) +
    (f.confidential ? 1 : 0)
  );
}

/** Chips for one facet: the active ones first so they never scroll away, then by count. */
export function chips(
  f: Filters,
  facet: FacetKey,
  counts: [string, number][] | undefined,
  words: FacetWords,
  max = 12,
): { value: string; count: number; active: boolean }[] {
  const all = (counts ?? []).map(([value, count]) => ({ value, count, active: isActive(f, facet, value, words) }));
  if (facet === "day") all.sort((a, b) => words.weekdays.indexOf(a.value) - words.weekdays.indexOf(b.value));
  const active = all.filter((c) => c.active);
  const rest = all.filter((c) => !c.active).slice(0, Math.max(0, max - active.length));
  // An active value with no results in the current set still shows, with 0, so it can be undone.
  const missing = activeValues(f, facet, words)
    .filter((v) => !all.some((c) => c.value === v))
    .map((value) => ({ value, count: 0, active: true }));
  return [...active, ...missing, ...rest];
}

function activeValues(f: Filters, facet: FacetKey, words: FacetWords): string[] {
  switch (facet) {
    case "category":
      return f.categories;
    case "targets":
      return f.targets;
    case "substances":
      return f.substances;
    case "programs":
      return f.programs;
    case "municipality":
      return f.municipality ? [f.municipality] : [];
    case "day": {
      const day = f.day !== null ? words.weekdays[f.day] : undefined;
      return day !== undefined ? [day] : [];
    }
    case "anonymous":
    case "no_reservation": {
      const value = flagValue(words, facet);
      return f[facet] && value !== null ? [value] : [];
    }
  }
}

/** One resource in the referral basket: enough to show and print without asking again. */
export interface BasketItem {
  id: string;
  name: string;
  phone: string | null;
  address: string | null;
}

/** The referral basket: an ordered list without duplicates, kept across restarts. */
export class Basket {
  items: BasketItem[] = [];
  note = "";
  recipient = "";

  constructor(private storage: Storage | null = null) {
    const saved = storage?.getItem("tsunagu.basket");
    if (saved) {
      try {
        const v = JSON.parse(saved);
        if (Array.isArray(v.items)) this.items = v.items.filter(isBasketItem);
        if (typeof v.note === "string") this.note = v.note;
        if (typeof v.recipient === "string") this.recipient = v.recipient;
      } catch {
        // A damaged saved basket starts empty rather than breaking the app.
      }
    }
  }

  has(id: string): boolean {
    return this.items.some((i) => i.id === id);
  }

  /** Adds at the end; false when it was already there. */
  add(item: BasketItem): boolean {
    if (this.has(item.id)) return false;
    this.items.push(item);
    this.save();
    return true;
  }

  remove(id: string): void {
    this.items = this.items.filter((i) => i.id !== id);
    this.save();
  }

  /** Moves an item up (-1) or down (+1); no-op at the ends. */
  move(id: string, delta: number): void {
    const from = this.items.findIndex((i) => i.id === id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= this.items.length) return;
    const [item] = this.items.splice(from, 1);
    this.items.splice(to, 0, item);
    this.save();
  }

  clear(): void {
    this.items = [];
    this.forgetPerson();
  }

  /**
   * Forgets whom the sheet was for (the addressee and the note) and keeps the resources: done
   * once a sheet is saved or printed, so the next person at a shared PC does not see them.
   */
  forgetPerson(): void {
    this.note = "";
    this.recipient = "";
    this.save();
  }

  save(): void {
    this.storage?.setItem(
      "tsunagu.basket",
      JSON.stringify({ items: this.items, note: this.note, recipient: this.recipient }),
    );
  }
}

function isBasketItem(v: unknown): v is BasketItem {
  const o = v as BasketItem;
  return typeof o === "object" && o !== null && typeof o.id === "string" && typeof o.name === "string";
}

/**
 * The issuing office (発行元) printed on every sheet: set once per PC, remembered apart from the
 * basket (it is not about the person and is never cleared with the basket).
 */
export class Office {
  static readonly KEY = "tsunagu.office";
  value: string;

  constructor(private storage: Storage | null = null) {
    this.value = storage?.getItem(Office.KEY) ?? "";
  }

  set(value: string): void {
    this.value = value;
    if (value.trim() === "") this.storage?.removeItem(Office.KEY);
    else this.storage?.setItem(Office.KEY, value);
  }

  /** What the core is sent: the office as typed, or null when none is set. */
  get sent(): string | null {
    return this.value.trim() === "" ? null : this.value;
  }
}

/**
 * Whether a key goes into a text field (so a one-letter shortcut must leave it alone): inputs
 * that take text, text areas, selects and editable content.
 */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"].includes(target.type);
  }
  return false;
}

/** The selected row after an arrow key, clamped to the list. */
export function moveSelection(current: number, delta: number, length: number): number {
  if (length === 0) return -1;
  if (current < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + delta));
}

/**
 * Runs searches so that only the latest answer is shown: a slow answer to an earlier keystroke
 * never replaces the answer to a later one.
 */
export class Latest {
  private seq = 0;

  async run<T>(task: () => Promise<T>, show: (value: T) => void): Promise<boolean> {
    const mine = ++this.seq;
    const value = await task();
    if (mine !== this.seq) return false;
    show(value);
    return true;
  }
}

/**
 * Runs a task as soon as it is asked for, but never two at once: asking while one runs makes it
 * run once more when that one ends, with whatever is current then. Typing costs one search per
 * answer shown (a search takes about a millisecond, so results follow the keys within a frame
 * or two), and the last keystroke is always searched.
 */
export class Coalesce {
  private running = false;
  private again = false;

  constructor(private task: () => Promise<void>) {}

  /** Whether a run is going on or asked for. */
  get busy(): boolean {
    return this.running;
  }

  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain();
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.task();
      } catch {
        // The task shows its own errors; the next request must still run.
      }
    } while (this.again);
    this.running = false;
  }
}

/**
 * Whether a key belongs to an input method's composition: while Japanese is being converted,
 * Enter confirms the conversion and the arrows pick a candidate, so none of them is meant for
 * the result list.
 */
export function composing(e: KeyboardEvent): boolean {
  return e.isComposing || e.keyCode === 229;
}
