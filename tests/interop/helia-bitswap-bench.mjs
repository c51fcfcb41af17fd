// Helia -> Helia Bitswap transfer benchmark (the baseline of bench/Ipfs.Bench bitswap). Two light Helia nodes in this
// process (TCP + Noise + Yamux on loopback, @helia/bitswap): the holder imports <path> (Kubo settings, so the CID equals
// ours); for each run a fresh fetcher dials it and reads every file of the DAG with unixfs cat (Helia's fastest path: it
// fetches a file's blocks in parallel), then pins the root (a local walk once everything is stored).
// Prints {"event":"added","cid"} then one {"event":"run","ms","cpuMs","bytes"} per run, then {"event":"done"}.
// Usage: node helia-bitswap-bench.mjs <file-or-folder> <runs>
import { unixfs } from '@helia/unixfs'
import { CID } from 'multiformats/cid'
import { createBitswapHelia } from './helia-bitswap-peer.mjs'
import { addPath } from './kubo-import.mjs'

const [path, runsText] = process.argv.slice(2)
const runs = Number.parseInt(runsText ?? '1', 10)
if (!path || !(runs > 0)) {
  console.error('usage: helia-bitswap-bench.mjs <file-or-folder> <runs>')
  process.exit(2)
}

const print = (object) => process.stdout.write(JSON.stringify(object) + '\n')
const holder = await createBitswapHelia()
const root = await addPath(unixfs(holder), path)
print({ event: 'added', cid: root.toString() })

async function drain (fs, cid) {
  let bytes = 0
  for await (const chunk of fs.cat(cid)) {
    bytes += chunk.length
  }
  return bytes
}

async function fetchAll (fs, cid) {
  const { type } = await fs.stat(cid)
  if (type !== 'directory') {
    return await drain(fs, cid)
  }
  let bytes = 0
  for await (const entry of fs.ls(cid)) {
    bytes += await fetchAll(fs, entry.cid.toString())
  }
  return bytes
}

for (let run = 0; run < runs; run++) {
  const fetcher = await createBitswapHelia()
  await fetcher.libp2p.dial(holder.libp2p.getMultiaddrs()[0])
  const started = process.hrtime.bigint()
  const cpuBefore = process.cpuUsage()
  const bytes = await fetchAll(unixfs(fetcher), root.toString())
  for await (const _ of fetcher.pins.add(CID.parse(root.toString()))) {
    // Draining the generator pins every block; they are all local by now.
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const cpu = process.cpuUsage(cpuBefore)
  print({ event: 'run', ms, cpuMs: (cpu.user + cpu.system) / 1000, bytes })
  await fetcher.stop()
}

await holder.stop()
print({ event: 'done' })
