// A phone number in the detail: a desktop PC often has no program for tel: links, and handing
// one to the system then fails with an error nobody can act on. So a click copies the number,
// shows it large (「06-…をコピーしました」), and only then offers to open a phone program.
import { api } from "../api";
import { h, replace } from "../dom";
import { openDialog } from "./dialog";

/** Copies text to the clipboard; false when neither way worked. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // No permission or no clipboard API in this WebView: the old way below.
  }
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const buffer = h("textarea", { class: "copy-buffer", readonly: true, "aria-hidden": "true", tabindex: "-1" });
  buffer.value = text;
  document.body.appendChild(buffer);
  buffer.select();
  let copied = false;
  try {
    copied = typeof document.execCommand === "function" && document.execCommand("copy");
  } catch {
    copied = false;
  }
  buffer.remove();
  before?.focus();
  return copied;
}

/** Copies `number` and shows it in a dialog that may then open `href` (tel:…) in a phone program. */
export async function copyPhone(number: string, href: string): Promise<void> {
  const copied = await copyText(number);
  const message = h(
    "p",
    { class: copied ? "copy-result" : "copy-result failed", role: "status" },
    copied ? `${number}をコピーしました` : "コピーできませんでした。下の番号を見てかけてください",
  );
  const openApp = h("button", { type: "button", class: "open-phone-app" }, "電話アプリで開く");
  const dialog = openDialog(
    "電話番号",
    [
      h("p", { class: "big-number" }, number),
      message,
      h("p", { class: "hint" }, "電話機やスマートフォンから、この番号におかけください。"),
    ],
    { className: "phone-dialog", actions: [openApp], focusClose: true },
  );
  openApp.addEventListener("click", () => {
    api.openLink(href).then(
      () => dialog.close(),
      // No raw error: say what it means and that the number is still there.
      () =>
        replace(
          message,
          copied
            ? `このパソコンでは電話アプリを開けませんでした。番号（${number}）はコピーしてあります。`
            : "このパソコンでは電話アプリを開けませんでした。上の番号を見てかけてください。",
        ),
    );
  });
}

/** A phone number as a large link: a click (or Enter, or Space) copies it first. */
export function phoneLink(number: string, href: string): HTMLAnchorElement {
  const a = h("a", { href, class: "phone link-tel", title: "クリックすると番号をコピーします" }, "☎ ", number);
  a.addEventListener("click", (e) => {
    // The page never follows a link itself.
    e.preventDefault();
    void copyPhone(number, href);
  });
  spaceActivates(a);
  return a;
}

/** Space activates a link as Enter does (links only take Enter by themselves). */
export function spaceActivates(a: HTMLAnchorElement): void {
  a.addEventListener("keydown", (e) => {
    if (e.key === " " && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      a.click();
    }
  });
}
