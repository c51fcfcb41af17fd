// Small helpers scripts/devnet.sh calls (one subcommand per call; errors are one line on stderr, exit status 1):
//   free-ports N                                   N free loopback TCP ports, one per line
//   keystore INDEX OUT PASSWORD_FILE               a v3 keystore of anvil dev account INDEX (light scrypt: devnet only)
//   set-balance RPC ADDRESS                        gives ADDRESS 1000 ether on anvil
//   node-config OUT JSON                           writes a provider/verifier config.json from a JSON description
//   cli-config OUT JSON                            writes the tenant CLI config (the keys depin reads)
//   wait-status URL SECONDS                        waits until URL/status answers 200
//   wait-heartbeats RPC DEPLOYMENT SECONDS OWNER... waits until every OWNER has an on-chain heartbeat
// Everything here talks to 127.0.0.1 only.
import { createServer } from "node:net";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { ethers } from "ethers";
import { DEV_KEYS } from "./deploy.mjs";

const fail = (message) => {
  console.error(`devnet: ${message}`);
  process.exit(1);
};

const loopback = (url) => {
  const host = new URL(url).hostname;
  if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== "localhost") fail(`${url} is not a loopback address`);
  return url;
};

async function freePorts(count) {
  const servers = [];
  for (let i = 0; i < count; i++) {
    const server = createServer();
    await new Promise((resolve, reject) => server.listen(0, "127.0.0.1", resolve).on("error", reject));
    servers.push(server);
  }
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function keystore(index, out, passwordFile) {
  const key = DEV_KEYS[Number(index)];
  if (!key) fail(`no dev account ${index} (0..${DEV_KEYS.length - 1})`);
  const password = readFileSync(passwordFile, "utf8").split("\n")[0];
  const wallet = new ethers.Wallet(key);
  const json = await ethers.encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, password, { scrypt: { N: 1 << 12 } });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, json, { mode: 0o600 });
  console.log(wallet.address);
}

async function rpc(url, method, params) {
  const response = await fetch(loopback(url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = await response.json();
  if (body.error) fail(`${method}: ${body.error.message}`);
  return body.result;
}

function writeJson(out, value) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(value, null, 2) + "\n", { mode: 0o600 });
}

/** A node's config.json, in the sections depin-node reads (docs/provider-node.md). */
function nodeConfig(d) {
  const config = {
    Node: {
      DataDirectory: d.dataDirectory, OperatorKeystore: d.keystore, PasswordFile: d.passwordFile,
      ...(d.libp2pPort ? { Multiaddrs: [`/ip4/127.0.0.1/tcp/${d.libp2pPort}`] } : {}),
    },
    Chain: {
      RpcUrl: loopback(d.rpcUrl),
      ChainId: 31337,
      DeploymentFile: d.deployment,
      Confirmations: 0,
      PollInterval: "00:00:00.500",
    },
    Logging: {
      LogLevel: { Default: "Information", "System.Net.Http": "Warning", Microsoft: "Warning", "Microsoft.Hosting.Lifetime": "Information" },
      Console: { FormatterName: "simple" },
    },
  };
  if (d.role === "provider") {
    const process = d.runtime === "process";
    Object.assign(config, {
      Api: { Url: loopback(d.apiUrl) },
      Heartbeat: { Interval: `00:00:${String(d.heartbeatSeconds).padStart(2, "0")}` },
      Bidding: { AllowedRuntimes: [process ? "process" : "docker"], SpecWait: "00:00:30" },
      Pricing: { DefaultPerGpuSecond: String(d.price) },
      Inventory: { Mode: "Declared", Declared: [{ Model: "virtual-cpu", MemoryMebibytes: 16384, Count: 1 }] },
      Execution: { NodeName: d.name, EnableProcessRuntime: process },
      // d.bootstrap: the nodes started before this one, comma-separated (a full mesh on a devnet).
      Network: { ListenAddresses: [`/ip4/127.0.0.1/tcp/${d.libp2pPort}`], BootstrapPeers: d.bootstrap ? d.bootstrap.split(",") : [] },
      Verifier: { Enabled: d.verifier === true },
    });
  }
  return config;
}

async function waitFor(seconds, what, check) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) fail(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const [command, ...args] = process.argv.slice(2);
switch (command) {
  case "free-ports":
    console.log((await freePorts(Number(args[0]))).join("\n"));
    break;
  case "keystore":
    await keystore(args[0], args[1], args[2]);
    break;
  case "set-balance":
    await rpc(args[0], "anvil_setBalance", [args[1], "0x3635C9ADC5DEA00000"]);
    break;
  case "node-config":
    writeJson(args[0], nodeConfig(JSON.parse(args[1])));
    break;
  case "cli-config":
    writeJson(args[0], JSON.parse(args[1]));
    break;
  case "wait-status":
    await waitFor(Number(args[1]), `${args[0]}status`, async () => (await fetch(new URL("status", loopback(args[0])))).ok);
    break;
  case "wait-heartbeats": {
    const [url, deploymentFile, seconds, ...owners] = args;
    const deployment = JSON.parse(readFileSync(deploymentFile, "utf8"));
    const registry = new ethers.Contract(
      deployment.contracts.registry,
      ["function lastHeartbeat(address) view returns (uint64)"],
      new ethers.JsonRpcProvider(loopback(url), 31337, { staticNetwork: true }),
    );
    await waitFor(Number(seconds), "every provider's first on-chain heartbeat", async () =>
      (await Promise.all(owners.map((owner) => registry.lastHeartbeat(owner)))).every((beat) => beat > 0n));
    break;
  }
  default:
    fail(`unknown tools.mjs command ${command}`);
}
