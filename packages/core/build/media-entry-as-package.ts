// The main entry imports the container parser lazily as `./media/index.js` in the sources (so tests and the
// type-checker follow it); in the build that import must become `import('@actkit/core/media')`, so each
// runtime picks its own build of that entry by export condition: Node reads containers with mediabunny, a
// browser bundle gets the stand-in that reads nothing and pulls no parser in. Used by tsup.config.ts and by
// the browser-bundle test (which bundles the sources the way the build does).
import type { Plugin } from 'esbuild';

export const mediaEntryAsPackage: Plugin = {
  name: 'media-entry-as-package',
  setup(build) {
    build.onResolve({ filter: /^\.\/media\/index\.js$/ }, (args) =>
      /[\\/]src[\\/][^\\/]+\.ts$/.test(args.importer)
        ? { path: '@actkit/core/media', external: true }
        : undefined,
    );
  },
};
