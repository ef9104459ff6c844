// The request the Node adapters (Fastify, Nest) hand the handler: fields as given, its signal made on first
// use only (a JSON read adds no listener) and then one per request, aborted when the client leaves.
import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { NodeActkitRequest } from '../src/server/index.js';

const response = () => Object.assign(new EventEmitter(), { writableFinished: false, destroyed: false });

it('carries the fields as given and adds no listener until the signal is asked for', () => {
  const res = response();
  const raw = { who: 'the framework request' };
  const request = new NodeActkitRequest('POST', '/character-performances', { a: '1' }, 'body', raw, res);
  expect(request).toMatchObject({ method: 'POST', path: '/character-performances', headers: { a: '1' } });
  expect([request.body, request.raw]).toEqual(['body', raw]);
  expect(res.listenerCount('close')).toBe(0);
});

it('makes one signal per request, aborted when the client leaves before the answer finished', () => {
  const res = response();
  const request = new NodeActkitRequest('GET', '/tasks/h/events', {}, undefined, {}, res);
  const signal = request.signal;
  expect(request.signal).toBe(signal);
  expect(res.listenerCount('close')).toBe(1);
  res.destroyed = true;
  res.emit('close');
  expect(signal.aborted).toBe(true);
});
