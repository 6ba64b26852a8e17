import { describe, expect, it } from "vitest";
import { h, highlight } from "./dom";

describe("building DOM from dataset text", () => {
  it("never turns text into markup", () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const el = h("p", {}, hostile);
    expect(el.textContent).toBe(hostile);
    expect(el.querySelector("img, script")).toBeNull();
    const marked = h("p", {}, highlight(`秘密は守ります ${hostile}`));
    expect(marked.querySelector("img, script")).toBeNull();
    expect(marked.textContent).toBe(`秘密は守ります ${hostile}`);
  });

  it("marks the words that promise confidentiality", () => {
    const el = h("p", {}, highlight("相談は匿名で可能です。秘密厳守。警察に通報しません。"));
    const marks = [...el.querySelectorAll("mark")].map((m) => m.textContent);
    expect(marks).toEqual(["匿名", "秘密厳守", "通報しません"]);
    expect(el.textContent).toBe("相談は匿名で可能です。秘密厳守。警察に通報しません。");
    // As 大阪ダルク writes it.
    const darc = h("p", {}, highlight("外部に対して秘密を厳守いたします。個人のプライバシーは必ず守ります。"));
    expect([...darc.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["秘密を厳守", "プライバシー"]);
  });

  it("sets attributes as values, not code", () => {
    const a = h("a", { href: 'javascript:alert("x")', title: '"><script>' }, "x");
    expect(a.getAttribute("title")).toBe('"><script>');
    expect(a.children).toHaveLength(0);
  });
});
