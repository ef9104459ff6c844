// Sends every CommonJS require of react / react-dom (from react-dom itself, @testing-library/react, the JSX
// runtime) to the React 18 copies, so one React 18 instance runs the whole test file.
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const react18 = path.dirname(require.resolve('react18/package.json'));
const reactDom18 = path.dirname(require.resolve('react-dom18/package.json'));

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (this: unknown, request, ...rest) {
  const redirected = request.replace(/^react-dom(?=\/|$)/, reactDom18).replace(/^react(?=\/|$)/, react18);
  return resolveFilename.call(this, redirected, ...rest);
};
