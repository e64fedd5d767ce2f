// The parts of kafkajs 2.2.4's internal Cluster and Broker that read a partition by offset without a consumer
// group (lib/kafka/read-partition-range.ts). kafkajs has no "exports" map, so these paths resolve; the
// version is pinned (package.json), and kafkajs 2.x is no longer developed.
declare module "kafkajs/src/cluster" {
  import type { KafkaConfig } from "kafkajs";

  export interface InternalFetchedMessage {
    offset: string;
    timestamp: string;
    key: Buffer | null;
    value: Buffer | null;
    headers?: Record<string, Buffer | Buffer[] | null | undefined>;
    isControlRecord?: boolean;
    batchContext: { firstOffset: string; lastOffsetDelta: number; producerId: string; inTransaction: boolean };
  }

  export interface InternalBroker {
    listOffsets(request: { replicaId: number; isolationLevel: number; topics: { topic: string; partitions: { partition: number; timestamp: number }[] }[] }): Promise<{ responses: { partitions: { partition: number; offset: string }[] }[] }>;
    fetch(request: {
      replicaId: number;
      isolationLevel: number;
      maxWaitTime: number;
      minBytes: number;
      maxBytes: number;
      topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
    }): Promise<{ responses: { partitions: { messages: InternalFetchedMessage[]; abortedTransactions?: { producerId: string; firstOffset: string }[] | null }[] }[] }>;
  }

  export interface ClusterOptions extends Pick<KafkaConfig, "brokers" | "ssl" | "sasl" | "clientId" | "connectionTimeout" | "authenticationTimeout" | "requestTimeout" | "retry" | "enforceRequestTimeout"> {
    logger: unknown;
    socketFactory: unknown;
    metadataMaxAge: number;
    allowAutoTopicCreation: boolean;
    maxInFlightRequests: number | null;
    instrumentationEmitter: unknown;
  }

  export default class Cluster {
    constructor(options: ClusterOptions);
    isConnected(): boolean;
    connect(): Promise<void>;
    disconnect(): Promise<void>;
    addTargetTopic(topic: string): Promise<void>;
    refreshMetadata(): Promise<void>;
    findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
    findBroker(query: { nodeId: string }): Promise<InternalBroker>;
  }
}

declare module "kafkajs/src/loggers" {
  export function createLogger(options: { level: number; logCreator: unknown }): unknown;
}

declare module "kafkajs/src/network/socketFactory" {
  export default function defaultSocketFactory(): unknown;
}

declare module "kafkajs-snappy" {
  const SnappyCodec: () => { compress(encoder: { buffer: Buffer }): Promise<Buffer>; decompress(buffer: Buffer): Promise<Buffer> };
  export default SnappyCodec;
}

declare module "lz4js" {
  export function decompress(buffer: Uint8Array): Uint8Array;
}
