# shellcheck shell=bash disable=SC2034  # sourced; the variables it sets are for the scripts that source it
# Sourced by the SSH benchmarks (bench/ssh-compare.sh, bench/ssh-latency.sh, bench/many-hosts.sh): a throw-away
# OpenSSH sshd of their own, on loopback only, that lets root in with a key generated for the run. Nothing outside
# its temporary directory is touched except /run/sshd (sshd's privilege-separation directory, created if missing).
#
#   sshd_start 127.0.0.1 [127.0.0.2 ...]   # listens on these addresses, one free port; sets:
#     ssh_work      the temporary directory (scripts put their own temporary files here; removed by sshd_stop)
#     ssh_port      the port
#     ssh_user      the account (root)
#     ssh_key       the client's private key (ed25519), authorised for ssh_user
#     ssh_kh        a known_hosts file with the host key for [address]:port of every address
#     ssh_host_fp   the host key's SHA256 fingerprint, for --host-key
#     ssh_pid       sshd's process id (ssh_pids: all of them; one sshd listens on at most 16 addresses)
#   sshd_stop                               # stops sshd and its sessions, removes ssh_work (call it from a trap)
#   ssh_opts                                # an array: options that make `ssh` use exactly this key and known_hosts
#   machine_load                            # says how busy the machine is (runs on a shared machine vary)
#   remote_leftovers PATTERN                # how many processes have PATTERN in their command line (no tail may
#                                           # outlive a check); prints their pids and commands on standard error

ssh_work=""
ssh_pid=""
ssh_pids=()

sshd_fail() {
  echo "setup failed: $*" >&2
  exit 2
}

sshd_start() {
  [ "$(id -u)" = 0 ] || sshd_fail "sshd must be started as root (it logs users in); run as root"
  [ -x /usr/sbin/sshd ] || sshd_fail "needs OpenSSH's sshd (apt-get install openssh-server)"
  if ! command -v ssh >/dev/null || ! command -v ssh-keygen >/dev/null; then
    sshd_fail "needs ssh and ssh-keygen (openssh-client)"
  fi
  [ "$#" -gt 0 ] || set -- 127.0.0.1
  local address
  for address in "$@"; do
    case "$address" in
      127.*) ;;
      *) sshd_fail "$address is not a loopback address" ;;
    esac
  done

  ssh_work="$(mktemp -d "${TMPDIR:-/tmp}/weblog-bench.XXXXXX")"
  ssh_user="$(id -un)"
  ssh_key="$ssh_work/id_ed25519"
  ssh_kh="$ssh_work/known_hosts"
  mkdir -p "$ssh_work/authorized_keys" /run/sshd
  chmod 755 /run/sshd
  ssh-keygen -q -t ed25519 -N '' -C weblog-bench-host -f "$ssh_work/host_ed25519"
  ssh-keygen -q -t ed25519 -N '' -C weblog-bench-client -f "$ssh_key"
  cp "$ssh_key.pub" "$ssh_work/authorized_keys/$ssh_user"
  ssh_host_fp="$(ssh-keygen -l -E sha256 -f "$ssh_work/host_ed25519.pub" | awk '{print $2}')"

  # OpenSSH listens on at most 16 sockets (MAX_LISTEN_SOCKS): more addresses take more sshd processes, each with 16
  # of them, all on the same port with the same host key, so that to a client they are one server.
  local attempt listening first chunk config instance pid
  for attempt in 1 2 3 4 5; do
    ssh_port="$(sshd_free_port)" || sshd_fail "found no free port"
    ssh_pids=()
    instance=1
    for ((first = 1; first <= $#; first += 16)); do
      chunk=("${@:first:16}")
      config="$ssh_work/sshd_config"
      [ "$instance" = 1 ] || config="$ssh_work/sshd_config-$instance"
      {
        echo "Port $ssh_port"
        for address in "${chunk[@]}"; do echo "ListenAddress $address"; done
        echo "HostKey $ssh_work/host_ed25519"
        echo "PidFile $ssh_work/sshd-$instance.pid"
        echo "UsePAM no"
        echo "AuthorizedKeysFile $ssh_work/authorized_keys/%u"
        echo "StrictModes no"
        echo "PermitRootLogin prohibit-password"
        echo "PubkeyAuthentication yes"
        echo "PasswordAuthentication no"
        echo "KbdInteractiveAuthentication no"
        echo "MaxSessions 200"
        echo "MaxStartups 200:30:400"
        echo "LogLevel ERROR"
        echo "UseDNS no"
        echo "PrintMotd no"
        echo "Subsystem sftp internal-sftp"
        # bash sources ~/.bashrc for a command run by sshd unless SHLVL says it is a nested shell; root's ~/.bashrc
        # on the build machines runs `pyenv init`, about 100 ms of CPU for every remote command, which would be
        # measured instead of weblog (it polls with a remote command a second). SSH_BASHRC=1 keeps it.
        [ "${SSH_BASHRC:-0}" = 1 ] || echo "SetEnv SHLVL=1"
      } >"$config"
      /usr/sbin/sshd -t -f "$config" || sshd_fail "sshd rejects its configuration ($config)"
      /usr/sbin/sshd -D -f "$config" -E "$ssh_work/sshd.log" &
      ssh_pids+=($!)
      instance=$((instance + 1))
    done
    ssh_pid="${ssh_pids[0]}"
    for _ in $(seq 100); do
      listening=$(ss -Htln "sport = :$ssh_port" | wc -l)
      if [ "$listening" -ge "$#" ] || ! sshd_running; then
        break
      fi
      sleep 0.05
    done
    if sshd_running && [ "$listening" -ge "$#" ]; then
      break
    fi
    for pid in "${ssh_pids[@]}"; do
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    done
    ssh_pids=()
    ssh_pid=""
    echo "sshd did not start on port $ssh_port (attempt $attempt): $(tail -n 3 "$ssh_work/sshd.log" 2>/dev/null)" >&2
  done
  [ -n "$ssh_pid" ] || sshd_fail "sshd would not start; see the messages above"

  : >"$ssh_kh"
  for address in "$@"; do
    echo "[$address]:$ssh_port $(cut -d' ' -f1,2 "$ssh_work/host_ed25519.pub")" >>"$ssh_kh"
  done
  ssh_opts=(-F /dev/null -p "$ssh_port" -i "$ssh_key" -o IdentitiesOnly=yes -o BatchMode=yes
            -o UserKnownHostsFile="$ssh_kh" -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes)
  ssh "${ssh_opts[@]}" "$ssh_user@$1" true </dev/null \
    || sshd_fail "cannot log in to $ssh_user@$1:$ssh_port with ssh; sshd said: $(tail -n 5 "$ssh_work/sshd.log")"
}

sshd_free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
    if [ -z "$(ss -Htan "sport = :$port")" ]; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

sshd_running() {   # whether every sshd of ours is still there
  local pid
  for pid in "${ssh_pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || return 1
  done
}

sshd_stop() {
  local pid
  for pid in "${ssh_pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      pkill -TERM -P "$pid" 2>/dev/null || true   # the sessions it forked (by parent id: only this sshd's)
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  ssh_pids=()
  ssh_pid=""
  if [ -n "$ssh_work" ] && [ -d "$ssh_work" ]; then
    rm -rf "$ssh_work"
  fi
  ssh_work=""
}

machine_load() {   # the 1-minute load average and the number of cores, to judge how noisy a run was
  echo "load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"
}

remote_leftovers() {
  local pids
  pids="$(pgrep -f -- "$1" || true)"
  if [ -n "$pids" ]; then
    ps -o pid=,ppid=,etimes=,args= -p "$(paste -sd, <<<"$pids")" >&2 || true
    echo "$pids" | wc -l
  else
    echo 0
  fi
}
