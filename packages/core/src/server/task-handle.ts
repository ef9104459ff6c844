// Opaque, owner-bound task handles (`v2.<sealed>`, see sealed-token.ts). A handle seals the ledger record id
// and, once the create answered, the provider task id too:
// - with a task id (every handle a create answers, and every listed task the provider accepted): any
//   instance with the same secret reads the task from it alone, with no store lookup, as before the ledger;
// - without one (a listed attempt still CREATING, or UNKNOWN): the handler looks the record up to answer.
// The browser never sees either id. Raw ids, forged or altered handles and other owners' handles open as
// undefined (404).
//
// The sealed bytes are compact, because a handle is a URL path segment and routers cap those: Fastify's
// default `maxParamLength` is 100 characters. A record id (16 random bytes) is sealed as its bytes, and a
// provider id that is a UUID (Runway's are) as its 16 bytes, so a handle is 85 characters. Other provider
// ids are sealed as UTF-8 text (a 24-character id still fits in 100).
import { createSealedTokens, fromBase64Url, toBase64Url } from './sealed-token.js';

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

/** The first sealed byte: what follows the record id. */
const layout = { recordOnly: 0, uuidTask: 1, textTask: 2 } as const;
const recordIdBytes = 16;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function uuidToBytes(id: string): Uint8Array {
  const hex = id.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

function bytesToUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The bytes a handle seals: layout byte, record id, then the task id (16 bytes, or its UTF-8 text). */
function encodeRef({ recordId, taskId }: TaskRef): Uint8Array {
  const record = fromBase64Url(recordId);
  if (!record || record.byteLength !== recordIdBytes) {
    throw new TypeError('a ledger record id is 16 bytes of base64url');
  }
  const kind =
    taskId === undefined ? layout.recordOnly : uuid.test(taskId) ? layout.uuidTask : layout.textTask;
  const task =
    taskId === undefined
      ? new Uint8Array(0)
      : kind === layout.uuidTask
        ? uuidToBytes(taskId)
        : new TextEncoder().encode(taskId);
  const out = new Uint8Array(1 + recordIdBytes + task.byteLength);
  out[0] = kind;
  out.set(record, 1);
  out.set(task, 1 + recordIdBytes);
  return out;
}

function decodeRef(bytes: Uint8Array): TaskRef | undefined {
  if (bytes.byteLength < 1 + recordIdBytes) return undefined;
  const recordId = toBase64Url(bytes.subarray(1, 1 + recordIdBytes));
  const task = bytes.subarray(1 + recordIdBytes);
  switch (bytes[0]) {
    case layout.recordOnly:
      return task.byteLength === 0 ? { recordId } : undefined;
    case layout.uuidTask:
      return task.byteLength === 16 ? { recordId, taskId: bytesToUuid(task) } : undefined;
    case layout.textTask: {
      if (task.byteLength === 0) return undefined;
      try {
        return { recordId, taskId: new TextDecoder('utf-8', { fatal: true }).decode(task) };
      } catch {
        return undefined;
      }
    }
    default:
      return undefined;
  }
}

export function createTaskHandleCodec(secret: Uint8Array | Promise<Uint8Array>): TaskHandleCodec {
  const tokens = createSealedTokens(secret, 'task-handle-v2', 'v2');
  return {
    seal: (ref, owner) => tokens.seal(encodeRef(ref), owner),
    async open(handle, owner) {
      const bytes = await tokens.openBytes(handle, owner);
      return bytes === undefined ? undefined : decodeRef(bytes);
    },
  };
}
