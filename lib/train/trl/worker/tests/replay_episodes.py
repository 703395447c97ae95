"""Test helper: plays recorded assistant turns through the worker's episode loop against a live
environment server, as if a model had generated them. Reads {url, token, tokenizerDir, cases:
[{id, turns: [assistant messages]}]} on stdin, prints per case what the environment made of it."""

import json
import sys

import torch

from flywheel_trl.env import EnvClient, make_env_class
from flywheel_trl.model import load_tokenizer
from flywheel_trl.rollout import Renderer, play
from trl.chat_template_utils import get_training_chat_template


class RecordedModel(torch.nn.Module):
    """Answers each generate() with the next recorded turn's tokens, as the chat template renders them."""

    def __init__(self, turns, renderer, eos):
        super().__init__()
        self.anchor = torch.nn.Parameter(torch.zeros(1))
        self.outputs = []
        dummy = [{"role": "user", "content": "x"}]
        prefix = renderer.ids(dummy, generation_prompt=True)
        for m in turns:
            message = {"role": "assistant", "content": m.get("content") or ""}
            if m.get("tool_calls"):
                message["tool_calls"] = [{"type": "function", "function": c["function"]} for c in m["tool_calls"]]
            full = renderer.ids(dummy + [message], generation_prompt=False)
            assert full[: len(prefix)] == prefix
            out = full[len(prefix):]
            self.outputs.append(out[: out.index(eos) + 1])

    def generate(self, input_ids, attention_mask=None, generation_config=None):
        turn = torch.tensor([self.outputs.pop(0)])
        return torch.cat([input_ids, turn], dim=1)


def main():
    job = json.load(sys.stdin)
    tokenizer = load_tokenizer("tiny-qwen3", job["tokenizerDir"])
    tokenizer.chat_template = get_training_chat_template(tokenizer)
    renderer = Renderer(tokenizer, None, {"enable_thinking": False})
    client = EnvClient(job["url"], job.get("token"))
    Env = make_env_class(client, client.request("GET", "/tools")["tools"], max_turns=job.get("maxTurns", 30))
    settings = {"max_new_tokens": 512, "temperature": 1.0, "max_completion_length": 100_000}
    results = []
    for case in job["cases"]:
        model = RecordedModel(case["turns"], renderer, tokenizer.eos_token_id)
        [ep] = play(model, tokenizer, renderer, Env, [case["id"]], settings, sample=False)
        model_ids = [t for t, m in zip(ep.completion_ids, ep.mask) if m]
        env_ids = [t for t, m in zip(ep.completion_ids, ep.mask) if not m]
        results.append({
            "id": case["id"], "reward": ep.reward, "turns": ep.turns, "toolCalls": ep.tool_calls, "endReason": ep.end_reason,
            "modelText": tokenizer.decode(model_ids), "envText": tokenizer.decode(env_ids), "messages": ep.messages,
            "promptText": tokenizer.decode(ep.prompt_ids),
        })
    print(json.dumps(results))


main()
