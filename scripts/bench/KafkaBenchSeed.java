// Seeds the benchmark broker for `npm run bench:kafka` (scripts/bench/bench-kafka.ts) with
// Kafka's own Java client, which can commit offsets for a group without joining it
// (Admin.alterConsumerGroupOffsets); kafkajs can only do that by joining, ~5 s per group.
//
// Run as a single-file program: java -cp "<kafka jars>" KafkaBenchSeed.java <bootstrap> <topics>
//   <partitions per topic> <groups> <messages per partition>
// Idempotent: existing topics are kept, partitions are only topped up to the message count,
// and every group's offsets are committed again (same values), so a rerun is cheap.
//
// Layout: topics qwbench-t000.., groups qwbench-g0000..; group i consumes topic i % topics on
// every partition, and every 10th group a second topic too; its lag per partition is
// (i + partition) % 5 messages, so some partitions are caught up and some behind.
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

public class KafkaBenchSeed {
  static String topicName(int t) {
    return String.format("qwbench-t%03d", t);
  }

  static String groupName(int g) {
    return String.format("qwbench-g%04d", g);
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: KafkaBenchSeed <bootstrap> <topics> <partitions> <groups> <messages per partition>");
      System.exit(2);
    }
    String bootstrap = args[0];
    int topics = Integer.parseInt(args[1]);
    int partitions = Integer.parseInt(args[2]);
    int groups = Integer.parseInt(args[3]);
    int messages = Integer.parseInt(args[4]);
    long t0 = System.nanoTime();

    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
    adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "300000");
    try (Admin admin = Admin.create(adminProps)) {
      // 1. Topics, ten per request so that no single request creates thousands of partitions.
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (int t = 0; t < topics; t++) {
        if (!existing.contains(topicName(t))) missing.add(new NewTopic(topicName(t), partitions, (short) 1));
      }
      for (int i = 0; i < missing.size(); i += 10) {
        for (KafkaFuture<Void> creation : admin.createTopics(missing.subList(i, Math.min(missing.size(), i + 10))).values().values()) {
          try {
            creation.get(300, TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            // Created by an earlier, interrupted run but not yet listed: fine.
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) throw e;
          }
        }
      }
      long created = System.nanoTime();

      // 2. Top every partition up to `messages` records.
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int t = 0; t < topics; t++) {
        for (int p = 0; p < partitions; p++) latest.put(new TopicPartition(topicName(t), p), OffsetSpec.latest());
      }
      // New topics take a moment to reach the broker's metadata cache: retry until they have.
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = null;
      for (int attempt = 1; ends == null; attempt++) {
        try {
          ends = admin.listOffsets(latest).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (attempt >= 60) throw e;
          Thread.sleep(1000);
        }
      }
      Properties producerProps = new Properties();
      producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "20");
      producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
      producerProps.put(ProducerConfig.ACKS_CONFIG, "1");
      long produced = 0;
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
          TopicPartition tp = end.getKey();
          for (long n = end.getValue().offset(); n < messages; n++) {
            producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), null, ("bench-" + n).getBytes()));
            produced++;
          }
        }
        producer.flush();
      }
      long filled = System.nanoTime();

      // 3. Offsets for every group, committed without joining (the groups have no members).
      List<KafkaFuture<Void>> commits = new ArrayList<>();
      long committedPartitions = 0;
      for (int g = 0; g < groups; g++) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Set<Integer> consumed = new HashSet<>();
        consumed.add(g % topics);
        if (g % 10 == 0) consumed.add((g + topics / 2) % topics);
        for (int t : consumed) {
          for (int p = 0; p < partitions; p++) {
            offsets.put(new TopicPartition(topicName(t), p), new OffsetAndMetadata(messages - ((g + p) % 5)));
          }
        }
        committedPartitions += offsets.size();
        commits.add(admin.alterConsumerGroupOffsets(groupName(g), offsets).all());
      }
      KafkaFuture.allOf(commits.toArray(new KafkaFuture[0])).get(600, TimeUnit.SECONDS);
      long done = System.nanoTime();
      System.out.printf(
          "{\"topicsCreated\":%d,\"messagesProduced\":%d,\"groups\":%d,\"committedPartitions\":%d,\"createSeconds\":%.1f,\"produceSeconds\":%.1f,\"commitSeconds\":%.1f}%n",
          missing.size(), produced, groups, committedPartitions,
          (created - t0) / 1e9, (filled - created) / 1e9, (done - filled) / 1e9);
    }
  }
}
