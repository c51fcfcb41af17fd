// Computes Helia's UnixFS CIDs, configured like `ipfs add --cid-version=1 --raw-leaves` (Kubo: 262144-byte chunks,
// balanced layout with 174 links, raw leaves, CIDv1), for every path given on the command line, in one process.
// Prints one JSON line per path: {"path", "cid", "ms", "cpuMs"} (wall-clock and CPU time of the import), then "done". No networking: a bare
// @helia/unixfs over a MemoryBlockstore. Used by tests/Ipfs.Tests (interop) and bench/Ipfs.Bench (Helia baseline).
import { unixfs } from '@helia/unixfs'
import { MemoryBlockstore } from 'blockstore-core'
import { addPath } from './kubo-import.mjs'

for (const path of process.argv.slice(2)) {
  const fs = unixfs({ blockstore: new MemoryBlockstore() })
  const started = process.hrtime.bigint()
  const cpuBefore = process.cpuUsage()
  const cid = await addPath(fs, path)
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const cpu = process.cpuUsage(cpuBefore)
  console.log(JSON.stringify({ path, cid: cid.toString(), ms, cpuMs: (cpu.user + cpu.system) / 1000 }))
}
console.log('done')
