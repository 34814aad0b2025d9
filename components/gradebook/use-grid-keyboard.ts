"use client";

import * as React from "react";
import type { Virtualizer } from "@tanstack/react-virtual";
import { parseClipboardBlock } from "@/lib/gradebook/cell";
import type { CellStore } from "./cell-store";

export type CellKey = { key: string; shiftKey: boolean };
export type Caret = { start: number | null; end: number | null; length: number };
/** What a key does in a cell: move (this cell is committed first), revert the cell, or nothing of ours. */
export type KeyIntent = { kind: "move"; r: number; c: number } | { kind: "revert" } | null;

/**
 * Spreadsheet keys: arrows, Tab and Enter move (Left and Right only from the text's edge),
 * Tab wraps to the next or previous row, Escape reverts. The target may lie outside the
 * grid; focusing clamps it.
 */
export function keyIntent(e: CellKey, caret: Caret, at: { r: number; c: number }, cols: number): KeyIntent {
  const move = (dr: number, dc: number): KeyIntent => {
    let r = at.r + dr;
    let c = at.c + dc;
    if (c >= cols) {
      c = 0;
      r += 1;
    } else if (c < 0) {
      c = cols - 1;
      r -= 1;
    }
    return { kind: "move", r, c };
  };
  switch (e.key) {
    case "ArrowUp":
      return move(-1, 0);
    case "ArrowDown":
      return move(1, 0);
    case "ArrowLeft":
      return caret.start === 0 && (caret.end === 0 || caret.end === caret.length) ? move(0, -1) : null;
    case "ArrowRight":
      return caret.end === caret.length ? move(0, 1) : null;
    case "Tab":
      return move(0, e.shiftKey ? -1 : 1);
    case "Enter":
      return move(e.shiftKey ? -1 : 1, 0);
    case "Escape":
      return { kind: "revert" };
    default:
      return null;
  }
}

/** Focus, keys and paste for the grid's cells. */
export function useGridKeyboard({
  store,
  locked,
  rows,
  cols,
  scrollRef,
  setActive,
}: {
  store: CellStore;
  locked: boolean;
  rows: Virtualizer<HTMLDivElement, Element>;
  cols: Virtualizer<HTMLDivElement, Element>;
  scrollRef: React.RefObject<HTMLDivElement | null>;
  setActive: (at: { r: number; c: number }) => void;
}) {
  const R = store.rowCount;
  const C = store.colCount;

  const focusCell = React.useCallback(
    (r: number, c: number) => {
      const rr = Math.max(0, Math.min(R - 1, r));
      const cc = Math.max(0, Math.min(C - 1, c));
      setActive({ r: rr, c: cc });
      rows.scrollToIndex(rr, { align: "auto" });
      cols.scrollToIndex(cc, { align: "auto" });
      const focusNow = () => {
        const el = scrollRef.current?.querySelector<HTMLInputElement>(`[data-cell="${rr}:${cc}"]`);
        if (!el) return false;
        el.focus();
        el.select();
        return true;
      };
      // At once when the cell is rendered, so keys typed straight after Tab or Enter land in the
      // new cell; a cell the virtualiser has yet to render gets it on the next frames.
      if (focusNow()) return;
      let tries = 0;
      const attempt = () => {
        if (!focusNow() && tries++ < 10) requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    },
    [R, C, rows, cols, scrollRef, setActive],
  );

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>, r: number, c: number) => {
    const input = e.currentTarget;
    const intent = keyIntent(e, { start: input.selectionStart, end: input.selectionEnd, length: input.value.length }, { r, c }, C);
    if (!intent) return;
    e.preventDefault();
    if (intent.kind === "revert") return store.revert(r, c);
    store.commit(r, c);
    focusCell(intent.r, intent.c);
  };

  const onPaste = (e: React.ClipboardEvent<HTMLInputElement>, r: number, c: number) => {
    const block = parseClipboardBlock(e.clipboardData.getData("text/plain"));
    if (block.length === 1 && block[0].length === 1) return;
    e.preventDefault();
    if (!locked) store.paste(r, c, block);
  };

  return { focusCell, onKeyDown, onPaste };
}
