// Bundled in place of string-width for cli-table3 (scripts/build.mjs). cli-table3 measures every cell
// several times, and string-width builds its ANSI and emoji regular expressions anew on each call: most of a
// 1,000-model `sroi check`. Text made only of characters that are one column wide and neither emoji nor ANSI
// codes is as wide as it is long; everything else goes to string-width itself (test/scripts/string-width.test.ts
// checks the two agree on every character of the plain set).
"use strict";
const stringWidth = require("string-width");

const PLAIN = /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ad\u00af-\u02ff\u2010-\u2027\u2030-\u203b\u203d-\u2048\u204a-\u205e\u20ac]*$/;

function width(s) {
  return typeof s === "string" && PLAIN.test(s) ? s.length : stringWidth(s);
}

module.exports = width;
module.exports.default = width;
module.exports.PLAIN = PLAIN;
