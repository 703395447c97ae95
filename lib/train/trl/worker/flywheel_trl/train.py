"""One training round: job.json in (written by lib/train/trl/backend.ts), protocol events out on stdout."""

import json
import os
import signal
import threading
import time

from . import events
from .env import EnvClient, make_env_class
from .model import TINY, check_checkpoint, device_and_dtype, load_model, load_tokenizer, save_checkpoint, tiny_qwen3
from .rollout import Renderer, Stopped, play

LOSS_TYPES = {"token-mean": "dapo", "seq-mean-token-mean": "grpo", "seq-mean-token-sum": "dr_grpo", "seq-mean-token-sum-norm": "dr_grpo"}
# JSON-schema keywords a Python signature cannot carry: the system prompt still shows them and the environment enforces them.
UNEXPRESSED = ("additionalProperties", "minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern", "format", "default")


class Round:
    def __init__(self, job):
        self.job = job
        self.spec = job["spec"]
        self.grpo = self.spec["grpo"]
        self.schedule = self.spec["schedule"]
        self.opts = self.spec.get("backendOptions") or {}
        self.model_ref = self.spec["model"]
        self.run_dir = job["runDir"]
        self.stop = threading.Event()
        self.kinds = {t["id"]: t.get("branchKind", "") for t in job["train"] + job["validation"]}
        self.last_saved = -1
        self.step = 0

    # --- set-up -----------------------------------------------------------------------------
    def load(self):
        path = self.model_ref.get("path") or TINY
        device, dtype = device_and_dtype(str(self.opts.get("device", "auto")))
        self.device, self.dtype = device, dtype
        if path != TINY:
            check_checkpoint(path)
        self.tokenizer = load_tokenizer(path, self.job.get("tokenizerDir"))
        from trl.chat_template_utils import get_training_chat_template, is_chat_template_prefix_preserving

        if not is_chat_template_prefix_preserving(self.tokenizer):
            # multi-turn training appends the environment's turns to the model's tokens: the template must allow it
            self.tokenizer.chat_template = get_training_chat_template(self.tokenizer)
        options = self.model_ref.get("options") or {}
        if path == TINY:
            # on disk, like any checkpoint: TRL loads the KL reference model from the model's path
            model = tiny_qwen3(self.tokenizer, self.spec["seed"], options).to(dtype)
            path = save_checkpoint(model, self.tokenizer, os.path.join(self.run_dir, "base"), {"kind": "base", "model": TINY})
            model.config._name_or_path = path
        else:
            model = load_model(path, dtype)
        self.base_path = path
        if options.get("lora") and not hasattr(model, "peft_config"):
            from peft import LoraConfig, get_peft_model

            rank = int(options.get("loraRank", 16))
            model = get_peft_model(model, LoraConfig(r=rank, lora_alpha=int(options.get("loraAlpha", 2 * rank)), target_modules="all-linear", task_type="CAUSAL_LM"))
        self.model = model.to(device)
        params = sum(p.numel() for p in model.parameters())
        trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
        events.log(f"model {path}: {params / 1e6:.1f} M parameters ({trainable / 1e6:.1f} M trainable) on {device} in {str(dtype).replace('torch.', '')}")

        self.client = EnvClient(self.job["envUrl"], self.job.get("envToken"))
        tools = self.client.request("GET", "/tools")["tools"]
        lost = {}
        for t in tools:
            params_schema = t["function"].get("parameters") or {}
            for k in [k for prop in (params_schema.get("properties") or {}).values() for k in prop] + list(params_schema):
                if k in UNEXPRESSED:
                    lost.setdefault(k, set()).add(t["function"]["name"])
        if lost:
            shown = "; ".join(f"{k} ({', '.join(sorted(v))})" for k, v in sorted(lost.items()))
            events.log(f"JSON-schema keywords the tools' type hints cannot carry (the system prompt shows them, the environment enforces them): {shown}")
        self.Env = make_env_class(self.client, tools, max_turns=self.grpo["maxTurns"], seed=self.spec["seed"])
        self.thinking = bool(self.opts.get("thinking", False))
        self.renderer = Renderer(self.tokenizer, None, {"enable_thinking": self.thinking})
        self.settings = {
            "max_new_tokens": self.grpo["maxNewTokens"],
            "temperature": self.grpo["temperature"],
            "max_completion_length": int(self.opts.get("maxCompletionLength", max(512, 4 * self.grpo["maxNewTokens"] * self.grpo["maxTurns"]))),
        }

    # --- evaluation and checkpoints -----------------------------------------------------------
    def evaluate(self, step, model=None):
        ids = [t["id"] for t in self.job["validation"]]
        if not ids:
            return
        model = model or self.model
        was_training = model.training
        model.eval()
        try:
            episodes = play(model, self.tokenizer, self.renderer, self.Env, ids, self.settings, sample=False, should_stop=self.stop.is_set)
        finally:
            model.train(was_training)
        by_kind = {}
        for ep in episodes:
            k = by_kind.setdefault(self.kinds.get(ep.case_id, ""), {"pass": 0.0, "n": 0})
            k["pass"] += 1.0 if ep.reward >= 1 else 0.0
            k["n"] += 1
        for k in by_kind.values():
            k["pass"] /= k["n"]
        mean = sum(e.reward for e in episodes) / len(episodes)
        passed = sum(1 for e in episodes if e.reward >= 1) / len(episodes)
        events.emit({"type": "eval", "step": step, "reward": mean, "byKind": by_kind})
        events.metrics(step, {"val-core/reward/mean": mean, "val-core/pass@1": passed}, phase="val")
        self.sample(step, episodes[0])

    def sample(self, step, ep):
        events.emit({"type": "sample", "step": step, "caseId": ep.case_id, "branchKind": self.kinds.get(ep.case_id, ""), "reward": ep.reward, "messages": ep.messages})

    def save(self, step, model=None):
        if step == self.last_saved:
            return
        path = os.path.join(self.run_dir, "checkpoints", f"step-{step}")
        about = {"runId": self.job.get("runId"), "step": step, "base": self.base_path, "lora": hasattr(self.model, "peft_config"), "thinking": self.thinking}
        save_checkpoint(model or self.model, self.tokenizer, path, about)
        self.last_saved = step
        events.emit({"type": "checkpoint", "step": step, "path": path})

    # --- the round ----------------------------------------------------------------------------
    def run(self):
        self.load()
        self.evaluate(0)
        if self.schedule.get("sftSteps", 0) > 0 and self.job.get("sftData"):
            from .sft import warm_start

            events.log(f"warm start: {self.schedule['sftSteps']} SFT steps on the training cases' normal-path conversations")
            self.model = warm_start(self.model, self.tokenizer, self.job["sftData"], self.schedule["sftSteps"], self.sft_settings(), os.path.join(self.run_dir, "sft-trainer"), self.stop.is_set)
            self.save(0)  # the warm-started model: GRPO's KL reference and a checkpoint of its own
            self.model.config._name_or_path = os.path.join(self.run_dir, "checkpoints", "step-0")
        if self.stop.is_set():
            raise Stopped()
        if self.schedule["steps"] > 0:
            self.train()
        self.save(self.step)
        if self.stop.is_set():
            raise Stopped()
        self.evaluate(self.step)

    def sft_settings(self):
        return {
            "thinking": self.thinking,
            "sft_batch": int(self.opts.get("sftBatchSize", 4)),
            "sft_lr": float(self.opts.get("sftLearningRate", self.grpo["learningRate"])),
            "sft_max_length": int(self.opts.get("sftMaxLength", 4096)),
            "seed": self.spec["seed"],
            "bf16": self.device == "cuda",
            "use_cpu": self.device == "cpu",
        }

    def train(self):
        from datasets import Dataset
        from trl import GRPOConfig, GRPOTrainer
        from transformers import PrinterCallback
        from trl.models import unwrap_model_for_generation

        n, batch = self.grpo["n"], self.grpo["batchSize"]
        micro = int(self.opts.get("microBatchSize", n * batch))
        config = GRPOConfig(
            output_dir=os.path.join(self.run_dir, "trl"),
            max_steps=self.schedule["steps"],
            num_generations=n,
            per_device_train_batch_size=micro,
            gradient_accumulation_steps=max(1, (n * batch) // micro),
            learning_rate=self.grpo["learningRate"],
            beta=self.grpo["klCoef"],
            epsilon=self.grpo["clipRatio"],
            loss_type=LOSS_TYPES[self.grpo["lossAggMode"]],
            temperature=self.grpo["temperature"],
            max_completion_length=self.settings["max_completion_length"],
            gradient_checkpointing=bool(self.opts.get("gradientCheckpointing", False)),
            logging_steps=1,
            save_strategy="no",
            report_to=[],
            seed=self.spec["seed"],
            bf16=self.device == "cuda",
            use_cpu=self.device == "cpu",
            disable_tqdm=True,
            model_init_kwargs={"dtype": "bfloat16"} if self.device == "cuda" else None,  # the KL reference model's
        )
        # The dataset row names the case; the environment server's reset gives the real opening.
        dataset = Dataset.from_dict({"prompt": [[{"role": "user", "content": t["id"]}] for t in self.job["train"]]})
        callback = events.StudioCallback(self.after_step, self.stop.is_set)

        def rollout(prompts, trainer):
            started = time.perf_counter()
            with unwrap_model_for_generation(trainer.model_wrapped, trainer.accelerator) as model:
                episodes = play(model, self.tokenizer, self.renderer, self.Env, [p[-1]["content"] for p in prompts], self.settings, should_stop=self.stop.is_set)
            callback.rollouts = {**events.rollout_stats(episodes), "timing_s/gen": time.perf_counter() - started}
            self.sample(trainer.state.global_step + 1, episodes[0])
            return {
                "prompt_ids": [e.prompt_ids for e in episodes],
                "completion_ids": [e.completion_ids for e in episodes],
                "logprobs": None,
                "env_mask": [e.mask for e in episodes],
                "env_reward": [e.reward for e in episodes],
            }

        def environment_reward(completions, env_reward, **_):
            return list(env_reward)

        self.trainer = GRPOTrainer(model=self.model, reward_funcs=[environment_reward], args=config, train_dataset=dataset, processing_class=self.tokenizer, rollout_func=rollout, callbacks=[callback])
        self.trainer.remove_callback(PrinterCallback)  # its log dicts would reach stdout as text; the callback reports them as metrics
        try:
            self.trainer.train()
        finally:
            self.model = self.trainer.model
            self.step = self.trainer.state.global_step

    def after_step(self, step):
        self.step = step
        if step % self.schedule["saveEvery"] == 0:
            self.save(step, self.trainer.model)
        if step % self.schedule["evalEvery"] == 0 and step < self.schedule["steps"] and not self.stop.is_set():
            self.evaluate(step, self.trainer.model)


def main(job_path):
    with open(job_path) as f:
        job = json.load(f)
    round_ = Round(job)
    signal.signal(signal.SIGTERM, lambda *_: round_.stop.set())
    events.status("RUNNING", "TRL worker started")
    started = time.time()
    try:
        round_.run()
    except Stopped:
        round_.save(round_.step)
        events.status("STOPPED", f"stopped at step {round_.step}; checkpoint saved")
        return 0
    except Exception as e:  # noqa: BLE001 — every failure becomes a FAILED status with its message
        import traceback

        events.log(traceback.format_exc(), "error")
        events.status("FAILED", f"{type(e).__name__}: {e}")
        return 1
    if round_.stop.is_set():
        events.status("STOPPED", f"stopped at step {round_.step}; checkpoint saved")
    else:
        events.status("SUCCEEDED", f"{round_.step} steps in {time.time() - started:.0f} s")
    return 0
