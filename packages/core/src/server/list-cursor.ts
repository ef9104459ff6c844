// The browser's `cursor` for GET /tasks: a position in the owner's list (createdAt, recordId), sealed like a
// handle (AES-GCM, owner-bound, keys of its own), so it is opaque, cannot be altered or forged, and opens
// only for the owner it was issued to. Anything else is a bad parameter (400), never a guess at a position.
import { createSealedTokens } from './sealed-token.js';
import type { LedgerPosition } from './store.js';

export interface ListCursorCodec {
  seal(position: LedgerPosition, owner: string): Promise<string>;
  /** The position, or undefined for a cursor this server did not issue to this owner. */
  open(cursor: string, owner: string): Promise<LedgerPosition | undefined>;
}

export function createListCursorCodec(secret: Uint8Array): ListCursorCodec {
  const tokens = createSealedTokens(secret, 'list-cursor-v1', 'c1');
  return {
    seal: ({ createdAt, recordId }, owner) => tokens.seal(JSON.stringify([createdAt, recordId]), owner),
    async open(cursor, owner) {
      const text = await tokens.open(cursor, owner);
      if (text === undefined) return undefined;
      try {
        const [createdAt, recordId] = JSON.parse(text) as unknown[];
        return typeof createdAt === 'string' && typeof recordId === 'string'
          ? { createdAt, recordId }
          : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
