// Instants from the core (RFC 3339, in UTC) shown as Japan time. Japan keeps UTC+9 all year, so
// the conversion is arithmetic on the instant, read back with the UTC getters: what is shown
// never depends on the time zone of the machine the app runs on.

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The instant moved to Japan's wall clock (read it with getUTC*), or null when unreadable. */
function wallClock(iso: string): Date | null {
  // Fractional seconds to exactly three digits, as ECMAScript's date format defines them (other
  // lengths are left to each engine's parser).
  const t = Date.parse(iso.replace(/\.(\d+)/, (_, f: string) => `.${f.padEnd(3, "0").slice(0, 3)}`));
  return Number.isNaN(t) ? null : new Date(t + JST_OFFSET_MS);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `2026-12-04T23:30:00Z` → `2026-12-05` (the text itself when it is not a date). */
export function jstDate(iso: string): string {
  const d = wallClock(iso);
  if (!d) return iso;
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `2026-12-04T23:30:00Z` → `2026-12-05 08:30` (the text itself when it is not a date). */
export function jstDateTime(iso: string): string {
  const d = wallClock(iso);
  if (!d) return iso;
  return `${jstDate(iso)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Today in Japan, `YYYY-MM-DD` (the day the core calls today). */
export function jstToday(now: Date = new Date()): string {
  return jstDate(now.toISOString());
}

/** `2026-12-25` plus 14 days → `2027-01-08` (the text itself when it is not a day). */
export function addDays(day: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
