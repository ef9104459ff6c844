// store.ledger: records kept as written, updates that never undo an end, the owner's list in a stable
// order, the walk over unfinished records, settlement claims held by exactly one holder, and retention.
import type { ActkitLedger, LedgerRecord } from '../server/store.js';
import type { ConformanceContext } from './conformance-context.js';

/** A record as the handler writes it before a create; `overrides` change any field. */
export function ledgerRecord(
  overrides: Partial<LedgerRecord> & { recordId: string; owner: string },
): LedgerRecord {
  const at = overrides.createdAt ?? new Date().toISOString();
  return {
    createdAt: at,
    updatedAt: at,
    status: 'CREATING',
    progress: 0,
    seed: 7,
    input: {
      character: { type: 'image', uri: { mediaType: 'image/png', bytes: 3, sha256: 'ab'.repeat(32) } },
      reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
      seed: 7,
    },
    settlementId: `settlement-${overrides.recordId}`,
    ...overrides,
  };
}

/** An ISO time `seconds` after a fixed instant: list order is by these. */
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();

const ids = (records: LedgerRecord[]) => records.map((record) => record.recordId);

/** Every page of an owner's list, `limit` at a time, calling `between` after each page. */
async function walkList(
  ledger: ActkitLedger,
  owner: string,
  limit: number,
  between: (page: number) => Promise<void> = async () => {},
): Promise<string[]> {
  const seen: string[] = [];
  let before: { createdAt: string; recordId: string } | undefined;
  for (let page = 0; page < 100; page++) {
    const records = await ledger.list(owner, { limit, before });
    seen.push(...ids(records));
    if (records.length < limit) return seen;
    const last = records.at(-1)!;
    before = { createdAt: last.createdAt, recordId: last.recordId };
    await between(page);
  }
  throw new Error('the list never ended');
}

export function describeLedgerConformance(context: ConformanceContext): void {
  const { api, withStore, ms, sleep, unique, timeout } = context;
  const { describe, it, expect } = api;

  describe('ledger records', () => {
    it('get returns a record exactly as inserted; undefined for an unknown id', async () => {
      await withStore(async ({ ledger }) => {
        const record = ledgerRecord({ recordId: unique('rec'), owner: unique('owner') });
        await ledger.insert(record);
        expect(await ledger.get(record.recordId)).toEqual(record);
        expect(await ledger.get(unique('missing'))).toBeUndefined();
      });
    });

    it('a record handed out is a copy: changing it changes nothing stored', async () => {
      await withStore(async ({ ledger }) => {
        const record = ledgerRecord({ recordId: unique('rec'), owner: unique('owner') });
        await ledger.insert(record);
        const copy = (await ledger.get(record.recordId))!;
        copy.status = 'FAILED';
        (copy.input as { seed: number }).seed = 99;
        record.status = 'RUNNING';
        const stored = await ledger.get(record.recordId);
        expect(stored?.status).toBe('CREATING');
        expect((stored?.input as { seed?: number } | undefined)?.seed).toBe(7);
      });
    });

    it('update applies the patch and returns the record; fixed fields never change', async () => {
      await withStore(async ({ ledger }) => {
        const record = ledgerRecord({ recordId: unique('rec'), owner: unique('owner') });
        await ledger.insert(record);
        const updated = await ledger.update(record.recordId, {
          taskId: 'task-1',
          status: 'PENDING',
          updatedAt: at(5),
          // Not patchable: ignored even when sent.
          ...({ owner: 'mallory', createdAt: at(0), settlementId: 'other' } as object),
        });
        expect(updated).toEqual({ ...record, taskId: 'task-1', status: 'PENDING', updatedAt: at(5) });
        expect(await ledger.get(record.recordId)).toEqual(updated);
        // Absent or undefined fields stay as they are.
        const progressed = await ledger.update(record.recordId, {
          status: 'RUNNING',
          progress: 0.5,
          taskId: undefined,
          updatedAt: at(6),
        });
        expect(progressed?.taskId).toBe('task-1');
        expect(progressed?.progress).toBe(0.5);
      });
    });

    it('update of an unknown record returns undefined and stores nothing', async () => {
      await withStore(async ({ ledger }) => {
        const recordId = unique('missing');
        expect(await ledger.update(recordId, { status: 'RUNNING', updatedAt: at(1) })).toBeUndefined();
        expect(await ledger.get(recordId)).toBeUndefined();
      });
    });

    it('a terminal record never goes back: a later non-terminal state leaves its state as it is', async () => {
      await withStore(async ({ ledger }) => {
        const record = ledgerRecord({ recordId: unique('rec'), owner: unique('owner'), taskId: 't' });
        await ledger.insert(record);
        await ledger.update(record.recordId, {
          status: 'SUCCEEDED',
          progress: 1,
          output: ['https://cdn.example.com/a.mp4'],
          updatedAt: at(2),
        });
        const after = await ledger.update(record.recordId, {
          status: 'RUNNING',
          progress: 0.4,
          updatedAt: at(3),
        });
        expect(after).toEqual({
          ...record,
          status: 'SUCCEEDED',
          progress: 1,
          output: ['https://cdn.example.com/a.mp4'],
          updatedAt: at(3),
        });
        // A terminal state may refresh a terminal one (fresh output URLs).
        const refreshed = await ledger.update(record.recordId, {
          status: 'SUCCEEDED',
          output: ['https://cdn.example.com/b.mp4'],
          updatedAt: at(4),
        });
        expect(refreshed?.output).toEqual(['https://cdn.example.com/b.mp4']);
      });
    });

    it('delete removes the record from get, list and the unfinished walk', async () => {
      await withStore(async ({ ledger }) => {
        const owner = unique('owner');
        const record = ledgerRecord({ recordId: unique('rec'), owner, taskId: 't', status: 'RUNNING' });
        await ledger.insert(record);
        await ledger.delete(record.recordId);
        await ledger.delete(record.recordId); // a no-op
        expect(await ledger.get(record.recordId)).toBeUndefined();
        expect(await ledger.list(owner, { limit: 10 })).toEqual([]);
        expect(await unfinishedIds(ledger)).not.toContain(record.recordId);
      });
    });
  });

  describe('ledger.list', () => {
    it("lists only the owner's records, newest first, then by recordId descending on equal times", async () => {
      await withStore(async ({ ledger }) => {
        const owner = unique('owner');
        const stranger = unique('owner');
        await ledger.insert(ledgerRecord({ recordId: 'r-b', owner, createdAt: at(1) }));
        await ledger.insert(ledgerRecord({ recordId: 'r-c', owner, createdAt: at(3) }));
        await ledger.insert(ledgerRecord({ recordId: 'r-a', owner, createdAt: at(3) }));
        await ledger.insert(ledgerRecord({ recordId: 'r-d', owner, createdAt: at(2) }));
        await ledger.insert(ledgerRecord({ recordId: 'r-x', owner: stranger, createdAt: at(9) }));
        expect(ids(await ledger.list(owner, { limit: 10 }))).toEqual(['r-c', 'r-a', 'r-d', 'r-b']);
        expect(ids(await ledger.list(stranger, { limit: 10 }))).toEqual(['r-x']);
        expect(await ledger.list(unique('nobody'), { limit: 10 })).toEqual([]);
      });
    });

    it('limit and before page through the list, ties included', async () => {
      await withStore(async ({ ledger }) => {
        const owner = unique('owner');
        for (let i = 0; i < 7; i++) {
          await ledger.insert(ledgerRecord({ recordId: `r-${i}`, owner, createdAt: at(i < 4 ? 1 : i) }));
        }
        const expected = ['r-6', 'r-5', 'r-4', 'r-3', 'r-2', 'r-1', 'r-0'];
        expect(await walkList(ledger, owner, 2)).toEqual(expected);
        expect(await walkList(ledger, owner, 3)).toEqual(expected);
        expect(
          ids(await ledger.list(owner, { limit: 2, before: { createdAt: at(1), recordId: 'r-2' } })),
        ).toEqual(['r-1', 'r-0']);
      });
    });

    it('a walk is stable under concurrent inserts: no record repeated or skipped', async () => {
      await withStore(async ({ ledger }) => {
        const owner = unique('owner');
        const original: string[] = [];
        for (let i = 0; i < 9; i++) {
          const recordId = `r-${String(i).padStart(2, '0')}`;
          original.unshift(recordId);
          await ledger.insert(ledgerRecord({ recordId, owner, createdAt: at(10 + i) }));
        }
        let added = 0;
        const seen = await walkList(ledger, owner, 2, async () => {
          // Newer records arrive while the owner pages through older ones (and one at the same instant as
          // the newest, with a greater id).
          await Promise.all([
            ledger.insert(ledgerRecord({ recordId: `new-${added++}`, owner, createdAt: at(100 + added) })),
            ledger.insert(ledgerRecord({ recordId: `r-99-${added}`, owner, createdAt: at(18) })),
          ]);
        });
        expect(seen.slice(0, 2)).toEqual(original.slice(0, 2));
        expect(seen.filter((id) => original.includes(id))).toEqual(original);
        expect(new Set(seen).size).toBe(seen.length);
      });
    });

    it('statuses filters the list (and still pages by position)', async () => {
      await withStore(async ({ ledger }) => {
        const owner = unique('owner');
        const statuses = ['RUNNING', 'SUCCEEDED', 'UNKNOWN', 'SUCCEEDED', 'CREATING', 'SUCCEEDED'] as const;
        for (const [i, status] of statuses.entries()) {
          await ledger.insert(ledgerRecord({ recordId: `r-${i}`, owner, createdAt: at(i), status }));
        }
        expect(ids(await ledger.list(owner, { limit: 10, statuses: ['SUCCEEDED'] }))).toEqual([
          'r-5',
          'r-3',
          'r-1',
        ]);
        expect(ids(await ledger.list(owner, { limit: 10, statuses: ['UNKNOWN', 'CREATING'] }))).toEqual([
          'r-4',
          'r-2',
        ]);
        const firstPage = await ledger.list(owner, { limit: 1, statuses: ['SUCCEEDED'] });
        const last = firstPage.at(-1)!;
        const next = await ledger.list(owner, {
          limit: 5,
          statuses: ['SUCCEEDED'],
          before: { createdAt: last.createdAt, recordId: last.recordId },
        });
        expect(ids(next)).toEqual(['r-3', 'r-1']);
      });
    });

    it('the list shows each record as last updated', async () => {
      await withStore(async ({ ledger }) => {
        const owner = unique('owner');
        const record = ledgerRecord({ recordId: unique('rec'), owner });
        await ledger.insert(record);
        await ledger.update(record.recordId, {
          taskId: 't',
          status: 'RUNNING',
          progress: 0.3,
          updatedAt: at(1),
        });
        expect(await ledger.list(owner, { limit: 1 })).toEqual([
          { ...record, taskId: 't', status: 'RUNNING', progress: 0.3, updatedAt: at(1) },
        ]);
      });
    });
  });

  /** Every record id of the whole unfinished walk, `limit` per page. */
  async function unfinishedIds(ledger: ActkitLedger, limit = 3): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const result = await ledger.listUnfinished({ limit, cursor });
      expect(result.records.length).toBeLessThanOrEqual(limit);
      seen.push(...ids(result.records));
      if (result.cursor === undefined) return seen;
      cursor = result.cursor;
    }
    throw new Error('the unfinished walk never ended');
  }

  describe('ledger.listUnfinished', () => {
    it('walks, across owners, the records with a task id not yet terminal or not yet settled', async () => {
      await withStore(async ({ ledger }) => {
        const [alice, bob] = [unique('owner'), unique('owner')];
        const mine = (name: string) => `${unique(name)}`;
        const running = ledgerRecord({
          recordId: mine('running'),
          owner: alice,
          taskId: 't1',
          status: 'RUNNING',
        });
        const pending = ledgerRecord({
          recordId: mine('pending'),
          owner: bob,
          taskId: 't2',
          status: 'PENDING',
        });
        const ended = ledgerRecord({ recordId: mine('ended'), owner: bob, taskId: 't3', status: 'FAILED' });
        const settled = ledgerRecord({
          recordId: mine('settled'),
          owner: alice,
          taskId: 't4',
          status: 'SUCCEEDED',
        });
        const creating = ledgerRecord({ recordId: mine('creating'), owner: alice });
        const unknown = ledgerRecord({ recordId: mine('unknown'), owner: bob, status: 'UNKNOWN' });
        for (const record of [running, pending, ended, settled, creating, unknown])
          await ledger.insert(record);
        expect(await ledger.claimSettlement(settled.recordId, 'h', 60_000)).toBe(true);
        expect(await ledger.completeSettlement(settled.recordId, 'h', at(9))).toBe(true);
        const walked = await unfinishedIds(ledger, 1);
        for (const record of [running, pending, ended]) expect(walked).toContain(record.recordId);
        for (const record of [settled, creating, unknown]) expect(walked).not.toContain(record.recordId);
      });
    });

    it('a record joins the walk when it gets a task id and leaves it when settled', async () => {
      await withStore(async ({ ledger }) => {
        const record = ledgerRecord({ recordId: unique('rec'), owner: unique('owner') });
        await ledger.insert(record);
        expect(await unfinishedIds(ledger)).not.toContain(record.recordId);
        await ledger.update(record.recordId, { taskId: 't', status: 'PENDING', updatedAt: at(1) });
        expect(await unfinishedIds(ledger)).toContain(record.recordId);
        await ledger.update(record.recordId, { status: 'CANCELLED', updatedAt: at(2) });
        expect(await unfinishedIds(ledger)).toContain(record.recordId);
        await ledger.claimSettlement(record.recordId, 'h', 60_000);
        await ledger.completeSettlement(record.recordId, 'h', at(3));
        expect(await unfinishedIds(ledger)).not.toContain(record.recordId);
      });
    });

    it("a record with settlement 'none' never joins the walk, whatever its state", async () => {
      await withStore(async ({ ledger }) => {
        const owner = unique('owner');
        const record = ledgerRecord({ recordId: unique('none'), owner, settlement: 'none' });
        const running = ledgerRecord({
          recordId: unique('none-running'),
          owner,
          taskId: 't0',
          status: 'RUNNING',
          settlement: 'none',
        });
        await ledger.insert(record);
        await ledger.insert(running);
        expect(await unfinishedIds(ledger)).not.toContain(running.recordId);
        await ledger.update(record.recordId, { taskId: 't', status: 'PENDING', updatedAt: at(1) });
        expect(await unfinishedIds(ledger)).not.toContain(record.recordId);
        await ledger.update(record.recordId, {
          status: 'SUCCEEDED',
          output: ['https://o/1'],
          updatedAt: at(2),
        });
        expect(await unfinishedIds(ledger)).not.toContain(record.recordId);
        // Still listed and read as any record, and the mark survives updates.
        const kept = await ledger.get(record.recordId);
        expect(kept?.status).toBe('SUCCEEDED');
        expect(kept?.settlement).toBe('none');
        expect(ids(await ledger.list(owner, { limit: 10 }))).toContain(record.recordId);
      });
    });

    it('pages cover every unfinished record, each page at most `limit`', async () => {
      await withStore(async ({ ledger }) => {
        const owner = unique('owner');
        const expected: string[] = [];
        for (let i = 0; i < 11; i++) {
          const recordId = unique('walk');
          expected.push(recordId);
          await ledger.insert(ledgerRecord({ recordId, owner, taskId: `t${i}`, status: 'RUNNING' }));
        }
        const walked = await unfinishedIds(ledger, 4);
        for (const recordId of expected) expect(walked).toContain(recordId);
      });
    });
  });

  describe('ledger settlement', () => {
    const terminalRecord = (owner: string, recordId: string) =>
      ledgerRecord({
        recordId,
        owner,
        taskId: 't',
        status: 'SUCCEEDED',
        progress: 1,
        output: ['https://x.example/o.mp4'],
      });

    it('only a terminal, unsettled record can be claimed', async () => {
      await withStore(async ({ ledger }) => {
        const owner = unique('owner');
        const running = ledgerRecord({ recordId: unique('rec'), owner, taskId: 't', status: 'RUNNING' });
        await ledger.insert(running);
        expect(await ledger.claimSettlement(running.recordId, 'h', 60_000)).toBe(false);
        expect(await ledger.claimSettlement(unique('missing'), 'h', 60_000)).toBe(false);
        await ledger.update(running.recordId, { status: 'FAILED', failure: 'x', updatedAt: at(1) });
        expect(await ledger.claimSettlement(running.recordId, 'h', 60_000)).toBe(true);
      });
    });

    it('of 10 concurrent holders exactly one gets the claim; the same holder may claim again', async () => {
      await withStore(async ({ ledger }) => {
        const record = terminalRecord(unique('owner'), unique('rec'));
        await ledger.insert(record);
        const claims = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            ledger.claimSettlement(record.recordId, `holder-${i}`, 60_000),
          ),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
        const winner = `holder-${claims.indexOf(true)}`;
        expect(await ledger.claimSettlement(record.recordId, winner, 60_000)).toBe(true);
        expect(await ledger.claimSettlement(record.recordId, 'late', 60_000)).toBe(false);
      });
    });

    it('completeSettlement sets settledAt; then nobody can claim or complete again', async () => {
      await withStore(async ({ ledger }) => {
        const record = terminalRecord(unique('owner'), unique('rec'));
        await ledger.insert(record);
        expect(await ledger.claimSettlement(record.recordId, 'a', 60_000)).toBe(true);
        expect(await ledger.completeSettlement(record.recordId, 'b', at(8))).toBe(false); // a holds it
        expect(await ledger.completeSettlement(record.recordId, 'a', at(9))).toBe(true);
        expect((await ledger.get(record.recordId))?.settledAt).toBe(at(9));
        expect((await ledger.get(record.recordId))?.settlementId).toBe(record.settlementId);
        expect(await ledger.claimSettlement(record.recordId, 'a', 60_000)).toBe(false);
        expect(await ledger.claimSettlement(record.recordId, 'b', 60_000)).toBe(false);
        expect(await ledger.completeSettlement(record.recordId, 'a', at(10))).toBe(false);
        // settledAt is not patchable.
        await ledger.update(record.recordId, {
          status: 'SUCCEEDED',
          updatedAt: at(11),
          ...({ settledAt: undefined } as object),
        });
        expect((await ledger.get(record.recordId))?.settledAt).toBe(at(9));
      });
    });

    it(
      'a claim that expires without completion can be taken by another holder; the first then cannot complete',
      async () => {
        await withStore(async ({ ledger }) => {
          const record = terminalRecord(unique('owner'), unique('rec'));
          await ledger.insert(record);
          const leaseMs = ms(300);
          expect(await ledger.claimSettlement(record.recordId, 'crashed', leaseMs)).toBe(true);
          expect(await ledger.claimSettlement(record.recordId, 'next', leaseMs)).toBe(false);
          await sleep(leaseMs + ms(100));
          expect(await ledger.claimSettlement(record.recordId, 'next', leaseMs)).toBe(true);
          expect(await ledger.completeSettlement(record.recordId, 'crashed', at(1))).toBe(false);
          expect(await ledger.completeSettlement(record.recordId, 'next', at(2))).toBe(true);
        });
      },
      timeout(400),
    );

    it("a record with settlement 'none' can never be claimed or completed, and update keeps the mark", async () => {
      await withStore(async ({ ledger }) => {
        const record = { ...terminalRecord(unique('owner'), unique('rec')), settlement: 'none' as const };
        await ledger.insert(record);
        expect(await ledger.claimSettlement(record.recordId, 'h', 60_000)).toBe(false);
        expect(await ledger.completeSettlement(record.recordId, 'h', at(1))).toBe(false);
        await ledger.update(record.recordId, {
          status: 'SUCCEEDED',
          updatedAt: at(2),
          ...({ settlement: undefined } as object),
        });
        expect(await ledger.claimSettlement(record.recordId, 'h', 60_000)).toBe(false);
        const kept = await ledger.get(record.recordId);
        expect(kept?.settlement).toBe('none');
        expect(kept?.settledAt).toBeUndefined();
      });
    });

    it('completing without a claim works when nobody holds one', async () => {
      await withStore(async ({ ledger }) => {
        const record = terminalRecord(unique('owner'), unique('rec'));
        await ledger.insert(record);
        expect(await ledger.completeSettlement(record.recordId, 'h', at(1))).toBe(true);
        expect((await ledger.get(record.recordId))?.settledAt).toBe(at(1));
      });
    });
  });

  describe('ledger retention', () => {
    it(
      'a record expires `ledgerRetentionMs` after its last write, from get, list and the walk',
      async () => {
        const retentionMs = ms(600);
        await withStore(
          async ({ ledger }) => {
            const owner = unique('owner');
            const record = ledgerRecord({ recordId: unique('rec'), owner, taskId: 't', status: 'RUNNING' });
            await ledger.insert(record);
            await sleep(ms(400));
            await ledger.update(record.recordId, { progress: 0.5, updatedAt: at(1) }); // a write: kept longer
            await sleep(ms(400)); // 800 ms after the insert, 400 after the last write
            expect((await ledger.get(record.recordId))?.progress).toBe(0.5);
            await sleep(ms(400)); // 800 ms after the last write
            expect(await ledger.get(record.recordId)).toBeUndefined();
            expect(await ledger.list(owner, { limit: 10 })).toEqual([]);
            expect(await unfinishedIds(ledger)).not.toContain(record.recordId);
            expect(await ledger.update(record.recordId, { progress: 1, updatedAt: at(2) })).toBeUndefined();
          },
          { ledgerRetentionMs: retentionMs },
        );
      },
      timeout(1300),
    );

    it(
      'expired records leave the walk as later writes happen, before any walk reaches them',
      async () => {
        const retentionMs = ms(600);
        await withStore(
          async ({ ledger }) => {
            const owner = unique('owner');
            const unfinished = (name: string) =>
              ledgerRecord({ recordId: unique(name), owner, taskId: 't', status: 'RUNNING' });
            for (let i = 0; i < 6; i++) await ledger.insert(unfinished('old'));
            await sleep(ms(300));
            const keeper = unfinished('keeper'); // outlives the old ones by 300 ms
            await ledger.insert(keeper);
            await sleep(ms(400)); // the old ones expired 100 ms ago; the keeper lives 200 ms more
            // Six writes, each forgetting at least one expired record (the interface's rule).
            for (let i = 0; i < 6; i++) {
              await ledger.update(keeper.recordId, { progress: i / 10, updatedAt: at(i) });
            }
            // The whole walk is the keeper: no page of expired records left for it to step over.
            const pages: string[][] = [];
            let cursor: string | undefined;
            do {
              const page = await ledger.listUnfinished({ limit: 1, cursor });
              pages.push(ids(page.records));
              cursor = page.cursor;
            } while (cursor !== undefined && pages.length < 20);
            expect(pages.flat()).toEqual([keeper.recordId]);
            expect(pages.length).toBeLessThanOrEqual(2);
          },
          { ledgerRetentionMs: retentionMs },
        );
      },
      timeout(900),
    );
  });
}
