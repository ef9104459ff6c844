// Opaque, owner-bound task handles (`v2.<sealed>`, see sealed-token.ts). A handle seals the ledger record id
// and, once the create answered, the provider task id too:
// - with a task id (every handle a create answers, and every listed task the provider accepted): any
//   instance with the same secret reads the task from it alone, with no store lookup, as before the ledger;
// - without one (a listed attempt still CREATING, or UNKNOWN): the handler looks the record up to answer.
// The browser never sees either id. Raw ids, forged or altered handles and other owners' handles open as
// undefined (404).
import { createSealedTokens } from './sealed-token.js';

/** What a handle points at: the ledger record, and the provider task once there is one. */
export interface TaskRef {
  recordId: string;
  taskId?: string;
}

/** Seals and opens handles with keys derived from the handler's secret. */
export interface TaskHandleCodec {
  /** The handle of `ref` for `owner`; the same inputs always give the same handle. */
  seal(ref: TaskRef, owner: string): Promise<string>;
  /** What the handle points at, or undefined for a forged, altered or foreign (other owner) handle. */
  open(handle: string, owner: string): Promise<TaskRef | undefined>;
}

// Record ids are URL-safe base64 (no newline): the first newline separates the two ids.
const separator = '\n';

export function createTaskHandleCodec(secret: Uint8Array): TaskHandleCodec {
  const tokens = createSealedTokens(secret, 'task-handle-v2', 'v2');
  return {
    seal: ({ recordId, taskId }, owner) =>
      tokens.seal(taskId === undefined ? recordId : `${recordId}${separator}${taskId}`, owner),
    async open(handle, owner) {
      const text = await tokens.open(handle, owner);
      if (!text) return undefined;
      const at = text.indexOf(separator);
      if (at < 0) return { recordId: text };
      const recordId = text.slice(0, at);
      const taskId = text.slice(at + 1);
      return recordId && taskId ? { recordId, taskId } : undefined;
    },
  };
}
