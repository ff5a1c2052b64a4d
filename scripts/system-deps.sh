#!/usr/bin/env bash
# Install the Debian/Ubuntu packages a task needs, when missing.
#   scripts/system-deps.sh site   graphviz and a CJK font (to build the site)
#   scripts/system-deps.sh test   the above plus Chromium (for the browser tests) and nginx (the site served as
#                                 ci-templates/nginx/zwgk.conf sets it up; the tests start and stop their own nginx)
set -euo pipefail
want=(graphviz fonts-noto-cjk)
[ "${1:-site}" = test ] && want+=(chromium nginx)
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "缺少系统软件包 / missing system packages: ${missing[*]}" >&2
  echo "请运行 / run: sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi
