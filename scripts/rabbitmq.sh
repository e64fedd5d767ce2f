#!/usr/bin/env bash
# The local RabbitMQ for Queuewatch development, tests and CI.
#
# Usage: scripts/rabbitmq.sh start|status
#          the machine's node: starts it if needed, enables rabbitmq_management and rabbitmq_prometheus,
#          waits until both answer. There is deliberately no `stop` for it: other work shares it.
#        RABBITMQ_INSTANCE=<name> scripts/rabbitmq.sh start|stop|status|ctl <rabbitmqctl args...>
#          a separate node of its own (node qw-<name>@localhost, data and logs in a temporary directory),
#          for tests that stop a broker: `stop` stops and deletes only that node.
# Env:   RABBITMQ_MANAGEMENT_URL, RABBITMQ_PROMETHEUS_URL, RABBITMQ_USER, RABBITMQ_PASSWORD (machine's node);
#        RABBITMQ_NODE_PORT (AMQP, 5682), RABBITMQ_MANAGEMENT_PORT (AMQP+10000), RABBITMQ_PROMETHEUS_PORT
#        (AMQP+10020), RABBITMQ_DIST_PORT (AMQP+20000), RABBITMQ_START_TIMEOUT (seconds, 120) for an instance.
set -euo pipefail

CREDS="${RABBITMQ_USER:-guest}:${RABBITMQ_PASSWORD:-guest}"
START_TIMEOUT=${RABBITMQ_START_TIMEOUT:-120}

if [[ -n ${RABBITMQ_INSTANCE:-} ]]; then
  [[ $RABBITMQ_INSTANCE =~ ^[a-z0-9-]+$ ]] || { echo "rabbitmq.sh: RABBITMQ_INSTANCE must be lower-case letters, digits and '-'" >&2; exit 2; }
  NODE=qw-$RABBITMQ_INSTANCE@localhost
  AMQP_PORT=${RABBITMQ_NODE_PORT:-5682}
  MGMT_PORT=${RABBITMQ_MANAGEMENT_PORT:-$((AMQP_PORT + 10000))}
  PROM_PORT=${RABBITMQ_PROMETHEUS_PORT:-$((AMQP_PORT + 10020))}
  DIST_PORT=${RABBITMQ_DIST_PORT:-$((AMQP_PORT + 20000))}
  # Not under the checkout: the node runs as the `rabbitmq` user, which must own its directory.
  STATE_DIR=${TMPDIR:-/tmp}/queuewatch-rabbitmq-$RABBITMQ_INSTANCE
  MGMT_URL=http://127.0.0.1:$MGMT_PORT
  PROM_URL=http://127.0.0.1:$PROM_PORT
else
  NODE=""
  MGMT_URL="${RABBITMQ_MANAGEMENT_URL:-http://127.0.0.1:15672}"
  PROM_URL="${RABBITMQ_PROMETHEUS_URL:-http://127.0.0.1:15692}"
fi

api_answers() { curl -fsS -o /dev/null -u "$CREDS" "$MGMT_URL/api/overview"; }
prometheus_answers() { curl -fsS -o /dev/null "$PROM_URL/metrics/detailed?family=queue_consumer_count"; }
node_args() { [[ -z $NODE ]] || echo "-n $NODE"; }
# shellcheck disable=SC2046 # node_args is meant to split
node_running() { rabbitmq-diagnostics $(node_args) -q check_running; }

wait_for() {
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "rabbitmq.sh: $what did not come up within ${seconds}s" >&2
  return 1
}

require_rabbitmq() {
  if ! command -v rabbitmq-server >/dev/null; then
    echo "rabbitmq.sh: RabbitMQ is not installed (apt-get install rabbitmq-server), or point the config at a running broker" >&2
    exit 1
  fi
}

start() {
  local t0=$SECONDS
  if api_answers 2>/dev/null && prometheus_answers 2>/dev/null; then echo "rabbitmq: management API and Prometheus endpoint already answer"; return 0; fi
  require_rabbitmq
  if ! rabbitmq-diagnostics -q check_running >/dev/null 2>&1; then
    echo "rabbitmq: starting the node"
    rabbitmq-server -detached
    # `rabbitmqctl await_startup` fails if called too early; poll instead.
    wait_for "the RabbitMQ node" 90 rabbitmq-diagnostics -q check_running
  fi
  rabbitmq-plugins enable --quiet rabbitmq_management rabbitmq_prometheus >/dev/null
  wait_for "the management API at $MGMT_URL" 60 api_answers
  wait_for "the Prometheus endpoint at $PROM_URL" 60 prometheus_answers
  echo "rabbitmq: management API answers at $MGMT_URL, Prometheus at $PROM_URL ($((SECONDS - t0)) s)"
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

instance_failed() {
  echo "rabbitmq.sh: $1; last lines of $STATE_DIR/log/$NODE.log:" >&2
  tail -n 30 "$STATE_DIR/log/$NODE.log" >&2 2>/dev/null || true
  exit 1
}

instance_start() {
  local t0=$SECONDS
  require_rabbitmq
  if node_running >/dev/null 2>&1; then
    wait_for "the management API at $MGMT_URL" 60 api_answers
    wait_for "the Prometheus endpoint at $PROM_URL" 60 prometheus_answers
    echo "rabbitmq: node $NODE already running (AMQP 127.0.0.1:$AMQP_PORT, management $MGMT_URL, Prometheus $PROM_URL)"
    return 0
  fi
  for port in "$AMQP_PORT" "$MGMT_PORT" "$PROM_PORT" "$DIST_PORT"; do
    if port_open "$port"; then
      echo "rabbitmq.sh: port $port on 127.0.0.1 is in use by something other than node $NODE; pick other ports with RABBITMQ_NODE_PORT" >&2
      exit 1
    fi
  done
  rm -rf "$STATE_DIR"
  mkdir -p "$STATE_DIR/mnesia" "$STATE_DIR/log"
  cat >"$STATE_DIR/rabbitmq.conf" <<CONF
listeners.tcp.local = 127.0.0.1:$AMQP_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
prometheus.tcp.ip = 127.0.0.1
prometheus.tcp.port = $PROM_PORT
CONF
  # The node's own plugin list: enabling plugins here never touches the machine's node.
  echo '[rabbitmq_management,rabbitmq_prometheus].' >"$STATE_DIR/enabled_plugins"
  # Debian's wrapper runs the server as the `rabbitmq` user when called by root.
  if [[ $(id -u) == 0 ]] && id -u rabbitmq >/dev/null 2>&1; then chown -R rabbitmq:rabbitmq "$STATE_DIR"; fi
  echo "rabbitmq: starting node $NODE (AMQP 127.0.0.1:$AMQP_PORT, data in $STATE_DIR)"
  RABBITMQ_NODENAME=$NODE RABBITMQ_NODE_PORT=$AMQP_PORT RABBITMQ_DIST_PORT=$DIST_PORT \
    RABBITMQ_CONFIG_FILE=$STATE_DIR/rabbitmq.conf RABBITMQ_ENABLED_PLUGINS_FILE=$STATE_DIR/enabled_plugins \
    RABBITMQ_MNESIA_BASE=$STATE_DIR/mnesia RABBITMQ_LOG_BASE=$STATE_DIR/log RABBITMQ_PID_FILE=$STATE_DIR/pid \
    rabbitmq-server -detached
  wait_for "node $NODE" "$START_TIMEOUT" node_running || instance_failed "node $NODE did not start"
  wait_for "the management API at $MGMT_URL" 60 api_answers || instance_failed "no management API"
  wait_for "the Prometheus endpoint at $PROM_URL" 60 prometheus_answers || instance_failed "no Prometheus endpoint"
  echo "rabbitmq: node $NODE ready: management $MGMT_URL, Prometheus $PROM_URL ($((SECONDS - t0)) s)"
}

instance_stop() {
  if node_running >/dev/null 2>&1 || rabbitmqctl -n "$NODE" -q ping >/dev/null 2>&1; then
    # `stop` halts this node's Erlang VM only; the machine's node is another node name.
    rabbitmqctl -n "$NODE" -q stop
    echo "rabbitmq: node $NODE stopped"
  else
    echo "rabbitmq: node $NODE not running"
  fi
  rm -rf "$STATE_DIR"
}

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

if [[ -n $NODE ]]; then
  case "${1:-}" in
    start) instance_start ;;
    stop) instance_stop ;;
    status) node_running >/dev/null 2>&1 && api_answers && echo "rabbitmq: node $NODE running" ;;
    ctl) shift; rabbitmqctl -n "$NODE" "$@" ;;
    *) usage ;;
  esac
else
  case "${1:-}" in
    start) start ;;
    status) api_answers ;;
    *) usage ;;
  esac
fi
