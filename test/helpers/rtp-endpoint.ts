/**
 * A phone's media end, as UDP sockets the test owns: RTP on an even port, RTCP on
 * the next. It sends PCMU packets and RTCP sender reports whose SDES CNAME names
 * the phone (a real softphone's `sip:+1415…@host`), and keeps what it receives.
 */
import { createSocket, type Socket } from 'node:dgram';

export interface Received {
  data: Buffer;
  port: number;
}

export interface RtpEndpoint {
  rtpPort: number;
  rtp: Received[];
  rtcp: Received[];
  /** Sends `count` RTP packets (20 ms apart) and an RTCP report every tenth, to `port` / `port + 1`. */
  talk(port: number, count: number, cname: string): Promise<void>;
  /** Sends PCMU audio (160 bytes a packet, 20 ms apart) to `port` until `stop()` says so; resolves when it stops. */
  speak(port: number, ulaw: (packet: number) => Buffer, stop: () => boolean): Promise<void>;
  close(): void;
}

function bind(port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => {
      s.close();
      resolve(undefined);
    });
    s.bind(port, '127.0.0.1', () => resolve(s));
  });
}

function rtpPacket(seq: number, ssrc: number): Buffer {
  const b = Buffer.alloc(12 + 160, 0xff);
  b[0] = 0x80;
  b.writeUInt16BE(seq, 2);
  b.writeUInt32BE(seq * 160, 4);
  b.writeUInt32BE(ssrc, 8);
  return b;
}

/** An RTCP compound packet: a sender report and an SDES chunk with the CNAME. */
export function rtcpReport(ssrc: number, cname: string): Buffer {
  const sr = Buffer.alloc(28);
  sr[0] = 0x80;
  sr[1] = 200;
  sr.writeUInt16BE(6, 2);
  sr.writeUInt32BE(ssrc, 4);
  const item = Buffer.concat([Buffer.from([1, cname.length]), Buffer.from(cname), Buffer.from([0])]);
  const pad = (4 - ((8 + item.length) % 4)) % 4;
  const sdes = Buffer.concat([Buffer.from([0x81, 202, 0, 0]), Buffer.alloc(4), item, Buffer.alloc(pad)]);
  sdes.writeUInt16BE(sdes.length / 4 - 1, 2);
  sdes.writeUInt32BE(ssrc, 4);
  return Buffer.concat([sr, sdes]);
}

export async function startRtpEndpoint(ssrc: number): Promise<RtpEndpoint> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 40_000 + 2 * Math.floor(Math.random() * 5000);
    const rtp = await bind(base);
    if (!rtp) continue;
    const rtcp = await bind(base + 1);
    if (!rtcp) {
      rtp.close();
      continue;
    }
    let closed = false;
    const ep: RtpEndpoint = {
      rtpPort: base,
      rtp: [],
      rtcp: [],
      async talk(port, count, cname) {
        for (let i = 0; i < count; i++) {
          if (closed) return;
          rtp.send(rtpPacket(i, ssrc), port, '127.0.0.1');
          if (i % 10 === 0) rtcp.send(rtcpReport(ssrc, cname), port + 1, '127.0.0.1');
          await new Promise((r) => setTimeout(r, 20));
        }
      },
      async speak(port, ulaw, stop) {
        const start = Date.now();
        for (let i = 0; !stop() && !closed; i++) {
          const head = Buffer.alloc(12);
          head[0] = 0x80;
          head.writeUInt16BE(i & 0xffff, 2);
          head.writeUInt32BE((i * 160) >>> 0, 4);
          head.writeUInt32BE(ssrc, 8);
          rtp.send(Buffer.concat([head, ulaw(i)]), port, '127.0.0.1');
          // Paced by the clock, not by the timer's drift.
          const due = start + (i + 1) * 20 - Date.now();
          if (due > 0) await new Promise((r) => setTimeout(r, due));
        }
      },
      close() {
        closed = true;
        rtp.close();
        rtcp.close();
      },
    };
    rtp.on('message', (data, from) => ep.rtp.push({ data, port: from.port }));
    rtcp.on('message', (data, from) => ep.rtcp.push({ data, port: from.port }));
    return ep;
  }
  throw new Error('no free even/odd UDP port pair');
}
