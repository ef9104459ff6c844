#!/usr/bin/env node
// The `actkit` command. A file of its own that exists before any build, so a package manager can link the
// command at install time in a fresh workspace clone (dist/ is built after install there); it runs the CLI.
import '../dist/cli.js';
