import { defineConfig } from "vitest/config";

// The end-to-end suite drives the real app binary through tauri-driver: one WebDriver session at
// a time, so files run one after another.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
