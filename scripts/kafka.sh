#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft) for Queuewatch development, tests and CI.
# There is no Docker and no Kafka download site here, so the broker comes from Maven Central as jars.
#
# Usage: scripts/kafka.sh start | stop | status | classpath
#        scripts/kafka.sh consumer-groups <args...>   e.g. --describe --group g1
#        scripts/kafka.sh topics <args...>            e.g. --list
#        scripts/kafka.sh console-producer <args...>  e.g. --topic t --compression-codec zstd < lines
#        scripts/kafka.sh get-offsets <args...>       e.g. --topic t --time earliest
# Env:   KAFKA_VERSION (default below), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (KAFKA_PORT+1),
#        KAFKA_HEAP ("-Xmx512m -Xms256m"), KAFKA_START_TIMEOUT (seconds, 90), JAVA (java binary),
#        KAFKA_INSTANCE (a name: a separate broker with its own data, pid and log, e.g. the benchmark's).
# State: .queuewatch/kafka/ at the repo root (git-ignored): <version>/libs jar cache,
#        data-<version>/ broker data, kafka.pid, kafka.log; instances/<name>/ for KAFKA_INSTANCE.
set -euo pipefail

DEFAULT_KAFKA_VERSION=4.4.0

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
CONF_SRC=$SCRIPT_DIR/kafka
LIBS_ROOT=$REPO_ROOT/.queuewatch/kafka
STATE_DIR=$LIBS_ROOT
if [[ -n ${KAFKA_INSTANCE:-} ]]; then
  [[ $KAFKA_INSTANCE =~ ^[a-z0-9-]+$ ]] || { echo "kafka.sh: KAFKA_INSTANCE must be lower-case letters, digits and '-'" >&2; exit 2; }
  STATE_DIR=$LIBS_ROOT/instances/$KAFKA_INSTANCE
fi
PID_FILE=$STATE_DIR/kafka.pid
LOG_FILE=$STATE_DIR/kafka.log
# Version and ports of the broker we started, so that status/tools find it without the same env.
RUN_FILE=$STATE_DIR/kafka.run

our_pid() { # prints the recorded PID if that process is alive and is still our broker
  [[ -f $PID_FILE ]] || return 1
  local pid
  pid=$(<"$PID_FILE")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against PID reuse: the process must be a kafka.Kafka JVM.
  [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == *" kafka.Kafka "* ]] || return 1
  echo "$pid"
}

# A running broker's own version/port win over the defaults (not over explicit env).
if [[ -f $RUN_FILE ]] && our_pid >/dev/null; then
  # shellcheck disable=SC1090
  source "$RUN_FILE"
fi
KAFKA_VERSION=${KAFKA_VERSION:-${RUN_VERSION:-$DEFAULT_KAFKA_VERSION}}
KAFKA_PORT=${KAFKA_PORT:-${RUN_PORT:-9092}}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}
KAFKA_HEAP=${KAFKA_HEAP:--Xmx512m -Xms256m}
KAFKA_START_TIMEOUT=${KAFKA_START_TIMEOUT:-90}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}

VERSION_DIR=$LIBS_ROOT/$KAFKA_VERSION
LIBS_DIR=$VERSION_DIR/libs
DATA_DIR=$STATE_DIR/data-$KAFKA_VERSION
SERVER_PROPS=$STATE_DIR/server-$KAFKA_VERSION.properties
MAJOR=${KAFKA_VERSION%%.*}

elapsed() { # seconds since an $EPOCHREALTIME stamp, one decimal
  awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}
log() { echo "kafka.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# --- helpers ----------------------------------------------------------------------------------

port_open() { # port answers a TCP connect on 127.0.0.1
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

who_listens() { # best-effort description of the process on a port, for error messages
  if command -v ss >/dev/null; then ss -Hltnp "sport = :$1" 2>/dev/null || true; fi
}

# Jars are fetched once per version with Maven and kept in LIBS_DIR.
ensure_libs() {
  [[ -f $LIBS_DIR/.complete ]] && return 0
  command -v mvn >/dev/null || die "mvn not found (apt-get install -y maven)"
  local logging=log4j2
  ((MAJOR < 4)) && logging=reload4j
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into ${LIBS_DIR#"$REPO_ROOT"/} ..."
  local tmp=$VERSION_DIR/libs.tmp.$$
  rm -rf "$tmp"
  mkdir -p "$tmp"
  # Maven's output is only shown when it fails (-q still prints colour codes).
  if ! mvn -q -B -f "$CONF_SRC/pom.xml" -Dkafka.version="$KAFKA_VERSION" -Dkafka.logging="$logging" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >"$tmp.log" 2>&1; then
    cat "$tmp.log" >&2
    rm -rf "$tmp" "$tmp.log"
    rmdir "$VERSION_DIR" 2>/dev/null || true
    die "Maven could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION (is that version on Maven Central?)"
  fi
  rm -f "$tmp.log"
  touch "$tmp/.complete"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR" # atomic, so an interrupted fetch never looks complete
}

classpath() { echo "$LIBS_DIR/*"; }

# Which of several candidate classes the cached jars contain (tool classes moved between 3.x and 4.x).
find_class() {
  local cls path jar
  for cls in "$@"; do
    path=${cls//.//}.class
    for jar in "$LIBS_DIR"/kafka_2.13-*.jar "$LIBS_DIR"/kafka-tools-*.jar; do
      [[ -f $jar ]] || continue
      # No grep -q: it would close the pipe early and pipefail would report the SIGPIPE.
      if command -v unzip >/dev/null; then
        unzip -Z1 "$jar" 2>/dev/null | grep -xF "$path" >/dev/null && { echo "$cls"; return 0; }
      else
        "${JAVA%java}jar" tf "$jar" | grep -xF "$path" >/dev/null && { echo "$cls"; return 0; }
      fi
    done
  done
  die "none of $* found in ${LIBS_DIR#"$REPO_ROOT"/}"
}

log_opt() { # the one logging system property for the broker (broker) or the CLI tools (tools)
  if ((MAJOR >= 4)); then
    [[ $1 == broker ]] && echo "-Dlog4j2.configurationFile=$CONF_SRC/log4j2.properties" \
      || echo "-Dlog4j2.configurationFile=$CONF_SRC/log4j2-tools.properties"
  else
    [[ $1 == broker ]] && echo "-Dlog4j.configuration=file:$CONF_SRC/log4j.properties" \
      || echo "-Dlog4j.configuration=file:$CONF_SRC/tools-log4j.properties"
  fi
}

# Run a Kafka CLI class against our broker; small heap and C1 only, since these are short-lived.
run_tool() {
  local cls=$1
  shift
  local args=("$@")
  # Add --bootstrap-server unless the caller gave one.
  if [[ " $* " != *" --bootstrap-server"[\ =]* ]]; then
    args=(--bootstrap-server "127.0.0.1:$KAFKA_PORT" "${args[@]}")
  fi
  "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "$(log_opt tools)" \
    -cp "$(classpath)" "$cls" "${args[@]}"
}

topics_class() { find_class org.apache.kafka.tools.TopicCommand kafka.admin.TopicCommand; }
groups_class() {
  find_class org.apache.kafka.tools.consumer.group.ConsumerGroupCommand kafka.admin.ConsumerGroupCommand
}

write_server_properties() {
  mkdir -p "$STATE_DIR" "$DATA_DIR"
  # Static controller quorum (controller.quorum.voters): works on 3.9 and 4.x alike and, unlike the
  # 4.x dynamic quorum (--standalone), keeps no endpoint in the formatted storage, so ports can change.
  cat >"$SERVER_PROPS" <<EOF
# Written by scripts/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA_DIR
num.partitions=1
# One node: internal topics must not ask for 3 replicas, or consumer groups get
# "group coordinator not available" (kafkajs issue 1752).
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Tests want groups to settle at once, not after the default 3 s.
group.initial.rebalance.delay.ms=0
# Two cores: keep the thread pools small.
num.network.threads=2
num.io.threads=2
background.threads=2
num.recovery.threads.per.data.dir=1
EOF
  if ((MAJOR >= 4)); then
    cat >>"$SERVER_PROPS" <<EOF
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
EOF
  fi
}

format_storage_once() {
  [[ -f $DATA_DIR/meta.properties ]] && return 0
  # Cluster id: 16 random bytes, base64url without padding (what StorageTool random-uuid prints);
  # Kafka refuses ids starting with '-' (they look like options), so draw again.
  local id
  while :; do
    id=$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)
    [[ $id != -* ]] && break
  done
  log "formatting ${DATA_DIR#"$REPO_ROOT"/} (cluster id $id)"
  "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 "$(log_opt tools)" -cp "$(classpath)" \
    kafka.tools.StorageTool format -t "$id" -c "$SERVER_PROPS" >&2 \
    || die "storage format failed"
}

# Ready = port answers, the broker logged that it started (KRaft brokers only log that once
# unfenced), and a real Metadata round trip through the topics CLI succeeds.
wait_ready() {
  local pid=$1 start=$SECONDS
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      fail_start "broker process $pid exited"
    fi
    if ((SECONDS - start >= KAFKA_START_TIMEOUT)); then
      fail_start "broker not ready after ${KAFKA_START_TIMEOUT}s"
    fi
    if port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$LOG_FILE" 2>/dev/null; then
      break
    fi
    sleep 0.25
  done
  local cls
  cls=$(topics_class) || exit 1
  run_tool "$cls" --list >/dev/null 2>>"$LOG_FILE" \
    || fail_start "broker port is open but a metadata request failed"
}

fail_start() {
  log "$1; last lines of ${LOG_FILE#"$REPO_ROOT"/}:"
  tail -n 40 "$LOG_FILE" >&2 || true
  exit 1
}

# --- subcommands --------------------------------------------------------------------------------

cmd_start() {
  local t0=$EPOCHREALTIME pid
  mkdir -p "$STATE_DIR"
  # Keep local state out of git without touching the repo's .gitignore.
  [[ -f $REPO_ROOT/.queuewatch/.gitignore ]] || echo '*' >"$REPO_ROOT/.queuewatch/.gitignore"
  # One start/stop at a time (fd 9 is closed for the broker so it never holds the lock).
  exec 9>"$STATE_DIR/.lock"
  flock 9

  if pid=$(our_pid); then
    if port_open "$KAFKA_PORT"; then
      echo "Kafka already running (version $KAFKA_VERSION, pid $pid, 127.0.0.1:$KAFKA_PORT)"
      exit 0
    fi
    log "pid $pid is alive but 127.0.0.1:$KAFKA_PORT does not answer yet; waiting"
    wait_ready "$pid"
    echo "Kafka $KAFKA_VERSION ready on 127.0.0.1:$KAFKA_PORT (pid $pid)"
    exit 0
  fi
  rm -f "$PID_FILE" "$RUN_FILE"
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open "$p"; then
      die "port $p on 127.0.0.1 is already in use by a process that is not our broker:
$(who_listens "$p")
Stop it, or pick other ports with KAFKA_PORT / KAFKA_CONTROLLER_PORT."
    fi
  done

  ensure_libs
  write_server_properties
  format_storage_once

  [[ -f $LOG_FILE ]] && mv -f "$LOG_FILE" "$LOG_FILE.1" # keep one previous run
  : >"$LOG_FILE"
  # setsid: own session, so the caller's Ctrl-C / job control does not reach the broker.
  # shellcheck disable=SC2086 # KAFKA_HEAP is meant to split into several options
  setsid "$JAVA" $KAFKA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dkafka.logs.dir="$STATE_DIR" "$(log_opt broker)" \
    -cp "$(classpath)" kafka.Kafka "$SERVER_PROPS" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"
  printf 'RUN_VERSION=%s\nRUN_PORT=%s\n' "$KAFKA_VERSION" "$KAFKA_PORT" >"$RUN_FILE"

  wait_ready "$pid"
  echo "Kafka $KAFKA_VERSION ready on 127.0.0.1:$KAFKA_PORT (pid $pid) in $(elapsed "$t0")s"
}

cmd_stop() {
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/.lock"
  flock 9
  local pid
  if ! pid=$(our_pid); then
    rm -f "$PID_FILE" "$RUN_FILE"
    echo "Kafka not running"
    return 0
  fi
  kill -TERM "$pid"
  # A clean shutdown (controlled shutdown + log flush) takes a few seconds; give it 30.
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid still alive after 30s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    # SIGKILL is asynchronous: wait for the process (and its ports) to be gone.
    for _ in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
  fi
  rm -f "$PID_FILE" "$RUN_FILE"
  echo "Kafka stopped (pid $pid)"
}

cmd_status() {
  local pid
  if pid=$(our_pid) && port_open "$KAFKA_PORT"; then
    echo "Kafka $KAFKA_VERSION running (pid $pid, 127.0.0.1:$KAFKA_PORT)"
    return 0
  fi
  echo "Kafka not running"
  return 1
}

usage() {
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  classpath) ensure_libs && classpath ;;
  consumer-groups) shift; ensure_libs; cls=$(groups_class) || exit 1; run_tool "$cls" "$@" ;;
  topics) shift; ensure_libs; cls=$(topics_class) || exit 1; run_tool "$cls" "$@" ;;
  console-producer) shift; ensure_libs; cls=$(find_class org.apache.kafka.tools.ConsoleProducer kafka.tools.ConsoleProducer) || exit 1; run_tool "$cls" "$@" ;;
  get-offsets) shift; ensure_libs; cls=$(find_class org.apache.kafka.tools.GetOffsetShell kafka.tools.GetOffsetShell) || exit 1; run_tool "$cls" "$@" ;;
  *) usage ;;
esac
