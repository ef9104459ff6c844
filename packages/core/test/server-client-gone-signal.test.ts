// The adapters' request signal: made only when asked for, aborted when the client leaves before the answer
// finished, never after a finished answer, and already aborted when asked for after the client left.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { clientGoneSignal } from '../src/server/index.js';

const response = () => Object.assign(new EventEmitter(), { writableFinished: false, destroyed: false });

describe('clientGoneSignal', () => {
  it('adds no listener until the signal is asked for', () => {
    const res = response();
    clientGoneSignal(res);
    expect(res.listenerCount('close')).toBe(0);
  });

  it('aborts when the client leaves before the answer finished; one signal per request', () => {
    const res = response();
    const gone = clientGoneSignal(res);
    const signal = gone();
    expect(gone()).toBe(signal);
    res.destroyed = true;
    res.emit('close');
    expect(signal.aborted).toBe(true);
  });

  it('does not abort on the close that follows a finished answer', () => {
    const res = response();
    const signal = clientGoneSignal(res)();
    res.writableFinished = true;
    res.emit('close');
    expect(signal.aborted).toBe(false);
  });

  it('is aborted at once when asked for after the client left', () => {
    const res = response();
    const gone = clientGoneSignal(res);
    res.destroyed = true;
    res.emit('close');
    expect(gone().aborted).toBe(true);
  });
});
