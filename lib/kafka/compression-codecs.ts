import "server-only";
// Snappy, LZ4 and Zstandard batches for kafkajs (gzip is built in), so dead-letter topics written by Java
// clients with any compression can be read. Pure-JavaScript decoders: nothing to download at install time.
// Queuewatch itself produces uncompressed, so compressing is not offered.
import { decompress as zstdDecompress } from "fzstd";
import { CompressionCodecs, CompressionTypes } from "kafkajs";
import SnappyCodec from "kafkajs-snappy";
import { decompress as lz4Decompress } from "lz4js";

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const decompressOnly = (name: string, decompress: (buffer: Buffer) => Uint8Array) => () => ({
  compress: (): Promise<Buffer> => Promise.reject(new Error(`Queuewatch does not produce ${name}-compressed batches`)),
  decompress: (buffer: Buffer): Promise<Buffer> => Promise.resolve(asBuffer(decompress(buffer))),
});

let registered = false;

/** Registers the codecs once per process (kafkajs keeps them in a module-level table). */
export function registerCompressionCodecs(): void {
  if (registered) return;
  registered = true;
  CompressionCodecs[CompressionTypes.Snappy] = SnappyCodec;
  // lz4js reads the LZ4 frame Kafka writes (independent 64 KiB blocks).
  CompressionCodecs[CompressionTypes.LZ4] = decompressOnly("LZ4", lz4Decompress);
  CompressionCodecs[CompressionTypes.ZSTD] = decompressOnly("Zstandard", zstdDecompress);
}
