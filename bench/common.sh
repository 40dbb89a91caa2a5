# Sourced by the bench scripts (after `cd` to the repository root): what each of them needs alike.

# port: a free TCP port on 127.0.0.1.
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# write_ids URL FILE: the ids of app-001's integer keys (the seeder's), which bench/write-overrides.lua updates; asked
# with $ADMIN_KEY.
write_ids() {
  curl -sf -H "Authorization: Bearer $ADMIN_KEY" "$1/v1/configs?application=app-001&pageSize=500" |
    python3 -c 'import json,sys; [print(i["id"]) for i in json.load(sys.stdin)["items"] if i["valueType"]=="integer"]' >"$2"
}

# start_postgres DIR: a throwaway PostgreSQL cluster in DIR on a free port (as the postgres user, which initdb needs);
# sets $pg_port, and $pg_stop, which the script's cleanup evaluates.
start_postgres() {
  local dir=$1 bin; bin=$(scripts/pg-bin.sh)
  mkdir -p "$dir"; chown postgres "$dir"
  pg_port=$(port)
  runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
    "-p $pg_port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  pg_stop="runuser -u postgres -- $bin/pg_ctl -D $dir/data -m fast -w stop >/dev/null"
}
