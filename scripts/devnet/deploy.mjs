// Deploys DevToken + ProviderRegistry + LeaseMarketExtension + LeaseMarket to a JSON-RPC node (anvil), wires the
// market role, funds dev accounts and writes deployments/<chainId>.json in the format of docs/protocol.md.
//
// Usage: node scripts/devnet/deploy.mjs --rpc http://127.0.0.1:8545 [--out deployments/31337.json] [--fund 10]
// Exported: deployContracts(), writeDeployment(), DEV_KEYS, DEVNET_PARAMETERS (used by scripts/gas-report.mjs).
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

export const DEVNET_PARAMETERS = Object.freeze({
  registry: {
    minStakePerGpu: ethers.parseEther("1000"),
    unbondingPeriod: 60n,
    jailPeriod: 60n,
    heartbeatInterval: 2n,
    heartbeatTimeout: 6n,
  },
  market: {
    startDeadline: 30n,
    minPrepaidSeconds: 60n,
    slashBps: 1000n,
    minorSlashBps: 200n,
    finderFeeBps: 1000n,
    protocolFeeBps: 0n,
  },
  fundAmount: ethers.parseEther("1000000"),
});

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
  const deployerAddress = await deployer.getAddress();
  const [tokenArtifact, registryArtifact, extensionArtifact, marketArtifact] = await Promise.all([
    loadArtifact("test-token/DevToken.sol", "DevToken"),
    loadArtifact("ProviderRegistry.sol", "ProviderRegistry"),
    loadArtifact("LeaseMarketExtension.sol", "LeaseMarketExtension"),
    loadArtifact("LeaseMarket.sol", "LeaseMarket"),
  ]);

  const token = await deploy(deployer, tokenArtifact, ["DePinGpu Devnet Token", "dDPG", deployerAddress], "DevToken");
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
    [registry.address, { ...parameters.market, treasury: deployerAddress }, deployerAddress, extension.address],
    "LeaseMarket",
  );

  const registryContract = new ethers.Contract(registry.address, registryArtifact.abi, provider);
  const marketContract = new ethers.Contract(market.address, marketArtifact.abi, provider);
  const tokenContract = new ethers.Contract(token.address, tokenArtifact.abi, provider);
  const marketRole = await registryContract.MARKET_ROLE();
  await call(registryContract, deployer, "grantRole", [marketRole, market.address], "granting MARKET_ROLE");
  for (const account of options.fundAccounts ?? []) {
    await call(tokenContract, deployer, "mint", [account, parameters.fundAmount], `funding ${account}`);
  }

  return {
    chainId: Number((await provider.getNetwork()).chainId),
    deployer: ethers.getAddress(deployerAddress),
    deploymentBlock: token.receipt.blockNumber,
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
  const options = { rpc: "http://127.0.0.1:8545", out: null, fund: 10 };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case "--rpc": options.rpc = value; i++; break;
      case "--out": options.out = value; i++; break;
      case "--fund": options.fund = Number(value); i++; break;
      default: throw new Error(`unknown argument ${argv[i]} (expected --rpc URL, --out FILE, --fund N)`);
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
  const fundAccounts = DEV_KEYS.slice(0, options.fund).map((key) => new ethers.Wallet(key).address);
  const result = await deployContracts(provider, { fundAccounts });
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
