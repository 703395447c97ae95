"""Multi-turn episodes against the environment server, as token sequences TRL can train on.

TRL's own tool loop ends a rollout at the first answer without a tool call; the studio's cases need
the simulated user's next turn after such an answer (a persona pushes back after a refusal). So a
`rollout_func` plays whole episodes: the model's turns are generated here, tool calls and text turns
go to the environment server, and the environment's tokens (tool results, user turns) are masked out
of the loss with `env_mask`.
"""

import json
import re

import torch
from transformers import GenerationConfig

from .env import tool_methods

TOOL_CALL = re.compile(r"<tool_call>\s*(.*?)\s*</tool_call>", re.DOTALL)
THINK = re.compile(r"<think>.*?</think>", re.DOTALL)


def parse_assistant(text):
    """Qwen/Hermes format: `<tool_call>{"name", "arguments"}</tool_call>` blocks, the rest is content."""
    calls = []
    for raw in TOOL_CALL.findall(text):
        try:
            call = json.loads(raw)
        except ValueError:
            continue
        if isinstance(call, dict) and isinstance(call.get("name"), str) and isinstance(call.get("arguments", {}), dict):
            calls.append({"name": call["name"], "arguments": call.get("arguments", {})})
    content = TOOL_CALL.sub("", THINK.sub("", text)).replace("<tool_call>", "").strip()
    return content, calls


class Renderer:
    """Token ids of prompts and of the environment's turns, with a prefix-preserving chat template."""

    def __init__(self, tokenizer, template, template_kwargs):
        self.tokenizer = tokenizer
        self.template = template
        self.kwargs = template_kwargs

    def ids(self, messages, tools=None, generation_prompt=True):
        return self.tokenizer.apply_chat_template(
            messages, tools=tools, add_generation_prompt=generation_prompt, tokenize=True, return_dict=False, chat_template=self.template, **self.kwargs
        )

    def suffix(self, env_messages, after_tool_call):
        """The tokens that follow the model's end-of-turn token: the environment's messages and the next assistant header."""
        if after_tool_call:
            assistant = {"role": "assistant", "content": "", "tool_calls": [{"type": "function", "function": {"name": env_messages[0].get("name", "tool"), "arguments": {}}}]}
        else:
            assistant = {"role": "assistant", "content": "ok"}
        dummy = [{"role": "user", "content": "dummy"}, assistant]
        prefix = self.ids(dummy, generation_prompt=False)
        eos = [i for i, t in enumerate(prefix) if t == self.tokenizer.eos_token_id]
        if eos:
            prefix = prefix[: eos[-1] + 1]
        full = self.ids(dummy + env_messages, generation_prompt=True)
        if full[: len(prefix)] != prefix:
            raise ValueError("the chat template is not prefix-preserving: cannot append environment turns")
        return full[len(prefix) :]


class Episode:
    """One rollout: the prompt's ids, then model tokens (mask 1) and environment tokens (mask 0)."""

    def __init__(self, env, case_id):
        self.env = env
        self.case_id = case_id
        self.prompt_ids = []
        self.completion_ids = []
        self.mask = []
        self.messages = []
        self.turns = 0
        self.tool_calls = 0
        self.end_reason = None
        self.reward = 0.0

    @property
    def finished(self):
        return self.end_reason is not None

    def add_model_turn(self, ids, text, eos_ids, renderer, budget):
        self.completion_ids += ids
        self.mask += [1] * len(ids)
        self.turns += 1
        content, calls = parse_assistant(text)
        message = {"role": "assistant", "content": content}
        if calls:
            message["tool_calls"] = [{"type": "function", "function": {"name": c["name"], "arguments": json.dumps(c["arguments"])}} for c in calls]
        self.messages.append(message)
        if not ids or ids[-1] not in eos_ids:
            self.end_reason = "truncated"  # the turn hit its token limit mid-sentence
            return
        if calls:
            env_messages = self.call_tools(content, calls)
        else:
            env_messages = self.reply(content)
        if self.env.done:
            self.end_reason = self.env.end_reason or "done"
            return
        suffix = renderer.suffix(env_messages, after_tool_call=bool(calls))
        if len(self.completion_ids) + len(suffix) >= budget:
            self.end_reason = "max_tokens"
            return
        self.completion_ids += suffix
        self.mask += [0] * len(suffix)

    def call_tools(self, content, calls):
        """Every call goes to the environment as the model wrote it (an unknown tool or a wrong argument
        is the environment's error to answer, and the reward sees it): the path the tool methods take."""
        out = []
        for call in calls:
            self.tool_calls += 1
            self.env.pending_content = content or None
            result = self.env._call_tool(call["name"], call["arguments"])
            out.append({"role": "tool", "name": call["name"], "content": result})
            self.messages.append(out[-1])
            if self.env.done:
                break
        return out

    def reply(self, content):
        user = self.env._reply(content or "…")
        message = {"role": "user", "content": user or ""}
        self.messages.append(message)
        return [message]


def generate(model, tokenizer, sequences, config):
    """One batched generation step (left-padded); each output cut after its first end-of-turn token."""
    device = next(model.parameters()).device
    width = max(len(s) for s in sequences)
    pad = tokenizer.pad_token_id
    input_ids = torch.tensor([[pad] * (width - len(s)) + s for s in sequences], device=device)
    attention = torch.tensor([[0] * (width - len(s)) + [1] * len(s) for s in sequences], device=device)
    with torch.no_grad():
        out = model.generate(input_ids=input_ids, attention_mask=attention, generation_config=config)
    eos = set(config.eos_token_id if isinstance(config.eos_token_id, list) else [config.eos_token_id])
    result = []
    for row in out[:, width:].tolist():
        cut = next((i + 1 for i, t in enumerate(row) if t in eos), len(row))
        result.append(row[:cut])
    return result


def generation_config(tokenizer, settings, sample=True):
    eos = [tokenizer.eos_token_id]
    return GenerationConfig(
        max_new_tokens=settings["max_new_tokens"],
        do_sample=sample,
        temperature=settings["temperature"] if sample else None,
        top_p=1.0 if sample else None,
        top_k=0 if sample else None,
        eos_token_id=eos,
        pad_token_id=tokenizer.pad_token_id,
    )


def play(model, tokenizer, renderer, env_factory, case_ids, settings, sample=True, should_stop=lambda: False):
    """Plays one episode per case id, all of them turn by turn in one batch."""
    episodes = []
    try:
        for case_id in case_ids:
            env = env_factory()
            env.reset(case_id=case_id)
            ep = Episode(env, case_id)
            ep.messages = list(env.messages)
            ep.prompt_ids = renderer.ids(env.messages, tools=tool_methods(env))
            episodes.append(ep)
        config = generation_config(tokenizer, settings, sample)
        eos_ids = set(config.eos_token_id)
        active = list(episodes)
        while active:
            if should_stop():
                raise Stopped()
            outputs = generate(model, tokenizer, [e.prompt_ids + e.completion_ids for e in active], config)
            for ep, ids in zip(active, outputs):
                text = tokenizer.decode(ids, skip_special_tokens=True)
                ep.add_model_turn(ids, text, eos_ids, renderer, settings["max_completion_length"])
            active = [e for e in active if not e.finished]
        for ep in episodes:
            ep.reward = ep.env.get_reward()
    finally:
        for ep in episodes:
            ep.env._close()
    return episodes


class Stopped(Exception):
    """A stop was requested while episodes were being played."""
