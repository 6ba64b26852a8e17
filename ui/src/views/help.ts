// キー操作: the list of every key the app answers to, opened with ? (outside a text field) or the
// header's button, closed with Esc.
import { h } from "../dom";
import { openDialog } from "./dialog";

/** Every shortcut: the keys and what they do. Kept in step with App.onKey and SearchView.onKey. */
export const SHORTCUTS: [keys: string[], what: string][] = [
  [["/"], "検索欄へ移動する（入力欄の外で）"],
  [["↑", "↓"], "検索結果を選ぶ（検索欄・一覧で）"],
  [["Enter"], "選んだ相談先の詳細を開く"],
  [["Space"], "一覧で、選んだ相談先の詳細を開く"],
  [["Ctrl+Enter"], "選んだ相談先（詳細では表示中の相談先）を紹介リストに追加する"],
  [["B"], "紹介リストに追加する（入力欄の外で。入力欄では B は文字として入ります）"],
  [["Esc"], "一覧に戻る（狭い画面の詳細から）・検索に戻る・この画面を閉じる"],
  [["?"], "このキー操作の一覧を開く（入力欄の外で）"],
  [["Tab"], "次のボタンや欄へ移動する（Shift+Tab で前へ）。ボタンは Enter でも Space でも押せます"],
];

/** Opens the list of keys; the focus comes back where it was when it closes. */
export function openHelp(): void {
  openDialog(
    "キー操作",
    [
      h(
        "dl",
        { class: "shortcuts" },
        SHORTCUTS.map(([keys, what]) => [
          h("dt", {}, keys.map((k, i) => [i > 0 ? " " : "", h("kbd", {}, k)])),
          h("dd", {}, what),
        ]),
      ),
    ],
    { className: "help-dialog" },
  );
}
