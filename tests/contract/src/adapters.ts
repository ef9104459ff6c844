// Every server adapter the contract suite runs against. Add a framework with one entry here.
import express5 from 'express';
import express4 from 'express4';
import fastify5 from 'fastify';
import fastify4 from 'fastify4';
import type { ContractAdapter } from './adapter.js';
import { expressAdapter } from './express-adapter.js';
import { fastifyAdapter } from './fastify-adapter.js';
import { nestAdapter } from './nest-adapter.js';

export const adapters: ContractAdapter[] = [
  expressAdapter('express 5', express5),
  expressAdapter('express 4', express4),
  nestAdapter('nest 12 (express platform)'),
  fastifyAdapter('fastify 5', fastify5),
  fastifyAdapter('fastify 4', fastify4 as unknown as typeof fastify5),
  nestAdapter('nest 12 (fastify platform)', 'fastify'),
];
