#!/usr/bin/env bash
# A single-node Slurm cluster on loopback, for testing 'sam4j sweep --executor slurm'.
#
#   scripts/slurm-local.sh start    configure (once) and start munged, slurmctld and slurmd; idempotent
#   scripts/slurm-local.sh stop     stop them
#   scripts/slurm-local.sh status   print whether the cluster answers
#
# Needs root and Debian's packages: apt-get install slurm-wlm munge. The node gets this machine's real
# CPUs and memory (from 'slurmd -C'); jobs run as the submitting user with no cgroups and no
# accounting database (so 'sacct' does not work, as on many small clusters). State and logs live in
# $SAM4J_SLURM_STATE (default /var/tmp/sam4j-slurm). An existing /etc/slurm/slurm.conf that this
# script did not write is never touched.
set -euo pipefail

state="${SAM4J_SLURM_STATE:-/var/tmp/sam4j-slurm}"
conf=/etc/slurm/slurm.conf
marker="# Written by sam4j scripts/slurm-local.sh"
host="$(hostname -s)"

die() { echo "slurm-local: $*" >&2; exit 1; }

answers() { timeout 10 sinfo -h -o %T >/dev/null 2>&1; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

configure() {
  if [ -f "$conf" ] && ! grep -qF "$marker" "$conf"; then
    die "$conf exists and was not written by this script; not touching it"
  fi
  mkdir -p "$state"/{ctld,spool,log} /etc/slurm
  local node
  node="$(slurmd -C | head -n 1)"
  [[ "$node" == NodeName=* ]] || die "'slurmd -C' did not describe this node: $node"
  cat > "$conf.tmp" <<CONF
$marker for tests; safe to delete.
ClusterName=sam4j-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  mv "$conf.tmp" "$conf"
}

start_munge() {
  if [ -S /run/munge/munge.socket.2 ] && munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
    return
  fi
  if [ ! -f /etc/munge/munge.key ]; then
    mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key
    chmod 400 /etc/munge/munge.key
  fi
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge
  runuser -u munge -- /usr/sbin/munged
  for _ in $(seq 50); do
    munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && return
    sleep 0.2
  done
  die "munged did not start"
}

start() {
  [ "$(id -u)" -eq 0 ] || die "start needs root"
  command -v slurmctld >/dev/null && command -v munged >/dev/null || die "install slurm-wlm and munge first"
  configure
  start_munge
  pid_alive "$state/slurmctld.pid" || slurmctld
  pid_alive "$state/slurmd.pid" || slurmd
  for _ in $(seq 60); do
    if answers; then
      local node_state
      node_state="$(sinfo -h -n "$host" -o %T 2>/dev/null | head -n 1)"
      case "$node_state" in
        idle*|mixed*|allocated*) echo "slurm-local: cluster up ($host: $node_state)"; return ;;
        down*|drain*) scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true ;;
      esac
    fi
    sleep 1
  done
  die "the cluster did not come up; see $state/log"
}

stop() {
  for daemon in slurmd slurmctld; do
    if pid_alive "$state/$daemon.pid"; then
      kill "$(cat "$state/$daemon.pid")"
    fi
  done
  if [ -f /run/munge/munged.pid ] && kill -0 "$(cat /run/munge/munged.pid)" 2>/dev/null; then
    kill "$(cat /run/munge/munged.pid)"
  fi
  echo "slurm-local: stopped"
}

status() {
  if answers; then
    sinfo
  else
    echo "slurm-local: not running"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
