// Loading what a screen shows without letting one failed request blank the whole screen.
import { messageOf } from "../api";

/** Something loaded, or the message of why it could not be. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };

export async function load<T>(task: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await task() };
  } catch (e) {
    return { ok: false, error: messageOf(e) };
  }
}
