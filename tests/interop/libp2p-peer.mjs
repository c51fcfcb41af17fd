// A js-libp2p 3.x peer for the C# interop tests (tests/Libp2p.Tests/Interop). TCP + Noise + Yamux, identify
// (+ push), ping and an echo protocol. It prints one JSON object per line on stdout and takes commands on stdin:
//   dial <multiaddr>                      -> {"event":"dialed","peerId":...}
//   peer <peerId>                         -> {"event":"peer","protocols":[...],"addrs":[...],"agent":...,"signedRecord":bool}
//   ping <peerId>                         -> {"event":"ping","rtt":<ms>}
//   echo <peerId> <bytes> <streams>       -> {"event":"echo","ok":true,"ms":...} (each stream sends and checks <bytes>)
//   handle <protocol>                     -> {"event":"handled"} (registers another echo protocol: identify push)
// Usage: node libp2p-peer.mjs [--key ed25519|secp256k1] [--listen /ip4/127.0.0.1/tcp/0]
import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { identify, identifyPush } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'

const ECHO = '/depingpu/echo/1.0.0'
const STREAM_LIMITS = { maxInboundStreams: 1024, maxOutboundStreams: 1024 }

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const index = args.indexOf(name)
  return index >= 0 ? args[index + 1] : fallback
}

const keyType = option('--key', 'ed25519') === 'secp256k1' ? 'secp256k1' : 'Ed25519'
const node = await createLibp2p({
  privateKey: await generateKeyPair(keyType),
  addresses: { listen: [option('--listen', '/ip4/127.0.0.1/tcp/0')] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: { identify: identify(), identifyPush: identifyPush(), ping: ping() }
})

const print = (object) => process.stdout.write(JSON.stringify(object) + '\n')

async function echoHandler (stream) {
  for await (const chunk of stream) {
    if (!stream.send(chunk)) {
      await stream.onDrain()
    }
  }
  await stream.close()
}

await node.handle(ECHO, echoHandler, STREAM_LIMITS)

/** Deterministic bytes (xorshift32) so both sides can check content without sharing buffers. */
function pattern (length, seed) {
  const bytes = new Uint8Array(length)
  let state = (seed * 2654435761) >>> 0 || 1
  for (let index = 0; index < length; index++) {
    state ^= state << 13; state >>>= 0
    state ^= state >>> 17
    state ^= state << 5; state >>>= 0
    bytes[index] = state & 0xff
  }
  return bytes
}

async function echoOnce (peerId, length, seed) {
  const stream = await node.dialProtocol(peerId, ECHO, STREAM_LIMITS)
  const data = pattern(length, seed)
  const expected = createHash('sha256').update(data).digest('hex')
  const reading = (async () => {
    const hash = createHash('sha256')
    let received = 0
    for await (const chunk of stream) {
      const bytes = chunk.subarray ? chunk.subarray() : chunk
      hash.update(bytes)
      received += bytes.byteLength
    }
    return { received, digest: hash.digest('hex') }
  })()
  for (let offset = 0; offset < length; offset += 65536) {
    if (!stream.send(data.subarray(offset, Math.min(length, offset + 65536)))) {
      await stream.onDrain()
    }
  }
  await stream.close()
  const { received, digest } = await reading
  if (received !== length || digest !== expected) {
    throw new Error(`echo mismatch on stream ${seed}: ${received}/${length} bytes`)
  }
}

async function run (line) {
  const [command, ...rest] = line.trim().split(/\s+/)
  switch (command) {
    case 'dial': {
      const connection = await node.dial(multiaddr(rest[0]))
      return { event: 'dialed', peerId: connection.remotePeer.toString() }
    }
    case 'peer': {
      const peer = await node.peerStore.get(peerIdFromString(rest[0]))
      const agent = peer.metadata.get('AgentVersion')
      return {
        event: 'peer',
        protocols: peer.protocols,
        addrs: peer.addresses.map((address) => address.multiaddr.toString()),
        agent: agent == null ? null : new TextDecoder().decode(agent),
        // set only when js verified (openAndCertify) the signed peer record the peer sent in identify
        signedRecord: peer.peerRecordEnvelope != null
      }
    }
    case 'ping':
      return { event: 'ping', rtt: await node.services.ping.ping(peerIdFromString(rest[0])) }
    case 'echo': {
      const started = Date.now()
      const peerId = peerIdFromString(rest[0])
      const streams = Number(rest[2] ?? 1)
      await Promise.all(Array.from({ length: streams }, (_, index) => echoOnce(peerId, Number(rest[1]), index + 1)))
      return { event: 'echo', ok: true, ms: Date.now() - started }
    }
    case 'handle':
      await node.handle(rest[0], echoHandler, STREAM_LIMITS)
      return { event: 'handled' }
    default:
      throw new Error(`unknown command '${command}'`)
  }
}

node.addEventListener('peer:identify', (event) => {
  print({ event: 'identified', peerId: event.detail.peerId.toString(), protocols: event.detail.protocols })
})

print({
  event: 'ready',
  peerId: node.peerId.toString(),
  addrs: node.getMultiaddrs().map((address) => address.toString()),
  protocols: node.getProtocols()
})

// Commands run one at a time, in order, so the test reads exactly one answer per command.
let queue = Promise.resolve()
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === '') return
  queue = queue.then(async () => {
    try {
      print(await run(line))
    } catch (error) {
      print({ event: 'error', command: line, message: String(error?.stack ?? error) })
    }
  })
}).on('close', async () => {
  await queue
  await node.stop()
  process.exit(0)
})
