// A deterministic tar.gz writer for image layers: ustar headers with fixed mtime, uid/gid 0,
// entries in sorted order, and a gzip header we write ourselves (mtime 0, OS 255), so the same
// files always give the same bytes and therefore the same layer digest.
import { deflateRawSync } from 'node:zlib';

/** A file or directory in a layer; directories end with `/`. */
export interface TarEntry {
  readonly path: string;
  readonly data?: Buffer;
}

/** 2024-01-01T00:00:00Z: every entry's mtime, so rebuilds do not change the digest. */
export const FIXED_MTIME = 1_704_067_200;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(path: string, size: number, isDir: boolean): Buffer {
  const h = Buffer.alloc(512, 0);
  if (Buffer.byteLength(path) > 100) throw new Error(`tar path too long for the demo image: ${path}`);
  h.write(path, 0, 100, 'utf8');
  h.write(octal(isDir ? 0o755 : 0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(FIXED_MTIME, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(isDir ? '5' : '0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(octal(0, 8), 329, 'ascii');
  h.write(octal(0, 8), 337, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** The tar archive of `entries`, sorted by path, ending with two zero blocks. */
export function tar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const isDir = entry.path.endsWith('/');
    const data = isDir ? Buffer.alloc(0) : entry.data ?? Buffer.alloc(0);
    parts.push(header(entry.path, data.length, isDir), data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** gzip with a fixed header (no name, mtime 0, OS unknown) around raw deflate at level 9. */
export function gzipDeterministic(data: Buffer): Buffer {
  const head = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x02, 0xff]);
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(crc32(data), 0);
  tail.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([head, deflateRawSync(data, { level: 9 }), tail]);
}
