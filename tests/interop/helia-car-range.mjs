// Reads a byte range of a UnixFS file from a CAR that a trustless gateway returns for `entity-bytes`, using only the
// blocks in that CAR: @ipld/car parses it, every block is re-hashed into a MemoryBlockstore, then ipfs-unixfs-exporter
// (Helia's reader) resolves the path (through plain or HAMT-sharded directories) and reads the range. A block the CAR
// lacks makes the exporter fail, so success proves the CAR holds every block the range needs.
// Usage: node helia-car-range.mjs <url> <cid-or-cid/path> <offset> <length>
// Prints one JSON line: {"status","blocks","length","sha256"} or {"status","error"}.
import { createHash } from 'node:crypto'
import { CarBlockIterator } from '@ipld/car'
import { MemoryBlockstore } from 'blockstore-core'
import { exporter } from 'ipfs-unixfs-exporter'
import { sha256 } from 'multiformats/hashes/sha2'

const [url, path, offset, length] = process.argv.slice(2)
if (!url || !path || offset === undefined || length === undefined) {
  console.error('usage: helia-car-range.mjs <url> <cid-or-cid/path> <offset> <length>')
  process.exit(2)
}

const response = await fetch(url, { headers: { Accept: 'application/vnd.ipld.car' }, signal: AbortSignal.timeout(60000) })
const iterator = await CarBlockIterator.fromBytes(new Uint8Array(await response.arrayBuffer()))
const blockstore = new MemoryBlockstore()
let blocks = 0
for await (const { cid, bytes } of iterator) {
  const digest = await sha256.digest(bytes)
  if (Buffer.compare(Buffer.from(digest.digest), Buffer.from(cid.multihash.digest)) !== 0) {
    throw new Error(`block ${cid} does not match its hash`)
  }
  await blockstore.put(cid, bytes)
  blocks++
}
try {
  const entry = await exporter(path, blockstore, { offline: true, signal: AbortSignal.timeout(10000) })
  const hash = createHash('sha256')
  let read = 0
  for await (const chunk of entry.content({ offset: Number(offset), length: Number(length) })) {
    hash.update(chunk)
    read += chunk.length
  }
  console.log(JSON.stringify({ status: response.status, blocks, length: read, sha256: hash.digest('hex') }))
} catch (error) {
  console.log(JSON.stringify({ status: response.status, blocks, error: String(error.message ?? error) }))
}
