#!/usr/bin/env bash
# Flywheel Studio round on verl (the Ray job's entrypoint: `bash run.sh`).
# Trains GRPO with the overrides in overrides.txt (one Hydra override a line) over verl's stock
# ppo_trainer config; the studio agent loop calls the environment server at STUDIO_ENV_URL.
# Metrics: verl's console logger (stdout) and its file logger (VERL_FILE_LOGGER_PATH), whose
# JSONL lines are echoed to stdout too so the studio reads both from the job's logs.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
export PYTHONPATH="$HERE${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONUNBUFFERED=1

PINNED="$(sed -n 's/^verl==//p' requirements.txt)"
if ! FOUND="$(python3 -c 'import verl; print(verl.__version__)' 2>/dev/null)"; then
  echo "verl is not installed on this cluster: pip install -r requirements.txt (verl==$PINNED) in the image, or submit with runtime_env pip" >&2
  exit 2
fi
case "$FOUND" in
  0.[0-7].*) echo "verl $FOUND is too old: the studio agent loop needs verl >= 0.8 (pinned $PINNED)" >&2; exit 2 ;;
esac
[ "$FOUND" = "$PINNED" ] || echo "warning: verl $FOUND installed, package written for $PINNED" >&2

export VERL_FILE_LOGGER_PATH="${VERL_FILE_LOGGER_PATH:-$HERE/metrics.jsonl}"
CKPT="${FLYWHEEL_CHECKPOINT_DIR:-$(python3 -c 'import json; print(json.load(open("studio_run.json"))["checkpoint_dir"])')}"
CKPT="${CKPT/#\~/$HOME}"
mkdir -p "$(dirname "$VERL_FILE_LOGGER_PATH")" "$CKPT"
: > "$VERL_FILE_LOGGER_PATH"
tail -n +1 -F "$VERL_FILE_LOGGER_PATH" 2>/dev/null &
TAIL_PID=$!
trap 'sleep 1; kill "$TAIL_PID" 2>/dev/null || true' EXIT

OVERRIDES=()
while IFS= read -r line || [ -n "$line" ]; do
  [ -n "$line" ] || continue
  line="${line//@PKG@/$HERE}"
  OVERRIDES+=("${line//@CKPT@/$CKPT}")
done < overrides.txt

echo "flywheel: verl $FOUND, checkpoints in $CKPT, environment at ${STUDIO_ENV_URL:-(studio_run.json)}"
python3 -m verl.trainer.main_ppo "${OVERRIDES[@]}" "$@"
