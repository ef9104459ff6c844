// Every server adapter the contract suite runs against. Add a framework with one entry here.
import express5 from 'express';
import express4 from 'express4';
import fastify5 from 'fastify';
import fastify4 from 'fastify4';
import type { ContractAdapter } from './adapter.js';
import { expressAdapter } from './express-adapter.js';
import { fastifyAdapter } from './fastify-adapter.js';
import { honoAdapter } from './hono-adapter.js';
import { nestAdapter } from './nest-adapter.js';
import { nextAdapter } from './next-adapter.js';

export const adapters: ContractAdapter[] = [
  expressAdapter('express 5', express5),
  expressAdapter('express 4', express4),
  nestAdapter('nest 12 (express platform)'),
  fastifyAdapter('fastify 5', fastify5),
  fastifyAdapter('fastify 4', fastify4 as unknown as typeof fastify5),
  nestAdapter('nest 12 (fastify platform)', 'fastify'),
  honoAdapter('hono 4 (@hono/node-server)'),
  nextAdapter('next 16 (node.js runtime, next start)'),
  // Opt-in: the Edge runtime passes every test but one timing bound (packages/next/README.md, "Runtime").
  ...(process.env.ACTKIT_CONTRACT_EDGE
    ? [nextAdapter('next 16 (edge runtime, next start)', { runtime: 'edge' })]
    : []),
];
