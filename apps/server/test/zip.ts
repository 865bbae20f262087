import zlib from 'node:zlib';
import yauzl from 'yauzl';

/**
 * Zip files made by hand, to build the upload bombs the guard must refuse: each entry's declared
 * sizes and compression may lie, and an entry may be left out of the central directory.
 */
export interface ZipEntry {
  name: string;
  data: Buffer;
  /** What the central directory (and the local header) claim the entry unzips to; its real size if not given. */
  declaredSize?: number;
  /** The compression the central directory names (8 deflate, 0 stored); the data is deflated whatever it says. */
  centralMethod?: number;
  /** Written in the file but missing from the central directory. */
  hidden?: boolean;
}

const crc32 = (b: Buffer) => zlib.crc32(b);

export function makeZip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const deflated = zlib.deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, deflated);
    if (!e.hidden) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0800, 8);
      c.writeUInt16LE(e.centralMethod ?? 8, 10);
      c.writeUInt32LE(crc, 16);
      c.writeUInt32LE(deflated.length, 20);
      c.writeUInt32LE(e.centralMethod === 0 ? deflated.length : size, 24);
      c.writeUInt16LE(name.length, 28);
      c.writeUInt32LE(offset, 42);
      central.push(c, name);
    }
    offset += local.length + name.length + deflated.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = entries.filter((e) => !e.hidden).length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

/** A zip's entries, unzipped (to rebuild a real workbook around a bomb). */
export async function unzipEntries(buffer: Buffer): Promise<ZipEntry[]> {
  const zip = await yauzl.fromBufferPromise(buffer);
  const out: ZipEntry[] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return out;
}
