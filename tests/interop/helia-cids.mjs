// Computes Helia's UnixFS CIDs, configured like `ipfs add --cid-version=1 --raw-leaves` (Kubo: 262144-byte chunks,
// balanced layout with 174 links, raw leaves, CIDv1), for every path given on the command line, in one process.
// Prints one JSON line per path: {"path", "cid", "ms", "cpuMs"} (wall-clock and CPU time of the import), then "done". No networking: a bare
// @helia/unixfs over a MemoryBlockstore. Used by tests/Ipfs.Tests (interop) and bench/Ipfs.Bench (Helia baseline).
import { createReadStream } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { unixfs } from '@helia/unixfs'
import { MemoryBlockstore } from 'blockstore-core'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'

const kuboOptions = () => ({
  cidVersion: 1,
  rawLeaves: true,
  reduceSingleLeafToSelf: true,
  chunker: fixedSize({ chunkSize: 262144 }),
  layout: balanced({ maxChildrenPerNode: 174 }),
  wrapWithDirectory: false
})

// Every entry below `root`, directories included (so empty ones are kept), with paths relative to root's parent.
async function * candidates (root, relative) {
  const entries = await readdir(root, { withFileTypes: true })
  if (entries.length === 0) {
    yield { path: relative }
  }
  for (const entry of entries) {
    const full = join(root, entry.name)
    const path = `${relative}/${entry.name}`
    if (entry.isDirectory()) {
      yield * candidates(full, path)
    } else if (entry.isFile()) {
      yield { path, content: createReadStream(full, { highWaterMark: 262144 }) }
    } else {
      throw new Error(`${full} is neither a file nor a directory`)
    }
  }
}

async function cidOf (fs, path) {
  const info = await stat(path)
  if (info.isFile()) {
    return await fs.addByteStream(createReadStream(path, { highWaterMark: 262144 }), kuboOptions())
  }
  const name = basename(path)
  let rootCid
  for await (const entry of fs.addAll(candidates(path, name), kuboOptions())) {
    if (entry.path === name) {
      rootCid = entry.cid
    }
  }
  if (rootCid === undefined) {
    throw new Error(`the importer returned no entry for the directory ${path}`)
  }
  return rootCid
}

for (const path of process.argv.slice(2)) {
  const fs = unixfs({ blockstore: new MemoryBlockstore() })
  const started = process.hrtime.bigint()
  const cpuBefore = process.cpuUsage()
  const cid = await cidOf(fs, path)
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const cpu = process.cpuUsage(cpuBefore)
  console.log(JSON.stringify({ path, cid: cid.toString(), ms, cpuMs: (cpu.user + cpu.system) / 1000 }))
}
console.log('done')
