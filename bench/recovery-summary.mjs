// Summarises bench/recovery.sh's runs: a table per run and median/worst of each duration, against the goals
// (median kill → running ≤ 10 s, worst ≤ 15 s, tenant charged 0 for lost work), raw and minus the sample's cold start.
//   node bench/recovery-summary.mjs DIR RUNS [SUMMARY.json]
import { readFileSync, writeFileSync, existsSync } from "node:fs";

const [dir, runCount, summaryFile] = process.argv.slice(2);
const runs = [];
for (let i = 1; i <= Number(runCount); i++) {
  const file = `${dir}/run-${i}.json`;
  if (!existsSync(file)) continue;
  try {
    const result = JSON.parse(readFileSync(file, "utf8"));
    const cold = existsSync(`${dir}/cold-start-${i}.json`) ? JSON.parse(readFileSync(`${dir}/cold-start-${i}.json`, "utf8")) : {};
    const minusCold = typeof result.recovery.killToRunning === "number" && typeof cold.resume === "number"
      ? Math.round((result.recovery.killToRunning - cold.resume) * 10) / 10 : null;
    runs.push({ run: i, passed: result.passed, ...result.recovery, paidForLost: result.money.tenantPaidForLostWork,
      importTorch: cold.importTorch ?? null, coldStart: cold.resume ?? null, killToRunningMinusColdStart: minusCold });
  } catch {
    runs.push({ run: i, passed: false });
  }
}
const columns = ["detection", "killToReport", "handOver", "killToRunning", "killToFirstCheckpoint", "stepsLost", "paidForLost",
  "importTorch", "coldStart", "killToRunningMinusColdStart"];
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
// The goals' ratios, raw and with the machine's own limit (the sample's cold start, measured in the same run) taken out.
const m = stats.killToRunningMinusColdStart;
const ratio = (value, goal) => (value === null ? null : Math.round((value / goal) * 100) / 100);
console.log(`kill → running / goal: median ${ratio(k.median, 10)} (of 10 s), worst ${ratio(k.worst, 15)} (of 15 s); ` +
  `minus the cold start: median ${ratio(m.median, 10)}, worst ${ratio(m.worst, 15)}`);
const goals = {
  medianKillToRunningAtMost10s: k.median !== null && k.median <= 10,
  worstKillToRunningAtMost15s: k.worst !== null && k.worst <= 15,
  tenantChargedNothingForLostWork: runs.every((r) => r.paidForLost === "0"),
  everyRunPassed: runs.length === Number(runCount) && runs.every((r) => r.passed),
};
console.log(`goals: ${JSON.stringify(goals)}`);
if (summaryFile) writeFileSync(summaryFile, JSON.stringify({ runs, stats, goals }, null, 2));
