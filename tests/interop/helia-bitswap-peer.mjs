// A light Helia node with Bitswap over TCP + Noise + Yamux (nothing leaves loopback: no DHT, no bootstrap, no gateways),
// for the C# Bitswap interop tests. UnixFS is configured like `ipfs add --cid-version=1 --raw-leaves` (Kubo: 262144-byte
// chunks, balanced layout with 174 links, raw leaves) so CIDs match ours. Prints one JSON object per line on stdout and
// takes one command per line on stdin:
//   dial <multiaddr>     -> {"event":"dialed","peerId":...}
//   add <path>           -> {"event":"added","cid":...}                      (a file, or a directory with its contents)
//   cat <cid>            -> {"event":"file","length":n,"sha256":hex}          (fetched over Bitswap as needed)
//   ls <cid>             -> {"event":"dir","entries":[{name,cid,type,length?,sha256?}]}
//   has <cid>            -> {"event":"has","has":true|false}                  (local blockstore only)
// Errors are printed as {"event":"error","message":...}. Usage: node helia-bitswap-peer.mjs
import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'
import { createHeliaLight } from 'helia'
import { withLibp2pLight } from '@helia/libp2p'
import { withBitswap } from '@helia/bitswap'
import { unixfs } from '@helia/unixfs'
import { tcp } from '@libp2p/tcp'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { identify } from '@libp2p/identify'
import { multiaddr } from '@multiformats/multiaddr'
import { MemoryBlockstore } from 'blockstore-core'
import { MemoryDatastore } from 'datastore-core'
import { CID } from 'multiformats/cid'
import { addPath } from './kubo-import.mjs'

export async function createBitswapHelia () {
  const helia = withBitswap(withLibp2pLight(createHeliaLight({ blockstore: new MemoryBlockstore(), datastore: new MemoryDatastore() }), {
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() }
  }))
  // Helia 7.1.15 with only fallback routers never finishes findProviders(): a router that finds nothing lets it end.
  helia.addRouter({ name: 'noop-router', async * findProviders () {} })
  await helia.start()
  return helia
}

export async function digest (fs, cid, signal) {
  const hash = createHash('sha256')
  let length = 0
  for await (const chunk of fs.cat(cid, { signal })) {
    hash.update(chunk)
    length += chunk.length
  }
  return { length, sha256: hash.digest('hex') }
}

const isMain = import.meta.url === `file://${process.argv[1]}`
if (isMain) {
  const helia = await createBitswapHelia()
  const fs = unixfs(helia)
  const print = (object) => process.stdout.write(JSON.stringify(object) + '\n')
  const timeout = () => AbortSignal.timeout(120000)
  const commands = {
    async dial (address) {
      const connection = await helia.libp2p.dial(multiaddr(address), { signal: timeout() })
      return { event: 'dialed', peerId: connection.remotePeer.toString() }
    },
    async add (path) {
      return { event: 'added', cid: (await addPath(fs, path)).toString() }
    },
    async cat (cid) {
      return { event: 'file', ...(await digest(fs, CID.parse(cid).toString(), timeout())) }
    },
    async ls (cid) {
      const entries = []
      for await (const entry of fs.ls(CID.parse(cid).toString(), { signal: timeout() })) {
        const { type } = await fs.stat(entry.cid.toString(), { signal: timeout() })
        const item = { name: entry.name, cid: entry.cid.toString(), type }
        if (type === 'file' || type === 'raw') {
          Object.assign(item, await digest(fs, entry.cid.toString(), timeout()))
        }
        entries.push(item)
      }
      return { event: 'dir', entries }
    },
    async has (cid) {
      return { event: 'has', has: await helia.blockstore.has(CID.parse(cid)) }
    }
  }

  print({ event: 'ready', peerId: helia.libp2p.peerId.toString(), addrs: helia.libp2p.getMultiaddrs().map((address) => address.toString()) })
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) {
    const [name, argument] = line.trim().split(/\s+/, 2)
    if (!name) {
      continue
    }
    try {
      if (!(name in commands)) {
        throw new Error(`unknown command ${name}`)
      }
      print(await commands[name](argument))
    } catch (error) {
      print({ event: 'error', message: String(error?.stack ?? error) })
    }
  }
  await helia.stop()
}
