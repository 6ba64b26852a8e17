// A button for something that cannot be undone in one step (removing one's own resource,
// returning to an earlier edition).
import { h, replace } from "../dom";

/** The first click only changes the label to say exactly what will happen; the second does it. */
export function confirmButton(
  attrs: Record<string, string | boolean>,
  label: string,
  confirmLabel: string,
  act: () => Promise<void>,
): HTMLButtonElement {
  const button = h("button", { type: "button", ...attrs }, label);
  let armed = false;
  button.addEventListener("click", () => {
    if (!armed) {
      armed = true;
      replace(button, confirmLabel);
      return;
    }
    void act();
  });
  return button;
}
