"""Optional warm start: TRL's SFTTrainer on the normal-path conversations of the training cases."""

import json

from datasets import Dataset
from transformers import PrinterCallback, TrainerCallback
from trl import SFTConfig, SFTTrainer

from . import events


class _SftMetrics(TrainerCallback):
    def __init__(self, should_stop):
        self.should_stop = should_stop

    def on_log(self, args, state, control, logs=None, **kwargs):
        if logs and "loss" in logs:
            events.metrics(state.global_step, {"actor/sft_loss": logs["loss"], "actor/grad_norm": logs.get("grad_norm", float("nan"))}, phase="sft")

    def on_step_end(self, args, state, control, **kwargs):
        if self.should_stop():
            control.should_training_stop = True


def load_records(path, thinking):
    """Chat JSONL lines {messages, tools}: tools as a JSON string so Arrow does not merge their schemas."""
    rows = {"messages": [], "tools": [], "chat_template_kwargs": []}
    with open(path) as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                rows["messages"].append([clean_message(m) for m in record["messages"]])
                rows["tools"].append(json.dumps(record["tools"]))
                rows["chat_template_kwargs"].append({"enable_thinking": thinking})
    return Dataset.from_dict(rows)


def clean_message(m):
    """An OpenAI message as the chat template reads it; tool-call arguments stay JSON strings (the
    Qwen3 template prints them as they are, and Arrow would otherwise merge every call's keys)."""
    out = {"role": m["role"], "content": m.get("content") or ""}
    if m.get("tool_calls"):
        out["tool_calls"] = [{"type": "function", "function": {"name": c["function"]["name"], "arguments": c["function"]["arguments"] or "{}"}} for c in m["tool_calls"]]
    return out


def warm_start(model, tokenizer, path, steps, settings, output_dir, should_stop):
    import datasets

    datasets.disable_progress_bars()  # stderr lines would reach the run's log as warnings
    dataset = load_records(path, settings["thinking"])
    config = SFTConfig(
        output_dir=output_dir,
        max_steps=steps,
        per_device_train_batch_size=settings["sft_batch"],
        learning_rate=settings["sft_lr"],
        lr_scheduler_type="constant",
        logging_steps=1,
        save_strategy="no",
        report_to=[],
        seed=settings["seed"],
        bf16=settings["bf16"],
        use_cpu=settings["use_cpu"],
        disable_tqdm=True,
        assistant_only_loss=True,
        max_length=settings["sft_max_length"],
    )
    trainer = SFTTrainer(model=model, args=config, train_dataset=dataset, processing_class=tokenizer, callbacks=[_SftMetrics(should_stop)])
    trainer.remove_callback(PrinterCallback)
    trainer.train()
    return trainer.model
