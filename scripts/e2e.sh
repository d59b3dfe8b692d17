#!/usr/bin/env bash
# The real-VS-Code tiers, against one code-server (VS Code 1.139.1 server + its Node extension host),
# driven by playwright-core and Debian's Chromium (recipe: /work/shared/e2e/README.md):
#   integration  mocha suites (test/integration/*.test.ts) inside the extension host, the extension loaded
#                as the development extension from this checkout; then the same in a multi-root workspace
#                (test/integration-multiroot/) and in an untrusted one (test/integration-untrusted/);
#   ui           every e2e/journeys/*.journey.mjs in turn, the packaged .vsix installed, each journey on a
#                fresh copy of the demo repository, a screenshot of each in test-output/screenshots/;
#   tools        mocha suites (test/tools/) that need the tools installed here: GitLab's CI schema (in
#                gitlab-ci-local, on Node 24) checks the pipeline `init --ci gitlab` writes.
# Usage: bash scripts/e2e.sh [--only integration|multiroot|untrusted|ui|tools] [--journey NAME]...   (E2E_GREP=text filters mocha)
# Ends with one line `e2e: N passed, N failed`; exit status 1 if anything failed.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
T0=$SECONDS
say() { echo "[e2e +$((SECONDS - T0))s] $*"; }

only=''
journeys=()
retried=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only=$2; shift 2 ;;
    --journey) journeys+=("e2e/journeys/$2.journey.mjs"); shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
shopt -s nullglob
[ ${#journeys[@]} -gt 0 ] || journeys=(e2e/journeys/*.journey.mjs)
# Setting up is part of the tier: a broken build or server still ends with the closing line.
setup_failed() { echo "e2e setup failed: $*"; echo "e2e: 0 passed, 1 failed"; exit 1; }

OUT=$REPO/test-output   # each journey overwrites its own screenshot; logs are copied here on failure
mkdir -p "$OUT/screenshots"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/git-playbooks-e2e.XXXXXX")
SERVERS=()
cleanup() {
  for pgid in "${SERVERS[@]}"; do kill -TERM -- -"$pgid" 2>/dev/null || true; done
  for pgid in "${SERVERS[@]}"; do
    for _ in $(seq 1 20); do kill -0 -- -"$pgid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- -"$pgid" 2>/dev/null || true
  done
  [ -n "${E2E_KEEP:-}" ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. Tools (idempotent; code-server compiles once, ~2 min, then is cached outside the clone).
tools=$(bash scripts/e2e-tools.sh) || setup_failed "scripts/e2e-tools.sh"
NODE24=$(sed -n 's/^NODE24=//p' <<<"$tools"); CODE_SERVER=$(sed -n 's/^CODE_SERVER=//p' <<<"$tools")
GITLAB_CI_LOCAL=$(sed -n 's/^GITLAB_CI_LOCAL=//p' <<<"$tools")
[ -x "$CODE_SERVER" ] && [ -d "$NODE24" ] && [ -f "$GITLAB_CI_LOCAL" ] || setup_failed "scripts/e2e-tools.sh printed no NODE24=/CODE_SERVER=/GITLAB_CI_LOCAL="

# 2. The extension: bundle, then (in parallel) the .vsix the UI tier installs and
# 3. the fixture: the demo repository, built once and copied for each tier and journey.
[ -d node_modules ] || npm ci --no-audit --no-fund || setup_failed "npm ci"
say "build, package, demo repository"
node scripts/build.mjs || setup_failed "node scripts/build.mjs"
npm run -s package </dev/null >"$WORK/package.log" 2>&1 &
package_pid=$!
node scripts/demoRepo.mjs "$WORK/fixture" >"$WORK/fixture.log" 2>&1 || { cat "$WORK/fixture.log"; setup_failed "scripts/demoRepo.mjs"; }
wait "$package_pid" || { cat "$WORK/package.log"; setup_failed "npm run package"; }
sed 's/^/[e2e] /' "$WORK/fixture.log"
# (named like the demo's service, so the window title reads as a real repository would)
fresh_workspace() { rm -rf "$WORK/ws/$1"; mkdir -p "$WORK/ws/$1"; cp -a "$WORK/fixture" "$WORK/ws/$1/checkout-service"; echo "$WORK/ws/$1/checkout-service"; }

# 4. A throwaway profile. Workspace trust stays enabled in settings; the server below disables it with a
#    flag, so an untrusted-workspace tier can later run against a second server started without the flag
#    (start_server untrusted) and "security.workspace.trust.startupPrompt": "never" keeps it in Restricted Mode.
mkdir -p "$WORK"/{home,browser-home,tmp,ud/User,exts}
cat > "$WORK/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.startupPrompt": "never",
  "git.autofetch": false,
  "git.openRepositoryInParentFolders": "never"
}
JSON
cp "$WORK/settings.json" "$WORK/ud/User/settings.json"
cs_env=(env PATH="$NODE24/bin:$PATH" HOME="$WORK/home" TMPDIR="$WORK/tmp")
"${cs_env[@]}" "$CODE_SERVER" --user-data-dir "$WORK/ud" --extensions-dir "$WORK/exts" \
  --install-extension "$REPO/dist/git-playbooks.vsix" --force >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; setup_failed "installing the .vsix"; }

# 5. code-server on a free loopback port, in its own process group (its helpers outlive the parent).
#    start_server NAME [extra code-server flags]: sets URL.
server_env=()   # extra VAR=value for the next start_server (the untrusted tier's PATH)
start_server() {
  local name=$1; shift
  setsid "${cs_env[@]}" "${server_env[@]}" "$CODE_SERVER" --bind-addr 127.0.0.1:0 --auth none --disable-telemetry --disable-update-check \
    --user-data-dir "$WORK/ud" --extensions-dir "$WORK/exts" --vscode-option enable-smoke-test-driver "$@" \
    >"$WORK/code-server-$name.log" 2>&1 </dev/null &
  SERVERS+=("$!")
  URL=
  for _ in $(seq 1 120); do
    URL=$(grep -o 'HTTP server listening on http://127.0.0.1:[0-9]*' "$WORK/code-server-$name.log" | grep -o 'http://.*' || true)
    [ -n "$URL" ] && curl -sf -o /dev/null "$URL/healthz" && return 0
    sleep 0.25
  done
  cat "$WORK/code-server-$name.log"; return 1
}
start_server trusted --disable-workspace-trust || setup_failed "code-server did not start"
say "code-server up at $URL"

pass=0; fail=0; failed=()
browser_env=(env HOME="$WORK/browser-home" E2E_URL="$URL" E2E_SCREENSHOTS="$OUT/screenshots")

# 5b. Suites that need the tools (not VS Code): test/tools/, mocha's JSON result read like the in-host ones.
if [ -z "$only" ] || [ "$only" = tools ]; then
  say "tools suites (GitLab's CI schema on Node 24)"
  NODE24="$NODE24" GITLAB_CI_LOCAL="$GITLAB_CI_LOCAL" npx mocha --no-config -r tsx/cjs --timeout 120000 --reporter json \
    ${E2E_GREP:+--grep "$E2E_GREP"} 'test/tools/**/*.test.ts' >"$WORK/tools.json" 2>"$WORK/tools.log" || true
  if node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$WORK/tools.json" 2>/dev/null; then
    pass=$((pass + $(node -p "require('$WORK/tools.json').stats.passes")))
    fail=$((fail + $(node -p "require('$WORK/tools.json').stats.failures")))
    while IFS= read -r line; do [ -n "$line" ] && failed+=("tools: $line"); done < <(node -e "for (const t of require('$WORK/tools.json').failures) console.log(t.fullTitle + ' — ' + String(t.err.message).split('\\n').slice(0, 6).join(' / '))")
  else
    cat "$WORK/tools.log"; fail=$((fail + 1)); failed+=("tools: no result")
  fi
fi

# 6a. In-host mocha suites (the development extension from this checkout).
#     host_suites TIER WORKSPACE: runs out/test/TIER/index.js against the server at $URL (extra env in $HOST_ENV_JSON).
HOST_ENV_JSON='{}'
host_suites() {
  local tier=$1 ws=$2 result=$WORK/$1.json
  local env_json
  env_json=$(node -e 'console.log(JSON.stringify({...JSON.parse(process.argv[3]), E2E_RESULT_FILE: process.argv[1], E2E_EXTENSION_PATH: process.argv[2], E2E_GREP: process.env.E2E_GREP || ""}))' "$result" "$REPO" "$HOST_ENV_JSON")
  "${browser_env[@]}" E2E_URL="$URL" E2E_WORKSPACE="$ws" EXT_DEV_PATH="$REPO" EXT_TESTS_PATH="$REPO/out/test/$tier/index.js" \
    EXT_ENV="$env_json" E2E_LOG="$OUT/$tier-console.log" timeout -k 10 600 node e2e/runExtensionTests.mjs || true
  if [ -f "$result" ]; then
    pass=$((pass + $(node -p "require('$result').passes")))
    fail=$((fail + $(node -p "require('$result').failures")))
    while IFS= read -r title; do [ -n "$title" ] && failed+=("$tier: $title"); done < <(node -e "for (const t of require('$result').failedTitles) console.log(t)")
  else
    echo "the $tier suites produced no result (extension host did not start or crashed; see test-output/$tier-console.log)"
    fail=$((fail + 1)); failed+=("$tier: no result")
  fi
}
# --only integration runs all three in-host tiers; --only multiroot / --only untrusted one of them.
in_host() { [ -z "$only" ] || [ "$only" = integration ] || [ "$only" = "$1" ]; }
if [ -z "$only" ] || [ "$only" = integration ]; then
  say "integration suites (in the extension host)"
  host_suites integration "$(fresh_workspace integration)"
fi
if in_host multiroot; then
  # Multi-root: two copies of the demo, the second with its playbooks moved to a custom `playbooks.folder`.
  say "multi-root suites (two workspace folders)"
  mr=$WORK/ws/multiroot; rm -rf "$mr"; mkdir -p "$mr"
  cp -a "$WORK/fixture" "$mr/checkout-service"; cp -a "$WORK/fixture" "$mr/payments-service"
  { git -C "$mr/payments-service" mv playbooks ops-playbooks && git -C "$mr/payments-service" -c user.name=e2e -c user.email=e2e@example.com commit -qm "Move playbooks"; } >/dev/null || setup_failed "the multi-root fixture"
  printf '{"folders":[{"path":"checkout-service"},{"path":"payments-service"}],"settings":{"files.autoSave":"off"}}\n' >"$mr/services.code-workspace"
  mkdir -p "$mr/payments-service/.vscode" && printf '{"playbooks.folder":"ops-playbooks"}\n' >"$mr/payments-service/.vscode/settings.json"
  host_suites integration-multiroot "$mr/services.code-workspace"
fi
if in_host untrusted; then
  # Untrusted: a second server WITHOUT --disable-workspace-trust (the folder was never trusted, the
  # startup prompt is off), and a `git` first on its PATH that logs every call: the suites read the log.
  say "untrusted-workspace suites (Restricted Mode)"
  mkdir -p "$WORK/git-spy"; : >"$WORK/git-spy.log"
  printf '#!/bin/sh\necho "$PWD: $*" >>"%s"\nexec %s "$@"\n' "$WORK/git-spy.log" "$(command -v git)" >"$WORK/git-spy/git"
  chmod +x "$WORK/git-spy/git"
  trusted_url=$URL
  # The server builds the extension host's environment from a login shell (/etc/profile resets PATH):
  # the spy goes first on PATH in that shell's profile too, in a HOME of this server's own.
  mkdir -p "$WORK/home-untrusted"
  for profile in .profile .bash_profile; do echo "export PATH=\"$WORK/git-spy:\$PATH\"" >"$WORK/home-untrusted/$profile"; done
  server_env=(HOME="$WORK/home-untrusted" SHELL=/bin/bash PATH="$WORK/git-spy:$NODE24/bin:$PATH")
  if start_server untrusted; then
    HOST_ENV_JSON=$(node -e 'console.log(JSON.stringify({E2E_GIT_LOG: process.argv[1]}))' "$WORK/git-spy.log")
    host_suites integration-untrusted "$(fresh_workspace untrusted)"
    kill -TERM -- -"${SERVERS[-1]}" 2>/dev/null || true
  else
    fail=$((fail + 1)); failed+=("integration-untrusted: code-server did not start")
  fi
  server_env=(); HOST_ENV_JSON='{}'; URL=$trusted_url
fi

# 6b. UI journeys (the installed .vsix), one process and one fresh workspace each.
if [ -z "$only" ] || [ "$only" = ui ]; then
  for file in "${journeys[@]}"; do
    name=$(basename "$file" .journey.mjs)
    cp "$WORK/settings.json" "$WORK/ud/User/settings.json"   # a journey may have switched the theme
    ws=$(fresh_workspace "$name")
    say "journey $name"
    if "${browser_env[@]}" E2E_WORKSPACE="$ws" timeout -k 10 300 node "$file"; then
      pass=$((pass + 1))
    else
      # The browser drives VS Code internals on a loaded 2-core machine: one fresh retry, said aloud,
      # with the same assertions; a journey that fails twice fails the tier.
      cp "$WORK/settings.json" "$WORK/ud/User/settings.json"
      ws=$(fresh_workspace "$name-retry")
      say "journey $name failed; retrying once on a fresh workspace"
      if "${browser_env[@]}" E2E_WORKSPACE="$ws" timeout -k 10 300 node "$file"; then
        pass=$((pass + 1)); retried+=("$name")
      else
        fail=$((fail + 1)); failed+=("journey: $name")
      fi
    fi
  done
fi

if [ "$fail" -gt 0 ]; then
  rm -rf "$OUT/e2e-logs" && mkdir -p "$OUT/e2e-logs"
  cp "$WORK"/code-server-*.log "$OUT/e2e-logs/" 2>/dev/null || true
  cp -r "$WORK/ud/logs" "$OUT/e2e-logs/vscode" 2>/dev/null || true
  printf '  failed: %s\n' "${failed[@]}"
  echo "  logs: test-output/e2e-logs/, screenshots: test-output/screenshots/"
fi
say "done"
[ ${#retried[@]} -eq 0 ] || echo "  passed on retry: ${retried[*]}"
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
