#!/usr/bin/env bash
# Health check of one URL: a single GET with curl, a hard time limit, no redirects followed,
# http(s) only. Exit 0 when the answer is 2xx or 3xx, 1 when it is anything else or nothing,
# 2 when the arguments are refused.
#
#   health-check.sh URL [TIMEOUT_SECONDS]      e.g. health-check.sh https://api.example.com/healthz 10
#
# The bot has checked the arguments against the runbook's patterns already; they are checked
# again here because the script must be safe whoever calls it.
set -euo pipefail

refuse() {
  echo "refused: $*" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || refuse "usage: health-check.sh URL [TIMEOUT_SECONDS]"
url=$1
timeout=${2:-10}

url_shape='^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/%?&=+-]*)?$'
[[ $url =~ $url_shape ]] || refuse "'$url' is not an http(s) URL of plain characters"
[[ $timeout =~ ^[0-9]{1,3}$ ]] || refuse "timeout '$timeout' is not a number of seconds"
timeout=$((10#$timeout))
((timeout >= 1 && timeout <= 120)) || refuse "timeout must be 1 to 120 seconds, not $timeout"

# --proto limits curl to http(s) even if the URL check above were wrong; --max-time bounds the
# whole request, so the runbook's own timeout is a second line of defence, not the first.
if answer=$(curl --silent --show-error --output /dev/null --proto '=http,https' \
  --max-redirs 0 --connect-timeout "$timeout" --max-time "$timeout" \
  --write-out '%{http_code} %{time_total}' -- "$url"); then
  code=${answer%% *}
  seconds=${answer#* }
  if [[ $code =~ ^[23][0-9][0-9]$ ]]; then
    echo "HEALTHY: $url answered $code in ${seconds}s"
    exit 0
  fi
  echo "UNHEALTHY: $url answered $code in ${seconds}s"
  exit 1
else
  rc=$?
  echo "UNHEALTHY: $url did not answer within ${timeout}s (curl exit $rc)"
  exit 1
fi
