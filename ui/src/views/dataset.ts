// データ: the edition in use and the ones before it, a new edition previewed (its signature, every
// change, its problems) before it is applied, and returning to the edition an update replaced.
import { api, messageOf } from "../api";
import type { Coverage, DatasetPreview, DatasetStatus } from "../api";
import type { Change } from "../bindings/Change";
import type { Edition } from "../bindings/Edition";
import { h, replace } from "../dom";
import { Latest } from "../state";
import { jstDate, jstDateTime } from "../time";
import { confirmButton } from "./confirm";
import { coverageSection, loadCoverage } from "./workbench";

export interface DatasetState {
  /** The edition chosen and checked, not yet applied. */
  preview: DatasetPreview | null;
  /** A file is being read, applied or rolled back: the buttons wait. */
  busy: boolean;
  /** What the last action did, or why it failed. */
  done: string | null;
}

export class DatasetView {
  readonly state: DatasetState = { preview: null, busy: false, done: null };
  readonly el = h("section", { class: "dataset", "aria-label": "データ" });
  private latest = new Latest();
  /** The coverage table, read with the status. */
  private coverage: Coverage | string | null = null;
  /** What the person typed as the publisher's address, kept across redraws. */
  private url: string | null = null;

  /** `changed` runs after the catalogue changed (the search runs again). */
  constructor(private changed: () => void) {}

  /** Sets the screen's state and draws it with the status read afresh. */
  async render(preview: DatasetPreview | null = null, busy = false, done: string | null = null): Promise<void> {
    Object.assign(this.state, { preview, busy, done });
    await this.latest.run(
      async () => {
        this.coverage = await loadCoverage();
        try {
          return await api.datasetStatus();
        } catch (e) {
          return messageOf(e);
        }
      },
      (status) => this.draw(status),
    );
  }

  private draw(status: DatasetStatus | string): void {
    const { preview, busy, done } = this.state;
    const s = typeof status === "string" ? null : status;
    const choose = h("button", { type: "button", class: "primary", disabled: busy }, "新しい版のファイルを選ぶ…");
    choose.addEventListener("click", () => this.act(() => api.chooseDataset()));
    replace(
      this.el,
      h("h2", {}, "データセット"),
      typeof status === "string" ? h("p", { class: "error" }, status) : this.statusRows(status),
      h("p", {}, "府が公開する新しい版を取り込めます。変わる内容を確かめてから更新します。メモ・お気に入り・自分で追加した資源は残ります。"),
      s?.newer_bundled != null && !preview && this.bundledNote(s.newer_bundled, busy),
      choose,
      !preview && this.fetchForm(s?.fetched_from ?? null, busy),
      s?.rollback_to && !preview && this.rollbackButton(s.rollback_to, busy),
      busy && h("progress", { "aria-label": "処理中" }),
      done && h("p", { class: "done", role: "status" }, done),
      preview && this.previewNode(preview),
      this.coverage !== null && coverageSection(this.coverage),
    );
  }

  private statusRows(s: DatasetStatus): HTMLElement {
    const e = s.edition;
    return h(
      "dl",
      { class: "rows" },
      h("dt", {}, "使っている版"),
      h("dd", {}, e ? [e.title, e.edition].filter(Boolean).join(" ") || e.file_name : "（同梱のデータ）"),
      e?.published && [h("dt", {}, "公開日"), h("dd", {}, e.published)],
      e?.publisher && [h("dt", {}, "発行元"), h("dd", {}, e.publisher)],
      e && [h("dt", {}, "取り込んだ日時"), h("dd", {}, jstDateTime(e.imported_at))],
      h("dt", {}, "件数"),
      h("dd", {}, `${s.count} 件`),
      s.history.length > 0 && [
        h("dt", {}, "これまでの版"),
        h("dd", {}, s.history.map((p) => `${p.label}（${jstDate(p.imported_at)}）`).join("、")),
      ],
    );
  }

  /**
   * 新しい版を確認: the publisher's address (the one the edition in use came from, else typed
   * once). The network is used only when the button is pressed.
   */
  private fetchForm(fetchedFrom: string | null, busy: boolean): HTMLElement {
    const input = h("input", {
      type: "url",
      id: "edition-url",
      value: this.url ?? fetchedFrom ?? "",
      placeholder: "https://…/dataset.json",
      spellcheck: "false",
      autocomplete: "off",
      disabled: busy,
    });
    input.addEventListener("input", () => {
      this.url = input.value;
    });
    const check = h("button", { type: "submit", disabled: busy }, "新しい版を確認");
    const form = h(
      "form",
      { class: "fetch", "aria-label": "発行元のページから新しい版を確認" },
      h("label", { for: "edition-url" }, "発行元が公開している版の URL"),
      h("div", { class: "fetch-row" }, input, check),
      h("p", { class: "hint" }, "押したときだけ、この URL の dataset.json と CSV・署名を取得します。発行元の署名がない版は取り込みません。"),
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const url = input.value.trim();
      if (url === "") {
        input.focus();
        return;
      }
      this.url = url;
      void this.act(() => api.fetchDataset(url));
    });
    return form;
  }

  /** Shows the screen busy, then the preview `choose` reads (none when the user cancelled). */
  private async act(choose: () => Promise<DatasetPreview | null>): Promise<void> {
    void this.render(null, true);
    try {
      void this.render(await choose());
    } catch (err) {
      void this.render(null, false, messageOf(err));
    }
  }

  /** After an upgrade: the app carries a newer edition than the one in use. */
  private bundledNote(edition: string, busy: boolean): HTMLElement {
    const look = h("button", { type: "button", disabled: busy }, "同梱の版との違いを見る");
    look.addEventListener("click", () => this.act(() => api.chooseBundled()));
    return h(
      "div",
      { class: "bundled", role: "note" },
      h("p", {}, `このアプリには新しい版のデータ（${edition}）が入っています。違いを確かめてから更新できます。`),
      look,
    );
  }

  /** Back to the edition the last update replaced, after a second click. */
  private rollbackButton(to: Edition, busy: boolean): HTMLButtonElement {
    return confirmButton(
      { disabled: busy, class: "rollback" },
      `前の版（${to.label}）に戻す…`,
      `${to.label}（${to.row_count} 件）に戻す（メモ・お気に入り・自分で追加した相談先は残ります）`,
      async () => {
        void this.render(null, true);
        try {
          const c = await api.rollbackDataset();
          void this.render(null, false, `前の版に戻しました（${c.to.row_count} 件）`);
          this.changed();
        } catch (err) {
          void this.render(null, false, messageOf(err));
        }
      },
    );
  }

  private previewNode(p: DatasetPreview): Node {
    const errors = p.report.problems.filter((x) => x.severity === "error");
    const warnings = p.report.problems.filter((x) => x.severity === "warning");
    const problems = (list: typeof errors) =>
      h("ul", { class: "problems" }, list.slice(0, 100).map((x) => h("li", {}, `${x.line} 行目「${x.column}」: ${x.message}`)));
    const unsigned = p.signature === "unsigned";
    const consent = h("input", { type: "checkbox", "aria-describedby": "unsigned-note" });
    const apply = h("button", { type: "button", class: "primary", disabled: unsigned }, "この版に更新する");
    consent.addEventListener("change", () => {
      apply.disabled = !consent.checked;
    });
    apply.addEventListener("click", async () => {
      void this.render(null, true);
      try {
        const d = (await api.applyDataset(unsigned && consent.checked)).diff;
        void this.render(null, false, `更新しました（追加 ${d.added.length} 件・削除 ${d.removed.length} 件・変更 ${d.changed.length} 件）`);
        this.changed();
      } catch (err) {
        void this.render(null, false, messageOf(err));
      }
    });
    return h(
      "div",
      { class: "preview" },
      h("h3", {}, p.file),
      p.edition && h("p", { class: "edition" }, `版 ${p.edition}${p.published ? `（${p.published} 公開）` : ""}`),
      p.signature === "verified"
        ? h("p", { class: "signed" }, "✓ 発行元の署名を確かめました")
        : p.signature === "bundled"
        ? h("p", { class: "signed" }, "✓ このアプリに同梱のデータです")
        : h(
            "p",
            { class: "stale", id: "unsigned-note" },
            "このファイルには発行元の署名がありません。府のページなど、出どころが確かなファイルか確かめてください。",
          ),
      errors.length > 0 && [h("p", { class: "error" }, `エラーが ${errors.length} 件あるため取り込めません。ファイルを直してからもう一度選んでください。`), problems(errors)],
      p.diff && [
        p.diff.added.length + p.diff.removed.length + p.diff.changed.length === 0 &&
          h("p", { class: "done", role: "status" }, "使っている版と同じ内容です。更新の必要はありません。"),
        h(
          "p",
          {},
          `追加 ${p.diff.added.length} 件・削除 ${p.diff.removed.length} 件・変更 ${p.diff.changed.length} 件・変わらない ${p.diff.unchanged} 件`,
        ),
        // Changes first: a changed phone number is what a counsellor must not miss.
        h(
          "ul",
          { class: "diff" },
          capped(p.diff.changed, changeNode),
          capped(p.diff.added, (x) => h("li", { class: "added" }, `追加: ${x.name}`)),
          capped(p.diff.removed, (x) => h("li", { class: "removed" }, `削除: ${x.name}`)),
        ),
        unsigned && h("label", { class: "consent" }, consent, " 署名がないことを確認しました"),
        apply,
      ],
      // Warnings do not stop the file; they are there to read, folded so the difference stays in view.
      warnings.length > 0 &&
        h("details", { class: "warnings" }, h("summary", {}, `注意 ${warnings.length} 件（取り込みはできます）`), problems(warnings)),
    );
  }
}

/** One changed resource: every field before and after, phone and address changes called out. */
function changeNode(c: Change): HTMLLIElement {
  const short = (v: string) => (v === "" ? "（なし）" : v.length > 80 ? `${v.slice(0, 80)}…` : v);
  return h(
    "li",
    { class: "changed" },
    h("span", {}, `変更: ${c.name}`),
    c.phone_changed && h("strong", { class: "callout" }, "★電話番号が変わります"),
    c.address_changed && h("strong", { class: "callout" }, "★住所が変わります"),
    h(
      "dl",
      { class: "field-changes" },
      c.fields.map((f) => [h("dt", {}, f.header), h("dd", {}, h("del", {}, short(f.before)), " → ", h("ins", {}, short(f.after)))]),
    ),
  );
}

/** Items of a long list, at most 50, and how many more there are. */
function capped<T>(items: T[], item: (x: T) => Node): Node[] {
  const shown = items.slice(0, 50).map(item);
  if (items.length > 50) shown.push(h("li", { class: "more" }, `ほか ${items.length - 50} 件`));
  return shown;
}
