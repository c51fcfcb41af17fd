// js-libp2p 3.x side of bench/Libp2p.Bench: the js↔js baseline for TCP + Noise + Yamux, in two processes.
//   node libp2p-bench.mjs server
//       -> {"event":"ready","addr":...}; serves /depingpu/bench/sink/1.0.0 (reads all, answers the byte count)
//   node libp2p-bench.mjs client <multiaddr> <bytes> <streams> <handshakes>
//       -> {"event":"result","throughputMiBps":...,"seconds":...,"handshakeMedianMs":...,"handshakeP90Ms":...}
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { multiaddr } from '@multiformats/multiaddr'

const SINK = '/depingpu/bench/sink/1.0.0'
const LIMITS = { maxInboundStreams: 1024, maxOutboundStreams: 1024 }
const CHUNK = 64 * 1024

const node = await createLibp2p({
  addresses: { listen: process.argv[2] === 'server' ? ['/ip4/127.0.0.1/tcp/0'] : [] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  // js's default 4 MiB read buffer is below its 16 MiB maximum window: with 16 parallel bulk streams the
  // listener resets streams (StreamBufferError). A read buffer above the window lets the baseline finish.
  streamMuxers: [yamux({ streamOptions: { maxReadBufferLength: 32 * 1024 * 1024 } })],
  connectionManager: { maxConnections: 10000, inboundConnectionThreshold: 100000, maxIncomingPendingConnections: 1000 }
})

const print = (object) => process.stdout.write(JSON.stringify(object) + '\n')

if (process.argv[2] === 'server') {
  await node.handle(SINK, async (stream) => {
    let received = 0
    for await (const chunk of stream) {
      received += chunk.byteLength
    }
    const answer = new Uint8Array(8)
    new DataView(answer.buffer).setBigUint64(0, BigInt(received))
    stream.send(answer)
    await stream.close()
  }, LIMITS)
  print({ event: 'ready', addr: node.getMultiaddrs()[0].toString() })
  process.stdin.resume()
  process.stdin.on('end', async () => { await node.stop(); process.exit(0) })
} else {
  const [, , , address, bytesText, streamsText, handshakesText] = process.argv
  const target = multiaddr(address)
  const streams = Number(streamsText)
  const perStream = Math.floor(Number(bytesText) / streams)
  const payload = new Uint8Array(CHUNK).fill(7)

  const sendOne = async (connection) => {
    const stream = await connection.newStream(SINK, LIMITS)
    const reading = (async () => {
      let answer = 0
      for await (const chunk of stream) {
        const bytes = chunk.subarray ? chunk.subarray() : chunk
        answer += bytes.byteLength
      }
      return answer
    })()
    for (let sent = 0; sent < perStream; sent += CHUNK) {
      const length = Math.min(CHUNK, perStream - sent)
      if (!stream.send(length === CHUNK ? payload : payload.subarray(0, length))) {
        await stream.onDrain()
      }
    }
    await stream.close()
    if (await reading !== 8) throw new Error('the sink did not answer')
  }

  const connection = await node.dial(target)
  await sendOne(connection) // warm-up
  const started = process.hrtime.bigint()
  await Promise.all(Array.from({ length: streams }, () => sendOne(connection)))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9

  const latencies = []
  for (let index = 0; index < Number(handshakesText); index++) {
    const begin = process.hrtime.bigint()
    const fresh = await node.dial(target, { force: true })
    const stream = await fresh.newStream(SINK, LIMITS)
    latencies.push(Number(process.hrtime.bigint() - begin) / 1e6)
    stream.abort(new Error('done'))
    await fresh.close()
  }
  latencies.sort((a, b) => a - b)
  const at = (q) => latencies.length === 0 ? null : latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
  print({
    event: 'result',
    throughputMiBps: (perStream * streams) / (1024 * 1024) / seconds,
    seconds,
    handshakeMedianMs: at(0.5),
    handshakeP90Ms: at(0.9)
  })
  await node.stop()
  process.exit(0)
}
