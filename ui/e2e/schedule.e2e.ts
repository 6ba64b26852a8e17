// Issue 19 in the real app window, on the bundled data: a pharmacist asked "when is the next
// family class near us?" opens 日程 from the keyboard, chooses 居住地 大阪市, sees the family
// classes and meetings to come with their place and phone, saves the one-page calendar handout
// in やさしい日本語 and the .ics file, and the area booklet; then the counsellor saves the referral
// sheet in every style from the basket and copies it as text. The handouts are read back with
// poppler, and each style's first page and the booklet's are kept as screenshots in docs/.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, KEY, ROOT, clickHit, launch, waitFor } from "./driver";

const SHOTS = join(ROOT, "docs/screenshots");
let app: Harness;

beforeAll(async () => {
  app = await launch();
  await app.session.waitFor(".results .hit", 30_000);
});

afterAll(async () => {
  await app?.close();
});

async function toastSays(text: string, timeoutMs = 30_000): Promise<void> {
  const toast = await app.session.find(".toast");
  let last = "";
  await waitFor(
    async () => {
      last = await toast.text();
      return last.includes(text);
    },
    timeoutMs,
    `toast「${text}」`,
  ).catch((e: Error) => {
    throw new Error(`${e.message} (the toast says「${last}」)`);
  });
}

/** The newest file with this extension in the export folder, once it is there. */
async function exported(ext: string, before: string[]): Promise<string> {
  return waitFor(
    async () => readdirSync(app.exports).find((f) => f.endsWith(ext) && !before.includes(f)) ?? null,
    30_000,
    `a new ${ext}`,
  ).then((f) => join(app.exports, f));
}

function text(pdf: string): string {
  return execFileSync("pdftotext", [pdf, "-"]).toString().replace(/\n/g, "");
}

/** The PDF's first page as a PNG in docs/screenshots (what the person takes home). */
function pageShot(pdf: string, name: string): void {
  const stem = join(SHOTS, `${name}-page`);
  execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf, stem]);
  renameSync(`${stem}.png`, join(SHOTS, `${name}.png`));
}

async function chooseValue(css: string, value: string): Promise<void> {
  await app.session.script(
    "const s = document.querySelector(arguments[0]); s.value = arguments[1];" +
      "s.dispatchEvent(new Event('change', { bubbles: true }));",
    [css, value],
  );
}

describe("日程: the sessions to come", () => {
  it("opens from the keyboard and lists family classes for a 大阪市 resident with place and phone", async () => {
    const s = app.session;
    const tab = await s.find('.tab[data-view="schedule"]');
    await s.script("document.querySelector('.tab[data-view=\"schedule\"]').focus()");
    await s.keys(KEY.enter);
    await s.waitFor(".schedule h2");
    expect(await tab.attr("aria-selected")).toBe("true");
    // The screen is drawn anew, whole, once the sessions for 大阪市 are in: mark what is drawn
    // now and wait for a screen without the mark.
    await s.script("document.querySelector('.schedule h2').dataset.stale = '1'");
    await chooseValue('select[name="schedule-residence"]', "大阪市");
    await waitFor(
      () =>
        s.script<boolean>(
          "return !document.querySelector('.schedule h2')?.dataset.stale && !!document.querySelector('.schedule-day .session')",
        ),
      15_000,
      "the sessions for a 大阪市 resident",
    );
    const rows = await s.script<{ name: string; phone: string; date: string }[]>(
      "return [...document.querySelectorAll('.schedule-day .session')].map(r => ({" +
        "name: r.querySelector('.what button').textContent, phone: r.querySelector('.phone').textContent," +
        "date: r.closest('.schedule-day').dataset.date }))",
    );
    expect(rows.length).toBeGreaterThan(0);
    // Family classes and meetings only, by date, each with a phone or a plain "none stated".
    expect(rows.every((r) => /家族|会/.test(r.name)), JSON.stringify(rows)).toBe(true);
    expect(rows.every((r) => r.phone.length > 0)).toBe(true);
    const dates = rows.map((r) => r.date);
    expect([...dates].sort()).toEqual(dates);
    expect(await s.script<string>("return document.querySelector('.schedule-list .count').textContent")).toBe(`${rows.length} 件`);
    await s.screenshot(join(SHOTS, "schedule.png"));
  });

  it("saves the calendar handout in やさしい日本語 and the .ics file", async () => {
    await chooseValue('select[name="calendar-style"]', "easy");
    let before = readdirSync(app.exports);
    await (await app.session.find("button.export-calendar")).click();
    await toastSays("保存しました");
    const pdf = await exported(".pdf", before);
    const t = text(pdf);
    expect(t).toContain("集まりの 日");
    expect(t).toContain("あつ"); // the furigana of 集
    expect(t).toContain("居住地: 大阪市");
    pageShot(pdf, "calendar-easy");
    before = readdirSync(app.exports);
    await (await app.session.find("button.export-ics")).click();
    await toastSays("保存しました");
    const ics = readFileSync(await exported(".ics", before), "utf8");
    expect(ics).toContain("BEGIN:VEVENT");
  });

  it("saves the area booklet for the 居住地", async () => {
    const before = readdirSync(app.exports);
    await (await app.session.find("button.export-booklet")).click();
    await toastSays("保存しました");
    const pdf = await exported(".pdf", before);
    const t = text(pdf);
    expect(t).toContain("大阪市に住む人のための相談先");
    expect(t).toContain("家族会・家族教室");
    pageShot(pdf, "booklet");
  });
});

describe("the referral sheet in every style", () => {
  it("saves the sheet in each style from the basket and copies it as text", async () => {
    const s = app.session;
    await (await s.find('.tab[data-view="search"]')).click();
    for (const i of [0, 1]) {
      await clickHit(s, i);
      await s.waitFor(".detail .actions button.primary");
      await (await s.find(".detail .actions button.primary")).click();
    }
    await (await s.find('.tab[data-view="basket"]')).click();
    await s.waitFor(".basket-items li");
    const expected: [string, string][] = [
      ["easy", "相談できる ところ"],
      ["en", "Referral sheet"],
      ["zh", "转介单"],
      ["ko", "안내 시트"],
      ["vi", "Phiếu giới thiệu"],
    ];
    for (const [style, title] of expected) {
      await chooseValue('select[name="sheet-style"]', style);
      const before = readdirSync(app.exports);
      await (await s.find('.basket button[data-focus="export"]')).click();
      await toastSays("紹介シートを保存しました");
      // Saving opens the form recording the referral, which redraws the basket once the labels
      // arrive: wait for it, so the next click does not land on a button being replaced.
      await s.waitFor('.basket [name="case_code"]');
      const pdf = await exported(".pdf", before);
      expect(text(pdf)).toContain(title);
      pageShot(pdf, `sheet-${style}`);
      // Saving forgot the addressee: the toast of the next one must be new.
      await app.session.script("document.querySelector('.toast').textContent = ''");
    }
    await chooseValue('select[name="sheet-style"]', "standard");
    await app.session.script(
      "const c = document.querySelector('input[name=\"sheet-style-large\"]'); c.checked = true;" +
        "c.dispatchEvent(new Event('change', { bubbles: true }));",
    );
    await s.waitFor('input[name="sheet-style-large"]:checked');
    const before = readdirSync(app.exports);
    await (await s.find('.basket button[data-focus="export"]')).click();
    await toastSays("紹介シートを保存しました");
    pageShot(await exported(".pdf", before), "sheet-large");
    await (await s.find(".basket button.copy-text")).click();
    await toastSays("コピー");
    const copied = await s.script<string>("return document.querySelector('.basket').dataset.copyText ?? ''");
    expect(copied).toContain("■ ");
    expect(copied).toContain("紹介シート");
  });
});
