// Express 4, CommonJS: the oldest Express the peer range accepts, and require() of our CJS build.
import { describeExpressConsumer } from '../src/express-consumer.ts';

describeExpressConsumer({
  source: 'express4',
  entry: 'server.cjs',
  express: '4.21.2',
  typesExpress: '4.17.25',
});
