// Hardhat 3 configuration. Compiles offline with the wasm solc from npm (no compiler download).
import { createRequire } from "node:module";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

// Invariant-test depth and runs: the defaults are raised in CI through the environment.
const fuzzRuns = Number(process.env.DEPIN_FUZZ_RUNS ?? 256);
const invariantRuns = Number(process.env.DEPIN_INVARIANT_RUNS ?? 256);
const invariantDepth = Number(process.env.DEPIN_INVARIANT_DEPTH ?? 100);

export default defineConfig({
  solidity: {
    version: "0.8.28",
    path: require.resolve("solc/soljson.js"),
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
    },
  },
  paths: {
    sources: "contracts",
    tests: { solidity: "contracts/test" },
  },
  test: {
    solidity: {
      fuzz: { runs: fuzzRuns },
      invariant: { runs: invariantRuns, depth: invariantDepth, failOnRevert: false },
    },
  },
});
