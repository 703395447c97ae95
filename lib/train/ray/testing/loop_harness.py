"""Runs the package's studio agent loop without verl, for the studio's tests.

verl is not installed where the tests run, so its three names the loop imports are stubbed:
AgentLoopBase keeps what verl's passes (config, tokenizer, server_manager), AgentLoopOutput keeps
its fields, register records the name. The tokenizer works on characters and the "model" replays
the assistant texts it is given, so what is tested is the loop itself: sessions, turns, token
masks and the reward, against the studio's real environment server.

usage: python3 loop_harness.py <package dir> <cases.json>
cases.json: {"cases": [{"task_id", "turns": [assistant text, ...], "prompt_length", "response_length"}],
             "parse": [model text, ...]}
prints one JSON object: each run's output fields (token ids decoded), and each text parsed into
the assistant message the loop would send.
"""

import asyncio
import json
import sys
import types
from types import SimpleNamespace

registered = {}


class AgentLoopBase:
    def __init__(self, trainer_config, server_manager, tokenizer, **kwargs):
        self.config = trainer_config.config
        self.server_manager = server_manager
        self.tokenizer = tokenizer


class AgentLoopOutput:
    def __init__(self, **fields):
        self.__dict__.update(fields)


def register(name):
    def decorator(cls):
        registered[name] = cls
        return cls

    return decorator


module = types.ModuleType("verl.experimental.agent_loop.agent_loop")
module.AgentLoopBase, module.AgentLoopOutput, module.register = AgentLoopBase, AgentLoopOutput, register
for name in ["verl", "verl.experimental", "verl.experimental.agent_loop"]:
    sys.modules[name] = types.ModuleType(name)
sys.modules["verl.experimental.agent_loop.agent_loop"] = module


class CharTokenizer:
    def apply_chat_template(self, messages, tools=None, add_generation_prompt=True, tokenize=False, **kwargs):
        text = "".join(f"<|{m['role']}|>{m.get('content') or ''}\n" for m in messages if m)
        if tools:
            text = "<|tools|>" + json.dumps([t["function"]["name"] for t in tools]) + "\n" + text
        return text + ("<|assistant|>" if add_generation_prompt else "")

    def encode(self, text, add_special_tokens=False):
        return [ord(c) for c in text]

    def decode(self, ids, skip_special_tokens=True):
        return "".join(chr(i) for i in ids)


class ReplayModel:
    def __init__(self, turns):
        self.turns = list(turns)
        self.calls = []

    async def generate(self, request_id, prompt_ids, sampling_params):
        self.calls.append({"prompt_tokens": len(prompt_ids), "max_tokens": sampling_params["max_tokens"]})
        text = self.turns.pop(0) if self.turns else "Is there anything else?"
        return SimpleNamespace(token_ids=[ord(c) for c in text][: sampling_params["max_tokens"]], log_probs=None)


def run_case(loop_cls, case):
    rollout = SimpleNamespace(prompt_length=case["prompt_length"], response_length=case["response_length"])
    config = SimpleNamespace(actor_rollout_ref=SimpleNamespace(rollout=rollout))
    model = ReplayModel(case["turns"])
    loop = loop_cls(trainer_config=SimpleNamespace(config=config), server_manager=model, tokenizer=CharTokenizer())
    out = asyncio.run(loop.run({"temperature": 1.0}, extra_info={"index": case["task_id"]}, raw_prompt=[]))
    return {
        "reward_score": out.reward_score,
        "num_turns": out.num_turns,
        "prompt": "".join(chr(i) for i in out.prompt_ids),
        "response": "".join(chr(i) for i in out.response_ids),
        "generated": "".join(chr(i) for i, m in zip(out.response_ids, out.response_mask) if m == 1),
        "mask_ok": len(out.response_mask) == len(out.response_ids),
        "extra_fields": out.extra_fields,
        "model_calls": model.calls,
    }


def main():
    package, case_file = sys.argv[1], sys.argv[2]
    with open(case_file, encoding="utf-8") as f:
        spec = json.load(f)
    sys.path.insert(0, package)
    import studio_agent_loop  # noqa: E402  (after the stubs)

    loop_cls = registered[studio_agent_loop.AGENT_NAME]
    print(json.dumps({
        "registered": sorted(registered),
        "runs": [run_case(loop_cls, case) for case in spec["cases"]],
        "parsed": [studio_agent_loop.assistant_message(text, 1) for text in spec.get("parse", [])],
    }))


if __name__ == "__main__":
    main()
