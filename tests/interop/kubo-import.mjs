// Kubo-style UnixFS import for Helia (`ipfs add --cid-version=1 --raw-leaves`: 262144-byte chunks, balanced layout
// with 174 links, raw leaves, HAMT directories past 256 KiB of links), shared by every interop script that must produce the same CIDs as our importer.
import { createReadStream } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'

export const kuboOptions = () => ({
  cidVersion: 1,
  rawLeaves: true,
  reduceSingleLeafToSelf: true,
  chunker: fixedSize({ chunkSize: 262144 }),
  layout: balanced({ maxChildrenPerNode: 174 }),
  // Kubo's directory sharding: a HAMT of fanout 256 (8 bits) once Σ(name bytes + CID bytes) > 262144.
  shardSplitThresholdBytes: 262144,
  shardSplitStrategy: 'links-bytes',
  shardFanoutBits: 8,
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

// Imports a file or a directory tree into `fs` (a @helia/unixfs instance) and returns its root CID.
export async function addPath (fs, path) {
  if ((await stat(path)).isFile()) {
    return await fs.addByteStream(createReadStream(path, { highWaterMark: 262144 }), kuboOptions())
  }
  const name = basename(path)
  let root
  for await (const entry of fs.addAll(candidates(path, name), kuboOptions())) {
    if (entry.path === name) {
      root = entry.cid
    }
  }
  if (root === undefined) {
    throw new Error(`the importer returned no entry for the directory ${path}`)
  }
  return root
}
