"""Flywheel Studio's verl agent loop (verl >= 0.8; pinned in requirements.txt).

One rollout = one session on the studio's environment server. The server owns everything that
makes a case a case: the tools run against the case's database, the simulated user answers text
turns, and the reward is the case's verifiable reward. This loop only turns tokens into
assistant messages and the server's replies back into tokens, so there is no tool or reward
logic here to drift from the studio's.

verl 0.8 removed the interaction API (BaseInteraction), so a simulated user has to live in a
custom AgentLoop: registered below as "studio_env_agent" and listed in agent_loop.yaml, chosen
per parquet row by `agent_name`. The reward goes back as AgentLoopOutput.reward_score, which verl
uses as is.
"""

import asyncio
import json
import logging
import os
import random
import re
import urllib.error
import urllib.request
from typing import Any, Optional
from uuid import uuid4

from verl.experimental.agent_loop.agent_loop import AgentLoopBase, AgentLoopOutput, register

logger = logging.getLogger(__file__)
logger.setLevel(os.getenv("VERL_LOGGING_LEVEL", "WARN"))

AGENT_NAME = "studio_env_agent"
HERE = os.path.dirname(os.path.abspath(__file__))
TOOL_CALL = re.compile(r"<tool_call>\s*(.*?)\s*</tool_call>", re.S)
THINK = re.compile(r"<think>.*?</think>", re.S)
CALL_NAME = re.compile(r'"name"\s*:\s*"([^"]*)"')
STAND_IN = [{"role": "system", "content": "."}, {"role": "user", "content": "."}]


def run_settings() -> dict:
    """studio_run.json, written by the studio beside this file; the job's env vars win."""
    with open(os.path.join(HERE, "studio_run.json"), encoding="utf-8") as f:
        settings = json.load(f)
    settings["env_url"] = os.environ.get("STUDIO_ENV_URL") or settings["env_url"]
    settings["env_token"] = os.environ.get("STUDIO_ENV_TOKEN", "")
    return settings


class EnvClient:
    """The studio's environment server over HTTP (urllib in a thread: no extra dependency)."""

    def __init__(self, url: str, token: str = "", timeout: float = 120.0):
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def _request(self, method: str, path: str, body: Optional[dict] = None) -> dict:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8") or "{}")
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")
            raise RuntimeError(f"environment server {method} {path}: HTTP {e.code} {detail}") from e
        except urllib.error.URLError as e:
            raise RuntimeError(f"environment server at {self.url} unreachable ({e.reason}); set backendOptions.envUrl to a URL the cluster can reach") from e

    async def call(self, method: str, path: str, body: Optional[dict] = None) -> dict:
        return await asyncio.to_thread(self._request, method, path, body)


def assistant_message(text: str, turn: int) -> dict:
    """The model's text as an OpenAI assistant message: hermes <tool_call> blocks become tool calls.

    A block that is not valid JSON still becomes a call (its arguments kept as written), so the
    environment answers it with an error and the reward sees it, as it would from an API model.
    """
    text = THINK.sub("", text)
    calls = []
    for i, block in enumerate(TOOL_CALL.findall(text)):
        try:
            parsed = json.loads(block)
            name = str(parsed.get("name", "")) if isinstance(parsed, dict) else ""
            args = parsed.get("arguments", {}) if isinstance(parsed, dict) else block
            arguments = args if isinstance(args, str) else json.dumps(args)
        except json.JSONDecodeError:
            found = CALL_NAME.search(block)
            name, arguments = (found.group(1) if found else ""), block
        calls.append({"id": f"call_{turn}_{i}", "type": "function", "function": {"name": name, "arguments": arguments}})
    content = TOOL_CALL.sub("", text).strip() or None
    message: dict[str, Any] = {"role": "assistant", "content": content if calls else (content or "")}
    if calls:
        message["tool_calls"] = calls
    return message


@register(AGENT_NAME)
class StudioEnvAgentLoop(AgentLoopBase):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rollout = self.config.actor_rollout_ref.rollout
        self.prompt_length = int(rollout.prompt_length)
        self.response_length = int(rollout.response_length)
        settings = run_settings()
        self.max_turns = int(settings["max_turns"])
        self.max_new_tokens = int(settings["max_new_tokens"])
        self.env = EnvClient(settings["env_url"], settings["env_token"])
        self.template_kwargs = dict(getattr(self, "apply_chat_template_kwargs", None) or {})
        # the environment's replies are rendered after a stand-in conversation and cut off behind
        # it: templates that insist on a system turn or a user query render them as they would
        # mid-conversation
        self.stand_in = self._render(STAND_IN, add_generation_prompt=False)

    def _render(self, messages: list, tools: Optional[list] = None, add_generation_prompt: bool = True) -> str:
        return self.tokenizer.apply_chat_template(
            messages, tools=tools or None, add_generation_prompt=add_generation_prompt, tokenize=False, **self.template_kwargs
        )

    async def _encode(self, messages: list, tools: Optional[list] = None, continuation: bool = False) -> list:
        def work() -> list:
            if not continuation:
                text = self._render(messages, tools)
            else:
                text = self._render(STAND_IN + messages)
                if not text.startswith(self.stand_in):
                    raise ValueError("this chat template does not render appended messages as a continuation of the conversation")
                text = text[len(self.stand_in):]
            return self.tokenizer.encode(text, add_special_tokens=False)

        return await asyncio.get_running_loop().run_in_executor(None, work)

    async def run(self, sampling_params: dict[str, Any], **kwargs) -> AgentLoopOutput:
        extra = kwargs.get("extra_info") or {}
        task_id = str(extra.get("index"))
        opened = await self.env.call("POST", "/sessions", {"task_id": task_id, "max_turns": self.max_turns, "seed": random.randrange(2**31)})
        sid = opened["session_id"]
        try:
            return await self._converse(sid, opened["messages"], opened["tools"], sampling_params)
        finally:
            try:
                await self.env.call("DELETE", f"/sessions/{sid}")
            except Exception as e:  # a session left open expires on the server
                logger.warning("closing session %s failed: %s", sid, e)

    async def _converse(self, sid: str, messages: list, tools: list, sampling_params: dict) -> AgentLoopOutput:
        prompt_ids = await self._encode(messages, tools)
        if len(prompt_ids) > self.prompt_length:
            raise ValueError(f"the opening of session {sid} is {len(prompt_ids)} tokens, over data.max_prompt_length={self.prompt_length}; raise backendOptions.maxPromptLength")
        response_ids: list = []
        mask: list = []
        logprobs: Optional[list] = []
        reward, turns, done = None, 0, False
        while not done and len(response_ids) < self.response_length:
            budget = self.response_length - len(response_ids)
            params = dict(sampling_params, max_tokens=min(self.max_new_tokens, budget))
            out = await self.server_manager.generate(request_id=uuid4().hex, prompt_ids=prompt_ids + response_ids, sampling_params=params)
            ids = list(getattr(out, "token_ids", out))
            out_logprobs = getattr(out, "log_probs", None)
            logprobs = logprobs + list(out_logprobs) if (logprobs is not None and out_logprobs) else None
            response_ids += ids
            mask += [1] * len(ids)
            turns += 1
            text = self.tokenizer.decode(ids, skip_special_tokens=True)
            step = await self.env.call("POST", f"/sessions/{sid}/step", {"message": assistant_message(text, turns)})
            done, reward = bool(step["done"]), step.get("reward")
            if done or not step["appended"]:
                continue
            observed = await self._encode(step["appended"], continuation=True)
            response_ids += observed
            mask += [0] * len(observed)
            if logprobs is not None:
                logprobs += [0.0] * len(observed)
        if reward is None:  # cut off by the response budget: the reward of the trajectory so far
            reward = (await self.env.call("GET", f"/sessions/{sid}/score"))["reward"]
        n = self.response_length
        return AgentLoopOutput(
            prompt_ids=prompt_ids,
            response_ids=response_ids[:n],
            response_mask=mask[:n],
            response_logprobs=logprobs[:n] if logprobs else None,
            reward_score=float(reward),
            num_turns=2 * turns + 1,
            metrics={},
            extra_fields={"turn_scores": [], "tool_rewards": [], "studio_reward": float(reward), "studio_session": sid},
        )
