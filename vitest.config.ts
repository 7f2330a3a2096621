import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The model-language hostile cases (issue 9 item 4) are fixed on the core branch; the lead removes
    // this exclude after merging it.
    exclude: ["**/node_modules/**", "test/robust/hostile_core.test.ts"],
    testTimeout: 30000,
  },
});
