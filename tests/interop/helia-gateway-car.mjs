// Downloads a CAR from a trustless gateway with fetch() and parses it with @ipld/car, re-hashing every block.
// Usage: node helia-gateway-car.mjs <url>
// Prints one JSON line: {"status","contentType","roots":[...],"blocks":[...],"verified":true|false,"bytes":n}.
import { CarBlockIterator } from '@ipld/car'
import { sha256 } from 'multiformats/hashes/sha2'
import { identity } from 'multiformats/hashes/identity'

const [url] = process.argv.slice(2)
if (!url) {
  console.error('usage: helia-gateway-car.mjs <url>')
  process.exit(2)
}

const response = await fetch(url, { headers: { Accept: 'application/vnd.ipld.car' }, signal: AbortSignal.timeout(60000) })
const bytes = new Uint8Array(await response.arrayBuffer())
const iterator = await CarBlockIterator.fromBytes(bytes)
const blocks = []
let verified = true
for await (const { cid, bytes: block } of iterator) {
  const hasher = cid.multihash.code === identity.code ? identity : sha256
  const digest = await hasher.digest(block)
  if (!equal(digest.digest, cid.multihash.digest)) {
    verified = false
  }
  blocks.push(cid.toString())
}
const roots = (await iterator.getRoots()).map((root) => root.toString())
console.log(JSON.stringify({ status: response.status, contentType: response.headers.get('content-type'), roots, blocks, verified, bytes: bytes.length }))

function equal (left, right) {
  return left.length === right.length && left.every((value, index) => value === right[index])
}
