#!/usr/bin/env bash
# The last lines of one log file in an allowed directory.
#
#   log-tail.sh LOG_DIR FILE [LINES]        e.g. log-tail.sh /var/log/myapp api.log 200
#
# LOG_DIR is fixed in the runbook's command (the config), FILE and LINES come from chat. FILE is
# a plain name in LOG_DIR: no '/', no '..', and after resolving symlinks it must still be
# inside LOG_DIR, so neither a crafted name nor a planted symlink reads anything else.
set -euo pipefail

refuse() {
  echo "refused: $*" >&2
  exit 2
}

[[ $# -ge 2 && $# -le 3 ]] || refuse "usage: log-tail.sh LOG_DIR FILE [LINES]"
log_dir=$1
name=$2
lines=${3:-100}

[[ $name =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$ ]] ||
  refuse "'$name' is not a plain file name (letters, digits, '.', '_', '-'; no '/')"
[[ $name != *..* ]] || refuse "'$name' contains '..'"
[[ $lines =~ ^[0-9]{1,4}$ ]] || refuse "lines '$lines' is not a number"
lines=$((10#$lines))
((lines >= 1 && lines <= 5000)) || refuse "lines must be 1 to 5000, not $lines"

dir_real=$(realpath -e -- "$log_dir") || refuse "log directory $log_dir does not exist"
[[ -d $dir_real ]] || refuse "$log_dir is not a directory"
path_real=$(realpath -e -- "$dir_real/$name" 2>/dev/null) ||
  { echo "no log file '$name' in $log_dir" >&2; exit 1; }
[[ $path_real == "$dir_real"/* ]] || refuse "'$name' leads outside $log_dir"
[[ -f $path_real ]] || refuse "'$name' is not a regular file"

tail -n "$lines" -- "$path_real"
