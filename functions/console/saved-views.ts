/**
 * Saved views: a named execution search kept on the server and shared by its id, so a link carries
 * an opaque id and never a claim id or any other value someone searched for.
 */
import { randomUUID } from 'node:crypto';
import type { ExecutionQuery } from './execution-index.ts';

export interface SavedView {
  readonly id: string;
  readonly name: string;
  readonly query: ExecutionQuery;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** Where saved views live: in memory locally; a table in AWS would implement the same two calls. */
export interface SavedViews {
  save(view: Omit<SavedView, 'id'>): Promise<SavedView>;
  get(id: string): Promise<SavedView | undefined>;
  list(): Promise<SavedView[]>;
}

/** Saved views kept in the server's memory (the local console). */
export function memorySavedViews(): SavedViews {
  const views = new Map<string, SavedView>();
  return {
    async save(view) {
      const saved = { ...view, id: randomUUID() };
      views.set(saved.id, saved);
      return saved;
    },
    async get(id) {
      return views.get(id);
    },
    async list() {
      return [...views.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
