#!/usr/bin/env bash
# Roll a release back by pointing the `current` symlink at an earlier release directory.
#
#   rollback.sh APP_DIR [RELEASE]        e.g. rollback.sh /srv/api            (the one before)
#                                             rollback.sh /srv/api 20261102-1200
#
# Layout (as Capistrano and most deploy tools leave it):
#   APP_DIR/releases/<name>/   one directory per release; names sort in release order
#   APP_DIR/current            symlink to releases/<name>
#
# Without RELEASE it goes to the release before the current one. The switch is atomic: a new
# symlink is renamed over `current` (rename(2)), so readers see the old or the new release,
# never a missing one. Exit 0 when switched, 1 when there is nothing to roll back to, 2 when
# the arguments or the layout are refused.
set -euo pipefail

refuse() {
  echo "refused: $*" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || refuse "usage: rollback.sh APP_DIR [RELEASE]"
app_dir=$1
wanted=${2:-}
name_shape='^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'

releases_dir="$app_dir/releases"
current_link="$app_dir/current"
[[ -d $releases_dir ]] || refuse "$releases_dir is not a directory"
[[ -L $current_link ]] || refuse "$current_link is not a symlink"
if [[ -n $wanted ]]; then
  [[ $wanted =~ $name_shape && $wanted != *..* ]] || refuse "'$wanted' is not a release name"
fi

releases=()
while IFS= read -r name; do
  [[ $name =~ $name_shape ]] && releases+=("$name")
done < <(find "$releases_dir" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | LC_ALL=C sort)

current=$(basename -- "$(readlink -- "$current_link")")
index=-1
for i in "${!releases[@]}"; do
  [[ ${releases[$i]} == "$current" ]] && index=$i
done
((index >= 0)) || refuse "current points at '$current', which is not in $releases_dir"

if [[ -z $wanted ]]; then
  if ((index == 0)); then
    echo "nothing to roll back to: $current is the oldest release in $releases_dir"
    exit 1
  fi
  wanted=${releases[$((index - 1))]}
fi
[[ -d $releases_dir/$wanted ]] || refuse "there is no release '$wanted' in $releases_dir"
if [[ $wanted == "$current" ]]; then
  echo "nothing to do: $current is already the current release"
  exit 1
fi

tmp_link="$app_dir/.current.rollback.$$"
ln -s -- "releases/$wanted" "$tmp_link"
mv -T -f -- "$tmp_link" "$current_link"
echo "rolled back $(basename -- "$app_dir") from $current to $wanted" \
  "(by ${ONCALL_USER:-unknown}, incident ${ONCALL_INCIDENT_ID:-none})"
