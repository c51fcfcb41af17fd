// Deploys the DePinGpu contracts to any EVM chain from a parameter file (deployments/parameters/*.json): the DevToken
// (when the file says deployDevToken and no stake token is given), ProviderRegistry, LeaseMarketExtension and
// LeaseMarket; binds the registry to the market (once, for good); funds dev accounts on a devnet; writes
// deployments/<chainId>.json in the format of docs/protocol.md. scripts/devnet.sh uses this same path.
//
// Usage: node scripts/devnet/deploy.mjs --rpc URL [--parameters deployments/parameters/devnet.json]
//          [--stake-token ADDRESS] [--key-env VARIABLE] [--out FILE] [--fund N]
//   --key-env names an environment variable holding the deployer's private key (default: anvil dev account 0, which is
//   only for local chains); the key is never printed. --fund mints to the first N dev accounts (DevToken only).
// Exported: deployContracts(), writeDeployment(), readParameterFile(), DEV_KEYS, DEVNET_PARAMETERS.
import { readFileSync } from "node:fs";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ethers } from "ethers";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

// anvil's default mnemonic ("test test ... junk"): the first 10 accounts' private keys are public knowledge.
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
export const DEV_KEYS = Array.from({ length: 10 }, (_, index) =>
  ethers.HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`).privateKey,
);

/**
 * Reads and checks a parameter file; numbers become BigInts as the contracts take them. Bounds are the contracts'
 * own (they revert ParameterOutOfRange), so only shape and types are checked here.
 */
export function readParameterFile(path) {
  const file = JSON.parse(readFileSync(path, "utf8"));
  const fields = {
    registry: ["minStakePerGpu", "unbondingPeriod", "jailPeriod", "heartbeatInterval", "heartbeatTimeout"],
    market: ["startDeadline", "minPrepaidSeconds", "slashBps", "minorSlashBps", "finderFeeBps", "protocolFeeBps"],
  };
  const parsed = {};
  for (const [section, names] of Object.entries(fields)) {
    if (typeof file[section] !== "object" || file[section] === null) throw new Error(`${path}: missing "${section}"`);
    parsed[section] = {};
    for (const name of names) {
      const value = file[section][name];
      if (!(typeof value === "number" || (typeof value === "string" && /^[0-9]+$/.test(value)))) {
        throw new Error(`${path}: ${section}.${name} must be a non-negative integer (number or decimal string)`);
      }
      parsed[section][name] = BigInt(value);
    }
  }
  for (const name of ["stakeToken", "treasury"]) {
    const value = file[name];
    if (value !== null && value !== undefined && !ethers.isAddress(value)) throw new Error(`${path}: ${name} is not an address`);
    parsed[name] = value ? ethers.getAddress(value) : null;
  }
  if (typeof file.deployDevToken !== "boolean") throw new Error(`${path}: deployDevToken must be true or false`);
  parsed.deployDevToken = file.deployDevToken;
  parsed.fundAmount = BigInt(file.fundAmount ?? 0);
  return Object.freeze(parsed);
}

export const DEVNET_PARAMETER_FILE = join(root, "deployments", "parameters", "devnet.json");
export const DEVNET_PARAMETERS = readParameterFile(DEVNET_PARAMETER_FILE);

export async function loadArtifact(sourceFile, name) {
  const path = join(root, "artifacts", "contracts", sourceFile, `${name}.json`);
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read ${path}: run 'npx hardhat compile' first (${error.message})`);
  }
}

/**
 * Polls for the receipt. ethers' response.wait() can miss a transaction that anvil's automine mined while the
 * first receipt query was in flight, then waits forever for a next block that never comes.
 */
export async function waitForReceipt(provider, hash, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const receipt = await provider.getTransactionReceipt(hash);
    if (receipt) return receipt;
    if (Date.now() > deadline) throw new Error(`transaction ${hash} not mined within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends a transaction with an explicit gas limit (anvil silently drops deployments sent without one). */
export async function send(signer, request, label) {
  const estimate = await signer.estimateGas(request);
  const response = await signer.sendTransaction({ ...request, gasLimit: (estimate * 12n) / 10n });
  const receipt = await waitForReceipt(signer.provider, response.hash);
  if (receipt.status !== 1) throw new Error(`${label} failed (transaction ${response.hash})`);
  return receipt;
}

async function deploy(signer, artifact, args, label) {
  const factory = new ethers.ContractFactory(artifact.abi, artifact.bytecode, signer);
  const request = await factory.getDeployTransaction(...args);
  const receipt = await send(signer, request, `deploying ${label}`);
  return { address: ethers.getAddress(receipt.contractAddress), receipt };
}

async function call(contract, signer, method, args, label) {
  const request = await contract.connect(signer)[method].populateTransaction(...args);
  return send(signer, request, label);
}

/**
 * Deploys everything and returns { chainId, deployer, deploymentBlock, contracts, abis, parameters }.
 * @param {ethers.JsonRpcProvider} provider
 * @param {{ deployer?: ethers.Signer, fundAccounts?: string[], parameters?: typeof DEVNET_PARAMETERS }} options
 *   deployer defaults to dev account 0; pass the caller's own signer (e.g. a NonceManager) to share its nonces.
 */
export async function deployContracts(provider, options = {}) {
  const parameters = options.parameters ?? DEVNET_PARAMETERS;
  const deployer = options.deployer ?? new ethers.NonceManager(new ethers.Wallet(DEV_KEYS[0], provider));
  const existingToken = options.stakeToken ?? parameters.stakeToken;
  if (!existingToken && !parameters.deployDevToken) {
    throw new Error("this parameter set deploys no DevToken: give the stake token (--stake-token or stakeToken)");
  }
  const deployerAddress = await deployer.getAddress();
  const [tokenArtifact, registryArtifact, extensionArtifact, marketArtifact] = await Promise.all([
    loadArtifact("test-token/DevToken.sol", "DevToken"),
    loadArtifact("ProviderRegistry.sol", "ProviderRegistry"),
    loadArtifact("LeaseMarketExtension.sol", "LeaseMarketExtension"),
    loadArtifact("LeaseMarket.sol", "LeaseMarket"),
  ]);

  const token = existingToken
    ? { address: ethers.getAddress(existingToken), receipt: null }
    : await deploy(deployer, tokenArtifact, ["DePinGpu Devnet Token", "dDPG", deployerAddress], "DevToken");
  const treasury = parameters.treasury ?? deployerAddress;
  const registry = await deploy(
    deployer,
    registryArtifact,
    [token.address, parameters.registry, deployerAddress],
    "ProviderRegistry",
  );
  const extension = await deploy(deployer, extensionArtifact, [registry.address], "LeaseMarketExtension");
  const market = await deploy(
    deployer,
    marketArtifact,
    [registry.address, { ...parameters.market, treasury }, extension.address],
    "LeaseMarket",
  );

  const registryContract = new ethers.Contract(registry.address, registryArtifact.abi, provider);
  const marketContract = new ethers.Contract(market.address, marketArtifact.abi, provider);
  const tokenContract = new ethers.Contract(token.address, tokenArtifact.abi, provider);
  await call(registryContract, deployer, "bindMarket", [market.address], "binding the registry to its market");
  if ((options.fundAccounts ?? []).length > 0 && existingToken) throw new Error("funding needs the DevToken");
  for (const account of options.fundAccounts ?? []) {
    await call(tokenContract, deployer, "mint", [account, parameters.fundAmount], `funding ${account}`);
  }

  return {
    chainId: Number((await provider.getNetwork()).chainId),
    deployer: ethers.getAddress(deployerAddress),
    deploymentBlock: (token.receipt ?? registry.receipt).blockNumber,
    contracts: { stakeToken: token.address, registry: registry.address, market: market.address },
    extension: extension.address,
    abis: { token: tokenArtifact.abi, registry: registryArtifact.abi, market: marketArtifact.abi },
    parameters: await readParameters(registryContract, marketContract),
  };
}

/** Every parameter as the contracts report it, named like the contract getters. */
async function readParameters(registry, market) {
  const r = await registry.parameters();
  const m = await market.parameters();
  return {
    minStakePerGpu: r.minStakePerGpu.toString(),
    unbondingPeriod: Number(r.unbondingPeriod),
    heartbeatInterval: Number(r.heartbeatInterval),
    heartbeatTimeout: Number(r.heartbeatTimeout),
    startDeadline: Number(m.startDeadline),
    jailPeriod: Number(r.jailPeriod),
    slashBps: Number(m.slashBps),
    finderFeeBps: Number(m.finderFeeBps),
    protocolFeeBps: Number(m.protocolFeeBps),
    treasury: ethers.getAddress(m.treasury),
    minorSlashBps: Number(m.minorSlashBps),
    minPrepaidSeconds: Number(m.minPrepaidSeconds),
  };
}

/** Writes deployments/<chainId>.json exactly as documented in docs/protocol.md ("Deployment file"). */
export async function writeDeployment(result, rpcUrl, outPath) {
  const document = {
    chainId: result.chainId,
    rpcUrl,
    deployer: result.deployer,
    deploymentBlock: result.deploymentBlock,
    deployedAt: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    contracts: result.contracts,
    parameters: result.parameters,
  };
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(outPath, JSON.stringify(document, null, 2) + "\n");
  return document;
}

function parseArguments(argv) {
  const options = { rpc: "http://127.0.0.1:8545", out: null, fund: 10, parameters: DEVNET_PARAMETER_FILE, stakeToken: null, keyEnv: null };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case "--rpc": options.rpc = value; i++; break;
      case "--out": options.out = value; i++; break;
      case "--fund": options.fund = Number(value); i++; break;
      case "--parameters": options.parameters = value; i++; break;
      case "--stake-token": options.stakeToken = value; i++; break;
      case "--key-env": options.keyEnv = value; i++; break;
      default:
        throw new Error(
          `unknown argument ${argv[i]} (expected --rpc URL, --parameters FILE, --stake-token ADDRESS, --key-env VARIABLE, --out FILE, --fund N)`,
        );
    }
  }
  if (!Number.isInteger(options.fund) || options.fund < 0 || options.fund > DEV_KEYS.length) {
    throw new Error(`--fund must be an integer in [0, ${DEV_KEYS.length}]`);
  }
  return options;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const provider = new ethers.JsonRpcProvider(options.rpc, undefined, { staticNetwork: true, polling: true, pollingInterval: 50 });
  const parameters = readParameterFile(resolve(options.parameters));
  if (options.stakeToken !== null && !ethers.isAddress(options.stakeToken)) throw new Error("--stake-token is not an address");
  let deployer;
  if (options.keyEnv !== null) {
    const key = process.env[options.keyEnv];
    if (!key) throw new Error(`environment variable ${options.keyEnv} is empty`);
    deployer = new ethers.NonceManager(new ethers.Wallet(key, provider));
  }
  const devToken = !(options.stakeToken ?? parameters.stakeToken);
  const fundAccounts = devToken ? DEV_KEYS.slice(0, options.fund).map((key) => new ethers.Wallet(key).address) : [];
  const result = await deployContracts(provider, { deployer, fundAccounts, parameters, stakeToken: options.stakeToken });
  const out = options.out ?? join(root, "deployments", `${result.chainId}.json`);
  const document = await writeDeployment(result, options.rpc, out);
  console.log(JSON.stringify({ file: out, ...document, marketExtension: result.extension, funded: fundAccounts }));
  provider.destroy();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`deploy failed: ${error.message}`);
    process.exit(1);
  });
}
