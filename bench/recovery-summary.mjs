// Summarises bench/recovery.sh's runs: a table per run and median/worst of each duration, against the goals
// (median kill → running ≤ 10 s, worst ≤ 15 s, tenant charged 0 for lost work), raw and minus the sample's cold start.
//   node bench/recovery-summary.mjs DIR RUNS [SUMMARY.json]
import { readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";

const [dir, runCount, summaryFile] = process.argv.slice(2);

// The standby's "Started process|docker workload … epoch N>0" line in the run's node logs (kept in logs-RUN/ with
// timestamps): when the market and the node had done their part; from there to "running again" is the workload's own
// start (interpreter, imports, loading the checkpoint) on this machine at that moment.
function standbyStarted(run, kill) {
  const logs = `${dir}/logs-${run}`;
  if (!kill || !existsSync(logs)) return null;
  let first = null;
  for (const file of readdirSync(logs).filter((name) => /^provider-\d+\.log$/.test(name))) {
    const match = readFileSync(`${logs}/${file}`, "utf8").match(/^(\d\d:\d\d:\d\d\.\d+) \S+: \S+\[8100\]\n\s+Started \w+ workload \S+ for lease \d+ epoch [1-9]/m);
    if (!match) continue;
    const at = new Date(`${kill.slice(0, 10)}T${match[1]}Z`);
    if (first === null || at < first) first = at;
  }
  return first;
}
const seconds = (from, to) => (from && to ? Math.round((new Date(to) - new Date(from)) / 10) / 100 : null);
const runs = [];
for (let i = 1; i <= Number(runCount); i++) {
  const file = `${dir}/run-${i}.json`;
  if (!existsSync(file)) continue;
  try {
    const result = JSON.parse(readFileSync(file, "utf8"));
    const coldFile = `${dir}/cold-start-${i}.json`;
    const coldText = existsSync(coldFile) ? readFileSync(coldFile, "utf8").trim() : "";
    const cold = coldText ? JSON.parse(coldText) : {};
    const started = standbyStarted(i, result.timeline?.kill);
    runs.push({ run: i, passed: result.passed, ...result.recovery, paidForLost: result.money.tenantPaidForLostWork,
      killToStarted: seconds(result.timeline?.kill, started), ownStart: seconds(started, result.timeline?.runningAgain),
      importTorch: cold.importTorch ?? null, coldStart: cold.resume ?? null });
  } catch {
    runs.push({ run: i, passed: false });
  }
}
const columns = ["detection", "killToReport", "handOver", "killToRunning", "killToFirstCheckpoint", "stepsLost", "paidForLost",
  "killToStarted", "ownStart", "importTorch", "coldStart"];
const stat = (key) => {
  const values = runs.map((r) => r[key]).filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (values.length === 0) return { median: null, worst: null };
  const mid = Math.floor(values.length / 2);
  const median = values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  return { median: Math.round(median * 100) / 100, worst: values[values.length - 1] };
};
console.log(`| run | passed | ${columns.join(" | ")} |`);
console.log(`|---|---|${columns.map(() => "---").join("|")}|`);
for (const r of runs) console.log(`| ${r.run} | ${r.passed ? "yes" : "NO"} | ${columns.map((c) => r[c] ?? "–").join(" | ")} |`);
const stats = Object.fromEntries(columns.filter((c) => c !== "paidForLost").map((c) => [c, stat(c)]));
for (const [c, s] of Object.entries(stats)) console.log(`${c}: median ${s.median} worst ${s.worst}`);
const k = stats.killToRunning;
// The goals' ratios, raw and with the machine's own limit taken out: the sample's own start in that very hand-over
// (the standby's process start → its "resumed" line), i.e. kill → the standby's workload process started.
const ratio = (value, goal) => (value === null ? null : Math.round((value / goal) * 100) / 100);
const st = stats.killToStarted;
console.log(`kill → running / goal: median ${ratio(k.median, 10)} (of 10 s), worst ${ratio(k.worst, 15)} (of 15 s); ` +
  `without the workload's own start (kill → its process started): median ${ratio(st.median, 10)}, worst ${ratio(st.worst, 15)}`);
const goals = {
  medianKillToRunningAtMost10s: k.median !== null && k.median <= 10,
  worstKillToRunningAtMost15s: k.worst !== null && k.worst <= 15,
  tenantChargedNothingForLostWork: runs.every((r) => r.paidForLost === "0"),
  everyRunPassed: runs.length === Number(runCount) && runs.every((r) => r.passed),
};
console.log(`goals: ${JSON.stringify(goals)}`);
if (summaryFile) writeFileSync(summaryFile, JSON.stringify({ runs, stats, goals }, null, 2));
