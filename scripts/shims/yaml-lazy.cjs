// Bundled in place of `yaml` for src/load/source.ts (scripts/build.mjs): the full YAML parser is needed only
// when the fast path (src/load/fastyaml.ts) leaves a file to it or a problem needs a position, so its
// module is loaded on first use instead of at start-up. Every export source.ts uses is forwarded as is.
"use strict";
let yaml;
const real = () => (yaml ??= require("yaml"));

function forward(name) {
  return function (...args) {
    return new.target ? new (real()[name])(...args) : real()[name](...args);
  };
}

for (const name of ["LineCounter", "isAlias", "isCollection", "isMap", "isScalar", "isSeq", "parseAllDocuments", "parseDocument"]) {
  exports[name] = forward(name);
}
const visit = forward("visit");
for (const key of ["BREAK", "SKIP", "REMOVE"]) Object.defineProperty(visit, key, { get: () => real().visit[key] });
exports.visit = visit;
