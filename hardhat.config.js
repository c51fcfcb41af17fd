// Hardhat 3 configuration. Compiles offline with the wasm solc from npm (no compiler download).
import { createRequire } from "node:module";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

import { randomBytes } from "node:crypto";

// Fuzz and invariant runs and depth: scripts/test.sh (the CI entry point) raises them through the environment.
const fuzzRuns = Number(process.env.DEPIN_FUZZ_RUNS ?? 256);
const invariantRuns = Number(process.env.DEPIN_INVARIANT_RUNS ?? 256);
const invariantDepth = Number(process.env.DEPIN_INVARIANT_DEPTH ?? 100);

// A fresh fuzz/invariant seed per run, so runs explore different inputs; printed so that a failure is reproduced with
// one command (DEPIN_FUZZ_SEED=<seed> npx hardhat test solidity). The seed is fixed for the whole run.
const fuzzSeed = process.env.DEPIN_FUZZ_SEED ?? `0x${randomBytes(32).toString("hex")}`;
if (!/^0x[0-9a-fA-F]{1,64}$/.test(fuzzSeed)) throw new Error(`DEPIN_FUZZ_SEED must be 0x-prefixed hex: ${fuzzSeed}`);
if (process.argv.includes("test")) {
  console.error(`solidity fuzz seed ${fuzzSeed} (reproduce: DEPIN_FUZZ_SEED=${fuzzSeed} npx hardhat test solidity)`);
}

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
      fuzz: { runs: fuzzRuns, seed: fuzzSeed },
      invariant: { runs: invariantRuns, depth: invariantDepth, failOnRevert: false },
    },
  },
});
