#!/usr/bin/env bash
# Sign-in answers and their time: an unknown e-mail, a wrong password, a locked account. ./bench/signin.sh
# Starts ConfigAdmin (Release, Production) on a fresh SQLite file with one admin, then posts the sign-in form as a
# browser does (antiforgery cookie and token first, untimed) ATTEMPTS times for each case and prints the median and
# the spread of the POST's time, with the redirect each case answered.
set -euo pipefail
cd "$(dirname "$0")/.."
ATTEMPTS=${ATTEMPTS:-20}
work=$(mktemp -d /tmp/configadmin-signin.XXXXXX)
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
dotnet publish ConfigAdmin.Web -c Release -o "$work/web" -v quiet -nologo >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=Production dotnet "$work/web/ConfigAdmin.Web.dll" --urls "$base" --contentRoot "$work/web" \
  --ConnectionStrings:ConfigAdmin="Data Source=$work/signin.db" --Serilog:MinimumLevel:Default=Warning \
  --Security:MasterKey="bench-master-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" \
  --Security:InitialAdmin:Email=admin@example.com --Security:InitialAdmin:Password=correct-horse-battery-staple \
  --Security:SignInAttemptsPerMinute=100000 >"$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 240); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done

# attempt EMAIL PASSWORD: prints "<seconds> <redirect>" for one sign-in post.
attempt() {
  local jar="$work/jar" token
  rm -f "$jar"
  token=$(curl -s -c "$jar" "$base/account/signin" | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -b "$jar" -o /dev/null -w '%{time_total} %{redirect_url}\n' "$base/account/signin" \
    --data-urlencode "email=$1" --data-urlencode "password=$2" --data-urlencode "__RequestVerificationToken=$token"
}
summary() { sort -n | awk '{t[NR]=$1*1000; r=$2} END{printf "median %.1f ms, min %.1f, max %.1f; answer %s\n", t[int((NR+1)/2)], t[1], t[NR], r}'; }

attempt warm-up@example.com whatever >/dev/null
echo "unknown e-mail:  $(for i in $(seq "$ATTEMPTS"); do attempt "nobody-$i@example.com" "some-password-$i"; done | summary)"
echo "wrong password:  $(for i in 1 2 3 4; do attempt admin@example.com "wrong-password-$i"; done | summary) (4 attempts: the fifth locks)"
attempt admin@example.com wrong-password-5 >/dev/null
echo "locked account:  $(for i in $(seq "$ATTEMPTS"); do attempt admin@example.com "correct-horse-battery-staple"; done | summary)"
