#!/usr/bin/env bash
# cast2md pod start-up script: the start command of the server's RunPod template
# (/opt/cast2md/pod-start.sh in the CUDA worker image). See the README, "The pod start-up script".
#
#   1. Tailscale in userspace mode (pods have no /dev/net/tun) with its HTTP proxy on
#      127.0.0.1:1055, the only way to the server on the tailnet.
#   2. The server's name in /etc/hosts when its IP is given (MagicDNS does not work in userspace mode).
#   3. Reports "connecting" to setup-progress with the setup token; the worker reports the rest
#      (installing: loading the model, GPU validation, registering; ready; failed with the reason).
#      A pod of "afterburner --direct" has no setup token but NODE_ENROLMENT_KEY: it reports
#      nothing, the worker enrols with the key, and the watchdog ends the pod at once.
#   4. Runs the worker and watches it: when it exits, the pod must end. The worker asks the server
#      itself when its policy stops it; for any other exit this script reports "failed" (the server
#      then terminates the pod). As the last resort, when the server does not end the pod in time or
#      cannot be reached, the pod terminates itself through RunPod with the pod-scoped RUNPOD_API_KEY
#      that RunPod injects (never the account key: the server does not ship it). Persistent pods
#      (NODE_PERSISTENT=1) have no watchdog: they stay up for inspection.
#
# Secrets (TS_AUTH_KEY, SETUP_TOKEN, RUNPOD_API_KEY) are passed to tools in 0600 files, never on a
# command line or in the log. Every external call has a deadline; retries are bounded.

set -uo pipefail # no -e: every failure is handled, a pod must always report or end itself

WORKER_JAR="${CAST2MD_WORKER_JAR:-/opt/cast2md/cast2md-worker.jar}"
HOSTS_FILE="${CAST2MD_HOSTS_FILE:-/etc/hosts}"
STATE_DIR="${CAST2MD_POD_STATE_DIR:-/tmp/cast2md}"
TS_PROXY_PORT="${TS_PROXY_PORT:-1055}"
TS_WAIT_SECONDS="${TS_WAIT_SECONDS:-30}"
TS_HOSTNAME="${TS_HOSTNAME:-runpod-afterburner}"
WATCHDOG_GRACE_SECONDS="${WATCHDOG_GRACE_SECONDS:-120}"
RUNPOD_API_URL="${RUNPOD_API_URL:-https://api.runpod.io/v2}"
RUNPOD_GRAPHQL_URL="${RUNPOD_GRAPHQL_URL:-https://api.runpod.io/graphql}"
PERSISTENT="${NODE_PERSISTENT:-0}"

TS_SOCKET="$STATE_DIR/tailscaled.sock"
WORKER_LOG="$STATE_DIR/worker.log"
PROXY="http://127.0.0.1:$TS_PROXY_PORT"
SERVER_URL=""
WORKER_PID=""
WORKER_CODE=""
STOPPING=0

log() {
  printf '%s pod-start: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2
}

# A JSON string literal of $1: quotes, backslashes and control characters escaped (a log tail in
# the error must never break the report, as it did in the seed).
json_string() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\n'/\\n}"
  s="${s//$'\r'/\\r}"
  s="${s//$'\t'/\\t}"
  s="$(printf '%s' "$s" | tr -d '\000-\010\013\014\016-\037')"
  printf '"%s"' "$s"
}

# A file of curl headers, mode 0600, so that no secret appears in a process listing.
header_file() {
  local name="$1"
  shift
  local file="$STATE_DIR/$name.headers"
  (
    umask 077
    printf '%s\n' "$@" >"$file"
  )
  printf '%s' "$file"
}

# report PHASE MESSAGE [ERROR]: POSTs to setup-progress through the Tailscale proxy; 4 tries, 2, 4
# and 8 s apart; a refusal (4xx) is not tried again. Returns 0 when the server took it.
report() {
  local phase="$1" message="$2" error="${3:-}"
  if [[ -z "${SETUP_TOKEN:-}" && -n "${NODE_ENROLMENT_KEY:-}" ]]; then
    return 1 # an enrolled pod (afterburner --direct): the server does not manage it
  fi
  if [[ -z "${INSTANCE_ID:-}" || -z "${SETUP_TOKEN:-}" || -z "$SERVER_URL" ]]; then
    log "cannot report $phase: INSTANCE_ID, SETUP_TOKEN or the server address is missing"
    return 1
  fi
  local body="{\"phase\":$(json_string "$phase"),\"message\":$(json_string "$message")"
  [[ -n "$error" ]] && body+=",\"error\":$(json_string "$error")"
  [[ -n "${POD_HOST_IP:-}" ]] && body+=",\"host_ip\":$(json_string "$POD_HOST_IP")"
  body+="}"
  local headers
  headers="$(header_file setup "Content-Type: application/json" "X-Setup-Token: $SETUP_TOKEN")"
  local url="$SERVER_URL/api/runpod/pods/$INSTANCE_ID/setup-progress"
  local attempt code delay=2
  for attempt in 1 2 3 4; do
    code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 15 --proxy "$PROXY" \
      -X POST -H @"$headers" --data-binary "$body" "$url" 2>/dev/null)"
    if [[ "$code" == 2* ]]; then
      log "reported $phase: $message"
      return 0
    fi
    if [[ "$code" == 4* ]]; then
      log "report $phase refused (HTTP $code)"
      return 1
    fi
    log "report $phase failed (attempt $attempt of 4, HTTP ${code:-none})"
    [[ $attempt -lt 4 ]] && sleep "$delay" && delay=$((delay * 2))
  done
  return 1
}

# Ends this pod through RunPod with the pod-scoped key RunPod injected: REST v2 DELETE, else the
# GraphQL podTerminate the seed used; three rounds, 5 and 10 s apart. Not through the proxy: RunPod
# is on the internet, not on the tailnet.
terminate_self() {
  if [[ -z "${RUNPOD_POD_ID:-}" || -z "${RUNPOD_API_KEY:-}" ]]; then
    log "cannot terminate this pod: RUNPOD_POD_ID or the pod-scoped RUNPOD_API_KEY is missing"
    return 1
  fi
  local auth round code delay=5
  auth="$(header_file runpod "Authorization: Bearer $RUNPOD_API_KEY" "Content-Type: application/json")"
  for round in 1 2 3; do
    code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 30 --noproxy '*' \
      -X DELETE -H @"$auth" "$RUNPOD_API_URL/pods/$RUNPOD_POD_ID" 2>/dev/null)"
    if [[ "$code" == 2* || "$code" == 404 ]]; then
      log "terminated pod $RUNPOD_POD_ID through RunPod (HTTP $code)"
      return 0
    fi
    local answer
    answer="$(curl -sS --max-time 30 --noproxy '*' -X POST -H @"$auth" \
      --data-binary "{\"query\":\"mutation { podTerminate(input: {podId: \\\"$RUNPOD_POD_ID\\\"}) }\"}" \
      "$RUNPOD_GRAPHQL_URL" 2>/dev/null)"
    if [[ $? -eq 0 && -n "$answer" && "$answer" != *'"errors"'* ]]; then
      log "terminated pod $RUNPOD_POD_ID through RunPod GraphQL"
      return 0
    fi
    log "self-termination failed (round $round of 3, REST HTTP ${code:-none})"
    [[ $round -lt 3 ]] && sleep "$delay" && delay=$((delay * 2))
  done
  return 1
}

idle_forever() {
  log "idling; the pod is ended by the server or by RunPod"
  trap 'exit 0' TERM INT # in the background and waited for, so that a stop is not held up
  sleep infinity &
  wait $!
}

# The pod cannot work: tell the server (which terminates failed pods), and unless persistent end it.
fatal() {
  local message="$1" error="${2:-}"
  log "FATAL: $message${error:+: $error}"
  local reported=1
  report failed "$message" "$error" && reported=0
  if [[ "$PERSISTENT" != "1" ]]; then
    [[ $reported -eq 0 ]] && sleep "$WATCHDOG_GRACE_SECONDS"
    terminate_self
  fi
  idle_forever
  exit 1
}

require_env() {
  local missing=() name
  for name in INSTANCE_ID TS_AUTH_KEY; do
    [[ -z "${!name:-}" ]] && missing+=("$name")
  done
  [[ -z "${SETUP_TOKEN:-}" && -z "${NODE_ENROLMENT_KEY:-}" ]] &&
    missing+=("SETUP_TOKEN (or NODE_ENROLMENT_KEY)")
  [[ -z "${CAST2MD_SERVER_URL:-}" && -z "${CAST2MD_SERVER_IP:-}" ]] &&
    missing+=("CAST2MD_SERVER_URL or CAST2MD_SERVER_IP")
  if [[ ${#missing[@]} -gt 0 ]]; then
    fatal "Pod misconfigured" "missing ${missing[*]}"
  fi
}

start_tailscale() {
  log "starting tailscaled (userspace networking, HTTP proxy on 127.0.0.1:$TS_PROXY_PORT)"
  tailscaled --tun=userspace-networking --state="$STATE_DIR/tailscaled.state" \
    --socket="$TS_SOCKET" --outbound-http-proxy-listen="127.0.0.1:$TS_PROXY_PORT" \
    >"$STATE_DIR/tailscaled.log" 2>&1 &
  local waited=0
  until [[ -e "$TS_SOCKET" ]]; do
    if [[ $waited -ge $TS_WAIT_SECONDS ]]; then
      fatal "Tailscale did not start" "no tailscaled socket after $TS_WAIT_SECONDS s"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  local key="$STATE_DIR/ts-auth-key"
  (
    umask 077
    printf '%s' "$TS_AUTH_KEY" >"$key"
  )
  local ok=0
  tailscale --socket="$TS_SOCKET" up --auth-key="file:$key" --hostname="$TS_HOSTNAME" \
    --ssh --accept-dns=false --timeout=120s >"$STATE_DIR/tailscale-up.log" 2>&1 || ok=$?
  rm -f "$key"
  if [[ $ok -ne 0 ]]; then
    fatal "Tailscale did not connect" "$(tail -n 5 "$STATE_DIR/tailscale-up.log")"
  fi
  POD_HOST_IP="$(tailscale --socket="$TS_SOCKET" ip -4 2>/dev/null | head -n 1)"
  export POD_HOST_IP
  log "on the tailnet as $TS_HOSTNAME (${POD_HOST_IP:-no IPv4})"
}

# The server URL: CAST2MD_SERVER_URL, else http://<CAST2MD_SERVER_IP>:8000 (plain HTTP: the
# userspace proxy has no HTTPS to tailnet hosts; the traffic is WireGuard-encrypted anyway).
server_url() {
  local url="${CAST2MD_SERVER_URL:-}"
  [[ -z "$url" ]] && url="http://$CAST2MD_SERVER_IP:8000"
  [[ "$url" != *://* ]] && url="http://$url"
  printf '%s' "${url%/}"
}

# "<ip> <host>" in the hosts file when the URL names a host and the IP is known.
add_hosts_entry() {
  local ip="${CAST2MD_SERVER_IP:-}"
  [[ -z "$ip" ]] && return 0
  local host="${SERVER_URL#*://}"
  host="${host%%/*}"
  host="${host##*@}"
  if [[ "$host" == \[* ]]; then
    return 0 # an IPv6 literal: nothing to resolve
  fi
  host="${host%%:*}"
  if [[ -z "$host" || "$host" =~ ^[0-9.]+$ ]]; then
    return 0
  fi
  if grep -Eq "^[[:space:]]*[^#[:space:]]+[[:space:]](.*[[:space:]])?${host//./\\.}([[:space:]]|$)" \
    "$HOSTS_FILE" 2>/dev/null; then
    log "$host already in $HOSTS_FILE"
    return 0
  fi
  if printf '%s %s\n' "$ip" "$host" >>"$HOSTS_FILE"; then
    log "added '$ip $host' to $HOSTS_FILE"
  else
    log "cannot write $HOSTS_FILE; $host may not resolve"
  fi
}

on_signal() {
  STOPPING=1
  log "signal received: stopping the worker"
  [[ -n "$WORKER_PID" ]] && kill -TERM "$WORKER_PID" 2>/dev/null
}

describe_exit() {
  case "$1" in
    10) echo "the queue is empty" ;;
    11) echo "idle too long" ;;
    12) echo "the server was unreachable" ;;
    13) echo "too many consecutive failures (circuit breaker)" ;;
    3) echo "not registered" ;;
    4) echo "the engine failed to load or its GPU validation failed" ;;
    *) echo "an unexpected exit" ;;
  esac
}

run_worker() {
  export CAST2MD_SERVER_URL="$SERVER_URL"
  export http_proxy="$PROXY" HTTP_PROXY="$PROXY" no_proxy="localhost,127.0.0.1" NO_PROXY="localhost,127.0.0.1"
  if [[ "$SERVER_URL" == https://* ]]; then
    export https_proxy="$PROXY" HTTPS_PROXY="$PROXY"
  fi
  : >"$WORKER_LOG"
  log "starting the worker ($WORKER_JAR), log $WORKER_LOG"
  # the worker needs neither the Tailscale key nor the pod's RunPod key (the watchdog keeps that)
  # shellcheck disable=SC2086 # CAST2MD_JAVA_OPTS is a list of JVM options
  env -u TS_AUTH_KEY -u RUNPOD_API_KEY \
    java ${CAST2MD_JAVA_OPTS:-} -jar "$WORKER_JAR" start >>"$WORKER_LOG" 2>&1 &
  WORKER_PID=$!
  tail -n +1 -F --pid="$WORKER_PID" "$WORKER_LOG" >&2 2>/dev/null &
  local code
  while true; do
    wait "$WORKER_PID"
    code=$?
    # a trapped signal interrupts wait with a code > 128 while the worker still runs
    if kill -0 "$WORKER_PID" 2>/dev/null; then
      continue
    fi
    break
  done
  WORKER_PID=""
  WORKER_CODE="$code"
}

watchdog() {
  local code="$1"
  local why
  why="$(describe_exit "$code")"
  if [[ $STOPPING -eq 1 ]]; then
    log "worker stopped on a signal (code $code); the container is being stopped"
    exit 0
  fi
  if [[ "$PERSISTENT" == "1" ]]; then
    log "worker exited with code $code ($why); persistent pod: no watchdog, left up for inspection"
    idle_forever
    exit 0
  fi
  log "watchdog: worker exited with code $code ($why)"
  local wait_first=1
  if [[ -z "${SETUP_TOKEN:-}" ]]; then
    code=enrolled # no server-managed pod: nobody else ends it
  fi
  case "$code" in
    enrolled)
      wait_first=0
      ;;
    10 | 11 | 13)
      log "the worker asked the server to end this pod"
      ;;
    12)
      wait_first=0 # the server cannot be reached: nobody else will end this pod
      ;;
    *)
      if ! report failed "Worker exited with code $code ($why)" "$(tail -n 20 "$WORKER_LOG")"; then
        wait_first=0
      fi
      ;;
  esac
  if [[ $wait_first -eq 1 ]]; then
    log "waiting ${WATCHDOG_GRACE_SECONDS} s for the server to end this pod"
    sleep "$WATCHDOG_GRACE_SECONDS"
    log "still running: the server did not end this pod"
  fi
  if terminate_self; then
    idle_forever
    exit 0
  fi
  idle_forever
  exit 1
}

main() {
  mkdir -p "$STATE_DIR" && chmod 700 "$STATE_DIR"
  SERVER_URL="$( [[ -n "${CAST2MD_SERVER_URL:-}${CAST2MD_SERVER_IP:-}" ]] && server_url)"
  require_env
  trap on_signal TERM INT
  start_tailscale
  add_hosts_entry
  report connecting "Tailscale connected" || log "connecting not reported; the worker reports its own steps"
  report installing "Starting the worker..." || true
  run_worker # not in $(...): the signal trap must see the worker's pid
  watchdog "$WORKER_CODE"
}

main "$@"
