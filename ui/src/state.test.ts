import { describe, expect, it } from "vitest";
import { noFilters } from "./api";
import { labelsFixture } from "./labels.fixture";
import { Basket, Coalesce, Latest, Office, activeCount, chips, composing, isActive, isTextField, moveSelection, toggle } from "./state";

const W = labelsFixture();

describe("facet chips", () => {
  it("toggle lists on and off and switch single values", () => {
    let f = toggle(noFilters(), "category", "家族教室", W);
    f = toggle(f, "targets", "家族", W);
    expect(f.categories).toEqual(["家族教室"]);
    expect(f.targets).toEqual(["家族"]);
    expect(activeCount(f)).toBe(2);
    f = toggle(f, "category", "家族教室", W);
    expect(f.categories).toEqual([]);
    f = toggle(f, "municipality", "大阪市", W);
    f = toggle(f, "municipality", "堺市", W);
    expect(f.municipality).toBe("堺市");
    f = toggle(f, "day", "水", W);
    expect(f.day).toBe(2);
    expect(isActive(f, "day", "水", W)).toBe(true);
    f = toggle(f, "day", "水", W);
    expect(f.day).toBeNull();
    f = toggle(toggle(f, "anonymous", "可", W), "no_reservation", "不要", W);
    expect(f.anonymous && f.no_reservation).toBe(true);
    f = toggle(f, "programs", "SMARPP", W);
    expect(f.programs).toEqual(["SMARPP"]);
    expect(isActive(f, "programs", "SMARPP", W)).toBe(true);
  });

  it("keep active values first and visible even at zero", () => {
    const f = toggle(noFilters(), "targets", "女性", W);
    const cs = chips(
      f,
      "targets",
      [
        ["本人", 40],
        ["家族", 30],
      ],
      W,
    );
    expect(cs[0]).toEqual({ value: "女性", count: 0, active: true });
    expect(cs.map((c) => c.value)).toEqual(["女性", "本人", "家族"]);
  });

  it("list weekdays in calendar order and cap the rest", () => {
    const days = chips(
      noFilters(),
      "day",
      [
        ["土", 3],
        ["月", 9],
        ["水", 5],
      ],
      W,
    );
    expect(days.map((c) => c.value)).toEqual(["月", "水", "土"]);
    const many = Array.from({ length: 30 }, (_, i): [string, number] => [`v${i}`, 30 - i]);
    expect(chips(noFilters(), "targets", many, W, 12)).toHaveLength(12);
  });

  it("take the weekdays and the yes/no values from the core's labels", () => {
    // Whatever the core calls them: index n of its weekdays is day n.
    const words = { ...W, weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] };
    const f = toggle(noFilters(), "day", "Wed", words);
    expect(f.day).toBe(2);
    expect(chips(f, "day", [], words)).toEqual([{ value: "Wed", count: 0, active: true }]);
    const yes = {
      ...W,
      facets: W.facets.map((x) => (x.key === "anonymous" ? { ...x, flag_value: "はい" } : x)),
    };
    const g = toggle(noFilters(), "anonymous", "はい", yes);
    // An active yes/no filter shows its chip, with the core's value, even when nothing counts it.
    expect(chips(g, "anonymous", [], yes)).toEqual([{ value: "はい", count: 0, active: true }]);
    expect(chips(g, "anonymous", [["はい", 3]], yes)).toEqual([{ value: "はい", count: 3, active: true }]);
  });
});

describe("the referral basket", () => {
  it("adds without duplicates, reorders, removes and survives a restart", () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    } as Storage;
    const b = new Basket(storage);
    expect(b.add({ id: "a", name: "A", phone: null, address: null })).toBe(true);
    expect(b.add({ id: "b", name: "B", phone: "06", address: "大阪" })).toBe(true);
    expect(b.add({ id: "a", name: "A", phone: null, address: null })).toBe(false);
    b.move("b", -1);
    expect(b.items.map((i) => i.id)).toEqual(["b", "a"]);
    b.move("b", -1); // already first
    expect(b.items.map((i) => i.id)).toEqual(["b", "a"]);
    b.note = "来週電話してみてください";
    b.save();
    const again = new Basket(storage);
    expect(again.items.map((i) => i.id)).toEqual(["b", "a"]);
    expect(again.note).toBe("来週電話してみてください");
    again.remove("b");
    expect(new Basket(storage).items.map((i) => i.id)).toEqual(["a"]);
  });

  it("starts empty when the saved basket is damaged", () => {
    const storage = { getItem: () => "{not json", setItem: () => undefined } as unknown as Storage;
    expect(new Basket(storage).items).toEqual([]);
    const wrong = { getItem: () => JSON.stringify({ items: [{ id: 1 }, null, { id: "x", name: "X" }] }), setItem: () => undefined } as unknown as Storage;
    expect(new Basket(wrong).items.map((i) => i.id)).toEqual(["x"]);
  });
});

describe("keyboard selection", () => {
  it("clamps to the list", () => {
    expect(moveSelection(-1, 1, 5)).toBe(0);
    expect(moveSelection(-1, -1, 5)).toBe(4);
    expect(moveSelection(4, 1, 5)).toBe(4);
    expect(moveSelection(0, -1, 5)).toBe(0);
    expect(moveSelection(2, 1, 0)).toBe(-1);
  });
});

describe("latest answer wins", () => {
  it("drops a slow answer to an earlier keystroke", async () => {
    const latest = new Latest();
    const shown: string[] = [];
    let release: (v: string) => void = () => undefined;
    const slow = latest.run(() => new Promise<string>((r) => (release = r)), (v) => shown.push(v));
    const fast = latest.run(async () => "だるく", (v) => shown.push(v));
    expect(await fast).toBe(true);
    release("だ");
    expect(await slow).toBe(false);
    expect(shown).toEqual(["だるく"]);
  });
});

describe("Coalesce", () => {
  it("runs at once, never twice at the same time, and once more for requests made meanwhile", async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    let release: () => void = () => undefined;
    const c = new Coalesce(async () => {
      runs++;
      running++;
      most = Math.max(most, running);
      await new Promise<void>((r) => (release = r));
      running--;
    });
    c.request();
    expect(runs).toBe(1);
    c.request();
    c.request();
    expect(runs).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  it("keeps going after a task fails", async () => {
    let runs = 0;
    const c = new Coalesce(async () => {
      runs++;
      throw new Error("x");
    });
    c.request();
    await new Promise((r) => setTimeout(r, 0));
    c.request();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
  });
});

describe("composing", () => {
  it("knows keys that belong to the input method", () => {
    expect(composing(new KeyboardEvent("keydown", { key: "Enter", isComposing: true }))).toBe(true);
    expect(composing(new KeyboardEvent("keydown", { key: "Enter", keyCode: 229 }))).toBe(true);
    expect(composing(new KeyboardEvent("keydown", { key: "Enter" }))).toBe(false);
  });
});

describe("the filters for confidentiality", () => {
  it("count toward the filters set", () => {
    expect(activeCount({ ...noFilters(), confidential: true })).toBe(1);
    expect(activeCount(noFilters())).toBe(0);
  });
});

describe("a shared PC", () => {
  it("forgets the person but keeps the resources", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as Storage;
    const b = new Basket(storage);
    b.add({ id: "a", name: "A", phone: null, address: null });
    b.recipient = "山田 花子 さんへ";
    b.note = "水曜に";
    b.save();
    b.forgetPerson();
    const again = new Basket(storage);
    expect(again.items.map((i) => i.id)).toEqual(["a"]);
    expect(again.recipient).toBe("");
    expect(again.note).toBe("");
  });

  it("remembers the issuing office apart, and sends none when it is blank", () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    } as Storage;
    const office = new Office(storage);
    expect(office.sent).toBeNull();
    office.set("北区保健福祉センター");
    expect(new Office(storage).value).toBe("北区保健福祉センター");
    expect(new Office(storage).sent).toBe("北区保健福祉センター");
    office.set("  ");
    expect(store.has(Office.KEY)).toBe(false);
    expect(office.sent).toBeNull();
  });
});

describe("text fields", () => {
  it("are where one-key shortcuts stay out", () => {
    const make = (html: string) => {
      const d = document.createElement("div");
      d.innerHTML = html;
      return d.firstElementChild;
    };
    expect(isTextField(make('<input type="search">'))).toBe(true);
    expect(isTextField(make('<input type="text">'))).toBe(true);
    expect(isTextField(make("<textarea></textarea>"))).toBe(true);
    expect(isTextField(make("<select></select>"))).toBe(true);
    expect(isTextField(make('<input type="checkbox">'))).toBe(false);
    expect(isTextField(make("<button>x</button>"))).toBe(false);
    expect(isTextField(make('<ol tabindex="0"></ol>'))).toBe(false);
    expect(isTextField(null)).toBe(false);
  });
});
