// A small W3C WebDriver client over fetch, and the harness that starts tauri-driver with the
// environment the app under test needs (its own catalogue, an export folder).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
export const ROOT = resolve(import.meta.dirname, "../..");
export const APP = process.env.TSUNAGU_APP ?? join(ROOT, "target/debug/tsunagu-desktop");
export const CLI = process.env.TSUNAGU_CLI ?? join(ROOT, "target/debug/tsunagu");

export interface Harness {
  dir: string;
  db: string;
  exports: string;
  session: Session;
  startedAt: number;
  close(): Promise<void>;
}

/** A fresh folder for one suite's catalogue and exports. */
export function workdir(): { dir: string; db: string; exports: string } {
  const dir = mkdtempSync(join(tmpdir(), "tsunagu-e2e-"));
  const exports = join(dir, "exports");
  mkdirSync(exports);
  return { dir, db: join(dir, "catalogue.sqlite3"), exports };
}

/** Starts tauri-driver (which starts WebKitWebDriver) and opens the app in a new session. */
export async function launch(w = workdir(), env: Record<string, string> = {}, port = 4444): Promise<Harness> {
  const driver: ChildProcess = spawn("tauri-driver", ["--port", String(port)], {
    // The app's own folders (WebKit's local storage included) live in the suite's folder, so no
    // run sees what an earlier one left.
    env: {
      ...process.env,
      TSUNAGU_DB: w.db,
      TSUNAGU_EXPORT_DIR: w.exports,
      XDG_DATA_HOME: join(w.dir, "data"),
      XDG_CONFIG_HOME: join(w.dir, "config"),
      XDG_CACHE_HOME: join(w.dir, "cache"),
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    try {
      const r = await fetch(`${base}/status`);
      return (await r.json()).value?.ready === true;
    } catch {
      return false;
    }
  }, 30_000, "tauri-driver did not start");
  const startedAt = performance.now();
  const session = await Session.create(base, APP);
  return {
    ...w,
    session,
    startedAt,
    async close() {
      await session.delete().catch(() => undefined);
      driver.kill();
      await new Promise((r) => driver.once("exit", r));
    },
  };
}

export async function waitFor<T>(
  probe: () => Promise<T | false | null | undefined>,
  timeoutMs = 10_000,
  what = "condition",
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

export class Element {
  constructor(
    private s: Session,
    readonly id: string,
  ) {}
  text = () => this.s.cmd<string>("GET", `/element/${this.id}/text`);
  attr = (name: string) => this.s.cmd<string | null>("GET", `/element/${this.id}/attribute/${name}`);
  click = () => this.s.cmd("POST", `/element/${this.id}/click`, {});
  type = (text: string) => this.s.cmd("POST", `/element/${this.id}/value`, { text });
  clear = () => this.s.cmd("POST", `/element/${this.id}/clear`, {});
  find = (css: string) => this.s.find(css, this.id);
  findAll = (css: string) => this.s.findAll(css, this.id);
}

export class Session {
  private constructor(
    private base: string,
    readonly id: string,
  ) {}

  static async create(base: string, application: string): Promise<Session> {
    const r = await fetch(`${base}/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application } } },
      }),
    });
    const body = await r.json();
    if (!r.ok) throw new Error(`new session failed: ${JSON.stringify(body)}`);
    return new Session(base, body.value.sessionId);
  }

  async cmd<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
    return json.value as T;
  }

  async find(css: string, from?: string): Promise<Element> {
    const path = from ? `/element/${from}/element` : "/element";
    const v = await this.cmd<Record<string, string>>("POST", path, { using: "css selector", value: css });
    return new Element(this, v[ELEMENT]);
  }

  async findAll(css: string, from?: string): Promise<Element[]> {
    const path = from ? `/element/${from}/elements` : "/elements";
    const v = await this.cmd<Record<string, string>[]>("POST", path, { using: "css selector", value: css });
    return v.map((e) => new Element(this, e[ELEMENT]));
  }

  /** Waits until `css` matches, then returns the first match. */
  waitFor(css: string, timeoutMs = 10_000): Promise<Element> {
    return waitFor(async () => (await this.findAll(css))[0], timeoutMs, css);
  }

  script<T>(source: string, args: unknown[] = []): Promise<T> {
    return this.cmd<T>("POST", "/execute/sync", { script: source, args });
  }

  /**
   * Saves what the window shows, once the fonts have loaded and two more frames were drawn:
   * WebKit can otherwise hand back an older frame (seen as missing Japanese glyphs and an empty
   * list in a screenshot taken right after the page changed).
   */
  async screenshot(file: string): Promise<void> {
    await this.cmd("POST", "/execute/async", {
      script:
        "const done = arguments[arguments.length - 1];" +
        "document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))));",
      args: [],
    });
    const png = await this.cmd<string>("GET", "/screenshot");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(png, "base64"));
  }

  /** Presses keys on the focused element (W3C key actions). */
  async keys(...keys: string[]): Promise<void> {
    const actions = keys.flatMap((k) => [
      { type: "keyDown", value: k },
      { type: "keyUp", value: k },
    ]);
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  delete(): Promise<unknown> {
    return this.cmd("DELETE", "");
  }
}

export const KEY = { down: "\uE015", up: "\uE013", enter: "\uE007" };

/** How many searches the page has answered (`data-searches`). */
export async function answered(s: Session): Promise<number> {
  return s.script<number>("return Number(document.documentElement.dataset.searches ?? 0)");
}

/**
 * Waits until a search after `before` has been answered and drawn, and none runs or waits
 * (`data-searching` is 0): a pause alone is outlasted by a search slower than the pause, and the
 * list is then drawn again under the test's feet.
 */
export async function settled(s: Session, before: number, what = "a search answered"): Promise<void> {
  await waitFor(
    () =>
      s.script<boolean>(
        "const d = document.documentElement.dataset; return Number(d.searches ?? 0) > arguments[0] && d.searching === '0';",
        [before],
      ),
    10_000,
    what,
  );
}

/**
 * Clicks the `i`th element matching `css`, found afresh, and again if it was drawn anew between
 * finding and clicking it (a search answered late, a list redrawn after an addition).
 */
export async function clickAfresh(s: Session, css: string, i = 0): Promise<void> {
  await waitFor(
    async () => {
      const found = await s.findAll(css);
      if (found.length <= i) return false;
      await found[i].click();
      return true;
    },
    10_000,
    `${css} #${i}`,
  );
}

/** Clicks the `i`th result row (see {@link clickAfresh}). */
export async function clickHit(s: Session, i: number): Promise<void> {
  await clickAfresh(s, ".results .hit", i);
}
