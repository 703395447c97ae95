"""Replays OpenEnv actions against the studio's environment server over /ws.

Usage: python3 openenv_replay.py < plan.json, where plan.json is
{"url": "http://127.0.0.1:8001", "task_id": "7", "actions": [{"type": "call_tool", ...}, ...]}.
Prints one JSON object: what the episode returned. Needs only the `websockets` package.
"""

import json
import sys

from websockets.sync.client import connect


def exchange(ws, frame):
    ws.send(json.dumps(frame))
    return json.loads(ws.recv(timeout=30))


def main():
    plan = json.load(sys.stdin)
    url = plan["url"].replace("http", "ws", 1) + "/ws"
    with connect(url) as ws:
        ws.send("{oops")  # a malformed frame: answered with an error, the socket stays open
        bad = json.loads(ws.recv(timeout=30))
        reset = exchange(ws, {"type": "reset", "data": {"task_id": plan["task_id"]}})
        tools = exchange(ws, {"type": "step", "data": {"type": "list_tools"}})
        last = reset["data"]
        for action in plan["actions"]:
            if last["done"]:
                break
            reply = exchange(ws, {"type": "step", "data": action})
            if reply["type"] == "error":
                raise SystemExit(f"error frame: {reply['data']}")
            last = reply["data"]
        state = exchange(ws, {"type": "state"})
        ws.send(json.dumps({"type": "close"}))
    print(json.dumps({
        "bad_frame": bad["data"]["code"],
        "opening_roles": [m["role"] for m in reset["data"]["observation"]["messages"]],
        "tools": [t["name"] for t in tools["data"]["observation"]["tools"]],
        "done": last["done"],
        "reward": last["reward"],
        "step_count": state["data"]["step_count"],
    }))


if __name__ == "__main__":
    main()
