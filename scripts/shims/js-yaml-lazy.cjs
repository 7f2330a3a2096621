// Bundled in place of `js-yaml` for src/load/fastyaml.ts (scripts/build.mjs): the plain YAML reader
// (src/load/plainyaml.ts) reads nearly every model, so js-yaml, which builds its schemas when loaded, is
// loaded on first use instead of at start-up. Forwards the one function fastyaml.ts uses.
"use strict";
let jsYaml;
exports.load = (...args) => (jsYaml ??= require("js-yaml")).load(...args);
