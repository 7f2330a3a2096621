// Bundled in place of `zod` for src/schema/*.ts (scripts/build.mjs): a valid model, library or fixture is
// accepted by the generated validator (src/schema/accept.generated.ts), so zod is needed only for a file
// with problems, `sroi schema` and the like; its module is loaded on first use instead of at start-up.
"use strict";
let zod;
Object.defineProperty(exports, "z", { enumerable: true, get: () => (zod ??= require("zod")).z });
