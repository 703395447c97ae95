"""The studio's job protocol on stdout (lib/train/protocol.ts): one JSON event a line."""

import json
import sys
import time

import torch
from transformers import TrainerCallback

# TRL's log keys → verl's metric names (the studio's canonical set).
TRL_TO_VERL = {
    "reward": "critic/score/mean",
    "reward_std": "critic/score/std",
    "kl": "actor/kl_loss",
    "entropy": "actor/entropy",
    "loss": "actor/pg_loss",
    "grad_norm": "actor/grad_norm",
    "learning_rate": "actor/lr",
    "clip_ratio/region_mean": "actor/pg_clipfrac",
    "completions/mean_length": "response_length/mean",
    "completions/clipped_ratio": "response_length/clip_ratio",
    "frac_reward_zero_std": "critic/frac_reward_zero_std",
}


def emit(event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def status(value, message=""):
    emit({"type": "status", "status": value, "message": message})


def log(message, level="info"):
    emit({"type": "log", "level": level, "message": message})


def metrics(step, data, phase="grpo"):
    clean = {k: float(v) for k, v in data.items() if isinstance(v, (int, float)) and v == v}  # drops NaN
    emit({"type": "metrics", "step": int(step), "phase": phase, "data": clean})


def rollout_stats(episodes):
    """What TRL cannot know about the episodes: rewards' spread, turns, tool calls, generated tokens."""
    n = max(1, len(episodes))
    rewards = [e.reward for e in episodes]
    return {
        "critic/score/max": max(rewards, default=0.0),
        "critic/score/min": min(rewards, default=0.0),
        "critic/pass_rate": sum(1 for r in rewards if r >= 1) / n,
        "num_turns/mean": sum(e.turns for e in episodes) / n,
        "tool_call_counts/mean": sum(e.tool_calls for e in episodes) / n,
        "tools/call_frequency": sum(e.tool_calls for e in episodes) / n,
        "generated_tokens": float(sum(sum(e.mask) for e in episodes)),
    }


class StudioCallback(TrainerCallback):
    """TRL's logs as metrics events; checkpoints, evaluations and stop requests at step ends."""

    def __init__(self, on_step_end, should_stop):
        self.on_step = on_step_end
        self.should_stop = should_stop
        self.started = None
        self.step_seconds = None
        self.rollouts = {}

    def on_step_begin(self, args, state, control, **kwargs):
        self.started = time.perf_counter()

    def on_step_end(self, args, state, control, **kwargs):
        self.step_seconds = time.perf_counter() - (self.started or time.perf_counter())
        self.on_step(state.global_step)
        if self.should_stop():
            control.should_training_stop = True

    def on_log(self, args, state, control, logs=None, **kwargs):
        logs = logs or {}
        if "reward" not in logs:
            return  # the end-of-training summary, not a step
        data = {verl: logs[trl] for trl, verl in TRL_TO_VERL.items() if trl in logs}
        data.update(self.rollouts)
        tokens = data.pop("generated_tokens", 0.0)
        if data.get("timing_s/gen"):
            data["perf/gen_tokens_per_s"] = tokens / data["timing_s/gen"]  # the episodes' model tokens over the time spent playing them
        if torch.cuda.is_available():
            data["perf/max_memory_allocated_gb"] = torch.cuda.max_memory_allocated() / 2**30
        if self.step_seconds:
            data["timing_s/step"] = self.step_seconds
            data["perf/throughput"] = tokens / self.step_seconds
        metrics(state.global_step, data)
