// 紹介を記録する: the short form offered once a referral sheet is saved or printed. It records
// the resources on the sheet, how the person was referred, a case code (never a name: what looks
// like one is flagged as it is typed), whether consent was obtained and when to follow up.
import { api, messageOf } from "../api";
import type { NewReferral, Referral, ReferralWay } from "../api";
import { h, replace } from "../dom";
import { Latest } from "../state";
import type { BasketItem } from "../state";
import { addDays, jstToday } from "../time";

/** Days from the referral to the follow-up the form proposes. */
export const FOLLOW_UP_DAYS = 14;

/** The way the form proposes after a sheet: the sheet itself. */
const SHEET: ReferralWay = "紹介シート";

/** What the form asks of the screen it is on. */
export interface ReferralFormDeps {
  /** The referral was recorded. */
  logged(referral: Referral): void;
  /** The user chose not to record it. */
  dismissed(): void;
}

/**
 * The form for one referral of `items` (the resources on the sheet, in order), offering the
 * core's ways of referring (`Labels.referral_ways`).
 */
export function referralForm(items: BasketItem[], ways: ReferralWay[], deps: ReferralFormDeps): HTMLFormElement {
  const how = h(
    "select",
    { name: "how" },
    ways.map((w) => h("option", { value: w, selected: w === SHEET }, w)),
  );
  const code = h("input", {
    type: "text",
    name: "case_code",
    required: true,
    maxlength: "40",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "例: K-2026-014",
    "aria-describedby": "case-code-hint case-code-concerns",
  });
  const concerns = h("div", { class: "concerns", id: "case-code-concerns", role: "alert" });
  const consent = h("input", { type: "checkbox", name: "consent" });
  const today = jstToday();
  const followUp = h("input", { type: "date", name: "follow_up", min: today, value: addDays(today, FOLLOW_UP_DAYS) });
  const error = h("p", { class: "error", role: "alert" });
  const submit = h("button", { type: "submit", class: "primary" }, "記録する");

  // The warnings follow the typing; a slow answer to an earlier key never replaces a later one.
  const latest = new Latest();
  code.addEventListener("input", () => {
    const typed = code.value.trim();
    latest
      .run(
        () => (typed === "" ? Promise.resolve([]) : api.caseCodeConcerns(typed)),
        (messages) => replace(concerns, messages.map((m) => h("p", {}, m))),
      )
      .catch(() => replace(concerns));
  });

  const form = h(
    "form",
    { class: "log-referral", "aria-label": "紹介を記録する" },
    h("h3", {}, "紹介を記録する"),
    h("p", { class: "targets" }, "紹介先: ", items.map((i) => i.name).join("、")),
    h("label", {}, h("span", {}, "紹介の方法"), how),
    h("label", {}, h("span", {}, "ケース番号"), code),
    h("p", { class: "hint", id: "case-code-hint" }, "名前ではなく、ケース番号や記号で（例: K-2026-014）"),
    concerns,
    h("label", { class: "consent" }, consent, " 記録することに同意を得た"),
    h("label", {}, h("span", {}, "フォローアップの日"), followUp),
    error,
    h(
      "div",
      { class: "actions" },
      submit,
      h("button", { type: "button", class: "dismiss", onclick: () => deps.dismissed() }, "記録しない"),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const referral: NewReferral = {
      case_code: code.value.trim(),
      resource_ids: items.map((i) => i.id),
      // The select offers only the core's ways; the core reads the value again.
      how: how.value as ReferralWay,
      // Ticked: consent was obtained. Unticked says nothing either way (not recorded).
      consent: consent.checked ? true : null,
      follow_up: followUp.value === "" ? null : followUp.value,
      referred_on: null,
    };
    submit.disabled = true;
    try {
      deps.logged(await api.addReferral(referral));
    } catch (err) {
      replace(error, messageOf(err));
      code.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
