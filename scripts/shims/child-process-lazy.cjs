// Bundled in place of node:child_process for commander (scripts/build.mjs): commander loads it at start-up
// for executable subcommands, which sroi never uses; loading it costs a few milliseconds of every run. The
// real module is loaded on first property read.
"use strict";
let real;
module.exports = new Proxy({}, { get: (_, key) => (real ??= require("node:child_process"))[key] });
