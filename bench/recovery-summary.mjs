// Summarises bench/recovery.sh's runs: a table per run and median/worst of each duration, against the goals
// (median kill → running ≤ 10 s, worst ≤ 15 s, tenant charged 0 for lost work).
//   node bench/recovery-summary.mjs DIR RUNS [SUMMARY.json]
import { readFileSync, writeFileSync, existsSync } from "node:fs";

const [dir, runCount, summaryFile] = process.argv.slice(2);
const runs = [];
for (let i = 1; i <= Number(runCount); i++) {
  const file = `${dir}/run-${i}.json`;
  if (!existsSync(file)) continue;
  try {
    const result = JSON.parse(readFileSync(file, "utf8"));
    runs.push({ run: i, passed: result.passed, ...result.recovery, paidForLost: result.money.tenantPaidForLostWork });
  } catch {
    runs.push({ run: i, passed: false });
  }
}
const columns = ["detection", "killToReport", "handOver", "killToRunning", "killToFirstCheckpoint", "stepsLost", "paidForLost"];
const stat = (key) => {
  const values = runs.map((r) => r[key]).filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (values.length === 0) return { median: null, worst: null };
  const mid = Math.floor(values.length / 2);
  return { median: values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2, worst: values[values.length - 1] };
};
console.log(`| run | passed | ${columns.join(" | ")} |`);
console.log(`|---|---|${columns.map(() => "---").join("|")}|`);
for (const r of runs) console.log(`| ${r.run} | ${r.passed ? "yes" : "NO"} | ${columns.map((c) => r[c] ?? "–").join(" | ")} |`);
const stats = Object.fromEntries(columns.filter((c) => c !== "paidForLost").map((c) => [c, stat(c)]));
for (const [c, s] of Object.entries(stats)) console.log(`${c}: median ${s.median} worst ${s.worst}`);
const k = stats.killToRunning;
const goals = {
  medianKillToRunningAtMost10s: k.median !== null && k.median <= 10,
  worstKillToRunningAtMost15s: k.worst !== null && k.worst <= 15,
  tenantChargedNothingForLostWork: runs.every((r) => r.paidForLost === "0"),
  everyRunPassed: runs.length === Number(runCount) && runs.every((r) => r.passed),
};
console.log(`goals: ${JSON.stringify(goals)}`);
if (summaryFile) writeFileSync(summaryFile, JSON.stringify({ runs, stats, goals }, null, 2));
