// The test app's Next config. Types are checked by the workspace's `typecheck` task, not again by `next build`.
/** @type {import('next').NextConfig} */
export default {
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
};
