// CAR interop with @ipld/car, the JS reference for CARv1.
//   read <file.car>          parses a CAR (ours), re-hashes every block; prints {"roots", "blocks", "bytes"} or exits 1.
//   write <path> <out.car>   imports the file <path> with Helia configured like Kubo (see helia-cids.mjs) and writes its
//                            DAG depth-first to a CARv1 with the import's root; prints {"root", "blocks"}.
import { createReadStream, createWriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CarReader, CarWriter } from '@ipld/car'
import { unixfs } from '@helia/unixfs'
import { MemoryBlockstore } from 'blockstore-core'
import { sha256 } from 'multiformats/hashes/sha2'
import { equals } from 'uint8arrays/equals'
import { concat } from 'uint8arrays/concat'
import * as dagPb from '@ipld/dag-pb'
import { kuboOptions } from './kubo-import.mjs'

const [command, ...args] = process.argv.slice(2)

if (command === 'read') {
  const reader = await CarReader.fromIterable(createReadStream(args[0]))
  let blocks = 0
  let bytes = 0
  for await (const { cid, bytes: data } of reader.blocks()) {
    const digest = await sha256.digest(data)
    if (!equals(digest.bytes, cid.multihash.bytes)) {
      console.error(`block ${cid} does not match its hash`)
      process.exit(1)
    }
    blocks++
    bytes += data.length
  }
  const roots = (await reader.getRoots()).map(root => root.toString())
  console.log(JSON.stringify({ roots, blocks, bytes }))
} else if (command === 'write') {
  const [path, output] = args
  if (!(await stat(path)).isFile()) {
    throw new Error('write takes a file')
  }
  const blockstore = new MemoryBlockstore()
  const fs = unixfs({ blockstore })
  const root = await fs.addByteStream(createReadStream(path, { highWaterMark: 262144 }), kuboOptions())
  const { writer, out } = CarWriter.create([root])
  const done = pipeline(Readable.from(out), createWriteStream(output))
  let blocks = 0
  const pending = [root]
  while (pending.length > 0) {
    const cid = pending.pop()
    const parts = []
    for await (const part of blockstore.get(cid)) {
      parts.push(part)
    }
    const bytes = concat(parts)
    await writer.put({ cid, bytes })
    blocks++
    if (cid.code === dagPb.code) {
      pending.push(...dagPb.decode(bytes).Links.map(link => link.Hash).reverse())
    }
  }
  await writer.close()
  await done
  console.log(JSON.stringify({ root: root.toString(), blocks }))
} else {
  console.error('usage: helia-car.mjs read <file.car> | write <path> <out.car>')
  process.exit(2)
}
