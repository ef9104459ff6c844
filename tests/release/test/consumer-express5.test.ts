// Express 5, ESM, behind express.json(): the current Express and import of our ESM build.
import { describeExpressConsumer } from '../src/express-consumer.ts';

describeExpressConsumer({ source: 'express5', entry: 'server.mjs', express: '5.3.0', typesExpress: '5.0.6' });
