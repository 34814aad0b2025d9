import { describe, expect, it } from "vitest";
import { CellStore, type SaveMarkRequest } from "@/components/gradebook/cell-store";
import { keyIntent } from "@/components/gradebook/use-grid-keyboard";
import type { SavedMark } from "@/components/gradebook/types";
import type { ActionResult } from "@/lib/action";

type Reply = ActionResult<{ mark: SavedMark }>;

/** A store over a 2 × 2 grid (Quiz /20, Midterm /50) whose saves wait until the test answers them. */
function setup(initial: (SavedMark | null)[] = []) {
  const sent: { request: SaveMarkRequest; answer: (reply: Reply) => void; fail: () => void }[] = [];
  const announced: string[] = [];
  let changes = 0;
  const store = new CellStore({
    assessments: [
      { id: 11, name: "Quiz", maxScore: 20 },
      { id: 12, name: "Midterm", maxScore: 50 },
    ],
    roster: [
      { id: 1, fullName: "Asha" },
      { id: 2, fullName: "Ravi" },
    ],
    initial: (i) => initial[i] ?? null,
    send: (request) =>
      new Promise<Reply>((resolve, reject) => {
        sent.push({ request, answer: resolve, fail: () => reject(new Error("offline")) });
      }),
    onChange: () => changes++,
    announce: (text) => announced.push(text),
  });
  return { store, sent, announced, changes: () => changes };
}

const saved = (score: number | null, version: number, status: SavedMark["status"] = "graded"): SavedMark => ({ score, status, feedback: null, version });
const ok = (mark: SavedMark): Reply => ({ ok: true, data: { mark } });
/** Lets the store's promise chain run (each save waits for the one before on its cell). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("gradebook cell store", () => {
  it("starts from the server's marks and counts what is typed once it reads", () => {
    const { store } = setup([saved(15, 3), null, null, saved(null, 1, "absent")]);
    expect(store.cell(0, 0)).toMatchObject({ saved: { score: 15, version: 3 }, draft: null, state: "idle" });
    expect(store.cell(0, 1)).toEqual({ saved: null, draft: null, state: "idle" });
    expect(store.current(1, 1)).toEqual(saved(null, 1, "absent"));
    store.type(0, 0, "18");
    expect(store.current(0, 0)).toEqual({ score: 18, status: "graded" });
    store.type(0, 0, "1x");
    expect(store.current(0, 0)).toMatchObject({ score: 15 }); // not a mark yet: the saved one counts
    store.type(0, 0, "");
    expect(store.current(0, 0)).toBeNull();
  });

  it("sends one save when Enter commits and the blur that follows commits the same text at once", async () => {
    const { store, sent, announced } = setup([saved(15, 3)]);
    store.type(0, 0, "17");
    // Enter: commit, then the focus moves and the cell's blur commits again, in the same task.
    store.commit(0, 0);
    store.commit(0, 0);
    expect(store.cell(0, 0)).toMatchObject({ state: "saving", pending: "17" });
    await settle();
    expect(sent).toHaveLength(1);
    sent[0].answer(ok(saved(17, 4)));
    await settle();
    expect(sent).toHaveLength(1);
    expect(announced).toEqual(["Saved Quiz for Asha: 17"]);
    expect(store.cell(0, 0)).toMatchObject({ saved: { score: 17, version: 4 }, draft: null, state: "saved" });
  });

  it("saves a typed score with the version it was loaded with, and announces it", async () => {
    const { store, sent, announced } = setup([saved(15, 3)]);
    store.type(0, 0, "17");
    store.commit(0, 0);
    await settle();
    expect(sent.map((s) => s.request)).toEqual([
      { assessmentId: 11, candidateId: 1, score: "17", status: "graded", feedback: undefined, expectedVersion: "3", reason: "" },
    ]);
    expect(store.cell(0, 0)).toMatchObject({ state: "saving", pending: "17" });
    // Leaving the cell again while it saves does not save it twice.
    store.commit(0, 0);
    await settle();
    expect(sent).toHaveLength(1);
    sent[0].answer(ok(saved(17, 4)));
    await settle();
    expect(store.cell(0, 0)).toEqual({ saved: saved(17, 4), draft: null, state: "saved", conflict: undefined, error: undefined, pending: undefined });
    expect(announced).toEqual(["Saved Quiz for Asha: 17"]);
  });

  it("keeps what was typed while a save was in flight", async () => {
    const { store, sent } = setup();
    store.type(1, 0, "12");
    store.commit(1, 0);
    await settle();
    store.type(1, 0, "14");
    sent[0].answer(ok(saved(12, 1)));
    await settle();
    expect(store.cell(1, 0)).toMatchObject({ saved: { score: 12, version: 1 }, draft: "14", state: "saved" });
    expect(store.current(1, 0)).toEqual({ score: 14, status: "graded" });
    // Typing the value that was being saved is not "newer" typing.
    store.type(1, 1, "AB");
    store.commit(1, 1);
    await settle();
    store.type(1, 1, "AB");
    sent[1].answer(ok(saved(null, 1, "absent")));
    await settle();
    expect(store.cell(1, 1)).toMatchObject({ draft: null, state: "saved" });
  });

  it("chains saves of one cell in order, each over the version the one before returned", async () => {
    const { store, sent } = setup([saved(10, 5)]);
    const first = store.save(0, 0, { score: 11, status: "graded" });
    const second = store.save(0, 0, { score: 12, status: "graded" });
    // Another cell does not wait for this one.
    void store.save(1, 1, { score: 40, status: "graded" });
    await settle();
    expect(sent.map((s) => [s.request.candidateId, s.request.score, s.request.expectedVersion])).toEqual([
      [1, "11", "5"],
      [2, "40", ""],
    ]);
    sent[0].answer(ok(saved(11, 6)));
    await first;
    await settle();
    expect(sent.map((s) => s.request.score)).toEqual(["11", "40", "12"]);
    expect(sent[2].request.expectedVersion).toBe("6");
    sent[2].answer(ok(saved(12, 7)));
    await second;
    expect(store.cell(0, 0).saved).toEqual(saved(12, 7));
  });

  it("on a conflict shows both values, waits for a choice, and settles it either way", async () => {
    const { store, sent, announced } = setup([saved(10, 1)]);
    store.type(0, 0, "18");
    store.commit(0, 0);
    await settle();
    const theirs = saved(12, 2);
    sent[0].answer({
      ok: false,
      code: "conflict",
      message: "Changed by someone else",
      details: { current: theirs, yours: { score: 18, status: "graded", feedback: null } },
    });
    await settle();
    expect(store.cell(0, 0)).toMatchObject({
      state: "conflict",
      error: "Changed by someone else",
      draft: "18",
      conflict: { current: theirs, yours: { score: 18 } },
    });
    expect(announced).toEqual(["Conflict on Quiz for Asha: Changed by someone else"]);
    // Leaving the cell does not decide it.
    store.commit(0, 0);
    await settle();
    expect(sent).toHaveLength(1);
    // Use mine: what is in the cell now, over the colleague's version.
    store.type(0, 0, "19");
    void store.useMine(0, 0);
    await settle();
    expect(sent[1].request).toMatchObject({ score: "19", expectedVersion: "2", feedback: "" });
    sent[1].answer({
      ok: false,
      code: "conflict",
      message: "Changed again",
      details: { current: saved(13, 3), yours: { score: 19, status: "graded", feedback: null } },
    });
    await settle();
    // Keep theirs: their value, nothing typed, no conflict left.
    store.keepTheirs(0, 0);
    expect(store.cell(0, 0)).toMatchObject({ saved: saved(13, 3), draft: null, state: "idle", conflict: undefined, error: undefined });
    expect(sent).toHaveLength(2);
  });

  it("keeps the draft when a save is refused or the server cannot be reached", async () => {
    const { store, sent, announced } = setup();
    store.type(0, 1, "45");
    store.commit(0, 1);
    await settle();
    sent[0].answer({ ok: false, code: "invalid", message: "The form has errors", fieldErrors: { score: ["The term is locked"] } });
    await settle();
    expect(store.cell(0, 1)).toMatchObject({ state: "error", error: "The term is locked", draft: "45" });
    expect(announced.at(-1)).toBe("Not saved: Midterm for Asha: The term is locked");
    // A save from the panel (nothing typed in the cell) keeps its value in the cell when it fails.
    void store.save(1, 0, { score: 9, status: "late" }, { feedback: "Handed in Friday", reason: "late work" });
    await settle();
    expect(sent[1].request).toMatchObject({ score: "9", status: "late", feedback: "Handed in Friday", reason: "late work" });
    sent[1].fail();
    await settle();
    expect(store.cell(1, 0)).toMatchObject({ state: "error", error: "Could not reach the server. Your value is kept; try again.", draft: "9L" });
    // Typing again clears the refusal; Escape goes back to what is saved.
    store.type(0, 1, "44");
    expect(store.cell(0, 1)).toMatchObject({ state: "idle", error: undefined, draft: "44" });
    store.revert(0, 1);
    expect(store.cell(0, 1)).toMatchObject({ state: "idle", draft: null });
  });

  it("refuses what does not read before sending, and sends nothing for no change", async () => {
    const { store, sent, announced } = setup([saved(15, 1)]);
    store.type(1, 0, "25");
    store.commit(1, 0);
    expect(store.cell(1, 0)).toMatchObject({ state: "error", error: "Above the maximum of 20", draft: "25" });
    expect(announced).toEqual(["Not saved: Quiz for Ravi: Above the maximum of 20"]);
    store.type(0, 0, "15");
    store.commit(0, 0);
    expect(store.cell(0, 0).draft).toBeNull();
    store.type(0, 1, " ");
    store.commit(0, 1);
    expect(store.cell(0, 1)).toMatchObject({ draft: null, state: "idle" });
    await settle();
    expect(sent).toHaveLength(0);
  });

  it("pastes a block down and right from a cell, clipped to the grid, each cell saving on its own", async () => {
    const { store, sent } = setup();
    store.paste(0, 1, [[" 40 ", "x"], ["AB"], ["30"]]);
    await settle();
    expect(sent.map((s) => [s.request.candidateId, s.request.assessmentId, s.request.score, s.request.status])).toEqual([
      [1, 12, "40", "graded"],
      [2, 12, "", "absent"],
    ]);
  });
});

describe("gradebook keys", () => {
  const caret = (start: number, end: number, length: number) => ({ start, end, length });
  const key = (k: string, shiftKey = false) => ({ key: k, shiftKey });
  it("moves like a spreadsheet, wrapping Tab across rows", () => {
    expect(keyIntent(key("Tab"), caret(0, 2, 2), { r: 0, c: 2 }, 3)).toEqual({ kind: "move", r: 1, c: 0 });
    expect(keyIntent(key("Tab", true), caret(0, 0, 0), { r: 1, c: 0 }, 3)).toEqual({ kind: "move", r: 0, c: 2 });
    expect(keyIntent(key("Enter"), caret(0, 0, 0), { r: 1, c: 1 }, 3)).toEqual({ kind: "move", r: 2, c: 1 });
    expect(keyIntent(key("Enter", true), caret(0, 0, 0), { r: 1, c: 1 }, 3)).toEqual({ kind: "move", r: 0, c: 1 });
    expect(keyIntent(key("ArrowUp"), caret(1, 1, 2), { r: 1, c: 1 }, 3)).toEqual({ kind: "move", r: 0, c: 1 });
    expect(keyIntent(key("Escape"), caret(1, 1, 2), { r: 1, c: 1 }, 3)).toEqual({ kind: "revert" });
    expect(keyIntent(key("5"), caret(1, 1, 2), { r: 1, c: 1 }, 3)).toBeNull();
  });

  it("leaves a cell sideways only from the text's edge (or when all of it is selected)", () => {
    expect(keyIntent(key("ArrowLeft"), caret(1, 1, 2), { r: 0, c: 1 }, 3)).toBeNull();
    expect(keyIntent(key("ArrowLeft"), caret(0, 0, 2), { r: 0, c: 1 }, 3)).toEqual({ kind: "move", r: 0, c: 0 });
    expect(keyIntent(key("ArrowLeft"), caret(0, 2, 2), { r: 0, c: 1 }, 3)).toEqual({ kind: "move", r: 0, c: 0 });
    expect(keyIntent(key("ArrowRight"), caret(0, 1, 2), { r: 0, c: 1 }, 3)).toBeNull();
    expect(keyIntent(key("ArrowRight"), caret(2, 2, 2), { r: 0, c: 1 }, 3)).toEqual({ kind: "move", r: 0, c: 2 });
  });
});
