"""A checkpoint as an agent: JSONL requests on stdin ({id, messages, tools}), replies on stdout.

Used by lib/train/trl/agent.ts (`flywheel eval --agent trl:<dir>`): the studio's eval harness runs
the episode (tools and user through its environment), this process only generates the turns.
"""

import json
import os
import sys

from .model import STUDIO_FILE, device_and_dtype, load_model, load_tokenizer
from .rollout import Renderer, generate, generation_config, parse_assistant


def template_message(m):
    out = {"role": m["role"], "content": m.get("content") or ""}
    if m.get("tool_calls"):
        out["tool_calls"] = [{"type": "function", "function": {"name": c["function"]["name"], "arguments": c["function"]["arguments"] or "{}"}} for c in m["tool_calls"]]
    return out


def main(checkpoint):
    device, dtype = device_and_dtype(os.environ.get("FLYWHEEL_TRL_DEVICE", "auto"))
    about_file = os.path.join(checkpoint, STUDIO_FILE)
    about = json.load(open(about_file)) if os.path.isfile(about_file) else {}
    tokenizer = load_tokenizer(checkpoint)
    model = load_model(checkpoint, dtype).to(device).eval()
    renderer = Renderer(tokenizer, None, {"enable_thinking": bool(about.get("thinking", False))})
    reply({"ready": True, "device": device, "step": about.get("step")})
    calls = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            settings = {"max_new_tokens": int(request.get("max_new_tokens", 256)), "temperature": float(request.get("temperature", 1.0))}
            ids = renderer.ids([template_message(m) for m in request["messages"]], tools=request.get("tools") or None)
            out = generate(model, tokenizer, [ids], generation_config(tokenizer, settings, sample=settings["temperature"] > 0))[0]
            content, tool_calls = parse_assistant(tokenizer.decode(out, skip_special_tokens=True))
            message = {"role": "assistant", "content": content or (None if tool_calls else "")}
            if tool_calls:
                message["tool_calls"] = []
                for c in tool_calls:
                    calls += 1
                    message["tool_calls"].append({"id": f"call_trl_{calls}", "type": "function", "function": {"name": c["name"], "arguments": json.dumps(c["arguments"])}})
            reply({"id": request.get("id"), "message": message, "tokens": len(out)})
        except Exception as e:  # noqa: BLE001 — the request fails, the server goes on
            reply({"id": request.get("id"), "error": f"{type(e).__name__}: {e}"})
    return 0


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()
