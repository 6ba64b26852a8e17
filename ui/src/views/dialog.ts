// A small modal dialog (the keyboard help, a copied phone number): it takes the focus, keeps Tab
// inside, closes with Esc or its 閉じる button and gives the focus back to where it was. Built as
// a plain element rather than <dialog> so it behaves the same in every WebView and in the tests.
import { h } from "../dom";

export interface DialogHandle {
  /** The dialog element (role="dialog"). */
  el: HTMLElement;
  close(): void;
}

/** The dialog open now, if any: one at a time. */
let current: DialogHandle | null = null;

/** Whether a dialog is open (the window's shortcuts wait until it is closed). */
export function dialogOpen(): boolean {
  return current !== null;
}

/** Closes the open dialog, if any. */
export function closeDialog(): void {
  current?.close();
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

export interface DialogOptions {
  className?: string;
  /** Buttons placed before 閉じる. */
  actions?: HTMLButtonElement[];
  /** 閉じる takes the focus even when there are actions (nothing happens by a stray Enter). */
  focusClose?: boolean;
  /** Runs after the dialog closed. */
  onClose?: () => void;
}

/**
 * Opens a dialog titled `title` with `body`. The first action (or 閉じる) gets the focus, and
 * the element that had it gets it back on closing.
 */
export function openDialog(title: string, body: Node[], options: DialogOptions = {}): DialogHandle {
  closeDialog();
  const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const id = `dialog-title-${Math.random().toString(36).slice(2, 8)}`;
  const closeButton = h("button", { type: "button", class: "dialog-close" }, "閉じる");
  const el = h(
    "div",
    { class: `dialog ${options.className ?? ""}`.trim(), role: "dialog", "aria-modal": "true", "aria-labelledby": id, tabindex: "-1" },
    h("h2", { id }, title),
    body,
    h("div", { class: "actions" }, options.actions ?? [], closeButton),
  );
  const backdrop = h("div", { class: "dialog-backdrop" }, el);
  const handle: DialogHandle = {
    el,
    close() {
      if (current !== handle) return;
      current = null;
      backdrop.remove();
      document.removeEventListener("keydown", onKey, true);
      // Back to where the user was, if it is still on the page.
      if (returnTo?.isConnected) returnTo.focus();
      options.onClose?.();
    },
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      handle.close();
    } else if (e.key === "Tab") {
      const items = [...el.querySelectorAll<HTMLElement>(FOCUSABLE)];
      if (items.length === 0) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      } else if (!el.contains(document.activeElement)) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  closeButton.addEventListener("click", () => handle.close());
  backdrop.addEventListener("click", (e) => {
    if (e.target === backdrop) handle.close();
  });
  document.addEventListener("keydown", onKey, true);
  document.body.appendChild(backdrop);
  current = handle;
  (options.focusClose ? closeButton : (options.actions?.[0] ?? closeButton)).focus();
  return handle;
}
